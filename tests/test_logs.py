"""The log file: rotating, under the profile, and never holding the key, whether it comes in a
message, in its arguments, in a traceback, in a stack, from httpx, or echoed by a server."""

from __future__ import annotations

import asyncio
import json
import logging
import logging.handlers
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.logs import LOG_NAME, redact, register_secret, setup_logging, teardown_logging
from desktop.protocol.client import loggable_url, make_client, stream_native
from desktop.protocol.events import Failed, Finished
from desktop.protocol.request import GenerationOptions
from desktop.protocol.secret import ApiKey
from tests.support.fixtures import ServerHandle
from tests.wire import POWER_21_REQUEST_ID, raw

REPO = Path(__file__).resolve().parents[1]
KEY = "sk-logtest0123456789abcdefABCDEF"
# A secret with no key shape: only the runtime registry can catch it.
GATEWAY_TOKEN = "gw.Token+with/odd=chars~42"


@pytest.fixture(autouse=True)
def _fresh_logging() -> Iterator[None]:
    yield
    teardown_logging()


def file_text(path: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(path.parent.glob(LOG_NAME + "*")))


def assert_clean(text: str, *secrets: str) -> None:
    for secret in (KEY, *secrets):
        assert secret not in text
    # Not even a recognisable piece of it.
    assert KEY[3:19] not in text


def test_log_file_lives_under_the_profile_and_rotates(profile: Path) -> None:
    path = setup_logging(profile)
    assert path == profile / "logs" / "dashchat.log"
    [handler] = [h for h in logging.getLogger("dashchat").handlers
                 if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 3)
    log = logging.getLogger("dashchat.test")
    line = "x" * 1000
    for _ in range(4500):  # ~4.5 MB: more than the file and its three backups hold
        log.info("%s %s", line, KEY)
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["dashchat.log", "dashchat.log.1", "dashchat.log.2", "dashchat.log.3"]
    assert all(p.stat().st_size <= 1_000_000 for p in path.parent.iterdir())
    assert_clean(file_text(path))


def test_setting_up_twice_writes_each_record_once(profile: Path, tmp_path: Path) -> None:
    setup_logging(tmp_path / "other")
    path = setup_logging(profile)
    logging.getLogger("dashchat.test").info("once")
    assert file_text(path).count("once") == 1
    assert "once" not in file_text(tmp_path / "other" / "logs" / LOG_NAME) if (
        tmp_path / "other" / "logs" / LOG_NAME).exists() else True


def test_key_in_message_args_traceback_and_stack_is_redacted(profile: Path) -> None:
    path = setup_logging(profile)
    ApiKey(KEY)  # registers itself
    register_secret(GATEWAY_TOKEN)
    log = logging.getLogger("dashchat.protocol")
    headers = {"Authorization": f"Bearer {KEY}", "X-Gateway": GATEWAY_TOKEN}
    log.info(f"sending with Authorization: Bearer {KEY}")
    log.info("headers %s and %r", headers, [("authorization", f"Bearer {KEY}")])
    log.warning("raw header tuple %r", (b"Authorization", f"Bearer {KEY}".encode()))
    log.info("gateway token %s", GATEWAY_TOKEN)
    try:
        try:
            raise ConnectionError(f"gateway said: bad key {KEY}")
        except ConnectionError as inner:
            raise RuntimeError(f"request failed with {headers}") from inner
    except RuntimeError:
        log.exception("stream failed for key %s", KEY)
    log.info("where am I (token %s)", GATEWAY_TOKEN, stack_info=True)
    logging.getLogger("httpx").info('HTTP Request: POST %s "HTTP/1.1 401"', f"https://h/?api_key={KEY}")

    text = file_text(path)
    assert_clean(text, GATEWAY_TOKEN, KEY.encode().decode())
    # What matters stays readable: the records, the traceback, the header names.
    assert "Authorization: [redacted]" in text
    assert "Traceback (most recent call last)" in text and "ConnectionError: gateway said: bad key [redacted]" in text
    assert "Stack (most recent call last)" in text
    assert text.count("[redacted]") >= 10
    assert "httpx: HTTP Request: POST" in text


def test_logged_urls_drop_user_info_query_and_fragment() -> None:
    assert loggable_url("https://u:p@gw.example:8443/a/b?key=1#f") == "https://gw.example:8443/a/b"
    assert loggable_url("http://[::1]:80/x") == "http://[::1]:80/x"
    assert loggable_url("no scheme") == "?"


