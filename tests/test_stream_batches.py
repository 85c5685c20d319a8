"""The native stream read in batches (issue #15): whatever the HTTP chunking, the text comes out
exact and in order, each network read gives one batch of events, a read error comes after the
text before it, stopping the stream closes the response, and `dashchat ask` on a terminal shows
text while the reply still streams."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from desktop.model.turn import Turn, TurnStatus
from desktop.protocol.client import Timeouts, make_client, stream_native
from desktop.protocol.compatible import stream_compatible
from desktop.protocol.errors import ErrorKind
from desktop.protocol.events import AnswerDelta, CodeCall, Event, Failed, ThinkingDelta
from desktop.protocol.request import GenerationOptions
from desktop.protocol.secret import ApiKey
from tests.support.bigstream import answer_text
from tests.support.fixtures import ServerHandle
from tests.wire import raw, reference

KEY = "sk-batchtest0123456789abcdef"
REPO = Path(__file__).resolve().parents[1]


class Body(httpx.AsyncByteStream):
    """A response body given chunk by chunk; after every `per_read` chunks it yields to the event
    loop, as a socket does between network reads. `fail_after`: chunks before a read error."""

    def __init__(self, chunks: list[bytes], per_read: int, fail_after: int | None = None) -> None:
        self.chunks, self.per_read, self.fail_after = chunks, per_read, fail_after
        self.closed = False
        self.reads = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for i, chunk in enumerate(self.chunks):
            if i % self.per_read == 0:
                self.reads += 1
                await asyncio.sleep(0)
            if i == self.fail_after:
                raise httpx.ReadError("connection reset by peer")
            yield chunk

    async def aclose(self) -> None:
        self.closed = True


def pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


def stream(body: Body, stop_after: int | None = None, compatible: bool = False) -> list[Event]:
    async def go() -> list[Event]:
        transport = httpx.MockTransport(
            lambda _request: httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=body))
        events: list[Event] = []
        async with make_client(Timeouts(), transport=transport) as client:
            start = stream_compatible if compatible else stream_native
            source = start(client, "https://dashscope.example", ApiKey(KEY), [], GenerationOptions())
            async for event in source:
                events.append(event)
                if stop_after is not None and len(events) == stop_after:
                    await source.aclose()
                    break
        # Nothing is left running: the reader task ended with the stream.
        assert asyncio.all_tasks() == {asyncio.current_task()}
        return events

    return asyncio.run(go())


def built(events: list[Event]) -> Turn:
    turn = Turn(user="q")
    for event in events:
        turn.apply(event)
    return turn


@pytest.mark.parametrize("size", [1, 5, 7, 64])
def test_any_chunking_split_inside_utf8_gives_the_exact_turn(size: int) -> None:
    # two_calls_ja: Japanese text (3-byte characters), so most sizes cut inside a character.
    ref = reference("two_calls_ja")
    body = Body(pieces(raw("two_calls_ja"), size), per_read=37)
    turn = built(stream(body))
    assert turn.status is TurnStatus.COMPLETE
    assert (turn.thinking, turn.answer, turn.code) == (ref.thinking, ref.answer, ref.code)
    assert turn.usage.to_dict() == ref.usage and turn.request_id == ref.request_id


def test_one_network_read_is_one_batch_whatever_the_chunk_count() -> None:
    """Every frame its own chunk, all of them in one read: one delta per phase, not one per frame."""
    ref = reference("two_calls_ja")
    data = raw("two_calls_ja")
    frames = [frame + b"\n\n" for frame in data.replace(b"\r\n", b"\n").split(b"\n\n") if frame.strip()]
    assert len(frames) > 10
    events = stream(Body(frames, per_read=len(frames)))
    kinds = [type(e).__name__ for e in events if isinstance(e, ThinkingDelta | AnswerDelta | CodeCall)]
    # Thinking, then code #1 (its placeholder, then its text), thinking, code #2, the answer:
    # adjacent deltas of a phase merged, whatever the number of frames each phase took.
    assert all(a != b or a == "CodeCall" for a, b in zip(kinds, kinds[1:], strict=False))
    assert len(kinds) < len(frames) // 2
    turn = built(events)
    assert (turn.thinking, turn.answer, turn.code) == (ref.thinking, ref.answer, ref.code)


def test_many_reads_give_batches_in_order() -> None:
    ref = reference("power_21")
    body = Body(pieces(raw("power_21"), 3), per_read=10)
    events = stream(body)
    deltas = [e for e in events if isinstance(e, ThinkingDelta | AnswerDelta)]
    assert 1 < len(deltas) <= 2 * body.reads + 2  # at most one per phase per read
    turn = built(events)
    assert (turn.thinking, turn.answer) == (ref.thinking, ref.answer)


def test_a_read_error_comes_after_the_text_received_before_it() -> None:
    ref = reference("power_21")
    data = raw("power_21")
    chunks = pieces(data, 16)
    half = len(chunks) // 2
    events = stream(Body(chunks, per_read=4, fail_after=half))
    failed = [e for e in events if isinstance(e, Failed)]
    assert len(failed) == 1 and events[-1] is failed[0]
    assert failed[0].error.kind is ErrorKind.NETWORK
    turn = built(events[:-1])
    # What arrived is a true prefix of the reply: the frames complete in the first half.
    assert turn.thinking and ref.thinking.startswith(turn.thinking)
    assert len(turn.thinking) + len(turn.answer) < len(ref.thinking) + len(ref.answer)


def test_stopping_the_stream_closes_the_response_and_its_reader() -> None:
    body = Body(pieces(raw("power_21"), 8), per_read=2)
    events = stream(body, stop_after=2)
    assert len(events) == 2
    assert body.closed


@pytest.mark.parametrize("size", [1, 5, 64])
def test_the_compatible_stream_is_batched_the_same_way(size: int) -> None:
    data = (REPO / "desktop" / "recordings" / "compatible_power_21.sse").read_bytes()
    chunks = [json.loads(line[5:]) for line in data.decode().splitlines() if line.startswith("data:{")
              or line.startswith("data: {")]
    delta = [c["choices"][0]["delta"] for c in chunks if c["choices"]]
    thinking = "".join(d.get("reasoning_content") or "" for d in delta)
    answer = "".join(d.get("content") or "" for d in delta)
    body = Body(pieces(data, size), per_read=len(data) // size // 4 + 1)  # four reads
    events = stream(body, compatible=True)
    turn = built(events)
    assert turn.status is TurnStatus.COMPLETE
    assert (turn.thinking, turn.answer) == (thinking, answer) and thinking and answer
    deltas = [e for e in events if isinstance(e, ThinkingDelta | AnswerDelta)]
    assert len(deltas) <= 2 * body.reads + 2 < len(delta)  # at most one per phase per read


def test_ask_on_a_pipe_prints_a_frame_per_chunk_stream_whole_and_in_order(server: ServerHandle,
                                                                          profile: Path) -> None:
    chars = 30_000
    env = {**os.environ, "DASHSCOPE_API_KEY": KEY, "DASHCHAT_KEY_HOSTS": "127.0.0.1", "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONUNBUFFERED", None)
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "ask", "--profile", str(profile), "--answer-only",
         "--base-url", server.base(f"big,shape=prose,chars={chars},frame=6,chunk=frame"), "q"],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=90)
    assert done.returncode == 0, done.stderr
    assert done.stdout == answer_text(chars) + ("" if answer_text(chars).endswith("\n") else "\n")


def test_ask_on_a_terminal_shows_text_before_the_reply_ends(server: ServerHandle, profile: Path) -> None:
    """A person watching sees the thinking while the service is still busy (here: stalled after
    the third frame), not only when the turn ends."""
    env = {**os.environ, "DASHSCOPE_API_KEY": KEY, "DASHCHAT_KEY_HOSTS": "127.0.0.1", "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONUNBUFFERED", None)
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "ask", "--profile", str(profile),
         "--base-url", server.base("power_21,hold=20"), "q"],
        cwd=REPO, env=env, stdout=follower, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(follower)
    seen = b""
    try:
        deadline = time.monotonic() + 30
        while b"The user is asking" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if ready:
                seen += os.read(leader, 65536)
        assert b"The user is asking" in seen, seen
        assert process.poll() is None  # still streaming: held by the server
    finally:
        process.kill()
        process.wait()
        os.close(leader)
        assert process.stderr is not None
        process.stderr.close()


@pytest.mark.parametrize("protocol", ["native", "compatible"])
def test_one_client_serves_more_requests_than_its_pool_holds(server: ServerHandle, protocol: str) -> None:
    """The final frame comes before the HTTP body ends, so the reader is still reading when the
    stream is done: stopping it must hand the connection back. Cancelling it mid-read left each
    connection counted in httpx's pool (100 by default): the 101st request of a window waited
    for a free one and failed with PoolTimeout. 120 requests on one client, each complete."""
    from desktop.protocol.events import Finished

    stream = stream_native if protocol == "native" else stream_compatible
    base = server.base("power_21") if protocol == "native" else server.base("compatible_power_21")

    async def ask_many() -> list[str]:
        client = make_client(Timeouts(connect=5.0, idle=10.0))
        client.timeout = httpx.Timeout(5.0, pool=2.0)  # a leak fails in seconds, not 30 s
        ends = []
        try:
            for _ in range(120):
                end = "none"
                async for event in stream(client, base, ApiKey(KEY), [{"role": "user", "content": "q"}],
                                          GenerationOptions()):
                    if isinstance(event, Finished):
                        end = "finished"
                    elif isinstance(event, Failed):
                        end = event.error.code
                ends.append(end)
        finally:
            await client.aclose()
        return ends

    ends = asyncio.run(ask_many())
    assert ends == ["finished"] * 120, [e for e in ends if e != "finished"][:3]
