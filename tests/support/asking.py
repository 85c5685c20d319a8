"""`dashchat ask` as a real process, with an environment the test spells out, and the checks every
network-edge test makes of its outcome: exit status, one error line (cause, then hint), no
traceback, and no secret in anything printed or in any file under the profile (logs included).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Shaped like a real DashScope key, so the log's own key pattern would catch it too.
KEY = "sk-netedge0123456789abcdefKEY9"
QUESTION = "What is 123 to the power of 21?"
# Everything a test sets explicitly; anything of the machine's that would change the outcome.
_DROPPED = ("DASHSCOPE_API_KEY", "DASHCHAT_KEY_HOSTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "NO_PROXY", "no_proxy",
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str
    cause: str  # the error line after "dashchat: error: " and before " Hint: "
    hint: str

    @property
    def printed(self) -> str:
        return self.stdout + self.stderr


def ask(profile: Path, base: str | None, *args: str, key: str | None = KEY, key_hosts: str = "127.0.0.1",
        secrets: Iterable[str] = (), **env: str) -> Outcome:
    """`env` is the whole network environment (proxies, NO_PROXY, SSL_CERT_FILE...): nothing of
    the machine's leaks in. `key_hosts`: DASHCHAT_KEY_HOSTS (the stand-in, by default). Every
    run is checked for a traceback, and for the key and `secrets` in its output and anywhere
    under the profile."""
    environ = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    environ.update(PYTHONIOENCODING="utf-8", DASHCHAT_KEY_HOSTS=key_hosts, **env)
    if key is not None:
        environ["DASHSCOPE_API_KEY"] = key
    command = [sys.executable, "-m", "desktop", "ask", "--profile", str(profile)]
    if base is not None:
        command += ["--base-url", base]
    done = subprocess.run([*command, *args, QUESTION], cwd=REPO, env=environ, capture_output=True, text=True,
                          encoding="utf-8", timeout=90, stdin=subprocess.DEVNULL)
    first = done.stderr.splitlines()[0] if done.stderr.strip() else ""
    cause, _, hint = first.removeprefix("dashchat: error: ").partition(" Hint: ")
    outcome = Outcome(done.returncode, done.stdout, done.stderr, cause if first else "", hint)
    assert "Traceback" not in outcome.printed, outcome.stderr
    assert_nowhere(profile, outcome, [KEY, *secrets])
    return outcome


def assert_failed(outcome: Outcome, status: int, cause: str, hint: str) -> None:
    """Exit `status`, one line on stderr whose cause matches the regex `cause` whole and whose
    hint contains `hint`, nothing on stdout (nothing arrived), no traceback."""
    assert outcome.status == status, outcome.stderr
    assert "Traceback" not in outcome.printed
    assert len(outcome.stderr.strip().splitlines()) == 1, outcome.stderr
    assert re.fullmatch(cause, outcome.cause), outcome.cause
    assert hint in outcome.hint, outcome.hint
    assert outcome.stdout == ""


def assert_nowhere(profile: Path, outcome: Outcome | None, secrets: Iterable[str]) -> None:
    """No secret in what was printed, nor in any file under the profile (history, settings,
    logs), in UTF-8 or UTF-16 (Qt writes some files that way)."""
    secrets = [s for s in secrets if s]
    for secret in secrets:
        if outcome is not None:
            assert secret not in outcome.printed, f"{secret!r} was printed"
    files = [p for p in profile.rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data and secret.encode("utf-16-le") not in data, \
                f"{secret!r} is in {path.relative_to(profile)}"


def log_text(profile: Path) -> str:
    path = profile / "logs" / "dashchat.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""
