"""One question and everything the service sent back for it, built only by applying events."""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Any

from ..protocol import (
    COMPATIBLE,
    NATIVE,
    AnswerDelta,
    CodeCall,
    Event,
    Failed,
    Finished,
    RequestStarted,
    ServiceError,
    ThinkingDelta,
    Usage,
    UsageUpdate,
)
from .ids import new_id
from .output import Output


class TurnStatus(StrEnum):
    STREAMING = "streaming"
    COMPLETE = "complete"
    INTERRUPTED = "interrupted"  # stopped by the user, or found unfinished after a crash
    ERROR = "error"


class StepKind(StrEnum):
    THINKING = "thinking"
    CODE = "code"
    ANSWER = "answer"
    # OpenAI-compatible turns only: the stream went silent this long after it had begun, which
    # in that protocol is where the interpreter runs code (it reports nothing of it).
    SILENCE = "silence"

# A pause in a compatible stream at least this long is recorded as a SILENCE step.
SILENCE_STEP_SECONDS = 1.0


def _as_int(value: object) -> int:
    """A stored step's offset: absent, None or 0 is 0; a number or numeric text is read as int()."""
    if not value:
        return 0
    if isinstance(value, int | float | str):
        return int(value)
    raise TypeError(f"not a number: {value!r}")


