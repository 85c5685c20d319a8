"""A reply survives real storage faults: a disk that fills up mid-stream (a small tmpfs), a lock
another process holds on the history, a `.live` folder that is a file. The real `dashchat ask`
and window processes stream from the loopback server; what they print, their exit status and
what the history holds afterwards are what a user would see.

The power_21 stream at DELAY s a frame: thinking first (frames 1-43), the answer last (44-53),
so a fault set up once the turn is on disk lands mid-stream.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.model.turn import TurnStatus
from desktop.store.history import History
from tests.support.disks import fill, tmpfs
from tests.support.fixtures import ServerHandle
from tests.wire import reference

REPO = Path(__file__).resolve().parents[1]
KEY = "sk-test-storage-0123456789"
DELAY = 0.1
SCENARIO = f"power_21,delay={DELAY}"
FULL = reference("power_21")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and mounts")


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    # The environment key goes only to DashScope hosts and those the user lists: here, the loopback server.
    env.update(DASHSCOPE_API_KEY=KEY, DASHCHAT_KEY_HOSTS="127.0.0.1", QT_QPA_PLATFORM="offscreen",
               PYTHONIOENCODING="utf-8")
    return env


def _start(server: ServerHandle, profile: Path, front_end: str, *extra: str) -> subprocess.Popen[str]:
    common = ["--profile", str(profile), "--base-url", server.base(SCENARIO), *extra]
    question = "What is 123 to the power of 21?"
    command = [sys.executable, "-m", "desktop", *common, "--ask", question, "--quit"] if front_end == "window" \
        else [sys.executable, "-m", "desktop", "ask", *common, question]
    return subprocess.Popen(command, cwd=REPO, env=_environment(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def _peek(path: Path) -> tuple[str, str, str] | None:
    """(status, thinking, answer) of the newest turn, read-only, as a bystander."""
    if not path.exists():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)) as db:
            return db.execute("SELECT status, thinking, answer FROM turns ORDER BY saved_at DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return None


def _wait_for_thinking_on_disk(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.time() + 30
    while (seen := _peek(path)) is None or not seen[1]:
        assert process.poll() is None, f"exited early: {process.communicate()}"
        assert time.time() < deadline, "the turn never reached the disk"
        time.sleep(0.02)


def _stored_turn(path: Path):  # type: ignore[no-untyped-def]
    history = History(path)
    try:
        latest = history.latest_id()
        conversation = history.load(latest) if latest else None
        assert conversation is not None
        return conversation.turns[-1]
    finally:
        history.close()


@pytest.mark.parametrize("front_end", ["ask", "window"])
def test_a_disk_that_fills_mid_stream_and_is_freed_loses_nothing(
        server: ServerHandle, tmp_path: Path, front_end: str) -> None:
    with tmpfs(tmp_path / "disk", "3m") as disk:
        profile = disk / "profile"
        path = profile / "history.sqlite3"
        process = _start(server, profile, front_end)
        try:
            _wait_for_thinking_on_disk(path, process)
            filler = fill(disk)
            time.sleep(0.3)
            stuck = _peek(path)
            time.sleep(1.2)  # frames keep arriving; saves (every 0.5 s) fail
            assert _peek(path) == stuck, "the disk did not fill: saves went on"
            assert stuck is not None and len(stuck[1]) < len(FULL.thinking)
            filler.unlink()  # the user frees some space mid-stream
            out, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        assert "Traceback" not in err and "Task exception" not in err, err
        assert process.returncode == 0, err
        if front_end == "ask":
            assert FULL.answer in out
        turn = _stored_turn(path)
        assert turn.status is TurnStatus.COMPLETE
        assert (turn.thinking, turn.answer, turn.code) == (FULL.thinking, FULL.answer, FULL.code)


@pytest.mark.parametrize("front_end", ["ask", "window"])
def test_a_disk_that_stays_full_keeps_the_reply_on_screen_and_says_so(
        server: ServerHandle, tmp_path: Path, front_end: str) -> None:
    export = tmp_path / "kept.md"  # another disk: the user's way out
    with tmpfs(tmp_path / "disk", "3m") as disk:
        profile = disk / "profile"
        path = profile / "history.sqlite3"
        process = _start(server, profile, front_end, "--export", str(export))
        try:
            _wait_for_thinking_on_disk(path, process)
            filler = fill(disk)
            out, err = process.communicate(timeout=90)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        lines = [line for line in err.splitlines() if line.strip()]
        assert "Traceback" not in err and "Task exception" not in err, err
        assert process.returncode == 3, err  # the reply was shown but not saved
        [line] = [line for line in lines if "not saved" in line]
        assert "disk is full" in line and str(path) in line
        if front_end == "ask":
            assert FULL.answer in out  # the whole answer was printed all the same
        assert FULL.answer in export.read_text(encoding="utf-8")
        filler.unlink()
        # What did land is a true prefix of the reply, and reads as interrupted (its writer is gone).
        turn = _stored_turn(path)
        assert turn.status is TurnStatus.INTERRUPTED
        assert FULL.thinking.startswith(turn.thinking) and len(turn.thinking) < len(FULL.thinking)


_HOLD_LOCK = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
"""


