"""Conversations on disk: SQLite (WAL) under the profile. Survives crashes: a turn is written
while it streams, and one left "streaming" by a crash reads back as interrupted.

The schema grows by append-only named migrations recorded in `schema_migrations`; before any
migration runs on an existing database, the file is copied aside.
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

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_conversations_and_turns",
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            model TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE TABLE turns (
            id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            user_text TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            thinking TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            code_json TEXT NOT NULL DEFAULT '[]',
            steps_json TEXT NOT NULL DEFAULT '[]',
            usage_json TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL,
            finish_reason TEXT,
            error_json TEXT,
            request_id TEXT,
            sent_at REAL,
            first_token_at REAL,
            finished_at REAL,
            saved_at REAL NOT NULL,
            UNIQUE (conversation_id, position)
        );
        CREATE INDEX conversations_by_update ON conversations(updated_at DESC);
        """,
    ),
]


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    id: str
    title: str
    updated_at: float
    turn_count: int


class History:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists() and path.stat().st_size > 0
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a committed write survives a crash of the app (not a power cut
        # mid-checkpoint), at a fraction of FULL's fsync cost while streaming.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate(existed)
        self.recovered = self._recover_interrupted()

    def close(self) -> None:
        self._db.close()

    # -- schema -----------------------------------------------------------------------------

    def _migrate(self, existed: bool) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)"
        )
        applied = {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")}
        pending = [(name, sql) for name, sql in MIGRATIONS if name not in applied]
        if not pending:
            return
        if existed:
            backup = self.path.with_name(f"{self.path.name}.before-{pending[0][0]}.bak")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(self.path, backup)
        for name, sql in pending:
            with self._transaction():
                for statement in _statements(sql):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, time.time()))

    def _recover_interrupted(self) -> int:
        """A turn still marked streaming was cut off by a crash or a kill."""
        with self._transaction():
            cursor = self._db.execute(
                "UPDATE turns SET status = ?, finished_at = COALESCE(finished_at, saved_at) WHERE status = ?",
                (TurnStatus.INTERRUPTED.value, TurnStatus.STREAMING.value),
            )
        return cursor.rowcount

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
        """Write the turn as it is now (called in batches while streaming, and at its end)."""
        now = time.time()
        position = conversation.turns.index(turn)
        with self._transaction():
            self._db.execute(
                "INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at",
                (conversation.id, conversation.title, conversation.model, conversation.created_at, now),
            )
            self._db.execute(
                """INSERT INTO turns (id, conversation_id, position, user_text, model, thinking, answer,
                       code_json, steps_json, usage_json, status, finish_reason, error_json, request_id,
                       sent_at, first_token_at, finished_at, saved_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET thinking = excluded.thinking, answer = excluded.answer,
                       code_json = excluded.code_json, steps_json = excluded.steps_json,
                       usage_json = excluded.usage_json, status = excluded.status,
                       finish_reason = excluded.finish_reason, error_json = excluded.error_json,
                       request_id = excluded.request_id, first_token_at = excluded.first_token_at,
                       finished_at = excluded.finished_at, saved_at = excluded.saved_at""",
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
                ),
            )

    # -- reading ----------------------------------------------------------------------------

    def list_conversations(self, limit: int = 200) -> list[ConversationSummary]:
        rows = self._db.execute(
            """SELECT c.id, c.title, c.updated_at, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)
               FROM conversations c ORDER BY c.updated_at DESC LIMIT ?""",
            (limit,),
        )
        return [ConversationSummary(*row) for row in rows]

    def latest_id(self) -> str | None:
        row = self._db.execute("SELECT id FROM conversations ORDER BY updated_at DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def load(self, conversation_id: str) -> Conversation | None:
        row = self._db.execute(
            "SELECT id, title, model, created_at FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        if row is None:
            return None
        conversation = Conversation(id=row[0], title=row[1], model=row[2], created_at=row[3])
        rows = self._db.execute(
            """SELECT id, user_text, model, thinking, answer, code_json, steps_json, usage_json, status,
                      finish_reason, error_json, request_id, sent_at, first_token_at, finished_at
               FROM turns WHERE conversation_id = ? ORDER BY position""",
            (conversation_id,),
        )
        conversation.turns = [_turn_from_row(r) for r in rows]
        return conversation


def _turn_from_row(row: tuple[object, ...]) -> Turn:
    (tid, user, model, thinking, answer, code_json, steps_json, usage_json, status,
     finish_reason, error_json, request_id, sent_at, first_token_at, finished_at) = row
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
    )


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]
