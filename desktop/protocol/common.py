"""What every protocol's client shares: the httpx client and its proxy routes, the stream's one
end and one log line (`guarded`), and the translation of a failed request into a `ServiceError`
(an HTTP error body, a page that is not a stream, a key that cannot be sent, a bug of ours), with
the key scrubbed from whatever a server echoed. The native client (client.py) and the
OpenAI-compatible one (compatible.py) both build on it.

Each request logs one line when it starts and one when it ends (finished, failed, or stopped
by the caller) on the `dashchat.protocol` logger: status, code, request id, duration. Never
the key, never the body.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import re
import time
from collections.abc import AsyncGenerator, Mapping
from urllib.parse import unquote, urlsplit

import httpx

from .codes import Code
from .errors import ErrorKind, ServiceError
from .events import Event, Failed, Finished, RequestStarted
from .failures import auth_required, loggable_url, where
from .native import error_from_body
from .proxy import Proxy, ProxyRoutes, proxy_routes
from .request import Timeouts
from .secret import ApiKey, redact_userinfo, register_secret, without_secret
from .sse import FrameDecoder

log = logging.getLogger("dashchat.protocol")
# A library does not print: without this, Python's last-resort handler would write warnings
# to stderr when no log file is set up, and `dashchat ask` promises one error line there.
log.addHandler(logging.NullHandler())

__all__ = ["MAX_ERROR_BODY", "Client", "error_from_text", "guarded", "header_request_id", "http_error",
           "key_problem", "make_client", "proxy_for", "received_batches", "route_note", "scrub", "unexpected_error"]

# An HTML error page or a JSON error body is small; a runaway body must not fill memory.
MAX_ERROR_BODY = 64 * 1024


class Client(httpx.AsyncClient):
    """An httpx client that knows which proxy each request goes through, so that a failure
    names the host really at fault."""

    proxy_routes: ProxyRoutes | None = None


def make_client(timeouts: Timeouts = Timeouts(), transport: httpx.AsyncBaseTransport | None = None,
                proxy: str | None = None, environ: Mapping[str, str] | None = None) -> Client:
    """`proxy`: the one named in Settings, else the environment's (desktop/protocol/proxy.py);
    TLS trusts the OS store plus SSL_CERT_FILE / SSL_CERT_DIR (desktop/protocol/trust.py).
    A given `transport` (the demo, tests) is used as it is. Raises SetupError when
    SSL_CERT_FILE or SSL_CERT_DIR is unusable; an unusable proxy fails the requests it would
    carry, not this call."""
    routes = None
    if transport is None:
        from .transport import RoutingTransport
        from .trust import trust_context

        routes = proxy_routes(proxy, environ)
        for via in routes.proxies:
            if via.password:
                register_secret(via.password)  # kept out of the log, whatever quotes it
        transport = RoutingTransport(routes, trust_context(environ))
    # trust_env off: the routes and the TLS context above already read the environment, the
    # same way for Settings and for it.
    client = Client(
        timeout=httpx.Timeout(connect=timeouts.connect, read=timeouts.idle, write=30.0, pool=30.0),
        transport=transport,
        trust_env=False,
        follow_redirects=False,
    )
    client.proxy_routes = routes
    return client


def proxy_for(client: httpx.AsyncClient, url: str) -> Proxy | None:
    """The proxy a request to `url` goes through on `client` (None: direct, or unknown)."""
    routes = getattr(client, "proxy_routes", None)
    return routes.proxy_of(url) if routes is not None else None


def route_note(client: httpx.AsyncClient, url: str) -> str:
    """" via socks5://host:port (from ALL_PROXY)" for the request-start log line, or "".

    A base URL may carry a gateway's user name and password (`https://user:pass@gw/...`):
    the password becomes a secret the log never shows, whatever line quotes it."""
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if password:
        register_secret(unquote(password))
    proxy = proxy_for(client, url)
    return f" via {proxy.shown} (from {proxy.source})" if proxy is not None else ""


async def guarded(events: AsyncGenerator[Event, None], api_key: ApiKey | None) -> AsyncGenerator[Event, None]:
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
                    event = RequestStarted(_scrubbed(event.request_id, api_key))
                    request_id = event.request_id
                elif isinstance(event, Failed):
                    # A gateway may echo the Authorization header, or the key's last characters.
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


_READER_GRACE = 1.0  # seconds for the reader to end once its response is closed


async def received_batches(response: httpx.Response) -> AsyncGenerator[bytes, None]:
    """The body in batches: each one everything that arrived since the previous batch was taken.

    A reader task pulls the body's chunks and only appends them to a list; the caller decodes
    what has gathered whenever it gets to run. A server (or a proxy) that sends each SSE frame as
    its own HTTP chunk hands httpx hundreds of chunks per network read, and without this every
    layer above the transport (decoder, parser, turn, views, two async generators) would run
    once per chunk instead of once per read. Reading errors come after the chunks before them.
    """
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    # Nothing to decode: the raw chunks, without httpx's per-chunk decoder and chunker (a body
    # already read, as a test's or the demo's may be, only aiter_bytes gives again).
    raw = encoding in ("", "identity") and not response.is_stream_consumed
    chunks = response.aiter_raw() if raw else response.aiter_bytes()
    received: list[bytes] = []
    arrived = asyncio.Event()
    ended = False
    failure: Exception | None = None

    async def read() -> None:
        nonlocal ended, failure
        try:
            async for chunk in chunks:
                received.append(chunk)
                if len(received) == 1:
                    arrived.set()
        except Exception as exc:  # noqa: BLE001 - handed to the consumer, in order
            failure = exc
        finally:
            ended = True
            arrived.set()

    reader = asyncio.ensure_future(read())
    try:
        while True:
            if not received and not ended:
                await arrived.wait()
            arrived.clear()
            if received:
                batch = received[0] if len(received) == 1 else b"".join(received)
                received.clear()
                yield batch
            elif ended:
                if failure is not None:
                    raise failure
                return
    finally:
        if not reader.done():
            # The caller stopped before the body ended (the final frame came first, or Stop):
            # close the response, which ends the reader's pending read, and let the reader end.
            # Cancelling the reader in the middle of a read instead left its connection counted
            # in httpcore's pool for good: after 100 requests every new one waited for a free
            # connection and failed with PoolTimeout (tests/test_stream_batches.py).
            with contextlib.suppress(Exception):
                await response.aclose()
            done, _ = await asyncio.wait((reader,), timeout=_READER_GRACE)
            if not done:
                reader.cancel()
                # Not `await reader`: that would raise the reader's CancelledError here; a
                # cancellation of this task still interrupts the wait.
                await asyncio.wait((reader,))


def header_request_id(response: httpx.Response) -> str | None:
    request_id: str | None = response.headers.get("x-request-id") or response.headers.get("x-dashscope-request-id")
    return request_id


def unexpected_error(exc: Exception, url: str, status: int | None, request_id: str | None) -> ServiceError:
    """A bug of ours while reading a reply: logged with its traceback, reported plainly."""
    log.exception("unexpected error while streaming from %s", loggable_url(url))
    return ServiceError(
        Code.UNEXPECTED_ERROR,
        f"dashchat failed while reading the reply ({type(exc).__name__}: {exc}); the log file has the details.",
        status, request_id, ErrorKind.PROTOCOL,
    )


def key_problem(api_key: ApiKey) -> ServiceError | None:
    """A key that cannot go into an HTTP header is refused before sending: httpx's own error
    would quote the header, key and all."""
    if api_key.sendable():
        return None
    return ServiceError(
        Code.INVALID_API_KEY_FORMAT,
        "The API key contains a space, a line break or a non-ASCII character (a smart quote "
        "from copying?), so it cannot be sent. Enter it again exactly as Model Studio shows it.",
        None, None, ErrorKind.CONFIG,
    )


async def http_error(response: httpx.Response, proxy: Proxy | None = None) -> ServiceError:
    """A response that is not the answer. `proxy`: the proxy it came through, if any (a 407 is
    always a proxy's; another status may be the proxy's own page rather than the server's)."""
    status = response.status_code
    if status == 407:
        return auth_required(proxy, where(response.request.url.host, response.request.url.port),
                             header_request_id(response))
    raw = bytearray()
    async for chunk in response.aiter_bytes():
        raw += chunk
        if len(raw) >= MAX_ERROR_BODY:
            break
    text = raw.decode("utf-8", errors="replace")
    error = error_from_text(text, status, header_request_id(response), response.headers.get("content-type", ""),
                            proxy)
    if 300 <= status < 400 and error.code == f"HTTP{status}":
        location = response.headers.get("location", "")
        target = f" to {loggable_url(location)}" if location else ""
        return error.replaced(message=f"The server redirected{target} (HTTP {status}). Redirects are not "
                       "followed, so that the key is never sent to another address: use that base URL "
                       "if you trust it.")
    return error


def _looks_like_error(data: dict[str, object]) -> bool:
    return any(key in data for key in ("code", "error", "message"))


def error_from_text(text: str, status: int, request_id: str | None, content_type: str = "",
                    proxy: Proxy | None = None) -> ServiceError:
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
        f"HTTP{status}" if status != 200 else Code.NOT_AN_EVENT_STREAM,
        _describe_body(stripped, status, content_type, proxy),
        status,
        request_id,
        ErrorKind.SERVICE if status != 200 else ErrorKind.PROTOCOL,
    )


