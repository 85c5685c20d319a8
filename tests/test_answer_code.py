"""An answer's own fenced Python blocks run locally (issue #17), below the window: which blocks
are Python and their ordinals (the view's Copy button indexes), their outputs kept apart from
the calls' in the history (migration 0008_output_origin), found by search, carried by the
transcript export and its import, and shown in the Markdown, HTML and notebook exports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.export import export_to
from desktop.imports import read_path
from desktop.model.answer_code import answer_blocks, python_blocks, run_through
from desktop.model.conversation import Conversation
from desktop.model.output import Output, OutputKind
from desktop.protocol.events import AnswerDelta, CodeCall, Finished
from desktop.runner import RunOptions, run_cells_sync
from desktop.store import importing
from desktop.store.history import History

POWER_21 = "77269364466549865653073473388030061522211723"

# An answer as a model writes them: prose, a shell block, Python in several spellings, a block
# that shows Markdown holding a fence, indented code, a fence inside a list item, and one left open.
ANSWER = """Here is how to compute it.

```bash
pip install sympy
```

```Python
x = 123**21
print(x)
```

A fence shown as an example (four backticks around three):

````markdown
```python
not_code = True
```
````

    indented = "not a fenced block"

~~~py
print("tilde", x % 1000)
~~~

1. In a list:

   ```python3
   y = x // 5
   ```

Inline ``` ```python ``` ``` is not a fence either.