@pytest.mark.parametrize(("text", "expected"), [
    ("Authorization: Bearer abc.DEF-123", "Authorization: [redacted]"),
    ("(b'Authorization', b'Bearer abc')", "(b'Authorization', b'[redacted]')"),
    ("{'authorization': 'Bearer xyz'}", "{'authorization': '[redacted]'}"),
    ('"Authorization":"Bearer xyz"', '"Authorization":"[redacted]"'),
    ("token Bearer abc123 sent", "token Bearer [redacted] sent"),
    ("key sk-" + "a" * 16 + " used", "key [redacted] used"),
    ("sk-short stays", "sk-short stays"),
    ('POST https://gw/x?code=abc&k=1 "HTTP/1.1 200"', 'POST https://gw/x?[redacted] "HTTP/1.1 200"'),  # not a key's shape, and nothing registered
    ("no secret here", "no secret here"),
    ("(header: Bearer [redacted])", "(header: Bearer [redacted])"),  # redacted once, not again
    ("Authorization: [redacted]", "Authorization: [redacted]"),
])
def test_redact_patterns(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_a_logged_request_has_start_and_end_lines_but_no_key(profile: Path) -> None:
    path = setup_logging(profile)
    sse = raw("power_21")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == f"Bearer {KEY}"
        return httpx.Response(200, content=sse, headers={"content-type": "text/event-stream"})

    async def run() -> list[object]:
        client = make_client(transport=httpx.MockTransport(handler))
        async with client:
            return [e async for e in stream_native(client, "https://dashscope.example/x?token=t0p", ApiKey(KEY),
                                                   [{"role": "user", "content": "hi"}], GenerationOptions())]

    events = asyncio.run(run())
    assert isinstance(events[-1], Finished)
    text = file_text(path)
    assert_clean(text, "t0p")  # a query string may hold credentials: not logged
    start = re.search(r"INFO dashchat\.protocol: request start: POST (\S+) model=qwen3-max-preview", text)
    assert start and start.group(1) == "https://dashscope.example/x/api/v1/services/aigc/text-generation/generation"
    assert "/generation?[redacted]" in text  # httpx's own line, its query string redacted
    assert re.search(rf"INFO dashchat\.protocol: request end: status=200 finish=stop "
                     rf"request_id={POWER_21_REQUEST_ID} duration=\d+\.\d\ds", text)


def test_a_failed_request_logs_status_code_and_request_id_and_no_echoed_key(profile: Path) -> None:
    path = setup_logging(profile)

    def handler(request: httpx.Request) -> httpx.Response:
        body = {"code": "InvalidApiKey", "message": f"Invalid key {request.headers['authorization']}",
                "request_id": "rid-9"}
        return httpx.Response(401, json=body)

    async def run() -> list[object]:
        async with make_client(transport=httpx.MockTransport(handler)) as client:
            return [e async for e in stream_native(client, "https://h", ApiKey(KEY), [], GenerationOptions())]

    [failed] = asyncio.run(run())
    assert isinstance(failed, Failed) and KEY not in str(failed.error)
    assert failed.error.message == "Invalid key Bearer [redacted]"
    text = file_text(path)
    assert_clean(text)
    assert re.search(r"WARNING dashchat\.protocol: request failed: status=401 code=InvalidApiKey "
                     r"request_id=rid-9 duration=\d+\.\d\ds: Invalid key Bearer \[redacted\]", text)


def test_a_request_stopped_by_the_caller_logs_one_line(profile: Path) -> None:
    path = setup_logging(profile)
    sse = raw("power_21")

    async def run() -> None:
        transport = httpx.MockTransport(lambda r: httpx.Response(200, content=sse))
        async with make_client(transport=transport) as client:
            stream = stream_native(client, "https://h", ApiKey(KEY), [], GenerationOptions())
            async for _ in stream:
                break
            await stream.aclose()

    asyncio.run(run())
    text = file_text(path)
    assert text.count("request start") == 1
    assert re.search(rf"request stopped by the caller: request_id={POWER_21_REQUEST_ID} duration=", text)


def test_whole_session_leaves_no_key_in_any_file_or_output(server: ServerHandle, profile: Path, tmp_path: Path) -> None:
    """ask, a follow-up, exports in every format, a failure echoing the key: then every file the
    app wrote and everything it printed is scanned for the key."""
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    env.update(DASHSCOPE_API_KEY=KEY, PYTHONIOENCODING="utf-8")
    exports = tmp_path / "exports"
    exports.mkdir()

    def ask(base: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", "ask", "--profile", str(profile),
                               "--base-url", base, *args], cwd=REPO, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL)

    runs = [
        ask(server.base("power_21"), "--export", str(exports / "a.json"), "What is 123**21?"),
        ask(server.base("two_calls_ja"), "--continue", "--export", str(exports / "b.md"), "Divide by 5"),
        ask(server.base("echo_key"), "--continue", "--export", str(exports / "c.html"), "Again"),
        ask(server.base("error_after,n=50"), "--continue", "--export", str(exports / "d.json"), "Once more"),
    ]
    assert [r.returncode for r in runs] == [0, 0, 1, 1], [r.stderr for r in runs]
    printed = "".join(r.stdout + r.stderr for r in runs)
    assert KEY not in printed and "Traceback" not in printed
    written = [p for p in [*profile.rglob("*"), *exports.rglob("*")] if p.is_file()]
    assert {p.suffix for p in written} >= {".sqlite3", ".json", ".md", ".html"}
    for path in written:
        data = path.read_bytes()
        assert KEY.encode() not in data, path.name
        assert KEY.encode("utf-16-le") not in data, path.name
    transcript = json.loads((exports / "d.json").read_text(encoding="utf-8"))
    assert [t["status"] for t in transcript["turns"]] == ["complete", "complete", "error", "error"]
    log = profile / "logs" / LOG_NAME
    if log.exists():  # once the command line sets up logging
        text = log.read_text(encoding="utf-8")
        assert text.count("request start") == 4 and "code=InvalidApiKey" in text


def test_an_unwritable_log_file_loses_records_quietly(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = setup_logging(profile)
    path.mkdir()  # a directory where the file should be: opening it fails
    logging.getLogger("dashchat.test").warning("lost")
    assert capsys.readouterr().err == ""
