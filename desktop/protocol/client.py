"""The one place that talks HTTP for the native protocol: send a request, yield events.

Every expected failure (HTTP error, error frame, network fault, unreadable answer) ends the
stream with one `Failed` event; nothing but cancellation escapes as an exception.
"""

from __future__ import annotations

import html
import json
import re
import socket
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from .errors import ErrorKind, ServiceError
from .events import Event, Failed
from .native import NativeParser, error_from_body
from .request import GenerationOptions, Message, native_body, native_headers, native_url
from .secret import ApiKey
from .sse import FrameDecoder

# An HTML error page or a JSON error body is small; a runaway body must not fill memory.
_MAX_ERROR_BODY = 64 * 1024


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 15.0
    # The stream may go quiet while the interpreter runs; the service itself gives up at
    # about 300 s per request, so silence longer than that means the connection is dead.
    idle: float = 300.0


def make_client(timeouts: Timeouts = Timeouts(), transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    # trust_env: the system proxy settings and SSL_CERT_FILE apply; verification stays on.
    return httpx.AsyncClient(
        timeout=httpx.Timeout(connect=timeouts.connect, read=timeouts.idle, write=30.0, pool=30.0),
        transport=transport,
        trust_env=True,
        follow_redirects=False,
    )


async def stream_native(
    client: httpx.AsyncClient,
    base_url: str,
    api_key: ApiKey,
    messages: list[Message],
    options: GenerationOptions,
) -> AsyncIterator[Event]:
    url = native_url(base_url)
    headers = native_headers()
    headers["Authorization"] = f"Bearer {api_key.reveal()}"
    body = native_body(messages, options)
    parser = NativeParser()
    try:
        async with client.stream("POST", url, headers=headers, json=body) as response:
            if response.status_code != 200:
                yield Failed(await _http_error(response))
                return
            decoder = FrameDecoder()
            async for chunk in response.aiter_bytes():
                for frame in decoder.feed(chunk):
                    for event in parser.feed(frame):
                        yield event
                if parser.done:
                    return
            for frame in decoder.flush():
                for event in parser.feed(frame):
                    yield event
            if not parser.done:
                yield Failed(
                    ServiceError(
                        "IncompleteStream",
                        "The connection closed before the reply finished (no final frame).",
                        200,
                        parser.request_id,
                        ErrorKind.NETWORK,
                    )
                )
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        yield Failed(network_error(exc, url, parser.request_id))


async def _http_error(response: httpx.Response) -> ServiceError:
    status = response.status_code
    raw = bytearray()
    async for chunk in response.aiter_bytes():
        raw += chunk
        if len(raw) >= _MAX_ERROR_BODY:
            break
    text = raw.decode("utf-8", errors="replace")
    request_id = response.headers.get("x-request-id") or response.headers.get("x-dashscope-request-id")
    return error_from_text(text, status, request_id, response.headers.get("content-type", ""))


def error_from_text(text: str, status: int, request_id: str | None, content_type: str = "") -> ServiceError:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return error_from_body(data, status, request_id)
    # A 4xx whose body is SSE-framed (even when labelled application/json).
    if stripped.startswith(("id:", "event:", "data:", ":")):
        decoder = FrameDecoder()
        frames = decoder.feed(text.encode()) + decoder.flush()
        for frame in frames:
            try:
                data = json.loads(frame.data)
            except ValueError:
                continue
            if isinstance(data, dict):
                return error_from_body(data, frame.status or status, request_id)
    summary = _summarize(stripped, content_type)
    return ServiceError(
        f"HTTP{status}",
        f"The server answered HTTP {status} without a DashScope error body"
        + (f": {summary}" if summary else "."),
        status,
        request_id,
        ErrorKind.SERVICE,
    )


def _summarize(text: str, content_type: str) -> str:
    """One line from an HTML page (its title) or a plain body: proxies answer like this."""
    if "html" in content_type or text[:100].lower().lstrip().startswith(("<!doctype", "<html")):
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.I | re.S)
        found = title or heading
        text = re.sub(r"<[^>]+>", " ", found.group(1)) if found else "an HTML page"
        text = html.unescape(text)
    line = " ".join(text.split())
    return line[:200]


def network_error(exc: httpx.HTTPError | httpx.InvalidURL, url: str, request_id: str | None) -> ServiceError:
    host = urlsplit(url).hostname or url
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return ServiceError("DNSFailure", f"Could not resolve the host {host} ({cause.strerror or cause}).", None, request_id, ErrorKind.NETWORK)
        if isinstance(cause, ssl.SSLError):
            return ServiceError("TLSError", f"The secure connection to {host} failed: {cause.reason or cause}.", None, request_id, ErrorKind.NETWORK)
        cause = cause.__cause__ or cause.__context__
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectTimeout):
        return ServiceError("ConnectTimeout", f"Connecting to {host} timed out.", None, request_id, ErrorKind.NETWORK)
    if isinstance(exc, httpx.ConnectError):
        if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return ServiceError("DNSFailure", f"Could not resolve the host {host} ({text}).", None, request_id, ErrorKind.NETWORK)
        if "SSL" in text or "certificate" in text.lower():
            return ServiceError("TLSError", f"The secure connection to {host} failed: {text}.", None, request_id, ErrorKind.NETWORK)
        return ServiceError("ConnectionFailed", f"Could not connect to {host}: {text}.", None, request_id, ErrorKind.NETWORK)
    if isinstance(exc, httpx.ReadTimeout):
        return ServiceError("IdleTimeout", f"{host} sent nothing for too long; the stream was given up.", None, request_id, ErrorKind.NETWORK)
    if isinstance(exc, httpx.RemoteProtocolError):
        return ServiceError("ConnectionDropped", f"The connection to {host} broke mid-stream: {text}.", None, request_id, ErrorKind.NETWORK)
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return ServiceError("InvalidURL", f"The base URL is not usable: {text}.", None, request_id, ErrorKind.CONFIG)
    return ServiceError(type(exc).__name__, f"{host}: {text}", None, request_id, ErrorKind.NETWORK)
