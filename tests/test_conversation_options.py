"""Each conversation's own model, system prompt and thinking budget: what the requests really
sent to the loopback server carry, what the history keeps, and what a continued conversation
(in the session, and `dashchat ask --continue`) asks with."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.config import COMPATIBLE, Config
from desktop.model.conversation import Conversation, ConversationOptions
from desktop.model.turn import Turn
from desktop.protocol.request import GenerationOptions
from desktop.session import ChatSession
from desktop.store import conversation_options
from desktop.store.history import History
from tests.support.fixtures import ServerHandle
from tests.support.views import QuietView
from tests.test_ask import ask
from tests.wire import POWER_21_ANSWER

KEY = "sk-test-options-0123456789"
PROMPT = "You are terse. Answer in one line.\n回答要简短。"


def _session(server: ServerHandle, profile: Path, scenario: str = "power_21", **config: Any) -> ChatSession:
    made = Config(profile=profile, base_url=server.base(scenario), **config)
    return ChatSession(made, History(made.history_path),
                       environ={"DASHSCOPE_API_KEY": KEY, "DASHCHAT_KEY_HOSTS": "127.0.0.1"})


def _run(session: ChatSession, *questions: str) -> list[Turn]:
    async def talk() -> list[Turn]:
        try:
            return [await session.send(q, QuietView()) for q in questions]
        finally:
            await session.aclose()

    return asyncio.run(talk())


def test_options_normalise_what_means_the_settings_choice() -> None:
    assert ConversationOptions(model="  ", system_prompt=" \n ", thinking_budget=0).is_default
    assert ConversationOptions(thinking_budget=-5).thinking_budget is None
    options = ConversationOptions(model=" qwen-x ", system_prompt="  be brief ", thinking_budget=512)
    assert (options.model, options.system_prompt, options.thinking_budget) == ("qwen-x", "  be brief ", 512)
    assert not options.is_default


def test_system_prompt_goes_first_and_only_once() -> None:
    conversation = Conversation(options=ConversationOptions(system_prompt=PROMPT))
    first = conversation.start_turn("one")
    assert conversation.messages_for(first) == [{"role": "system", "content": PROMPT},
                                                {"role": "user", "content": "one"}]
    without = Conversation()
    assert without.messages_for(without.start_turn("one")) == [{"role": "user", "content": "one"}]


def test_model_prompt_and_budget_reach_the_native_request(server: ServerHandle, profile: Path) -> None:
    session = _session(server, profile)
    session.set_options(ConversationOptions(model="qwen-picked", system_prompt=PROMPT, thinking_budget=2048))
    server.clear()
    [turn] = _run(session, "What is 123 to the power of 21?")
    [request] = server.requests()
    body = request["body"]
    assert body["model"] == "qwen-picked"
    assert body["parameters"]["thinking_budget"] == 2048
    assert body["input"]["messages"] == [{"role": "system", "content": PROMPT},
                                         {"role": "user", "content": "What is 123 to the power of 21?"}]
    assert turn.model == "qwen-picked"  # the turn records the model that answered


def test_without_options_the_settings_choices_are_sent(server: ServerHandle, profile: Path) -> None:
    session = _session(server, profile, options=GenerationOptions(model="qwen-settings", thinking_budget=100))
    server.clear()
    _run(session, "hi")
    [request] = server.requests()
    assert request["body"]["model"] == "qwen-settings"
    assert request["body"]["parameters"]["thinking_budget"] == 100
    assert [m["role"] for m in request["body"]["input"]["messages"]] == ["user"]


def test_conversation_budget_wins_over_the_settings_and_the_model_falls_back(server: ServerHandle,
                                                                            profile: Path) -> None:
    session = _session(server, profile, options=GenerationOptions(model="qwen-settings", thinking_budget=100))
    session.set_options(ConversationOptions(thinking_budget=4096))
    server.clear()
    _run(session, "hi")
    [request] = server.requests()
    assert request["body"]["model"] == "qwen-settings"
    assert request["body"]["parameters"]["thinking_budget"] == 4096


def test_the_system_prompt_reaches_the_compatible_request(server: ServerHandle, profile: Path) -> None:
    session = _session(server, profile, "compatible_power_21", protocol=COMPATIBLE)
    session.set_options(ConversationOptions(model="qwen-compat", system_prompt=PROMPT))
    server.clear()
    _run(session, "What is 123 to the power of 21?")
    [request] = server.requests()
    assert request["body"]["model"] == "qwen-compat"
    assert request["body"]["messages"][0] == {"role": "system", "content": PROMPT}
    assert [m["role"] for m in request["body"]["messages"]] == ["system", "user"]


def test_a_continued_conversation_keeps_its_options(server: ServerHandle, profile: Path) -> None:
    first = _session(server, profile)
    first.set_options(ConversationOptions(model="qwen-picked", system_prompt=PROMPT, thinking_budget=2048))
    _run(first, "What is 123 to the power of 21?")
    conversation_id = first.conversation.id
    first.history.close()

    # A later run (a new session, as after a restart) opens it and asks again.
    again = _session(server, profile)
    assert again.open(conversation_id)
    assert again.conversation.options == ConversationOptions(model="qwen-picked", system_prompt=PROMPT,
                                                             thinking_budget=2048)
    server.clear()
    _run(again, "Now divide it by 5")
    [request] = server.requests()
    assert request["body"]["model"] == "qwen-picked"
    assert request["body"]["parameters"]["thinking_budget"] == 2048
    assert request["body"]["input"]["messages"] == [
        {"role": "system", "content": PROMPT},
        {"role": "user", "content": "What is 123 to the power of 21?"},
        {"role": "assistant", "content": POWER_21_ANSWER},
        {"role": "user", "content": "Now divide it by 5"},
    ]
    again.history.close()

    latest = _session(server, profile)
    assert latest.continue_latest()
    assert latest.conversation.options.system_prompt == PROMPT
    latest.history.close()


def test_a_regenerated_reply_keeps_the_system_prompt_first(server: ServerHandle, profile: Path) -> None:
    session = _session(server, profile)
    session.set_options(ConversationOptions(system_prompt=PROMPT))

    async def talk() -> None:
        await session.send("first", QuietView())
        await session.send("second", QuietView())
        server.clear()
        await session.send("second, edited", QuietView(), version_of=1)
        await session.aclose()

    asyncio.run(talk())
    [request] = server.requests()
    assert request["body"]["input"]["messages"] == [
        {"role": "system", "content": PROMPT},
        {"role": "user", "content": "first"},
        {"role": "assistant", "content": POWER_21_ANSWER},
        {"role": "user", "content": "second, edited"},
    ]


def test_options_changed_later_are_stored_at_once_and_cleared_by_the_defaults(server: ServerHandle,
                                                                             profile: Path) -> None:
    session = _session(server, profile)
    _run(session, "hi")
    conversation_id = session.conversation.id
    history = session.history
    assert conversation_options.load(history, conversation_id).is_default

    assert session.set_options(ConversationOptions(system_prompt="later"))
    assert conversation_options.load(history, conversation_id).system_prompt == "later"
    assert session.set_options(ConversationOptions())
    rows = history._db.execute("SELECT COUNT(*) FROM conversation_options").fetchone()  # noqa: SLF001
    assert rows == (0,)
    history.close()


def test_options_of_a_new_conversation_wait_for_its_first_question(server: ServerHandle, profile: Path) -> None:
    session = _session(server, profile)
    session.set_options(ConversationOptions(model="qwen-picked"))
    history = session.history
    assert history.list_conversations() == []
    assert conversation_options.load(history, session.conversation.id).is_default  # nothing written yet
    _run(session, "hi")
    assert conversation_options.load(history, session.conversation.id).model == "qwen-picked"
    history.close()


def test_options_go_with_their_conversation_when_it_is_purged(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    conversation = Conversation()
    turn = conversation.start_turn("q")
    history.save_turn(conversation, turn)
    conversation_options.save(history, conversation.id, ConversationOptions(system_prompt="keep me"))

    history.delete(conversation.id)  # hidden, restorable: the options stay for the restore
    history.restore(conversation.id)
    assert conversation_options.load(history, conversation.id).system_prompt == "keep me"

    history.delete(conversation.id)
    assert history.purge_deleted() == 1
    count = history._db.execute("SELECT COUNT(*) FROM conversation_options").fetchone()  # noqa: SLF001
    assert count == (0,)
    history.close()


def test_a_0006_history_gains_the_table_and_opens_with_default_options(tmp_path: Path) -> None:
    from desktop.store.migrations import MIGRATIONS, statements

    path = tmp_path / "h.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    for name, sql in MIGRATIONS[:6]:
        for statement in statements(sql):
            db.execute(statement)
        db.execute("INSERT INTO schema_migrations VALUES (?, 0)", (name,))
    db.execute("INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES ('c', 't', 'm', 0, 0)")
    db.close()

    history = History(path)
    assert conversation_options.load(history, "c") == ConversationOptions()
    conversation_options.save(history, "c", ConversationOptions(thinking_budget=300))
    loaded = history.load("c")
    assert loaded is not None
    assert conversation_options.attach(history, loaded).options.thinking_budget == 300
    assert (tmp_path / "h.sqlite3.before-0007_conversation_options.bak").is_file()
    history.close()


@pytest.mark.parametrize("budget", [None, 1024])
def test_generation_options_merge(profile: Path, budget: int | None) -> None:
    session = ChatSession(Config(profile=profile, options=GenerationOptions(model="s", thinking_budget=budget,
                                                                            seed=7)),
                          History(profile / "history.sqlite3"))
    session.set_options(ConversationOptions(model="c"))
    merged = session.generation_options()
    assert merged == GenerationOptions(model="c", thinking_budget=budget, seed=7)
    session.history.close()


def test_ask_continue_keeps_the_stored_options(server: ServerHandle, profile: Path) -> None:
    session = _session(server, profile)
    session.set_options(ConversationOptions(model="qwen-picked", system_prompt=PROMPT))
    _run(session, "What is 123 to the power of 21?")
    session.history.close()
    server.clear()
    result = ask(profile, server.base("power_21"), "--continue", "Now divide it by 5")
    assert result.returncode == 0, result.stderr
    [request] = server.requests()
    assert request["body"]["model"] == "qwen-picked"
    assert request["body"]["input"]["messages"][0] == {"role": "system", "content": PROMPT}


def test_ask_system_sets_keeps_and_removes_the_prompt(server: ServerHandle, profile: Path) -> None:
    base = server.base("power_21")
    server.clear()
    assert ask(profile, base, "--system", PROMPT, "What is 123 to the power of 21?").returncode == 0
    assert ask(profile, base, "--continue", "Now divide it by 5").returncode == 0
    assert ask(profile, base, "--continue", "--system", "", "And by 7?").returncode == 0
    first, kept, removed = (r["body"]["input"]["messages"] for r in server.requests())
    assert first == [{"role": "system", "content": PROMPT},
                     {"role": "user", "content": "What is 123 to the power of 21?"}]
    assert kept[0] == {"role": "system", "content": PROMPT} and kept[-1]["content"] == "Now divide it by 5"
    assert [m["role"] for m in removed] == ["user", "assistant", "user", "assistant", "user"]


def test_ask_model_becomes_the_conversations_own(server: ServerHandle, profile: Path) -> None:
    base = server.base("power_21")
    server.clear()
    assert ask(profile, base, "--model", "qwen-chosen", "hi").returncode == 0
    assert ask(profile, base, "--continue", "again").returncode == 0
    assert [r["body"]["model"] for r in server.requests()] == ["qwen-chosen", "qwen-chosen"]


def test_options_travel_in_the_transcript_and_come_back_on_import(server: ServerHandle, profile: Path,
                                                                   tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """`history export` writes the conversation's own choices into the JSON transcript;
    `history import` of that file into another profile asks with them again."""
    import json

    from desktop.cli.main import main

    first = _session(server, profile)
    chosen = ConversationOptions(model="qwen-picked", system_prompt=PROMPT, thinking_budget=1024)
    first.set_options(chosen)
    _run(first, "What is 123 to the power of 21?")
    first.history.close()

    out = tmp_path / "chat.json"
    assert main(["history", "export", "--last", str(out), "--profile", str(profile)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["options"] == {"model": "qwen-picked", "system_prompt": PROMPT, "thinking_budget": 1024}

    elsewhere = tmp_path / "elsewhere"
    assert main(["history", "import", str(out), "--profile", str(elsewhere)]) == 0
    capsys.readouterr()
    imported = _session(server, elsewhere)
    assert imported.continue_latest()
    assert imported.conversation.options == chosen
    server.clear()
    _run(imported, "Now divide it by 5")
    [request] = server.requests()
    assert request["body"]["model"] == "qwen-picked"
    assert request["body"]["input"]["messages"][0] == {"role": "system", "content": PROMPT}


def test_a_transcript_without_options_or_with_bad_ones(tmp_path: Path) -> None:
    from desktop.imports import ImportFailure
    from desktop.imports.transcript import read

    turn = {"user": "hi", "answer": "hello", "status": "complete"}
    assert read({"turns": [turn]}, "t.json").conversation.options.is_default  # a /1 file, or none chosen
    with pytest.raises(ImportFailure, match="thinking_budget"):
        read({"turns": [turn], "options": {"thinking_budget": "lots"}}, "t.json")
    with pytest.raises(ImportFailure, match="'options' must be an object"):
        read({"turns": [turn], "options": ["qwen"]}, "t.json")
