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
from .frame_patterns import NULL, RUN_START, USUAL_HEAD, USUAL_TAIL, loads, loads_frame, same_tail, string_of
from .sse import Frame

_NOT_FINISHED = (None, "", "null")


class NativeParser:
    """One request's frames in, events out. Never raises on bad input: a frame it cannot read
    becomes a `Failed` event naming the problem."""

    __slots__ = ("_request_id", "_codes", "_usage", "_raw_usage", "_raw_tool_info", "_tool_text", "done", "_out",
                 "_kind", "_parts", "usual", "_tail", "_run")

    def __init__(self) -> None:
        self._request_id: str | None = None
        self._codes: list[str] = []
        self._usage: Usage | None = None
        self._raw_usage: dict[str, Any] | str | None = None  # the latest, not parsed yet (str: its JSON)
        self._raw_tool_info: object = None  # tool_info is repeated in every frame: skip repeats
        self._tool_text: str | None = None  # the JSON of _raw_tool_info, when a usual frame gave it
        self.usual = True  # False: every frame parsed by json.loads (the tests' reference)
        # The last usual frame's tail (tool_info, usage's shape, request id), as a pattern, with
        # that tool_info and request id: (match, tools, request_id, the pattern). See same_tail.
        self._tail: tuple[Callable[[str, int], re.Match[str] | None], str | None, str, str] | None = None
        # frames_at's pattern, made from a _tail when first needed: (that _tail, its match).
        self._run: tuple[object, Callable[[str, int], re.Match[str] | None]] | None = None
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
        self.begin()
        frame_of = self._frame
        for frame in frames:
            if self.done:
                break
            frame_of(frame)
        return self.end()

    # A batch can also be given frame by frame, as FrameDecoder.feed_to decodes it (this parser
    # is a FrameSink): begin(), then frames (`frame`, `frames_at`), then end() for its events.

    def begin(self) -> None:
        self._out = []

    def end(self) -> list[Event]:
        self._end_text()
        if not self.done:
            self._usage_event()
        out, self._out = self._out, []
        return out

    def frame(self, frame: Frame) -> None:
        if not self.done:
            self._frame(frame)

    def frames_at(self, text: str, pos: int) -> tuple[int, int, str]:
        """The run of frames at `pos` in the decoder's text that are usual frames of event
        `result` and status 200 with the tail of the last usual frame: read with one match each,
        for what the decoder's pattern, USUAL_HEAD and the tail's pattern do in three (groups:
        the same strings); then what `_usual` does with them, the common case (more answer text
        or more thinking, not the end) written out here. (FrameSink.frames_at)"""
        tail = self._tail
        if tail is None or self.done or not self.usual:
            return pos, 0, ""
        run = self._run
        if run is None or run[0] is not tail:
            run = self._run = (tail, re.compile(f"{RUN_START}{tail[3]}\n\n").match)
        match = run[1]
        found = match(text, pos)
        if found is None:
            return pos, 0, ""
        _, tools, request_id, _ = tail
        count = 0
        frame_id = ""
        while found is not None:
            frame_id, content, thinking, reason, usage = found.groups()
            kind = self._kind
            if (reason == NULL and self._request_id is not None
                    and (tools is None or tools == self._tool_text)
                    and (thinking is None or len(thinking) == 2 or (kind is ThinkingDelta and len(content) == 2))
                    and (len(content) == 2 or kind is AnswerDelta)):
                # What _usual does here: the text added to the delta being merged, usage kept.
                if len(content) > 2:
                    self._parts.append(content[1:-1] if "\\" not in content else loads(content))
                elif thinking is not None and len(thinking) > 2:
                    self._parts.append(thinking[1:-1] if "\\" not in thinking else loads(thinking))
                self._raw_usage = usage
            else:
                self._usual(content, thinking, reason, tools, usage, request_id)
            count += 1
            pos = found.end()
            if self.done:
                break
            found = match(text, pos)
        return pos, count, frame_id

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
            raw = loads(raw)  # a usual frame's, matched as an object
        if raw is not None:
            parsed = parse_usage(raw)
            if parsed != self._usage:
                self._usage = parsed
                self._out.append(UsageUpdate(parsed))

    def _frame(self, frame: Frame) -> None:
        if self.usual and frame.event != "error" and (frame.status is None or frame.status < 400):
            text = frame.data
            head = USUAL_HEAD(text)
            if head is not None:
                content, thinking, reason = head.groups()
                end, last = head.end(), self._tail
                same = last[0](text, end) if last is not None else None
                if same is not None and last is not None:
                    self._usual(content, thinking, reason, last[1], same.group(1), last[2])
                    return
                tail = USUAL_TAIL(text, end)
                if tail is not None:
                    tools, usage, request_id = tail.groups()
                    pattern = same_tail(tools, usage, request_id)
                    self._tail = (re.compile(pattern).fullmatch, tools, request_id, pattern)
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
        """`_result` for a frame matched by USUAL_HEAD and a tail pattern (their groups: JSON
        literals), step for step."""
        if self._request_id is None:
            rid = string_of(request_id)
            if rid:
                self._request_id = rid
                self._emit(RequestStarted(rid))
        if thinking is not None and len(thinking) > 2:  # not ""
            self._text(ThinkingDelta, string_of(thinking))
        if tools is not None and tools != self._tool_text:
            self._tool_calls(loads(tools))
            self._tool_text = tools
        if len(content) > 2:
            self._text(AnswerDelta, string_of(content))
        self._raw_usage = usage
        self._finish(string_of(reason))

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
