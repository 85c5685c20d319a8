"""A reply cut off by SIGKILL is kept: the real window process (and `dashchat ask`) streams
from the loopback server, is killed mid-answer, and the next start finds the partial turn,
marked interrupted, with its thinking, its code, and all of the answer but at most what
arrived in the last second before the kill.

The server sends frame i (from 1) no earlier than `DELAY * (i - 1)` after it logged the
request, so what it had sent by a given time is known from the clock. The answer of
power_21 is frames 44-53: at DELAY = 0.2 s it streams for 1.8 s, so the kill lands 1.3 s
into it, with more than a second of answer behind it and the end of the answer still ahead.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from desktop.model.turn import TurnStatus
from desktop.store.history import History
from tests.support.fixtures import ServerHandle
from tests.wire import frames, reference

REPO = Path(__file__).resolve().parents[1]
KEY = "sk-test-0123456789abcdef"
DELAY = 0.2  # seconds between frames
SCENARIO = f"power_21,delay={DELAY}"
FRAMES = frames("power_21")
FIRST_ANSWER_FRAME = next(i for i, f in enumerate(FRAMES, 1) if f["output"]["choices"][0]["message"]["content"])
LAST_ANSWER_FRAME = max(i for i, f in enumerate(FRAMES, 1) if f["output"]["choices"][0]["message"]["content"])
KILL_INTO_ANSWER = 1.3  # seconds after the first answer frame was sent
BUDGET = 1.0  # what arrived in this last second before the kill may be lost
SLACK = 0.1  # the server's sleeps run late by a few ms each: frames go out a little after their time
START_TIMEOUT = 40.0

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _text(kind: str, n: int) -> str:
    """The thinking or answer the first n frames carry."""
    return "".join(f["output"]["choices"][0]["message"][kind] for f in FRAMES[:n])


def _frames_sent_by(moment: float, request_time: float) -> int:
    """At most this many frames were sent by `moment` (frame i is never early)."""
    return max(0, min(len(FRAMES), 1 + int((moment - request_time) / DELAY)))


def _frames_surely_sent_by(moment: float, request_time: float) -> int:
    return _frames_sent_by(moment - SLACK, request_time)


def _peek(path: Path) -> tuple[str, str, str] | None:
    """(status, thinking, answer) of the newest turn, read as a bystander: read-only, never
    creating the file (connecting to a missing path would), tolerating a half-made schema."""
    if not path.exists():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)) as db:
            row = db.execute("SELECT status, thinking, answer FROM turns ORDER BY saved_at DESC LIMIT 1").fetchone()
    except sqlite3.Error:  # not created yet, no table yet, or busy for a moment
        return None
    return row


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    env.update(DASHSCOPE_API_KEY=KEY, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return env


def _request_time(server: ServerHandle, question: str) -> float | None:
    for request in server.requests():
        body = request["body"]
        messages = body.get("input", {}).get("messages") if isinstance(body, dict) else None
        if messages and messages[-1]["content"] == question:
            return float(request["time"])
    return None


@pytest.mark.parametrize("front_end", ["window", "ask"])
def test_sigkill_mid_answer_loses_at_most_the_last_second(
        server: ServerHandle, profile: Path, tmp_path: Path, front_end: str) -> None:
    question = f"What is 123 to the power of 21? ({uuid.uuid4().hex[:8]})"
    common = ["--profile", str(profile), "--base-url", server.base(SCENARIO)]
    command = [sys.executable, "-m", "desktop", *common, "--ask", question] if front_end == "window" else \
        [sys.executable, "-m", "desktop", "ask", *common, question]
    path = profile / "history.sqlite3"
    log = (tmp_path / "out.log").open("w", encoding="utf-8")
    process = subprocess.Popen(command, cwd=REPO, env=_environment(), stdout=log, stderr=subprocess.STDOUT)
    try:
        # 1. Wait until the answer has started arriving on disk.
        deadline = time.time() + START_TIMEOUT
        while (seen := _peek(path)) is None or not seen[2]:
            assert process.poll() is None, f"exited early ({process.returncode}): {_log(tmp_path)}"
            assert time.time() < deadline, f"no answer on disk after {START_TIMEOUT} s: {seen}; {_log(tmp_path)}"
            time.sleep(0.02)
        assert seen[0] == TurnStatus.STREAMING.value
        request_time = _request_time(server, question)
        assert request_time is not None
        first_answer_sent = request_time + DELAY * (FIRST_ANSWER_FRAME - 1)

        # 2. Let more than a second of the answer stream, then kill, well before its end.
        time.sleep(max(0.0, first_answer_sent + KILL_INTO_ANSWER - time.time()))
        killed_at = time.time()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
    assert process.returncode == -signal.SIGKILL
    sent = _frames_sent_by(killed_at, request_time)
    surely_sent_a_second_before = _frames_surely_sent_by(killed_at - BUDGET, request_time)
    assert FIRST_ANSWER_FRAME < surely_sent_a_second_before and sent < LAST_ANSWER_FRAME, (
        "the kill did not land mid-answer", sent, surely_sent_a_second_before)

    # 3. A reader that runs first (it never writes, so it recovers nothing) already tells the
    # truth: the writer is gone, so the turn is interrupted, with its partial answer.
    exported = tmp_path / "right-after.json"
    reader = subprocess.run([sys.executable, "-m", "desktop", "history", "export", "--last", str(exported),
                             "--profile", str(profile)], cwd=REPO, env=_environment(), capture_output=True,
                            text=True, timeout=30)
    assert reader.returncode == 0, reader.stderr
    [as_exported] = json.loads(exported.read_text(encoding="utf-8"))["turns"]
    assert as_exported["status"] == "interrupted"
    assert as_exported["answer"] and reference("power_21").answer.startswith(as_exported["answer"])
    with contextlib.closing(sqlite3.connect(path)) as db:  # and the reader changed nothing
        assert db.execute("SELECT status FROM turns").fetchall() == [("streaming",)]

    # 4. The next start finds the turn, interrupted, with everything but the last second.
    history = History(path)
    try:
        assert history.recovered == 1
        latest = history.latest_id()
        conversation = history.load(latest) if latest else None
        assert conversation is not None and conversation.title == question
        [turn] = conversation.turns
        full = reference("power_21")
        assert turn.status is TurnStatus.INTERRUPTED and turn.finished_at is not None
        assert turn.user == question and turn.request_id == full.request_id
        assert turn.thinking == full.thinking  # all of it was sent long before the kill
        assert turn.code == full.code
        assert 0 < len(turn.answer) < len(full.answer)
        assert full.answer.startswith(turn.answer)
        assert _text("content", sent).startswith(turn.answer)  # nothing the server had not sent
        kept, owed = len(turn.answer), len(_text("content", surely_sent_a_second_before))
        assert kept >= owed, (f"lost more than the last second: kept {turn.answer!r}, but "
                              f"{_text('content', surely_sent_a_second_before)!r} had arrived by then")
        # And the partial answer is searchable from now on.
        assert [h.turn_id for h in history.search(turn.answer[-6:])] == [turn.id]
    finally:
        history.close()


def _log(tmp_path: Path) -> str:
    text = (tmp_path / "out.log").read_text(encoding="utf-8", errors="replace")
    return json.dumps(text[-2000:])