```ipython
y
"""


def test_blocks_of_a_realistic_answer() -> None:
    blocks = answer_blocks(ANSWER)
    assert [(b.ordinal, b.language, b.is_python) for b in blocks] == [
        (0, "bash", False), (1, "python", True), (2, "markdown", False), (3, "py", True), (4, "python3", True),
        (5, "ipython", True)]
    assert blocks[1].code == "x = 123**21\nprint(x)"
    assert blocks[2].code == "```python\nnot_code = True\n```"  # nested backticks stay inside
    assert blocks[4].code == "y = x // 5"  # the list item's indentation taken off
    assert blocks[5].code == "y"  # unclosed at the end: runs to the end, as the view shows it
    assert [b.number for b in python_blocks(ANSWER)] == [2, 4, 5, 6]
    assert [b.boxed for b in blocks] == [True, True, True, True, False, True]  # the list's is drawn with it
    assert [b.ordinal for b in run_through(ANSWER, 4)] == [1, 3, 4]
    assert run_through(ANSWER, 0) == [] and run_through(ANSWER, 2) == []  # bash, markdown: not run
    assert answer_blocks("no code at all, not even `inline`") == []


def test_the_ordinals_are_the_views_code_blocks(qapp) -> None:
    from desktop.ui.markdown_view import MarkdownView

    view = MarkdownView()
    view.resize(600, 400)
    view.set_markdown(ANSWER)
    assert view.code_blocks() == [b.code for b in answer_blocks(ANSWER)]
    assert len(view.code_boxes()) == sum(b.boxed for b in answer_blocks(ANSWER))


def test_the_python_blocks_run_in_order_sharing_state() -> None:
    cells = run_through(ANSWER, 4)
    result = run_cells_sync([b.code for b in cells], indices=[b.ordinal for b in cells])
    assert result.outputs[1] == [Output.stream("stdout", POWER_21 + "\n")]
    assert result.outputs[3] == [Output.stream("stdout", f"tilde {int(POWER_21) % 1000}\n")]
    assert result.outputs[4] == []


def _answered(answer: str) -> Conversation:
    conversation = Conversation(title="answer blocks")
    turn = conversation.start_turn("What is 123 to the power of 21? Show me the code.")
    turn.mark_sent()
    turn.apply(CodeCall(0, "123**21"))
    turn.apply(AnswerDelta(answer))
    turn.apply(Finished("stop"))
    return conversation


def _old_database(path: Path) -> None:
    """A history as dashchat left it before 0008: a turn with the outputs of its call."""
    from desktop.store.migrations import MIGRATIONS, statements

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    names = [name for name, _ in MIGRATIONS]
    for name, sql in MIGRATIONS[:names.index("0008_output_origin")]:
        for statement in statements(sql):
            db.execute(statement)
        db.execute("INSERT INTO schema_migrations VALUES (?, 0)", (name,))
    db.execute("INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES ('c', 'old', 'm', 0, 0)")
    db.execute("INSERT INTO turns (id, conversation_id, position, user_text, answer, code_json, status, saved_at) "
               "VALUES ('t', 'c', 0, 'q', 'a', '[\"print(1)\", \"2\"]', 'complete', 0)")
    for seq, (index, kind, name, text) in enumerate([(0, "stream", "stdout", "old zebra output\n"),
                                                      (1, "execute_result", "", "2")]):
        db.execute("INSERT INTO outputs (turn_id, call_index, seq, kind, name, created_at, text) "
                   "VALUES ('t', ?, 0, ?, ?, 0, ?)", (index, kind, name, text))
        del seq
    db.close()


def test_a_history_with_call_outputs_migrates_and_keeps_them_apart_from_answer_blocks(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _old_database(path)
    history = History(path)
    assert (tmp_path / "history.sqlite3.before-0008_output_origin.bak").is_file()
    assert history.load_outputs("t") == {0: [Output.stream("stdout", "old zebra output\n")], 1: [Output.result("2")]}
    assert [h.field for h in history.search("zebra out")] == ["output"]  # the old index entries still match

    # Block 0 of the answer and call 0 of the turn each have outputs of their own.
    history.save_outputs("t", {0: [Output.stream("stdout", "answer giraffe\n")]}, origin="answer")
    assert history.load_outputs("t")[0] == [Output.stream("stdout", "old zebra output\n")]
    assert history.load_outputs("t", origin="answer") == {0: [Output.stream("stdout", "answer giraffe\n")]}
    loaded = history.load("c")
    assert loaded is not None
    assert loaded.turns[0].answer_outputs == {0: [Output.stream("stdout", "answer giraffe\n")]}
    assert set(loaded.turns[0].outputs) == {0, 1}
    assert [h.field for h in history.search("giraffe")] == ["output"]

    # Clearing the answer's block leaves the call's outputs, and the other way round.
    assert history.clear_outputs("t", 0, origin="answer") == 1
    assert history.search("giraffe") == [] and history.load_outputs("t", origin="answer") == {}
    assert set(history.load_outputs("t")) == {0, 1}
    assert history.clear_outputs("t") == 2
    history.close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO outputs_search (outputs_search) VALUES ('integrity-check')")  # raises if stale
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO outputs (turn_id, origin, call_index, seq, kind, created_at) "
                       "VALUES ('t', 'elsewhere', 0, 0, 'stream', 0)")


def _with_answer_outputs(tmp_path: Path) -> tuple[History, Conversation]:
    answer = ("Compute it:\n\n```python\nprint(123**21)\n```\n\nThen:\n\n```bash\necho hi\n```\n\n"
              "```python\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
              "plt.plot([1, 4, 9])\nplt.show()\n```\n\n```python\nraise ValueError('no okapis here')\n```\n")
    conversation = _answered(answer)
    turn = conversation.turns[0]
    history = History(tmp_path / "history.sqlite3")
    history.save_turn(conversation, turn)
    cells = run_through(turn.answer, 3)
    result = run_cells_sync([b.code for b in cells], RunOptions(timeout=60), indices=[b.ordinal for b in cells])
    turn.answer_outputs = result.outputs
    history.save_outputs(turn.id, result.outputs, origin="answer")
    return history, conversation


