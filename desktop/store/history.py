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
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..model.conversation import Conversation
from ..model.output import Output
from ..model.turn import Step, Turn, TurnStatus
from ..protocol.errors import ServiceError
from ..protocol.events import Usage
from . import outputs as _outputs
from . import search as _search
from .faults import HistoryUnavailable, StorageError
from .liveness import WriterLock, is_alive, sweep
from .migrations import MIGRATIONS, statements
from .search import SearchHit

__all__ = ["KEEP_DELETED_DAYS", "MIGRATIONS", "ConversationSummary", "History", "HistoryUnavailable", "SearchHit",
           "StorageError"]

log = logging.getLogger("dashchat.history")
log.addHandler(logging.NullHandler())  # a library does not print: stderr is for one error line

KEEP_DELETED_DAYS = 30.0
_R = TypeVar("_R")
# Opening waits this long for another process's write (two windows starting at once); a save
# while streaming waits only WRITE_WAIT: the UI thread must not stall behind another program's
# lock. A save that cannot get the lock fails fast and the session retries it later.
OPEN_WAIT = 5.0
WRITE_WAIT_MS = 200


def _locked(method: Callable[..., _R]) -> Callable[..., _R]:
    """A read that waits for a write in progress on another thread (see History._lock)."""

    @functools.wraps(method)
    def locked(self: History, *args: object, **kwargs: object) -> _R:
        with self._lock:
            return method(self, *args, **kwargs)

    return locked


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    id: str
    title: str
    updated_at: float
    turn_count: int


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
            self._db = _connect_read_only(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise HistoryUnavailable(f"cannot create the profile folder {path.parent}: "
                                         f"{exc.strerror or exc}") from None
            existed = path.exists() and path.stat().st_size > 0
            try:
                self._db = sqlite3.connect(path, isolation_level=None, timeout=OPEN_WAIT, check_same_thread=False)
            except sqlite3.Error as exc:
                raise HistoryUnavailable(f"cannot open the history {path}: {exc}") from None
        try:
            _check_ours(self._db, path)
            if read_only:
                pending = [name for name, _ in MIGRATIONS if name not in self._applied()]
                if pending:
                    raise HistoryUnavailable(f"the history {path} was written by an older dashchat and "
                                             "cannot be upgraded read-only; open it once where it can be written")
            else:
                self._db.execute("PRAGMA journal_mode=WAL")
                # NORMAL in WAL mode: a committed write survives a crash of the app (not a power
                # cut mid-checkpoint), at a fraction of FULL's fsync cost while streaming.
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._migrate(existed)
            _search.prepare(self._db)
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
            if path.is_file() and _writable(path):
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

    # -- schema -----------------------------------------------------------------------------

    def _migrate(self, existed: bool) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)"
        )
        pending = [name for name, _ in MIGRATIONS if name not in self._applied()]
        if not pending:
            return
        if existed:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(self.path, _unused(self.path.with_name(f"{self.path.name}.before-{pending[0]}.bak")))
        for name, sql in MIGRATIONS:
            with self._transaction():
                # Checked again inside the write lock: another process may have just done it.
                if name in self._applied():
                    continue
                for statement in statements(sql):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, time.time()))

    def _applied(self) -> set[str]:
        try:
            return {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")}
        except sqlite3.OperationalError:
            return set()  # a new, empty file (read-only: nothing to read yet)

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

    def save_turn(self, conversation: Conversation, turn: Turn) -> None:
        """Write the turn as it is now (called in batches while streaming, and at its end).

        The search index is not touched while the turn streams (see migrations.py), so a save
        costs the same however the index grows. A stored title (set by `rename`) is kept.
        """
        now = time.time()
        position = conversation.position_of(turn)
        leaf = conversation.turns[-1].id if conversation.turns else None
        writer = self._writer_token() if turn.status is TurnStatus.STREAMING else None
        with self._transaction():
            self._db.execute(
                "INSERT INTO conversations (id, title, model, created_at, updated_at, current_leaf)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at,"
                " current_leaf = excluded.current_leaf,"
                " title = CASE WHEN conversations.title = '' THEN excluded.title ELSE conversations.title END",
                (conversation.id, conversation.title, conversation.model, conversation.created_at, now, leaf),
            )
            self._db.execute(
                """INSERT INTO turns (id, conversation_id, position, user_text, model, thinking, answer,
                       code_json, steps_json, usage_json, status, finish_reason, error_json, request_id,
                       sent_at, first_token_at, finished_at, saved_at, connection, protocol, writer, parent_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET thinking = excluded.thinking, answer = excluded.answer,
                       code_json = excluded.code_json, steps_json = excluded.steps_json,
                       usage_json = excluded.usage_json, status = excluded.status,
                       finish_reason = excluded.finish_reason, error_json = excluded.error_json,
                       request_id = excluded.request_id, first_token_at = excluded.first_token_at,
                       finished_at = excluded.finished_at, saved_at = excluded.saved_at,
                       writer = excluded.writer""",
                (
                    turn.id,
                    conversation.id,
                    position,
                    turn.user,
                    turn.model,
                    turn.thinking,
                    turn.answer,
                    json.dumps(turn.code, ensure_ascii=False),
                    json.dumps([s.to_dict() for s in turn.steps]),
                    json.dumps(turn.usage.to_dict()),
                    turn.status.value,
                    turn.finish_reason,
                    json.dumps(turn.error.to_dict(), ensure_ascii=False) if turn.error else None,
                    turn.request_id,
                    turn.sent_at,
                    turn.first_token_at,
                    turn.finished_at,
                    now,
                    turn.connection,
                    turn.protocol,
                    writer,
                    turn.parent_id,
                ),
            )

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
        rows = self._db.execute(
            """SELECT c.id, c.title, c.updated_at, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)
               FROM conversations c WHERE c.deleted_at IS NULL
               ORDER BY c.updated_at DESC LIMIT ? OFFSET ?""",
            (limit, offset),
        )
        return [ConversationSummary(*row) for row in rows]

    @_locked
    def summary(self, conversation_id: str) -> ConversationSummary | None:
        """One conversation's line in the sidebar (None if unknown or deleted)."""
        row = self._db.execute(
            """SELECT c.id, c.title, c.updated_at, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)
               FROM conversations c WHERE c.id = ? AND c.deleted_at IS NULL""",
            (conversation_id,),
        ).fetchone()
        return ConversationSummary(*row) if row else None

    @_locked
    def latest_id(self) -> str | None:
        row = self._db.execute(
            "SELECT id FROM conversations WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    @_locked
    def ids_starting_with(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids of (not deleted) conversations that start with `prefix`, at most `limit`."""
        rows = self._db.execute(
            "SELECT id FROM conversations WHERE id >= ? AND id < ? AND deleted_at IS NULL ORDER BY id LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [row[0] for row in rows]

    @_locked
    def search(self, text: str, include_thinking: bool = False, limit: int = 50) -> list[SearchHit]:
        """Turns whose question or answer (and thinking, if asked) contain `text`, case folded;
        newest turn first, deleted conversations left out. Answers still streaming are
        searchable once they end."""
        return _search.search(self._db, text, include_thinking, limit)

    @_locked
    def load_turn_position(self, turn_id: str) -> tuple[str, int] | None:
        """(conversation id, position) of a turn, to open its conversation at it."""
        row = self._db.execute("SELECT conversation_id, position FROM turns WHERE id = ?", (turn_id,)).fetchone()
        return (row[0], row[1]) if row else None

    @_locked
    def load(self, conversation_id: str) -> Conversation | None:
        row = self._db.execute(
            "SELECT id, title, model, created_at, current_leaf FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        if row is None:
            return None
        conversation = Conversation(id=row[0], title=row[1], model=row[2], created_at=row[3])
        rows = self._db.execute(
            """SELECT id, user_text, model, thinking, answer, code_json, steps_json, usage_json, status,
                      finish_reason, error_json, request_id, sent_at, first_token_at, finished_at,
                      connection, protocol, parent_id, writer, saved_at
               FROM turns WHERE conversation_id = ? ORDER BY position""",
            (conversation_id,),
        )
        conversation.versions = [self._truthful(_turn_from_row(r[:-2]), r[-2], r[-1]) for r in rows]
        # The branch it was left on; without one (or if that turn is gone), the newest turn's.
        leaf = row[4] if any(t.id == row[4] for t in conversation.versions) else None
        if leaf is None and conversation.versions:
            leaf = conversation.versions[-1].id
        if leaf is not None:
            conversation.show_path_to(leaf)
        _outputs.attach(self._db, conversation)
        return conversation

    def _truthful(self, turn: Turn, writer: object, saved_at: object) -> Turn:
        """A turn still marked streaming whose writer is gone reads as what it is: interrupted
        (a reader that does not recover, or cannot write, must not show a dead reply as live)."""
        if turn.status is TurnStatus.STREAMING and not is_alive(self._live_dir, str(writer or ""),
                                                                tidy=not self.read_only):
            turn.status = TurnStatus.INTERRUPTED
            if turn.finished_at is None and isinstance(saved_at, int | float):
                turn.finished_at = float(saved_at)
        return turn

    # -- outputs of code run locally or imported (desktop/store/outputs.py) -------------------

    def save_outputs(self, turn_id: str, outputs: Mapping[int, Sequence[Output]]) -> None:
        """Replace the stored outputs of each call given (by call index), all or nothing."""
        with self._transaction():
            _outputs.write(self._db, turn_id, outputs)

    @_locked
    def load_outputs(self, turn_id: str) -> dict[int, list[Output]]:
        return _outputs.load(self._db, [turn_id]).get(turn_id, {})

    def clear_outputs(self, turn_id: str, call_index: int | None = None) -> int:
        with self._transaction():
            return _outputs.delete(self._db, turn_id, call_index)


def _turn_from_row(row: tuple[object, ...]) -> Turn:
    (tid, user, model, thinking, answer, code_json, steps_json, usage_json, status,
     finish_reason, error_json, request_id, sent_at, first_token_at, finished_at, connection, protocol, parent_id) = row
    error = ServiceError.from_dict(json.loads(str(error_json))) if error_json else None
    return Turn.restore(
        thinking=str(thinking),
        answer=str(answer),
        id=tid,
        user=user,
        model=model,
        code=list(json.loads(str(code_json))),
        steps=[Step.from_dict(s) for s in json.loads(str(steps_json))],
        usage=Usage.from_dict(json.loads(str(usage_json))),
        status=TurnStatus(str(status)),
        finish_reason=finish_reason,
        error=error,
        request_id=request_id,
        sent_at=sent_at,
        first_token_at=first_token_at,
        finished_at=finished_at,
        connection=str(connection),
        protocol=str(protocol),
        parent_id=str(parent_id) if parent_id else None,
    )


def check_profile(folder: Path) -> None:
    """HistoryUnavailable if the profile folder (or a folder above it) is a file."""
    for place in (folder, *folder.parents):
        if place.exists():
            if not place.is_dir():
                raise HistoryUnavailable(f"the profile {folder} cannot be used: {place} is a file, not a folder")
            return


def _connect_read_only(path: Path) -> sqlite3.Connection:
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


def _check_ours(db: sqlite3.Connection, path: Path) -> None:
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


def _unused(path: Path) -> Path:
    """`path`, or `path` with -2, -3… before its suffix if that name is taken: a backup never
    overwrites an earlier one."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _writable(path: Path) -> bool:
    import os

    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
