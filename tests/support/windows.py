"""One way for tests to get a real, shown MainWindow whose session talks to a real server,
and to close it properly (session, client and history) afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

import pytest

from desktop.config import Config
from desktop.keys import KEY_HOSTS_ENV
from desktop.protocol.client import Timeouts
from desktop.session import ChatSession
from desktop.store.history import History
from desktop.ui.main_window import MainWindow


class WindowFactory(Protocol):
    def __call__(self, base_url: str, *, environ: Mapping[str, str] | None = None,
                 idle: float | None = None, protocol: str = "native", connection: str = "") -> MainWindow: ...


@pytest.fixture
def window_factory(qtbot, qloop, profile: Path) -> Iterator[WindowFactory]:  # type: ignore[no-untyped-def]
    """make(base_url, environ=..., idle=..., protocol=..., connection=...) -> a shown window. `environ` is what the key store
    sees as the environment (e.g. {DASHSCOPE_API_KEY: key}); {} means: only the OS keyring."""
    made: list[tuple[MainWindow, ChatSession, History]] = []

    def make(base_url: str, *, environ: Mapping[str, str] | None = None, idle: float | None = None,
             protocol: str = "native", connection: str = "") -> MainWindow:
        config = Config(profile=profile, base_url=base_url, timeouts=Timeouts(idle=idle) if idle else Timeouts(),
                        protocol=protocol, connection=connection)
        history = History(config.history_path)
        # The stand-in's host, as tests/conftest.py lets DASHSCOPE_API_KEY go there.
        seen = {KEY_HOSTS_ENV: os.environ.get(KEY_HOSTS_ENV, ""), **(environ or {})}
        session = ChatSession(config, history, environ=seen)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        made.append((window, session, history))
        return window

    yield make
    for window, session, history in made:
        window.close()
        qloop.run_until_complete(session.aclose())
        history.close()
