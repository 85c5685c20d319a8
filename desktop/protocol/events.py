"""Typed events of one streamed request: what the protocol layer hands to everything above it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ServiceError


@dataclass(frozen=True, slots=True)
class Usage:
    """Token usage as the service reports it: cumulative over every inference of the request."""

    input_tokens: int = 0
    output_tokens: int = 0
    reasoning_tokens: int = 0
    total_tokens: int = 0
    code_interpreter_calls: int = 0

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

        return cls(*(n(k) for k in cls.__dataclass_fields__))


@dataclass(frozen=True, slots=True)
class RequestStarted:
    """The service accepted the request (first frame seen); carries its request id."""

    request_id: str


@dataclass(frozen=True, slots=True)
class ThinkingDelta:
    text: str


@dataclass(frozen=True, slots=True)
class AnswerDelta:
    text: str


@dataclass(frozen=True, slots=True)
class CodeCall:
    """The interpreter ran (or is about to run) code. `index` counts calls from 0 in call order;
    a call seen again with other code (a `""` placeholder filled in later) updates that index."""

    index: int
    code: str


@dataclass(frozen=True, slots=True)
class UsageUpdate:
    usage: Usage


@dataclass(frozen=True, slots=True)
class Finished:
    """The final frame arrived: `reason` is "stop", or "length" when max_tokens cut the answer."""

    reason: str


@dataclass(frozen=True, slots=True)
class Failed:
    """The request ended in an error; no event follows."""

    error: ServiceError = field()


Event = RequestStarted | ThinkingDelta | AnswerDelta | CodeCall | UsageUpdate | Finished | Failed
