"""A conversation exported as a Jupyter notebook: valid nbformat 4, converted by nbconvert as
Jupyter would, with the outputs of running the code locally in the real runner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli.main import main
from desktop.export import export_to, format_for
from desktop.model.conversation import Conversation
from desktop.model.output import Output, OutputKind
from desktop.notebook import to_notebook
from desktop.protocol.events import AnswerDelta, CodeCall, Finished, ThinkingDelta
from desktop.runner import RunOptions, run_cells_sync
from desktop.store.history import History
from tests.wire import reference

nbformat = pytest.importorskip("nbformat", reason="nbformat is a test dependency (pip install -e '.[test]')")

POWER_21 = "77269364466549865653073473388030061522211723"


def _conversation() -> Conversation:
    """The seeds' two turns as the service streamed them (thinking, code, thinking, answer)."""
    conversation = Conversation(title="Powers <and> plots")
    first = conversation.start_turn("What is 123 to the power of 21?")
    first.apply(ThinkingDelta("The user wants the exact value; I'll run code."))
    first.apply(CodeCall(0, reference("power_21").code[0]))
    first.apply(ThinkingDelta("The code returned the value."))
    first.apply(AnswerDelta(f"123 to the power of 21 is:\n\n{POWER_21}"))
    first.apply(Finished("stop"))
    second = conversation.start_turn("Now 123**23, divide it by 5, and show it went wrong once")
    for index, code in enumerate([*reference("two_calls_ja").code, "print('about to fail')\nundefined_name"]):
        second.apply(CodeCall(index, code))
    second.apply(AnswerDelta("Done."))
    second.apply(Finished("stop"))
    for turn in conversation.turns:
        turn.outputs = run_cells_sync(turn.code).outputs  # the real runner, real outputs
    return conversation


def _cells(notebook: dict, kind: str) -> list[dict]:
    return [c for c in notebook["cells"] if c["cell_type"] == kind]


def test_a_conversation_with_local_outputs_is_a_valid_notebook(tmp_path: Path) -> None:
    path = tmp_path / "chat.ipynb"
    assert format_for(path) == "notebook"
    assert export_to(path, _conversation()) == "notebook"
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)  # raises on anything nbformat 4 does not allow
    assert (notebook.nbformat, notebook.nbformat_minor) == (4, 5)
    assert notebook.metadata.kernelspec.name == "python3" and notebook.metadata.title == "Powers <and> plots"

    data = json.loads(path.read_text(encoding="utf-8"))
    markdown = ["".join(c["source"]) for c in _cells(data, "markdown")]
    assert markdown[0].startswith("# Powers <and> plots")
    assert markdown[1] == "## 1. Question\n\nWhat is 123 to the power of 21?"
    thinking = [c for c in _cells(data, "markdown") if "".join(c["source"]).startswith("### Thinking")]
    assert len(thinking) == 2  # each thinking phase where it happened, hidden until opened
    assert all(c["metadata"] == {"jupyter": {"source_hidden": True}, "collapsed": True} for c in thinking)
    assert f"### Answer\n\n123 to the power of 21 is:\n\n{POWER_21}" in markdown

    code = _cells(data, "code")
    assert ["".join(c["source"]) for c in code] == [
        "123**21", *reference("two_calls_ja").code, "print('about to fail')\nundefined_name"]
    assert code[0]["outputs"] == [{"output_type": "execute_result", "execution_count": 1,
                                   "data": {"text/plain": [POWER_21]}, "metadata": {}}]
    # Execution counts restart with each turn: each ran in an interpreter of its own.
    assert [c["execution_count"] for c in code] == [1, 1, 2, 3]
    failing = code[3]["outputs"]
    assert failing[0] == {"output_type": "stream", "name": "stdout", "text": ["about to fail\n"]}
    assert failing[1]["output_type"] == "error" and failing[1]["ename"] == "NameError"
    assert "undefined_name" in failing[1]["evalue"] and any("<cell 3>" in line for line in failing[1]["traceback"])


def test_without_thinking_and_without_outputs(tmp_path: Path) -> None:
    conversation = _conversation()
    for turn in conversation.turns:
        turn.outputs = {}
    text = to_notebook(conversation, thinking=False)
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    assert not any("Thinking" in "".join(c.source) for c in notebook.cells)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [None] * 4 and all(c.outputs == [] for c in code)
    assert [c.metadata.dashchat.ran_locally for c in code] == [False] * 4


