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
                # A partial line can still turn into anything: decide when it is whole. But if
                # the open block ends before it whatever it turns into (after a heading, or a
                # blank line that ends a paragraph), it ends now: so that a long last line (a
                # big number after an intro) is a block of its own while it streams.
                if (
                    self.kind == "text"
                    and self.fence is None
                    and (self._heading or self._after_blank and not self._listy and not self._indented_code)
                    and source[self.pos :].strip()
                ):
                    self._finish(self.pos, done)
                break
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


def held_back(text: str) -> int:
    """The length of the line break `text` ends with ("\r\n", "\n" or a lone "\r", each one
    break to Qt), else 0: what an open fence does not show yet (an empty last line until more
    arrives, or half of a "\r\n")."""
    return 2 if text.endswith("\r\n") else int(text.endswith(("\n", "\r")))


def fence_code(source: str, fence: Fence) -> str:
    raw = source[fence.content_start : len(source) if fence.content_end is None else fence.content_end]
    raw = raw[: len(raw) - held_back(raw)]
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


# -- long blocks: shown as several blocks -------------------------------------------------------
#
# Qt lays a paragraph out as one QTextLayout and parses a table as a whole: streaming one that
# keeps growing costs a re-render of all of it per update, and an unbroken run of characters
# lays out in superlinear time. So a long plain paragraph is shown as several paragraphs of at
# most SEGMENT_CHARS characters each, and a long table as several tables of TABLE_ROWS rows,
# each repeating the header. The cuts depend on the block's own text only, never on how it
# arrived: a streamed answer and a one-shot render cut the same block in the same places.

SEGMENT_CHARS = 8192
TABLE_ROWS = 50

# A line that may begin (or interrupt a paragraph with) another kind of block: such a block is
# not a plain paragraph and is never cut.
_NOT_PLAIN = re.compile(
    r"[ \t]|[ ]{0,3}(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>|#|`{3}|~{3}|\[|=+[ \t]*$|-+[ \t]*$"
    r"|(?:[-*_][ \t]*){3,}$)"
)
_TABLE_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_ORDERED_START = re.compile(r"\d{1,9}[.)]")


@dataclass(frozen=True)
class Segment:
    start: int  # offsets in the block's source
    end: int
    prefix: str = ""  # Markdown rendered in front of it: a table's header and delimiter rows


def segments(source: str, final: bool = True) -> list[Segment]:
    """The parts a block's source is shown as, in order, covering it. With `final` False the
    source is an open block that may still grow: its last part is the one still open, and the
    parts before it are those of the finished block, whatever follows."""
    table = _table_head(source)
    if table:
        return _table_segments(source, table, final)
    if len(source) <= SEGMENT_CHARS or "|" in source or not _plain(source):
        return [Segment(0, len(source))]
    cuts: list[Segment] = []
    pos = 0
    while len(source) - pos > SEGMENT_CHARS:
        cut = _paragraph_cut(source, pos)
        cuts.append(Segment(pos, cut))
        pos = cut
    cuts.append(Segment(pos, len(source)))
    return cuts


def _plain(source: str) -> bool:
    """A paragraph without block structure of its own (no blank line inside, no line that could
    begin another kind of block), as only such a paragraph can be cut without changing what it
    shows."""
    body = source.rstrip("\n")
    if "\n\n" in body or "\\" in body:
        return False
    return not any(_NOT_PLAIN.match(line) for line in body.split("\n"))


def _paragraph_cut(source: str, pos: int) -> int:
    """Where the segment from `pos` ends: at a line break or a space in its second half, or else
    between two letters or digits, so that the next segment starts with one (never a block
    marker)."""
    low, high = pos + SEGMENT_CHARS // 2, pos + SEGMENT_CHARS
    for sep in ("\n", " "):
        i = source.rfind(sep, low, high)
        while i >= low:
            cut = i + 1
            if source[cut].isalnum() and not _ORDERED_START.match(source, cut):
                return cut
            i = source.rfind(sep, low, i)
    for cut in range(high, low, -1):
        if source[cut - 1].isalnum() and source[cut].isalnum() and not _ORDERED_START.match(source, cut):
            return cut
    return high


def _table_head(source: str) -> int:
    """The length of a GFM table's header and delimiter rows at the start of `source`, 0 if it
    does not start with a table that only has rows after them."""
    first = source.find("\n")
    second = source.find("\n", first + 1) if first >= 0 else -1
    if second < 0:
        return 0
    header, delimiter = source[:first], source[first + 1 : second]
    if "|" not in header + delimiter or _NOT_PLAIN.match(header) or not _TABLE_DELIMITER.fullmatch(delimiter):
        return 0
    rows = source[second + 1 :].rstrip("\n").split("\n")
    if any("|" not in row or _NOT_PLAIN.match(row) for row in rows if row):
        return 0
    if rows[-1:] != [""] and "" in rows:
        return 0  # a blank line inside: not one table
    return second + 1


def _table_segments(source: str, head: int, final: bool) -> list[Segment]:
    parts: list[Segment] = []
    pos, rows, line = 0, 0, head
    while True:
        nl = source.find("\n", line)
        if nl < 0:
            break
        rows += 1
        line = nl + 1
        # Cut after every TABLE_ROWS rows, unless nothing follows (in an open block, nothing
        # whole yet: the rows that follow must have begun).
        more = source.find("\n", line) >= 0 if not final else bool(source[line:].strip())
        if rows == TABLE_ROWS and more and source[line:line + 1] not in ("", "\n"):
            parts.append(Segment(pos, line, source[:head] if pos else ""))
            pos, rows = line, 0
    parts.append(Segment(pos, len(source), source[:head] if pos else ""))
    return parts
