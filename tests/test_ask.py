"""`dashchat ask` as a user runs it: a real process against the loopback server."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.fixtures import ServerHandle
from tests.wire import POWER_21_ANSWER, ask_output, reference

KEY = "sk-test-0123456789abcdef"
REPO = Path(__file__).resolve().parents[1]


def env(key: str | None = KEY) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    if key is not None:
        e["DASHSCOPE_API_KEY"] = key
    e["PYTHONIOENCODING"] = "utf-8"
    return e


def ask(profile: Path, base: str, *args: str, key: str | None = KEY, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "ask", "--profile", str(profile), "--base-url", base, *args],
        cwd=REPO, env=env(key), capture_output=True, text=True, encoding="utf-8", timeout=timeout,
    )


@pytest.mark.parametrize("scenario", ["power_21", "two_calls_ja,split=7"])
def test_prints_thinking_code_answer_and_usage_exactly(server: ServerHandle, profile: Path, scenario: str) -> None:
    result = ask(profile, server.base(scenario), "What is 123 to the power of 21?")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ask_output(scenario.split(",")[0])
    assert result.stderr == ""


def test_request_carries_exactly_what_the_protocol_requires(server: ServerHandle, profile: Path) -> None:
    server.clear()
    assert ask(profile, server.base("power_21"), "What is 123 to the power of 21?").returncode == 0
    [request] = server.requests()
    assert request["method"] == "POST"
    assert request["path"] == "/s/power_21/api/v1/services/aigc/text-generation/generation"
    assert request["headers"]["authorization"] == f"Bearer {KEY}"
    assert request["headers"]["x-dashscope-sse"] == "enable"
    assert request["headers"]["content-type"] == "application/json"
    assert request["body"] == {
        "model": "qwen3-max-preview",
        "input": {"messages": [{"role": "user", "content": "What is 123 to the power of 21?"}]},
        "parameters": {"enable_code_interpreter": True, "enable_thinking": True,
                       "result_format": "message", "incremental_output": True},
    }


def test_continue_sends_the_earlier_answer_back_as_content_only(server: ServerHandle, profile: Path) -> None:
    assert ask(profile, server.base("power_21"), "What is 123 to the power of 21?").returncode == 0
    server.clear()
    follow = ask(profile, server.base("two_calls_ja"), "--continue", "--model", "qwen-test", "Now divide it by 5")
    assert follow.returncode == 0, follow.stderr
    [request] = server.requests()
    assert request["body"]["model"] == "qwen-test"
    assert request["body"]["input"]["messages"] == [
        {"role": "user", "content": "What is 123 to the power of 21?"},
        {"role": "assistant", "content": POWER_21_ANSWER},
        {"role": "user", "content": "Now divide it by 5"},
    ]


@pytest.mark.parametrize("name", ["power_21", "two_calls_ja"])
def test_export_json_is_the_exact_transcript(server: ServerHandle, profile: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "t.json"
    assert ask(profile, server.base(name), "--export", str(out), "Q?").returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    ref = reference(name)
    assert data["format"] == "dashchat.transcript/2"
    assert data["title"] == "Q?" and data["model"] == "qwen3-max-preview" and data["created_at"]
    [turn] = data["turns"]
    assert {k: turn[k] for k in ("user", "thinking", "code", "answer", "status", "error", "request_id", "usage")} == {
        "user": "Q?", "thinking": ref.thinking, "code": ref.code, "answer": ref.answer,
        "status": "complete", "error": None, "request_id": ref.request_id, "usage": ref.usage,
    }


def test_http_error_is_one_line_with_code_and_status(server: ServerHandle, profile: Path) -> None:
    result = ask(profile, server.base("http_error,status=401,code=InvalidApiKey"), "hi")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "InvalidApiKey (HTTP 401): Invalid API-key provided." in lines[0]
    assert "Traceback" not in result.stderr and KEY not in result.stderr + result.stdout


def test_error_frame_mid_stream_reads_the_real_status_and_keeps_the_text(server: ServerHandle, profile: Path) -> None:
    result = ask(profile, server.base("error_after,n=30,status=429,code=Throttling.AllocationQuota"), "hi")
    assert result.returncode == 1
    assert "Throttling.AllocationQuota (HTTP 429)" in result.stderr
    assert "123**21" in result.stdout  # the code that ran before the error was printed
    with sqlite3.connect(profile / "history.sqlite3") as db:
        status, thinking, error = db.execute("SELECT status, thinking, error_json FROM turns").fetchone()
    assert status == "error"
    assert thinking.startswith("The user is asking me")
    assert json.loads(error)["http_status"] == 429


def test_missing_key_is_a_clear_usage_error(server: ServerHandle, profile: Path) -> None:
    result = ask(profile, server.base("power_21"), "hi", key=None)
    assert result.returncode == 2
    assert "DASHSCOPE_API_KEY" in result.stderr and "Traceback" not in result.stderr


def test_connection_refused_names_the_cause(profile: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = ask(profile, f"http://127.0.0.1:{port}", "hi")
    assert result.returncode == 1
    assert "ConnectionFailed" in result.stderr and "127.0.0.1" in result.stderr


def test_usage_errors_exit_2(profile: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "desktop", "ask", "--bogus"], cwd=REPO, env=env(),
                            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 2


def test_ctrl_c_exits_130_and_keeps_what_arrived(server: ServerHandle, profile: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "ask", "--profile", str(profile),
         "--base-url", server.base("power_21,hold=30"), "hi"],
        cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    deadline = time.monotonic() + 20
    db_path = profile / "history.sqlite3"
    while time.monotonic() < deadline:  # wait until the first frames are on disk
        time.sleep(0.05)
        if not db_path.exists():  # connecting would create it
            continue
        try:
            with sqlite3.connect(db_path) as db:
                row = db.execute("SELECT thinking FROM turns").fetchone()
        except sqlite3.OperationalError:  # the schema is not there yet
            continue
        if row and row[0]:
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with sqlite3.connect(db_path) as db:
        status, thinking = db.execute("SELECT status, thinking FROM turns").fetchone()
    assert status == "interrupted" and thinking.startswith("The user is asking")


def test_an_unusable_proxy_in_the_settings_is_one_clear_line(server: ServerHandle, profile: Path) -> None:
    (profile / "settings.ini").write_text("[connection]\nproxy=not a url\n", encoding="utf-8")
    result = ask(profile, server.base("power_21"), "hi")
    assert result.returncode == 2
    assert result.stderr.startswith("dashchat: error: InvalidProxy (no HTTP status): The proxy in the settings")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with sqlite3.connect(profile / "history.sqlite3") as db:
        assert db.execute("SELECT user_text, status FROM turns").fetchone() == ("hi", "error")


def test_asking_beside_a_streaming_reply_does_not_mark_it_interrupted(server: ServerHandle, profile: Path) -> None:
    """Two processes on one history (the window and `ask`, or two asks): the second start must
    not take the first's live reply for one a crash cut off (only a dead writer's turn is)."""
    slow = subprocess.Popen(
        [sys.executable, "-m", "desktop", "ask", "--profile", str(profile), "--base-url",
         server.base("power_21,hold=4"), "the slow one"],
        cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        path = profile / "history.sqlite3"
        deadline = time.time() + 20
        while True:  # the slow reply is on disk, streaming
            assert time.time() < deadline and slow.poll() is None, "the slow reply never reached the disk"
            if path.exists():
                with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1) as db:
                    try:
                        rows = db.execute("SELECT status FROM turns WHERE user_text = 'the slow one'").fetchall()
                    except sqlite3.OperationalError:
                        rows = []
                if rows == [("streaming",)]:
                    break
            time.sleep(0.05)
        quick = ask(profile, server.base("power_21"), "the quick one")
        assert quick.returncode == 0, quick.stderr
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT status FROM turns WHERE user_text = 'the slow one'").fetchall() == [
                ("streaming",)]
        out, err = slow.communicate(timeout=30)
    finally:
        if slow.poll() is None:
            slow.kill()
            slow.wait()
    assert slow.returncode == 0, err
    assert out == ask_output("power_21")
    with sqlite3.connect(profile / "history.sqlite3") as db:
        assert sorted(db.execute("SELECT user_text, status FROM turns").fetchall()) == [
            ("the quick one", "complete"), ("the slow one", "complete")]


def test_ask_imports_httpx_without_its_command_line_client() -> None:
    """httpx's CLI (click, rich, pygments) is half of httpx's import time: `ask` skips it, and the
    real CLI is still what `httpx._main` gives afterwards."""
    code = (
        "import sys\n"
        "from desktop.cli.ask import import_httpx_without_its_cli\n"
        "import_httpx_without_its_cli()\n"
        "import httpx\n"
        "assert httpx.Client and httpx.AsyncClient\n"
        "print(sorted(m for m in ('rich', 'click', 'pygments', 'httpx._main') if m in sys.modules))\n"
        "from httpx._main import main\n"
        "print(type(main).__module__.split('.')[0])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env(), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "click"]
