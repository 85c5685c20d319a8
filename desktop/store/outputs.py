"""The outputs of executed code calls in the history (table `outputs`, migration 0005_outputs),
and of an answer's own Python blocks run locally (`origin` 'answer', migration 0008_output_origin:
`call_index` is then the block's ordinal among the answer's fenced blocks).

Functions over the history's sqlite connection, so that History (desktop/store/history.py)
only delegates to them, in its own transactions (`History.save_outputs`, `load_outputs`,
`clear_outputs`). Saving a call's outputs replaces what was stored for that call; a turn's
outputs go when the turn does (ON DELETE CASCADE), their search entries with them (trigger).
Each output is stored whole up to MAX_OUTPUT_BYTES (model/output.py).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping, Sequence

from ..model.conversation import Conversation
from ..model.output import Output, OutputKind

CALL = "call"  # outputs of the turn's executed code calls, by call index
ANSWER = "answer"  # outputs of the answer's Python blocks, by block ordinal
ORIGINS = (CALL, ANSWER)

_CHUNK = 500  # turn ids per query (SQLite's bound-parameter limit is 999 on old builds)


def _origin(origin: str) -> str:
    if origin not in ORIGINS:
        raise ValueError(f"unknown origin of outputs: {origin!r}")
    return origin


def write(db: sqlite3.Connection, turn_id: str, outputs: Mapping[int, Sequence[Output]],
          now: float | None = None, origin: str = CALL) -> int:
    """Replace the stored outputs of each call (or answer block, by `origin`) in `outputs` (an
    empty list clears it). Runs inside the caller's transaction. Returns how many rows were written."""
    import json  # on first use: the window saves or reads no output before its first frame

    now = time.time() if now is None else now
    origin = _origin(origin)
    written = 0
    for call_index, items in outputs.items():
        db.execute("DELETE FROM outputs WHERE turn_id = ? AND origin = ? AND call_index = ?",
                   (turn_id, origin, call_index))
        for seq, output in enumerate(items):
            db.execute(
                """INSERT INTO outputs (turn_id, origin, call_index, seq, kind, name, mime, truncated, size,
                       created_at, traceback_json, data, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (turn_id, origin, int(call_index), seq, output.kind.value, output.name, output.mime, int(output.truncated),
                 output.size, now, json.dumps(list(output.traceback), ensure_ascii=False),
                 output.data or None, output.text),
            )
            written += 1
    return written


def delete(db: sqlite3.Connection, turn_id: str, call_index: int | None = None, origin: str = CALL) -> int:
    """Remove a turn's stored outputs of one call (or answer block, by `origin`), or of all its
    calls (blocks), inside the caller's transaction. Returns how many rows went."""
    origin = _origin(origin)
    if call_index is None:
        cursor = db.execute("DELETE FROM outputs WHERE turn_id = ? AND origin = ?", (turn_id, origin))
    else:
        cursor = db.execute("DELETE FROM outputs WHERE turn_id = ? AND origin = ? AND call_index = ?",
                            (turn_id, origin, call_index))
    return cursor.rowcount


def load(db: sqlite3.Connection, turn_ids: Sequence[str], origin: str = CALL) -> dict[str, dict[int, list[Output]]]:
    """The stored outputs of these turns' calls (or answer blocks, by `origin`): {turn id:
    {call index: [outputs in order]}}; turns without any are left out."""
    import json  # on first use: the window saves or reads no output before its first frame

    origin = _origin(origin)
    result: dict[str, dict[int, list[Output]]] = {}
    ids = list(dict.fromkeys(turn_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows = db.execute(
            f"""SELECT turn_id, call_index, kind, name, mime, truncated, size, traceback_json, data, text
                FROM outputs WHERE origin = ? AND turn_id IN ({", ".join("?" * len(chunk))})
                ORDER BY turn_id, call_index, seq""",
            [origin, *chunk],
        )
        for turn_id, call_index, kind, name, mime, truncated, size, traceback_json, data, text in rows:
            try:
                output_kind = OutputKind(kind)
            except ValueError:
                continue  # written by a newer dashchat: shown once that one reads it
            output = Output(output_kind, text or "", name=name or "", traceback=tuple(json.loads(traceback_json or "[]")),
                            data=bytes(data) if data else b"", mime=mime or "", truncated=bool(truncated),
                            size=int(size or 0))
            result.setdefault(turn_id, {}).setdefault(int(call_index), []).append(output)
    return result


def attach(db: sqlite3.Connection, conversation: Conversation) -> None:
    """Set each turn's `outputs` and `answer_outputs` from the history (a turn with none gets an
    empty dict)."""
    turns = conversation.every_version()  # not only the branch shown
    ids = [turn.id for turn in turns]
    calls, answers = load(db, ids), load(db, ids, ANSWER)
    for turn in turns:
        turn.outputs = calls.get(turn.id, {})
        turn.answer_outputs = answers.get(turn.id, {})
