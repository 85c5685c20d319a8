"""The command line as scripts use it, through the real processes: a reader that goes away
(`| head -2`), stdout on a full device, stdin closed or not UTF-8, arguments that are not UTF-8,
absurd numbers, unusable URLs and export paths. Each ends in the documented status with at most
one line on stderr, never a traceback, and an export path is refused before any request is sent."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fixtures import ServerHandle
from tests.test_storage_faults import FULL, _environment, _stored_turn

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes, /dev/full and bytes in argv")


def _run(args: list[str | bytes], *, stdin: object = subprocess.DEVNULL, input: bytes | None = None,
         stdout: object = subprocess.PIPE, pass_fds: tuple[int, ...] = ()) -> subprocess.CompletedProcess[bytes]:
    command: list[str | bytes] = [sys.executable, "-m", "desktop", *args]
    return subprocess.run(command, cwd=REPO, env=_environment(), stdin=None if input is not None else stdin,
                          input=input, stdout=stdout, stderr=subprocess.PIPE, timeout=60, check=False,
                          pass_fds=pass_fds)


def _one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text and "Exception ignored" not in text, text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def test_a_reader_that_goes_away_ends_the_run_quietly_like_a_posix_tool(server: ServerHandle, profile: Path) -> None:
    slow = server.base("power_21,delay=0.03")
    process = subprocess.Popen([sys.executable, "-m", "desktop", "ask", "--profile", str(profile), "--base-url",
                                slow, "What is 123**21?"], cwd=REPO, env=_environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    first = process.stdout.readline()  # as `head -1` does: read a line, then close the pipe
    assert first.startswith(b"=")
    process.stdout.close()
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 141
    assert err.decode() == ""  # quiet, as `yes | head -1` is
    turn = _stored_turn(profile / "history.sqlite3")
    assert turn.status.value == "interrupted"  # the stream was stopped, what arrived is kept
    assert FULL.thinking.startswith(turn.thinking)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_stdout_on_a_full_device_is_one_clear_line(server: ServerHandle, profile: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = _run(["ask", "--profile", str(profile), "--base-url", server.base("power_21"), "q"], stdout=full)
    assert done.returncode == 1
    line = _one_line(done.stderr)
    assert "cannot write the reply to standard output" in line and "No space left on device" in line


def test_closed_stdin_is_a_usage_error(profile: Path) -> None:
    # `dashchat ask <&-`: the child starts with descriptor 0 closed.
    done = subprocess.run(["/bin/sh", "-c", f'exec "{sys.executable}" -m desktop ask --demo '
                           f'--profile "{profile}" <&-'], cwd=REPO, env=_environment(), capture_output=True,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert "standard input is closed" in _one_line(done.stderr)


def test_stdin_that_is_not_utf8_is_one_clear_line(profile: Path) -> None:
    done = _run(["ask", "--demo", "--profile", str(profile)], input=b"caf\xe9 au lait")
    assert done.returncode == 2
    assert "not valid UTF-8" in _one_line(done.stderr)


def test_an_argument_that_is_not_utf8_is_one_clear_line(profile: Path) -> None:
    done = _run([b"ask", b"--demo", b"--profile", os.fsencode(profile), b"caf\xff"])
    assert done.returncode == 2
    line = _one_line(done.stderr)
    assert "the question is not valid UTF-8" in line


def test_a_utf8_question_from_stdin_is_sent_as_is(server: ServerHandle, profile: Path) -> None:
    done = _run(["ask", "--profile", str(profile), "--base-url", server.base("power_21")],
                input="123の21乗は？\n".encode())
    assert done.returncode == 0, done.stderr
    assert _stored_turn(profile / "history.sqlite3").user == "123の21乗は？"


@pytest.mark.parametrize(("args", "says"), [
    (["history", "list", "--limit", "99999999999999999999"], None),
    (["ask", "--idle-timeout", "nan", "q"], "must be a number of seconds"),
    (["ask", "--idle-timeout", "inf", "q"], "must be a number of seconds"),
    (["ask", "--base-url", "http://localhost:99999", "q"], "Port out of range"),
    (["ask", "--base-url", "ftp://x", "q"], "must start with https://"),
    (["--base-url", "ftp://x", "--ask", "q", "--quit"], "must start with https://"),  # the window: the same
    (["ask", "--base-url", "https://", "q"], "names no host"),
])
def test_argument_values_are_checked_up_front(profile: Path, args: list[str], says: str | None) -> None:
    done = _run([*args, "--profile", str(profile)])
    if says is None:  # a huge limit means "all of them"
        assert done.returncode == 0, done.stderr
        assert b"Traceback" not in done.stderr
        return
    assert done.returncode == 2
    assert says in _one_line(done.stderr)


@pytest.mark.parametrize("front_end", ["ask", "window"])
@pytest.mark.parametrize(("target", "says"), [
    ("folder", "it is a folder"),
    ("notes.txt", "use a .json, .md or .html"),
    ("missing/chat.md", "does not exist"),
])
def test_an_unusable_export_path_is_refused_before_the_request(
        server: ServerHandle, profile: Path, tmp_path: Path, front_end: str, target: str, says: str) -> None:
    (tmp_path / "folder").mkdir()
    path = tmp_path / target
    server.clear()
    common = ["--profile", str(profile), "--base-url", server.base("power_21"), "--export", str(path)]
    args = ["ask", *common, "q"] if front_end == "ask" else [*common, "--ask", "q", "--quit"]
    done = _run(args)
    assert done.returncode == 2
    assert says in _one_line(done.stderr)
    assert server.requests() == []  # nothing was sent, nothing paid for


def test_the_window_with_quit_prints_the_same_error_line_as_ask(server: ServerHandle, profile: Path) -> None:
    base = server.base("http_error,status=429,code=Throttling.RateQuota")
    asked = _run(["ask", "--profile", str(profile), "--base-url", base, "q"])
    window = _run(["--profile", str(profile), "--base-url", base, "--ask", "q", "--quit"])
    assert asked.returncode == window.returncode == 1
    def same(line: str) -> str:
        return re.sub(r"\[request [^\]]+\]", "[request …]", line)  # each request has its own id

    assert same(_one_line(window.stderr)) == same(_one_line(asked.stderr))
    assert "Throttling.RateQuota" in _one_line(asked.stderr)
