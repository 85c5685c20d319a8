"""The one place that talks HTTP for the native protocol: send a request, yield events.

Every expected failure (HTTP error, error frame, network fault, unreadable answer) ends the
stream with one `Failed` event; nothing but cancellation escapes as an exception.

Each request logs one line when it starts and one when it ends (finished, failed, or stopped
by the caller) on the `dashchat.protocol` logger: status, code, request id, duration. Never
the key, never the body.
"""

from __future__ import annotations

import contextlib
import errno
import html
import json
import logging
import re
import socket
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from urllib.parse import urlsplit

import httpx

from .errors import ErrorKind, ServiceError
from .events import Event, Failed, Finished, RequestStarted
from .native import NativeParser, error_from_body
from .request import GenerationOptions, Message, Timeouts, native_body, native_headers, native_url
from .secret import ApiKey
from .sse import FrameDecoder

log = logging.getLogger("dashchat.protocol")
# A library does not print: without this, Python's last-resort handler would write warnings
# to stderr when no log file is set up, and `dashchat ask` promises one error line there.
log.addHandler(logging.NullHandler())

# An HTML error page or a JSON error body is small; a runaway body must not fill memory.
_MAX_ERROR_BODY = 64 * 1024
_REDACTED = "[redacted]"


def make_client(timeouts: Timeouts = Timeouts(), transport: httpx.AsyncBaseTransport | None = None,
                proxy: str | None = None) -> httpx.AsyncClient:
    # trust_env: the system proxy settings (HTTPS_PROXY, NO_PROXY) and SSL_CERT_FILE apply unless
    # the user named a proxy; certificate verification is always on.
    return httpx.AsyncClient(
        timeout=httpx.Timeout(connect=timeouts.connect, read=timeouts.idle, write=30.0, pool=30.0),
        transport=transport,
        proxy=proxy or None,
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
    log.info("request start: POST %s model=%s", loggable_url(url), options.model)
    async for event in guarded(_events(client, url, api_key, messages, options), api_key):
        yield event


async def guarded(events: AsyncIterator[Event], api_key: ApiKey | None) -> AsyncIterator[Event]:
    """Every protocol's stream ends the same way: events, then exactly one Finished or Failed;
    no error carries the key (a gateway may echo the Authorization header); one log line."""
    started = time.monotonic()
    request_id: str | None = None
    terminal: Finished | Failed | None = None
    try:
        async with contextlib.aclosing(events):
            async for event in events:
                if terminal is not None:
                    break  # one end only, even if closing the connection fails after it
                if isinstance(event, RequestStarted):
                    request_id = event.request_id
                elif isinstance(event, Failed):
                    # A gateway may echo the Authorization header in its message.
                    event = Failed(scrub(event.error, api_key))
                    terminal = event
                elif isinstance(event, Finished):
                    terminal = event
                yield event
    finally:
        _log_outcome(terminal, request_id, time.monotonic() - started)


def _log_outcome(terminal: Finished | Failed | None, request_id: str | None, duration: float) -> None:
    if isinstance(terminal, Finished):
        log.info("request end: status=200 finish=%s request_id=%s duration=%.2fs",
                 terminal.reason, request_id or "-", duration)
    elif isinstance(terminal, Failed):
        error = terminal.error
        log.warning("request failed: status=%s code=%s request_id=%s duration=%.2fs: %s",
                    error.http_status if error.http_status is not None else "-", error.code,
                    error.request_id or request_id or "-", duration, error.message)
    else:
        log.info("request stopped by the caller: request_id=%s duration=%.2fs", request_id or "-", duration)


async def _events(
    client: httpx.AsyncClient,
    url: str,
    api_key: ApiKey,
    messages: list[Message],
    options: GenerationOptions,
) -> AsyncIterator[Event]:
    unsendable = key_problem(api_key)
    if unsendable is not None:
        yield Failed(unsendable)
        return
    headers = native_headers()
    headers["Authorization"] = f"Bearer {api_key.reveal()}"
    body = native_body(messages, options)
    parser = NativeParser()
    status: int | None = None  # once the response's status line has arrived
    try:
        async with client.stream("POST", url, headers=headers, json=body) as response:
            status = response.status_code
            if response.status_code != 200:
                yield Failed(await http_error(response))
                return
            decoder = FrameDecoder()
            frames_seen = 0
            # Until the first frame, keep the raw start: a captive portal, a proxy or a
            # gateway may answer 200 with an HTML page or a JSON error instead of a stream.
            head = bytearray()
            async for chunk in response.aiter_bytes():
                if not frames_seen and len(head) < _MAX_ERROR_BODY:
                    head += chunk[: _MAX_ERROR_BODY - len(head)]
                frames = decoder.feed(chunk)
                frames_seen += len(frames)
                # One batch per read: deltas merged, usage parsed once (NativeParser.feed_all).
                for event in parser.feed_all(frames):
                    yield event
                if parser.done:
                    return
            frames = decoder.flush()
            frames_seen += len(frames)
            for event in parser.feed_all(frames):
                yield event
            if not parser.done:
                yield Failed(_unfinished(response, bytes(head), frames_seen, parser.request_id))
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        yield Failed(network_error(exc, url, parser.request_id, client.timeout, status))
    except Exception as exc:  # noqa: BLE001 - the contract: only cancellation escapes
        yield Failed(unexpected_error(exc, url, status, parser.request_id))


def _unfinished(response: httpx.Response, head: bytes, frames_seen: int, request_id: str | None) -> ServiceError:
    """HTTP 200, the body ended, and no final frame came."""
    if not frames_seen and head.strip():
        return error_from_text(head.decode("utf-8", errors="replace"), 200, _header_request_id(response),
                               response.headers.get("content-type", ""))
    if not frames_seen:
        return ServiceError(
            "IncompleteStream",
            "The server answered HTTP 200 with an empty body: no frame arrived.",
            200, _header_request_id(response), ErrorKind.NETWORK,
        )
    return ServiceError(
        "IncompleteStream",
        f"The stream ended after {frames_seen} frame{'s' if frames_seen != 1 else ''} without the final "
        "one: the connection closed before the reply finished.",
        200, request_id, ErrorKind.NETWORK,
    )


def _header_request_id(response: httpx.Response) -> str | None:
    return response.headers.get("x-request-id") or response.headers.get("x-dashscope-request-id")


def unexpected_error(exc: Exception, url: str, status: int | None, request_id: str | None) -> ServiceError:
    """A bug of ours while reading a reply: logged with its traceback, reported plainly."""
    log.exception("unexpected error while streaming from %s", loggable_url(url))
    return ServiceError(
        "UnexpectedError",
        f"dashchat failed while reading the reply ({type(exc).__name__}: {exc}); the log file has the details.",
        status, request_id, ErrorKind.PROTOCOL,
    )


def key_problem(api_key: ApiKey) -> ServiceError | None:
    """A key that cannot go into an HTTP header is refused before sending: httpx's own error
    would quote the header, key and all."""
    if api_key.sendable():
        return None
    return ServiceError(
        "InvalidApiKeyFormat",
        "The API key contains a space, a line break or a non-ASCII character (a smart quote "
        "from copying?), so it cannot be sent. Enter it again exactly as Model Studio shows it.",
        None, None, ErrorKind.CONFIG,
    )


async def http_error(response: httpx.Response) -> ServiceError:
    status = response.status_code
    raw = bytearray()
    async for chunk in response.aiter_bytes():
        raw += chunk
        if len(raw) >= _MAX_ERROR_BODY:
            break
    text = raw.decode("utf-8", errors="replace")
    error = error_from_text(text, status, _header_request_id(response), response.headers.get("content-type", ""))
    if 300 <= status < 400 and error.code == f"HTTP{status}":
        location = response.headers.get("location", "")
        target = f" to {loggable_url(location)}" if location else ""
        return replace(error, message=f"The server redirected{target} (HTTP {status}). Redirects are not "
                       "followed, so that the key is never sent to another address: use that base URL "
                       "if you trust it.")
    return error


def _looks_like_error(data: dict[str, object]) -> bool:
    return any(key in data for key in ("code", "error", "message"))


def error_from_text(text: str, status: int, request_id: str | None, content_type: str = "") -> ServiceError:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict) and _looks_like_error(data):
            return error_from_body(data, status, request_id)
    # A 4xx whose body is SSE-framed (even when labelled application/json).
    if stripped.startswith(("id:", "event:", "data:", ":")):
        decoder = FrameDecoder()
        frames = decoder.feed(text.encode()) + decoder.flush()
        for frame in frames:
            try:
                data = json.loads(frame.data)
            except (ValueError, RecursionError):
                continue
            if isinstance(data, dict) and _looks_like_error(data):
                # The comment's status when it names an error, else the response's.
                real = frame.status if frame.status is not None and frame.status >= 400 else status
                return error_from_body(data, real, request_id)
    return ServiceError(
        f"HTTP{status}" if status != 200 else "NotAnEventStream",
        _describe_body(stripped, status, content_type),
        status,
        request_id,
        ErrorKind.SERVICE if status != 200 else ErrorKind.PROTOCOL,
    )


