"""The history's schema, as append-only named migrations recorded in `schema_migrations`.

Never edit a migration that has shipped: add the next one. A test builds a database with the
old migrations only, exactly as an older dashchat left it, and checks what the new one makes
of it.
"""

from __future__ import annotations

import sqlite3

# What a turn contributes to the search index: the question always; the answer and thinking
# once the turn has ended. The index is then untouched by the writes made while a reply
# streams (the whole row every half second), and written once, in full, when it ends
# (including when a crash is found at the next start). Triggers and the 'rebuild' command
# both go through this one definition, so what is deleted from the index is always exactly
# what was put in.
#
# Each value ends with two U+001F characters (TEXT_END), so that every character of the text
# starts a trigram: a one- or two-character query is then the prefix of indexed terms
# (desktop/store/search.py looks them up instead of reading every turn).
TEXT_END = "\x1f"  # the character; see _END_SQL
_END_SQL = "char(31, 31)"


def _indexed(row: str) -> str:
    def finished(column: str) -> str:
        return f"CASE WHEN {row}.status = 'streaming' THEN '' ELSE {row}.{column} || {_END_SQL} END"

    return f"{row}.user_text || {_END_SQL}, {finished('answer')}, {finished('thinking')}"


def _output_indexed(row: str) -> str:
    """An output's searchable text: an error as "Name: message", an image as nothing."""
    return (f"CASE {row}.kind WHEN 'image' THEN '' WHEN 'error' THEN {row}.name || ': ' || {row}.text || {_END_SQL}"
            f" ELSE {row}.text || {_END_SQL} END")