class Step:
    """One phase of the timeline. Thinking and answer steps span [start, end) of their text;
    a code step names its call by index.

    Written out (slots, __init__, ==, repr and copy() as @dataclass(slots=True) made them), not a
    dataclass: the window imports this module before its first frame, and @dataclass compiles its
    methods from source as the class is made (~2-7 M instructions a class, startup.py)."""

    __slots__ = ("kind", "start", "end", "code_index", "seconds")
    __match_args__ = ("kind", "start", "end", "code_index", "seconds")
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value: unhashable, as the dataclass

    def __init__(self, kind: StepKind, start: int = 0, end: int = 0, code_index: int | None = None,
                 seconds: float = 0.0) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.code_index = code_index
        self.seconds = seconds  # a SILENCE step's length

    def _values(self) -> tuple[object, ...]:
        return (self.kind, self.start, self.end, self.code_index, self.seconds)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Step)
            return self._values() == other._values()
        return NotImplemented

    def __repr__(self) -> str:
        return (f"Step(kind={self.kind!r}, start={self.start!r}, end={self.end!r}, "
                f"code_index={self.code_index!r}, seconds={self.seconds!r})")

    def copy(self) -> Step:
        return Step(self.kind, self.start, self.end, self.code_index, self.seconds)

    def to_dict(self) -> dict[str, object]:
        if self.kind is StepKind.CODE:
            return {"kind": str(self.kind), "code_index": self.code_index}
        if self.kind is StepKind.SILENCE:
            return {"kind": str(self.kind), "seconds": round(self.seconds, 3)}
        return {"kind": str(self.kind), "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Step:
        kind = StepKind(str(data["kind"]))
        index = data.get("code_index")
        seconds = data.get("seconds")
        return cls(
            kind,
            _as_int(data.get("start")),
            _as_int(data.get("end")),
            index if isinstance(index, int) else None,
            float(seconds) if isinstance(seconds, int | float) else 0.0,
        )


class _Text:
    """Text that grows by appends in O(1) and is joined only when read."""

    __slots__ = ("_parts", "_length", "_joined")

    def __init__(self, text: str = "") -> None:
        self._parts = [text] if text else []
        self._length = len(text)
        self._joined: str | None = text

    def append(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)
        self._joined = None

    def __len__(self) -> int:
        return self._length

    def __str__(self) -> str:
        if self._joined is None:
            self._joined = "".join(self._parts)
            self._parts = [self._joined]
        return self._joined


# The fields a Turn's repr shows, in order (those of its __init__ but the last three).
_TURN_REPR = ("user", "model", "id", "code", "steps", "usage", "status", "finish_reason", "error", "request_id",
              "sent_at", "first_token_at", "finished_at", "connection", "protocol", "outputs", "answer_outputs",
              "parent_id", "last_event_at")


class Turn:
    """Compared by identity. Its __init__ and repr are written out as @dataclass(eq=False) made
    them (the same parameters, in the same order): the window imports this module before its
    first frame, and @dataclass compiles its methods from source as the class is made (startup.py)."""

    def __init__(self, user: str, model: str = "", id: str | None = None, code: list[str] | None = None,  # noqa: A002
                 steps: list[Step] | None = None, usage: Usage | None = None,
                 status: TurnStatus = TurnStatus.STREAMING, finish_reason: str | None = None,
                 error: ServiceError | None = None, request_id: str | None = None, sent_at: float | None = None,
                 first_token_at: float | None = None, finished_at: float | None = None, connection: str = "",
                 protocol: str = NATIVE, outputs: dict[int, list[Output]] | None = None,
                 answer_outputs: dict[int, list[Output]] | None = None, parent_id: str | None = None,
                 last_event_at: float | None = None, ended_silence: Step | None = None,
                 _thinking: _Text | None = None, _answer: _Text | None = None) -> None:
        self.user = user
        self.model = model
        self.id = new_id() if id is None else id
        self.code: list[str] = [] if code is None else code
        self.steps: list[Step] = [] if steps is None else steps
        self.usage = Usage() if usage is None else usage
        self.status = status
        self.finish_reason = finish_reason
        self.error = error
        self.request_id = request_id
        self.sent_at = sent_at  # wall-clock seconds since the epoch
        self.first_token_at = first_token_at
        self.finished_at = finished_at
        self.connection = connection  # the connection profile that answered (its name when asked)
        self.protocol = protocol  # NATIVE or COMPATIBLE
        # What each code call printed or showed when run locally (or in an imported export), by
        # the call's index; the service itself never returns it (model/output.py).
        self.outputs: dict[int, list[Output]] = {} if outputs is None else outputs
        # What the answer's own Python blocks printed or showed when run locally, by the block's
        # ordinal among the answer's fenced blocks (model/answer_code.py); kept apart from `outputs`.
        self.answer_outputs: dict[int, list[Output]] = {} if answer_outputs is None else answer_outputs
        # The turn before this one on its branch (None: the first question). Versions of a turn
        # (regenerated, or its question edited) share a parent (model/conversation.py).
        self.parent_id = parent_id
        self.last_event_at = last_event_at  # when something last arrived (not stored)
        # The SILENCE step the latest text delta ended, for the views to mark (compatible turns only).
        self.ended_silence = ended_silence
        self._thinking = _Text() if _thinking is None else _thinking
        self._answer = _Text() if _answer is None else _answer

    def __repr__(self) -> str:
        return f"Turn({', '.join(f'{name}={getattr(self, name)!r}' for name in _TURN_REPR)})"

    @property
    def thinking(self) -> str:
        return str(self._thinking)

    @property
    def answer(self) -> str:
        return str(self._answer)

    @property
    def thinking_length(self) -> int:
        return len(self._thinking)

    @property
    def answer_length(self) -> int:
        return len(self._answer)

    @property
    def finished(self) -> bool:
        return self.status is not TurnStatus.STREAMING

    @property
    def received_anything(self) -> bool:
        return bool(self._thinking or self._answer or self.code)

    def snapshot(self) -> Turn:
        """The turn as it is now, for a writer on another thread while this one goes on
        changing (desktop/session_saving.py): its lists and steps copied, its texts joined."""
        import copy  # here: the window imports this module before its first frame

        twin = copy.copy(self)
        twin.code = list(self.code)
        twin.steps = [step.copy() for step in self.steps]
        twin._thinking = _Text(str(self._thinking))
        twin._answer = _Text(str(self._answer))
        return twin

    # -- building -------------------------------------------------------------------------

    def mark_sent(self, now: float | None = None) -> None:
        self.sent_at = time.time() if now is None else now

    def apply(self, event: Event, now: float | None = None) -> None:
        if self.finished:
            return  # a finished turn never changes: late events are ignored
        now = time.time() if now is None else now
        match event:
            case ThinkingDelta(text):
                self._first_token(now)
                if self.protocol == COMPATIBLE:
                    self._note_silence(now)
                self._extend(StepKind.THINKING, self._thinking, text)
            case AnswerDelta(text):
                self._first_token(now)
                if self.protocol == COMPATIBLE:
                    self._note_silence(now)
                self._extend(StepKind.ANSWER, self._answer, text)
            case CodeCall(index, code):
                self._first_token(now)
                if index < len(self.code):
                    self.code[index] = code
                else:
                    # Calls arrive in order; a gap would mean a lost frame, so fill it honestly.
                    while len(self.code) < index:
                        self.code.append("")
                    self.code.append(code)
                    self.steps.append(Step(StepKind.CODE, code_index=index))
            case UsageUpdate(usage):
                self.usage = usage
            case RequestStarted(request_id):
                self.request_id = request_id
            case Finished(reason):
                self.finish_reason = reason
                self._end(TurnStatus.COMPLETE, now)
            case Failed(error):
                self.error = error
                if error.request_id and not self.request_id:
                    self.request_id = error.request_id
                self._end(TurnStatus.ERROR, now)
        self.last_event_at = now

    @property
    def usage_known(self) -> bool:
        """Whether token counts arrived. The native protocol sends them with every frame; the
        compatible one once, in its last chunk, and some servers never (a reply with text always
        has output tokens, so all zeros after text means none came)."""
        return self.usage.total_tokens > 0 or self.usage.output_tokens > 0 or not self.received_anything

    @property
    def reports_code(self) -> bool:
        """Whether this turn's protocol returns the executed code and the interpreter count."""
        return self.protocol != COMPATIBLE

    def silent_for(self, now: float | None = None) -> float:
        """How long a streaming turn has received nothing since its first token (0 otherwise)."""
        if self.finished or self.first_token_at is None or self.last_event_at is None:
            return 0.0
        return max(0.0, (time.time() if now is None else now) - self.last_event_at)

    def _note_silence(self, now: float) -> None:
        if self.first_token_at is None or self.last_event_at is None:
            return
        gap = now - self.last_event_at
        silence = Step(StepKind.SILENCE, seconds=gap) if gap >= SILENCE_STEP_SECONDS and self.steps else None
        if silence is not None:
            self.steps.append(silence)
        self.ended_silence = silence

    def interrupt(self, now: float | None = None) -> None:
        """The user stopped the stream (or the app died): keep what arrived."""
        if not self.finished:
            self._end(TurnStatus.INTERRUPTED, time.time() if now is None else now)

    def _first_token(self, now: float) -> None:
        if self.first_token_at is None:
            self.first_token_at = now

    def _extend(self, kind: StepKind, text: _Text, delta: str) -> None:
        start = len(text)
        text.append(delta)
        last = self.steps[-1] if self.steps else None
        if last is not None and last.kind is kind:
            last.end = len(text)
        else:
            self.steps.append(Step(kind, start, len(text)))

    def _end(self, status: TurnStatus, now: float) -> None:
        self.status = status
        self.finished_at = now

    # -- timings --------------------------------------------------------------------------

    @property
    def time_to_first_token(self) -> float | None:
        if self.sent_at is None or self.first_token_at is None:
            return None
        return self.first_token_at - self.sent_at

    def elapsed(self, now: float | None = None) -> float | None:
        if self.sent_at is None:
            return None
        end = self.finished_at if self.finished_at is not None else (time.time() if now is None else now)
        return end - self.sent_at

    # -- restoring from storage -----------------------------------------------------------

    @classmethod
    def restore(cls, *, thinking: str = "", answer: str = "", **fields: Any) -> Turn:
        """`fields`: those of its __init__ (typed by it)."""
        turn = cls(**fields)
        turn._thinking = _Text(thinking)
        turn._answer = _Text(answer)
        return turn
