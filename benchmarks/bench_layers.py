"""Where `ask`'s time per frame goes, without the network: the floor client's code and dashchat's
pipeline fed the same bytes in memory, one SSE frame per HTTP chunk and in ~64 KiB chunks.

    python benchmarks/bench_layers.py [--chars 200000] [--runs 5]

Diagnostics for bench_stream.py (not a test, no targets): the stream is the `big` scenario's
(tests/support/bigstream.py, 6 answer characters per frame). Both clients get their bytes from an
httpx.MockTransport, so httpx's own per-chunk layers are included and the socket, httpcore and
h11 are not (the floor pays those too: bench_stream.py measures them). Rows, in microseconds per
frame (best of --runs):

    floor            httpx.Client + httpx_sse.EventSource.iter_sse + one json.loads per frame
    FrameDecoder     desktop/protocol/sse.py alone, fed the chunks
    + NativeParser   and desktop/protocol/native.py (feed_all, once per chunk)
    + Turn, view     and Turn.apply + cli/ask.py's TerminalView (to a string buffer), per event
    stream_native    the real chain: httpx.AsyncClient -> stream_native (_events, guarded) -> Turn
                     -> TerminalView, on an asyncio loop, as `dashchat ask` runs it; the body
                     yields to the loop once per 64 KiB, as a socket read would, so the reader
                     task hands the decoder one batch per "read" however many chunks it holds

The per-frame rows against the 64 KiB rows show what every layer above the transport pays for
being called once per frame instead of once per read (the middle rows are fed chunk by chunk on
purpose; stream_native batches per read, issue #15).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from httpx_sse import EventSource  # noqa: E402

from desktop.cli.ask import TerminalView  # noqa: E402
from desktop.model.turn import Turn  # noqa: E402
from desktop.protocol.client import stream_native  # noqa: E402
from desktop.protocol.native import NativeParser  # noqa: E402
from desktop.protocol.request import GenerationOptions  # noqa: E402
from desktop.protocol.secret import ApiKey  # noqa: E402
from desktop.protocol.sse import FrameDecoder  # noqa: E402
from tests.support.bigstream import answer_text, frames  # noqa: E402

BATCH = 64 * 1024
URL = "http://bench.invalid"


class _Sink(io.StringIO):
    def isatty(self) -> bool:
        return False


def chunkings(chars: int) -> dict[str, list[bytes]]:
    per_frame = [text.encode("utf-8") for text in frames(chars, 6)]
    large: list[bytes] = []
    pending = bytearray()
    for data in per_frame:
        pending += data
        if len(pending) >= BATCH:
            large.append(bytes(pending))
            pending.clear()
    if pending:
        large.append(bytes(pending))
    return {"per-frame": per_frame, "64 KiB": large}


def sse_response(chunks: list[bytes], is_async: bool) -> httpx.Response:
    headers = {"content-type": "text/event-stream"}
    if is_async:
        async def body() -> AsyncIterator[bytes]:
            # A socket read brings up to 64 KiB, whatever the HTTP chunking: the body yields to
            # the loop once per 64 KiB, so stream_native's reader batches as it does on a socket.
            received = 0
            for chunk in chunks:
                received += len(chunk)
                if received >= BATCH:
                    received = 0
                    await asyncio.sleep(0)
                yield chunk

        return httpx.Response(200, headers=headers, content=body())

    def sync_body() -> Iterator[bytes]:
        yield from chunks

    return httpx.Response(200, headers=headers, content=sync_body())


def floor(chunks: list[bytes]) -> int:
    transport = httpx.MockTransport(lambda request: sse_response(chunks, False))
    count = 0
    with httpx.Client(transport=transport) as client, client.stream("POST", URL, json={}) as response:
        for sse in EventSource(response).iter_sse():
            data = json.loads(sse.data)
            count += len(data["output"]["choices"][0]["message"].get("content") or "")
    return count


def decoder_only(chunks: list[bytes]) -> int:
    decoder = FrameDecoder()
    return sum(len(decoder.feed(chunk)) for chunk in chunks)


def decoder_parser(chunks: list[bytes]) -> int:
    decoder, parser = FrameDecoder(), NativeParser()
    return sum(len(parser.feed_all(decoder.feed(chunk))) for chunk in chunks)


def decoder_parser_turn(chunks: list[bytes]) -> int:
    decoder, parser = FrameDecoder(), NativeParser()
    turn, view = Turn("q"), TerminalView(_Sink())
    for chunk in chunks:
        for event in parser.feed_all(decoder.feed(chunk)):
            turn.apply(event)
            view.turn_event(turn, event)
    return turn.answer_length


def real_chain(chunks: list[bytes]) -> int:
    async def run() -> int:
        transport = httpx.MockTransport(lambda request: sse_response(chunks, True))
        turn, view = Turn("q"), TerminalView(_Sink())
        async with httpx.AsyncClient(transport=transport) as client:
            async for event in stream_native(client, URL, ApiKey("sk-bench"), [], GenerationOptions()):
                turn.apply(event)
                view.turn_event(turn, event)
        return turn.answer_length

    return asyncio.run(run())


def best(fn: Callable[[list[bytes]], int], chunks: list[bytes], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(chunks)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    streams = chunkings(args.chars)
    count = len(streams["per-frame"])
    expected = len(answer_text(args.chars))
    if floor(streams["64 KiB"]) != expected or real_chain(streams["per-frame"]) != expected:
        raise SystemExit("a client did not assemble the whole answer")
    rows = (("floor", floor), ("FrameDecoder", decoder_only), ("+ NativeParser", decoder_parser),
            ("+ Turn, view", decoder_parser_turn), ("stream_native", real_chain))
    print(f"{args.chars:,} answer characters, {count:,} frames; microseconds per frame, best of {args.runs}")
    print(f"   {'':<16}" + "".join(f"{name + f' ({len(c):,} chunks)':>26}" for name, c in streams.items()))
    floors = {name: best(floor, chunks, args.runs) / count * 1e6 for name, chunks in streams.items()}
    for label, fn in rows:
        cells = []
        for name, chunks in streams.items():
            took = floors[name] if fn is floor else best(fn, chunks, args.runs) / count * 1e6
            cells.append(f"{took:8.2f} us ({took / floors[name]:4.2f}x floor)")
        print(f"   {label:<16}" + "".join(f"{cell:>26}" for cell in cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