# The view the outputs' search index reads, and the triggers that keep the index in step with the
# table: made by 0005_outputs, and made again by 0008_output_origin, which rebuilds the table.
_OUTPUT_VIEW = f"CREATE VIEW outputs_indexed (id, text) AS SELECT id, {_output_indexed('outputs')} FROM outputs;"
_OUTPUT_TRIGGERS = f"""
        CREATE TRIGGER outputs_search_insert AFTER INSERT ON outputs BEGIN
            INSERT INTO outputs_search (rowid, text) VALUES (new.id, {_output_indexed("new")});
        END;
        CREATE TRIGGER outputs_search_delete AFTER DELETE ON outputs BEGIN
            INSERT INTO outputs_search (outputs_search, rowid, text) VALUES ('delete', old.id, {_output_indexed("old")});
        END;
        CREATE TRIGGER outputs_search_update AFTER UPDATE OF kind, name, text ON outputs BEGIN
            INSERT INTO outputs_search (outputs_search, rowid, text) VALUES ('delete', old.id, {_output_indexed("old")});
            INSERT INTO outputs_search (rowid, text) VALUES (new.id, {_output_indexed("new")});
        END;
"""

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
    (
        # Full-text search, and deletion that can be undone.
        #
        # `turns` is rebuilt with an explicit INTEGER PRIMARY KEY (`seq`): the index refers to
        # rows by rowid, and an implicit rowid may change on VACUUM, which would silently point
        # search hits at the wrong turns. Existing rows keep their rowid as `seq`.
        #
        # The index is an external-content FTS5 table (the text is stored once, in `turns`)
        # over the view `turns_indexed`, with the trigram tokenizer, so that any substring
        # matches, Chinese and Japanese included. detail=none: the index records which turns
        # hold each trigram, not where; a third of the size of detail=full (28 MB instead of
        # 212 MB for 88 MB of text), and search.py checks each candidate's text anyway.
        "0002_search",
        f"""
        CREATE TABLE turns_0002 (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            status TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            finish_reason TEXT,
            request_id TEXT,
            sent_at REAL,
            first_token_at REAL,
            finished_at REAL,
            saved_at REAL NOT NULL,
            usage_json TEXT NOT NULL DEFAULT '{{}}',
            error_json TEXT,
            code_json TEXT NOT NULL DEFAULT '[]',
            steps_json TEXT NOT NULL DEFAULT '[]',
            -- The long texts last: reading a column after them would walk their overflow pages.
            user_text TEXT NOT NULL,
            thinking TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            UNIQUE (conversation_id, position)
        );
        INSERT INTO turns_0002 (seq, id, conversation_id, position, user_text, model, thinking, answer,
                code_json, steps_json, usage_json, status, finish_reason, error_json, request_id, sent_at,
                first_token_at, finished_at, saved_at)
            SELECT rowid, id, conversation_id, position, user_text, model, thinking, answer, code_json,
                steps_json, usage_json, status, finish_reason, error_json, request_id, sent_at,
                first_token_at, finished_at, saved_at
            FROM turns ORDER BY rowid;
        DROP TABLE turns;
        ALTER TABLE turns_0002 RENAME TO turns;
        -- The turns a crash left streaming, found at each start without reading the others.
        CREATE INDEX turns_streaming ON turns(status) WHERE status = 'streaming';

        -- Soft deletion: hidden at once, restorable (Undo), purged for good after a while.
        ALTER TABLE conversations ADD COLUMN deleted_at REAL;

        CREATE VIEW turns_indexed (seq, user_text, answer, thinking) AS
            SELECT seq, {_indexed("turns")} FROM turns;
        CREATE VIRTUAL TABLE turns_search USING fts5(
            user_text, answer, thinking,
            content='turns_indexed', content_rowid='seq', tokenize='trigram', detail='none'
        );
        CREATE TRIGGER turns_search_insert AFTER INSERT ON turns BEGIN
            INSERT INTO turns_search (rowid, user_text, answer, thinking) VALUES (new.seq, {_indexed("new")});
        END;
        CREATE TRIGGER turns_search_delete AFTER DELETE ON turns BEGIN
            INSERT INTO turns_search (turns_search, rowid, user_text, answer, thinking)
                VALUES ('delete', old.seq, {_indexed("old")});
        END;
        -- Fires only when what is indexed changes: never for the saves made while a reply streams.
        CREATE TRIGGER turns_search_update AFTER UPDATE OF user_text, answer, thinking, status ON turns
        WHEN old.user_text IS NOT new.user_text
            OR (old.status = 'streaming') IS NOT (new.status = 'streaming')
            OR (new.status != 'streaming' AND (old.answer IS NOT new.answer OR old.thinking IS NOT new.thinking))
        BEGIN
            INSERT INTO turns_search (turns_search, rowid, user_text, answer, thinking)
                VALUES ('delete', old.seq, {_indexed("old")});
            INSERT INTO turns_search (rowid, user_text, answer, thinking) VALUES (new.seq, {_indexed("new")});
        END;
        INSERT INTO turns_search (turns_search) VALUES ('rebuild');
        """,
    ),
    (
        # Which connection profile answered each turn, and in which protocol (an
        # OpenAI-compatible turn has no executed code to show, by nature, not by loss).
        # Turns stored before there were profiles were all native DashScope turns.
        "0003_connection",
        """
        ALTER TABLE turns ADD COLUMN connection TEXT NOT NULL DEFAULT '';
        ALTER TABLE turns ADD COLUMN protocol TEXT NOT NULL DEFAULT 'native';
        """,
    ),
    (
        # The process writing each turn (store/liveness.py): a turn left streaming is marked
        # interrupted only once its writer is gone, not while another process streams it.
        "0004_writer",
        """
        ALTER TABLE turns ADD COLUMN writer TEXT;
        """,
    ),
    (
        # What each executed code call printed or showed when run locally, or in an imported
        # export (desktop/store/outputs.py): one row per output, in order (`seq`) within its
        # call. An explicit INTEGER PRIMARY KEY, as for turns: the index refers to it. Text is
        # searchable through its own trigram index (images are not indexed), the same way as
        # turns; search.py merges both. Rows go with their turn (ON DELETE CASCADE), and their
        # index entries with them (trigger).
        "0005_outputs",
        f"""
        CREATE TABLE outputs (
            id INTEGER PRIMARY KEY,
            turn_id TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
            call_index INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            mime TEXT NOT NULL DEFAULT '',
            truncated INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            traceback_json TEXT NOT NULL DEFAULT '[]',
            data BLOB,
            text TEXT NOT NULL DEFAULT '',
            UNIQUE (turn_id, call_index, seq)
        );
        {_OUTPUT_VIEW}
        CREATE VIRTUAL TABLE outputs_search USING fts5(
            text, content='outputs_indexed', content_rowid='id', tokenize='trigram', detail='none'
        );
        {_OUTPUT_TRIGGERS}
        """,
    ),
    (
        # Branches: each turn names its parent, the turn before it on its branch, so that a
        # regenerated reply or an edited question is a new version beside the old one (same
        # parent) and the old keeps what followed it (model/conversation.py). `position` stays
        # the order turns were made in (unique per conversation, as before); a path's order
        # comes from the parents. Until now every conversation was one straight line: each
        # turn's parent is the one made before it. `current_leaf` is the last turn of the
        # branch shown, so a conversation reopens on the branch it was left on.
        "0006_branches",
        """
        ALTER TABLE turns ADD COLUMN parent_id TEXT;
        UPDATE turns SET parent_id = (SELECT p.id FROM turns p WHERE p.conversation_id = turns.conversation_id
                                      AND p.position = turns.position - 1);
        ALTER TABLE conversations ADD COLUMN current_leaf TEXT;
        """,
    ),
    (
        # What a conversation asks with beside the settings (model/conversation.py,
        # ConversationOptions; desktop/store/conversation_options.py): its model, system prompt
        # and thinking budget, NULL or '' for "the settings' choice". A row of its own, written
        # when the options change, so the turn writes made while a reply streams never carry
        # it. No foreign key: options chosen before the first question may be written before
        # the conversation's row; they go when it does (trigger), purged or not.
        "0007_conversation_options",
        """
        CREATE TABLE conversation_options (
            conversation_id TEXT PRIMARY KEY,
            model TEXT,
            system_prompt TEXT NOT NULL DEFAULT '',
            thinking_budget INTEGER,
            updated_at REAL NOT NULL
        );
        CREATE TRIGGER conversation_options_delete AFTER DELETE ON conversations BEGIN
            DELETE FROM conversation_options WHERE conversation_id = old.id;
        END;
        """,
    ),
    (
        # Outputs of an answer's own Python blocks run locally (model/answer_code.py), beside
        # those of the executed code calls: `origin` says which ('call' or 'answer'), and
        # `call_index` is then the block's ordinal among the answer's fenced blocks. The table is
        # rebuilt for its unique key (a call and a block of the same index each have a seq 0);
        # rows keep their id, so the search index (which refers to ids) stays as it was, and
        # every existing row is a call's. The view and triggers go with the old table and are
        # made again, unchanged.
        "0008_output_origin",
        f"""
        DROP VIEW outputs_indexed;
        CREATE TABLE outputs_0008 (
            id INTEGER PRIMARY KEY,
            turn_id TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
            origin TEXT NOT NULL DEFAULT 'call' CHECK (origin IN ('call', 'answer')),
            call_index INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            mime TEXT NOT NULL DEFAULT '',
            truncated INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            traceback_json TEXT NOT NULL DEFAULT '[]',
            data BLOB,
            text TEXT NOT NULL DEFAULT '',
            UNIQUE (turn_id, origin, call_index, seq)
        );
        INSERT INTO outputs_0008 (id, turn_id, origin, call_index, seq, kind, name, mime, truncated, size,
                created_at, traceback_json, data, text)
            SELECT id, turn_id, 'call', call_index, seq, kind, name, mime, truncated, size, created_at,
                traceback_json, data, text
            FROM outputs ORDER BY id;
        DROP TABLE outputs;
        ALTER TABLE outputs_0008 RENAME TO outputs;
        {_OUTPUT_VIEW}
        {_OUTPUT_TRIGGERS}
        """,
    ),
]


def statements(sql: str) -> list[str]:
    """Split a script into statements; a trigger body's semicolons stay inside its statement."""
    result: list[str] = []
    pending = ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                result.append(pending.strip())
            pending = ""
    if pending.strip(" \t\r\n;"):
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:80]}")
    return result
