"""dashchat's own JSON transcript (`dashchat.transcript/2`, written by desktop/export.py, or the
older `/1`) read back into a conversation: `/2` adds each turn's parent and the versions off the
path shown ("other_versions"), so a regenerated or edited turn comes back with every version.
Transcripts name their conversation and turn ids (since outputs were added); an older one without
them gets ids derived from its content, the same at every import.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from ..export import READABLE_TRANSCRIPTS, TRANSCRIPT_FORMAT
from ..model.conversation import Conversation, ConversationOptions, title_for
from ..model.output import Output
from ..model.turn import Step, Turn, TurnStatus
from ..protocol import ServiceError, Usage
from . import Imported, ImportFailure, clean_text, derived_id

FORMAT = TRANSCRIPT_FORMAT
FORMATS = READABLE_TRANSCRIPTS


def _when(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            pass
    raise ImportFailure(f"{where} is not a time: {value!r}")


def _text(data: dict[str, Any], key: str, where: str, required: bool = False) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ImportFailure(f"{where}: {key!r} must be text")
    return clean_text(value)


def read(data: dict[str, Any], source: str) -> Imported:
    turns_data = data.get("turns")
    if not isinstance(turns_data, list):
        raise ImportFailure(f"{source}: a transcript needs a list of 'turns'")
    created = _when(data.get("created_at"), f"{source}: created_at")
    given = data.get("id")
    if isinstance(given, str) and given.strip():
        conversation_id = clean_text(given.strip())
    else:
        digest = hashlib.sha256(json.dumps([data.get("title"), data.get("created_at"),
                                            [(t.get("user"), (t.get("timings") or {}).get("sent_at"))
                                             for t in turns_data if isinstance(t, dict)]],
                                           ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        conversation_id = derived_id("transcript", digest)
    conversation = Conversation(id=conversation_id, title=_text(data, "title", source),
                                model=_text(data, "model", source), created_at=created or 0.0)
    conversation.options = _options(data.get("options"), source)
    others = data.get("other_versions") or []
    if not isinstance(others, list):
        raise ImportFailure(f"{source}: 'other_versions' must be a list of turns")
    latest = created or 0.0
    made: list[Turn] = []
    for number, item in enumerate([*turns_data, *others], 1):
        where = f"{source}: turn {number}" if number <= len(turns_data) else \
            f"{source}: other version {number - len(turns_data)}"
        if not isinstance(item, dict):
            raise ImportFailure(f"{where} is not an object")
        turn = _turn(item, where, conversation_id, number)
        parent = item.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise ImportFailure(f"{where}: 'parent' must be a turn id")
        turn.parent_id = clean_text(parent) if parent else None
        made.append(turn)
        latest = max(latest, turn.finished_at or turn.sent_at or 0.0)
    path = made[: len(turns_data)]
    if others:
        known = {t.id for t in made}
        if any(t.parent_id is not None and t.parent_id not in known for t in made):
            raise ImportFailure(f"{source}: a turn names a parent that is not in the transcript")
        # Every version in the order made (by when it was sent), the path shown as it was.
        conversation.versions = sorted(made, key=lambda t: t.sent_at or 0.0)
    conversation.turns = path
    if not conversation.title and conversation.turns:
        conversation.title = title_for(conversation.turns[0].user)
    return Imported(conversation, latest, "transcript")


def _options(value: object, source: str) -> ConversationOptions:
    """The transcript's "options" (absent from /1 files and where none were chosen)."""
    if value is None:
        return ConversationOptions()
    if not isinstance(value, dict):
        raise ImportFailure(f"{source}: 'options' must be an object")
    budget = value.get("thinking_budget")
    if budget is not None and (not isinstance(budget, int) or isinstance(budget, bool)):
        raise ImportFailure(f"{source}: options: 'thinking_budget' must be a whole number")
    return ConversationOptions(model=_text(value, "model", f"{source}: options") or None,
                               system_prompt=_text(value, "system_prompt", f"{source}: options"),
                               thinking_budget=budget)


