"""Native frames -> events -> turn. Pure: frames in, assertions on what the user would get."""

from __future__ import annotations

import json

import pytest

from desktop.model.turn import StepKind, Turn, TurnStatus
from desktop.protocol.events import (
    AnswerDelta,
    CodeCall,
    Failed,
    Finished,
    RequestStarted,
    UsageUpdate,
)
from desktop.protocol.native import NativeParser
from desktop.protocol.sse import Frame
from tests.wire import (
    POWER_21_ANSWER,
    POWER_21_REQUEST_ID,
    TWO_CALLS_ANSWER,
    TWO_CALLS_CODE,
    frames,
    reference,
)


def to_frames(datas: list[dict], event: str = "result") -> list[Frame]:
    return [Frame(event, json.dumps(d, ensure_ascii=False), str(i), 200) for i, d in enumerate(datas, 1)]


def run(datas: list[dict]) -> tuple[Turn, list]:
    parser = NativeParser()
    turn = Turn(user="q")
    events = []
    for frame in to_frames(datas):
        for event in parser.feed(frame):
            events.append(event)
            turn.apply(event)
    return turn, events


@pytest.mark.parametrize("name", ["power_21", "two_calls_ja"])
def test_recording_builds_the_reference_turn(name: str) -> None:
    ref = reference(name)
    turn, events = run(frames(name))
    assert turn.thinking == ref.thinking
    assert turn.answer == ref.answer
    assert turn.code == ref.code
    assert turn.usage.to_dict() == ref.usage
    assert turn.request_id == ref.request_id
    assert turn.status is TurnStatus.COMPLETE and turn.finish_reason == "stop"
    assert isinstance(events[0], RequestStarted)
    assert isinstance(events[-1], Finished)


def test_power_21_matches_the_seed() -> None:
    turn, _ = run(frames("power_21"))
    assert turn.answer == POWER_21_ANSWER
    assert turn.code == ["123**21"]
    assert turn.request_id == POWER_21_REQUEST_ID
    assert (turn.usage.input_tokens, turn.usage.output_tokens, turn.usage.reasoning_tokens) == (734, 263, 171)
    assert (turn.usage.total_tokens, turn.usage.code_interpreter_calls) == (997, 1)
    assert [s.kind for s in turn.steps] == [StepKind.THINKING, StepKind.CODE, StepKind.THINKING, StepKind.ANSWER]


def test_placeholder_call_is_filled_in_place_never_duplicated() -> None:
    turn, events = run(frames("two_calls_ja"))
    calls = [e for e in events if isinstance(e, CodeCall)]
    assert calls == [CodeCall(0, "123**23"), CodeCall(1, ""), CodeCall(1, TWO_CALLS_CODE[1])]
    assert turn.code == TWO_CALLS_CODE
    assert turn.answer == TWO_CALLS_ANSWER
    assert [s.kind for s in turn.steps] == [
        StepKind.THINKING, StepKind.CODE, StepKind.THINKING, StepKind.CODE, StepKind.THINKING, StepKind.ANSWER,
    ]
    assert turn.usage.code_interpreter_calls == 2


def test_usage_is_reported_only_when_it_changes_and_the_last_is_the_total() -> None:
    _, events = run(frames("power_21"))
    usages = [e.usage for e in events if isinstance(e, UsageUpdate)]
    assert len(usages) == len({u for u in usages})
    assert usages[-1].total_tokens == 997


def _delta_frames(field: str, deltas: list[str]) -> list[dict]:
    frames = []
    for text in deltas:
        message = {"role": "assistant", "content": "", "reasoning_content": ""}
        message[field] = text
        frames.append({"output": {"choices": [{"message": message, "finish_reason": "null"}]}, "request_id": "r"})
    frames[-1]["output"]["choices"][0]["finish_reason"] = "stop"
    return frames


