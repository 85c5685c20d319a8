"""The SQLite history: what streams is on disk, a crash leaves an interrupted turn, and the
schema grows by recorded migrations with a copy of the old file kept aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.model.conversation import Conversation
from desktop.model.turn import TurnStatus
from desktop.protocol.errors import ServiceError
from desktop.protocol.events import AnswerDelta, CodeCall, Failed, RequestStarted, ThinkingDelta, Usage, UsageUpdate
from desktop.store.history import MIGRATIONS, History


def test_a_turn_reads_back_as_it_was_saved(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    c = Conversation()
    t = c.start_turn("日本語の質問")
    t.mark_sent()
    for e in [RequestStarted("rid"), ThinkingDelta("考え中"), CodeCall(0, "123**21"), ThinkingDelta("ok"),
              AnswerDelta("答え"), UsageUpdate(Usage(1, 2, 3, 4, 1)),
              Failed(ServiceError("InternalError", "boom", 500, "rid"))]:
        t.apply(e)
    history.save_turn(c, t)
    history.close()

    loaded = History(tmp_path / "h.sqlite3").load(c.id)
    assert loaded is not None and loaded.title == "日本語の質問"
    [back] = loaded.turns
    assert (back.user, back.thinking, back.code, back.answer) == ("日本語の質問", "考え中ok", ["123**21"], "答え")
    assert back.usage == Usage(1, 2, 3, 4, 1)
    assert back.status is TurnStatus.ERROR and back.error == t.error
    assert [s.to_dict() for s in back.steps] == [s.to_dict() for s in t.steps]
    assert (back.request_id, back.sent_at, back.first_token_at) == ("rid", t.sent_at, t.first_token_at)


def test_a_turn_left_streaming_by_a_crash_reads_back_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    c = Conversation()
    t = c.start_turn("q")
    t.apply(AnswerDelta("half an ans"))
    history.save_turn(c, t)  # saved mid-stream, then the process "dies": no close, no final save
    del history

    reopened = History(path)
    assert reopened.recovered == 1
    [turn] = reopened.load(c.id).turns  # type: ignore[union-attr]
    assert turn.status is TurnStatus.INTERRUPTED and turn.answer == "half an ans"
    assert turn.finished_at is not None


def test_latest_conversation_and_listing(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    first, second = Conversation(), Conversation()
    history.save_turn(first, first.start_turn("one"))
    history.save_turn(second, second.start_turn("two"))
    assert history.latest_id() == second.id
    assert [s.title for s in history.list_conversations()] == ["two", "one"]


def test_migrations_are_recorded_and_an_old_file_is_copied_aside(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with sqlite3.connect(path) as db:  # a database from before the migrations table existed
        db.execute("CREATE TABLE notes (x TEXT)")
        db.execute("INSERT INTO notes VALUES ('keep me')")
    db.close()
    history = History(path)
    names = [r[0] for r in history._db.execute("SELECT name FROM schema_migrations")]  # noqa: SLF001
    assert names == [name for name, _ in MIGRATIONS]
    backups = list(tmp_path.glob("h.sqlite3.before-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT x FROM notes").fetchone() == ("keep me",)
    history.close()
    History(path).close()  # nothing pending: no second backup
    assert len(list(tmp_path.glob("*.bak"))) == 1
