"""`dashchat history import`: ChatGPT data exports (built here from the export's documented
shape: a list of conversations, each a tree of `mapping` nodes) and dashchat's own transcripts.
Every branch is kept (as versions of the turn where it diverges), code-interpreter steps become
executed code with their outputs, a second import adds nothing, and a damaged file adds nothing
at all."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.cli.main import main
from desktop.export import to_json
from desktop.imports import ImportFailure, read_path
from desktop.model.conversation import Conversation
from desktop.model.output import Output, OutputKind
from desktop.protocol.events import AnswerDelta, CodeCall, Finished, ThinkingDelta
from desktop.store import importing
from desktop.store.faults import StorageError
from desktop.store.history import History

T0 = 1_700_000_000.0
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32  # enough to be recognised as one
POWER_21 = "77269364466549865653073473388030061522211723"


class ChatGPTConversation:
    """One conversation as ChatGPT's conversations.json holds it."""

    def __init__(self, conversation_id: str, title: str, start: float) -> None:
        self.id, self.title, self.start = conversation_id, title, start
        self.clock = start
        self.mapping: dict[str, dict[str, Any]] = {}
        self.add("client-created-root", None, None)
        self.add("system", "client-created-root", {
            "author": {"role": "system", "name": None, "metadata": {}},
            "content": {"content_type": "text", "parts": [""]},
            "metadata": {"is_visually_hidden_from_conversation": True}})

    def add(self, node_id: str, parent: str | None, message: dict[str, Any] | None) -> str:
        if message is not None:
            self.clock += 7
            message = {"id": node_id, "create_time": self.clock, "update_time": None, "status": "finished_successfully",
                       "end_turn": None, "weight": 1.0, "recipient": "all", "channel": None, "metadata": {},
                       **message}
        self.mapping[node_id] = {"id": node_id, "message": message, "parent": parent, "children": []}
        if parent is not None:
            self.mapping[parent]["children"].append(node_id)
        return node_id

    def user(self, node_id: str, parent: str, text: str) -> str:
        return self.add(node_id, parent, {"author": {"role": "user", "name": None, "metadata": {}},
                                          "content": {"content_type": "text", "parts": [text]}})

    def assistant(self, node_id: str, parent: str, text: str, model: str = "gpt-4o") -> str:
        return self.add(node_id, parent, {
            "author": {"role": "assistant", "name": None, "metadata": {}},
            "content": {"content_type": "text", "parts": [text]},
            "metadata": {"model_slug": model, "finish_details": {"type": "stop", "stop_tokens": [200002]}}})

    def code(self, node_id: str, parent: str, code: str) -> str:
        return self.add(node_id, parent, {
            "author": {"role": "assistant", "name": None, "metadata": {}}, "recipient": "python",
            "content": {"content_type": "code", "language": "unknown", "response_format_name": None, "text": code},
            "metadata": {"model_slug": "gpt-4o"}})

    def python(self, node_id: str, parent: str, text: str, **aggregate: Any) -> str:
        result = {"status": "success", "run_id": f"run-{node_id}", "start_time": self.clock, "update_time": self.clock,
                  "code": "", "end_time": self.clock + 1, "final_expression_output": None,
                  "in_kernel_exception": None, "system_exception": None, "messages": [], "jupyter_messages": [],
                  "timeout_triggered": None, **aggregate}
        return self.add(node_id, parent, {
            "author": {"role": "tool", "name": "python", "metadata": {}},
            "content": {"content_type": "execution_output", "text": text},
            "metadata": {"is_complete": True, "aggregate_result": result, "model_slug": "gpt-4o"}})

    def thoughts(self, node_id: str, parent: str, summary: str, content: str) -> str:
        return self.add(node_id, parent, {
            "author": {"role": "assistant", "name": None, "metadata": {}},
            "content": {"content_type": "thoughts", "thoughts": [{"summary": summary, "content": content}],
                        "source_analysis_msg_id": "x"}})

    def data(self, current: str) -> dict[str, Any]:
        return {"title": self.title, "create_time": self.start, "update_time": self.clock + 100,
                "mapping": self.mapping, "moderation_results": [], "current_node": current, "plugin_ids": None,
                "conversation_id": self.id, "conversation_template_id": None, "gizmo_id": None,
                "is_archived": False, "safe_urls": [], "default_model_slug": "gpt-4o", "id": self.id}


