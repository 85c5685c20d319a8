"""Typed events of one streamed request: what the protocol layer hands to everything above it.

Each is a frozen Record (desktop/records.py), written out rather than made by
@dataclass(frozen=True, slots=True) as until 2026-12: the window imports this module before its
first frame, where the dataclasses cost ~27 M instructions (callgrind). Same behaviour: fields
in __slots__ order, keyword or positional construction, ==, hash, repr, match patterns
(__match_args__), assignment refused with FrozenInstanceError, copy and pickle."""

from __future__ import annotations

from ..records import Record
from .errors import ServiceError


class Usage(Record):
    """Token usage as the service reports it: cumulative over every inference of the request."""

    __slots__ = ("input_tokens", "output_tokens", "reasoning_tokens", "total_tokens", "code_interpreter_calls")
    __match_args__ = ("input_tokens", "output_tokens", "reasoning_tokens", "total_tokens", "code_interpreter_calls")
    input_tokens: int
    output_tokens: int
    reasoning_tokens: int
    total_tokens: int
    code_interpreter_calls: int

    def __init__(self, input_tokens: int = 0, output_tokens: int = 0, reasoning_tokens: int = 0,
                 total_tokens: int = 0, code_interpreter_calls: int = 0) -> None:
        object.__setattr__(self, "input_tokens", input_tokens)
        object.__setattr__(self, "output_tokens", output_tokens)
        object.__setattr__(self, "reasoning_tokens", reasoning_tokens)
        object.__setattr__(self, "total_tokens", total_tokens)
        object.__setattr__(self, "code_interpreter_calls", code_interpreter_calls)

    def to_dict(self) -> dict[str, int]:
        return {
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "reasoning_tokens": self.reasoning_tokens,
            "total_tokens": self.total_tokens,
            "code_interpreter_calls": self.code_interpreter_calls,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Usage:
        def n(key: str) -> int:
            value = data.get(key, 0)
            return value if isinstance(value, int) and not isinstance(value, bool) else 0

        return cls(*(n(k) for k in cls.__slots__))


class RequestStarted(Record):
    """The service accepted the request (first frame seen); carries its request id."""

    __slots__ = ("request_id",)
    __match_args__ = ("request_id",)
    request_id: str

    def __init__(self, request_id: str) -> None:
        object.__setattr__(self, "request_id", request_id)


class ThinkingDelta(Record):
    __slots__ = ("text",)
    __match_args__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        object.__setattr__(self, "text", text)


class AnswerDelta(Record):
    __slots__ = ("text",)
    __match_args__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        object.__setattr__(self, "text", text)


class CodeCall(Record):
    """The interpreter ran (or is about to run) code. `index` counts calls from 0 in call order;
    a call seen again with other code (a `""` placeholder filled in later) updates that index."""

    __slots__ = ("index", "code")
    __match_args__ = ("index", "code")
    index: int
    code: str

    def __init__(self, index: int, code: str) -> None:
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "code", code)


class UsageUpdate(Record):
    __slots__ = ("usage",)
    __match_args__ = ("usage",)
    usage: Usage

    def __init__(self, usage: Usage) -> None:
        object.__setattr__(self, "usage", usage)


class Finished(Record):
    """The final frame arrived: `reason` is "stop", or "length" when max_tokens cut the answer."""

    __slots__ = ("reason",)
    __match_args__ = ("reason",)
    reason: str

    def __init__(self, reason: str) -> None:
        object.__setattr__(self, "reason", reason)


class Failed(Record):
    """The request ended in an error; no event follows."""

    __slots__ = ("error",)
    __match_args__ = ("error",)
    error: ServiceError

    def __init__(self, error: ServiceError) -> None:
        object.__setattr__(self, "error", error)


Event = RequestStarted | ThinkingDelta | AnswerDelta | CodeCall | UsageUpdate | Finished | Failed
