"""Which process is still writing a turn: so that a second process opening the history (`dashchat
ask` beside the window, or a second window) does not mark a reply another one is streaming as
interrupted, while a reply whose process died is marked at the next start, however it died.

Each process that writes turns holds an open exclusive transaction on a small SQLite file of its
own, named by a random token that it records with each turn it writes. The operating system
releases that lock when the process ends, cleanly or not (POSIX and Windows alike, through
SQLite's own locking), so "can the lock be taken?" answers "is its writer gone?".
"""

from __future__ import annotations

import contextlib
import sqlite3
import string
from pathlib import Path

from ..model.ids import new_id

SUFFIX = ".lock"
_TOKEN_CHARS = frozenset(string.hexdigits.lower())


class WriterLock:
    """This process's mark, held until `close()` or the end of the process."""

    def __init__(self, folder: Path) -> None:
        self.token = new_id()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{self.token}{SUFFIX}"
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=OFF")  # nothing is ever written: no journal file
        self._db.execute("BEGIN EXCLUSIVE")

    def close(self) -> None:
        self._db.close()  # ends the transaction: the lock is released
        with contextlib.suppress(OSError):
            self.path.unlink()


def is_alive(folder: Path, token: str, tidy: bool = True) -> bool:
    """Whether the process that wrote with `token` still runs. A dead writer's file is removed
    (unless `tidy` is False: a reader that must not write)."""
    if not token or not set(token) <= _TOKEN_CHARS:
        return False  # not a token this module made (an older row, a hand-edited file)
    path = folder / f"{token}{SUFFIX}"
    if not path.is_file():
        return False
    try:
        probe = sqlite3.connect(f"file:{path.as_posix()}?mode=rw", uri=True, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        probe.execute("PRAGMA journal_mode=OFF")
        probe.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError:
        return True  # locked: its writer holds it
    finally:
        probe.close()
    if tidy:
        with contextlib.suppress(OSError):
            path.unlink()
    return False


def sweep(folder: Path) -> None:
    """Remove the files of writers that are gone (a crash leaves its file behind)."""
    if folder.is_dir():
        for path in folder.glob(f"*{SUFFIX}"):
            is_alive(folder, path.name.removesuffix(SUFFIX))