def powers() -> dict[str, Any]:
    """Code interpreter turns, a regenerated answer and an edited question: three branches."""
    c = ChatGPTConversation("67a0c0de-0000-4000-8000-000000000001", "Powers and plots", T0)
    q1 = c.user("q1", "system", "What is 123 ** 21?")
    code1 = c.code("code1", q1, "123 ** 21")
    out1 = c.python("out1", code1, POWER_21, final_expression_output=POWER_21)
    a1 = c.assistant("a1", out1, f"It is {POWER_21}.")
    c.assistant("a1-regenerated", q1, "A very large number, about 7.7e43.")  # branch: regenerated
    q2 = c.user("q2", a1, "Plot the squares and print a greeting")
    code2 = c.code("code2", q2, "import matplotlib.pyplot as plt\nprint('hello from ChatGPT')\nplt.plot([1, 4, 9])")
    out2 = c.python("out2", code2, "hello from ChatGPT\n", messages=[
        {"message_type": "stream", "time": c.clock, "stream_name": "stdout", "sender": "server",
         "text": "hello from ChatGPT\n"},
        {"message_type": "image", "time": c.clock, "sender": "server", "image_payload": None,
         "image_url": "file-service://file-Plot123", "width": 800, "height": 600}])
    code3 = c.code("code3", out2, "undefined_thing")
    out3 = c.python("out3", code3, "NameError: name 'undefined_thing' is not defined", status="failed_with_in_kernel_exception",
                    in_kernel_exception={"name": "NameError", "traceback": [
                        "---------------------------------------------------------------------------\n",
                        "\x1b[0;31mNameError\x1b[0m                                 Traceback (most recent call last)\n",
                        "Cell In[2], line 1\n----> 1 undefined_thing\n",
                        "NameError: name 'undefined_thing' is not defined\n"],
                        "args": ["name 'undefined_thing' is not defined"], "notes": []})
    a2 = c.assistant("a2", out3, "Here is the plot; the last name was undefined.")
    q2_edited = c.user("q2-edited", a1, "Plot it in red instead")  # branch: edited question
    c.assistant("a2-edited", q2_edited, "A red plot, then.")
    return c.data(current=a2)


def hello() -> dict[str, Any]:
    c = ChatGPTConversation("67a0c0de-0000-4000-8000-000000000002", "Hello there", T0 + 86400)
    q = c.user("hq", "system", "Say hello in Japanese")
    t = c.thoughts("ht", q, "Greeting", "The user wants a Japanese greeting.")
    c.add("hr", t, {"author": {"role": "assistant", "name": None, "metadata": {}},
                    "content": {"content_type": "reasoning_recap", "content": "Thought for 2 seconds"}})
    a = c.assistant("ha", "hr", "こんにちは")
    return c.data(current=a)


