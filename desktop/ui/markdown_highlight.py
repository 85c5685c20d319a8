"""The Answer view's finished code blocks, shown plain a part at a time, then highlighted in
place a budgeted step at a time (markdown_steps.Steps mixes CodeHighlights in).

Lexing is most of a code block's cost: Pygments takes ~0.8 s for 400 KB of Python, and Qt lays
out the text again as its formats change. Done in one go when the fence closed, that was one
freeze of over a second at the end of such an answer (and when a stored one opened). Now the
code a block shows while it streams stays in place when its fence closes (what a fence that
closes in the same read never showed is inserted in parts of _PART_CHARS), and the colours
follow: the lexer's token stream is read for what is left of each step's budget, its runs
applied as character formats to the text already there; a block longer than
HIGHLIGHT_MAX_CHARS stays plain. A one-shot render does the same, all at once (`catch_up`),
so both end with the same document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser

from .highlight import CodeTheme, lexer_for

if TYPE_CHECKING:
    from pygments.lexer import Lexer

    from ..model.markdown_blocks import Fence

    _ViewBase = QTextBrowser
else:
    _ViewBase = object

_PART_CHARS = 16384  # plain code inserted per part, ending before a line break
# A longer block stays plain, as large files do in editors and on code hosts. Qt lays out every
# block after a changed one again (measured: formats set at the start of a 300 KB block cost
# ~6.5 ms of layout per pass, near its end ~1 ms), so colouring a block in place costs time in
# proportion to its lines squared: 400 KB of Python took ~3 s after the text had all arrived.
HIGHLIGHT_MAX_CHARS = 64 * 1024
_CHECK_CHARS = 2048  # code highlighted between two looks at the step's budget


def _utf16(text: str) -> int:
    """Positions in a QTextDocument count UTF-16 code units."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _positions(text: str) -> int:
    """The positions `text` takes in a document: QTextCursor.insertText makes "\r\n" one block
    separator, as it makes "\n" or a lone "\r"."""
    return _utf16(text) - text.count("\r\n")


class Work(Protocol):
    """A rendering step's budget (markdown_steps._Budget)."""

    chars: int  # source shown in this step

    def spent(self) -> bool: ...


class _Job:
    """A finished code block waiting for its colours: the `box`-th of `_code_starts`."""

    __slots__ = ("ascii", "at", "box", "code_id", "left", "tokens")

    def __init__(self, box: int, code_id: int, code: str, lexer: Lexer) -> None:
        if "\r" in code:  # lexed as the document holds it: one position per line break
            code = code.replace("\r\n", "\n").replace("\r", "\n")
        self.box, self.code_id = box, code_id
        self.ascii = code.isascii()
        self.at = 0  # UTF-16 offset in the block up to which the formats are applied
        self.left = len(code)  # characters not highlighted yet
        # A generator: the lexer reads the code as its tokens are asked for, step by step.
        self.tokens: Iterator[tuple[int, Any, str]] = lexer.get_tokens_unprocessed(code)


class CodeHighlights(_ViewBase):
    _code_starts: list[int]
    _open_pos: int
    _tail_key: tuple[Any, ...] | None
    _code_touched: bool
    _has_filler: bool
    _code_plain: QTextCharFormat
    _theme: CodeTheme
    _box_shapes: dict[int, Any]
    _box_walk: Any
    _highlights: list[_Job]

    if TYPE_CHECKING:  # the view's other parts
        def _insert_code(self, code: str, lang: str, code_id: int) -> None: ...
        def _shape_code(self, first: int, changed: int, code_id: int, lang: str) -> None: ...
        def _drop_segments(self) -> None: ...
        def _remove_tail(self) -> None: ...

    def _show_plain_code(self, fence: Fence, code: str, work: Work) -> bool:
        """Make the end of the document, from `_open_pos`, show the finished block's `code`,
        plain; False if the budget ran out first (the rest in the next step). What the open
        fence shows already is kept: the same characters, as an unindented fence shows its
        source while it streams."""
        start = fence.content_start
        key = self._tail_key
        if key is not None and key[0] == "code" and key[1] == start and (len(key) == 4 or not fence.indent):
            shown = key[2]
        else:
            self._drop_segments()
            self._remove_tail()
            shown = -1  # no box yet
        doc = self.document()
        if shown > len(code):  # the open fence showed more: the start of its closing line
            cursor = QTextCursor(doc)
            cursor.setPosition(self._open_pos + _positions(code))
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            self._shape_code(self._open_pos, cursor.position(), start, fence.lang)
            shown = len(code)
        while shown < len(code) or shown < 0:
            if shown >= 0 and work.spent():
                return False
            begin = max(shown, 0)
            end = len(code)
            if end - begin > _PART_CHARS:  # a part ends before a line break, as a streamed one does
                end = code.rfind("\n", begin + 1, begin + _PART_CHARS)
                end = end if end > begin else begin + _PART_CHARS
                if code[end - 1] == "\r" and end - 1 > begin:
                    end -= 1  # not between "\r" and "\n", which are one line break
            if shown < 0:
                self._has_filler = False  # the box's first line takes it
                self._insert_code(code[:end], fence.lang, start)
            else:
                cursor = QTextCursor(doc)
                cursor.movePosition(QTextCursor.MoveOperation.End)
                grown_from = cursor.position()
                cursor.insertText(code[begin:end], self._code_plain)
                self._shape_code(self._open_pos, grown_from, start, fence.lang)
            work.chars += end - begin
            shown = end
            self._tail_key = ("code", start, shown, "finished")
        return True

    def _queue_highlight(self, code_id: int, code: str, lang: str) -> None:
        """Colour the last of `_code_starts` (its text shown plain) in the steps to come."""
        lexer = lexer_for(lang) if code and len(code) <= HIGHLIGHT_MAX_CHARS else None
        if lexer is not None:
            self._highlights.append(_Job(len(self._code_starts) - 1, code_id, code, lexer))

    def _highlight_left(self) -> int:
        return sum(job.left for job in self._highlights)

    def _highlight_some(self, work: Work) -> bool:
        """Apply the waiting blocks' colours for the rest of the step; False if it ran out first."""
        while self._highlights:
            job = self._highlights[0]
            done = self._apply_tokens(job, work)
            self._box_shapes.pop(job.code_id, None)  # bold or italic text may wrap otherwise
            self._box_walk = None
            self._code_touched = True
            if not done:
                return False
            self._highlights.pop(0)
        return True

    def _apply_tokens(self, job: _Job, work: Work) -> bool:
        base = self._code_starts[job.box]
        cursor = QTextCursor(self.document())
        plain, theme = self._code_plain, self._theme
        run_format, run_start = plain, job.at

        def apply(end: int) -> None:
            if run_format is not plain and end > run_start:
                cursor.setPosition(base + run_start)
                cursor.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(run_format)

        checked = 0
        for _index, token_type, value in job.tokens:
            token_format = theme.format(token_type)
            if token_format is not run_format:
                apply(job.at)
                run_format, run_start = token_format, job.at
            job.at += len(value) if job.ascii else _utf16(value)
            job.left -= len(value)
            work.chars += len(value)
            checked += len(value)
            if checked >= _CHECK_CHARS:
                checked = 0
                apply(job.at)
                run_start = job.at
                if work.spent():
                    return False
        apply(job.at)
        return True
