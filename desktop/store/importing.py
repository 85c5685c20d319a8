"""Imported conversations (desktop/imports/) written into the history, all in one transaction:
either everything is added or nothing is.

Ids come from the source, so a second import of the same file finds every conversation and turn
already there and adds nothing. A conversation that is there already gets only the turns it does
not have, after its own (a ChatGPT chat continued there and exported again); its title, and any
turns continued in dashchat, are kept. A deleted conversation is not brought back.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import conversation_options as _options
from . import outputs as _outputs

if TYPE_CHECKING:
    from ..imports import Imported
    from ..model.conversation import Conversation
    from ..model.turn import Turn
    from .history import History


@dataclass
class ImportReport:
    conversations_added: int = 0
    conversations_extended: int = 0  # were there, got new turns
    turns_added: int = 0
    outputs_added: int = 0
    unchanged: int = 0  # were there with every turn
    added_ids: list[str] = field(default_factory=list)


def store(history: History, items: list[Imported]) -> ImportReport:
    report = ImportReport()
    db = history._db  # noqa: SLF001 - the store package's own connection, in History's transaction
    now = time.time()
    with history._transaction():  # noqa: SLF001 - all or nothing, with History's fault handling
        for item in items:
            conversation = item.conversation
            row = db.execute("SELECT COALESCE(MAX(t.position) + 1, 0), c.id FROM conversations c "
                             "LEFT JOIN turns t ON t.conversation_id = c.id WHERE c.id = ?",
                             (conversation.id,)).fetchone()
            exists = row is not None and row[1] is not None
            if not exists:
                db.execute("INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                           (conversation.id, conversation.title, conversation.model, conversation.created_at,
                            item.updated_at or now))
            position = row[0] if exists else 0
            added = 0
            for turn in conversation.every_version():
                if db.execute("SELECT 1 FROM turns WHERE id = ?", (turn.id,)).fetchone():
                    continue
                _insert_turn(db, conversation, turn, position, now)
                report.outputs_added += _outputs.write(db, turn.id, turn.outputs, now)
                report.outputs_added += _outputs.write(db, turn.id, turn.answer_outputs, now, _outputs.ANSWER)
                position += 1
                added += 1
            report.turns_added += added
            if not exists:
                report.conversations_added += 1
                report.added_ids.append(conversation.id)
                leaf = conversation.turns[-1].id if conversation.turns else None
                db.execute("UPDATE conversations SET current_leaf = ? WHERE id = ?", (leaf, conversation.id))
                _options.write(db, conversation.id, conversation.options)
            elif added:
                report.conversations_extended += 1
                db.execute("UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?",
                           (item.updated_at or now, conversation.id))
            else:
                report.unchanged += 1
    return report


def _insert_turn(db: sqlite3.Connection, conversation: Conversation, turn: Turn, position: int, now: float) -> None:
    # The columns History.save_turn writes; `writer` stays NULL: no process streams an import.
    db.execute(
        """INSERT INTO turns (id, conversation_id, position, user_text, model, thinking, answer, code_json,
               steps_json, usage_json, status, finish_reason, error_json, request_id, sent_at, first_token_at,
               finished_at, saved_at, connection, protocol, parent_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (turn.id, conversation.id, position, turn.user, turn.model, turn.thinking, turn.answer,
         json.dumps(turn.code, ensure_ascii=False), json.dumps([s.to_dict() for s in turn.steps]),
         json.dumps(turn.usage.to_dict()), turn.status.value, turn.finish_reason,
         json.dumps(turn.error.to_dict(), ensure_ascii=False) if turn.error else None, turn.request_id,
         turn.sent_at, turn.first_token_at, turn.finished_at, now, turn.connection, turn.protocol, turn.parent_id),
    )
