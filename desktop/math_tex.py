"""LaTeX math in answers: where it is in the Markdown, and how it looks (SVG). No Qt.

Qwen writes math as `$...$` and `\\(...\\)` (inline) and `$$...$$` and `\\[...\\]` (display).
`split()` finds those spans in a Markdown source the way pandoc and markdown-it's dollarmath do,
so that prices stay text: an opening `$` is not followed by a space, a closing `$` is not
preceded by a space nor followed by a digit ("costs $5 and $10" has no math). `\\$` is a dollar;
nothing inside a code span, a fenced or an indented code block is math.

`render()` typesets one span with ziamath (pure Python: LaTeX to MathML by latex2mathml, then
laid out with the STIX Two Math font it ships, drawn as SVG paths, so the SVG needs no font).
A formula it cannot typeset (a syntax error, a command it does not know, one too big) gives
None, and the caller shows the source as code instead.
"""

from __future__ import annotations

import functools
import re
import threading
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Bigger than any formula an answer shows; bounds the time one render can take (the layout is
# pure Python, about linear in the MathML's size).
MAX_SOURCE = 2000
MAX_ELEMENTS = 3000
MAX_DEPTH = 60  # nested groups; latex2mathml and the layout recurse on them
# ziamath lays each row's children out twice (once to measure the row without its stretchy
# delimiters), so its time doubles with each level of nesting: 10 nested \\frac take 1.5 s, 15
# take minutes. A short formula can hang it; the layout is stopped past this many seconds.
MAX_SECONDS = 1.0


@dataclass(frozen=True)
class Piece:
    """A run of the source: text (`tex` is None) or a math span."""

    start: int
    end: int
    raw: str  # source[start:end], delimiters included
    tex: str | None = None  # the LaTeX between the delimiters
    display: bool = False

    @property
    def is_math(self) -> bool:
        return self.tex is not None


@dataclass(frozen=True)
class MathSvg:
    """A typeset formula: SVG drawn at `size` px a font em; `depth` px of it below the baseline."""

    svg: bytes
    width: float
    height: float
    depth: float


# -- finding math in Markdown ---------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_CONTAINER = re.compile(r"^((?: {0,3}>[ ]?)*)( {0,3}(?:[-*+]|\d{1,9}[.)])(?: +|$))?")


def code_lines(source: str) -> set[int]:
    """Indices of the lines that are code (fenced or indented), fences included. Uses the
    CommonMark parser the HTML export uses, so lists and quotes count as they render."""
    if "```" not in source and "~~~" not in source and "    " not in source and "\t" not in source:
        return set()
    lines: set[int] = set()
    for token in _parser().parse(source):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0], token.map[1]))
    return lines


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # As the export and the window read it: no raw HTML blocks.
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _runs(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the stretches of prose: lines outside code, cut at blank lines
    (math never crosses a paragraph)."""
    code = code_lines(source)
    offset = 0
    start: int | None = None
    for index, line in enumerate(source.splitlines(keepends=True)):
        prose = index not in code and line.strip() != ""
        if prose and start is None:
            start = offset
        elif not prose and start is not None:
            yield start, offset
            start = None
        offset += len(line)
    if start is not None:
        yield start, len(source)


# What the scanners stop at; plain text between is skipped by one regex search.
_DOLLAR_OR_ESCAPE = re.compile(r"[$\\]")
_TICK_OR_ESCAPE = re.compile(r"[`\\]")
_MATH_START = re.compile(r"[$\\]")


def _next(pattern: re.Pattern[str], text: str, i: int, end: int) -> int:
    found = pattern.search(text, i, end)
    return found.start() if found else end


def _find_closer(text: str, i: int, closer: str, end: int) -> int:
    """Offset of `closer` at or after `i`, -1 if none before `end`; a backslash and the
    character after it (a LaTeX command, `\\\\`, `\\$`) are passed over together."""
    while i + len(closer) <= end:
        if text.startswith(closer, i):
            return i
        i += 2 if text[i] == "\\" else 1
    return -1


def _dollar_closer(text: str, i: int, end: int) -> int:
    """A closing `$` for inline math opened just before `i`: not after a space nor a backslash,
    not before a digit; -1 if none."""
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "$":
            if text[i - 1] not in " \t\n" and not (i + 1 < len(text) and text[i + 1].isdigit()):
                return i
        i = _next(_DOLLAR_OR_ESCAPE, text, i + 1, end)
    return -1


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """CommonMark code spans in text[start:end]: a run of n backticks up to the next run of
    exactly n (backslash escapes count outside them)."""
    spans: list[tuple[int, int]] = []
    i = start
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            n = 1
            while i + n < end and text[i + n] == "`":
                n += 1
            close = re.compile(rf"(?<!`)`{{{n}}}(?!`)").search(text, i + n, end)
            if close:
                spans.append((i, close.end()))
                i = close.end()
            else:
                i += n  # literal backticks
            continue
        i = _next(_TICK_OR_ESCAPE, text, i + 1, end)
    return spans


# `\(...\)` and `\[...\]` are also Markdown's escaped brackets: math only with a letter or a
# digit inside (`\[\\\]` is three escapes), and never in a link's target (`[a](\(b\))`).
_BRACKET_TEX = re.compile(r"[^\W_]")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s\\]|\\.)*$")


def _in_link_target(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return _LINK_TARGET.search(text, line_start, i) is not None


def _math_in(text: str, start: int, end: int) -> Iterator[Piece]:
    spans = _code_spans(text, start, end) if "`" in text[start:end] else []
    i = start
    while i < end:
        if spans and i >= spans[0][0]:
            i = max(i, spans.pop(0)[1])  # a code span: never math, and math never reaches into one
            continue
        limit = spans[0][0] if spans else end
        c = text[i]
        if c == "\\":
            nxt = text[i + 1] if i + 1 < limit else ""
            if nxt in "([":
                closer = "\\)" if nxt == "(" else "\\]"
                j = _find_closer(text, i + 2, closer, limit)
                if j > i + 2 and _BRACKET_TEX.search(text, i + 2, j) and not _in_link_target(text, i):
                    yield Piece(i, j + 2, text[i : j + 2], text[i + 2 : j].strip(), display=nxt == "[")
                    i = j + 2
                    continue
            i += 2  # an escape (`\$`, `\\`...) or a lone backslash
            continue
        if c == "$":
            if text.startswith("$$", i):
                j = _find_closer(text, i + 2, "$$", limit)
                if j > i + 2 and text[i + 2 : j].strip():
                    yield Piece(i, j + 2, text[i : j + 2], text[i + 2 : j].strip(), display=True)
                    i = j + 2
                else:
                    i += 2
                continue
            if i + 1 < limit and text[i + 1] not in " \t\n":
                j = _dollar_closer(text, i + 1, limit)
                if j > 0:
                    yield Piece(i, j + 1, text[i : j + 1], text[i + 1 : j], display=False)
                    i = j + 1
                    continue
        i = _next(_MATH_START, text, i + 1, end)


def has_math_marks(source: str) -> bool:
    """Cheap test: False means `split()` finds no math."""
    return "$" in source or "\\(" in source or "\\[" in source


def split(source: str) -> list[Piece]:
    """The source cut into text and math pieces, in order, covering it whole."""
    pieces: list[Piece] = []
    if not has_math_marks(source):
        return [Piece(0, len(source), source)] if source else []
    at = 0
    for start, end in _runs(source):
        for math in _math_in(source, start, end):
            if math.start > at:
                pieces.append(Piece(at, math.start, source[at : math.start]))
            pieces.append(math)
            at = math.end
    if at < len(source):
        pieces.append(Piece(at, len(source), source[at:]))
    return pieces


def line_prefix(source: str, offset: int) -> str:
    """What a new line must start with to stay in the container (quote, list item) that the
    line holding `offset` is in: the quote marks, and spaces for a list marker."""
    line_start = source.rfind("\n", 0, offset) + 1
    line = source[line_start:offset]
    m = _CONTAINER.match(line)
    if m is None:  # pragma: no cover - the pattern matches any string
        return ""
    quotes, marker = m.group(1), m.group(2) or ""
    indent = len(line) - len(line.lstrip(" ")) if not quotes and not marker else 0
    return quotes + " " * (len(marker) + indent)


# -- typesetting -----------------------------------------------------------------------------

_UNKNOWN = re.compile(r"<m(?:i|o|n|text)[^>]*>\\[A-Za-z]")  # latex2mathml's output for a command it lacks


class MathError(ValueError):
    """Why a formula is shown as source."""


class _TooSlow(Exception):  # noqa: N818 - internal signal, never leaves this module
    pass


_deadline = threading.local()  # .at: time.monotonic() past which the layout in this thread stops


_configure_lock = threading.Lock()


def warm() -> None:
    """Load ziamath and its font now (half a second) rather than at the first formula; safe to
    call from a worker thread at start-up."""
    with _configure_lock:
        _configure()


@functools.cache
def _configure() -> None:
    with warnings.catch_warnings():  # ziamath 0.13 finds its font with importlib.resources.path (deprecated)
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath
    from ziamath.nodes.mnode import Mnode

    # SVG 1.1: plain paths, no <symbol>/<use>; QtSvg (SVG Tiny) and every browser draw it.
    ziamath.config.svg2 = False
    ziamath.config.precision = 2
    # The time cap: every node of the layout is built through Mnode.fromelement (a classmethod
    # that no node class overrides); past the deadline it raises, and the layout unwinds.
    original = Mnode.__dict__["fromelement"].__func__  # the function under the classmethod

    def fromelement(cls: type, element: object, parent: object, **kwargs: object) -> object:
        at = getattr(_deadline, "at", None)
        if at is not None and time.monotonic() > at:
            raise _TooSlow
        return original(cls, element, parent, **kwargs)

    Mnode.fromelement = classmethod(fromelement)  # type: ignore[method-assign, assignment]  # same call, checked


def mathml(tex: str, display: bool) -> str:
    """The formula as MathML (latex2mathml, with ziamath's fixes); MathError when it is not
    something we can typeset."""
    if len(tex) > MAX_SOURCE:
        raise MathError(f"longer than {MAX_SOURCE} characters")
    depth = 0
    for c in tex:
        depth += (c == "{") - (c == "}")
        if depth > MAX_DEPTH:
            raise MathError("nested too deep")
    warm()
    from ziamath.tex import tex2mml

    try:
        mml = tex2mml(tex, inline=not display)
    except Exception as exc:  # noqa: BLE001 - latex2mathml raises many kinds on bad input; all mean "show source"
        raise MathError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from exc
    unknown = _UNKNOWN.search(mml)
    if unknown:
        command = re.match(r"\\[A-Za-z]+", mml[unknown.end() - 2 :])
        raise MathError(f"unknown command {command.group(0) if command else ''}".strip())
    if mml.count("<") > 2 * MAX_ELEMENTS:
        raise MathError("too big")
    return mml


@functools.lru_cache(maxsize=1024)
def render(tex: str, display: bool, colour: str = "currentColor", size: float = 20.0) -> MathSvg | None:
    """One formula as SVG, `size` px a font em, paths filled with `colour` (any SVG colour;
    "currentColor" follows the page's CSS); None when it cannot be typeset."""
    try:
        return render_or_raise(tex, display, colour, size)
    except MathError:
        return None


def render_or_raise(tex: str, display: bool, colour: str = "currentColor", size: float = 20.0) -> MathSvg:
    mml = mathml(tex, display)
    import ziamath

    warm()
    _deadline.at = time.monotonic() + MAX_SECONDS
    try:
        root = ET.fromstring(mml)
        root.attrib["mathcolor"] = colour
        math = ziamath.Math(root, size=size, margin=1.0)
        svg = math.svg()
        width, height = math.getsize()
        depth = -math.node.bbox.ymin
    except _TooSlow:
        raise MathError(f"took longer than {MAX_SECONDS:g} s to typeset") from None
    except Exception as exc:  # noqa: BLE001 - ziamath's layout fails in many ways on MathML it lacks; show source
        raise MathError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from exc
    finally:
        _deadline.at = None
    margin = math.margin
    return MathSvg(svg.encode("utf-8"), width + 2 * margin, height + 2 * margin, depth + margin)