def _describe_body(text: str, status: int, content_type: str) -> str:
    """One sentence about a body that is not a DashScope error: proxies, gateways and captive
    portals answer like this, often with an HTML page whose title says what went wrong."""
    if status == 200:
        label = content_type.split(";")[0].strip() or "no content type"
        opening = f"The server answered HTTP 200 with {label} instead of an event stream"
    else:
        opening = f"The server answered HTTP {status} without a DashScope error body"
    if not text:
        return f"{opening}, and an empty body."
    if "html" in content_type.lower() or text[:100].lower().startswith(("<!doctype", "<html")):
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.I | re.S)
        found = title or heading
        if found is None:
            return f"{opening}: an HTML page (from a proxy or gateway?)."
        page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())[:200]
        return f'{opening}: an HTML page titled "{page}" (from a proxy or gateway?).'
    line = " ".join(text.split())
    return f"{opening}: {line[:200]}"


def scrub(error: ServiceError, api_key: ApiKey | None) -> ServiceError:
    """The error without the key in it, whatever a server chose to echo back."""
    if api_key is None:
        return error
    secret = api_key.reveal()
    if secret in error.message or secret in error.code or (error.request_id and secret in error.request_id):
        return replace(
            error,
            code=error.code.replace(secret, _REDACTED),
            message=error.message.replace(secret, _REDACTED),
            request_id=error.request_id.replace(secret, _REDACTED) if error.request_id else None,
        )
    return error


