"""Property tests of the protocol layer and the turn model, with hundreds of examples each.

- Any split of a valid stream (and any of the three line endings) gives the same events.
- Garbage bytes, and any JSON shape in `data:` lines, give events or one clean `Failed` event:
  no exception escapes FrameDecoder or NativeParser, nothing follows the end.
- A turn built from any of that never raises, keeps its text and timeline consistent, and
  never changes once finished.
- stream_native against a transport answering random statuses, types and bytes (or failing
  midway) ends with exactly one terminal event and never raises.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any, ClassVar

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.model.turn import StepKind, Turn, TurnStatus
from desktop.protocol.client import Timeouts, make_client, stream_native
from desktop.protocol.errors import ErrorKind, ServiceError
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
from desktop.protocol.frame_patterns import USUAL_HEAD, USUAL_TAIL, loads_frame
from desktop.protocol.native import NativeParser
from desktop.protocol.request import GenerationOptions
from desktop.protocol.secret import ApiKey
from desktop.protocol.sse import Frame, FrameDecoder
from tests.support import bigstream
from tests.support.runs import examples
from tests.wire import raw

RECORDINGS = ("power_21", "two_calls_ja")
MANY = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
EVENT_TYPES = (RequestStarted, ThinkingDelta, AnswerDelta, CodeCall, UsageUpdate, Finished, Failed)


def decode_and_parse(chunks: list[bytes]) -> list[Event]:
    decoder, parser = FrameDecoder(), NativeParser()
    events: list[Event] = []
    for chunk in chunks:
        for frame in decoder.feed(chunk):
            events += parser.feed(frame)
    for frame in decoder.flush():
        events += parser.feed(frame)
    return events


def check_events(events: list[Event]) -> None:
    """What every consumer of the protocol layer relies on, whatever came in."""
    assert all(isinstance(e, EVENT_TYPES) for e in events)
    terminal = [i for i, e in enumerate(events) if isinstance(e, Finished | Failed)]
    assert terminal in ([], [len(events) - 1]), "one Finished or Failed at most, and nothing after it"
    assert sum(isinstance(e, RequestStarted) for e in events) <= 1
    calls = 0
    for e in events:
        if isinstance(e, ThinkingDelta | AnswerDelta):
            assert isinstance(e.text, str) and e.text
        elif isinstance(e, CodeCall):
            assert 0 <= e.index <= calls and isinstance(e.code, str)
            calls = max(calls, e.index + 1)
        elif isinstance(e, Failed):
            assert isinstance(e.error, ServiceError)
            assert isinstance(e.error.code, str) and e.error.code
            assert isinstance(e.error.message, str) and e.error.message
            assert isinstance(e.error.kind, ErrorKind)
            str(e.error)  # printable, as the terminal prints it


def split_at(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)])]


# ---------------------------------------------------------------- splits of valid streams

@pytest.fixture(scope="module")
def whole() -> dict[tuple[str, bytes], list[Event]]:
    return {(name, nl): decode_and_parse([raw(name).replace(b"\n", nl)])
            for name in RECORDINGS for nl in (b"\n", b"\r\n", b"\r")}


@MANY
@given(name=st.sampled_from(RECORDINGS), newline=st.sampled_from([b"\n", b"\r\n", b"\r"]),
       cuts=st.lists(st.integers(min_value=0, max_value=1 << 20), max_size=60))
def test_any_split_of_a_recording_gives_identical_events(whole: dict, name: str, newline: bytes, cuts: list[int]) -> None:
    data = raw(name).replace(b"\n", newline)
    got = decode_and_parse(split_at(data, cuts))
    assert got == whole[(name, b"\n")]  # the line ending changes nothing either
    assert isinstance(got[-1], Finished)


@MANY
@given(name=st.sampled_from(RECORDINGS), size=st.integers(min_value=1, max_value=9))
def test_tiny_fixed_chunks_of_a_recording_give_identical_events(whole: dict, name: str, size: int) -> None:
    data = raw(name)
    assert decode_and_parse([data[i:i + size] for i in range(0, len(data), size)]) == whole[(name, b"\n")]


# ---------------------------------------------------------------- garbage and odd shapes

SSE_PIECES = [b"data:", b"data: ", b"event:error\n", b"event:result\n", b"id:7\n", b":HTTP_STATUS/429\n",
              b":HTTP_STATUS/200\n", b":HTTP_STATUS/\xc2\xb2\n", b"\n", b"\n\n", b"\r", b"\r\n", b"retry:1\n",
              b"{", b"}", b'{"output":', b'{"code":"X"}', b'"choices":[', b"\xff", b"\xe6\x97", b"\x00",
              b'{"output":{"choices":[{"message":{"content":"a"},"finish_reason":"stop"}]}}',
              b"data:" + b"[" * 50_000 + b"\n\n"]  # deeper than the interpreter's stack


@MANY
@given(chunks=st.lists(st.one_of(st.binary(max_size=64), st.sampled_from(SSE_PIECES)), max_size=80))
def test_garbage_bytes_give_events_or_one_clean_failure(chunks: list[bytes]) -> None:
    check_events(decode_and_parse(chunks))


KEYS = ["output", "choices", "message", "content", "reasoning_content", "role", "finish_reason", "tool_info",
        "type", "code_interpreter", "code", "usage", "input_tokens", "output_tokens", "total_tokens",
        "output_tokens_details", "reasoning_tokens", "plugins", "count", "request_id", "message", "error",
        "text"]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20) | st.sampled_from(["", "null", "stop", "length", "code_interpreter"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)


def leaf(plausible: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(plausible, JSON)


# Frames shaped like DashScope's with any value anywhere: reaches the parser's deeper paths.
SHAPED = st.fixed_dictionaries(
    {},
    optional={
        "output": leaf(st.fixed_dictionaries({}, optional={
            "choices": leaf(st.lists(leaf(st.fixed_dictionaries({}, optional={
                "message": leaf(st.fixed_dictionaries({}, optional={
                    "content": leaf(st.text(max_size=10)),
                    "reasoning_content": leaf(st.text(max_size=10)),
                })),
                "finish_reason": leaf(st.sampled_from(["null", "stop", "length", ""])),
            })), max_size=2)),
            "tool_info": leaf(st.lists(leaf(st.fixed_dictionaries({}, optional={
                "type": leaf(st.just("code_interpreter")),
                "code_interpreter": leaf(st.fixed_dictionaries({}, optional={"code": leaf(st.text(max_size=8))})),
            })), max_size=3)),
            "text": leaf(st.text(max_size=10)),
            "finish_reason": leaf(st.sampled_from(["null", "stop"])),
        })),
        "usage": leaf(st.fixed_dictionaries({}, optional={
            k: leaf(st.integers(0, 10**6)) for k in ("input_tokens", "output_tokens", "total_tokens")
        } | {"output_tokens_details": leaf(st.fixed_dictionaries({"reasoning_tokens": leaf(st.integers(0, 99))})),
             "plugins": leaf(st.fixed_dictionaries({"code_interpreter": leaf(st.fixed_dictionaries(
                 {"count": leaf(st.integers(0, 9))}))}))})),
        "request_id": leaf(st.text(max_size=12)),
        "code": leaf(st.text(max_size=12)),
        "message": leaf(st.text(max_size=12)),
        "error": leaf(st.fixed_dictionaries({}, optional={"code": JSON, "message": JSON, "type": JSON})),
    },
)

FRAMES = st.lists(
    st.builds(
        Frame,
        event=st.sampled_from(["result", "error", "", "ping"]) | st.text(max_size=6),
        data=st.one_of(
            (JSON | SHAPED).map(lambda v: json.dumps(v, allow_nan=True)),
            SHAPED.map(lambda v: json.dumps(v)[: len(json.dumps(v)) // 2]),  # truncated
            st.text(max_size=30),
        ),
        id=st.text(max_size=4),
        status=st.none() | st.sampled_from([200, 400, 401, 429, 500, 503]) | st.integers(0, 999),
    ),
    max_size=12,
)


def parse_frames(frames: list[Frame]) -> tuple[NativeParser, list[Event]]:
    parser = NativeParser()
    events: list[Event] = []
    for frame in frames:
        events += parser.feed(frame)
    return parser, events


@settings(max_examples=examples(500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=FRAMES)
def test_any_json_shape_in_frames_gives_events_or_one_clean_failure(frames: list[Frame]) -> None:
    parser, events = parse_frames(frames)
    check_events(events)
    if parser.done:
        assert parser.feed(Frame("result", '{"output":{"text":"late"}}', "", 200)) == []


def outcome(read: Any, text: str) -> tuple[str, Any]:
    try:
        return "value", read(text)
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__, str(exc)


# Texts a frame's data may be: JSON (frame-shaped or any), with whitespace, a byte order mark or
# more text around it, cut anywhere, or any text at all.
FRAME_TEXTS = st.one_of(
    (JSON | SHAPED).map(lambda v: json.dumps(v, allow_nan=True)),
    (JSON | SHAPED).map(lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))),
    st.tuples(st.sampled_from(["", " ", "\ufeff", "\t\n", "x"]), (JSON | SHAPED).map(json.dumps),
              st.sampled_from(["", " ", "\n", "}", ",1", "x"])).map("".join),
    st.tuples(SHAPED.map(json.dumps), st.integers(0, 200)).map(lambda t: t[0][: t[1]]),
    st.text(max_size=40),
)


@settings(max_examples=examples(1000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=FRAME_TEXTS)
def test_a_frame_is_read_exactly_as_json_loads_reads_it(text: str) -> None:
    # The parser's fast reading of a frame gives json.loads' value, or fails with its message.
    assert outcome(loads_frame, text) == outcome(json.loads, text)


def test_a_frame_nested_too_deeply_fails_as_json_loads_does() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert outcome(loads_frame, deep)[0] == outcome(json.loads, deep)[0] == "RecursionError"


# Frames as the service writes them (the seeds' key order, no spaces): any text in the strings
# (escapes, control characters, surrogates, non-ASCII raw or escaped), any usage numbers, with or
# without the cumulative tool_info, now and then cut, spaced or one character changed.
SERVICE_TEXT = st.text(max_size=12) | st.sampled_from(["", "\\", '"', "\n", "\u2028", "\ud800", "é", "表", "</p>"])
SERVICE_USAGE = st.fixed_dictionaries(
    {"total_tokens": st.integers(0, 10**12), "output_tokens": st.integers(0, 10**6), "input_tokens": st.integers(0, 10**6)},
    optional={"output_tokens_details": st.fixed_dictionaries({"reasoning_tokens": st.integers(0, 10**6)}),
              "plugins": st.fixed_dictionaries({"code_interpreter": st.fixed_dictionaries({"count": st.integers(0, 9)})})},
)


@st.composite
def service_frame(draw: st.DrawFn) -> Frame:
    message = {"content": draw(SERVICE_TEXT)}
    if draw(st.booleans()):
        message["reasoning_content"] = draw(SERVICE_TEXT)
    message["role"] = "assistant"
    output: dict[str, Any] = {"choices": [{"message": message,
                                           "finish_reason": draw(st.sampled_from(["null"] * 8 + ["stop", "", "length"]))}]}
    if draw(st.booleans()):
        codes = draw(st.lists(st.sampled_from(["", "1+1", "print('\\n')", "x = '表'"]), max_size=3))
        output["tool_info"] = [{"code_interpreter": {"code": c}, "type": "code_interpreter"} for c in codes]
    value = {"output": output, "usage": draw(SERVICE_USAGE), "request_id": draw(st.sampled_from(["", "r-1", "r\\2"]))}
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=draw(st.booleans()))
    change = draw(st.integers(0, 12))  # 1-3: a change that json.loads reads differently or not at all
    at = draw(st.integers(0, len(text)))
    if change == 1:
        text = text[:at]
    elif change == 2:
        text = text[:at] + draw(st.sampled_from([" ", ",", "}", "0", '"', "\\", "\x01", "1.5", "-"])) + text[at + 1 :]
    elif change == 3:
        text = text.replace(":", ": ", 1)
    return Frame(draw(st.sampled_from(["result"] * 6 + ["error", ""])), text, "1",
                 draw(st.sampled_from([None] + [200] * 6 + [429])))


def parse_both_ways(frames: list[Frame]) -> tuple[list[Event], list[Event]]:
    fast, reference = NativeParser(), NativeParser()
    reference.usual = False  # every frame through json.loads
    return fast.feed_all(frames) + fast.feed_all([]), reference.feed_all(frames) + reference.feed_all([])


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=st.lists(st.one_of(*[service_frame()] * 4, FRAMES.map(lambda f: f[0] if f else Frame("", "", "", None))),
                      min_size=2, max_size=16),
       split=st.integers(0, 16))
def test_frames_read_by_pattern_give_the_events_json_loads_gives(frames: list[Frame], split: int) -> None:
    # The service's usual frames are read by pattern, not by a JSON parse: the events (text,
    # calls, usage, the end, a failure's message) are the reference's, in batches too.
    fast, reference = parse_both_ways(frames)
    assert fast == reference
    parser = NativeParser()
    by_batch = parser.feed_all(frames[:split]) + parser.feed_all(frames[split:])
    reference_parser = NativeParser()
    reference_parser.usual = False
    assert by_batch == reference_parser.feed_all(frames[:split]) + reference_parser.feed_all(frames[split:])


@st.composite
def service_stream(draw: st.DrawFn) -> list[Frame]:
    """Frames of one stream as the service writes them: thinking, then answer text, with the same
    tool_info, usage keys and request id frame after frame (the parser's pattern for a repeated tail), now and then one of them
    changed, a number written as JSON does not allow, or a frame cut."""
    tools = [{"code_interpreter": {"code": c}, "type": "code_interpreter"}
             for c in draw(st.lists(st.sampled_from(["1+1", "print('\\n')", "x = '表'", ""]), max_size=2))]
    keys = draw(st.sampled_from([("total_tokens",), ("total_tokens", "output_tokens", "input_tokens")]))
    request_id = draw(st.sampled_from(["r-1", "r\\u00e9"]))
    frames = []
    for _ in range(draw(st.integers(2, 20))):
        change = draw(st.integers(0, 15))
        if change == 1:
            tools = tools + [{"code_interpreter": {"code": draw(SERVICE_TEXT)}, "type": "code_interpreter"}]
        elif change == 2:
            keys = (*keys, "plugins") if "plugins" not in keys else keys[:-1]
        elif change == 3:
            request_id = draw(st.sampled_from(["r-1", "r-2"]))
        usage = {k: ({"code_interpreter": {"count": draw(st.integers(0, 3))}} if k == "plugins"
                     else draw(st.integers(0, 10**9))) for k in keys}
        # The thinking phase (reasoning_content, content ""), the answer's, both or neither.
        phase = draw(st.sampled_from(["answer"] * 3 + ["thinking"] * 2 + ["both", "plain"]))
        message = {"content": draw(SERVICE_TEXT) if phase in ("answer", "both", "plain") else ""}
        if phase != "plain":
            message["reasoning_content"] = draw(SERVICE_TEXT) if phase in ("thinking", "both") else ""
        message["role"] = "assistant"
        output: dict[str, Any] = {"choices": [{"message": message,
                                               "finish_reason": draw(st.sampled_from(["null"] * 15 + ["stop"]))}]}
        if tools:
            output["tool_info"] = tools
        text = json.dumps({"output": output, "usage": usage, "request_id": request_id}, separators=(",", ":"),
                          ensure_ascii=False)
        if change == 4:
            text = text.replace('"total_tokens":', '"total_tokens":0', 1)  # a leading zero: not JSON
        elif change == 5:
            text = text.replace('"total_tokens":', '"total_tokens":-', 1)  # negative: JSON, not the pattern's
        elif change == 6:
            text = text[: draw(st.integers(0, len(text)))]
        elif change == 7:
            text = text.replace('"request_id":"', '"request_id":"\\u0001\x01', 1)  # a raw control character: not JSON
        frames.append(Frame("result", text, "1", 200))
    return frames


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=service_stream(), split=st.integers(0, 20))
def test_a_stream_of_usual_frames_gives_the_events_json_loads_gives(frames: list[Frame], split: int) -> None:
    fast, reference = parse_both_ways(frames)
    assert fast == reference
    parser, reference_parser = NativeParser(), NativeParser()
    reference_parser.usual = False
    assert (parser.feed_all(frames[:split]) + parser.feed_all(frames[split:])
            == reference_parser.feed_all(frames[:split]) + reference_parser.feed_all(frames[split:]))


def test_a_call_changed_by_a_frame_read_by_json_then_changed_back_is_shown() -> None:
    # tool_info repeated unchanged is skipped by its text; a frame read the other way in between
    # (here: a space after a colon) changes the call, and the next usual frame changes it back.
    def frame(code: str, spaced: bool = False) -> Frame:
        value = {"output": {"choices": [{"message": {"content": "x", "role": "assistant"}, "finish_reason": "null"}],
                            "tool_info": [{"code_interpreter": {"code": code}, "type": "code_interpreter"}]},
                 "usage": {"total_tokens": 1}, "request_id": "r"}
        text = json.dumps(value, separators=(",", ":"))
        return Frame("result", text.replace(":", ": ", 1) if spaced else text, "1", 200)

    frames = [frame("a = 1"), frame("b = 2", spaced=True), frame("a = 1"), frame("a = 1")]
    fast, reference = parse_both_ways(frames)
    assert fast == reference
    assert [e.code for e in fast if isinstance(e, CodeCall)] == ["a = 1", "b = 2", "a = 1"]
    # The same on the wire, where the third and fourth frames are read in a run (frames_at).
    wire = b"".join(render(f) for f in frames)
    in_runs, _, read_in_runs = decode_in_runs([wire])
    assert read_in_runs == 2 and in_runs == decode_by_json([wire])[0]
    assert [e.code for e in in_runs if isinstance(e, CodeCall)] == ["a = 1", "b = 2", "a = 1"]


def test_the_recorded_streams_frames_are_read_by_pattern() -> None:
    # Else the fast reading would silently never run: every data line the service sent matches.
    for name in RECORDINGS:
        lines = [line[5:] for line in raw(name).decode().splitlines() if line.startswith("data:")]
        heads = [USUAL_HEAD(line) for line in lines]
        assert lines and all(head and USUAL_TAIL(line, head.end()) for line, head in zip(lines, heads, strict=True)), name


def render(frame: Frame) -> bytes:
    """A frame as the wire carries it (fields without line breaks, which SSE cannot carry)."""
    def clean(text: str) -> str:
        return text.replace("\r", " ").replace("\n", " ")

    lines = [f"id:{clean(frame.id)}", f"event:{clean(frame.event)}"]
    if frame.status is not None:
        lines.append(f":HTTP_STATUS/{frame.status}")
    lines += [f"data:{line}" for line in clean(frame.data).split("\n")]
    return ("\n".join(lines) + "\n\n").encode("utf-8", "surrogatepass")


@MANY
@given(frames=FRAMES, cuts=st.lists(st.integers(0, 1 << 16), max_size=20))
def test_any_frames_on_the_wire_in_any_split_decode_without_escaping(frames: list[Frame], cuts: list[int]) -> None:
    data = b"".join(render(f) for f in frames)
    events = decode_and_parse(split_at(data, cuts))
    check_events(events)
    assert events == decode_and_parse([data])


def render_varied(frame: Frame, form: int) -> bytes:
    """`render`, or one of the other ways SSE allows writing the same frame (a space after the
    colons, no id line, a comment of another kind, the data over two lines, CR LF endings)."""
    wire = render(frame).decode("utf-8", "surrogatepass")
    if form == 1:
        wire = wire.replace("id:", "id: ", 1).replace("event:", "event: ", 1).replace("\ndata:", "\ndata: ")
    elif form == 2:
        wire = wire[wire.index("\n") + 1 :]  # no id: the last one seen stays the frame's
    elif form == 3:
        wire = ": keep-alive\n" + wire
    elif form == 4 and "," in wire:
        wire = wire.replace(",", ",\ndata:", 1)
    elif form == 5:
        wire = wire.replace("\n", "\r\n")
    return wire.encode("utf-8", "surrogatepass")


# Mostly frames as the service writes them (a word for event, a status, JSON data), some not.
USUAL_FRAMES = st.lists(
    st.builds(
        Frame,
        event=st.sampled_from(["result", "error"]),
        data=SHAPED.map(lambda v: json.dumps(v)),
        id=st.integers(1, 99999).map(str) | st.text(max_size=3),
        status=st.sampled_from([200, 429, None]),
    ) | FRAMES.map(lambda frames: frames[0] if frames else Frame("", "{}", "", None)),
    min_size=2,
    max_size=20,
)


@MANY
@given(frames=USUAL_FRAMES, forms=st.lists(st.integers(0, 5), min_size=30, max_size=30),
       cuts=st.lists(st.integers(0, 1 << 16), max_size=20))
def test_frames_of_the_usual_shape_decode_as_line_by_line(frames: list[Frame], forms: list[int],
                                                          cuts: list[int]) -> None:
    # FrameDecoder reads whole frames of the service's usual shape with one pattern match; fed one
    # line at a time it never sees a whole frame, and reads every line by the general rules.
    data = b"".join(render_varied(f, form) for f, form in zip(frames, forms, strict=False))
    by_line = FrameDecoder()
    expected = [f for line in data.splitlines(keepends=True) for f in by_line.feed(line)] + by_line.flush()
    decoder = FrameDecoder()
    got = [f for chunk in split_at(data, cuts) for f in decoder.feed(chunk)] + decoder.flush()
    assert got == expected
    whole = FrameDecoder()
    assert whole.feed(data) + whole.flush() == expected


def decode_in_runs(chunks: list[bytes]) -> tuple[list[Event], int, int]:
    """The client's way: each chunk decoded into the parser (FrameDecoder.feed_to), the parser
    reading runs of usual frames itself. (events, frames with data, frames read in runs)"""
    class Counting(NativeParser):
        __slots__ = ("in_runs",)

        def frames_at(self, text: str, pos: int) -> tuple[int, int, str]:
            end, count, last = super().frames_at(text, pos)
            self.in_runs += count
            return end, count, last

    decoder, parser = FrameDecoder(), Counting()
    parser.in_runs = 0
    events: list[Event] = []
    seen = 0
    for chunk in chunks:
        parser.begin()
        seen += decoder.feed_to(chunk, parser)
        events += parser.end()
    last = decoder.flush()
    return events + parser.feed_all(last), seen + sum(1 for f in last if f.data), parser.in_runs


def decode_by_json(chunks: list[bytes]) -> tuple[list[Event], int]:
    """The reference: frames decoded to a list per chunk, every one parsed by json.loads."""
    decoder, parser = FrameDecoder(), NativeParser()
    parser.usual = False
    events: list[Event] = []
    seen = 0
    for chunk in [*chunks, None]:
        frames = decoder.feed(chunk) if chunk is not None else decoder.flush()
        seen += sum(1 for f in frames if f.data)
        events += parser.feed_all(frames)
    return events, seen


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=service_stream(), forms=st.lists(st.sampled_from([0] * 8 + [1, 2, 3, 5]), min_size=20, max_size=20),
       ids=st.lists(st.sampled_from(["1", "22", "\x00", " 3", ""]), min_size=20, max_size=20),
       statuses=st.lists(st.sampled_from([200] * 10 + [None, 429]), min_size=20, max_size=20),
       events=st.lists(st.sampled_from(["result"] * 10 + ["error", ""]), min_size=20, max_size=20),
       cuts=st.lists(st.integers(0, 1 << 16), max_size=12), varied=st.booleans())
def test_runs_of_usual_frames_read_in_one_match_give_the_events_json_loads_gives(
        frames: list[Frame], forms: list[int], ids: list[str], statuses: list[int | None], events: list[str],
        cuts: list[int], varied: bool) -> None:
    # The client hands each network read to the parser as it is decoded, and the parser reads a
    # run of the service's usual frames (event result, status 200, the tail of the frame before)
    # with one match each, decoder's work included: the events and the count of frames with data
    # are what decoding every frame and parsing it with json.loads give, for any split, with
    # frames of other events, statuses, ids and line forms among them.
    if varied:
        frames = [Frame(e, f.data, i, s) for f, e, i, s in zip(frames, events, ids, statuses, strict=False)]
    data = b"".join(render_varied(f, form if varied else 0) for f, form in zip(frames, forms, strict=False))
    for chunks in ([data], split_at(data, cuts)):  # whole: the longest runs; split: runs cut anywhere
        got, seen, _ = decode_in_runs(chunks)
        assert (got, seen) == decode_by_json(chunks)


def test_a_streams_frames_are_read_in_runs() -> None:
    # Else the one-match reading would silently never run: but for the first frame of each new
    # tail, every frame of a recording and of the benchmark's stream is read in a run.
    for name in RECORDINGS:
        events, seen, in_runs = decode_in_runs([raw(name)])
        assert events == decode_by_json([raw(name)])[0]
        assert in_runs >= seen - 6, (name, in_runs, seen)
    # In 64 KiB reads: the frame each read cuts is read line by line, and the first of each tail.
    big = "".join(bigstream.frames(20_000, 6)).encode()
    reads = [big[i:i + 65536] for i in range(0, len(big), 65536)]
    events, seen, in_runs = decode_in_runs(reads)
    assert "".join(e.text for e in events if isinstance(e, AnswerDelta)) == bigstream.answer_text(20_000)
    assert in_runs >= seen - len(reads) - 6, (in_runs, seen, len(reads))


# ---------------------------------------------------------------- the turn model

def snapshot(turn: Turn) -> tuple:
    return (turn.status, turn.thinking, turn.answer, list(turn.code), [s.to_dict() for s in turn.steps],
            turn.usage, turn.error, turn.request_id, turn.finish_reason, turn.finished_at, turn.first_token_at)


def check_turn(turn: Turn) -> None:
    # The timeline covers the text exactly: thinking and answer spans join up to the whole.
    for kind, text in ((StepKind.THINKING, turn.thinking), (StepKind.ANSWER, turn.answer)):
        spans = [(s.start, s.end) for s in turn.steps if s.kind is kind]
        assert "".join(text[a:b] for a, b in spans) == text
        assert all(a <= b for a, b in spans)
        assert [a for a, _ in spans[1:]] == [b for _, b in spans[:-1]]
    code_steps = [s.code_index for s in turn.steps if s.kind is StepKind.CODE]
    assert all(i is not None and 0 <= i < len(turn.code) for i in code_steps)


EVENTS = st.lists(st.one_of(
    st.builds(ThinkingDelta, st.text(max_size=8)),
    st.builds(AnswerDelta, st.text(max_size=8)),
    st.builds(CodeCall, st.integers(0, 12), st.text(max_size=8)),
    st.builds(UsageUpdate, st.builds(Usage, *[st.integers(0, 10**9)] * 5)),
    st.builds(RequestStarted, st.text(max_size=8)),
    st.builds(Finished, st.sampled_from(["stop", "length"]) | st.text(max_size=5)),
    st.builds(Failed, st.builds(ServiceError, st.text(min_size=1, max_size=8), st.text(max_size=8),
                                st.none() | st.integers(100, 599), st.none() | st.text(max_size=8),
                                st.sampled_from(list(ErrorKind)))),
), max_size=30)


@MANY
@given(frames=FRAMES, late=EVENTS)
def test_turn_built_from_any_frames_is_consistent_and_frozen_once_finished(frames: list[Frame], late: list[Event]) -> None:
    _, events = parse_frames(frames)
    turn = Turn(user="q")
    for event in events:
        turn.apply(event)
    check_turn(turn)
    assert turn.finished == any(isinstance(e, Finished | Failed) for e in events)
    if not turn.finished:
        turn.interrupt()
    before = snapshot(turn)
    for event in late:
        turn.apply(event)
    turn.interrupt()
    assert snapshot(turn) == before


@MANY
@given(events=EVENTS, late=EVENTS)
def test_turn_applies_any_event_sequence_and_never_changes_after_the_end(events: list[Event], late: list[Event]) -> None:
    turn = Turn(user="q")
    thinking = answer = ""
    for event in events:
        if not turn.finished:
            thinking += event.text if isinstance(event, ThinkingDelta) else ""
            answer += event.text if isinstance(event, AnswerDelta) else ""
        turn.apply(event)
    assert (turn.thinking, turn.answer) == (thinking, answer)
    check_turn(turn)
    ended = [e for e in events if isinstance(e, Finished | Failed)]
    if ended:
        assert turn.status is (TurnStatus.COMPLETE if isinstance(ended[0], Finished) else TurnStatus.ERROR)
        before = snapshot(turn)
        for event in late:
            turn.apply(event)
        assert snapshot(turn) == before


# ---------------------------------------------------------------- stream_native end to end

class Reply:
    """What the mock transport answers next (one client serves every example)."""

    status = 200
    headers: ClassVar[dict[str, str]] = {}
    chunks: ClassVar[list[bytes]] = []
    fail_with: Exception | None = None
    fail_at = 0


class Body(httpx.AsyncByteStream):
    def __init__(self, chunks: list[bytes], fail_with: Exception | None, fail_at: int) -> None:
        self._chunks, self._fail_with, self._fail_at = chunks, fail_with, fail_at

    async def __aiter__(self) -> Iterator[bytes]:  # type: ignore[override]
        for index, chunk in enumerate(self._chunks):
            if self._fail_with is not None and index == self._fail_at:
                raise self._fail_with
            yield chunk
        if self._fail_with is not None and self._fail_at >= len(self._chunks):
            raise self._fail_with


def answer(request: httpx.Request) -> httpx.Response:
    if Reply.fail_with is not None and Reply.fail_at < 0:
        raise Reply.fail_with
    return httpx.Response(Reply.status, headers=Reply.headers,
                          stream=Body(Reply.chunks, Reply.fail_with, Reply.fail_at))


@pytest.fixture(scope="module")
def mock_client() -> Iterator[tuple[asyncio.AbstractEventLoop, httpx.AsyncClient]]:
    loop = asyncio.new_event_loop()
    client = make_client(Timeouts(idle=5), transport=httpx.MockTransport(answer))
    try:
        yield loop, client
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()


TRANSPORT_ERRORS = [httpx.ReadError("reset"), httpx.RemoteProtocolError("peer closed"), httpx.ReadTimeout("t"),
                    httpx.ConnectError("refused"), httpx.ConnectTimeout("t"), httpx.DecodingError("gzip"),
                    httpx.ProxyError("407"), httpx.LocalProtocolError("bad header"), RuntimeError("bug"),
                    ValueError("odd")]
KEY = "sk-fuzz0123456789abcdefghij"


@MANY
@given(
    status=st.sampled_from([200, 200, 200, 400, 401, 429, 500, 502, 301]) | st.integers(200, 599),
    content_type=st.sampled_from(["text/event-stream", "application/json", "text/html", "", "text/plain"]),
    chunks=st.lists(st.one_of(st.binary(max_size=64), st.sampled_from(SSE_PIECES),
                              st.sampled_from([raw("power_21")[:3000], raw("two_calls_ja")])), max_size=12),
    failure=st.none() | st.tuples(st.sampled_from(TRANSPORT_ERRORS), st.integers(-1, 12)),
)
def test_stream_native_on_random_answers_ends_with_exactly_one_terminal_event(
    mock_client: tuple[asyncio.AbstractEventLoop, httpx.AsyncClient], status: int, content_type: str,
    chunks: list[bytes], failure: tuple[Exception, int] | None,
) -> None:
    loop, client = mock_client
    Reply.status, Reply.chunks = status, chunks
    Reply.headers = {"content-type": content_type} if content_type else {}
    Reply.fail_with, Reply.fail_at = failure if failure else (None, 0)

    async def consume() -> list[Event]:
        return [e async for e in stream_native(client, "https://fuzz.example", ApiKey(KEY),
                                               [{"role": "user", "content": "q"}], GenerationOptions())]

    events = loop.run_until_complete(consume())
    check_events(events)
    assert isinstance(events[-1], Finished | Failed)
    if isinstance(events[-1], Failed):
        assert KEY not in str(events[-1].error)
