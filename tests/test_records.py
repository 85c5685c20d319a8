"""desktop/records.py: the written-out frozen records behave as the frozen dataclasses they were."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from desktop.model.output import Output, OutputKind
from desktop.model.pricing import Price, PriceTable
from desktop.protocol import AnswerDelta, ThinkingDelta, Usage, UsageUpdate


def test_equality_hash_and_repr_follow_the_fields() -> None:
    assert AnswerDelta("a") == AnswerDelta(text="a")
    assert AnswerDelta("a") != AnswerDelta("b")
    assert AnswerDelta("a") != ThinkingDelta("a")  # another class, as dataclasses compare
    assert hash(Usage(1, 2)) == hash(Usage(input_tokens=1, output_tokens=2))
    assert len({Usage(1), Usage(1), Usage(2)}) == 2
    assert repr(UsageUpdate(Usage(3))) == ("UsageUpdate(usage=Usage(input_tokens=3, output_tokens=0, "
                                           "reasoning_tokens=0, total_tokens=0, code_interpreter_calls=0))")
    # field(repr=False) as before: an image's bytes stay out of its repr
    image = Output(OutputKind.IMAGE, data=b"\x89PNG", mime="image/png")
    assert "PNG" not in repr(image) and "image/png" in repr(image)


def test_fields_cannot_be_assigned_or_deleted() -> None:
    delta = AnswerDelta("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delta.text = "b"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del delta.text
    with pytest.raises(AttributeError):
        delta.other = 1
    assert delta.text == "a"


def test_copy_pickle_and_match() -> None:
    usage = Usage(1, 2, 3, 4, 5)
    assert copy.copy(usage) == usage and copy.deepcopy(usage) == usage
    assert pickle.loads(pickle.dumps(usage)) == usage
    match UsageUpdate(usage):
        case UsageUpdate(Usage(input_tokens, output_tokens)):
            assert (input_tokens, output_tokens) == (1, 2)
        case _:
            pytest.fail("no match")


def test_defaults_and_checks_are_kept() -> None:
    assert PriceTable().prices == {} and PriceTable().prices is not PriceTable().prices
    with pytest.raises(ValueError, match="at least 0"):
        Price(-1.0, 2.0)
    assert Output(OutputKind.STREAM).text == ""


def test_replaced_is_dataclasses_replace_for_a_record() -> None:
    from desktop.protocol import ErrorKind, ServiceError

    error = ServiceError("Throttling", "slow down", 429, "req-1", ErrorKind.SERVICE)
    changed = error.replaced(message="later")
    assert changed == ServiceError("Throttling", "later", 429, "req-1", ErrorKind.SERVICE)
    assert error.message == "slow down"
    with pytest.raises(TypeError, match="no field 'colour'"):
        error.replaced(colour="red")