def test_a_lock_held_by_another_process_mid_stream_delays_the_save_and_loses_nothing(
        server: ServerHandle, profile: Path) -> None:
    path = profile / "history.sqlite3"
    process = _start(server, profile, "ask")
    try:
        _wait_for_thinking_on_disk(path, process)
        holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(path), "3"], stdout=subprocess.PIPE,
                                  text=True)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        time.sleep(0.3)
        stuck = _peek(path)
        time.sleep(1.5)
        assert _peek(path) == stuck, "the lock did not hold off the saves"
        out, err = process.communicate(timeout=60)
        holder.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "Traceback" not in err, err
    assert process.returncode == 0, err
    assert FULL.answer in out
    turn = _stored_turn(path)
    assert turn.status is TurnStatus.COMPLETE and turn.answer == FULL.answer


def test_a_live_marker_that_is_a_file_does_not_stop_the_reply(server: ServerHandle, profile: Path) -> None:
    (profile / "history.sqlite3.live").write_text("not a folder")
    process = _start(server, profile, "ask")
    out, err = process.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert process.returncode == 0, err
    assert FULL.answer in out
    turn = _stored_turn(profile / "history.sqlite3")
    assert turn.status is TurnStatus.COMPLETE and turn.answer == FULL.answer


# -- readers ---------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, env=_environment(),
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_a_read_only_profile_can_be_listed_searched_and_exported(server: ServerHandle, tmp_path: Path) -> None:
    from tests.support.disks import remount_read_only

    with tmpfs(tmp_path / "disk", "8m") as disk:
        profile = disk / "profile"
        done = _cli("ask", "--profile", str(profile), "--base-url", server.base("power_21"), "What is 123**21?")
        assert done.returncode == 0, done.stderr
        remount_read_only(disk)  # a backup, a mounted share: nothing may be written
        listed = _cli("history", "list", "--profile", str(profile))
        assert listed.returncode == 0, listed.stderr
        assert "What is 123**21?" in listed.stdout
        found = _cli("history", "search", "77269364466549865653073473388030061522211723", "--profile", str(profile))
        assert found.returncode == 0, found.stderr
        assert "turn 1" in found.stdout
        exported = tmp_path / "out.md"
        done = _cli("history", "export", "--last", str(exported), "--profile", str(profile))
        assert done.returncode == 0, done.stderr
        assert FULL.answer in exported.read_text(encoding="utf-8")


def test_a_profile_that_is_a_file_gets_one_clear_line(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.write_text("a file, not a folder")
    for args in (("history", "list"), ("history", "export", "--last", str(tmp_path / "x.md")),
                 ("ask", "--demo", "hello")):
        done = _cli(*args, "--profile", str(profile))
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr
        [line] = done.stderr.splitlines()
        assert "is a file, not a folder" in line and str(profile) in line
        assert "No conversations yet" not in done.stderr
    assert profile.read_text() == "a file, not a folder"


def test_another_programs_database_is_refused_by_every_command_and_never_modified(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    path = profile / "history.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE conversations (id TEXT)")
        db.execute("CREATE TABLE turns (id TEXT)")
        db.execute("INSERT INTO turns VALUES ('theirs')")
        db.commit()
    before = path.read_bytes()
    for args in (("history", "list"), ("history", "search", "theirs"), ("ask", "--demo", "hello")):
        done = _cli(*args, "--profile", str(profile))
        assert done.returncode == 2, done.stderr
        assert "another program" in done.stderr and "Traceback" not in done.stderr
    assert path.read_bytes() == before
    # No backup, journal, WAL or liveness marker beside it.
    assert sorted(p.name for p in profile.iterdir() if p.name.startswith("history")) == ["history.sqlite3"]
