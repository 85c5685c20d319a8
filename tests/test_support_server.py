"""The loopback test server itself: if these fail, every protocol test built on it is suspect."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import bigstream
from tests.support.fixtures import GENERATION_PATH, ServerHandle, start_server

RECORDINGS = Path(__file__).resolve().parents[1] / "desktop" / "recordings"
HEADERS = {"Authorization": "Bearer sk-anything", "X-DashScope-SSE": "enable",
           "Accept": "text/event-stream"}


def valid_body(**parameters: Any) -> dict[str, Any]:
    params = {"enable_code_interpreter": True, "enable_thinking": True,
              "result_format": "message", "incremental_output": True, **parameters}
    return {"model": "qwen3-max-preview",
            "input": {"messages": [{"role": "user", "content": "123 の 21 乗はいくつですか?"}]},
            "parameters": params}


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    # trust_env=False: a proxy from the environment must not intercept loopback requests.
    with httpx.Client(trust_env=False, timeout=10) as c:
        yield c


def recorded(name: str) -> bytes:
    return (RECORDINGS / f"{name}.sse").read_bytes()


def frames_of(data: bytes) -> list[bytes]:
    return [f + b"\n\n" for f in data.split(b"\n\n") if f]


def raw_exchange(port: int, path: str, body: dict[str, Any]) -> tuple[bytes, bytes]:
    """One request on a bare socket; returns (head, body as sent, still chunk-encoded)."""
    payload = json.dumps(body).encode()
    request = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               f"X-DashScope-SSE: enable\r\nConnection: close\r\n"
               f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        received = bytearray()
        while chunk := sock.recv(65536):
            received += chunk
    head, _, rest = bytes(received).partition(b"\r\n\r\n")
    return head, rest


def dechunk(data: bytes) -> tuple[list[bytes], bool]:
    """HTTP chunks of a body, and whether the terminating zero-length chunk arrived."""
    chunks: list[bytes] = []
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            return chunks, True
        chunks.append(data[:size])
        assert data[size:size + 2] == b"\r\n"
        data = data[size + 2:]
    return chunks, False


@pytest.mark.parametrize("name", ["power_21", "two_calls_ja"])
def test_replay_is_byte_identical(server: ServerHandle, client: httpx.Client, name: str) -> None:
    with client.stream("POST", server.url(name), json=valid_body(), headers=HEADERS) as r:
        assert r.status_code == 200
        assert r.headers["content-type"] == "text/event-stream;charset=UTF-8"
        assert r.headers["transfer-encoding"] == "chunked"
        data = b"".join(r.iter_raw())
    assert data == recorded(name)


def test_default_scenario_without_prefix(server: ServerHandle, client: httpx.Client) -> None:
    r = client.post(server.root + GENERATION_PATH, json=valid_body(), headers=HEADERS)
    assert r.content == recorded("power_21")


def test_each_frame_is_its_own_chunk(server: ServerHandle) -> None:
    head, body = raw_exchange(server.port, server.url("power_21")[len(server.root):],
                              valid_body())
    assert head.startswith(b"HTTP/1.1 200")
    chunks, complete = dechunk(body)
    assert complete
    assert chunks == frames_of(recorded("power_21"))


def test_split_delivers_identical_bytes_in_small_chunks(server: ServerHandle,
                                                        client: httpx.Client) -> None:
    path = server.url("two_calls_ja,split=7")[len(server.root):]
    chunks, complete = dechunk(raw_exchange(server.port, path, valid_body())[1])
    assert complete and max(map(len, chunks)) == 7
    assert b"".join(chunks) == recorded("two_calls_ja")
    with pytest.raises(UnicodeDecodeError):  # the split really cuts through UTF-8 sequences
        for chunk in chunks:
            chunk.decode("utf-8")
    r = client.post(server.url("power_21,split=7"), json=valid_body(), headers=HEADERS)
    assert r.content == recorded("power_21")


def test_queued_bytes_are_replayed_verbatim_write_by_write(server: ServerHandle) -> None:
    data = "id:1\r\ndata:{\"t\":\"世界 😀\"}\r\n\r\n".encode()
    writes = [3, 12, 1, 1, 2]  # through the UTF-8 of 世 and 😀, and between CR and LF
    server.clear_next()
    server.queue_next(data, writes)
    server.queue_next(b"second", [6])
    path = server.url("power_21")[len(server.root):]
    head, body = raw_exchange(server.port, path, valid_body())
    assert head.startswith(b"HTTP/1.1 200") and b"Content-Type: text/event-stream;charset=UTF-8" in head
    chunks, complete = dechunk(body)
    assert complete
    assert [len(c) for c in chunks] == [*writes, len(data) - sum(writes)] and b"".join(chunks) == data
    assert dechunk(raw_exchange(server.port, path, valid_body())[1]) == ([b"second"], True)  # first in, first out
    assert dechunk(raw_exchange(server.port, path, valid_body())[1])[0] == frames_of(recorded("power_21"))


def test_queued_bytes_reach_httpx_as_separate_reads(server: ServerHandle, client: httpx.Client) -> None:
    # What the differential test relies on: each write is a chunk, and each chunk a read.
    data = "data: é😀\r\n\r\n".encode()
    server.queue_next(data, [1] * (len(data) - 1))
    body = {"model": "m", "messages": [{"role": "user", "content": "x"}], "stream": True}
    with client.stream("POST", server.root + "/compatible-mode/v1/chat/completions", json=body,
                       headers={"Authorization": "Bearer sk-x"}) as r:
        assert r.status_code == 200
        assert list(r.iter_raw()) == [bytes([b]) for b in data]


def test_next_is_taken_only_by_an_accepted_streaming_request(server: ServerHandle,
                                                             client: httpx.Client) -> None:
    server.clear_next()
    server.queue_next(b"data: x\n\n")
    def count() -> Any:
        return client.get(server.root + "/_next").json()

    assert count() == {"queued": 1}
    r = client.post(server.url("power_21"), json=valid_body(incremental_output=False), headers=HEADERS)
    assert r.status_code == 400 and count() == {"queued": 1}  # a refused request takes nothing
    plain = {"model": "m", "input": {"messages": [{"role": "user", "content": "x"}]},
             "parameters": {"result_format": "message"}}
    r = client.post(server.url("power_21"), json=plain, headers={"Authorization": "Bearer x"})
    assert r.json()["output"]["choices"][0]["message"]["content"] == "OK" and count() == {"queued": 1}
    assert client.delete(server.root + "/_next").json() == {"cleared": 1} and count() == {"queued": 0}


@pytest.mark.parametrize("query", ["writes=0", "writes=x", "writes=5", "pause=-1", "pause=x"])
def test_bad_replay_plans_are_refused(server: ServerHandle, client: httpx.Client, query: str) -> None:
    server.clear_next()
    r = client.put(f"{server.root}/_next?{query}", content=b"abcd")
    assert r.status_code == 400 and r.json()["code"] == "TestServer.BadOption"
    assert client.get(server.root + "/_next").json() == {"queued": 0}


def test_wrong_api_key_gets_401() -> None:
    with start_server(api_key="sk-right") as keyed, httpx.Client(trust_env=False) as c:
        for auth in ({"Authorization": "Bearer sk-wrong"}, {}):
            r = c.post(keyed.url("power_21"), json=valid_body(),
                       headers={"X-DashScope-SSE": "enable", **auth})
            assert r.status_code == 401
            assert r.headers["content-type"] == "application/json"
            body = r.json()
            assert body["code"] == "InvalidApiKey"
            assert body["message"] == "Invalid API-key provided."
            assert len(body["request_id"]) == 36
        r = c.post(keyed.url("power_21"), json=valid_body(),
                   headers={**HEADERS, "Authorization": "Bearer sk-right"})
        assert r.status_code == 200 and r.content == recorded("power_21")


def _without(body: dict[str, Any], *path: str) -> dict[str, Any]:
    target = body
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return body


@pytest.mark.parametrize(("body", "headers", "needle"), [
    (valid_body(), {"Authorization": "Bearer x"}, "X-DashScope-SSE"),
    ("not json", HEADERS, "JSON object"),
    (_without(valid_body(), "model"), HEADERS, "model"),
    ({**valid_body(), "input": {"messages": []}}, HEADERS, "input.messages"),
    (_without(valid_body(), "parameters", "enable_code_interpreter"), HEADERS,
     "enable_code_interpreter"),
    (valid_body(enable_thinking=False), HEADERS, "enable_thinking"),
    (valid_body(result_format="text"), HEADERS, "result_format"),
    (valid_body(incremental_output=False), HEADERS, "incremental_output"),
    (valid_body(tools=[{"type": "function"}]), HEADERS, "tools"),
])
def test_invalid_requests_get_400(server: ServerHandle, client: httpx.Client, body: Any,
                                  headers: dict[str, str], needle: str) -> None:
    content = body if isinstance(body, str) else json.dumps(body)
    r = client.post(server.url("power_21"), content=content, headers=headers)
    assert r.status_code == 400
    assert r.json()["code"] == "InvalidParameter"
    assert needle in r.json()["message"]


def test_requests_are_recorded_and_cleared(server: ServerHandle, client: httpx.Client) -> None:
    server.clear()
    client.post(server.url("power_21,delay=0"), json=valid_body(seed=7), headers=HEADERS)
    [entry] = server.requests()
    assert entry["method"] == "POST"
    assert entry["path"] == "/s/power_21,delay=0" + GENERATION_PATH
    assert entry["headers"]["authorization"] == "Bearer sk-anything"
    assert entry["headers"]["x-dashscope-sse"] == "enable"
    assert entry["body"] == valid_body(seed=7)
    server.clear()
    assert server.requests() == []


def test_drop_after_ends_with_incomplete_chunked_body(server: ServerHandle,
                                                      client: httpx.Client) -> None:
    received = bytearray()
    with pytest.raises(httpx.RemoteProtocolError):
        with client.stream("POST", server.url("drop_after,n=46"), json=valid_body(),
                           headers=HEADERS) as r:
            for piece in r.iter_raw():
                received += piece
    assert bytes(received) == b"".join(frames_of(recorded("power_21"))[:46])


def test_error_frame_after_some_frames(server: ServerHandle, client: httpx.Client) -> None:
    r = client.post(server.url("error_after,n=30,status=429,code=Throttling.AllocationQuota"),
                    json=valid_body(), headers=HEADERS)
    frames = frames_of(r.content)
    assert r.status_code == 200 and len(frames) == 31
    assert frames[:30] == frames_of(recorded("power_21"))[:30]
    head, _, data = frames[30].partition(b"\ndata:")
    assert head == b"id:31\nevent:error\n:HTTP_STATUS/429"
    assert json.loads(data)["code"] == "Throttling.AllocationQuota"


@pytest.mark.parametrize(("scenario", "status", "content_type", "starts"), [
    ("http_error,status=429,code=Throttling.RateQuota", 429, "application/json", b'{"code":'),
    ("http_error,code=InvalidApiKey", 401, "application/json", b'{"code":"InvalidApiKey"'),
    ("error_frame_first", 200, "text/event-stream;charset=UTF-8", b"id:1\nevent:error\n"),
    ("sse_as_json,status=400", 400, "application/json", b"id:1\nevent:error\n:HTTP_STATUS/400"),
    ("html_502", 502, "text/html", b"<html>"),
])
def test_error_shapes(server: ServerHandle, client: httpx.Client, scenario: str, status: int,
                      content_type: str, starts: bytes) -> None:
    r = client.post(server.url(scenario), json=valid_body(), headers=HEADERS)
    assert (r.status_code, r.headers["content-type"]) == (status, content_type)
    assert r.content.startswith(starts)


def test_malformed_inserts_one_truncated_frame(server: ServerHandle,
                                               client: httpx.Client) -> None:
    r = client.post(server.url("malformed,n=5"), json=valid_body(), headers=HEADERS)
    good = frames_of(recorded("power_21"))
    frames = frames_of(r.content)
    assert frames[:5] == good[:5] and frames[6:] == good[5:]
    with pytest.raises(json.JSONDecodeError):
        json.loads(frames[5].partition(b"\ndata:")[2])


def test_hold_and_silent_stall_the_stream(server: ServerHandle, client: httpx.Client) -> None:
    started = time.monotonic()
    r = client.post(server.url("power_21,hold=0.3"), json=valid_body(), headers=HEADERS)
    assert time.monotonic() - started >= 0.3 and r.content == recorded("power_21")
    received = bytearray()
    with pytest.raises(httpx.ReadTimeout):
        with client.stream("POST", server.url("silent,after=3"), json=valid_body(),
                           headers=HEADERS, timeout=httpx.Timeout(5, read=0.5)) as r:
            for piece in r.iter_raw():
                received += piece
    assert bytes(received) == b"".join(frames_of(recorded("power_21"))[:3])


def test_big_stream_carries_the_generated_answer(server: ServerHandle,
                                                 client: httpx.Client) -> None:
    r = client.post(server.url("big,chars=5000,frame=7"), json=valid_body(), headers=HEADERS)
    frames = [json.loads(f.partition(b"\ndata:")[2]) for f in frames_of(r.content)]
    answer = "".join(f["output"]["choices"][0]["message"]["content"] for f in frames)
    assert answer == bigstream.answer_text(5000)
    assert frames[-1]["output"]["choices"][0]["finish_reason"] == "stop"
    assert frames[-1]["usage"]["plugins"] == {"code_interpreter": {"count": 1}}


def test_unknown_scenario_and_option_are_reported(server: ServerHandle,
                                                  client: httpx.Client) -> None:
    r = client.post(server.url("nope"), json=valid_body(), headers=HEADERS)
    assert r.status_code == 404 and "power_21" in r.json()["message"]
    r = client.post(server.url("power_21,dealy=1"), json=valid_body(), headers=HEADERS)
    assert r.status_code == 400 and "dealy" in r.json()["message"]


def test_health_and_clean_exit_on_sigterm() -> None:
    with start_server() as own:
        assert httpx.get(own.root + "/_health", trust_env=False).text == "ok"
        process = own.process
    assert process.returncode == 0
