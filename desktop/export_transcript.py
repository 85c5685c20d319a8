"""dashchat's JSON transcript (`dashchat.transcript/2`): a conversation with every field of its
turns, the versions off the path shown included (desktop/imports/transcript.py reads it back).
Pure: no Qt. Written through desktop/export.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from .model.conversation import Conversation
from .model.output import Output
from .model.turn import Turn

# /2 added branches: each turn names its "parent"; "turns" is still the path shown (what a /1
# reader expects), and "other_versions" holds every turn off that path (desktop/imports reads both).
TRANSCRIPT_FORMAT = "dashchat.transcript/2"
READABLE_TRANSCRIPTS = ("dashchat.transcript/1", TRANSCRIPT_FORMAT)


def _iso(ts: float | None) -> str | None:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds") if ts is not None else None


def outputs_by_call(turn: Turn) -> list[list[Output]]:
    """The turn's outputs as one list per code call, in call order (empty for a call not run)."""
    count = max([len(turn.code), *(index + 1 for index in turn.outputs)])
    return [list(turn.outputs.get(index, [])) for index in range(count)]


def answer_outputs_by_block(turn: Turn) -> list[tuple[int, list[Output]]]:
    """The outputs of the answer's Python blocks run locally, as (block number from 1, outputs),
    in block order; blocks not run are left out."""
    return [(ordinal + 1, list(outputs)) for ordinal, outputs in sorted(turn.answer_outputs.items()) if outputs]


def turn_to_dict(turn: Turn) -> dict[str, object]:
    error = None
    if turn.error is not None:
        error = {"code": turn.error.code, "message": turn.error.message, "http_status": turn.error.http_status}
    ttft = turn.time_to_first_token
    elapsed = turn.elapsed() if turn.finished_at is not None else None
    return {
        "id": turn.id,
        "parent": turn.parent_id,
        "user": turn.user,
        "thinking": turn.thinking,
        "code": list(turn.code),
        # What each call printed when run locally (or in an imported export), aligned with
        # "code"; an empty list for a call never run. Images as base64 ("data").
        "outputs": [[o.to_dict() for o in outputs] for outputs in outputs_by_call(turn)],
        "answer": turn.answer,
        # What the answer's own Python blocks printed when run locally: the block's number
        # among the answer's fenced code blocks (from 1) and its outputs; only blocks run.
        "answer_outputs": [{"block": number, "outputs": [o.to_dict() for o in outputs]}
                           for number, outputs in answer_outputs_by_block(turn)],
        "status": turn.status.value,
        "error": error,
        "request_id": turn.request_id,
        "usage": turn.usage.to_dict(),
        "model": turn.model,
        "connection": turn.connection,
        "protocol": turn.protocol,
        "finish_reason": turn.finish_reason,
        "steps": [s.to_dict() for s in turn.steps],
        "timings": {
            "sent_at": _iso(turn.sent_at),
            "first_token_at": _iso(turn.first_token_at),
            "finished_at": _iso(turn.finished_at),
            "time_to_first_token_s": round(ttft, 3) if ttft is not None else None,
            "elapsed_s": round(elapsed, 3) if elapsed is not None else None,
        },
    }


def to_json(conversation: Conversation) -> str:
    data = {
        "format": TRANSCRIPT_FORMAT,
        "id": conversation.id,
        "title": conversation.title,
        "created_at": _iso(conversation.created_at),
        "model": conversation.model,
        # The conversation's own model, system prompt and thinking budget, where it has any.
        **({"options": conversation.options.to_dict()} if not conversation.options.is_default else {}),
        "turns": [turn_to_dict(t) for t in conversation.turns],
        "other_versions": [turn_to_dict(t) for t in conversation.every_version() if t not in conversation.turns],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
