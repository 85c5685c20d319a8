"""The window when the history cannot be written: a disk that fills up mid-stream (a real small
tmpfs). The reply goes on streaming into the panes, a bar says plainly that it is not saved and
offers Save as…, and once space is freed the complete turn lands and the bar goes."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.keys import KEY_ENV
from desktop.model.turn import TurnStatus
from desktop.store.history import History
from tests.support.disks import fill, tmpfs
from tests.support.fixtures import ServerHandle
from tests.test_storage_faults import FULL, KEY, _peek

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a tmpfs mount")


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "3m") as disk:
        path = disk / "profile"
        path.mkdir()
        yield path


async def _until(condition, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


def test_a_full_disk_mid_stream_is_shown_and_the_turn_lands_once_space_is_freed(
        window_factory, qloop, profile: Path, server: ServerHandle) -> None:  # type: ignore[no-untyped-def]
    window = window_factory(server.base("power_21,delay=0.08"), environ={KEY_ENV: KEY})
    path = profile / "history.sqlite3"
    window.input.setPlainText("What is 123 to the power of 21?")
    window.send_from_input()

    async def drive() -> tuple[str, bool]:
        await _until(lambda: (seen := _peek(path)) is not None and bool(seen[1]))
        filler = fill(profile.parent)
        await _until(window.storage_bar.isVisible)
        shown = window.storage_text.text()
        streaming = window.busy  # the reply is still arriving: nothing stopped it
        await asyncio.sleep(0.5)
        filler.unlink()
        await window._task  # noqa: SLF001
        await _until(lambda: not window.storage_bar.isVisible())
        return shown, streaming

    shown, streaming = qloop.run_until_complete(drive())
    assert streaming
    assert "Not saved to the history" in shown and "disk is full" in shown and "Save as" in shown
    [card] = window.answer_pane.cards
    assert card.answer.markdown() == FULL.answer  # the whole reply on screen
    history = History(path)
    try:
        conversation = history.load(window.session.conversation.id)
        assert conversation is not None
        [turn] = conversation.turns
        assert turn.status is TurnStatus.COMPLETE and turn.answer == FULL.answer and turn.thinking == FULL.thinking
    finally:
        history.close()
