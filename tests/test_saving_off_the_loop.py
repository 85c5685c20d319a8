"""A reply's writes while it streams happen on the history's writer thread, from a snapshot of
the turn: the loop that paints the window never waits for SQLite (a WAL checkpoint waits for the
disk: up to 0.7 s was measured on a busy one), and what lands on disk is what had arrived."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from desktop.config import Config
from desktop.model.conversation import Conversation
from desktop.model.turn import Turn, TurnStatus
from desktop.protocol.events import AnswerDelta, CodeCall, ThinkingDelta
from desktop.session import ChatSession
from desktop.store.history import History
from tests.support.fixtures import ServerHandle
from tests.support.views import QuietView
from tests.wire import reference

KEY = "sk-test-saving-0123456789"
FULL = reference("power_21")


class _RecordingHistory(History):
    """A real history that notes, for each turn written, the thread and what was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.writes: list[tuple[str, TurnStatus, str]] = []

    def save_turn(self, conversation: Conversation, turn: Turn, **where: object) -> None:
        super().save_turn(conversation, turn, **where)  # type: ignore[arg-type]
        self.writes.append((threading.current_thread().name, turn.status, turn.thinking + turn.answer))


def test_the_writes_while_a_reply_streams_are_off_the_loop(server: ServerHandle, profile: Path) -> None:
    # Frames 0.1 s apart: several half-second saves happen while the reply streams.
    config = Config(profile=profile, base_url=server.base("power_21,delay=0.1"))
    history = _RecordingHistory(config.history_path)
    session = ChatSession(config, history, environ={"DASHSCOPE_API_KEY": KEY, "DASHCHAT_KEY_HOSTS": "127.0.0.1"})
    loop_thread = threading.current_thread().name

    async def ask() -> Turn:
        try:
            return await session.send("What is 123 to the power of 21?", QuietView())
        finally:
            await session.aclose()

    turn = asyncio.run(ask())
    history.close()
    assert turn.answer == FULL.answer
    first, *later = history.writes
    assert first[0] == loop_thread and first[2] == ""  # the question, before anything arrived
    streaming = [write for write in later if write[1] is TurnStatus.STREAMING]
    assert len(streaming) >= 2, history.writes
    assert all(name != loop_thread for name, _, _ in later), history.writes
    # Each mid-stream write holds a prefix of what arrived, growing; the last write is the whole reply.
    texts = [text for _, _, text in streaming]
    assert texts == sorted(texts, key=len) and all((FULL.thinking + FULL.answer).startswith(t) for t in texts)
    assert later[-1][1] is TurnStatus.COMPLETE and later[-1][2] == FULL.thinking + FULL.answer


def test_a_snapshot_does_not_change_with_the_turn() -> None:
    turn = Turn("q")
    turn.apply(ThinkingDelta("Let me think."))
    turn.apply(CodeCall(0, "print(1)"))
    turn.apply(AnswerDelta("It is"))
    snapshot = turn.snapshot()
    turn.apply(AnswerDelta(" 1."))
    turn.apply(CodeCall(1, "print(2)"))
    assert (snapshot.answer, snapshot.code, len(snapshot.steps)) == ("It is", ["print(1)"], 3)
    assert snapshot.steps[-1].end == len("It is") and turn.steps[-2].end == len("It is 1.")
    assert (turn.answer, turn.code) == ("It is 1.", ["print(1)", "print(2)"])
    assert snapshot.id == turn.id and snapshot.status is TurnStatus.STREAMING