@pytest.mark.parametrize(
    ("field", "deltas"),
    [
        # A delta that starts with everything said before it is still a delta: the text is
        # the concatenation, never "the full text so far" (the request says incremental_output).
        ("content", ["2", "2539340290692258087863249"]),
        ("reasoning_content", ["*", "*Plan**: run code"]),
        ("content", ["ha", "haha"]),
        ("content", ["ab", "ab", "abc", "", "abcd"]),
    ],
)
def test_deltas_that_repeat_the_text_so_far_are_appended(field: str, deltas: list[str]) -> None:
    turn, _ = run(_delta_frames(field, deltas))
    shown = turn.answer if field == "content" else turn.thinking
    assert shown == "".join(deltas)


def test_error_frame_mid_stream_keeps_status_and_text() -> None:
    parser = NativeParser()
    turn = Turn(user="q")
    good = to_frames(frames("power_21")[:50])
    error = Frame("error", '{"code":"Throttling.AllocationQuota","message":"Allocated quota exceeded","request_id":"r1"}', "51", 429)
    for frame in [*good, error]:
        for event in parser.feed(frame):
            turn.apply(event)
    assert turn.status is TurnStatus.ERROR
    assert turn.error is not None
    assert (turn.error.code, turn.error.http_status, turn.error.request_id) == ("Throttling.AllocationQuota", 429, "r1")
    assert turn.answer.startswith("123 to the power of 21 is:")  # what arrived is kept
    assert turn.code == ["123**21"]


def test_malformed_json_ends_with_one_clear_error() -> None:
    parser = NativeParser()
    events = parser.feed(Frame("result", '{"output":{"choices":[{"mess', "6", 200))
    assert len(events) == 1 and isinstance(events[0], Failed)
    assert events[0].error.code == "MalformedFrame"
    assert events[0].error.message.startswith("Frame 6 of the stream is not valid JSON (cut short: ")
    assert events[0].error.http_status == 200
    assert parser.feed(to_frames(frames("power_21"))[0]) == []  # nothing after the end


def test_wrong_character_is_not_called_cut_short() -> None:
    [event] = NativeParser().feed(Frame("result", '{"a": 1,, "b": 2}', "", 200))
    assert isinstance(event, Failed)
    assert event.error.message == (
        "A frame of the stream is not valid JSON (Expecting property name enclosed in double quotes at "
        "character 8 of 17): '{\"a\": 1,, \"b\": 2}'"
    )


def test_json_nested_deeper_than_the_stack_is_one_clean_error_not_an_exception() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    [event] = NativeParser().feed(Frame("result", deep, "3", 200))
    assert isinstance(event, Failed) and event.error.code == "MalformedFrame"
    assert "nested too deeply" in event.error.message and len(event.error.message) < 250


def test_error_frame_without_a_body_still_names_its_status() -> None:
    [event] = NativeParser().feed(Frame("error", "", "9", 503))
    assert isinstance(event, Failed)
    assert (event.error.code, event.error.http_status) == ("HTTP503", 503)


def test_unknown_and_missing_fields_are_tolerated() -> None:
    datas = [
        {"output": {"choices": [{"message": {"content": "Hi", "extra": 1}, "finish_reason": "null"}], "new": {}},
         "usage": {"weird": "x"}, "request_id": "r"},
        {"output": {"choices": [{"message": {}}]}},
        {"output": {}},
        {"unexpected": [1, 2]},
        {"output": {"choices": [{"message": {"content": "!"}, "finish_reason": "stop"}],
                    "tool_info": [{"type": "other_tool"}, "junk", {"code_interpreter": {"code": "1+1"}}]}},
    ]
    turn, events = run(datas)
    assert turn.answer == "Hi!"
    assert turn.code == ["1+1"]
    assert turn.status is TurnStatus.COMPLETE
    assert any(isinstance(e, AnswerDelta) for e in events)


def test_finish_reason_length_is_complete_but_marked() -> None:
    turn, _ = run([{"output": {"choices": [{"message": {"content": "cut"}, "finish_reason": "length"}]}}])
    assert turn.status is TurnStatus.COMPLETE and turn.finish_reason == "length"
