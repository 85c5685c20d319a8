"""Top-level Markdown block boundaries in a growing source text. Pure: no Qt.

The streaming view renders a block once it is finished and re-renders only the open one; this
module decides where blocks end, including fenced code whose blank lines do not end it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE_OPEN = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r"([ \t]*)(`{3,}|~{3,})[ \t]*")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_LANG = re.compile(r"[\w+#.-]+")


@dataclass
class Fence:
    char: str
    length: int
    indent: int
    lang: str
    content_start: int  # offset in the source of the first code character
    content_end: int | None = None  # offset of the closing fence line; None while open


@dataclass
class Block:
    start: int
    end: int
    fence: Fence | None  # set for a top-level fenced code block


def _indent(line: str) -> int:
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))


class BlockScanner:
    """Finds top-level block boundaries in complete lines; pure, no Qt.

    It errs on the side of *not* splitting: two blocks wrongly kept together still render
    correctly (Qt parses them together), one block wrongly split would not.
    """

    def __init__(self) -> None:
        self.pos = 0  # start of the first line not scanned yet
        self.tail = 0  # end of the last finished block: everything after it is unfinished
        self.block = 0  # start of the open block (valid while kind is set)
        self.kind: str | None = None  # None, "text" or "fence"
        self.fence: Fence | None = None  # the open fence, top-level or nested in a list
        self.fences: list[Fence] = []
        self._listy = False
        self._indented_code = False
        self._heading = False
        self._after_blank = False

    def feed(self, source: str, final: bool) -> list[Block]:
        """Scan new complete lines (and at `final` the partial one); return finished blocks."""
        done: list[Block] = []
        while self.pos < len(source):
            nl = source.find("\n", self.pos)
            if nl < 0 and not final:
                break  # a partial line can still turn into anything: decide when it is whole
            end = len(source) if nl < 0 else nl + 1
            self._line(source[self.pos : end].rstrip("\r\n"), self.pos, end, done)
            self.pos = end
        if final:
            if self.kind is not None:
                self._finish(len(source), done)  # an unclosed fence ends here, as if closed
            self.fence, self.tail = None, len(source)
        return done

    def _finish(self, end: int, done: list[Block]) -> None:
        done.append(Block(self.block, end, self.fence if self.kind == "fence" else None))
        self.kind, self.tail = None, end

    def _line(self, line: str, start: int, end: int, done: list[Block]) -> None:
        if self.fence is not None:  # inside code only a closing fence means anything
            m = _FENCE_CLOSE.fullmatch(line)
            top_level = self.kind == "fence"
            if (
                m
                and m[2][0] == self.fence.char
                and len(m[2]) >= self.fence.length
                and (not top_level or _indent(line) <= 3)
            ):
                self.fence.content_end = start
                if top_level:
                    self._finish(end, done)  # a closed fence is final at once: highlight it now
                self.fence = None
            return
        if not line.strip():
            self._after_blank = True
            return
        indent = _indent(line)
        nested = self.kind == "text" and self._listy and indent > 0
        m = _FENCE_OPEN.fullmatch(line)
        if m and (indent > 3 and not nested or m[2][0] == "`" and "`" in m[3]):
            m = None  # indented code, or inline code spanning a line
        heading = not nested and bool(_ATX_HEADING.match(line))
        if self.kind == "text":
            if m and nested:  # code inside a list item: Qt renders it with the list
                self.fence = self._open_fence(m, indent, end)
                self._after_blank = False
                return
            continues = (
                not m
                and not heading
                and not self._heading
                and (
                    not self._after_blank
                    or (self._listy and (indent > 0 or bool(_LIST_ITEM.match(line))))
                    or (self._indented_code and indent >= 4)
                )
            )
            if continues:
                self._after_blank = False
                self._listy = self._listy or bool(_LIST_ITEM.match(line))
                return
            self._finish(start, done)
        self.block, self._after_blank = start, False
        if m:
            self.kind, self.fence = "fence", self._open_fence(m, indent, end)
        else:
            # An ATX heading is one line long: any next line begins a new block. (It still stays
            # open until then, so that the last block is always finished by finish().)
            self.kind, self._heading = "text", heading
            self._listy = not heading and bool(_LIST_ITEM.match(line))
            self._indented_code = not heading and indent >= 4

    def _open_fence(self, m: re.Match[str], indent: int, content_start: int) -> Fence:
        lang = _LANG.match(m[3].strip().lstrip("{."))
        fence = Fence(m[2][0], len(m[2]), indent, lang[0].lower() if lang else "", content_start)
        self.fences.append(fence)
        return fence


def fence_code(source: str, fence: Fence) -> str:
    raw = source[fence.content_start : len(source) if fence.content_end is None else fence.content_end]
    raw = raw[:-1] if raw.endswith("\n") else raw
    if fence.indent:  # CommonMark: strip up to the fence's own indentation from each line
        cut = re.compile(rf"^ {{0,{fence.indent}}}", re.M)
        raw = cut.sub("", raw)
    return raw
