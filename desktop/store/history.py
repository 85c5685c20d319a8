"""Conversations on disk: SQLite (WAL) under the profile. Survives crashes: a turn is written
while it streams, and one left "streaming" by a crash reads back as interrupted.

The schema grows by append-only named migrations recorded in `schema_migrations`
(desktop/store/migrations.py); before any migration runs on an existing database, the file is
copied aside (never over an earlier copy). Deleting a conversation hides it at once and keeps it
restorable for `keep_deleted_days`; it is purged for good (turns and index entries with it) at a
later start.

A database that is not dashchat's (no `schema_migrations` table, yet tables of its own) is never
touched: opening it fails with `HistoryUnavailable` before anything is written. Every failed
write raises `StorageError` (desktop/store/faults.py), which the session turns into a retry and a
notice instead of a lost reply.

History is what callers hold; its parts are functions over its connection, run under its lock
and in its transactions: opening the file (desktop/store/opening.py), a conversation and its
turns as rows (rows.py), the sidebar's listing (listing.py), search (search.py), the outputs of
code calls (outputs.py), and, used on a History from outside, conversation_options.py and
importing.py.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..model.conversation import Conversation
from ..model.output import Output
from ..model.turn import Turn, TurnStatus
from . import listing as _listing
from . import opening as _opening
from . import outputs as _outputs
from . import rows as _rows
from .faults import HistoryUnavailable, StorageError
from .listing import ConversationSummary
from .liveness import WriterLock, is_alive, sweep
from .migrations import MIGRATIONS
from .opening import check_profile

if TYPE_CHECKING:
    from .search import SearchHit

__all__ = ["KEEP_DELETED_DAYS", "MIGRATIONS", "ConversationSummary", "History", "HistoryUnavailable", "SearchHit",
           "StorageError", "check_profile"]

log = logging.getLogger("dashchat.history")
log.addHandler(logging.NullHandler())  # a library does not print: stderr is for one error line

KEEP_DELETED_DAYS = 30.0
_R = TypeVar("_R")
# Opening waits OPEN_WAIT for another process's write (desktop/store/opening.py); a save while
# streaming waits only WRITE_WAIT: the UI thread must not stall behind another program's lock.
# A save that cannot get the lock fails fast and the session retries it later.
WRITE_WAIT_MS = 200


def _locked(method: Callable[..., _R]) -> Callable[..., _R]:
    """A read that waits for a write in progress on another thread (see History._lock)."""

    @functools.wraps(method)
    def locked(self: History, *args: object, **kwargs: object) -> _R:
        with self._lock:
            return method(self, *args, **kwargs)

    return locked


class History:
    def __init__(self, path: Path, keep_deleted_days: float = KEEP_DELETED_DAYS, recover: bool = True,
                 read_only: bool = False) -> None:
        """Open (creating or migrating) the history at `path`. `recover=False` is for readers
        that may run beside a window streaming into the same file (`dashchat history`): they
        must not mark its live turn interrupted. `read_only`: never write anything (a backup, a
        mounted share, a profile that is not ours to change); see `for_reading`.

        Raises HistoryUnavailable when the history cannot be used, StorageError when creating or
        upgrading it failed."""
        self.path = path
        self.read_only = read_only
        # One connection, used by the UI thread and by the session's writer thread (the final
        # save of a long reply, which indexes it for search, runs there): every use holds this.
        self._lock = threading.RLock()
        self._writer: WriterLock | None = None  # made with the first turn this process writes
        self._unmarked = False  # the writer's mark could not be made (logged once)
        check_profile(path.parent)
        if read_only:
            self._db = _opening.connect_read_only(path)
        else:
            self._db, existed = _opening.connect(path)
        try:
            _opening.check_ours(self._db, path)
            if read_only:
                if _opening.pending(self._db):
                    raise HistoryUnavailable(f"the history {path} was written by an older dashchat and "
                                             "cannot be upgraded read-only; open it once where it can be written")
            else:
                self._db.execute("PRAGMA journal_mode=WAL")
                # NORMAL in WAL mode: a committed write survives a crash of the app (not a power
                # cut mid-checkpoint), at a fraction of FULL's fsync cost while streaming.
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                _opening.migrate(self._db, path, existed, self._transaction)
            _opening.prepare_search(self._db)
            self.recovered = self._recover_interrupted() if recover and not read_only else 0
            self.purged = self.purge_deleted(keep_deleted_days * 86400) if not read_only else 0
            self._db.execute(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
        except sqlite3.Error as exc:
            self._db.close()
            raise StorageError.from_exception(exc, path) from None
        except BaseException:
            self._db.close()
            raise

    @classmethod
    def for_reading(cls, path: Path) -> History:
        """A history for commands that only read (`dashchat history list/search/export`): it never
        marks or purges anything, and works on a read-only profile. Only an older schema on a
        writable profile is upgraded first (as any dashchat would at its next start)."""
        try:
            return cls(path, recover=False, read_only=True)
        except HistoryUnavailable:
            if path.is_file() and _opening.writable(path):
                with contextlib.suppress(HistoryUnavailable, StorageError):
                    return cls(path, recover=False)
            raise

    def close(self) -> None:
        with self._lock:
            self._db.close()
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    @property
    def _live_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".live")

    def _writer_token(self) -> str | None:
        if self._writer is None:
            try:
                self._writer = WriterLock(self._live_dir)
            except (OSError, sqlite3.Error) as exc:
                # The mark cannot be made (`history.sqlite3.live` is a file, a full disk): the turn
                # is saved all the same. Another process opening the history meanwhile may mark it
                # interrupted, and the next save marks it streaming again: the lesser harm.
                if not self._unmarked:
                    log.warning("cannot mark this process as the writer in %s: %s", self._live_dir, exc)
                self._unmarked = True
                return None
        return self._writer.token

    # -- recovery and transactions -----------------------------------------------------------

    def _recover_interrupted(self) -> int:
        """A turn still marked streaming whose writer is gone was cut off by a crash or a kill;
        one another process is streaming right now is left alone (store/liveness.py). (Marking
        it interrupted also puts its answer and thinking into the search index.)"""
        streaming = self._db.execute("SELECT id, writer FROM turns WHERE status = ?",
                                     (TurnStatus.STREAMING.value,)).fetchall()
        alive: dict[str, bool] = {}
        for _, writer in streaming:
            if writer not in alive:
                alive[writer] = is_alive(self._live_dir, writer or "")
        cut_off = [turn_id for turn_id, writer in streaming if not alive[writer]]
        sweep(self._live_dir)
        if not cut_off:
            return 0
        with self._transaction():
            for turn_id in cut_off:
                self._db.execute(
                    "UPDATE turns SET status = ?, finished_at = COALESCE(finished_at, saved_at)"
                    " WHERE id = ? AND status = ?",
                    (TurnStatus.INTERRUPTED.value, turn_id, TurnStatus.STREAMING.value))
        return len(cut_off)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write, all or nothing. Any failure is a StorageError naming its cause."""
        if self.read_only:
            raise StorageError.from_exception(sqlite3.OperationalError("opened read-only"), self.path)
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield
                except BaseException:
                    # SQLite may have rolled back already (a full disk does): nothing to undo then.
                    if self._db.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except (sqlite3.Error, OSError) as exc:
                if self._db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                raise StorageError.from_exception(exc, self.path) from None

    # -- writing ----------------------------------------------------------------------------

    def save_turn(self, conversation: Conversation, turn: Turn, *, position: int | None = None,
                  leaf: str | None = None) -> None:
        """Write the turn as it is now (called in batches while streaming, and at its end).

        The search index is not touched while the turn streams (see migrations.py), so a save
        costs the same however the index grows. A stored title (set by `rename`) is kept.
        `position` and `leaf` (the turn's place among the conversation's versions, the branch it
        shows) are given by a caller writing a snapshot of the turn (Turn.snapshot) on another
        thread; otherwise they are read from `conversation`.
        """
        now = time.time()
        if position is None:
            position = conversation.position_of(turn)
            leaf = conversation.turns[-1].id if conversation.turns else None
        writer = self._writer_token() if turn.status is TurnStatus.STREAMING else None
        with self._transaction():
            _rows.write_turn(self._db, conversation, turn, position=position, leaf=leaf, now=now, writer=writer)

    def show_branch(self, conversation: Conversation) -> None:
        """Remember the branch `conversation` shows now (its path's last turn), so that it
        reopens there; `updated_at` is left alone (paging is not a change)."""
        leaf = conversation.turns[-1].id if conversation.turns else None
        with self._transaction():
            self._db.execute("UPDATE conversations SET current_leaf = ? WHERE id = ?", (leaf, conversation.id))

    def rename(self, conversation_id: str, title: str) -> bool:
        """Set the title (the sidebar's order stays: `updated_at` is not touched)."""
        with self._transaction():
            cursor = self._db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))
        return cursor.rowcount > 0

    def delete(self, conversation_id: str) -> bool:
        """Hide the conversation from listing, search and `latest_id`; `restore` undoes it.
        Its rows go for good with `purge_deleted`, at a start `keep_deleted_days` later."""
        with self._transaction():
            cursor = self._db.execute(
                "UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (time.time(), conversation_id),
            )
        return cursor.rowcount > 0

    def restore(self, conversation_id: str) -> bool:
        """Undo `delete`: the conversation is back where it was in the list."""
        with self._transaction():
            cursor = self._db.execute(
                "UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                (conversation_id,),
            )
        return cursor.rowcount > 0

    def purge_deleted(self, older_than: float = 0.0) -> int:
        """Remove for good the conversations deleted at least `older_than` seconds ago, with
        their turns (ON DELETE CASCADE) and index entries (trigger). Returns how many."""
        with self._transaction():
            cursor = self._db.execute(
                "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?",
                (time.time() - older_than,),
            )
        return cursor.rowcount

    # -- reading ----------------------------------------------------------------------------

    @_locked
    def list_conversations(self, limit: int = 200, offset: int = 0) -> list[ConversationSummary]:
        """Newest first (by the last save), deleted ones left out."""
        return _listing.conversations(self._db, limit, offset)

    @_locked
    def summary(self, conversation_id: str) -> ConversationSummary | None:
        """One conversation's line in the sidebar (None if unknown or deleted)."""
        return _listing.summary(self._db, conversation_id)

    @_locked
    def latest_id(self) -> str | None:
        return _listing.latest_id(self._db)

    @_locked
    def ids_starting_with(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids of (not deleted) conversations that start with `prefix`, at most `limit`."""
        return _listing.ids_starting_with(self._db, prefix, limit)

    @_locked
    def search(self, text: str, include_thinking: bool = False, limit: int = 50) -> list[SearchHit]:
        """Turns whose question or answer (and thinking, if asked) contain `text`, case folded;
        newest turn first, deleted conversations left out. Answers still streaming are
        searchable once they end."""
        from . import search as _search  # on first use: startup.py

        return _search.search(self._db, text, include_thinking, limit)

    @_locked
    def load_turn_position(self, turn_id: str) -> tuple[str, int] | None:
        """(conversation id, position) of a turn, to open its conversation at it."""
        return _listing.turn_position(self._db, turn_id)

    @_locked
    def load(self, conversation_id: str) -> Conversation | None:
        """The conversation, every branch of it, shown on the branch it was left on. A turn
        still marked streaming whose writer is gone reads as interrupted (desktop/store/rows.py)."""
        return _rows.load(self._db, conversation_id, self._live_dir, tidy=not self.read_only)

    # -- outputs of code run locally or imported (desktop/store/outputs.py) -------------------

    def save_outputs(self, turn_id: str, outputs: Mapping[int, Sequence[Output]], origin: str = _outputs.CALL) -> None:
        """Replace the stored outputs of each call given (by call index), all or nothing; with
        `origin` "answer", of the answer's Python blocks (by block ordinal)."""
        with self._transaction():
            _outputs.write(self._db, turn_id, outputs, origin=origin)

    @_locked
    def load_outputs(self, turn_id: str, origin: str = _outputs.CALL) -> dict[int, list[Output]]:
        return _outputs.load(self._db, [turn_id], origin).get(turn_id, {})

    def clear_outputs(self, turn_id: str, call_index: int | None = None, origin: str = _outputs.CALL) -> int:
        with self._transaction():
            return _outputs.delete(self._db, turn_id, call_index, origin)


def __getattr__(name: str) -> object:
    # SearchHit, named in __all__, comes from the search module, imported on first use (PEP 562).
    if name == "SearchHit":
        from .search import SearchHit

        return SearchHit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