def test_every_output_kind_maps_to_its_nbformat_type() -> None:
    conversation = Conversation(title="kinds")
    turn = conversation.start_turn("all of them")
    turn.apply(CodeCall(0, "..."))
    turn.apply(Finished("stop"))
    turn.outputs = {0: [Output.stream("stderr", "warn\n"), Output.display("shown"), Output.image(b"\x89PNG fake"),
                        Output(OutputKind.IMAGE, "[image too large]", mime="image/png", truncated=True, size=10**8),
                        Output.error("E", "message")]}
    notebook = nbformat.reads(to_notebook(conversation), as_version=4)
    nbformat.validate(notebook)
    (code,) = [c for c in notebook.cells if c.cell_type == "code"]
    assert [o.output_type for o in code.outputs] == ["stream", "display_data", "display_data", "display_data", "error"]
    assert code.outputs[2].data["image/png"] == "iVBORyBmYWtl"  # base64 of the bytes
    assert code.outputs[3].data["text/plain"] == "[image too large]"
    assert code.outputs[4].traceback == ["E: message"]
    answer = [c for c in notebook.cells if "".join(c.source).startswith("### Answer")]
    assert ["".join(c.source) for c in answer] == ["### Answer\n\n*(no answer)*"]


def test_nbconvert_turns_the_notebook_into_html(tmp_path: Path) -> None:
    pytest.importorskip("nbconvert", reason="nbconvert is a test dependency (pip install -e '.[test]')")
    conversation = _conversation()
    plotted = False
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        pass
    else:  # a real figure too, when matplotlib is there to draw it
        turn = conversation.start_turn("Plot it")
        turn.apply(CodeCall(0, "import matplotlib.pyplot as plt\nplt.plot([1, 2, 4, 8])\nNone"))
        turn.apply(Finished("stop"))
        turn.outputs = run_cells_sync(turn.code, RunOptions(timeout=60)).outputs
        plotted = True
    path = tmp_path / "chat.ipynb"
    export_to(path, conversation)
    run = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", str(path), "--output-dir", str(tmp_path)],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "chat.html").read_text(encoding="utf-8")
    assert POWER_21 in page and "NameError" in page and "What is 123 to the power of 21?" in page
    assert ("data:image/png;base64," in page) is plotted


def test_history_export_writes_a_notebook_with_the_stored_outputs(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    conversation = _conversation()
    history = History(profile / "history.sqlite3")
    for turn in conversation.turns:
        history.save_turn(conversation, turn)
        history.save_outputs(turn.id, turn.outputs)
    history.close()
    out = tmp_path / "exported.ipynb"
    code = main(["history", "export", "--last", str(out), "--profile", str(profile)])
    stdout, stderr = capsys.readouterr()
    assert (code, stderr) == (0, "")
    assert stdout == f"Wrote {out} (notebook, 2 turns): Powers <and> plots\n"
    notebook = nbformat.read(out, as_version=4)
    nbformat.validate(notebook)
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    assert first_code.outputs[0].data["text/plain"] == POWER_21


def test_the_answers_python_blocks_run_locally_follow_the_answer_as_code_cells(tmp_path: Path) -> None:
    from desktop.model.answer_code import run_through

    conversation = Conversation(title="answer blocks")
    turn = conversation.start_turn("Show me how")
    turn.apply(CodeCall(0, "1 + 1"))
    turn.apply(AnswerDelta("Like this:\n\n```python\nx = 123**21\nprint(x)\n```\n\n```bash\nls\n```\n\n"
                           "```py\nx % 1000\n```\n\n```python\nnot_run = True\n```\n"))
    turn.apply(Finished("stop"))
    cells = run_through(turn.answer, 2)
    turn.answer_outputs = run_cells_sync([b.code for b in cells], indices=[b.ordinal for b in cells]).outputs
    export_to(tmp_path / "c.ipynb", conversation)
    notebook = json.loads((tmp_path / "c.ipynb").read_text(encoding="utf-8"))
    nbformat.validate(notebook)
    kinds = [(c["cell_type"], c["metadata"].get("dashchat", {})) for c in notebook["cells"]]
    answer = next(i for i, c in enumerate(notebook["cells"]) if "".join(c["source"]).startswith("### Answer"))
    assert kinds[answer + 1:] == [("code", {"answer_block": 1, "ran_locally": True}),
                                  ("code", {"answer_block": 3, "ran_locally": True})]
    first, third = notebook["cells"][answer + 1:]
    assert "".join(first["source"]) == "x = 123**21\nprint(x)"
    assert first["outputs"] == [{"output_type": "stream", "name": "stdout", "text": [POWER_21 + "\n"]}]
    assert third["outputs"][0]["data"]["text/plain"] == [str(int(POWER_21) % 1000)]
    assert [c["execution_count"] for c in (first, third)] == [1, 2]  # the call was not run