def loggable_url(url: str) -> str:
    """scheme://host:port/path: no user info, query or fragment, which may hold credentials."""
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{_where(parts.hostname, parts.port)}{parts.path}" if parts.scheme else "?"
    except ValueError:
        return "?"


def _where(host: str | None, port: int | None) -> str:
    host = host or "?"
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def network_error(
    exc: httpx.HTTPError | httpx.InvalidURL,
    url: str,
    request_id: str | None,
    timeout: httpx.Timeout | None = None,
    http_status: int | None = None,
) -> ServiceError:
    """A transport failure as the user should read it. `http_status` is the response's status
    when the failure came after it (a stream cut or gone silent), else None: nothing came back."""
    try:
        parts = urlsplit(url)
        host, where = parts.hostname or url, _where(parts.hostname, parts.port)
    except ValueError:
        host = where = url

    def fail(code: str, message: str, kind: ErrorKind = ErrorKind.NETWORK) -> ServiceError:
        return ServiceError(code, message, http_status, request_id, kind)

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return fail("DNSFailure", f"Could not resolve the host name {host} ({cause.strerror or cause}).")
        if isinstance(cause, ssl.SSLCertVerificationError):
            why = cause.verify_message or cause.reason or str(cause)
            return fail("TLSError", f"The TLS certificate of {where} could not be verified ({why}); "
                        "nothing was sent.")
        if isinstance(cause, ssl.SSLError):
            return fail("TLSError", f"The TLS handshake with {where} failed ({cause.reason or cause}); "
                        "nothing was sent.")
        if isinstance(cause, ConnectionRefusedError) and isinstance(exc, httpx.ConnectError):
            return fail("ConnectionFailed", f"Could not connect to {where}: the connection was refused "
                        "(nothing is listening there).")
        cause = cause.__cause__ or cause.__context__
    text = (str(exc) or type(exc).__name__).rstrip(".")  # the messages end their own sentences
    if isinstance(exc, httpx.ConnectTimeout):
        after = f" after {timeout.connect:g} s" if timeout is not None and timeout.connect else ""
        return fail("ConnectTimeout", f"Connecting to {where} timed out{after}.")
    if isinstance(exc, httpx.ProxyError):
        return fail("ProxyError", f"The proxy failed to connect to {where}: {text}.")
    if isinstance(exc, httpx.ConnectError):
        if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return fail("DNSFailure", f"Could not resolve the host name {host} ({text}).")
        if "SSL" in text or "certificate" in text.lower():
            return fail("TLSError", f"The secure connection to {where} failed: {text}.")
        return fail("ConnectionFailed", f"Could not connect to {where}: {_errno_text(exc) or text}.")
    if isinstance(exc, httpx.ReadTimeout):
        after = f"for {timeout.read:g} s" if timeout is not None and timeout.read else "for too long"
        return fail("IdleTimeout", f"{where} sent nothing {after}, longer than the idle timeout; "
                    "the stream was given up.")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return fail("ConnectionDropped", f"The connection to {where} broke before the reply finished ({text}).")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return fail("InvalidURL", f"The base URL is not usable: {text}.", ErrorKind.CONFIG)
    return fail(type(exc).__name__, f"{where}: {text}")


def _errno_text(exc: BaseException) -> str | None:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ECONNRESET):
            return cause.strerror
        cause = cause.__cause__ or cause.__context__
    return None
