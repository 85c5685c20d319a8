"""The frame decoder on byte streams split at awkward places: inside UTF-8 sequences, between
CR and LF, inside the `:HTTP_STATUS/n` comment. Every split must give the same frames."""

from __future__ import annotations

import random

import pytest

from desktop.protocol.sse import Frame, FrameDecoder
from tests.wire import frames as reference_frames
from tests.wire import raw


def decode(chunks: list[bytes]) -> list[Frame]:
    decoder = FrameDecoder()
    out: list[Frame] = []
    for chunk in chunks:
        out += decoder.feed(chunk)
    return out + decoder.flush()


def split_every(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("name", ["power_21", "two_calls_ja"])
def test_whole_recording_decodes_to_its_frames(name: str) -> None:
    got = decode([raw(name)])
    assert [f.event for f in got] == ["result"] * len(got)
    assert all(f.status == 200 for f in got)
    import json

    assert [json.loads(f.data) for f in got] == reference_frames(name)
    assert got[0].id == "1"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 64, 1000])
@pytest.mark.parametrize("name", ["power_21", "two_calls_ja"])
def test_any_fixed_split_gives_the_same_frames(name: str, size: int) -> None:
    data = raw(name)
    assert decode(split_every(data, size)) == decode([data])


def test_random_splits_of_the_japanese_stream_never_break_a_character() -> None:
    data = raw("two_calls_ja")
    whole = decode([data])
    rng = random.Random(7)
    for _ in range(50):
        cuts = sorted(rng.sample(range(1, len(data)), 40))
        chunks = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)])]
        got = decode(chunks)
        assert got == whole
        assert all("\ufffd" not in f.data for f in got)


def test_split_inside_a_multibyte_character() -> None:
    payload = "data:{\"t\":\"日本\"}\n\n".encode()
    middle = payload.index("本".encode()) + 1  # inside the 3-byte sequence
    assert decode([payload[:middle], payload[middle:]]) == [Frame("", '{"t":"日本"}', "", None)]


@pytest.mark.parametrize("newline", [b"\r\n", b"\r", b"\n"])
def test_every_line_ending_the_spec_allows(newline: bytes) -> None:
    text = b"id:19\nevent:error\n:HTTP_STATUS/429\ndata:{\"code\":\"Throttling\"}\n\n"
    data = text.replace(b"\n", newline)
    expected = [Frame("error", '{"code":"Throttling"}', "19", 429)]
    assert decode([data]) == expected
    # CR and LF in different chunks must still count as one line ending.
    assert decode(split_every(data, 1)) == expected


def test_cr_at_chunk_end_then_lf_is_one_line_ending_not_two() -> None:
    first = b"data:a\r"
    second = b"\ndata:b\r\n\r\n"
    assert decode([first, second]) == [Frame("", "a\nb", "", None)]


def test_status_comment_is_kept_per_frame() -> None:
    data = (
        b"id:1\nevent:result\n:HTTP_STATUS/200\ndata:{}\n\n"
        b"id:2\nevent:error\n:HTTP_STATUS/429\ndata:{\"code\":\"x\"}\n\n"
        b"id:3\ndata:{}\n\n"
    )
    assert [f.status for f in decode(split_every(data, 4))] == [200, 429, None]


def test_other_comments_and_unknown_fields_are_ignored() -> None:
    data = b": keep-alive\nretry:100\nfoo:bar\ndata: {\"a\":1}\n\n"
    assert decode([data]) == [Frame("", '{"a":1}', "", None)]


def test_line_separator_inside_json_does_not_split_a_frame() -> None:
    text = 'data:{"t":"a\u2028b\u0085c"}\n\n'
    assert decode([text.encode()]) == [Frame("", '{"t":"a\u2028b\u0085c"}', "", None)]


def test_last_frame_without_blank_line_is_flushed_at_end() -> None:
    assert decode([b"event:result\ndata:{\"x\":1}"]) == [Frame("result", '{"x":1}', "", None)]


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    got = decode([b"data:{\"t\":\"\xff\"}\n\n"])
    assert got == [Frame("", '{"t":"\ufffd"}', "", None)]


@pytest.mark.parametrize("comment", [":HTTP_STATUS/²⁰⁰", ":HTTP_STATUS/٤٢٩", ":HTTP_STATUS/" + "9" * 5000,
                                     ":HTTP_STATUS/42", ":HTTP_STATUS/-429", ":HTTP_STATUS/"])
def test_a_status_comment_that_is_not_three_ascii_digits_is_ignored_not_fatal(comment: str) -> None:
    # str.isdigit() accepts superscripts and Arabic-Indic digits, which int() rejects.
    data = f"event:error\n{comment}\ndata:{{}}\n\n".encode()
    assert decode([data]) == [Frame("error", "{}", "", None)]


def test_frames_of_the_usual_shape_and_others_between_them() -> None:
    # The usual shape is read with one pattern match per frame; the others line by line. What
    # one frame sets for the next (the last id, the status comment seen) carries across both.
    wire = (b"id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"a\":1}\n\n"
            b"event:result\ndata:{\"b\":2}\n\n"  # no id, no status: the last id stays
            b"id: 3\nevent: result\n:HTTP_STATUS/429\ndata: {\"c\":3}\n\n"  # spaces after the colons
            b"id:4\nevent:error\n:HTTP_STATUS/429\ndata:{\"d\":4}\n\n"
            b"id:5\x00\nevent:result\n:HTTP_STATUS/200\ndata:{}\n\n")  # a NUL: the id is ignored
    expected = [Frame("result", '{"a":1}', "1", 200), Frame("result", '{"b":2}', "1", None),
                Frame("result", '{"c":3}', "3", 429), Frame("error", '{"d":4}', "4", 429),
                Frame("result", "{}", "4", 200)]
    assert FrameDecoder().feed(wire) == expected
    for size in (1, 2, 7, 40):
        decoder = FrameDecoder()
        frames = [f for i in range(0, len(wire), size) for f in decoder.feed(wire[i : i + size])]
        assert frames + decoder.flush() == expected
