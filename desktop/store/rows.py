"""A conversation and its turns as rows of `conversations` and `turns`: what `History.save_turn`
writes (desktop/store/history.py) and `History.load` reads back.

Functions over the history's sqlite connection, run in History's transactions and under its lock.
A turn's structured parts (code, steps, usage, error) are stored as JSON. A turn still marked
streaming whose writer is gone (desktop/store/liveness.py) reads back as interrupted.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..model.conversation import Conversation
from ..model.turn import Step, Turn, TurnStatus
from ..protocol import ServiceError, Usage
from . import outputs as _outputs
from .liveness import is_alive


def write_turn(db: sqlite3.Connection, conversation: Conversation, turn: Turn, *, position: int,
               leaf: str | None, now: float, writer: str | None) -> None:
    """The conversation's row (created, or its `updated_at` and the branch it shows, `leaf`,
    updated; a stored title is kept) and the turn's row as it is now, at `position`, inside the
    caller's transaction. `writer`: the mark of the process streaming it (None once it ended)."""
    import json  # on first use: the window saves or reads no turn before its first frame

    db.execute(
        "INSERT INTO conversations (id, title, model, created_at, updated_at, current_leaf)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at,"
        " current_leaf = excluded.current_leaf,"
        " title = CASE WHEN conversations.title = '' THEN excluded.title ELSE conversations.title END",
        (conversation.id, conversation.title, conversation.model, conversation.created_at, now, leaf),
    )
    db.execute(
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


def load(db: sqlite3.Connection, conversation_id: str, live_dir: Path, tidy: bool) -> Conversation | None:
    """The conversation with every turn (all branches) and their outputs, shown on the branch it
    was left on. `live_dir`: the writers' marks; `tidy`: a dead writer's mark may be removed."""
    row = db.execute(
        "SELECT id, title, model, created_at, current_leaf FROM conversations WHERE id = ?", (conversation_id,)
    ).fetchone()
    if row is None:
        return None
    conversation = Conversation(id=row[0], title=row[1], model=row[2], created_at=row[3])
    rows = db.execute(
        """SELECT id, user_text, model, thinking, answer, code_json, steps_json, usage_json, status,
                  finish_reason, error_json, request_id, sent_at, first_token_at, finished_at,
                  connection, protocol, parent_id, writer, saved_at
           FROM turns WHERE conversation_id = ? ORDER BY position""",
        (conversation_id,),
    )
    conversation.versions = [_truthful(turn_from_row(r[:-2]), r[-2], r[-1], live_dir, tidy) for r in rows]
    # The branch it was left on; without one (or if that turn is gone), the newest turn's.
    leaf = row[4] if any(t.id == row[4] for t in conversation.versions) else None
    if leaf is None and conversation.versions:
        leaf = conversation.versions[-1].id
    if leaf is not None:
        conversation.show_path_to(leaf)
    _outputs.attach(db, conversation)
    return conversation


def _truthful(turn: Turn, writer: object, saved_at: object, live_dir: Path, tidy: bool) -> Turn:
    """A turn still marked streaming whose writer is gone reads as what it is: interrupted
    (a reader that does not recover, or cannot write, must not show a dead reply as live)."""
    if turn.status is TurnStatus.STREAMING and not is_alive(live_dir, str(writer or ""), tidy=tidy):
        turn.status = TurnStatus.INTERRUPTED
        if turn.finished_at is None and isinstance(saved_at, int | float):
            turn.finished_at = float(saved_at)
    return turn


def turn_from_row(row: tuple[object, ...]) -> Turn:
    import json  # on first use: the window saves or reads no turn before its first frame

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
