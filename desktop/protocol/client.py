"""The one place that talks HTTP for the native protocol: send a request, yield events.

Every expected failure (HTTP error, error frame, network fault, unreadable answer) ends the
stream with one `Failed` event; nothing but cancellation escapes as an exception. What the
protocols share (the client, `guarded`, error translation, scrubbing) is in common.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator

import httpx

from .codes import Code
from .common import (
    MAX_ERROR_BODY,
    error_from_text,
    guarded,
    header_request_id,
    http_error,
    key_problem,
    log,
    make_client,
    proxy_for,
    received_batches,
    route_note,
    scrub,
    unexpected_error,
)
from .errors import ErrorKind, ServiceError, SetupError
from .events import Event, Failed
from .failures import loggable_url, network_error
from .native import NativeParser
from .request import GenerationOptions, Message, Timeouts, native_body, native_headers, native_url
from .secret import ApiKey
from .sse import FrameDecoder

# Re-exported for callers that import them from here: check.py (http_error, key_problem,
# proxy_for, scrub), tests (loggable_url, scrub, Timeouts), session and the package (make_client).
__all__ = ["Timeouts", "http_error", "key_problem", "loggable_url", "make_client", "proxy_for", "scrub",
           "stream_native"]


async def stream_native(
    client: httpx.AsyncClient,
    base_url: str,
    api_key: ApiKey,
    messages: list[Message],
    options: GenerationOptions,
) -> AsyncGenerator[Event, None]:
    url = native_url(base_url)
    log.info("request start: POST %s model=%s%s", loggable_url(url), options.model, route_note(client, url))
    # aclosing: a caller that stops early closes the response (and its reader) now, not at GC.
    async with contextlib.aclosing(guarded(_events(client, url, api_key, messages, options), api_key)) as events:
        async for event in events:
            yield event


async def _events(
    client: httpx.AsyncClient,
    url: str,
    api_key: ApiKey,
    messages: list[Message],
    options: GenerationOptions,
) -> AsyncGenerator[Event, None]:
    unsendable = key_problem(api_key)
    if unsendable is not None:
        yield Failed(unsendable)
        return
    headers = native_headers()
    headers["Authorization"] = f"Bearer {api_key.reveal()}"
    body = native_body(messages, options)
    parser = NativeParser()
    status: int | None = None  # once the response's status line has arrived
    proxy = proxy_for(client, url)
    try:
        async with client.stream("POST", url, headers=headers, json=body) as response:
            status = response.status_code
            if response.status_code != 200:
                yield Failed(await http_error(response, proxy))
                return
            decoder = FrameDecoder()
            frames_seen = 0
            # Until the first frame, keep the raw start: a captive portal, a proxy or a
            # gateway may answer 200 with an HTML page or a JSON error instead of a stream.
            head = bytearray()
            async with contextlib.aclosing(received_batches(response)) as batches:
                async for received in batches:
                    if not frames_seen and len(head) < MAX_ERROR_BODY:
                        head += received[: MAX_ERROR_BODY - len(head)]
                    # One batch per read: deltas merged, usage parsed once (NativeParser.feed_all);
                    # the parser takes the frames as they are decoded (FrameDecoder.feed_to).
                    parser.begin()
                    # Frames with data: a `:HTTP_STATUS/200` comment alone makes an empty frame.
                    frames_seen += decoder.feed_to(received, parser)
                    for event in parser.end():
                        yield event
                    if parser.done:
                        return
            frames = decoder.flush()
            frames_seen += sum(1 for frame in frames if frame.data)
            for event in parser.feed_all(frames):
                yield event
            if not parser.done:
                yield Failed(_unfinished(response, bytes(head), frames_seen, parser.request_id))
    except SetupError as exc:  # the proxy this request would take is unusable: nothing was sent
        yield Failed(exc.error)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        yield Failed(network_error(exc, url, parser.request_id, client.timeout, status, proxy))
    except Exception as exc:  # noqa: BLE001 - the contract: only cancellation escapes
        yield Failed(unexpected_error(exc, url, status, parser.request_id))


def _unfinished(response: httpx.Response, head: bytes, frames_seen: int, request_id: str | None) -> ServiceError:
    """HTTP 200, the body ended, and no final frame came."""
    if not frames_seen and head.strip() and _only_comments(head):
        return ServiceError(
            Code.INCOMPLETE_STREAM,
            "The server answered HTTP 200 and opened an event stream, but sent only comment lines "
            "(keep-alives) and no data frame before it closed the connection.",
            200, header_request_id(response), ErrorKind.NETWORK,
        )
    if not frames_seen and head.strip():
        return error_from_text(head.decode("utf-8", errors="replace"), 200, header_request_id(response),
                               response.headers.get("content-type", ""))
    if not frames_seen:
        return ServiceError(
            Code.INCOMPLETE_STREAM,
            "The server answered HTTP 200 with an empty body: no frame arrived.",
            200, header_request_id(response), ErrorKind.NETWORK,
        )
    return ServiceError(
        Code.INCOMPLETE_STREAM,
        f"The stream ended after {frames_seen} frame{'s' if frames_seen != 1 else ''} without the final "
        "one: the connection closed before the reply finished.",
        200, request_id, ErrorKind.NETWORK,
    )


def _only_comments(head: bytes) -> bool:
    """SSE comment lines (`:...`) and blank lines only: a keep-alive, never an answer."""
    lines = head.decode("utf-8", errors="replace").splitlines()
    return all(not line.strip() or line.startswith(":") for line in lines)
