"""The SQLite history: what streams is on disk, a crash leaves an interrupted turn, and the
schema grows by recorded migrations with a copy of the old file kept aside."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from desktop.model.conversation import Conversation
from desktop.model.turn import TurnStatus
from desktop.protocol.errors import ServiceError
from desktop.protocol.events import (
    AnswerDelta,
    CodeCall,
    Failed,
    Finished,
    RequestStarted,
    ThinkingDelta,
    Usage,
    UsageUpdate,
)
from desktop.store.history import MIGRATIONS, History, HistoryUnavailable
from desktop.store.migrations import statements


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


def die(history: History) -> None:
    """What the end of its process does to a history: the OS drops its files and their locks,
    and nothing else runs (no close, no final save). Tests that kill a real process:
    tests/test_crash.py."""
    history._db.close()  # noqa: SLF001
    if history._writer is not None:  # noqa: SLF001
        history._writer._db.close()  # noqa: SLF001 - the lock file stays behind, as after a crash


def test_a_turn_left_streaming_by_a_crash_reads_back_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    c = Conversation()
    t = c.start_turn("q")
    t.apply(AnswerDelta("half an ans"))
    history.save_turn(c, t)  # saved mid-stream, then the process "dies": no close, no final save
    die(history)

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


def test_another_programs_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with sqlite3.connect(path) as db:  # tables of its own, no schema_migrations: not dashchat's
        db.execute("CREATE TABLE conversations (x TEXT)")
        db.execute("CREATE TABLE turns (y TEXT)")
        db.execute("INSERT INTO conversations VALUES ('keep me')")
    db.close()
    before = path.read_bytes()
    with pytest.raises(HistoryUnavailable, match="another program"):
        History(path)
    with pytest.raises(HistoryUnavailable, match="another program"):
        History.for_reading(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3"]  # no backup, no WAL, no lock


def test_migrations_are_recorded(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    names = [r[0] for r in history._db.execute("SELECT name FROM schema_migrations")]  # noqa: SLF001
    assert names == [name for name, _ in MIGRATIONS]
    history.close()


# -- migrating a database made by the first release ---------------------------------------

# Exactly what dashchat did before 0002 existed: its schema, and its save_turn's statements.
SCHEMA_0001 = """
CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE turns (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    user_text TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    thinking TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    code_json TEXT NOT NULL DEFAULT '[]',
    steps_json TEXT NOT NULL DEFAULT '[]',
    usage_json TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    finish_reason TEXT,
    error_json TEXT,
    request_id TEXT,
    sent_at REAL,
    first_token_at REAL,
    finished_at REAL,
    saved_at REAL NOT NULL,
    UNIQUE (conversation_id, position)
);
CREATE INDEX conversations_by_update ON conversations(updated_at DESC);
"""
OLD_INSERT_TURN = """INSERT INTO turns (id, conversation_id, position, user_text, model, thinking, answer,
    code_json, steps_json, usage_json, status, finish_reason, error_json, request_id,
    sent_at, first_token_at, finished_at, saved_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""

OLD_TURNS = [
    # id, conversation, position, question, thinking, answer, status
    ("t1", "c1", 0, "What is 123 to the power of 21?", "I'll run Python.",
     "77269364466549865653073473388030061522211723", "complete"),
    ("t2", "c1", 1, "请用中文解释这个数字", "用户想要中文解释", "这个数字有四十四位，是精确的整数结果。", "complete"),
    ("t3", "c2", 0, "東京タワーの高さは？", "", "東京タワーの高さは333メートルです", "streaming"),  # cut off by a crash
]


def _make_0001_database(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    db.executescript("BEGIN;" + SCHEMA_0001 + "COMMIT;")
    db.execute("INSERT INTO schema_migrations VALUES ('0001_conversations_and_turns', 1700000000.0)")
    db.execute("INSERT INTO conversations VALUES ('c1', 'Powers', 'qwen3-max-preview', 1700000000.0, 1700000100.0)")
    db.execute("INSERT INTO conversations VALUES ('c2', '東京', 'qwen3-max-preview', 1700000200.0, 1700000300.0)")
    for tid, cid, pos, user, thinking, answer, status in OLD_TURNS:
        db.execute(OLD_INSERT_TURN, (tid, cid, pos, user, "qwen3-max-preview", thinking, answer, '["123**21"]',
                                     "[]", "{}", status, None, None, f"rid-{tid}", 1700000000.0, 1700000001.0,
                                     None, 1700000002.0))
    rows = db.execute("SELECT rowid, * FROM turns ORDER BY rowid").fetchall()
    db.close()
    return rows


def test_migration_0001_is_still_exactly_what_shipped() -> None:
    # Migrations are append-only: the old app made databases with exactly this SQL.
    assert MIGRATIONS[0][0] == "0001_conversations_and_turns"
    def normal(sql: str) -> list[str]:
        return [" ".join(s.split()) for s in statements(sql)]

    assert normal(MIGRATIONS[0][1]) == normal(SCHEMA_0001)


def test_a_0001_database_migrates_keeps_a_backup_and_its_old_turns_become_searchable(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    old_rows = _make_0001_database(path)

    history = History(path)

    backup = tmp_path / "history.sqlite3.before-0002_search.bak"
    assert backup.is_file()
    with contextlib.closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as old:
        assert old.execute("SELECT rowid, * FROM turns ORDER BY rowid").fetchall() == old_rows
        assert old.execute("SELECT name FROM schema_migrations").fetchall() == [("0001_conversations_and_turns",)]

    db = history._db  # noqa: SLF001
    assert [r[0] for r in db.execute("SELECT name FROM schema_migrations ORDER BY name")] == [
        "0001_conversations_and_turns", "0002_search", "0003_connection", "0004_writer", "0005_outputs",
        "0006_branches", "0007_conversation_options", "0008_output_origin"]
    assert [name for name, _ in MIGRATIONS] == ["0001_conversations_and_turns", "0002_search", "0003_connection",
                                                "0004_writer", "0005_outputs", "0006_branches",
                                                "0007_conversation_options", "0008_output_origin"]
    assert _columns(db, "turns") == [
        "seq", "id", "conversation_id", "position", "status", "model", "finish_reason", "request_id", "sent_at",
        "first_token_at", "finished_at", "saved_at", "usage_json", "error_json", "code_json", "steps_json",
        "user_text", "thinking", "answer", "connection", "protocol", "writer", "parent_id"]
    assert _columns(db, "conversations") == ["id", "title", "model", "created_at", "updated_at", "deleted_at",
                                             "current_leaf"]
    schema = {(kind, name) for kind, name in db.execute("SELECT type, name FROM sqlite_master")
              if not name.startswith("sqlite_autoindex_")}
    assert schema == {
        ("table", "schema_migrations"), ("table", "conversations"), ("table", "turns"),
        ("index", "conversations_by_update"), ("index", "turns_streaming"), ("view", "turns_indexed"),
        ("table", "turns_search"),
        *(("table", f"turns_search_{shadow}") for shadow in ("data", "idx", "docsize", "config")),
        ("trigger", "turns_search_insert"), ("trigger", "turns_search_update"), ("trigger", "turns_search_delete"),
        # 0005_outputs (tests/test_runner.py checks what it holds), rebuilt by 0008_output_origin
        # (tests/test_answer_code.py)
        ("table", "outputs"), ("view", "outputs_indexed"), ("table", "outputs_search"),
        *(("table", f"outputs_search_{shadow}") for shadow in ("data", "idx", "docsize", "config")),
        ("trigger", "outputs_search_insert"), ("trigger", "outputs_search_update"),
        ("trigger", "outputs_search_delete"),
        # 0007_conversation_options (tests/test_conversation_options.py checks what it holds)
        ("table", "conversation_options"), ("trigger", "conversation_options_delete"),
    }
    # Every old turn kept its rowid (as seq) and its content; the one cut off reads as interrupted.
    assert [r[:2] for r in db.execute("SELECT seq, id FROM turns ORDER BY seq")] == [(r[0], r[1]) for r in old_rows]
    assert history.recovered == 1
    c1, c2 = history.load("c1"), history.load("c2")
    assert c1 is not None and c2 is not None
    assert [(t.user, t.thinking, t.answer, t.code) for t in c1.turns] == [
        (user, thinking, answer, ["123**21"]) for _, cid, _, user, thinking, answer, _ in OLD_TURNS if cid == "c1"]
    assert c2.turns[0].status is TurnStatus.INTERRUPTED
    # Turns from before connection profiles were native DashScope turns, with their code.
    assert {(t.protocol, t.connection, t.reports_code) for t in c1.turns + c2.turns} == {("native", "", True)}

    # Old turns are in the index: answers, questions, Chinese, Japanese, 2 characters and more.
    assert _found(history, "四十四位") == [("c1", 1, "answer")]
    assert _found(history, "四十") == [("c1", 1, "answer")]
    assert _found(history, "333メートル") == [("c2", 0, "answer")]  # indexed when recovered
    assert _found(history, "タワー") == [("c2", 0, "user")]  # one hit per turn, its question first
    assert _found(history, "power of 21") == [("c1", 0, "user")]
    assert _found(history, "中文解释") == [("c1", 1, "user")]
    assert _found(history, "中文") == [("c1", 1, "user")]
    assert _found(history, "run python") == []  # thinking only when asked for
    assert _found(history, "run python", include_thinking=True) == [("c1", 0, "thinking")]
    assert _index_matches_a_rebuild(db)
    history.close()
    History(path).close()  # nothing pending: no second backup
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == [backup.name]


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def _found(history: History, text: str, include_thinking: bool = False) -> list[tuple[str, int, str]]:
    return [(h.conversation_id, h.position, h.field) for h in history.search(text, include_thinking)]


def _index_entries(db: sqlite3.Connection) -> list[tuple[object, ...]]:
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_entries USING fts5vocab(main, turns_search, 'instance')")
    return db.execute("SELECT * FROM temp.index_entries ORDER BY 1, 2").fetchall()  # (term, turn)


def _index_matches_a_rebuild(db: sqlite3.Connection) -> bool:
    """The triggers kept the index exactly as a rebuild from the content would make it (a
    wrong 'delete' leaves stale entries that only this comparison shows)."""
    before = _index_entries(db)
    db.execute("INSERT INTO turns_search (turns_search) VALUES ('rebuild')")
    return before == _index_entries(db)


# -- search, rename, delete -----------------------------------------------------------------

def _finished(conversation: Conversation, question: str, answer: str, thinking: str = "") -> None:
    turn = conversation.start_turn(question)
    if thinking:
        turn.apply(ThinkingDelta(thinking))
    turn.apply(AnswerDelta(answer))
    turn.apply(Finished("stop"))


def _store(history: History, conversation: Conversation) -> Conversation:
    for turn in conversation.turns:
        history.save_turn(conversation, turn)
    return conversation


@pytest.fixture
def history(tmp_path: Path) -> History:
    return History(tmp_path / "h.sqlite3")


@pytest.mark.parametrize("newest_read_first", [2000, 0])
def test_chinese_and_japanese_substrings_are_found_whatever_their_length(
        history: History, monkeypatch: pytest.MonkeyPatch, newest_read_first: int) -> None:
    monkeypatch.setattr("desktop.store.search.SCAN_FIRST", newest_read_first)
    zh, ja, en = Conversation(), Conversation(), Conversation()
    _finished(zh, "帮我分析这个数据集", "这个数据集包含一万条记录，其中缺失值很少。")
    _finished(ja, "東京の天気を教えて", "今日の東京は晴れ、最高気温は二十八度です。")
    _finished(en, "Explain recursion", "Recursion is when a FUNCTION calls itself.")
    for c in (zh, ja, en):
        _store(history, c)

    def where(text: str) -> list[tuple[str, str]]:
        return [(h.conversation_id, h.field) for h in history.search(text)]

    assert where("一万条记录") == [(zh.id, "answer")]  # from the middle of a sentence, no word breaks
    assert where("缺失值") == [(zh.id, "answer")]
    assert where("缺失") == [(zh.id, "answer")]  # two characters: below the trigram, still found
    assert where("数据集") == [(zh.id, "user")]  # in both: one hit per turn, the question first
    assert where("晴れ、最高") == [(ja.id, "answer")]
    assert where("二十八度") == [(ja.id, "answer")]
    assert where("晴れ") == [(ja.id, "answer")]
    assert where("東京") == [(ja.id, "user")]
    assert where("京") == [(ja.id, "user")]  # one character
    assert where("function calls") == [(en.id, "answer")]  # case folded
    assert where("fu") == [(en.id, "answer")]
    assert where("大阪") == [] and where("大阪府") == [] and where("晴天") == []
    [hit] = history.search("一万条记录")
    assert (hit.title, hit.position, hit.turn_id) == ("帮我分析这个数据集", 0, zh.turns[0].id)
    assert (hit.before, hit.match, hit.after) == ("这个数据集包含", "一万条记录", "，其中缺失值很少。")
    assert hit.snippet == "这个数据集包含«一万条记录»，其中缺失值很少。"
    assert hit.updated_at > 0


def test_search_text_is_a_literal_substring_never_a_query(history: History) -> None:
    c = Conversation()
    _finished(c, 'He said "stop" AND ran', "100% sure: a_b* (x OR y) NEAR z")
    _store(history, c)
    for text in ['"stop" AND', "100%", "% s", "a_b*", "(x OR y)", "NEAR z", "_", "%", '"']:
        assert [h.conversation_id for h in history.search(text)] == [c.id], text
    for text in ["100%x", "a_c", "stop AND", "xy"]:
        assert history.search(text) == [], text


def test_thinking_is_searched_only_when_asked_for(history: History) -> None:
    c = Conversation()
    _finished(c, "What is 2+2?", "Four.", thinking="Simple arithmetic, no interpreter needed; 簡単な計算")
    _store(history, c)
    for text in ("arithmetic", "簡単な計算", "簡単"):
        assert history.search(text) == [], text
        [hit] = history.search(text, include_thinking=True)
        assert hit.field == "thinking" and hit.match.lower() == text.lower()


def test_a_snippet_is_one_short_line_around_the_match(history: History) -> None:
    c = Conversation()
    _finished(c, "q", "line one\n\n" + "x" * 200 + " the needle here\nand\tmore " + "y" * 200)
    _store(history, c)
    [hit] = history.search("needle")
    assert hit.match == "needle" and hit.field == "answer"
    assert hit.before.startswith("…") and hit.before.endswith(" the ")
    assert hit.after.startswith(" here and more ") and hit.after.endswith("…")
    assert "\n" not in hit.snippet and len(hit.snippet) < 120


def test_hits_come_newest_first_and_respect_the_limit(history: History) -> None:
    ids = []
    for n in range(5):
        c = Conversation()
        _finished(c, f"question {n}", "答案是四十二")
        ids.append(_store(history, c).id)
    for text in ("四十二", "四十"):
        assert [h.conversation_id for h in history.search(text)] == ids[::-1]
        assert [h.conversation_id for h in history.search(text, limit=2)] == ids[:2:-1][:2]


def test_a_streaming_answer_is_indexed_once_it_ends(history: History) -> None:
    c = Conversation()
    turn = c.start_turn("question about zebras")
    turn.apply(AnswerDelta("partial answer about giraffes"))
    history.save_turn(c, turn)
    history.save_turn(c, turn)
    assert [h.field for h in history.search("zebras")] == ["user"]  # the question at once
    assert history.search("giraffes") == []  # not while streaming (see migrations.py)
    turn.apply(AnswerDelta(" and okapis"))
    turn.apply(Finished("stop"))
    history.save_turn(c, turn)
    history.save_turn(c, turn)  # saved twice at the end (as the session does): one entry
    assert [h.field for h in history.search("giraffes and okapis")] == ["answer"]
    assert _index_matches_a_rebuild(history._db)  # noqa: SLF001


def test_a_turn_cut_off_by_a_crash_is_indexed_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    c = Conversation()
    turn = c.start_turn("q")
    turn.apply(AnswerDelta("半分だけの答え"))
    history.save_turn(c, turn)
    assert history.search("半分だけ") == []
    die(history)  # killed: no final save
    reopened = History(path)
    assert [h.turn_id for h in reopened.search("半分だけ")] == [turn.id]
    assert _index_matches_a_rebuild(reopened._db)  # noqa: SLF001


def test_rename_keeps_the_order_and_survives_later_saves(history: History) -> None:
    first, second = Conversation(), Conversation()
    _finished(first, "first question", "a")
    _finished(second, "second question", "b")
    _store(history, first)
    _store(history, second)
    assert history.rename(first.id, "Renamed: 名前")
    assert [(s.id, s.title) for s in history.list_conversations()] == [
        (second.id, "second question"), (first.id, "Renamed: 名前")]
    assert history.search("first question")[0].title == "Renamed: 名前"
    # The window still holds the old title in memory; its next turn must not undo the rename.
    _finished(first, "follow-up", "c")
    history.save_turn(first, first.turns[-1])
    assert history.load(first.id).title == "Renamed: 名前"  # type: ignore[union-attr]
    assert not history.rename("no-such-id", "x")


def test_delete_hides_everywhere_and_restore_undoes_it(history: History) -> None:
    keep, gone = Conversation(), Conversation()
    _finished(keep, "keep me", "kept answer")
    _finished(gone, "delete me", "删除的回答")
    _store(history, keep)
    _store(history, gone)
    assert history.delete(gone.id)
    assert not history.delete(gone.id)  # already deleted
    assert [s.id for s in history.list_conversations()] == [keep.id]
    assert history.latest_id() == keep.id
    assert history.search("删除的回答") == [] and history.search("删除") == [] and history.search("delete") == []
    assert history.ids_starting_with(gone.id[:6]) == []
    assert history.summary(gone.id) is None and history.summary(keep.id).title == "keep me"  # type: ignore[union-attr]
    assert history.restore(gone.id)
    assert not history.restore(gone.id)
    assert history.summary(gone.id) == history.list_conversations()[0]
    assert [s.id for s in history.list_conversations()] == [gone.id, keep.id]  # back in its place
    assert [h.conversation_id for h in history.search("删除的回答")] == [gone.id]
    assert history.load(gone.id).turns[0].answer == "删除的回答"  # type: ignore[union-attr]


def test_deleted_conversations_are_purged_at_a_later_start_with_turns_and_index(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    keep, gone = Conversation(), Conversation()
    _finished(keep, "keep me", "kept answer")
    _finished(gone, "delete me", "purged answer text")
    _store(history, keep)
    _store(history, gone)
    history.delete(gone.id)
    history.close()
    assert History(path).purged == 0  # within the default 30 days: still restorable
    history = History(path, keep_deleted_days=0)
    assert history.purged == 1
    db = history._db  # noqa: SLF001
    assert db.execute("SELECT COUNT(*) FROM turns WHERE conversation_id = ?", (gone.id,)).fetchone() == (0,)
    assert db.execute("SELECT rowid FROM turns_search WHERE turns_search MATCH '\"urg\"'").fetchall() == []
    assert not history.restore(gone.id) and history.load(gone.id) is None
    assert [s.id for s in history.list_conversations()] == [keep.id]
    assert _index_matches_a_rebuild(db)


def test_listing_pages_newest_first_with_turn_counts(history: History) -> None:
    made = []
    for n in range(7):
        c = Conversation()
        for k in range(n % 3 + 1):
            _finished(c, f"c{n} q{k}", "a")
        made.append(_store(history, c))
    newest_first = [(c.id, len(c.turns)) for c in reversed(made)]
    assert [(s.id, s.turn_count) for s in history.list_conversations(limit=3)] == newest_first[:3]
    assert [(s.id, s.turn_count) for s in history.list_conversations(limit=3, offset=3)] == newest_first[3:6]
    assert [s.id for s in history.list_conversations(limit=3, offset=6)] == [newest_first[6][0]]


def test_a_turn_id_leads_to_its_conversation_and_position(history: History) -> None:
    c = Conversation()
    _finished(c, "one", "a")
    _finished(c, "two", "b")
    _store(history, c)
    assert history.load_turn_position(c.turns[1].id) == (c.id, 1)
    assert history.load_turn_position("nope") is None


def test_ids_by_prefix(history: History) -> None:
    a = Conversation(id="abcdef0011")
    b = Conversation(id="abcdef0022")
    for c in (a, b):
        _finished(c, "q", "a")
        _store(history, c)
    assert history.ids_starting_with("abcdef") == [a.id, b.id]
    assert history.ids_starting_with("abcdef001") == [a.id]
    assert history.ids_starting_with("abcdeg") == []



def test_short_texts_at_the_very_end_or_whole_are_found_by_the_index_and_by_the_scan(
        history: History, monkeypatch: pytest.MonkeyPatch) -> None:
    whole, end, inside = Conversation(), Conversation(), Conversation()
    _finished(whole, "你好", "好")  # a whole question of two characters, an answer of one
    _finished(end, "天気はどう", "明日は雨")  # the pair is the last thing in the answer
    _finished(inside, "abcXbcd", "one two")  # every trigram of "abcd", but never "abcd"
    for c in (whole, end, inside):
        _store(history, c)
    cases = {"你好": [whole.id], "好": [whole.id], "は雨": [end.id], "雨": [end.id], "どう": [end.id],
             "abcd": [], "bcX": [inside.id], "E T": [inside.id], "Xb": [inside.id], "d": [inside.id], "q": []}

    def found() -> dict[str, list[str]]:
        return {text: [h.conversation_id for h in history.search(text)] for text in cases}

    assert found() == cases  # a history this small is read directly (the newest turns)
    monkeypatch.setattr("desktop.store.search.SCAN_FIRST", 0)
    assert found() == cases  # through the index's terms that start with the text
    monkeypatch.setattr("desktop.store.search.MAX_PREFIX_TERMS", 0)
    assert found() == cases  # a text that starts too many terms: every turn is read


def test_a_turn_another_process_is_streaming_is_left_alone(tmp_path: Path) -> None:
    """`dashchat ask` (or a second window) opening the history while the window streams a reply:
    that reply is not marked interrupted, and is once its writer is gone."""
    path = tmp_path / "h.sqlite3"
    writer = History(path)
    c = Conversation()
    turn = c.start_turn("q")
    turn.apply(AnswerDelta("still coming"))
    writer.save_turn(c, turn)

    beside = History(path)  # the writer is alive: its lock cannot be taken
    assert beside.recovered == 0
    assert beside.load(c.id).turns[0].status is TurnStatus.STREAMING  # type: ignore[union-attr]
    beside.close()

    turn.apply(AnswerDelta(" and done"))
    turn.apply(Finished("stop"))
    writer.save_turn(c, turn)  # it finishes normally
    assert History(path).load(c.id).turns[0].status is TurnStatus.COMPLETE  # type: ignore[union-attr]

    second = c.start_turn("q2")
    second.apply(AnswerDelta("cut"))
    writer.save_turn(c, second)
    die(writer)
    after = History(path)
    assert after.recovered == 1
    assert [t.status for t in after.load(c.id).turns] == [TurnStatus.COMPLETE, TurnStatus.INTERRUPTED]  # type: ignore[union-attr]
    assert list((tmp_path / "h.sqlite3.live").iterdir()) == []  # the dead writer's file is swept


def test_a_closed_history_leaves_no_lock_file(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    c = Conversation()
    history.save_turn(c, c.start_turn("q"))
    assert len(list((tmp_path / "h.sqlite3.live").iterdir())) == 1
    history.close()
    assert list((tmp_path / "h.sqlite3.live").iterdir()) == []


def test_a_backup_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _make_0001_database(path)
    earlier = tmp_path / "history.sqlite3.before-0002_search.bak"
    earlier.write_bytes(b"an earlier backup the user kept")
    History(path).close()
    assert earlier.read_bytes() == b"an earlier backup the user kept"
    [new] = [p for p in tmp_path.glob("*.bak") if p != earlier]
    with contextlib.closing(sqlite3.connect(f"file:{new}?mode=ro", uri=True)) as old:
        assert old.execute("SELECT name FROM schema_migrations").fetchall() == [("0001_conversations_and_turns",)]
