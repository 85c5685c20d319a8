"""Real signals to the real `dashchat ask` and window processes mid-stream: each stops the stream,
keeps the partial turn as interrupted, writes the requested export, says so in one stderr line
and exits with 128 + the signal's number, without a traceback."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import pytest

from desktop.model.turn import TurnStatus
from tests.support.fixtures import ServerHandle
from tests.test_storage_faults import FULL, _start, _stored_turn, _wait_for_thinking_on_disk

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
@pytest.mark.parametrize("front_end", ["ask", "window"])
def test_a_stop_signal_keeps_the_partial_turn_and_exits_with_its_status(
        server: ServerHandle, profile: Path, tmp_path: Path, front_end: str, signum: signal.Signals) -> None:
    export = tmp_path / "partial.json"
    path = profile / "history.sqlite3"
    process = _start(server, profile, front_end, "--export", str(export))
    try:
        _wait_for_thinking_on_disk(path, process)
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert process.returncode == 128 + signum, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [f"dashchat: stopped by {signum.name}; what arrived is kept in the history as interrupted"]

    turn = _stored_turn(path)
    assert turn.status is TurnStatus.INTERRUPTED
    assert turn.thinking and FULL.thinking.startswith(turn.thinking) and len(turn.thinking) < len(FULL.thinking)
    assert turn.error is None  # a stop, not an error

    [exported] = json.loads(export.read_text(encoding="utf-8"))["turns"]
    assert exported["status"] == "interrupted"
    assert exported["thinking"] == turn.thinking  # the export has what the history has
    if front_end == "ask":
        assert turn.thinking in out