def _describe_body(text: str, status: int, content_type: str, proxy: Proxy | None = None) -> str:
    """One sentence about a body that is not a DashScope error: proxies, gateways and captive
    portals answer like this, often with an HTML page whose title says what went wrong."""
    who = f"{proxy.named(True)}, or the server behind it, answered" if proxy is not None else "The server answered"
    label = content_type.split(";")[0].strip().lower()
    if status == 200 and label == "text/event-stream":
        opening = f"{who} HTTP 200 labelled as an event stream, but what came is not one"
    elif status == 200:
        opening = f"{who} HTTP 200 with {label or 'no content type'} instead of an event stream"
    else:
        opening = f"{who} HTTP {status} without a DashScope error body"
    if not text:
        return f"{opening}, and an empty body."
    if "html" in content_type.lower() or text[:100].lower().startswith(("<!doctype", "<html")):
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.I | re.S)
        found = title or heading
        guess = "" if proxy is not None else " (from a proxy or gateway?)"
        if found is None:
            return f"{opening}: an HTML page{guess}."
        page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())[:200]
        return f'{opening}: an HTML page titled "{page}"{guess}.'
    line = " ".join(text.split())
    return f"{opening}: {line[:200]}"


def scrub(error: ServiceError, api_key: ApiKey | None) -> ServiceError:
    """The error as it may be shown and stored: without the key or any 4+ character tail of it
    (whatever a server chose to echo back), and without the user info of any URL in it."""
    code, message = _scrubbed(error.code, api_key), _scrubbed(error.message, api_key)
    request_id = _scrubbed(error.request_id, api_key) if error.request_id else error.request_id
    if (code, message, request_id) == (error.code, error.message, error.request_id):
        return error
    return error.replaced(code=code, message=message, request_id=request_id)


def _scrubbed(text: str, api_key: ApiKey | None) -> str:
    text = redact_userinfo(text)
    return without_secret(text, api_key.reveal()) if api_key is not None else text
