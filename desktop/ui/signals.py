"""Stop signals (SIGINT, SIGTERM, SIGHUP; SIGBREAK on Windows) delivered to the window.

Python runs a signal handler only when the interpreter gets control, and a Qt window spends its
time inside Qt's C++ event loop: a signal would wait for the next event, and Ctrl+C would end
in a KeyboardInterrupt traceback from whatever Python code ran next. Here every stop signal gets
a handler that only records it, and `signal.set_wakeup_fd` writes its number into a pipe (a socket
on Windows, where the wake-up fd must be one) that a QSocketNotifier watches, so the loop wakes at once and the window stops as Stop would (the partial
turn saved as interrupted, a requested export written), then exits with 128 + the number.

Windows: SIGBREAK is Ctrl+Break and, through the C runtime, closing the console a terminal-started
window belongs to; logging off reaches a GUI process as Qt's aboutToQuit, which closes the window
the same way. Not tried on Windows or macOS.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

from ..cli.exits import stop_signals


class StopSignals(QObject):
    """While alive, stop signals call `on_signal(signum)` on the Qt thread; `close()` undoes it."""

    def __init__(self, on_signal: Callable[[int], None]) -> None:
        super().__init__()
        self._on_signal = on_signal
        self._wake_up = _WakeUp()
        self._previous_fd = signal.set_wakeup_fd(self._wake_up.write_fd, warn_on_full_buffer=False)
        self._previous: dict[int, Callable[[int, FrameType | None], Any] | int | signal.Handlers | None] = {}
        for sig in stop_signals():
            with contextlib.suppress(OSError, ValueError):
                # The handler does nothing itself: the wake-up byte carries the signal's number.
                self._previous[sig] = signal.signal(sig, _record)
        self._notifier = QSocketNotifier(self._wake_up.read_fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            data = self._wake_up.read()
        except (BlockingIOError, InterruptedError):
            return
        for signum in data:
            if signum in self._previous:
                self._on_signal(signum)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for sig, previous in self._previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(sig, previous)
        self._wake_up.close()


class _WakeUp:
    """The two non-blocking ends the wake-up bytes go through: a pipe, or on Windows (whose
    wake-up fd must be a socket) a socket pair. A pipe also spares the window the socket
    module before its first frame."""

    def __init__(self) -> None:
        if sys.platform == "win32":
            import socket

            self._sockets = socket.socketpair()
            for end in self._sockets:
                end.setblocking(False)
            self.read_fd, self.write_fd = (end.fileno() for end in self._sockets)
        else:
            self.read_fd, self.write_fd = os.pipe()  # not inherited by child processes (PEP 446)
            for fd in (self.read_fd, self.write_fd):
                os.set_blocking(fd, False)

    def read(self) -> bytes:
        """What has arrived; BlockingIOError when nothing has."""
        if sys.platform == "win32":
            return self._sockets[0].recv(64)
        return os.read(self.read_fd, 64)

    def close(self) -> None:
        if sys.platform == "win32":
            for end in self._sockets:
                end.close()
        else:
            os.close(self.read_fd)
            os.close(self.write_fd)


def _record(_signum: int, _frame: object) -> None:
    """Runs in Python's signal machinery; the wake-up fd already told the loop."""
