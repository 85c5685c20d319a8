"""Pytest fixtures around the loopback test server (tests/support/server.py).

Enable with `pytest_plugins = ["tests.support.fixtures"]` in tests/conftest.py, then:

    def test_x(server):
        url = server.base("power_21,delay=0.01") + GENERATION_PATH

For a server that checks the API key: `with start_server(api_key="sk-test") as keyed: ...`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GENERATION_PATH = "/api/v1/services/aigc/text-generation/generation"
START_TIMEOUT = 15.0

# Proxy variables in the environment must not route loopback traffic anywhere.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class ServerHandle:
    port: int
    process: subprocess.Popen[str]

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def base(self, scenario: str) -> str:
        """A base URL for the app: it appends GENERATION_PATH itself."""
        return f"{self.root}/s/{scenario}"

    def url(self, scenario: str) -> str:
        """The full generation URL, for tests that talk HTTP directly."""
        return self.base(scenario) + GENERATION_PATH

    def requests(self) -> list[dict[str, Any]]:
        """Recorded API requests: method, path, headers (lower-case names), body, raw, time."""
        with _OPENER.open(f"{self.root}/_requests", timeout=5) as response:
            result: list[dict[str, Any]] = json.load(response)
        return result

    def clear(self) -> None:
        request = urllib.request.Request(f"{self.root}/_requests", method="DELETE")
        with _OPENER.open(request, timeout=5):
            pass


@contextmanager
def start_server(api_key: str | None = None, *, verbose: bool = False) -> Iterator[ServerHandle]:
    """Run a server subprocess for the duration of the block; SIGTERM it afterwards."""
    command = [sys.executable, "-m", "tests.support.server", "--port", "0"]
    if api_key is not None:
        command += ["--api-key", api_key]
    if verbose:
        command.append("--verbose")
    # stderr is inherited so that a crash's traceback shows in pytest's captured output.
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        port = _read_port(process)
        yield ServerHandle(port, process)
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
