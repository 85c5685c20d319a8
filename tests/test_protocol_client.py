"""stream_native's failure messages for answers that are not DashScope's, through httpx's
MockTransport: each one ends the stream with exactly one Failed event that says what happened."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from desktop.protocol.client import Timeouts, make_client, stream_native
from desktop.protocol.errors import ErrorKind
from desktop.protocol.events import Event, Failed, Finished
from desktop.protocol.request import GenerationOptions, native_url
from desktop.protocol.secret import ApiKey
from tests.wire import raw

KEY = "sk-clienttest0123456789abcdef"
BASE = "https://gw.example:8443/p"
WHERE = "gw.example:8443"


def run(handler: Callable[[httpx.Request], httpx.Response], key: str = KEY, idle: float = 300.0) -> list[Event]:
    async def go() -> list[Event]:
        client = make_client(Timeouts(idle=idle), transport=httpx.MockTransport(handler))
        async with client:
            return [e async for e in stream_native(client, BASE, ApiKey(key), [], GenerationOptions())]

    return asyncio.run(go())


def failure(events: list[Event]) -> Failed:
    assert sum(isinstance(e, Failed | Finished) for e in events) == 1
    assert isinstance(events[-1], Failed)
    return events[-1]


def test_captive_portal_page_with_status_200_is_named_by_its_title() -> None:
    page = b"<!DOCTYPE html><html><head><title>Hotel Wi-Fi &amp; Login</title></head><body>...</body></html>"
    error = failure(run(lambda r: httpx.Response(200, content=page, headers={"content-type": "text/html"}))).error
    assert (error.code, error.http_status, error.kind) == ("NotAnEventStream", 200, ErrorKind.PROTOCOL)
    assert error.message == ('The server answered HTTP 200 with text/html instead of an event stream: an HTML '
                             'page titled "Hotel Wi-Fi & Login" (from a proxy or gateway?).')


def test_empty_200_says_no_frame_arrived() -> None:
    error = failure(run(lambda r: httpx.Response(200, content=b""))).error
    assert (error.code, error.http_status) == ("IncompleteStream", 200)
    assert error.message == "The server answered HTTP 200 with an empty body: no frame arrived."


def test_a_stream_of_only_comments_says_no_data_frame_came() -> None:
    """Keep-alives and nothing else: an event stream it is, but nothing was in it (issue #14: this
    was "answered 200 with text/event-stream instead of an event stream")."""
    body = b": keep-alive\n\n:HTTP_STATUS/200\n\n: ping\n\n"
    error = failure(run(lambda r: httpx.Response(200, content=body,
                                                 headers={"content-type": "text/event-stream"}))).error
    assert (error.code, error.http_status, error.kind) == ("IncompleteStream", 200, ErrorKind.NETWORK)
    assert error.message == ("The server answered HTTP 200 and opened an event stream, but sent only comment "
                             "lines (keep-alives) and no data frame before it closed the connection.")


def test_an_event_stream_label_on_something_else_is_not_called_a_non_stream() -> None:
    error = failure(run(lambda r: httpx.Response(200, content=b"upstream timed out",
                                                 headers={"content-type": "text/event-stream"}))).error
    assert (error.code, error.http_status) == ("NotAnEventStream", 200)
    assert error.message == ("The server answered HTTP 200 labelled as an event stream, but what came is not "
                             "one: upstream timed out")


def test_stream_without_its_final_frame_counts_what_arrived() -> None:
    frames = raw("power_21").split(b"\n\n")[:7]
    events = run(lambda r: httpx.Response(200, content=b"\n\n".join(frames) + b"\n\n"))
    error = failure(events).error
    assert (error.code, error.http_status) == ("IncompleteStream", 200)
    assert error.message == ("The stream ended after 7 frames without the final one: the connection closed "
                             "before the reply finished.")
    assert error.request_id == "a1959ad1-2637-4672-a21f-4d351371d254"


def test_redirect_is_not_followed_and_says_where_it_pointed() -> None:
    events = run(lambda r: httpx.Response(301, headers={"location": "https://other.example/x?token=abc"}))
    error = failure(events).error
    assert (error.code, error.http_status) == ("HTTP301", 301)
    assert error.message == ("The server redirected to https://other.example/x (HTTP 301). Redirects are not "
                             "followed, so that the key is never sent to another address: use that base URL "
                             "if you trust it.")


def test_sse_framed_4xx_takes_the_response_status_when_the_comment_says_200() -> None:
    body = b'id:1\nevent:error\n:HTTP_STATUS/200\ndata:{"code":"Throttling","message":"slow down"}\n\n'
    error = failure(run(lambda r: httpx.Response(429, content=body))).error
    assert (error.code, error.http_status, error.message) == ("Throttling", 429, "slow down")


def test_json_4xx_without_error_fields_is_summarised_not_misread() -> None:
    error = failure(run(lambda r: httpx.Response(400, json={"detail": "nope"}))).error
    assert (error.code, error.http_status) == ("HTTP400", 400)
    assert error.message == 'The server answered HTTP 400 without a DashScope error body: {"detail":"nope"}'


@pytest.mark.parametrize("bad", [KEY[:6] + "\u201c" + KEY[6:], KEY[:6] + "\n" + KEY[6:], KEY[:6] + " " + KEY[6:]])
def test_unsendable_key_fails_before_anything_is_sent_and_never_quotes_the_key(bad: str) -> None:
    sent: list[httpx.Request] = []
    error = failure(run(lambda r: sent.append(r) or httpx.Response(200), key=bad)).error
    assert sent == []
    assert (error.code, error.kind) == ("InvalidApiKeyFormat", ErrorKind.CONFIG)
    assert KEY[6:] not in str(error)


# Plain words, not the library's ("[Errno 104]"); a 407 is a proxy's, with its real status.
@pytest.mark.parametrize(("exc", "code", "message", "status"), [
    (httpx.ReadError("[Errno 104] Connection reset by peer"), "ConnectionDropped",
     f"The connection to {WHERE} was reset before any answer came: the server, or a proxy or firewall in "
     "between, hung up.", None),
    (httpx.ReadTimeout("timed out"), "IdleTimeout",
     f"{WHERE} sent nothing for 2.5 s, longer than the idle timeout; the stream was given up.", None),
    (httpx.ConnectTimeout("timed out"), "ConnectTimeout", f"Connecting to {WHERE} timed out after 15 s.", None),
    (httpx.ProxyError("407 Proxy Authentication Required"), "ProxyAuthRequired",
     f"A proxy between here and {WHERE} asks for a user name and password (HTTP 407).", 407),
    (httpx.UnsupportedProtocol("Request URL has an unsupported protocol 'ftp://'."), "InvalidURL",
     "The base URL is not usable: Request URL has an unsupported protocol 'ftp://'.", None),
])
def test_transport_failures_are_named(exc: Exception, code: str, message: str, status: int | None) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    error = failure(run(handler, idle=2.5)).error
    assert (error.code, error.message, error.http_status) == (code, message, status)


def test_a_failure_mid_body_keeps_the_status_that_had_arrived() -> None:
    class Cut(httpx.AsyncByteStream):
        async def __aiter__(self):  # type: ignore[no-untyped-def]
            yield raw("power_21")[:2000]
            raise httpx.RemoteProtocolError("peer closed connection")

    events = run(lambda r: httpx.Response(200, stream=Cut()))
    error = failure(events).error
    assert (error.code, error.http_status) == ("ConnectionDropped", 200)
    assert error.request_id == "a1959ad1-2637-4672-a21f-4d351371d254"


def test_an_unexpected_exception_becomes_one_failed_event_with_the_key_scrubbed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise RuntimeError(f"bug while handling {request.headers['authorization']}")

    error = failure(run(handler)).error
    assert error.code == "UnexpectedError"
    assert error.message == ("dashchat failed while reading the reply (RuntimeError: bug while handling Bearer "
                             "[redacted]); the log file has the details.")


def test_cancellation_still_escapes() -> None:
    async def go() -> None:
        async def slow(request: httpx.Request) -> httpx.Response:
            await asyncio.sleep(10)
            return httpx.Response(200)

        async with make_client(transport=httpx.MockTransport(slow)) as client:
            async def consume() -> None:
                async for _ in stream_native(client, BASE, ApiKey(KEY), [], GenerationOptions()):
                    pass

            task = asyncio.ensure_future(consume())
            await asyncio.sleep(0.05)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(go())


@pytest.mark.parametrize(("base", "url"), [
    ("https://gw.example/p?code=abc", "https://gw.example/p/api/v1/services/aigc/text-generation/generation?code=abc"),
    ("https://gw.example/p/?code=abc#x", "https://gw.example/p/api/v1/services/aigc/text-generation/generation?code=abc"),
    (" https://dashscope.aliyuncs.com/ ", "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"),
])
def test_a_query_string_in_the_base_url_follows_the_path(base: str, url: str) -> None:
    assert native_url(base) == url
