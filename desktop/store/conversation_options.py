"""Each conversation's own model, system prompt and thinking budget in the history (table
`conversation_options`, migration 0007_conversation_options).

Functions over a `History`, run under its lock and in its transactions, so that History itself
needs no change for them (its turn-saving path is its own business): `save` when the options
change, `load`/`attach` when a conversation is opened. A conversation without a row has the
default options (every choice left to the settings); saving the defaults removes the row.
"""

from __future__ import annotations

import sqlite3
import time

from ..model.conversation import Conversation, ConversationOptions
from .faults import StorageError
from .history import History

__all__ = ["attach", "load", "save", "write"]


def save(history: History, conversation_id: str, options: ConversationOptions) -> None:
    """Store `options` for the conversation (before or after its first turn is written).
    Raises StorageError when the write fails."""
    with history._transaction():  # noqa: SLF001 - the store package's own helper
        write(history._db, conversation_id, options)  # noqa: SLF001


def write(db: sqlite3.Connection, conversation_id: str, options: ConversationOptions) -> None:
    """`save`'s statements, inside a transaction the caller holds (an import's)."""
    if options.is_default:
        db.execute("DELETE FROM conversation_options WHERE conversation_id = ?", (conversation_id,))
        return
    db.execute(
        """INSERT INTO conversation_options (conversation_id, model, system_prompt, thinking_budget, updated_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(conversation_id) DO UPDATE SET model = excluded.model,
               system_prompt = excluded.system_prompt, thinking_budget = excluded.thinking_budget,
               updated_at = excluded.updated_at""",
        (conversation_id, options.model, options.system_prompt, options.thinking_budget, time.time()),
    )


def load(history: History, conversation_id: str) -> ConversationOptions:
    """The stored options, or the defaults when there are none (or they cannot be read: the
    conversation still opens, asking with the settings' choices)."""
    try:
        with history._lock:  # noqa: SLF001
            row = history._db.execute(  # noqa: SLF001
                "SELECT model, system_prompt, thinking_budget FROM conversation_options WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()
    except sqlite3.Error:
        return ConversationOptions()
    if row is None:
        return ConversationOptions()
    model, prompt, budget = row
    return ConversationOptions(
        model=model if isinstance(model, str) else None,
        system_prompt=prompt if isinstance(prompt, str) else "",
        thinking_budget=budget if isinstance(budget, int) else None,
    )


def attach(history: History, conversation: Conversation) -> Conversation:
    """Set the conversation's options from the history; returns it."""
    conversation.options = load(history, conversation.id)
    return conversation


def save_quietly(history: History, conversation: Conversation) -> StorageError | None:
    """`save` for the conversation's own options, returning the failure instead of raising."""
    try:
        save(history, conversation.id, conversation.options)
    except StorageError as exc:
        return exc
    return None
