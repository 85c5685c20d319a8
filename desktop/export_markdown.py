"""A conversation as Markdown, and what every readable export (Markdown, HTML) says of a turn:
its time, its version, its thinking cut where code ran, its status line. Pure: no Qt. Written
through desktop/export.py.
"""

from __future__ import annotations

import base64
import html
import re
from datetime import datetime

from .export_transcript import answer_outputs_by_block, outputs_by_call
from .model.conversation import Conversation
from .model.output import Output, OutputKind
from .model.turn import Step, StepKind, Turn


def local_time(ts: float | None) -> str:
    """A time as people read it: local, to the minute, with the offset from UTC
    ("2026-12-03 14:05 (UTC+08:00)"). The JSON transcript keeps ISO UTC."""
    if ts is None:
        return ""
    moment = datetime.fromtimestamp(ts).astimezone()
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "local time"
    return f"{moment:%Y-%m-%d %H:%M} ({zone})"


def data_uri(output: Output) -> str:
    return f"data:{output.mime or 'image/png'};base64,{base64.b64encode(output.data).decode('ascii')}"


def _outputs_markdown(outputs: list[Output], label: str) -> list[str]:
    out: list[str] = []
    for output in outputs:
        if output.kind is OutputKind.IMAGE:
            out += ["", f"![{label}]({data_uri(output)})" if output.data else f"*{output.text}*"]
        elif output.kind is OutputKind.ERROR:
            out += ["", _fence(output.plain())]
        elif output.kind is OutputKind.STREAM and output.name == "stderr":
            out += ["", "*stderr:*", "", _fence(output.plain())]
        else:
            out += ["", _fence(output.plain())]
    return out


def version_note(conversation: Conversation, position: int) -> str:
    """" (version 2 of 3)" for a turn of the path that has other versions (regenerated or
    edited), else nothing."""
    versions = conversation.versions_at(position)
    if len(versions) < 2:
        return ""
    turn = conversation.turns[position]
    return f" (version {versions.index(turn) + 1} of {len(versions)})" if turn in versions else ""


def status_line(turn: Turn) -> str:
    u = turn.usage
    parts = [
        f"status: {turn.status.value}",
        f"tokens: {u.input_tokens} in, {u.output_tokens} out ({u.reasoning_tokens} reasoning), {u.total_tokens} total"
        if turn.usage_known else "tokens: not reported by the server",
        f"interpreter runs: {u.code_interpreter_calls}" if turn.reports_code
        else "interpreter runs: not reported (OpenAI-compatible protocol)",
    ]
    if turn.connection:
        parts.append(f"connection: {turn.connection}")
    if turn.request_id:
        parts.append(f"request id: {turn.request_id}")
    return " · ".join(parts)


def thinking_passages(turn: Turn) -> list[tuple[str, list[Step]]]:
    """The thinking cut where the model stopped thinking to run code (or, in the compatible
    protocol, fell silent): each passage with the code and silence steps that came after it.
    Without steps (an old or imported turn), one passage."""
    passages: list[tuple[str, list[Step]]] = []
    covered = 0
    for step in turn.steps:
        if step.kind is StepKind.THINKING:
            text = turn.thinking[step.start : step.end]
            if passages and not passages[-1][1]:  # nothing between: the same passage
                passages[-1] = (passages[-1][0] + text, [])
            else:
                passages.append((text, []))
            covered += step.end - step.start
        elif step.kind in (StepKind.CODE, StepKind.SILENCE) and passages:
            passages[-1][1].append(step)
    if covered != len(turn.thinking) or not passages:
        return [(turn.thinking, [])] if turn.thinking else []
    # Steps after the last passage are not interruptions of the thinking.
    last_text, _ = passages[-1]
    passages[-1] = (last_text, [])
    return [(text.strip("\n"), steps) for text, steps in passages if text.strip()]


def step_label(step: Step) -> str:
    if step.kind is StepKind.CODE and step.code_index is not None:
        return f"ran code #{step.code_index + 1}"
    return f"silent for {step.seconds:.1f} s: the interpreter probably ran code"


def _fence(code: str, lang: str = "") -> str:
    # A fence longer than any backtick run inside the code, so code containing ``` survives.
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{code}\n{ticks}"


def to_markdown(conversation: Conversation, thinking: bool = True) -> str:
    out = [f"# {conversation.title or 'Conversation'}", ""]
    out.append(f"*{conversation.model} · {local_time(conversation.created_at)}*")
    for number, turn in enumerate(conversation.turns, 1):
        out += ["", f"## {number}. Question{version_note(conversation, number - 1)}", "", turn.user]
        if thinking and turn.thinking:
            out += ["", "### Thinking"]
            for text, steps in thinking_passages(turn):
                out += ["", "\n".join("> " + line if line else ">" for line in text.split("\n"))]
                out += ["", *(f"> *⚙ {step_label(step)}*" for step in steps)] if steps else []
        calls = outputs_by_call(turn)
        for index, code in enumerate(turn.code, 1):
            out += ["", f"### Executed code #{index}", "", _fence(code, "python")]
            if calls[index - 1]:
                out += ["", f"#### Output #{index} (run locally)"]
                out += _outputs_markdown(calls[index - 1], f"output of code #{index}")
        out += ["", "### Answer", "", turn.answer or "*(no answer)*"]
        for block, outputs in answer_outputs_by_block(turn):
            out += ["", f"#### Output of the answer's code block {block} (run locally)"]
            out += _outputs_markdown(outputs, f"output of the answer's code block {block}")
        if turn.error is not None:
            e = turn.error
            status = f"HTTP {e.http_status}" if e.http_status is not None else "no HTTP status"
            out += ["", f"> **Error** {e.code} ({status}): {e.message}"]
        out += ["", f"<sub>{html.escape(status_line(turn))}</sub>"]
    return "\n".join(out) + "\n"
