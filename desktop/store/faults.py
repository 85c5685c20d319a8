"""What can go wrong with the history file, in words a person can act on.

Two kinds, because they call for different answers:
- `HistoryUnavailable`: the history cannot be opened at all (the profile is a file, the database
  belongs to another program, it is not SQLite). Nothing is ever modified in that case.
- `StorageError`: one write failed (disk full, another program holds the lock, a read-only
  folder, an I/O error). The stream goes on; the session keeps the turn in memory and retries
  (desktop/session.py), so a fault that clears loses nothing.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum
from pathlib import Path


class HistoryUnavailable(Exception):
    """The history at a path cannot be used; the message says why and what to do."""


class StorageFault(StrEnum):
    FULL = "full"
    LOCKED = "locked"
    READ_ONLY = "read-only"
    IO = "io"
    OTHER = "other"


_ADVICE = {
    StorageFault.FULL: "the disk is full; free some space",
    StorageFault.LOCKED: "another program holds the history's lock",
    StorageFault.READ_ONLY: "the history's folder or file is read-only",
    StorageFault.IO: "the disk reported an I/O error",
    StorageFault.OTHER: "the history could not be written",
}


class StorageError(Exception):
    """A write to the history failed. `fault` says which kind; str() is one plain sentence."""

    def __init__(self, fault: StorageFault, path: Path, detail: str) -> None:
        self.fault = fault
        self.path = path
        self.detail = detail
        super().__init__(f"Could not save to the history: {self.reason}.")

    @property
    def reason(self) -> str:
        """What went wrong and what to do, then the details: "the disk is full; free some space
        (database or disk is full, /path/history.sqlite3)"."""
        return f"{_ADVICE[self.fault]} ({self.detail}, {self.path})"

    @classmethod
    def from_exception(cls, exc: BaseException, path: Path) -> StorageError:
        if isinstance(exc, StorageError):
            return exc
        return cls(classify(exc), path, str(exc) or type(exc).__name__)


def classify(exc: BaseException) -> StorageFault:
    """Which fault an exception from sqlite3 or the file system means. SQLite's extended error
    codes (Python 3.11+) are exact; the message is the fallback."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        if primary == sqlite3.SQLITE_FULL:
            return StorageFault.FULL
        if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return StorageFault.LOCKED
        if primary == sqlite3.SQLITE_READONLY or primary == sqlite3.SQLITE_PERM:
            return StorageFault.READ_ONLY
        if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
            return StorageFault.IO
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return StorageFault.FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StorageFault.READ_ONLY
        return StorageFault.IO
    text = str(exc).lower()
    if "full" in text:
        return StorageFault.FULL
    if "locked" in text or "busy" in text:
        return StorageFault.LOCKED
    if "readonly" in text or "read-only" in text:
        return StorageFault.READ_ONLY
    if "i/o" in text:
        return StorageFault.IO
    return StorageFault.OTHER
