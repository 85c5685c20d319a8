"""Server-sent events, decoded from raw bytes, keeping DashScope's `:HTTP_STATUS/n` comment.

httpx-sse drops comment lines, as the SSE spec allows. DashScope puts the real status of an
in-stream error only in such a comment (`:HTTP_STATUS/429` before an `event:error` frame), so
the native protocol decodes below httpx-sse: bytes -> text -> lines -> frames, sans-IO, so that
tests can feed any split of a byte stream. The line rules follow the spec and httpx-sse: only
CR LF, CR and LF end a line (never U+2028 or the other separators `str.splitlines` knows), and
a CR at the end of a chunk waits for the next one in case an LF follows.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple, Protocol

_STATUS_PREFIX = "HTTP_STATUS/"

# A frame as the service writes nearly all of them: `id:`, `event:`, the `:HTTP_STATUS/200`
# comment and one line of JSON, with no space after the colons. Whatever differs (a space, a
# missing or extra line, a NUL in the id) is read line by line, by the same rules.
_USUAL = re.compile(r"id:([^\s\0][^\n\0]*)\nevent:(\w+)\n(:[^\n]*)\ndata:(\{[^\n]*)\n\n")


class Frame(NamedTuple):
    """One event of the stream. A named tuple: a stream makes tens of thousands of them, and a
    tuple is built in one call (`_frame`), without a Python-level __init__."""

    event: str  # "" when the frame has no event line ("message" in the spec's terms)
    data: str
    id: str
    status: int | None  # from the `:HTTP_STATUS/n` comment, None when absent


_frame = tuple.__new__  # _frame(Frame, (event, data, id, status)): Frame(...) without its __new__


class FrameSink(Protocol):
    """Where `FrameDecoder.feed_to` hands what it decodes, in the stream's order."""

    def frame(self, frame: Frame) -> None:
        """One decoded frame."""

    def frames_at(self, text: str, pos: int) -> tuple[int, int, str]:
        """Read, from `pos` (the start of a frame), the run of frames the sink recognises whole,
        without a Frame made for each: (where the run ends, how many frames it held, the last
        one's id). (pos, 0, "") when it recognises none there. A frame it reads must be one
        this decoder would decode to an `id`, an `event`, a status and one data line."""


class _Collect:
    """The sink of `FrameDecoder.feed`: a list of the frames."""

    __slots__ = ("frames",)

    def __init__(self) -> None:
        self.frames: list[Frame] = []

    def frame(self, frame: Frame) -> None:
        self.frames.append(frame)

    def frames_at(self, text: str, pos: int) -> tuple[int, int, str]:
        return pos, 0, ""


def _status_of(comment_line: str) -> int | None:
    """The status in a `:HTTP_STATUS/429` comment line; None for any other comment."""
    comment = comment_line[1:].strip()
    if comment.startswith(_STATUS_PREFIX):
        digits = comment[len(_STATUS_PREFIX) :]
        # Three ASCII digits only: str.isdigit() also accepts "²" or "٤", which
        # int() rejects, and a status is never longer.
        if len(digits) == 3 and digits.isascii() and digits.isdigit():
            return int(digits)
    return None


