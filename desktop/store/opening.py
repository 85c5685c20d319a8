"""Opening a history file, before History (desktop/store/history.py) uses it: the profile folder
checked, the connection made (writable, or read-only for `History.for_reading`), a database that
is not dashchat's refused before anything is written, and the schema brought up to date by the
named migrations (desktop/store/migrations.py), the file copied aside first (never over an
earlier copy).

Functions over a path or a connection; the migrations run in the transactions History gives them.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from .faults import HistoryUnavailable
from .migrations import MIGRATIONS, statements

# Opening waits this long for another process's write (two windows starting at once); a save
# while streaming waits only WRITE_WAIT_MS (history.py): the UI thread must not stall behind
# another program's lock.
OPEN_WAIT = 5.0


def check_profile(folder: Path) -> None:
    """HistoryUnavailable if the profile folder (or a folder above it) is a file."""
    for place in (folder, *folder.parents):
        if place.exists():
            if not place.is_dir():
                raise HistoryUnavailable(f"the profile {folder} cannot be used: {place} is a file, not a folder")
            return


def connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection that may write (the profile folder made if need be), and whether the file
    held anything before (a migration of it is backed up first)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HistoryUnavailable(f"cannot create the profile folder {path.parent}: "
                                 f"{exc.strerror or exc}") from None
    existed = path.exists() and path.stat().st_size > 0
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=OPEN_WAIT, check_same_thread=False)
    except sqlite3.Error as exc:
        raise HistoryUnavailable(f"cannot open the history {path}: {exc}") from None
    return db, existed


def prepare_search(db: sqlite3.Connection) -> None:
    """Per connection: the search index's term list, for 1-2 character texts (search.py). Here,
    with the opening, so that the search module (and its SearchHit dataclass) is imported when
    something is first searched, not before the window's first frame."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, turns_search, 'row')")


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write. A WAL database in a read-only folder opens read-only only
    while its -shm file exists (a crash leaves it); after a clean close there is no WAL content
    left, so it is opened as immutable."""
    if not path.is_file():
        raise HistoryUnavailable(f"there is no history at {path} yet")
    uri = f"file:{path.resolve().as_posix()}"
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return db
    except sqlite3.DatabaseError as exc:
        wal = path.with_name(path.name + "-wal")
        if "not a database" in str(exc) or (wal.exists() and wal.stat().st_size > 0):
            raise HistoryUnavailable(_unreadable(path, exc)) from None
    try:
        db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return db
    except sqlite3.DatabaseError as exc:
        raise HistoryUnavailable(_unreadable(path, exc)) from None


def _unreadable(path: Path, exc: sqlite3.DatabaseError) -> str:
    if "not a database" in str(exc):
        return f"{path} is not a SQLite database (another program's file?); dashchat leaves it as it is"
    return f"cannot read the history {path}: {exc}"


def check_ours(db: sqlite3.Connection, path: Path) -> None:
    """Refuse, before anything is written, a database that is not dashchat's: one with tables
    of its own but no migrations table (another program's file named like ours)."""
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise HistoryUnavailable(_unreadable(path, exc)) from None
    if tables and "schema_migrations" not in tables:
        shown = ", ".join(sorted(tables)[:5])
        raise HistoryUnavailable(f"{path} is a database of another program (tables: {shown}), not a dashchat "
                                 "history; dashchat leaves it as it is. Move it away or use another --profile.")


# -- schema ---------------------------------------------------------------------------------


def applied(db: sqlite3.Connection) -> set[str]:
    try:
        return {row[0] for row in db.execute("SELECT name FROM schema_migrations")}
    except sqlite3.OperationalError:
        return set()  # a new, empty file (read-only: nothing to read yet)


def pending(db: sqlite3.Connection) -> list[str]:
    """The migrations this database has not had yet, in order."""
    done = applied(db)
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(db: sqlite3.Connection, path: Path, existed: bool,
            transaction: Callable[[], AbstractContextManager[None]]) -> None:
    """Apply the pending migrations, each in a `transaction` of its own; a file that `existed`
    is copied aside first."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    todo = pending(db)
    if not todo:
        return
    if existed:
        import shutil  # only for this copy, which few starts make

        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(path, _unused(path.with_name(f"{path.name}.before-{todo[0]}.bak")))
    for name, sql in MIGRATIONS:
        with transaction():
            # Checked again inside the write lock: another process may have just done it.
            if name in applied(db):
                continue
            for statement in statements(sql):
                db.execute(statement)
            db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, time.time()))


def _unused(path: Path) -> Path:
    """`path`, or `path` with -2, -3… before its suffix if that name is taken: a backup never
    overwrites an earlier one."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
