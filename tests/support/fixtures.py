"""Pytest fixtures around the loopback test server (tests/support/server.py).

Enable with `pytest_plugins = ["tests.support.fixtures"]` in tests/conftest.py, then:

    def test_x(server):
        url = server.base("power_21,delay=0.01") + GENERATION_PATH

For a server that checks the API key: `with start_server(api_key="sk-test") as keyed: ...`.
To serve exact bytes with exact write boundaries: `server.queue_next(data, writes=[3, 5])`
before the request (the next streaming request gets them instead of its scenario).
For HTTPS with a self-signed certificate: the `tls_server` fixture (its `cert` is the file a
client must trust to get through; without it, verification fails).
"""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import tls

REPO_ROOT = Path(__file__).resolve().parents[2]
GENERATION_PATH = "/api/v1/services/aigc/text-generation/generation"
START_TIMEOUT = 15.0

# Proxy variables in the environment must not route loopback traffic anywhere.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class ServerHandle:
    port: int
    process: subprocess.Popen[str]
    cert: Path | None = None  # set in TLS mode: the self-signed certificate to trust

    @property
    def root(self) -> str:
        return f"{'https' if self.cert else 'http'}://127.0.0.1:{self.port}"

    def _open(self, request: str | urllib.request.Request) -> Any:
        if self.cert is None:
            return _OPENER.open(request, timeout=5)
        context = ssl.create_default_context(cafile=str(self.cert))
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                             urllib.request.HTTPSHandler(context=context))
        return opener.open(request, timeout=5)

    def base(self, scenario: str) -> str:
        """A base URL for the app: it appends GENERATION_PATH itself."""
        return f"{self.root}/s/{scenario}"

    def url(self, scenario: str) -> str:
        """The full generation URL, for tests that talk HTTP directly."""
        return self.base(scenario) + GENERATION_PATH

    def requests(self) -> list[dict[str, Any]]:
        """Recorded API requests: method, path, headers (lower-case names), body, raw, time."""
        with self._open(f"{self.root}/_requests") as response:
            result: list[dict[str, Any]] = json.load(response)
        return result

    def clear(self) -> None:
        request = urllib.request.Request(f"{self.root}/_requests", method="DELETE")
        with self._open(request):
            pass

    def queue_next(self, data: bytes, writes: Sequence[int] = (), pause: float = 0.0) -> None:
        """The next streaming API request gets `data` verbatim, one chunk per write of
        `writes[0]`, `writes[1]`, ... bytes (the rest in a last one), `pause` s after each."""
        query = urllib.parse.urlencode({"writes": ",".join(map(str, writes)), "pause": repr(pause)})
        request = urllib.request.Request(f"{self.root}/_next?{query}", data=data, method="PUT",
                                         headers={"Content-Type": "application/octet-stream"})
        with self._open(request):
            pass

    def clear_next(self) -> None:
        """Forget streams queued by `queue_next` and not served yet."""
        with self._open(urllib.request.Request(f"{self.root}/_next", method="DELETE")):
            pass


@contextmanager
def start_server(api_key: str | None = None, *, verbose: bool = False,
                 cert_dir: Path | None = None) -> Iterator[ServerHandle]:
    """Run a server subprocess for the duration of the block; SIGTERM it afterwards.
    With `cert_dir`, the server speaks HTTPS with a self-signed certificate written there."""
    command = [sys.executable, "-m", "tests.support.server", "--port", "0"]
    if api_key is not None:
        command += ["--api-key", api_key]
    if verbose:
        command.append("--verbose")
    if cert_dir is not None:
        command += ["--tls", "--cert-dir", str(cert_dir)]
    # stderr is inherited so that a crash's traceback shows in pytest's captured output.
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        port = _read_port(process)
        yield ServerHandle(port, process, cert_dir / tls.CERT_NAME if cert_dir is not None else None)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _read_port(process: subprocess.Popen[str]) -> int:
    assert process.stdout is not None
    # readline() has no timeout; a watchdog kills a server that never gets ready, which
    # turns the hang into an EOF below.
    watchdog = threading.Timer(START_TIMEOUT, process.kill)
    watchdog.start()
    try:
        line = process.stdout.readline()
    finally:
        watchdog.cancel()
    if not line.startswith("PORT "):
        raise RuntimeError(f"test server did not start (exit code {process.poll()}, "
                           f"first line {line!r})")
    return int(line.split()[1])


@pytest.fixture(scope="session")
def server() -> Iterator[ServerHandle]:
    """One server for the whole session, accepting any API key."""
    with start_server() as handle:
        yield handle


@pytest.fixture(scope="session")
def tls_server() -> Iterator[ServerHandle]:
    """One HTTPS server for the session, with a self-signed certificate (`handle.cert`)."""
    if tls.available() is None:
        pytest.skip("needs the cryptography package or the openssl command to make a certificate")
    directory = Path(tempfile.mkdtemp(prefix="dashchat-tls-"))
    try:
        with start_server(cert_dir=directory) as handle:
            yield handle
    finally:
        shutil.rmtree(directory, ignore_errors=True)