def test_answer_outputs_are_exported_and_a_transcript_brings_them_back(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib is not installed in this Python (pip install matplotlib)")
    history, conversation = _with_answer_outputs(tmp_path)
    loaded = history.load(conversation.id)
    history.close()
    assert loaded is not None
    outputs = loaded.turns[0].answer_outputs
    assert outputs[0] == [Output.stream("stdout", POWER_21 + "\n")]
    assert [o.kind for o in outputs[2]] == [OutputKind.IMAGE] and 1 not in outputs
    assert [o.kind for o in outputs[3]] == [OutputKind.ERROR]

    export_to(tmp_path / "c.md", loaded)
    md = (tmp_path / "c.md").read_text(encoding="utf-8")
    after = md[md.index("### Answer"):]
    assert f"#### Output of the answer's code block 1 (run locally)\n\n```\n{POWER_21}\n" in after
    assert "#### Output of the answer's code block 3 (run locally)" in after
    assert "![output of the answer's code block 3](data:image/png;base64,iVBOR" in after
    assert "ValueError: no okapis here" in after and "code block 2" not in after

    export_to(tmp_path / "c.html", loaded)
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "Output of the answer's code block 1 (run locally)</h4>" in page
    assert f'<pre class="output">{POWER_21}\n</pre>' in page
    assert '<img class="output" alt="output of the answer&#x27;s code block 3" src="data:image/png;base64,' in page

    export_to(tmp_path / "c.json", loaded)
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert [entry["block"] for entry in data["turns"][0]["answer_outputs"]] == [1, 3, 4]
    assert data["turns"][0]["outputs"] == [[]]  # the call was not run: its outputs stay apart

    # The transcript, imported into another history, brings the outputs back to the same blocks.
    other = History(tmp_path / "other.sqlite3")
    batch = read_path(tmp_path / "c.json")
    report = importing.store(other, batch.conversations)
    assert report.outputs_added == 3
    again = other.load(conversation.id)
    assert again is not None and again.turns[0].answer_outputs == outputs and again.turns[0].outputs == {}
    assert [h.field for h in other.search(POWER_21[:15])] == ["output"]
    other.close()


def test_a_transcript_with_malformed_answer_outputs_is_refused(tmp_path: Path) -> None:
    from desktop.imports import ImportFailure

    conversation = _answered("```python\n1\n```")
    export_to(tmp_path / "c.json", conversation)
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    data["turns"][0]["answer_outputs"] = [{"block": 0, "outputs": []}]
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFailure, match="answer_outputs"):
        read_path(tmp_path / "bad.json")


# -- dashchat history run --answer ------------------------------------------------------------

def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from desktop.cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_run_answer_prints_keeps_the_blocks_outputs_apart_and_exits_by_what_they_did(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    answer = ("```python\nbase = 123\nprint(base**21)\n```\n\n```bash\necho hi\n```\n\n"
              "```py\nprint('again', base // 3)\n```\n\n```python\n1 / 0\n```\n")
    conversation = _answered(answer)
    conversation.start_turn("And without code?").apply(AnswerDelta("No code here."))
    conversation.turns[1].apply(Finished("stop"))
    history = History(profile / "history.sqlite3")
    for turn in conversation.turns:
        history.save_turn(conversation, turn)
    history.close()

    # The last turn whose answer has a Python block, all its Python blocks: the last raises.
    code, out, err = _cli(capsys, "history", "run", "--last", "--answer", "--profile", str(profile))
    assert code == 1, err
    assert "Running turn 1 of answer blocks (3 Python blocks of its answer" in err
    assert f"Answer's code block #1{'=' * 20}\nbase = 123\nprint(base**21)\n" in out
    assert f"Output of code block #1{'=' * 20}\n{POWER_21}\n" in out
    assert "again 41\n" in out and "ZeroDivisionError" in err and "#2" not in out
    assert "2 ok, 1 error in" in out
    history = History(profile / "history.sqlite3")
    stored = history.load(conversation.id)
    assert stored is not None
    assert stored.turns[0].outputs == {}  # the executed code's outputs are not the answer's
    assert stored.turns[0].answer_outputs[0] == [Output.stream("stdout", POWER_21 + "\n")]
    assert sorted(stored.turns[0].answer_outputs) == [0, 2, 3]
    history.close()

    # --block N: up to code block N (every fenced block counts): the error is not reached.
    code, out, _ = _cli(capsys, "history", "run", "--last", "--turn", "1", "--block", "3", "--profile", str(profile))
    assert code == 0 and "again 41" in out and "1 / 0" not in out

    for argv, message in (
            (["--answer", "--turn", "2"], "the answer of turn 2 has no Python code block"),
            (["--block", "2"], "code block 2 of turn 1's answer is not a Python block (it has 4 code blocks; "
                               "Python: 1, 3, 4)"),
            (["--block", "9"], "is not a Python block"),
            (["--answer", "--call", "1"], "give one of them")):
        code, out, err = _cli(capsys, "history", "run", "--last", *argv, "--profile", str(profile))
        assert code == 2 and message in err, (argv, err)
