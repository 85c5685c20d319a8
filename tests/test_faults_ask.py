"""Every fault a user can meet, through `dashchat ask` as a real process against the real
loopback server: exit status 1, one error line naming the service's code and the real HTTP
status (or a precise network code), a hint only when there is one, no traceback, no key
anywhere, and everything that arrived kept in the history, marked as an error.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.fixtures import ServerHandle
from tests.wire import POWER_21_REQUEST_ID, ask_output, ask_output_of, reference
from tests.wire import frames as recorded_frames

REPO = Path(__file__).resolve().parents[1]
# Shaped like a real DashScope key, so that the log redaction's pattern would catch it too.
KEY = "sk-faultmatrix0123456789abcdef"
QUESTION = "What is 123 to the power of 21?"


def env(**extra: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("DASHSCOPE_API_KEY", "SSL_CERT_FILE", "SSL_CERT_DIR")}
    # The key may go to the stand-in and to the host that does not resolve (else it would
    # never be sent there, and the run would stop at "no key" before any DNS lookup).
    e.update(DASHSCOPE_API_KEY=KEY, DASHCHAT_KEY_HOSTS="127.0.0.1,dashchat-fault-test.invalid",
             PYTHONIOENCODING="utf-8", **extra)
    return e


def ask(profile: Path, base: str, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "ask", "--profile", str(profile), "--base-url", base, *args, QUESTION],
        cwd=REPO, env=env(**extra_env), capture_output=True, text=True, encoding="utf-8", timeout=60,
        stdin=subprocess.DEVNULL,
    )


# ---------------------------------------------------------------- what arrived before the fault

@dataclass(frozen=True)
class Partial:
    """The first `n` frames of a recording: what the user saw and what the history must keep."""

    name: str = "power_21"
    n: int = 0

    @property
    def datas(self) -> list[dict]:
        return recorded_frames(self.name)[: self.n]

    @property
    def thinking(self) -> str:
        return "".join(d["output"]["choices"][0]["message"]["reasoning_content"] for d in self.datas)

    @property
    def answer(self) -> str:
        return "".join(d["output"]["choices"][0]["message"]["content"] for d in self.datas)

    @property
    def code(self) -> list[str]:
        return [t["code_interpreter"]["code"] for t in self.datas[-1]["output"].get("tool_info", [])] if self.n else []

    def stdout(self) -> str:
        """What `dashchat ask` printed: its sections so far, then the usage line."""
        return ask_output_of(self.datas)


NOTHING = Partial()


# ---------------------------------------------------------------- the matrix

@dataclass(frozen=True)
class Case:
    id: str
    scenario: str  # a server scenario, or "@refused" / "@dns" / "@tls" for the network faults
    error: str  # the exact error line after "dashchat: error: "; {where} is 127.0.0.1:<port>
    hint: str | None  # a phrase the hint must contain; None: no hint at all
    kept: Partial = NOTHING
    args: tuple[str, ...] = ()
    also: str = ""  # with "(*)" in `error`: a phrase the system's own words must still contain
    code: str = field(init=False)
    status: int | None = field(init=False)

    def __post_init__(self) -> None:
        m = re.match(r"(\S+) \((?:HTTP (\d+)|no HTTP status)\)", self.error)
        assert m, self.error
        object.__setattr__(self, "code", m.group(1))
        object.__setattr__(self, "status", int(m.group(2)) if m.group(2) else None)


def http(code: str, status: int, message: str, hint: str) -> Case:
    return Case(f"http{status}-{code}", f"http_error,code={code},request_id=req-{code}",
                f"{code} (HTTP {status}): {message} [request req-{code}]", hint)


CASES = [
    http("InvalidParameter", 400, "The request parameters are invalid.", "request parameter"),
    http("DataInspectionFailed", 400, "Input data may contain inappropriate content.", "content inspection"),
    http("Arrearage", 400, "Access denied, please make sure your account is in good standing.", "overdue payment"),
    # The stand-in is not DashScope's own host: no advice about DashScope's regions.
    http("InvalidApiKey", 401, "Invalid API-key provided.", "add one to this connection profile"),
    http("AccessDenied", 403, "Access denied.", "activated"),
    http("ModelNotFound", 404, "Model not found (qwen3-max-preview)!", "model name"),
    http("Throttling.RateQuota", 429, "Requests rate limit exceeded, please try again later.", "wait"),
    http("InternalError", 500, "An internal error has occured, please try again later or contact service "
         "support.", "retry in a moment"),
    http("ModelUnavailable", 503, "Model is unavailable, please try again later.", "retry in a minute"),
    Case("200-error-frame-first", "error_frame_first,request_id=req-first",
         "Throttling.AllocationQuota (HTTP 429): Allocated quota exceeded, please increase your quota limit. "
         "[request req-first]", "quota"),
    # After thinking, the interpreter's code and part of the answer: 429 from the comment, not 400.
    Case("200-error-frame-mid-answer", "error_after,n=50,code=Throttling.RateQuota",
         f"Throttling.RateQuota (HTTP 429): Requests rate limit exceeded, please try again later. "
         f"[request {POWER_21_REQUEST_ID}]", "wait", Partial("power_21", 50)),
    Case("4xx-sse-labelled-json", "sse_as_json,code=InvalidApiKey,request_id=req-sse",
         "InvalidApiKey (HTTP 401): Invalid API-key provided. [request req-sse]", "add one to this connection profile"),
    Case("502-proxy-html", "html_502",
         'HTTP502 (HTTP 502): The server answered HTTP 502 without a DashScope error body: an HTML page '
         'titled "502 Bad Gateway" (from a proxy or gateway?).', "proxy"),
    Case("200-json-error-not-a-stream", "json_200,code=Arrearage,request_id=req-200",
         "Arrearage (HTTP 200): Access denied, please make sure your account is in good standing. "
         "[request req-200]", "overdue payment"),
    Case("401-echoing-the-key", "echo_key,request_id=req-echo",
         "InvalidApiKey (HTTP 401): Invalid API-key provided: [redacted] (header: Bearer [redacted]) "
         "[request req-echo]", "add one to this connection profile"),
    Case("connection-refused", "@refused",
         "ConnectionFailed (no HTTP status): Could not connect to {where}: the connection was refused "
         "(nothing is listening there).", "base URL"),
    Case("dns-failure", "@dns",
         "DNSFailure (no HTTP status): Could not resolve the host name dashchat-fault-test.invalid (*).",
         "typos"),
    # OpenSSL 3 says "self-signed certificate", 1.1 "self signed certificate".
    Case("tls-self-signed", "@tls",
         "TLSError (no HTTP status): The TLS certificate of {where} could not be verified (*); nothing was "
         "sent.", "SSL_CERT_FILE", also="signed certificate"),
    Case("dropped-mid-stream", "drop_after,n=46",
         "ConnectionDropped (HTTP 200): The connection to {where} closed in the middle of the reply, before it "
         "finished: the server, or a proxy or firewall in between, hung up. "
         f"[request {POWER_21_REQUEST_ID}]", "What arrived is kept", Partial("power_21", 46)),
    Case("silent-past-idle-timeout", "silent,after=3,silence=30",
         "IdleTimeout (HTTP 200): {where} sent nothing for 1 s, longer than the idle timeout; the stream was "
         f"given up. [request {POWER_21_REQUEST_ID}]", "idle timeout", Partial("power_21", 3),
         args=("--idle-timeout", "1")),
    Case("truncated-json-frame", "malformed,n=5",
         "MalformedFrame (HTTP 200): Frame 6 of the stream is not valid JSON (cut short: Unterminated string "
         "starting at character 148 of 154): '{\"output\":{\"choices\":[{\"message\":{\"content\":\"\","
         "\"reasoning_content\":\" That is 123…' "
         f"[request {POWER_21_REQUEST_ID}]", "What arrived is kept", Partial("power_21", 5)),
]


@pytest.fixture
def refused_port() -> Iterator[int]:
    with socket.socket() as s:  # bound but never listening: connecting is refused
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def base_for(case: Case, request: pytest.FixtureRequest) -> tuple[str, str]:
    """(base URL, the host:port the messages name)."""
    if case.scenario == "@refused":
        port = request.getfixturevalue("refused_port")
        return f"http://127.0.0.1:{port}", f"127.0.0.1:{port}"
    if case.scenario == "@dns":
        return "https://dashchat-fault-test.invalid", "dashchat-fault-test.invalid"
    handle: ServerHandle = request.getfixturevalue("tls_server" if case.scenario == "@tls" else "server")
    scenario = "power_21" if case.scenario == "@tls" else case.scenario
    return handle.base(scenario), f"127.0.0.1:{handle.port}"


def history_row(profile: Path) -> dict:
    with sqlite3.connect(profile / "history.sqlite3") as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM turns").fetchall()
    assert len(rows) == 1
    return dict(rows[0])


def assert_no_key_anywhere(profile: Path, result: subprocess.CompletedProcess[str]) -> None:
    assert KEY not in result.stdout and KEY not in result.stderr
    for path in profile.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), f"the key is in {path.name}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fault_is_named_kept_and_never_leaks_the_key(case: Case, profile: Path, request: pytest.FixtureRequest) -> None:
    base, where = base_for(case, request)
    result = ask(profile, base, *case.args)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines  # one line: the cause, then (if any) what to do about it
    first, _, hint = lines[0].partition(" Hint: ")
    expected = "dashchat: error: " + case.error.replace("{where}", where)
    if "(*)" in expected:  # the resolver's or OpenSSL's own words vary by system
        assert re.fullmatch(re.escape(expected).replace(r"\(\*\)", r"\(.+\)"), first), first
        assert case.also in first
    else:
        assert first == expected
    if case.hint is None:
        assert hint == ""
    else:
        assert case.hint in hint, lines
    assert result.stdout == case.kept.stdout()

    row = history_row(profile)
    assert row["status"] == "error"
    assert row["user_text"] == QUESTION  # the question is never lost
    assert (row["thinking"], row["answer"], json.loads(row["code_json"])) == (
        case.kept.thinking, case.kept.answer, case.kept.code)
    error = json.loads(row["error_json"])
    assert (error["code"], error["http_status"]) == (case.code, case.status)
    assert_no_key_anywhere(profile, result)


def test_matrix_covers_at_least_eighteen_faults() -> None:
    assert len({c.code for c in CASES}) >= 15 and len(CASES) >= 18


# ---------------------------------------------------------------- tolerated, not faults

@pytest.mark.parametrize("scenario", ["odd_fields", "odd_fields,source=two_calls_ja,split=5"])
def test_unknown_and_missing_fields_still_give_the_exact_reply(server: ServerHandle, profile: Path, scenario: str) -> None:
    result = ask(profile, server.base(scenario))
    name = "two_calls_ja" if "two_calls_ja" in scenario else "power_21"
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == ask_output(name)
    row = history_row(profile)
    ref = reference(name)
    assert row["status"] == "complete" and row["error_json"] is None
    assert (row["thinking"], row["answer"], json.loads(row["code_json"])) == (ref.thinking, ref.answer, ref.code)
    assert_no_key_anywhere(profile, result)


def test_tls_server_is_trusted_through_ssl_cert_file(tls_server: ServerHandle, profile: Path) -> None:
    """Verification stays on; a custom CA bundle is how a user gets through a TLS-inspecting
    proxy or a gateway with its own CA (and proves the TLS failure above is verification)."""
    assert tls_server.cert is not None
    result = ask(profile, tls_server.base("power_21"), SSL_CERT_FILE=str(tls_server.cert))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ask_output("power_21")


def test_a_key_that_cannot_be_sent_is_a_usage_error_without_the_key(server: ServerHandle, profile: Path) -> None:
    server.clear()
    bad = KEY[:10] + "\u201d" + KEY[10:]  # a smart quote pasted into the key
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "ask", "--profile", str(profile), "--base-url",
         server.base("power_21"), QUESTION],
        cwd=REPO, env={**env(), "DASHSCOPE_API_KEY": bad}, capture_output=True, text=True, encoding="utf-8",
        timeout=60, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith("dashchat: error: InvalidApiKeyFormat (no HTTP status): ")
    assert bad not in result.stderr and KEY[10:] not in result.stderr
    assert server.requests() == []  # nothing was sent