def write_zip(path: Path, parts: list[list[dict[str, Any]]], broken: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for number, part in enumerate(parts):
            archive.writestr(f"conversations-{number:03d}.json", json.dumps(part))
        if broken is not None:
            archive.writestr(f"conversations-{len(parts):03d}.json", broken)
        archive.writestr("file-Plot123-sandbox-plot.png", PNG)
        archive.writestr("user.json", json.dumps({"id": "user-x"}))
        archive.writestr("chat.html", "<html></html>")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def conversations(profile: Path) -> dict[str, Conversation]:
    history = History(profile / "history.sqlite3")
    try:
        loaded = [history.load(s.id) for s in history.list_conversations()]
        return {c.title: c for c in loaded if c is not None}
    finally:
        history.close()


# -- ChatGPT ------------------------------------------------------------------------------

def test_a_split_zip_export_is_imported_with_every_branch_and_its_code_outputs(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    export = write_zip(tmp_path / "chatgpt-export.zip", [[powers()], [hello()]])
    code, out, err = run(capsys, "history", "import", str(export), "--profile", str(profile))
    assert code == 0, err
    assert out == ("Read 2 conversations: 2 added, 0 already there; 5 turns (2 on branches not shown) "
                   "and 4 code outputs added.\n")
    stored = conversations(profile)
    assert sorted(stored) == ["Hello there", "Powers and plots"]

    shown = stored["Powers and plots"]  # opens on the branch ending at current_node
    first, second = shown.turns
    assert first.user == "What is 123 ** 21?" and first.answer == f"It is {POWER_21}."
    assert first.code == ["123 ** 21"] and first.outputs == {0: [Output.result(POWER_21)]}
    assert first.model == "gpt-4o" and first.connection == "ChatGPT import"
    assert first.sent_at == T0 + 14 and first.finished_at == T0 + 35  # the messages' own times
    assert [s.kind.value for s in first.steps] == ["code", "answer"]
    assert second.parent_id == first.id
    assert second.code == ["import matplotlib.pyplot as plt\nprint('hello from ChatGPT')\nplt.plot([1, 4, 9])",
                           "undefined_thing"]
    assert second.outputs[0] == [Output.stream("stdout", "hello from ChatGPT\n"), Output.image(PNG)]  # from the zip
    error = second.outputs[1][0]
    assert (error.kind, error.name, error.text) == (OutputKind.ERROR, "NameError",
                                                    "name 'undefined_thing' is not defined")
    assert error.traceback[1].startswith("NameError ")  # colour codes removed
    assert second.usage.code_interpreter_calls == 2 and not second.usage_known  # no tokens in an export

    # The other branches are versions of the turn where they diverge, in the order they were made.
    assert len(shown.every_version()) == 4
    original, regenerated = shown.versions_at(0)
    assert original is first and regenerated.parent_id is None
    assert (regenerated.user, regenerated.answer) == ("What is 123 ** 21?", "A very large number, about 7.7e43.")
    asked, edited = shown.versions_at(1)
    assert asked is second and edited.parent_id == first.id  # the shared first turn is stored once
    assert (edited.user, edited.answer) == ("Plot it in red instead", "A red plot, then.")
    shown.show_version(0, regenerated)
    assert shown.turns == [regenerated]

    greeting = stored["Hello there"].turns[0]
    assert greeting.thinking == "Greeting\nThe user wants a Japanese greeting." and greeting.answer == "こんにちは"

    history = History(profile / "history.sqlite3")
    summaries = {s.title: s for s in history.list_conversations()}
    assert summaries["Powers and plots"].updated_at == powers()["update_time"]  # listed by the export's times
    assert [h.field for h in history.search("hello from ChatGPT")] == ["output"]
    assert [h.title for h in history.search("undefined_thing' is not")] == ["Powers and plots"]
    assert [h.turn_id for h in history.search("red plot, then")] == [edited.id]  # a branch not shown, too
    history.close()


def test_importing_the_same_export_again_adds_nothing(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    export = write_zip(tmp_path / "export.zip", [[powers(), hello()]])
    assert run(capsys, "history", "import", str(export), "--profile", str(profile))[0] == 0
    before = (profile / "history.sqlite3").stat().st_size
    code, out, _ = run(capsys, "history", "import", str(export), "--profile", str(profile))
    assert code == 0
    assert out == "Read 2 conversations: 0 added, 2 already there; 0 turns and 0 code outputs added.\n"
    assert len(conversations(profile)) == 2
    # The unzipped conversations.json of the same export is the same conversations, too.
    (tmp_path / "conversations.json").write_text(json.dumps([powers(), hello()]), encoding="utf-8")
    code, out, _ = run(capsys, "history", "import", str(tmp_path / "conversations.json"), "--profile", str(profile))
    assert (code, out.split(":")[1]) == (0, " 0 added, 2 already there; 0 turns and 0 code outputs added.\n")
    assert (profile / "history.sqlite3").stat().st_size == before


def test_a_conversation_continued_in_chatgpt_gets_only_its_new_turns(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text(json.dumps([hello()]), encoding="utf-8")
    assert run(capsys, "history", "import", str(tmp_path / "old.json"), "--profile", str(profile))[0] == 0
    later = hello()
    later["mapping"]["ha"]["children"] = ["hq2"]
    later["mapping"]["hq2"] = {"id": "hq2", "parent": "ha", "children": ["ha2"], "message": {
        "id": "hq2", "author": {"role": "user"}, "create_time": T0 + 90000,
        "content": {"content_type": "text", "parts": ["And in Chinese?"]}, "metadata": {}, "recipient": "all"}}
    later["mapping"]["ha2"] = {"id": "ha2", "parent": "hq2", "children": [], "message": {
        "id": "ha2", "author": {"role": "assistant"}, "create_time": T0 + 90001,
        "content": {"content_type": "text", "parts": ["你好"]}, "metadata": {}, "recipient": "all"}}
    later["current_node"] = "ha2"
    (tmp_path / "new.json").write_text(json.dumps([later]), encoding="utf-8")
    code, out, _ = run(capsys, "history", "import", str(tmp_path / "new.json"), "--profile", str(profile))
    assert code == 0 and "0 added, 1 with new turns, 0 already there; 1 turn and" in out
    assert [t.answer for t in conversations(profile)["Hello there"].turns] == ["こんにちは", "你好"]


def test_one_part_of_a_split_export_and_the_unzipped_folder(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    folder = tmp_path / "unzipped"
    folder.mkdir()
    (folder / "conversations-000.json").write_text(json.dumps([powers()]), encoding="utf-8")
    (folder / "conversations-001.json").write_text(json.dumps([hello()]), encoding="utf-8")
    (folder / "file-Plot123-sandbox-plot.png").write_bytes(PNG)
    code, out, err = run(capsys, "history", "import", str(folder / "conversations-001.json"), "--profile", str(profile))
    assert code == 0 and out.startswith("Read 1 conversation: 1 added")
    assert "conversations-000.json beside it were not read" in err
    code, out, err = run(capsys, "history", "import", str(folder), "--profile", str(profile))
    assert code == 0 and out == ("Read 2 conversations: 1 added, 1 already there; 4 turns (2 on branches not "
                                 "shown) and 4 code outputs added.\n")
    assert conversations(profile)["Powers and plots"].turns[1].outputs[0][1] == Output.image(PNG)


def test_a_damaged_export_adds_nothing_and_says_why(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    assert run(capsys, "history", "import", str(write_zip(tmp_path / "good.zip", [[hello()]])),
               "--profile", str(profile))[0] == 0
    bad_node = powers()
    bad_node["mapping"]["q2"]["children"] = "code2"  # not a list
    cases = {
        "truncated.zip": (write_zip(tmp_path / "truncated.zip", [[powers()]], broken='[{"title": "x", "mapp'),
                          "conversations-001.json is not valid JSON (line 1, column"),
        "bad-node.json": (tmp_path / "bad-node.json", "conversation 1 ('Powers and plots') is malformed: "
                                                      "node 'q2' has children that are not a list"),
        "no-mapping.json": (tmp_path / "no-mapping.json", "conversation 2 ('No tree') is malformed: missing 'mapping'"),
        "other.json": (tmp_path / "other.json", "is neither a ChatGPT export"),
        "not-an-export.zip": (tmp_path / "not-an-export.zip", "holds no conversations.json"),
    }
    (tmp_path / "bad-node.json").write_text(json.dumps([bad_node]), encoding="utf-8")
    (tmp_path / "no-mapping.json").write_text(json.dumps([powers(), {"title": "No tree"}]), encoding="utf-8")
    (tmp_path / "other.json").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "not-an-export.zip", "w") as archive:
        archive.writestr("notes.txt", "hi")
    before = (profile / "history.sqlite3").read_bytes()
    for name, (path, reason) in cases.items():
        code, out, err = run(capsys, "history", "import", str(path), "--profile", str(profile))
        assert (code, out) == (1, ""), name
        assert err.startswith(f"dashchat: cannot import {path}: ") and reason in err, (name, err)
        assert err.endswith("; nothing was imported\n") and err.count("\n") == 1, name
    assert list(conversations(profile)) == ["Hello there"]  # the valid part of truncated.zip did not go in either
    assert (profile / "history.sqlite3").read_bytes() == before
    code, _, err = run(capsys, "history", "import", str(tmp_path / "missing.zip"), "--profile", str(profile))
    assert code == 2 and err == f"dashchat: no such file: {tmp_path / 'missing.zip'}\n"


def test_a_failure_while_writing_rolls_the_whole_import_back(
        monkeypatch: pytest.MonkeyPatch, profile: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([hello(), powers()]), encoding="utf-8")
    batch = read_path(path)
    calls = {"n": 0}
    real_write = importing._outputs.write  # noqa: SLF001

    def failing_write(*args: Any, **kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 3:  # well into the second conversation
            raise OSError(28, "No space left on device")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(importing._outputs, "write", failing_write)  # noqa: SLF001
    history = History(profile / "history.sqlite3")
    with pytest.raises(StorageError, match="disk is full"):
        importing.store(history, batch.conversations)
    assert history.list_conversations() == [] and history.search("hello") == []
    history.close()


def test_reading_a_file_that_is_not_there_or_not_json() -> None:
    with pytest.raises(ImportFailure, match="is not valid JSON"):
        read_path(Path(__file__))


# -- dashchat transcripts -----------------------------------------------------------------

def _dashchat_conversation() -> Conversation:
    conversation = Conversation(title="Exported from dashchat")
    turn = conversation.start_turn("123 ** 21?")
    turn.mark_sent(T0)
    turn.apply(ThinkingDelta("Run it."), now=T0 + 1)
    turn.apply(CodeCall(0, "123 ** 21"), now=T0 + 2)
    turn.apply(AnswerDelta(POWER_21), now=T0 + 3)
    turn.apply(Finished("stop"), now=T0 + 4)
    turn.outputs = {0: [Output.result(POWER_21), Output.image(PNG)]}
    return conversation


def test_a_dashchat_transcript_comes_back_whole_and_only_once(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    original = _dashchat_conversation()
    path = tmp_path / "transcript.json"
    path.write_text(to_json(original), encoding="utf-8")
    code, out, _ = run(capsys, "history", "import", str(path), "--profile", str(profile))
    assert code == 0 and out == "Read 1 conversation: 1 added, 0 already there; 1 turn and 2 code outputs added.\n"
    (back,) = conversations(profile).values()
    assert back.id == original.id and back.title == original.title
    assert back.created_at == pytest.approx(original.created_at, abs=0.001)  # the transcript keeps milliseconds
    (turn,) = back.turns
    source = original.turns[0]
    assert (turn.id, turn.user, turn.thinking, turn.code, turn.answer, turn.steps, turn.outputs) == (
        source.id, source.user, source.thinking, source.code, source.answer, source.steps, source.outputs)
    assert (turn.sent_at, turn.first_token_at, turn.finished_at) == (T0, T0 + 1, T0 + 4)
    assert run(capsys, "history", "import", str(path), "--profile", str(profile))[1].startswith(
        "Read 1 conversation: 0 added, 1 already there")


def test_an_older_transcript_without_ids_gets_the_same_ids_each_time(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    data = json.loads(to_json(_dashchat_conversation()))
    del data["id"]
    for turn in data["turns"]:
        del turn["id"], turn["outputs"]
    path = tmp_path / "old-transcript.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for expected in ("1 added, 0 already there", "0 added, 1 already there"):
        code, out, _ = run(capsys, "history", "import", str(path), "--profile", str(profile))
        assert code == 0 and expected in out
    (back,) = conversations(profile).values()
    assert back.turns[0].answer == POWER_21 and back.turns[0].outputs == {}


def test_a_damaged_transcript_adds_nothing(capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    data = json.loads(to_json(_dashchat_conversation()))
    data["turns"].append({"user": "fine"})
    data["turns"].append({"user": 42})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "history", "import", str(path), "--profile", str(profile))
    assert (code, out) == (1, "")
    assert err == f"dashchat: cannot import {path}: bad.json: turn 3: 'user' must be text; nothing was imported\n"
    assert not (profile / "history.sqlite3").exists() or conversations(profile) == {}
