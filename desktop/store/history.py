"""Conversations on disk: SQLite (WAL) under the profile. Survives crashes: a turn is written
while it streams, and one left "streaming" by a crash reads back as interrupted.

The schema grows by append-only named migrations recorded in `schema_migrations`
(desktop/store/migrations.py); before any migration runs on an existing database, the file is
copied aside. Deleting a conversation hides it at once and keeps it restorable for
`keep_deleted_days`; it is purged for good (turns and index entries with it) at a later start.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..model.conversation import Conversation
from ..model.turn import Step, Turn, TurnStatus
from ..protocol.errors import ServiceError
from ..protocol.events import Usage
from . import search as _search
from .liveness import WriterLock, is_alive, sweep
from .migrations import MIGRATIONS, statements
from .search import SearchHit

__all__ = ["KEEP_DELETED_DAYS", "MIGRATIONS", "ConversationSummary", "History", "SearchHit"]

KEEP_DELETED_DAYS = 30.0


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    id: str
    title: str
    updated_at: float
    turn_count: int


class History:
    def __init__(self, path: Path, keep_deleted_days: float = KEEP_DELETED_DAYS, recover: bool = True) -> None:
        """Open (creating or migrating) the history at `path`. `recover=False` is for readers
        that may run beside a window streaming into the same file (`dashchat history`): they
        must not mark its live turn interrupted."""
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists() and path.stat().st_size > 0
        self._writer: WriterLock | None = None  # made with the first turn this process writes
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a committed write survives a crash of the app (not a power cut
        # mid-checkpoint), at a fraction of FULL's fsync cost while streaming.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate(existed)
        _search.prepare(self._db)
        self.recovered = self._recover_interrupted() if recover else 0
        self.purged = self.purge_deleted(keep_deleted_days * 86400)

    def close(self) -> None:
        self._db.close()
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    @property
    def _live_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".live")

    def _writer_token(self) -> str:
        if self._writer is None:
            self._writer = WriterLock(self._live_dir)
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
            backup = self.path.with_name(f"{self.path.name}.before-{pending[0]}.bak")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(self.path, backup)
        for name, sql in MIGRATIONS:
            with self._transaction():
                # Checked again inside the write lock: another process may have just done it.
                if name in self._applied():
                    continue
                for statement in statements(sql):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, time.time()))

    def _applied(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")}

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
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------------

    def save_turn(self, conversation: Conversation, turn: Turn) -> None:
        """Write the turn as it is now (called in batches while streaming, and at its end).

        The search index is not touched while the turn streams (see migrations.py), so a save
        costs the same however the index grows. A stored title (set by `rename`) is kept.
        """
        now = time.time()
        position = conversation.turns.index(turn)
        writer = self._writer_token() if turn.status is TurnStatus.STREAMING else None
        with self._transaction():
            self._db.execute(
                "INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at,"
                " title = CASE WHEN conversations.title = '' THEN excluded.title ELSE conversations.title END",
                (conversation.id, conversation.title, conversation.model, conversation.created_at, now),
            )
            self._db.execute(
                """INSERT INTO turns (id, conversation_id, position, user_text, model, thinking, answer,
                       code_json, steps_json, usage_json, status, finish_reason, error_json, request_id,
                       sent_at, first_token_at, finished_at, saved_at, connection, protocol, writer)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                ),
            )

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

    def list_conversations(self, limit: int = 200, offset: int = 0) -> list[ConversationSummary]:
        """Newest first (by the last save), deleted ones left out."""
        rows = self._db.execute(
            """SELECT c.id, c.title, c.updated_at, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)
               FROM conversations c WHERE c.deleted_at IS NULL
               ORDER BY c.updated_at DESC LIMIT ? OFFSET ?""",
            (limit, offset),
        )
        return [ConversationSummary(*row) for row in rows]

    def summary(self, conversation_id: str) -> ConversationSummary | None:
        """One conversation's line in the sidebar (None if unknown or deleted)."""
        row = self._db.execute(
            """SELECT c.id, c.title, c.updated_at, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)
               FROM conversations c WHERE c.id = ? AND c.deleted_at IS NULL""",
            (conversation_id,),
        ).fetchone()
        return ConversationSummary(*row) if row else None

    def latest_id(self) -> str | None:
        row = self._db.execute(
            "SELECT id FROM conversations WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def ids_starting_with(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids of (not deleted) conversations that start with `prefix`, at most `limit`."""
        rows = self._db.execute(
            "SELECT id FROM conversations WHERE id >= ? AND id < ? AND deleted_at IS NULL ORDER BY id LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [row[0] for row in rows]

    def search(self, text: str, include_thinking: bool = False, limit: int = 50) -> list[SearchHit]:
        """Turns whose question or answer (and thinking, if asked) contain `text`, case folded;
        newest turn first, deleted conversations left out. Answers still streaming are
        searchable once they end."""
        return _search.search(self._db, text, include_thinking, limit)

    def load_turn_position(self, turn_id: str) -> tuple[str, int] | None:
        """(conversation id, position) of a turn, to open its conversation at it."""
        row = self._db.execute("SELECT conversation_id, position FROM turns WHERE id = ?", (turn_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def load(self, conversation_id: str) -> Conversation | None:
        row = self._db.execute(
            "SELECT id, title, model, created_at FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        if row is None:
            return None
        conversation = Conversation(id=row[0], title=row[1], model=row[2], created_at=row[3])
        rows = self._db.execute(
            """SELECT id, user_text, model, thinking, answer, code_json, steps_json, usage_json, status,
                      finish_reason, error_json, request_id, sent_at, first_token_at, finished_at,
                      connection, protocol
               FROM turns WHERE conversation_id = ? ORDER BY position""",
            (conversation_id,),
        )
        conversation.turns = [_turn_from_row(r) for r in rows]
        return conversation


def _turn_from_row(row: tuple[object, ...]) -> Turn:
    (tid, user, model, thinking, answer, code_json, steps_json, usage_json, status,
     finish_reason, error_json, request_id, sent_at, first_token_at, finished_at, connection, protocol) = row
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
    )