def _turn(item: dict[str, Any], where: str, conversation_id: str, number: int) -> Turn:
    code = item.get("code") or []
    if not isinstance(code, list) or not all(isinstance(c, str) for c in code):
        raise ImportFailure(f"{where}: 'code' must be a list of text")
    status_text = item.get("status") or TurnStatus.COMPLETE.value
    try:
        status = TurnStatus(status_text)
    except ValueError:
        raise ImportFailure(f"{where}: unknown status {status_text!r}") from None
    if status is TurnStatus.STREAMING:
        status = TurnStatus.INTERRUPTED  # nothing streams it any more
    timings = item.get("timings") or {}
    if not isinstance(timings, dict):
        raise ImportFailure(f"{where}: 'timings' must be an object")
    error = item.get("error")
    if error is not None and not isinstance(error, dict):
        raise ImportFailure(f"{where}: 'error' must be an object")
    usage = item.get("usage") or {}
    steps = item.get("steps") or []
    if not isinstance(usage, dict) or not isinstance(steps, list):
        raise ImportFailure(f"{where}: 'usage' must be an object and 'steps' a list")
    try:
        parsed_steps = [Step.from_dict(s) for s in steps]
    except (KeyError, TypeError, ValueError):
        raise ImportFailure(f"{where}: a step is malformed") from None
    outputs: dict[int, list[Output]] = {}
    given = item.get("outputs") or []
    if not isinstance(given, list):
        raise ImportFailure(f"{where}: 'outputs' must be a list (one list per code call)")
    for index, call in enumerate(given):
        if not isinstance(call, list) or not all(isinstance(o, dict) for o in call):
            raise ImportFailure(f"{where}: the outputs of code call {index + 1} must be a list of objects")
        try:
            if call:
                outputs[index] = [Output.from_dict(o) for o in call]
        except ValueError as exc:
            raise ImportFailure(f"{where}: code call {index + 1}: {exc}") from None
    answer_outputs = _answer_outputs(item.get("answer_outputs") or [], where)
    turn_id = item.get("id")
    turn = Turn.restore(
        thinking=_text(item, "thinking", where),
        answer=_text(item, "answer", where),
        id=clean_text(turn_id) if isinstance(turn_id, str) and turn_id else derived_id(conversation_id, str(number)),
        user=_text(item, "user", where, required=True),
        model=_text(item, "model", where),
        code=[clean_text(c) for c in code],
        steps=parsed_steps,
        usage=Usage.from_dict(usage),
        status=status,
        finish_reason=_text(item, "finish_reason", where) or None,
        error=ServiceError.from_dict(error) if error else None,
        request_id=_text(item, "request_id", where) or None,
        sent_at=_when(timings.get("sent_at"), f"{where}: sent_at"),
        first_token_at=_when(timings.get("first_token_at"), f"{where}: first_token_at"),
        finished_at=_when(timings.get("finished_at"), f"{where}: finished_at"),
        connection=_text(item, "connection", where),
        protocol=_text(item, "protocol", where) or "native",
    )
    turn.outputs = outputs
    turn.answer_outputs = answer_outputs
    return turn


def _answer_outputs(given: object, where: str) -> dict[int, list[Output]]:
    """"answer_outputs": [{"block": number from 1, "outputs": [...]}] by block ordinal."""
    if not isinstance(given, list):
        raise ImportFailure(f"{where}: 'answer_outputs' must be a list")
    found: dict[int, list[Output]] = {}
    for entry in given:
        block = entry.get("block") if isinstance(entry, dict) else None
        items = entry.get("outputs") if isinstance(entry, dict) else None
        if (not isinstance(block, int) or isinstance(block, bool) or block < 1 or not isinstance(items, list)
                or not all(isinstance(o, dict) for o in items)):
            raise ImportFailure(f"{where}: each of 'answer_outputs' must be an object with a 'block' number "
                                "(from 1) and a list of 'outputs'")
        try:
            if items:
                found[block - 1] = [Output.from_dict(o) for o in items]
        except ValueError as exc:
            raise ImportFailure(f"{where}: the answer's code block {block}: {exc}") from None
    return found
