"""What the sidebar and `dashchat history` list: conversations newest first (by their last save),
one conversation's line, the newest one, ids by prefix, and where a turn is (a search hit opens
its conversation at it). Deleted conversations are left out of all but the last.

Functions over the history's sqlite connection, run under History's lock
(desktop/store/history.py delegates to them); the search itself is desktop/store/search.py.
"""

from __future__ import annotations

import sqlite3

from ..records import Record


class ConversationSummary(Record):
    __slots__ = ("id", "title", "updated_at", "turn_count")
    __match_args__ = ("id", "title", "updated_at", "turn_count")
    id: str
    title: str
    updated_at: float
    turn_count: int

    def __init__(self, id: str, title: str, updated_at: float, turn_count: int) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "updated_at", updated_at)
        object.__setattr__(self, "turn_count", turn_count)


def conversations(db: sqlite3.Connection, limit: int, offset: int) -> list[ConversationSummary]:
    rows = db.execute(
        """SELECT c.id, c.title, c.updated_at, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)
           FROM conversations c WHERE c.deleted_at IS NULL
           ORDER BY c.updated_at DESC LIMIT ? OFFSET ?""",
        (limit, offset),
    )
    return [ConversationSummary(*row) for row in rows]


def summary(db: sqlite3.Connection, conversation_id: str) -> ConversationSummary | None:
    row = db.execute(
        """SELECT c.id, c.title, c.updated_at, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)
           FROM conversations c WHERE c.id = ? AND c.deleted_at IS NULL""",
        (conversation_id,),
    ).fetchone()
    return ConversationSummary(*row) if row else None


def latest_id(db: sqlite3.Connection) -> str | None:
    row = db.execute(
        "SELECT id FROM conversations WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def ids_starting_with(db: sqlite3.Connection, prefix: str, limit: int) -> list[str]:
    rows = db.execute(
        "SELECT id FROM conversations WHERE id >= ? AND id < ? AND deleted_at IS NULL ORDER BY id LIMIT ?",
        (prefix, prefix + "\U0010ffff", limit),
    )
    return [row[0] for row in rows]


def turn_position(db: sqlite3.Connection, turn_id: str) -> tuple[str, int] | None:
    row = db.execute("SELECT conversation_id, position FROM turns WHERE id = ?", (turn_id,)).fetchone()
    return (row[0], row[1]) if row else None
