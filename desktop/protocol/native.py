"""Native DashScope frames -> typed events. Sans-IO: no HTTP here, so every rule is testable
with plain frames.

What the stream does (PROTOCOL.md): `reasoning_content` and `content` carry text; `tool_info`
is cumulative (it lists every interpreter call so far in every later frame, and a call may
first appear with `"code": ""`); `usage` is cumulative over all inferences of the request;
`finish_reason` is the string "null" until the last frame.

Text fields are deltas, always: the request says `incremental_output: true` (thinking mode
accepts nothing else; the service answers 400 otherwise), so every frame's `reasoning_content`
and `content` are appended as they are. The text is never inspected to guess whether it is a
delta or "the full text so far": a delta that happens to start with the text before it
("2" then "2539...") is an ordinary delta, and guessing once lost such a first token.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from .codes import Code
from .errors import ErrorKind, ServiceError
from .events import (
    AnswerDelta,
    CodeCall,
    Event,
    Failed,
    Finished,
    RequestStarted,
    ThinkingDelta,
    Usage,
    UsageUpdate,
)
from .sse import Frame

_NOT_FINISHED = (None, "", "null")
_loads = json.loads
# json.loads' own scanner, called without its Python wrapper (loads -> decode -> raw_decode and two
# whitespace matches): a quarter of what reading a usual frame costs, measured. See `loads_frame`.
_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set in __init__; typeshed omits it


def loads_frame(text: str) -> Any:
    """`json.loads(text)`, exactly, for a frame's data, the hot path of a stream.

    The scanner reads one JSON value from the start of `text`; when that value is the whole text
    it is the value json.loads gives (json.loads skips whitespace around it, and there is none).
    Anything else (whitespace around it, a byte order mark, more after it, an error) is handed to
    json.loads itself, so an unreadable frame fails with json.loads' own message."""
    try:
        value, end = _scan(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return _loads(text)
    if end != len(text):
        return _loads(text)
    return value


# The service's usual frame, read with two pattern matches (its head, then its tail) instead of a
# JSON parse (issue #15: the parse was a third of the window's time on a fast stream). The
# patterns accept only valid JSON: strings as JSON writes them (no raw control character, only
# JSON's escapes), usage as objects of lowercase keys and non-negative integers (three levels),
# tool_info as a list of code calls. Their groups are the fields, so the frame means what
# json.loads would make of it; anything else (another key order, a float, a null, whitespace) is
# parsed by json.loads as before. docs/performance.md has the figures.
_S = r'"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"'
_K, _I = r'"[a-z_]+"', r"(?:0|[1-9][0-9]*)"
_O1 = rf"\{{{_K}:{_I}(?:,{_K}:{_I})*\}}"
_O2 = rf"\{{{_K}:(?:{_I}|{_O1})(?:,{_K}:(?:{_I}|{_O1}))*\}}"
_USAGE = rf"\{{{_K}:(?:{_I}|{_O2})(?:,{_K}:(?:{_I}|{_O2}))*\}}"
_CALL = rf'\{{"code_interpreter":\{{"code":{_S}\}},"type":"code_interpreter"\}}'
_HEAD = (rf'\{{"output":\{{"choices":\[\{{"message":\{{"content":({_S})(?:,"reasoning_content":({_S}))?,'
         rf'"role":"assistant"\}},"finish_reason":({_S})\}}\]')
_TAIL = rf'(?:,"tool_info":(\[(?:{_CALL}(?:,{_CALL})*)?\]))?\}},"usage":({_USAGE}),"request_id":({_S})\}}'
_USUAL_HEAD = re.compile(_HEAD).match
_USUAL_TAIL = re.compile(_TAIL).fullmatch
_NUMBER = re.compile(r"([0-9]+)")


def _same_tail(tools: str | None, usage: str, request_id: str) -> Callable[[str, int], re.Match[str] | None]:
    """A pattern for the tails of the frames that follow one with this tail: the same tool_info
    and request id, character for character, and the same usage but for its numbers (usage holds
    only lowercase keys and integers, so its digit runs are its numbers). It accepts only what
    _TAIL accepts, and its group is the usage. Matching it is mostly comparing characters: half the
    time of _TAIL's, which reads the tool list and the usage's structure again in every frame."""
    parts = _NUMBER.split(usage)
    numbers = "".join(_I if odd else re.escape(part) for odd, part in zip(itertools.cycle((False, True)), parts))
    tool_part = re.escape(',"tool_info":' + tools) if tools is not None else ""
    return re.compile(f'{tool_part}\\}},"usage":({numbers}),"request_id":{re.escape(request_id)}\\}}').fullmatch


def _string(literal: str) -> str:
    """A JSON string literal matched by _S: its text (json.loads only when it has escapes)."""
    return literal[1:-1] if "\\" not in literal else _loads(literal)


class NativeParser:
    """One request's frames in, events out. Never raises on bad input: a frame it cannot read
    becomes a `Failed` event naming the problem."""

    __slots__ = ("_request_id", "_codes", "_usage", "_raw_usage", "_raw_tool_info", "_tool_text", "done", "_out",
                 "_kind", "_parts", "usual", "_tail")

    def __init__(self) -> None:
        self._request_id: str | None = None
        self._codes: list[str] = []
        self._usage: Usage | None = None
        self._raw_usage: dict[str, Any] | str | None = None  # the latest, not parsed yet (str: its JSON)
        self._raw_tool_info: object = None  # tool_info is repeated in every frame: skip repeats
        self._tool_text: str | None = None  # the JSON of _raw_tool_info, when a usual frame gave it
        self.usual = True  # False: every frame parsed by json.loads (the tests' reference)
        # The last usual frame's tail (tool_info, usage's shape, request id), as a pattern, with
        # that tool_info and request id: (match, tools, request_id). See _same_tail.
        self._tail: tuple[Callable[[str, int], re.Match[str] | None], str | None, str] | None = None
        self.done = False  # a Finished or Failed event was produced
        # The batch being built by feed_all: its events, and the text deltas not merged yet
        # (`_kind` ThinkingDelta or AnswerDelta, `_parts` their texts).
        self._out: list[Event] = []
        self._kind: type[ThinkingDelta] | type[AnswerDelta] | None = None
        self._parts: list[str] = []

    @property
    def request_id(self) -> str | None:
        return self._request_id

    def feed(self, frame: Frame) -> list[Event]:
        return self.feed_all((frame,))

    def feed_all(self, frames: Iterable[Frame]) -> list[Event]:
        """The events of several frames at once (what one network read brings): adjacent text
        deltas of one kind merged into one event, and usage reported once, after the batch's
        text (before Finished or Failed). A turn built from these events is the one built frame
        by frame; at full speed a read holds ~100 frames, so everything above the parser (the
        turn, the views, two async generators) does a hundredth of the work."""
        out: list[Event] = []
        self._out = out
        frame_of = self._frame
        for frame in frames:
            if self.done:
                break
            frame_of(frame)
        self._end_text()
        if not self.done:
            self._usage_event()
        self._out = []
        return out

    def _end_text(self) -> None:
        if self._kind is not None:
            self._out.append(self._kind("".join(self._parts)))
            self._kind, self._parts = None, []

    def _text(self, kind: type[ThinkingDelta] | type[AnswerDelta], text: str) -> None:
        if self._kind is kind:
            self._parts.append(text)
        else:
            self._end_text()
            self._kind, self._parts = kind, [text]

    def _emit(self, event: Event) -> None:
        self._end_text()
        self._out.append(event)

    def _usage_event(self) -> None:
        # Usage is cumulative: only the batch's last report matters, so it is parsed once.
        raw, self._raw_usage = self._raw_usage, None
        if isinstance(raw, str):
            raw = _loads(raw)  # a usual frame's, matched as an object
        if raw is not None:
            parsed = parse_usage(raw)
            if parsed != self._usage:
                self._usage = parsed
                self._out.append(UsageUpdate(parsed))

    def _frame(self, frame: Frame) -> None:
        if self.usual and frame.event != "error" and (frame.status is None or frame.status < 400):
            text = frame.data
            head = _USUAL_HEAD(text)
            if head is not None:
                content, thinking, reason = head.groups()
                end, last = head.end(), self._tail
                same = last[0](text, end) if last is not None else None
                if same is not None and last is not None:
                    self._usual(content, thinking, reason, last[1], same.group(1), last[2])
                    return
                tail = _USUAL_TAIL(text, end)
                if tail is not None:
                    tools, usage, request_id = tail.groups()
                    self._tail = (_same_tail(tools, usage, request_id), tools, request_id)
                    self._usual(content, thinking, reason, tools, usage, request_id)
                    return
        try:
            data = loads_frame(frame.data) if frame.data else None
        except (ValueError, RecursionError) as exc:
            # RecursionError: `[[[[...` nested deeper than the interpreter's stack; no real
            # frame does that, and it must not escape as an exception.
            self._fail(malformed_frame(frame, exc, self._request_id))
            return
        if type(data) is not dict:
            if data is None and frame.event != "error":
                return  # a keep-alive or an empty frame
            data = {}
        if frame.event == "error" or (frame.status is not None and frame.status >= 400):
            self._fail(error_from_body(data, frame.status, self._request_id))
            return
        self._result(data)

    def _usual(self, content: str, thinking: str | None, reason: str, tools: str | None, usage: str,
               request_id: str) -> None:
        """`_result` for a frame matched by _USUAL_HEAD and a tail pattern (their groups: JSON
        literals), step for step."""
        if self._request_id is None:
            rid = _string(request_id)
            if rid:
                self._request_id = rid
                self._emit(RequestStarted(rid))
        if thinking is not None and len(thinking) > 2:  # not ""
            self._text(ThinkingDelta, _string(thinking))
        if tools is not None and tools != self._tool_text:
            self._tool_calls(_loads(tools))
            self._tool_text = tools
        if len(content) > 2:
            self._text(AnswerDelta, _string(content))
        self._raw_usage = usage
        self._finish(_string(reason))

    def _finish(self, reason: object) -> None:
        if reason not in _NOT_FINISHED:
            self.done = True
            self._end_text()
            self._usage_event()
            self._out.append(Finished(str(reason)))

    def _result(self, data: dict[str, Any]) -> None:
        # The hot path of a stream (once per frame): plain dict and list checks, text appended
        # to the batch's merged delta without an event object per frame.
        if self._request_id is None:
            request_id = data.get("request_id")
            if isinstance(request_id, str) and request_id:
                self._request_id = request_id
                self._emit(RequestStarted(request_id))
        output = data.get("output")
        if type(output) is not dict:
            # A result frame can still carry an error code (seen from gateways): honour it.
            if data.get("code"):
                self._fail(error_from_body(data, None, self._request_id))
                return
            output = {}
        choices = output.get("choices")
        if type(choices) is list and choices and type(choices[0]) is dict:
            choice = choices[0]
        else:
            choice = _first_choice(output)
        message = choice.get("message")
        if type(message) is dict:
            # Order within one frame follows the phases: thinking, then code, then answer.
            thinking = message.get("reasoning_content")
            if thinking and type(thinking) is str:
                self._text(ThinkingDelta, thinking)
            tool_info = output.get("tool_info")
            if tool_info is not None:
                self._tool_calls(tool_info)
            answer = message.get("content")
            if answer and type(answer) is str:
                self._text(AnswerDelta, answer)
        else:
            tool_info = output.get("tool_info")
            if tool_info is not None:
                self._tool_calls(tool_info)

        usage = data.get("usage")
        if type(usage) is dict:
            self._raw_usage = usage  # parsed once per batch, in feed_all

        self._finish(choice.get("finish_reason"))

    def _tool_calls(self, tool_info: object) -> None:
        self._tool_text = None  # _usual sets it again after this call when the list came from it
        if not isinstance(tool_info, list) or tool_info == self._raw_tool_info:
            return
        self._raw_tool_info = tool_info
        index = 0
        for entry in tool_info:
            if not isinstance(entry, dict):
                continue
            call = entry.get("code_interpreter")
            if entry.get("type", "code_interpreter") != "code_interpreter" or not isinstance(
                call, dict
            ):
                continue
            code = _str(call.get("code"))
            if index == len(self._codes):
                self._codes.append(code)
                self._emit(CodeCall(index, code))
            elif code != self._codes[index] and code:
                self._codes[index] = code
                self._emit(CodeCall(index, code))
            index += 1

    def _fail(self, error: ServiceError) -> None:
        self.done = True
        self._end_text()
        self._usage_event()
        self._out.append(Failed(error))


def malformed_frame(frame: Frame, exc: Exception, request_id: str | None) -> ServiceError:
    size = len(frame.data)
    if isinstance(exc, json.JSONDecodeError):
        # Cut short: the parser ran out of text (an unterminated string, or "expecting" more
        # at the very end) rather than meeting a wrong character.
        cut = exc.msg.startswith("Unterminated") or exc.pos >= len(frame.data.rstrip())
        at = " " if exc.msg.endswith(" at") else " at "
        why = ("cut short: " if cut else "") + f"{exc.msg}{at}character {exc.pos} of {size}"
    elif isinstance(exc, RecursionError):
        why = f"nested too deeply to read, {size} characters"
    else:
        why = f"{exc}, {size} characters"
    label = f"Frame {frame.id}" if frame.id else "A frame"
    excerpt = frame.data if size <= 80 else frame.data[:80] + "…"
    return ServiceError(
        Code.MALFORMED_FRAME,
        f"{label} of the stream is not valid JSON ({why}): {excerpt!r}",
        frame.status,
        request_id,
        ErrorKind.PROTOCOL,
    )


def _first_choice(output: dict[str, Any]) -> dict[str, Any]:
    choices = output.get("choices")
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        return choices[0]
    # result_format "text" puts text and finish_reason on output itself.
    if "text" in output or "finish_reason" in output:
        return {"message": {"content": output.get("text")}, "finish_reason": output.get("finish_reason")}
    return {}


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def parse_usage(usage: dict[str, Any]) -> Usage:
    details = usage.get("output_tokens_details")
    plugins = usage.get("plugins")
    interpreter = plugins.get("code_interpreter") if isinstance(plugins, dict) else None
    input_tokens = _int(usage.get("input_tokens"))
    output_tokens = _int(usage.get("output_tokens"))
    return Usage(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        reasoning_tokens=_int(details.get("reasoning_tokens")) if isinstance(details, dict) else 0,
        total_tokens=_int(usage.get("total_tokens")) or input_tokens + output_tokens,
        code_interpreter_calls=_int(interpreter.get("count")) if isinstance(interpreter, dict) else 0,
    )


def error_from_body(data: dict[str, Any], status: int | None, request_id: str | None) -> ServiceError:
    """A DashScope error body `{"code","message","request_id"}`, or the OpenAI envelope
    `{"error": {"code","message","type"}}` that gateways and the compatible mode use."""
    inner = data.get("error")
    if isinstance(inner, dict):
        data = {**inner, "request_id": data.get("request_id") or inner.get("request_id")}
    code = data.get("code") or data.get("type")
    message = data.get("message")
    rid = data.get("request_id")
    return ServiceError(
        code=str(code) if code else (f"HTTP{status}" if status else Code.UNKNOWN_ERROR),
        message=str(message) if message else "The service reported an error without a message.",
        http_status=status,
        request_id=rid if isinstance(rid, str) and rid else request_id,
        kind=ErrorKind.SERVICE,
    )
