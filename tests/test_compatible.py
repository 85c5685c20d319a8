"""The OpenAI-compatible protocol (desktop/protocol/compatible.py): URL and body rules, then the
seeds' compatible stream and every error style through a real httpx client against the loopback
server, compared with a reading of the recording written here as plainly as possible."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import httpx
import pytest
from httpx_sse import ServerSentEvent

from desktop.protocol.client import Timeouts, make_client
from desktop.protocol.compatible import CompatibleParser, compatible_body, compatible_url, stream_compatible
from desktop.protocol.errors import ErrorKind
from desktop.protocol.events import (
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
from desktop.protocol.request import GenerationOptions
from desktop.protocol.secret import ApiKey
from tests.support.fixtures import ServerHandle, start_server
from tests.wire import raw

KEY = "sk-compat0123456789abcdef"
CHUNK_ID = "chatcmpl-2f96ef0b-5924-4dfc-b768-4d53ec538b4e"
QUESTION = [{"role": "user", "content": "What is 123 to the power of 21?"}]


@pytest.fixture(scope="module")
def server() -> Iterator[ServerHandle]:
    """A server of this module's own, not the session's: other tests read the session server's
    request log and expect every body there to be a native one (with `input`)."""
    with start_server() as handle:
        yield handle


# --------------------------------------------------------------------------- the reference

def chunks(data: bytes | None = None) -> list[dict]:
    """The JSON of every `data: ` line of the recording, `[DONE]` left out."""
    text = (data if data is not None else raw("compatible_power_21")).decode("utf-8")
    return [json.loads(line[len("data: "):]) for line in text.split("\n")
            if line.startswith("data: ") and line != "data: [DONE]"]


def joined(field: str, datas: list[dict]) -> str:
    return "".join(c["choices"][0]["delta"][field] or "" for c in datas if c["choices"])


REFERENCE_THINKING = joined("reasoning_content", chunks())
REFERENCE_ANSWER = joined("content", chunks())


def test_recording_is_the_seeds_stream_with_usage_and_done() -> None:
    data = raw("compatible_power_21")
    assert data.endswith(b"\n\ndata: [DONE]\n\n") and b"\r" not in data
    assert all(block.startswith(b"data: ") for block in data.split(b"\n\n") if block)
    datas = chunks()
    assert {c["id"] for c in datas} == {CHUNK_ID}
    assert REFERENCE_ANSWER.endswith("a very large number, with a total of 43 digits.")
    assert str(123**21) in REFERENCE_ANSWER and str(123**21) in REFERENCE_THINKING
    assert datas[-1]["choices"] == [] and datas[-1]["usage"] == {
        "prompt_tokens": 719, "completion_tokens": 245, "total_tokens": 964,
        "completion_tokens_details": {"reasoning_tokens": 153}}
    assert all(c["usage"] is None for c in datas[:-1])
    assert [c["choices"][0]["finish_reason"] for c in datas[:-1]].count("stop") == 1


# --------------------------------------------------------------------------- URL and body

@pytest.mark.parametrize(("base", "url"), [
    ("https://dashscope.aliyuncs.com", "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"),
    ("https://dashscope.aliyuncs.com/", "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"),
    ("https://dashscope.aliyuncs.com/compatible-mode/v1",
     "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"),
    ("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/",
     "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions"),
    ("http://gpu-box:8000/v1", "http://gpu-box:8000/v1/chat/completions"),  # vLLM
    ("http://localhost:11434/v1", "http://localhost:11434/v1/chat/completions"),  # Ollama
    ("  https://gw.example/proxy  ", "https://gw.example/proxy/compatible-mode/v1/chat/completions"),
    ("https://gw.example/proxy?code=a/v1", "https://gw.example/proxy/compatible-mode/v1/chat/completions?code=a/v1"),
    ("http://host:8000/v1?key=1#frag", "http://host:8000/v1/chat/completions?key=1"),
    ("http://v1", "http://v1/compatible-mode/v1/chat/completions"),  # a host called v1 is not a path
])
def test_url_rules(base: str, url: str) -> None:
    assert compatible_url(base) == url


def test_body_has_the_extra_fields_at_the_top_level() -> None:
    assert compatible_body(QUESTION, GenerationOptions()) == {
        "model": "qwen3-max-preview",
        "messages": QUESTION,
        "stream": True,
        "stream_options": {"include_usage": True},
        "enable_thinking": True,
        "enable_code_interpreter": True,
    }


def test_body_carries_the_options_that_are_set_and_only_those() -> None:
    options = GenerationOptions(model="qwen-plus", thinking_budget=512, temperature=0.0, top_p=0.8,
                                max_tokens=100, seed=7, enable_search=False)
    body = compatible_body(QUESTION, options)
    assert body["model"] == "qwen-plus"
    assert {k: body[k] for k in ("thinking_budget", "temperature", "top_p", "max_tokens", "seed",
                                 "enable_search")} == {"thinking_budget": 512, "temperature": 0.0, "top_p": 0.8,
                                                       "max_tokens": 100, "seed": 7, "enable_search": False}
    assert "temperature" not in compatible_body(QUESTION, GenerationOptions(top_p=0.5))


# --------------------------------------------------------------------------- through the server

def collect(base: str, key: str = KEY, transport: httpx.AsyncBaseTransport | None = None) -> list[Event]:
    async def go() -> list[Event]:
        async with make_client(Timeouts(connect=5, idle=20), transport) as client:
            return [e async for e in stream_compatible(client, base, ApiKey(key), QUESTION, GenerationOptions())]

    return asyncio.run(go())


def text_of(kind: type[ThinkingDelta] | type[AnswerDelta], events: list[Event]) -> str:
    return "".join(e.text for e in events if isinstance(e, kind))


def terminal(events: list[Event]) -> Finished | Failed:
    ends = [e for e in events if isinstance(e, Finished | Failed)]
    assert len(ends) == 1 and ends[0] is events[-1]
    return ends[0]


def assert_reference_turn(events: list[Event]) -> None:
    assert events[0] == RequestStarted(CHUNK_ID)
    assert text_of(ThinkingDelta, events) == REFERENCE_THINKING
    assert text_of(AnswerDelta, events) == REFERENCE_ANSWER
    assert not any(isinstance(e, CodeCall) for e in events)
    assert all(e.text for e in events if isinstance(e, ThinkingDelta | AnswerDelta))  # no empty deltas
    kinds = [type(e) for e in events]
    # the phases in order: all thinking, then all answer, then usage, then the end
    assert kinds.index(AnswerDelta) > max(i for i, k in enumerate(kinds) if k is ThinkingDelta)
    assert [e for e in events if isinstance(e, UsageUpdate)] == [
        UsageUpdate(Usage(input_tokens=719, output_tokens=245, reasoning_tokens=153, total_tokens=964,
                          code_interpreter_calls=0))]
    assert kinds[-2:] == [UsageUpdate, Finished]
    assert terminal(events) == Finished("stop")


def test_recording_gives_the_reference_turn(server: ServerHandle) -> None:
    events = collect(server.base("compatible_power_21"))
    assert_reference_turn(events)
    # the phases in order, adjacent deltas of a network read merged (issue #15): however many
    # reads the 86 frames took, thinking deltas, then answer deltas, never an empty one
    kinds = [kind for i, kind in enumerate(map(type, events)) if i == 0 or kind is not type(events[i - 1])]
    assert kinds == [RequestStarted, ThinkingDelta, AnswerDelta, UsageUpdate, Finished]


@pytest.mark.parametrize("scenario", ["compatible_power_21,field=reasoning", "compatible_power_21,split=7",
                                      "compatible_power_21,field=reasoning,split=7,delay=0.001"])
def test_variants_give_the_same_turn(server: ServerHandle, scenario: str) -> None:
    def seen(events: list[Event]) -> tuple[str, str, list[Event]]:  # deltas are merged per network read
        return (text_of(ThinkingDelta, events), text_of(AnswerDelta, events),
                [e for e in events if not isinstance(e, ThinkingDelta | AnswerDelta)])

    assert seen(collect(server.base(scenario))) == seen(collect(server.base("compatible_power_21")))


def test_a_v1_base_is_served_the_same(server: ServerHandle) -> None:
    assert_reference_turn(collect(server.base("compatible_power_21") + "/v1"))


def test_the_request_carries_the_extra_fields_at_the_top_level(server: ServerHandle) -> None:
    scenario = "compatible_power_21,delay=0"  # a prefix no other test uses, to find the request
    terminal(collect(server.base(scenario)))
    [sent] = [r for r in server.requests() if r["path"].startswith(f"/s/{scenario}/")]
    assert sent["method"] == "POST"
    assert sent["path"] == f"/s/{scenario}/compatible-mode/v1/chat/completions"
    assert sent["headers"]["authorization"] == f"Bearer {KEY}"
    assert sent["headers"]["accept"] == "text/event-stream"
    body = sent["body"]
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["enable_thinking"] is True and body["enable_code_interpreter"] is True
    assert body["messages"] == QUESTION and body["model"] == "qwen3-max-preview"
    assert "parameters" not in body and "input" not in body and "extra_body" not in body


@pytest.mark.parametrize("path", ["/compatible-mode/v1/chat/completions", "/v1/chat/completions",
                                  "/chat/completions"])
def test_server_validates_compatible_requests(server: ServerHandle, path: str) -> None:
    good = compatible_body(QUESTION, GenerationOptions())
    with httpx.Client(trust_env=False, timeout=10) as client:
        with client.stream("POST", server.root + "/s/compatible_power_21" + path, json=good) as r:
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
            assert r.read() == raw("compatible_power_21")
        for bad in ({**good, "stream": False}, {k: v for k, v in good.items() if k != "model"},
                    {**good, "messages": []}, {**good, "enable_thinking": False}):
            r = client.post(server.root + "/s/compatible_power_21" + path, json=bad)
            assert r.status_code == 400
            assert r.json()["error"]["code"] == "invalid_parameter_error"


# --------------------------------------------------------------------------- failures

@pytest.mark.parametrize(("scenario", "code", "status", "message"), [
    ("compatible_error,status=429,code=limit_requests", "limit_requests", 429,
     "You exceeded your current requests list."),
    ("compatible_error,code=invalid_api_key", "invalid_api_key", 401, "Incorrect API key provided."),
    ("compatible_error,status=500", "internal_error", 500,
     "An internal error has occured, please try again later."),
])
def test_http_error_in_the_openai_envelope(server: ServerHandle, scenario: str, code: str, status: int,
                                           message: str) -> None:
    events = collect(server.base(f"{scenario},request_id=req-42"))
    assert len(events) == 1
    error = terminal(events).error
    assert (error.code, error.http_status, error.message, error.request_id, error.kind) == (
        code, status, message, "req-42", ErrorKind.SERVICE)


def test_error_frame_in_a_200_stream_ends_the_turn_with_its_code(server: ServerHandle) -> None:
    events = collect(server.base("compatible_error_frame,n=10"))
    error = terminal(events).error
    assert (error.code, error.http_status, error.message) == (
        "limit_requests", 429, "You exceeded your current requests list.")
    assert events[0] == RequestStarted(CHUNK_ID)
    assert text_of(ThinkingDelta, events) == joined("reasoning_content", chunks()[:10])


def test_vllm_style_error_frame_with_a_numeric_code(server: ServerHandle) -> None:
    events = collect(server.base("compatible_error_frame,n=3,code=400,message=too%20long"))
    error = terminal(events).error
    assert (error.code, error.http_status, error.message) == ("BadRequestError", 400, "too long")


def test_dashscope_error_frame_leaking_into_compatible_mode(server: ServerHandle) -> None:
    events = collect(server.base("compatible_dashscope_error_frame,n=5,request_id=ds-1"))
    error = terminal(events).error
    assert (error.code, error.http_status, error.request_id, error.kind) == (
        "Throttling.AllocationQuota", 429, "ds-1", ErrorKind.SERVICE)
    assert error.message == "Allocated quota exceeded, please increase your quota limit."
    assert text_of(ThinkingDelta, events) == joined("reasoning_content", chunks()[:5])


def test_dropped_connection(server: ServerHandle) -> None:
    events = collect(server.base("drop_after,source=compatible_power_21,n=30"))
    error = terminal(events).error
    assert (error.code, error.http_status, error.kind) == ("ConnectionDropped", 200, ErrorKind.NETWORK)
    assert error.request_id == CHUNK_ID
    assert text_of(ThinkingDelta, events) == joined("reasoning_content", chunks()[:30])


def test_non_stream_200_is_reported_as_the_native_client_does(server: ServerHandle) -> None:
    error = terminal(collect(server.base("json_200,code=InvalidParameter"))).error
    assert (error.code, error.http_status) == ("InvalidParameter", 200)
    error = terminal(collect(server.base("html_502"))).error
    assert (error.code, error.http_status) == ("HTTP502", 502)
    assert "502 Bad Gateway" in error.message


def test_a_key_echoed_back_is_scrubbed(server: ServerHandle) -> None:
    error = terminal(collect(server.base("echo_key"))).error
    assert error.http_status == 401 and KEY not in str(error) and "[redacted]" in error.message


def mock(body: bytes, content_type: str = "text/event-stream") -> httpx.MockTransport:
    return httpx.MockTransport(lambda r: httpx.Response(200, content=body, headers={"content-type": content_type}))


def test_stream_without_done_finishes_if_a_finish_reason_came() -> None:
    body = raw("compatible_power_21").split(b"data: [DONE]")[0]
    assert_reference_turn(collect("https://gw.example", transport=mock(body)))


@pytest.mark.parametrize(("frames", "message"), [
    (0, "The server answered HTTP 200 and opened an event stream, but no data frame arrived (at most "
        "comment lines or keep-alives) before it closed the connection."),
    (12, "The stream ended after 12 frames without a finish reason or [DONE]: the connection closed "
         "before the reply finished."),
])
def test_stream_with_neither_done_nor_finish_reason_is_incomplete(frames: int, message: str) -> None:
    body = b"".join(block + b"\n\n" for block in raw("compatible_power_21").split(b"\n\n")[:frames])
    error = terminal(collect("https://gw.example", transport=mock(body))).error
    assert (error.code, error.http_status, error.message) == ("IncompleteStream", 200, message)


def test_malformed_chunk_is_named() -> None:
    error = terminal(collect("https://gw.example", transport=mock(b'data: {"choices":[{"delta":\n\n'))).error
    assert (error.code, error.kind) == ("MalformedFrame", ErrorKind.PROTOCOL)


def test_unsendable_key_is_refused_before_sending() -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200))
    error = terminal(collect("https://gw.example", key="sk-\u201cquoted", transport=transport)).error
    assert sent == [] and error.code == "InvalidApiKeyFormat"


# --------------------------------------------------------------------------- the parser alone

def feed(parser: CompatibleParser, data: str, event: str = "") -> list[Event]:
    return parser.feed(ServerSentEvent(event=event, data=data))


def chunk(delta: dict, finish: str | None = None) -> str:
    return json.dumps({"id": "c1", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})


def test_a_server_sending_both_reasoning_fields_is_read_once() -> None:
    parser = CompatibleParser()
    events = feed(parser, chunk({"reasoning_content": "Hm.", "reasoning": "Hm."}))
    assert events == [RequestStarted("c1"), ThinkingDelta("Hm.")]


def test_keep_alives_and_empty_deltas_give_nothing() -> None:
    parser = CompatibleParser()
    assert feed(parser, "", "ping") == []
    assert feed(parser, chunk({"content": None, "reasoning_content": ""})) == [RequestStarted("c1")]
    assert feed(parser, chunk({"content": ""}, finish="length")) == []
    assert feed(parser, "[DONE]") == [Finished("length")]
    assert feed(parser, chunk({"content": "late"})) == []


@pytest.mark.parametrize(("data", "event", "expected"), [
    ('{"error":{"message":"m","type":"api_error","param":null,"code":null}}', "", ("api_error", None, "m")),
    ('{"error":"model not loaded"}', "", ("UnknownError", None, "model not loaded")),
    ('{"object":"error","message":"m","type":"BadRequestError","code":400}', "", ("BadRequestError", 400, "m")),
    ('{"error":{"message":"m","type":"t","code":"429"}}', "", ("t", 429, "m")),
    ('{"code":"InvalidApiKey","message":"m","request_id":"r"}', "error", ("InvalidApiKey", 401, "m")),
    ('{"code":"Weird","message":"m"}', "error", ("Weird", None, "m")),
])
def test_error_shapes(data: str, event: str, expected: tuple) -> None:
    [failed] = feed(CompatibleParser(), data, event)
    assert isinstance(failed, Failed)
    assert (failed.error.code, failed.error.http_status, failed.error.message) == expected

