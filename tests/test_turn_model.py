"""The turn and conversation model: built only from events; the next request sends answers only."""

from __future__ import annotations

from desktop.model.conversation import Conversation
from desktop.model.turn import StepKind, TurnStatus
from desktop.protocol.errors import ServiceError
from desktop.protocol.events import (
    AnswerDelta,
    CodeCall,
    Failed,
    Finished,
    ThinkingDelta,
    Usage,
    UsageUpdate,
)


def test_timeline_marks_where_each_code_run_happened() -> None:
    turn = Conversation().start_turn("q")
    turn.mark_sent(100.0)
    for event in [ThinkingDelta("Let me "), ThinkingDelta("compute."), CodeCall(0, "1+1"),
                  ThinkingDelta("It is 2."), AnswerDelta("2")]:
        turn.apply(event, now=100.5)
    assert [(s.kind, s.start, s.end, s.code_index) for s in turn.steps] == [
        (StepKind.THINKING, 0, 15, None),
        (StepKind.CODE, 0, 0, 0),
        (StepKind.THINKING, 15, 23, None),
        (StepKind.ANSWER, 0, 1, None),
    ]
    assert turn.thinking[turn.steps[2].start : turn.steps[2].end] == "It is 2."
    assert turn.time_to_first_token == 0.5


def test_interrupt_keeps_everything_and_late_events_change_nothing() -> None:
    turn = Conversation().start_turn("q")
    turn.apply(AnswerDelta("partial"))
    turn.interrupt()
    turn.apply(AnswerDelta(" more"))
    turn.apply(Finished("stop"))
    assert turn.status is TurnStatus.INTERRUPTED
    assert turn.answer == "partial"
    assert turn.finished_at is not None


def test_error_is_kept_with_what_arrived() -> None:
    turn = Conversation().start_turn("q")
    turn.apply(ThinkingDelta("hmm"))
    turn.apply(Failed(ServiceError("InternalError", "boom", 500, "rid")))
    assert turn.status is TurnStatus.ERROR
    assert turn.thinking == "hmm"
    assert turn.request_id == "rid"


def test_usage_is_the_latest_cumulative_value() -> None:
    turn = Conversation().start_turn("q")
    turn.apply(UsageUpdate(Usage(1, 2, 0, 3, 0)))
    turn.apply(UsageUpdate(Usage(10, 20, 5, 30, 1)))
    assert turn.usage == Usage(10, 20, 5, 30, 1)


def test_follow_up_carries_earlier_answers_as_content_only() -> None:
    conversation = Conversation()
    first = conversation.start_turn("What is 123**21?")
    first.apply(ThinkingDelta("secret reasoning"))
    first.apply(CodeCall(0, "123**21"))
    first.apply(AnswerDelta("772..."))
    first.apply(Finished("stop"))
    failed = conversation.start_turn("this one failed")
    failed.apply(Failed(ServiceError("Throttling", "slow down", 429)))
    follow = conversation.start_turn("Divide it by 5")
    assert conversation.messages_for(follow) == [
        {"role": "user", "content": "What is 123**21?"},
        {"role": "assistant", "content": "772..."},
        {"role": "user", "content": "Divide it by 5"},
    ]
    assert conversation.title == "What is 123**21?"
