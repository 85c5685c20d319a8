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
    "two_calls_ja": "Run the code interpreter twice: first compute 123 to the power of 23, then divide the "
                    "result by 5.",
}
# The question in the UI's language, where the recording answers in it (the second recording
# was made in Japanese); every other language gets the English question.
LOCAL_QUESTIONS = {
    ("two_calls_ja", "ja"): "コードインタープリターを 2 回実行します: 最初に 123 の 23 乗の値を計算し、次にその結果を 5 で割ります",
}

# A realistic pace: tokens every few tens of milliseconds, and a pause while the sandbox runs.
FRAME_DELAY = 0.045
INTERPRETER_PAUSE = 1.5


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


class _PacedEvents(httpx.AsyncByteStream):
    """A recording spoken in the OpenAI-compatible protocol: its events as `chat.completion.chunk`
    frames, and, where the interpreter ran, only silence (that protocol sends nothing of it)."""

    def __init__(self, name: str, model: str, delay: float, pause: float) -> None:
        self._name = name
        self._model = model
        self._delay = delay
        self._pause = pause

    def _chunk(self, delta: dict[str, object] | None, finish: str | None = None,
               usage: dict[str, object] | None = None) -> bytes:
        choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish}]
        chunk = {"id": f"chatcmpl-demo-{self._name}", "object": "chat.completion.chunk", "model": self._model,
                 "choices": choices, "usage": usage}
        return b"data: " + json.dumps(chunk, ensure_ascii=False).encode() + b"\n\n"

    async def __aiter__(self) -> AsyncIterator[bytes]:
        from .protocol.events import AnswerDelta, CodeCall, Finished, ThinkingDelta, UsageUpdate
        from .protocol.native import NativeParser
        from .protocol.sse import FrameDecoder

        decoder = FrameDecoder()
        frames = decoder.feed(recording(self._name)) + decoder.flush()
        parser = NativeParser()
        calls: set[int] = set()
        usage: dict[str, object] | None = None
        for frame in frames:
            for event in parser.feed(frame):
                if isinstance(event, ThinkingDelta | AnswerDelta):
                    field = "reasoning_content" if isinstance(event, ThinkingDelta) else "content"
                    await asyncio.sleep(self._delay)
                    yield self._chunk({field: event.text})
                elif isinstance(event, CodeCall) and event.code and event.index not in calls:
                    calls.add(event.index)
                    await asyncio.sleep(self._pause)  # the sandbox runs; the stream is silent
                elif isinstance(event, UsageUpdate):
                    u = event.usage
                    usage = {"prompt_tokens": u.input_tokens, "completion_tokens": u.output_tokens,
                             "total_tokens": u.total_tokens,
                             "completion_tokens_details": {"reasoning_tokens": u.reasoning_tokens}}
                elif isinstance(event, Finished):
                    yield self._chunk({"content": ""}, event.reason)
        yield self._chunk(None, usage=usage)
        yield b"data: [DONE]\n\n"


def recording_for(answered: int) -> str:
    """The recordings take turns: the first question gets the first, a follow-up the next."""
    return RECORDINGS[answered % len(RECORDINGS)]


class DemoTransport(httpx.AsyncBaseTransport):
    def __init__(self, delay: float = FRAME_DELAY, pause: float = INTERPRETER_PAUSE) -> None:
        self._delay = delay
        self._pause = pause

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(await request.aread())
        compatible = request.url.path.endswith("/chat/completions")
        messages = body["messages"] if compatible else body["input"]["messages"]
        answered = sum(1 for m in messages if m.get("role") == "assistant")
        name = recording_for(answered)
        stream: httpx.AsyncByteStream
        if compatible:
            stream = _PacedEvents(name, str(body.get("model", "")), self._delay, self._pause)
        else:
            stream = _Paced(split_frames(recording(name)), self._delay, self._pause)
        return httpx.Response(
            200, headers={"content-type": "text/event-stream;charset=UTF-8"}, stream=stream, request=request)

    @staticmethod
    def question_for(answered: int, language: str = "en") -> str:
        """The question to prefill for the next recording, in `language` (a locale name such as
        "ja_JP" or "zh_CN") where there is one, else in English."""
        name = recording_for(answered)
        return LOCAL_QUESTIONS.get((name, language.split("_")[0].lower()), QUESTIONS[name])
