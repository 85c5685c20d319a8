"""The OpenAI-compatible protocol: DashScope's compatible mode, and the gateways and local servers
(vLLM, Ollama, LM Studio) that stream thinking the same way. Same events as the native protocol.

What this protocol cannot show (PROTOCOL.md, last section): it returns no executed code and no
interpreter count (so no `CodeCall`, and `Usage.code_interpreter_calls` stays 0), and it sends
nothing at all while code runs. Usage comes once, in a last chunk with `"choices": []`.

The request is made with httpx-sse's `aconnect_sse` (its headers); the body is read as the native
one is, in batches (`received_batches`) through `FrameDecoder`. The status of an error that arrives
inside a 200 stream is taken from the error itself (see `_stream_error`), as it was when httpx-sse
decoded the stream and dropped the `:HTTP_STATUS/n` comment.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncGenerator, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpx
from httpx_sse import ServerSentEvent, aconnect_sse

from .codes import Code
from .common import guarded, http_error, key_problem, proxy_for, received_batches, route_note, unexpected_error
from .errors import ErrorKind, ServiceError, SetupError
from .events import (
    AnswerDelta,
    Event,
    Failed,
    Finished,
    RequestStarted,
    ThinkingDelta,
    Usage,
    UsageUpdate,
)
from .failures import loggable_url, network_error
from .native import error_from_body, malformed_frame
from .request import GenerationOptions, Message
from .secret import ApiKey
from .sse import Frame, FrameDecoder

log = logging.getLogger("dashchat.protocol")  # the same logger as the native client's

DASHSCOPE_COMPATIBLE_PATH = "/compatible-mode/v1"
CHAT_PATH = "/chat/completions"

# The status DashScope pairs with each of its error codes (PROTOCOL.md, "Errors"; the
# compatible mode's own codes below). Only for errors inside a 200 stream, whose real status
# travels in a comment httpx-sse does not pass on. Keyed by the code's family ("Throttling").
_STATUS_OF_CODE = {
    "InvalidParameter": 400, "DataInspectionFailed": 400, "Arrearage": 400, "InvalidApiKey": 401,
    "AccessDenied": 403, "ModelNotFound": 404, "Throttling": 429, "InternalError": 500,
    "ModelUnavailable": 503,
    "invalid_parameter_error": 400, "data_inspection_failed": 400, "invalid_api_key": 401,
    "model_not_found": 404, "limit_requests": 429, "insufficient_quota": 429, "internal_error": 500,
}


def compatible_url(base_url: str) -> str:
    """A bare DashScope base gets `/compatible-mode/v1/chat/completions`; a base whose path already
    ends in `/v1` (vLLM `http://host:8000/v1`, Ollama `.../v1`, DashScope `.../compatible-mode/v1`)
    gets `/chat/completions`. A query string stays after the path, as in `native_url`."""
    head, sep, query = base_url.strip().partition("#")[0].partition("?")
    head = head.rstrip("/")
    if not urlsplit(head).path.endswith("/v1"):
        head += DASHSCOPE_COMPATIBLE_PATH
    return head + CHAT_PATH + sep + query


def compatible_body(messages: list[Message], options: GenerationOptions) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": options.model,
        "messages": messages,
        "stream": True,  # the interpreter works only streamed
        "stream_options": {"include_usage": True},  # else no usage at all
        # DashScope's own fields go at the top level (what the OpenAI SDK's extra_body does);
        # the interpreter works only in thinking mode.
        "enable_thinking": True,
        "enable_code_interpreter": True,
    }
    body.update(options.chosen())
    return body


async def stream_compatible(
    client: httpx.AsyncClient,
    base_url: str,
    api_key: ApiKey | None,
    messages: list[Message],
    options: GenerationOptions,
) -> AsyncGenerator[Event, None]:
    """The contract of `stream_native`: events, then exactly one `Finished` or `Failed`; nothing
    but cancellation escapes; no error carries the key. `api_key` None: a server that needs none
    (a local vLLM or Ollama), asked without an Authorization header."""
    url = compatible_url(base_url)
    log.info("request start: POST %s model=%s protocol=compatible%s", loggable_url(url), options.model,
             route_note(client, url))
    # aclosing: a caller that stops early closes the response now, not at GC.
    async with contextlib.aclosing(guarded(_events(client, url, api_key, messages, options), api_key)) as events:
        async for event in events:
            yield event


async def _events(
    client: httpx.AsyncClient, url: str, api_key: ApiKey | None, messages: list[Message], options: GenerationOptions
) -> AsyncGenerator[Event, None]:
    unsendable = key_problem(api_key) if api_key is not None else None
    if unsendable is not None:
        yield Failed(unsendable)
        return
    # aconnect_sse adds Accept.
    headers = {"Authorization": f"Bearer {api_key.reveal()}"} if api_key is not None else {}
    parser = CompatibleParser()
    status: int | None = None
    proxy = proxy_for(client, url)
    try:
        async with aconnect_sse(client, "POST", url, headers=headers,
                                json=compatible_body(messages, options)) as source:
            response = source.response
            status = response.status_code
            content_type = response.headers.get("content-type", "")
            # A 200 that is not a stream (a JSON error from a gateway, a captive portal's page)
            # is read and described like any error body, as the native client does.
            if status != 200 or "text/event-stream" not in content_type.lower():
                yield Failed(await http_error(response, proxy))
                return
            # The body in batches, as the native client reads it (one per network read, however
            # many HTTP chunks it held), decoded with the same decoder. Like httpx-sse (and the
            # OpenAI SDK), a last event with no blank line after it is not dispatched.
            decoder = FrameDecoder()
            async with contextlib.aclosing(received_batches(response)) as batches:
                async for received in batches:
                    for event in parser.feed_all(decoder.feed(received)):
                        yield event
                    if parser.done:
                        return
            for event in parser.end():
                yield event
    except SetupError as exc:  # the proxy this request would take is unusable: nothing was sent
        yield Failed(exc.error)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        yield Failed(network_error(exc, url, parser.request_id, client.timeout, status, proxy))
    except Exception as exc:  # noqa: BLE001 - the contract: only cancellation escapes
        yield Failed(unexpected_error(exc, url, status, parser.request_id))


class CompatibleParser:
    """`chat.completion.chunk` events in, typed events out. Sans-IO, never raises: a frame it
    cannot read becomes a `Failed` event."""

    def __init__(self) -> None:
        self.request_id: str | None = None
        self.done = False  # a Finished or Failed event was produced
        self._frames = 0
        self._reason: str | None = None  # the finish_reason, once a chunk gave one
        self._usage: Usage | None = None

    def feed_all(self, frames: Iterable[Frame]) -> list[Event]:
        """The events of one batch of frames (what one network read brings), adjacent text
        deltas of one kind merged into one event: the turn built is the one built frame by frame."""
        out: list[Event] = []
        kind: type[ThinkingDelta] | type[AnswerDelta] | None = None
        parts: list[str] = []
        for frame in frames:
            if self.done:
                break
            for event in self.feed(frame):
                if type(event) is ThinkingDelta or type(event) is AnswerDelta:
                    if type(event) is kind:
                        parts.append(event.text)
                        continue
                    if kind is not None:
                        out.append(kind("".join(parts)))
                    kind, parts = type(event), [event.text]
                    continue
                if kind is not None:
                    out.append(kind("".join(parts)))
                    kind = None
                out.append(event)
        if kind is not None:
            out.append(kind("".join(parts)))
        return out

    def feed(self, sse: ServerSentEvent | Frame) -> list[Event]:
        if self.done:
            return []
        text = sse.data.strip()
        if not text and sse.event != "error":
            return []  # a keep-alive or a ping
        self._frames += 1
        if text == "[DONE]":
            # The usage chunk comes after the finish_reason, so the turn ends here (as "stop" if a
            # server never gave a finish_reason: [DONE] is its word that the reply is complete).
            self.done = True
            return [Finished(self._reason or "stop")]
        try:
            data = json.loads(text) if text else {}
        except (ValueError, RecursionError) as exc:
            return self._fail(malformed_frame(Frame(sse.event, sse.data, sse.id, None), exc, self.request_id))
        if not isinstance(data, dict):
            return []
        # `event:error` is DashScope's native error frame leaking into this mode; `{"error": ...}`
        # (or vLLM's older `{"object": "error"}`) is the OpenAI envelope sent inside the stream.
        if sse.event == "error" or data.get("error") or data.get("object") == "error":
            return self._fail(self._stream_error(data))
        return self._chunk(data)

    def end(self) -> list[Event]:
        """The body ended without `[DONE]`: finished if a finish_reason came, else cut short."""
        if self.done:
            return []
        self.done = True
        if self._reason is not None:
            return [Finished(self._reason)]
        if not self._frames:
            message = ("The server answered HTTP 200 and opened an event stream, but no data frame arrived (at "
                       "most comment lines or keep-alives) before it closed the connection.")
        else:
            plural = "s" if self._frames != 1 else ""
            message = (f"The stream ended after {self._frames} frame{plural} without a finish reason or "
                       "[DONE]: the connection closed before the reply finished.")
        return [Failed(ServiceError(Code.INCOMPLETE_STREAM, message, 200, self.request_id, ErrorKind.NETWORK))]

    def _chunk(self, data: dict[str, Any]) -> list[Event]:
        events: list[Event] = []
        chunk_id = data.get("id")
        if self.request_id is None and isinstance(chunk_id, str) and chunk_id:
            self.request_id = chunk_id
            events.append(RequestStarted(chunk_id))
        choices = data.get("choices")
        choice = choices[0] if isinstance(choices, list) and choices and isinstance(choices[0], dict) else {}
        delta = choice.get("delta")
        delta = delta if isinstance(delta, dict) else {}
        # Newer vLLM names the thinking `reasoning`; a server that sends both sends the same text.
        thinking = _text(delta.get("reasoning_content")) or _text(delta.get("reasoning"))
        if thinking:
            events.append(ThinkingDelta(thinking))
        answer = _text(delta.get("content"))
        if answer:
            events.append(AnswerDelta(answer))
        reason = choice.get("finish_reason")
        if isinstance(reason, str) and reason not in ("", "null"):
            self._reason = reason
        usage = data.get("usage")
        if isinstance(usage, dict):
            parsed = _usage(usage)
            if parsed != self._usage:
                self._usage = parsed
                events.append(UsageUpdate(parsed))
        return events

    def _stream_error(self, data: dict[str, Any]) -> ServiceError:
        """An error inside a 200 stream, with the status it would have had as an HTTP error: the
        number vLLM and LiteLLM put in `code`, else the status DashScope pairs with the code."""
        inner = data.get("error")
        if isinstance(inner, str):
            inner = {"message": inner}
        if not isinstance(inner, dict):
            inner = data  # DashScope's flat body, or vLLM's older flat error
        code = inner.get("code")
        status = _as_status(code)
        if status is not None:
            code = inner.get("type") or f"HTTP{status}"
        else:
            code = code or inner.get("type")
            status = _STATUS_OF_CODE.get(str(code or "").split(".")[0])
        body = {"code": code, "message": inner.get("message"),
                "request_id": data.get("request_id") or inner.get("request_id")}
        return error_from_body(body, status, self.request_id)

    def _fail(self, error: ServiceError) -> list[Event]:
        self.done = True
        return [Failed(error)]


def _usage(usage: dict[str, Any]) -> Usage:
    details = usage.get("completion_tokens_details")
    prompt, completion = _int(usage.get("prompt_tokens")), _int(usage.get("completion_tokens"))
    return Usage(
        input_tokens=prompt,
        output_tokens=completion,
        reasoning_tokens=_int(details.get("reasoning_tokens")) if isinstance(details, dict) else 0,
        total_tokens=_int(usage.get("total_tokens")) or prompt + completion,
        code_interpreter_calls=0,  # this protocol does not report it
    )


def _as_status(value: object) -> int | None:
    if isinstance(value, str) and len(value) == 3 and value.isascii() and value.isdigit():
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) and 400 <= value <= 599 else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
