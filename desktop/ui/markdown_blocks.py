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


# -- link reference definitions ---------------------------------------------------------------
#
# Blocks are rendered one at a time, so `[text][ref]` in one block and `[ref]: url` in another
# would never meet. The view collects the definitions of finished blocks and puts the ones a
# block refers to in front of it when it renders it. A definition must be found exactly where
# CommonMark (and md4c, Qt's parser) finds one: at the start of a paragraph, also inside a block
# quote or a list item, never in code or as a paragraph's continuation line.

_BRACKETS = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\]", re.S)
_QUOTE_MARK = re.compile(r" {0,3}> ?")
_ITEM_MARK = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_THEMATIC_OR_UNDERLINE = re.compile(r" {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*|-+[ \t]*)")
_DEFINITION = re.compile(
    r"""[ ]{0,3}\[(?P<label>(?:[^\\\[\]]|\\.){0,999})\]:
    [ \t]*\n?[ \t]*
    (?P<dest><(?:[^<>\n\\]|\\.)*>|(?!<)(?:[^\s\\()]|\\.|\((?:[^\s\\()]|\\.)*\))+)
    (?:(?:[ \t]+|[ \t]*\n[ \t]*)
       (?P<title>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?
    [ \t]*(?:\n|$)""",
    re.X,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def normalize_label(label: str) -> str:
    """CommonMark's label matching: case-folded, inner whitespace collapsed."""
    return " ".join(label.split()).casefold()


def bracket_labels(source: str) -> set[str]:
    """Every `[...]` in `source` as a label: a superset of the references it may make."""
    if "[" not in source:
        return set()
    return {normalize_label(m[1]) for m in _BRACKETS.finditer(source) if m[1].strip()}


def _containers(line: str) -> tuple[str, int, bool]:
    """The line without its block-quote markers and list-item marker: (rest, quote depth, item)."""
    depth = 0
    while True:
        m = _QUOTE_MARK.match(line)
        if not m:
            break
        line, depth = line[m.end() :], depth + 1
    m = _ITEM_MARK.match(line)
    if m:
        return line[m.end() :], depth, True
    return line, depth, False


def link_definitions(source: str) -> list[tuple[str, str]]:
    """The link reference definitions of a block's source, in order: (normalized label, the
    definition as Markdown of its own, without its containers)."""
    if "]:" not in source:
        return []
    found: list[tuple[str, str]] = []
    lines = source.split("\n")
    starts = True  # the next line would begin a paragraph
    quote = 0
    fence: tuple[str, int] | None = None
    item_indent = -1  # content column of the last list item seen, -1 outside lists
    i = 0
    while i < len(lines):
        rest, depth, item = _containers(lines[i])
        stripped = rest.strip()
        if fence is not None:
            m = _FENCE_CLOSE.fullmatch(rest.lstrip())
            if m and m[2][0] == fence[0] and len(m[2]) >= fence[1]:
                fence, starts = None, True
            i += 1
            continue
        if not stripped:
            starts, quote = True, depth
            i += 1
            continue
        indent = _indent(rest)
        if item:
            item_indent = len(lines[i]) - len(rest)
        elif depth == 0 and item_indent >= 0 and _indent(lines[i]) < item_indent and starts:
            item_indent = -1  # a paragraph at the margin after a blank line: the list has ended
        code = indent >= 4 if item_indent < 0 or item else _indent(lines[i]) - item_indent >= 4
        if starts and code and not item:
            i += 1  # indented code
            continue
        m = _FENCE_OPEN.fullmatch(rest.lstrip())
        if m and not (m[2][0] == "`" and "`" in m[3]):
            fence, starts = (m[2][0], len(m[2])), False
            i += 1
            continue
        opens = starts or item or depth > quote
        quote = depth
        if opens and stripped.startswith("["):
            # The paragraph from here on, its lines stripped of their containers.
            para = [rest]
            j = i + 1
            while j < len(lines):
                more, _, more_item = _containers(lines[j])
                if not more.strip() or more_item:
                    break
                para.append(more.lstrip())
                j += 1
            text = "\n".join(para)
            pos, consumed = 0, 0
            while True:
                d = _DEFINITION.match(text, pos)
                if d is not None and d["title"] and _BLANK_LINE.search(d["title"]):
                    d = None
                if d is None or not d["label"].strip():
                    break
                found.append((normalize_label(d["label"]), d[0].rstrip("\n")))
                consumed += d[0].count("\n") + (0 if d[0].endswith("\n") else 1)
                pos = d.end()
            if consumed:
                i += min(consumed, j - i)
                starts = True  # definitions may be followed by more, or by a paragraph
                continue
        heading = bool(_ATX_HEADING.match(rest))
        starts = heading or bool(_THEMATIC_OR_UNDERLINE.fullmatch(rest))
        i += 1
    return found
