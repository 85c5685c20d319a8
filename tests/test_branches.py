"""Branches: regenerating a reply or editing a question adds a new version of that turn and
keeps the earlier one with everything that followed it. The requests really sent to the loopback
server, the history on disk, the transcript and its re-import are what is checked."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
from pathlib import Path

from desktop.config import Config
from desktop.export import to_json
from desktop.imports import transcript
from desktop.model.conversation import Conversation
from desktop.session import ChatSession
from desktop.store.history import History
from tests.support.fixtures import ServerHandle
from tests.support.views import QuietView
from tests.test_history import _make_0001_database
from tests.wire import POWER_21_ANSWER

KEY = "sk-test-branches-0123456789"


def _session(server: ServerHandle, profile: Path) -> ChatSession:
    config = Config(profile=profile, base_url=server.base("power_21"))
    return ChatSession(config, History(config.history_path),
                       environ={"DASHSCOPE_API_KEY": KEY, "DASHCHAT_KEY_HOSTS": "127.0.0.1"})


def _sent(server: ServerHandle) -> list[list[dict[str, str]]]:
    return [r["body"]["input"]["messages"] for r in server.requests()]


def test_regenerate_edit_page_and_continue_from_a_branch(server: ServerHandle, profile: Path) -> None:
    session = _session(server, profile)
    view = QuietView()
    runner = asyncio.Runner()

    async def talk() -> None:
        await session.send("first question", view)
        await session.send("second question", view)
        server.clear()
        await session.send("second question", view, version_of=1)  # regenerate
        await session.send("second, edited", view, version_of=1)  # edit and resend
        await session.send("third, after the edit", view)

    runner.run(talk())
    # Each new version was asked with the context before it only; the follow-up with the edit's.
    context = [{"role": "user", "content": "first question"}, {"role": "assistant", "content": POWER_21_ANSWER}]
    assert _sent(server) == [
        [*context, {"role": "user", "content": "second question"}],
        [*context, {"role": "user", "content": "second, edited"}],
        [*context, {"role": "user", "content": "second, edited"}, {"role": "assistant", "content": POWER_21_ANSWER},
         {"role": "user", "content": "third, after the edit"}],
    ]
    conversation = session.conversation
    assert [t.user for t in conversation.turns] == ["first question", "second, edited", "third, after the edit"]
    assert [t.user for t in conversation.versions_at(1)] == ["second question", "second question", "second, edited"]

    # Page back to the first version: its branch ends there (nothing followed it).
    assert session.show_version(1, 0)
    assert [t.user for t in conversation.turns] == ["first question", "second question"]
    # ... and forward again: the edited version comes back with the turn that followed it.
    assert session.show_version(1, 2)
    assert [t.user for t in conversation.turns] == ["first question", "second, edited", "third, after the edit"]
    assert not session.show_version(1, 3)

    # Continue from the first version: the request carries that version's exchange.
    assert session.show_version(1, 0)
    server.clear()

    async def more() -> None:
        await session.send("fourth, on the first branch", view)
        await session.aclose()

    runner.run(more())
    runner.close()
    [sent] = _sent(server)
    assert [m["content"] for m in sent] == ["first question", POWER_21_ANSWER, "second question", POWER_21_ANSWER,
                                            "fourth, on the first branch"]
    session.history.close()

    # Reopened: every version is there, on the branch it was left on.
    history = History(profile / "history.sqlite3")
    try:
        reopened = history.load(conversation.id)
        assert reopened is not None
        assert [t.user for t in reopened.turns] == ["first question", "second question", "fourth, on the first branch"]
        assert len(reopened.versions) == 6
        assert [t.user for t in reopened.versions_at(1)] == ["second question", "second question", "second, edited"]
        reopened.show_version(1, reopened.versions_at(1)[2])
        assert [t.user for t in reopened.turns][-1] == "third, after the edit"
        # A search hit on a hidden version opens its branch.
        assert reopened.show_path_to(reopened.versions_at(1)[1].id) == 1
        assert reopened.turns[1] is reopened.versions_at(1)[1]
    finally:
        history.close()


def test_paging_is_remembered_in_the_history(server: ServerHandle, profile: Path) -> None:
    session = _session(server, profile)

    async def talk() -> None:
        await session.send("q", QuietView())
        await session.send("q again", QuietView(), version_of=0)
        await session.aclose()

    asyncio.run(talk())
    assert session.show_version(0, 0)
    session.history.close()
    history = History(profile / "history.sqlite3")
    try:
        reopened = history.load(session.conversation.id)
        assert reopened is not None and [t.user for t in reopened.turns] == ["q"]
    finally:
        history.close()


def test_the_transcript_keeps_every_version_and_imports_back() -> None:
    conversation = Conversation(title="t")
    first = conversation.start_turn("a")
    conversation.start_turn("b")
    conversation.start_version(1, "b, edited")
    conversation.start_turn("c")
    for when, turn in enumerate(conversation.versions, 1):
        turn.mark_sent(1_700_000_000.0 + when)  # as every turn asked is
    data = json.loads(to_json(conversation))
    assert data["format"] == "dashchat.transcript/2"
    assert [t["user"] for t in data["turns"]] == ["a", "b, edited", "c"]
    assert [t["parent"] for t in data["turns"]] == [None, first.id, data["turns"][1]["id"]]
    assert [(t["user"], t["parent"]) for t in data["other_versions"]] == [("b", first.id)]

    back = transcript.read(data, "x.json").conversation
    assert [t.user for t in back.turns] == ["a", "b, edited", "c"]
    assert [t.user for t in back.versions_at(1)] == ["b", "b, edited"]

    # A /1 transcript (no parents, no other versions) still reads as one straight line.
    data["format"] = "dashchat.transcript/1"
    del data["other_versions"]
    for turn in data["turns"]:
        del turn["parent"]
    old = transcript.read(data, "old.json").conversation
    assert [t.user for t in old.turns] == ["a", "b, edited", "c"]
    assert [t.parent_id for t in old.every_version()] == [None, old.turns[0].id, old.turns[1].id]


def test_an_older_history_becomes_one_straight_branch(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _make_0001_database(path)
    history = History(path)
    try:
        with contextlib.closing(sqlite3.connect(path)) as db:
            rows = db.execute("SELECT conversation_id, position, id, parent_id FROM turns ORDER BY conversation_id, "
                              "position").fetchall()
        previous: dict[str, str] = {}
        for conversation_id, _position, turn_id, parent in rows:
            assert parent == previous.get(conversation_id)
            previous[conversation_id] = turn_id
        c1 = history.load("c1")
        assert c1 is not None and len(c1.turns) == 2 and not c1.branched
    finally:
        history.close()
