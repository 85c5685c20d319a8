"""Shared test setup: Qt offscreen, no key or proxy leaking in from the machine, one qasync
loop per test, a garbage collection after each test (LAB.md §3), and the Hypothesis profile."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.runs import DEV_EXAMPLES, PROFILE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The offscreen platform warns on every window about a feature it lacks; silence only that.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# As the app sets it before it paints (desktop/ui/app.py prepare_qt): fills on the caller's thread.
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")

pytest_plugins = ["tests.support.fixtures", "tests.support.windows", "tests.support.secret_service"]

REPO = Path(__file__).resolve().parents[1]

# Hypothesis: "dev" (the default) is quick, for every run of a contributor's; "ci" (CI=true, or
# HYPOTHESIS_PROFILE=ci) runs each property's full count (tests/support/runs.py: examples()).
# Neither has a deadline: the machine may be shared and busy. CI prints a failure's reproduction
# blob, since its example database is thrown away with the machine.
settings.register_profile("dev", max_examples=DEV_EXAMPLES, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True, database=None)
settings.load_profile(PROFILE)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    # The loopback server stands in for DashScope: DASHSCOPE_API_KEY may go to 127.0.0.1 (and
    # only there; `localhost` plays "another server", which must never get it).
    monkeypatch.setenv("DASHCHAT_KEY_HOSTS", "127.0.0.1")
    yield
    gc.collect()


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    path.mkdir()
    return path


@pytest.fixture
def qloop(qapp) -> Iterator[asyncio.AbstractEventLoop]:  # type: ignore[no-untyped-def]
    """A fresh qasync loop (with the async-generator hooks) for one test. Drive it with
    `qloop.run_until_complete(...)`; never nest qtbot.wait* inside a coroutine."""
    from desktop.ui.qt_loop import EventLoop

    loop = EventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        asyncio.set_event_loop(None)
        loop.close()
        gc.collect()
