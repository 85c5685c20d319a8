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
from dataclasses import dataclass

_STATUS_PREFIX = "HTTP_STATUS/"


@dataclass(frozen=True, slots=True)
class Frame:
    event: str  # "" when the frame has no event line ("message" in the spec's terms)
    data: str
    id: str
    status: int | None  # from the `:HTTP_STATUS/n` comment, None when absent


class FrameDecoder:
    """Feed bytes in, get complete frames out."""

    __slots__ = ("_text", "_pending", "_trailing_cr", "_event", "_data", "_id", "_status")

    def __init__(self) -> None:
        # errors="replace": a broken byte must not abort a stream whose JSON may still parse;
        # if it lands inside a JSON frame the frame fails to parse and is reported there.
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # an unfinished line
        self._trailing_cr = False
        self._event = ""
        self._data: list[str] = []
        self._id = ""
        self._status: int | None = None

    def feed(self, chunk: bytes) -> list[Frame]:
        return self._feed_text(self._text.decode(chunk))

    def flush(self) -> list[Frame]:
        """The stream ended: decode what is left, including a last frame with no blank line."""
        frames = self._feed_text(self._text.decode(b"", final=True))
        # An unterminated last line still counts, as in httpx-sse's flush.
        tail = [self._pending] if (self._pending or self._trailing_cr) else []
        self._pending = ""
        self._trailing_cr = False
        frames.extend(self._lines(tail))
        frame = self._dispatch()
        if frame is not None:
            frames.append(frame)
        return frames

    def _feed_text(self, text: str) -> list[Frame]:
        if self._trailing_cr:
            text = "\r" + text
            self._trailing_cr = False
        if text.endswith("\r"):
            self._trailing_cr = True
            text = text[:-1]
        if not text:
            return []
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        lines[0] = self._pending + lines[0]
        self._pending = lines.pop()  # "" when the text ended with a newline
        return self._lines(lines)

    def _lines(self, lines: list[str]) -> list[Frame]:
        frames: list[Frame] = []
        for line in lines:
            if not line:
                frame = self._dispatch()
                if frame is not None:
                    frames.append(frame)
            elif line[0] == ":":
                comment = line[1:].strip()
                if comment.startswith(_STATUS_PREFIX):
                    digits = comment[len(_STATUS_PREFIX) :]
                    if digits.isdigit():
                        self._status = int(digits)
            else:
                name, _, value = line.partition(":")
                if value[:1] == " ":
                    value = value[1:]
                if name == "data":
                    self._data.append(value)
                elif name == "event":
                    self._event = value
                elif name == "id":
                    if "\0" not in value:
                        self._id = value
                # "retry" and unknown fields are ignored, as the spec says.
        return frames

    def _dispatch(self) -> Frame | None:
        if not self._data and not self._event and self._status is None:
            return None
        frame = Frame(self._event, "\n".join(self._data), self._id, self._status)
        self._event = ""
        self._data = []
        self._status = None
        return frame
