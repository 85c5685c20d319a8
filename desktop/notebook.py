"""A conversation as a Jupyter notebook (nbformat 4.5), built as plain JSON: nbformat itself is
not needed to write one (the tests validate the result with it). Pure: no Qt.

Each turn becomes, in the order it happened (its steps): the question as a Markdown cell; the
thinking, if wanted, as Markdown cells collapsed by default; each executed code call as a code
cell, with the outputs of running it locally when there are any (streams, the last
expression's value, the exception, figures as image/png); the answer as Markdown, followed by
each of its own Python blocks that was run locally, as a code cell with its outputs (metadata
dashchat.answer_block: the block's number among the answer's fenced blocks). Execution counts
restart at 1 for each turn, as each turn ran in an interpreter of its own.
"""

from __future__ import annotations

import base64
import json
import re

from .model.answer_code import answer_blocks
from .model.conversation import Conversation
from .model.output import Output, OutputKind
from .model.turn import StepKind, Turn

NBFORMAT = 4
NBFORMAT_MINOR = 5  # cells carry ids


def _lines(text: str) -> list[str]:
    """A multiline string as nbformat stores it: lines, each keeping its newline."""
    return text.splitlines(keepends=True)


def _cell_id(turn: Turn, suffix: str) -> str:
    # nbformat 4.5: 1-64 characters of [a-zA-Z0-9-_], unique in the notebook.
    return re.sub(r"[^a-zA-Z0-9_-]", "-", f"{turn.id[:32]}-{suffix}")[:64]


def _markdown(cell_id: str, text: str, hidden: bool = False) -> dict[str, object]:
    metadata: dict[str, object] = {}
    if hidden:  # JupyterLab and Notebook 7 read jupyter.source_hidden; classic Notebook, collapsed
        metadata = {"jupyter": {"source_hidden": True}, "collapsed": True}
    return {"cell_type": "markdown", "id": cell_id, "metadata": metadata, "source": _lines(text)}


def _quoted(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


def notebook_outputs(outputs: list[Output], execution_count: int) -> list[dict[str, object]]:
    """Outputs as nbformat 4 output dicts."""
    result: list[dict[str, object]] = []
    for output in outputs:
        if output.kind is OutputKind.STREAM:
            result.append({"output_type": "stream", "name": output.name if output.name in ("stdout", "stderr")
                           else "stdout", "text": _lines(output.plain())})
        elif output.kind is OutputKind.RESULT:
            result.append({"output_type": "execute_result", "execution_count": execution_count,
                           "data": {"text/plain": _lines(output.plain())}, "metadata": {}})
        elif output.kind is OutputKind.ERROR:
            result.append({"output_type": "error", "ename": output.name or "Error", "evalue": output.text,
                           "traceback": list(output.traceback) or [f"{output.name}: {output.text}"]})
        elif output.kind is OutputKind.IMAGE and output.data:
            result.append({"output_type": "display_data", "metadata": {}, "data": {
                output.mime or "image/png": base64.b64encode(output.data).decode("ascii"),
                "text/plain": [f"<{output.mime or 'image/png'}, {len(output.data)} bytes>"]}})
        else:  # DISPLAY, or an image kept only as a note
            result.append({"output_type": "display_data", "metadata": {},
                           "data": {"text/plain": _lines(output.plain())}})
    return result


def _turn_cells(number: int, turn: Turn, thinking: bool) -> list[dict[str, object]]:
    cells: list[dict[str, object]] = [_markdown(_cell_id(turn, "q"), f"## {number}. Question\n\n{turn.user}")]
    pending: list[str] = []  # answer text not yet in a cell
    answers = 0
    runs = 0

    def flush_answer() -> None:
        nonlocal answers
        text = "".join(pending).strip("\n")
        pending.clear()
        if text.strip():
            cells.append(_markdown(_cell_id(turn, f"a{answers}"), ("### Answer\n\n" if answers == 0 else "") + text))
            answers += 1

    def add_thinking(suffix: str, text: str) -> None:
        if thinking and text.strip():
            flush_answer()
            cells.append(_markdown(_cell_id(turn, suffix), "### Thinking\n\n" + _quoted(text.strip("\n")), hidden=True))

    def add_code(index: int) -> None:
        nonlocal runs
        flush_answer()
        outputs = turn.outputs.get(index, [])
        execution = None
        if outputs:
            runs += 1
            execution = runs
        cells.append({"cell_type": "code", "id": _cell_id(turn, f"c{index}"), "execution_count": execution,
                      "metadata": {"dashchat": {"call": index + 1, "ran_locally": bool(outputs)}},
                      "source": _lines(turn.code[index]), "outputs": notebook_outputs(outputs, execution or 0)})

    placed: set[int] = set()
    if turn.steps:
        for position, step in enumerate(turn.steps):
            if step.kind is StepKind.ANSWER:
                pending.append(turn.answer[step.start:step.end])
            elif step.kind is StepKind.THINKING:
                add_thinking(f"t{position}", turn.thinking[step.start:step.end])
            elif step.kind is StepKind.CODE and step.code_index is not None \
                    and step.code_index < len(turn.code) and step.code_index not in placed:
                placed.add(step.code_index)
                add_code(step.code_index)
    else:  # a turn without a timeline: thinking, code, answer
        add_thinking("t", turn.thinking)
    for index in range(len(turn.code)):  # calls the timeline does not name
        if index not in placed:
            add_code(index)
    if not turn.steps:
        pending.append(turn.answer)
    flush_answer()
    if answers == 0:
        cells.append(_markdown(_cell_id(turn, "a0"), "### Answer\n\n*(no answer)*"))
    # The answer's own Python blocks that were run locally, right after the answer, with what they printed.
    blocks = {block.ordinal: block.code for block in answer_blocks(turn.answer)}
    for ordinal, outputs in sorted(turn.answer_outputs.items()):
        if outputs and ordinal in blocks:
            runs += 1
            cells.append({"cell_type": "code", "id": _cell_id(turn, f"b{ordinal}"), "execution_count": runs,
                          "metadata": {"dashchat": {"answer_block": ordinal + 1, "ran_locally": True}},
                          "source": _lines(blocks[ordinal]), "outputs": notebook_outputs(outputs, runs)})
    if turn.error is not None:
        e = turn.error
        status = f"HTTP {e.http_status}" if e.http_status is not None else "no HTTP status"
        cells.append(_markdown(_cell_id(turn, "e"), f"> **Error** {e.code} ({status}): {e.message}"))
    return cells


def to_notebook(conversation: Conversation, thinking: bool = True) -> str:
    """The notebook's JSON text (nbformat 4.5)."""
    from .export_transcript import _iso  # one definition of the time format

    title = conversation.title or "Conversation"
    cells: list[dict[str, object]] = [_markdown(
        "title", f"# {title}\n\n*{conversation.model} · {_iso(conversation.created_at)} · exported by dashchat*")]
    for number, turn in enumerate(conversation.turns, 1):
        cells += _turn_cells(number, turn, thinking)
    notebook = {
        "nbformat": NBFORMAT,
        "nbformat_minor": NBFORMAT_MINOR,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "title": title,
            "dashchat": {"conversation_id": conversation.id, "model": conversation.model,
                         "created_at": _iso(conversation.created_at)},
        },
        "cells": cells,
    }
    return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
