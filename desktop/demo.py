"""The demo: recorded code-interpreter replies, built from the seeds' wire samples, replayed
through a real httpx transport so they pass the same decoder, model and views as a live reply.
No key, no network."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from importlib import resources

import httpx

DEMO_BASE_URL = "https://demo.dashchat.invalid"
RECORDINGS = ("power_21", "two_calls_ja")
QUESTIONS = {
    "power_21": "What is 123 to the power of 21?",
    "two_calls_ja": "コードインタープリターを 2 回実行します: 最初に 123 の 23 乗の値を計算し、次にその結果を 5 で割ります",
}

# A realistic pace: tokens every few tens of milliseconds, and a pause while the sandbox runs.
FRAME_DELAY = 0.045
INTERPRETER_PAUSE = 1.2


def recording(name: str) -> bytes:
    return resources.files("desktop.recordings").joinpath(f"{name}.sse").read_bytes()


def split_frames(raw: bytes) -> list[bytes]:
    return [frame + b"\n\n" for frame in raw.split(b"\n\n") if frame.strip()]


class _Paced(httpx.AsyncByteStream):
    def __init__(self, frames: list[bytes], delay: float, pause: float) -> None:
        self._frames = frames
        self._delay = delay
        self._pause = pause

    async def __aiter__(self) -> AsyncIterator[bytes]:
        calls = 0
        for frame in self._frames:
            # A frame listing one more call with its code filled in: the interpreter just ran.
            seen = frame.count(b'"type":"code_interpreter"') - frame.count(b'"code":""')
            if seen > calls:
                calls = seen
                await asyncio.sleep(self._pause)
            await asyncio.sleep(self._delay)
            yield frame


def recording_for(answered: int) -> str:
    """The recordings take turns: the first question gets the first, a follow-up the next."""
    return RECORDINGS[answered % len(RECORDINGS)]


class DemoTransport(httpx.AsyncBaseTransport):
    def __init__(self, delay: float = FRAME_DELAY, pause: float = INTERPRETER_PAUSE) -> None:
        self._delay = delay
        self._pause = pause

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(await request.aread())
        answered = sum(1 for m in body["input"]["messages"] if m.get("role") == "assistant")
        name = recording_for(answered)
        return httpx.Response(
            200,
            headers={"content-type": "text/event-stream;charset=UTF-8"},
            stream=_Paced(split_frames(recording(name)), self._delay, self._pause),
            request=request,
        )

    @staticmethod
    def question_for(answered: int) -> str:
        return QUESTIONS[recording_for(answered)]