class FrameDecoder:
    """Feed bytes in, get complete frames out."""

    __slots__ = ("_text", "_pending", "_trailing_cr", "_mid", "_event", "_data", "_id", "_status", "_comment",
                 "_comment_status")

    def __init__(self) -> None:
        # errors="replace": a broken byte must not abort a stream whose JSON may still parse;
        # if it lands inside a JSON frame the frame fails to parse and is reported there.
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # an unfinished line
        self._trailing_cr = False
        # Lines of a frame were read and its blank line was not: the next text starts inside it
        # (an `id:` line alone is such a start, though it makes no field of the frame yet).
        self._mid = False
        self._event = ""
        self._data: list[str] = []
        self._id = ""
        self._status: int | None = None
        self._comment = ""  # the last comment line seen, and the status it gives (None: none)
        self._comment_status: int | None = None

    def feed(self, chunk: bytes) -> list[Frame]:
        collect = _Collect()
        self._feed_text(self._text.decode(chunk), collect)
        return collect.frames

    def feed_to(self, chunk: bytes, sink: FrameSink) -> int:
        """`feed`, each frame handed to `sink` as it is decoded; at the start of each frame the
        sink may read a run of frames itself first (`FrameSink.frames_at`). The number of frames
        with data."""
        return self._feed_text(self._text.decode(chunk), sink)

    def flush(self) -> list[Frame]:
        """The stream ended: decode what is left, including a last frame with no blank line."""
        collect = _Collect()
        self._feed_text(self._text.decode(b"", final=True), collect)
        frames = collect.frames
        # An unterminated last line still counts, as in httpx-sse's flush.
        tail = [self._pending] if (self._pending or self._trailing_cr) else []
        self._pending = ""
        self._trailing_cr = self._mid = False
        frames.extend(self._lines(tail))
        frame = self._dispatch()
        if frame is not None:
            frames.append(frame)
        return frames

    def _feed_text(self, text: str, sink: FrameSink) -> int:
        if self._trailing_cr:
            text = "\r" + text
            self._trailing_cr = False
        if text.endswith("\r"):
            self._trailing_cr = True
            text = text[:-1]
        if not text:
            return 0
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = self._pending + text
        count = 0
        pos = 0
        if self._mid:
            # Inside a frame: its lines go the general way, up to the empty line that ends it.
            if text[:1] == "\n":
                pos = 1
            else:
                pos = text.find("\n\n") + 2
                if pos < 2:  # it does not end in this text
                    lines = text.split("\n")
                    self._pending = lines.pop()
                    return _hand(self._lines(lines), sink)
            count = _hand(self._lines(text[: pos - 1].split("\n")), sink)
            self._mid = False
        # Between frames: the sink's run first, then those of the service's usual shape, read
        # whole with one match of a compiled pattern each (the general way spends a few Python
        # steps on every line), and the sink's run again after each.
        run, match, take = sink.frames_at, _USUAL.match, sink.frame
        comment, status = self._comment, self._comment_status
        while True:
            end, taken, frame_id = run(text, pos)
            if taken:
                pos, count, self._id = end, count + taken, frame_id
            usual = match(text, pos)
            if usual is None:
                break
            frame_id, event, line, data = usual.groups()
            if line != comment:
                comment, status = line, _status_of(line)
            take(_frame(Frame, (event, data, frame_id, status)))
            count += 1  # its data is never empty: it starts with "{"
            pos = usual.end()
            self._id = frame_id
        self._comment, self._comment_status = comment, status
        lines = text[pos:].split("\n")
        self._pending = lines.pop()  # "" when the text ended with a newline
        if lines:
            self._mid = lines[-1] != ""
        return count + _hand(self._lines(lines), sink)

    def _lines(self, lines: list[str]) -> list[Frame]:
        # The hot loop of a stream (a few lines per frame, tens of thousands of frames): the
        # frame being built lives in locals and is written back once per call.
        frames: list[Frame] = []
        event, data, frame_id, status = self._event, self._data, self._id, self._status
        for line in lines:
            if line[:5] == "data:":  # most lines: tested first, without partition()
                data.append(line[6:] if line[5:6] == " " else line[5:])
            elif not line:
                if data or event or status is not None:
                    frames.append(_frame(Frame, (event, "\n".join(data), frame_id, status)))
                    event, data, status = "", [], None
            elif line[0] == ":":
                # The service repeats the same comment in every frame: read it once.
                if line != self._comment:
                    self._comment, self._comment_status = line, _status_of(line)
                if self._comment_status is not None:
                    status = self._comment_status
            else:
                name, _, value = line.partition(":")
                if value[:1] == " ":
                    value = value[1:]
                if name == "data":
                    data.append(value)
                elif name == "event":
                    event = value
                elif name == "id":
                    if "\0" not in value:
                        frame_id = value
                # "retry" and unknown fields are ignored, as the spec says.
        self._event, self._data, self._id, self._status = event, data, frame_id, status
        return frames

    def _dispatch(self) -> Frame | None:
        if not self._data and not self._event and self._status is None:
            return None
        frame = Frame(self._event, "\n".join(self._data), self._id, self._status)
        self._event = ""
        self._data = []
        self._status = None
        return frame


def _hand(frames: list[Frame], sink: FrameSink) -> int:
    """Give `frames` to `sink`; how many have data."""
    take = sink.frame
    for frame in frames:
        take(frame)
    return sum(1 for frame in frames if frame.data)
