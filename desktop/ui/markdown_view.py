"""The Answer pane: a Markdown view that renders a streamed answer incrementally.

The source is cut into top-level blocks. A block is rendered into the document once, when the
next block begins; only the unfinished last block (the "tail") is re-rendered per append, so the
cost of an append is bounded by the size of one block, not of the answer (LAB.md §4). The one
exception: a block using a reference link (`[text][ref]`) whose definition arrives later is
rendered again, in place, when the definition's block is finished.

Whatever the chunking, the result is the one-shot render's (`set_markdown()`): at the end, and
mid-stream for every finished block (tests/test_markdown_equivalence.py).

LaTeX math (docs/math.md) is shown as images (desktop/ui/math_images.py). Formulas are typeset in
a worker thread, never in a rendering step: one not typeset yet shows as its source, and its
block is rendered again once it is ready, as for a late link definition. `math_pending()` says
whether some formula shown is still waiting. A theme change draws the formulas again in the new
text colour (`restyle_math()`, also called on a palette change).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextTable,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QTextBrowser, QTextEdit, QWidget

from .highlight import lexer_for, shared_theme
from .markdown_blocks import (
    SEGMENT_CHARS,
    TABLE_ROWS,
    Block,
    BlockScanner,
    Segment,
    bracket_labels,
    fence_code,
    link_definitions,
    segments,
)

if TYPE_CHECKING:
    from pygments.token import _TokenType

# NoHTML: model output is text, never markup of ours to interpret.
_MD_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)
# Every block is rendered behind this paragraph and copied from just after it, so the copy
# starts with a block separator and carries the block's own format (list, quote, heading);
# a fragment copied from position 0 would lose its first block's format on insertion.
_SENTINEL = "x\n\n"
_FILLER = QTextBlockFormat()  # see MarkdownView._reset
_FILLER.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
_FRAME_END = "\ufdd1"  # QTextEndOfFrame: what the document holds where a frame (a table) closes
# Code blocks are plain blocks tagged with the source offset of their code (so that adjacent code
# blocks stay apart) and boxed by paintEvent. Not frames: QTextDocumentLayout does work for
# every frame in the document on every change, which makes streaming quadratic in their number.
_CODE_ID = QTextFormat.Property.UserProperty.value + 1
_PAD = 8  # code box padding, px
# A long code line wraps with a hanging indent: its continuation lines start this many columns
# right of the line's own indentation (capped), behind a painted mark, so that a wrapped line
# never looks like Python's next indented line.
_HANG = 4
_HANG_MAX = 24
_CONTINUED = "\u21aa"  # ↪

_QUOTE = re.compile(r"^ {0,3}>", re.M)
_LINK_MARKS = ("[", "://", "www.", "@", "<")  # what a link (or GFM's bare autolink) needs
_FENCE_START = re.compile(r" {0,3}(?:`{3,}[^`]*|~{3,}.*|`{1,2}|~{1,2})")  # a line that may open a fence
_BLOCK_START = re.compile(r" {0,3}(?:[-+*>#`~|\[]|\d{1,9}[.)])")  # may begin a block of another kind
_QUIET = QColor("#6a737d")  # block quotes: GitHub's grey, readable on light and dark bases
_MATH_SCHEME = "dashchat-math:"  # math_images.SCHEME: the images of formulas
_OBJECT = "\ufffc"  # what a document's text holds where an image is


# Rendering works in steps of about _BUDGET_S each; what is left waits for the next turn of the
# event loop, so that a flood of text never holds the loop for long. An update with at most
# _MIN_CHARS of source to render is always shown at once, in one step.
_BUDGET_S = 0.008
_MIN_CHARS = 8192
# An unbroken run of letters and digits (a big number, base64) has no line-break opportunity, and
# Qt lays such a run out in superlinear time: the displayed text gets a zero-width space every
# _RUN_STEP characters of a run longer than _RUN_MIN (the source, markdown() and copies keep none).
_ZWSP = "\u200b"
_RUN_MIN = 256
_RUN_STEP = 64
_LONG_RUN = re.compile(rf"(?<!\S)[0-9A-Za-z+/=]{{{_RUN_MIN},}}(?!\S)")


def _has_math_marks(source: str) -> bool:
    """math_tex.has_math_marks, without importing math_tex (and xml.etree) with the view."""
    return "$" in source or "\\(" in source or "\\[" in source


def _breakable(source: str) -> str:
    if len(source) < _RUN_MIN:
        return source
    return _LONG_RUN.sub(
        lambda m: _ZWSP.join(m[0][i : i + _RUN_STEP] for i in range(0, len(m[0]), _RUN_STEP)), source
    )


class _Budget:
    def __init__(self, limited: bool, cursor: QTextCursor) -> None:
        self.start = time.perf_counter()
        self.limited = limited
        self.cursor = cursor  # holds the step's edit block
        self.chars = 0  # source rendered in this step
        self._counted = 0

    def spent(self) -> bool:
        """Whether the step should end now (never before it has rendered something)."""
        if not self.limited or not self.chars:
            return False
        if self.chars != self._counted:
            # Qt lays the new text out when the edit block ends, often a larger cost than the
            # insertion's: count it in, by ending the block now and laying out what it changed.
            self._counted = self.chars
            document = self.cursor.document()
            self.cursor.endEditBlock()
            document.documentLayout().documentSize()
            self.cursor.beginEditBlock()
        return time.perf_counter() - self.start > _BUDGET_S


_warmed: set[str] = set()


def _hang(line: str) -> int:
    """Columns a wrapped code line continues at: its own indentation and _HANG more."""
    indent = len(line) - len(line.lstrip(" \t"))
    return min(len(line[:indent].expandtabs(4)) + _HANG, _HANG_MAX)


def warm_lexer(lang: str) -> None:
    """Load a Pygments lexer in an event-loop turn of its own, ahead of the fence that needs it.

    The first use of a lexer imports its module and compiles its rules (~20 ms for Python);
    done inside the update that closes a fence, it adds to that update's rendering and makes
    the longest stall of a stream (benchmarks/bench_stream.py). The Answer pane warms Python's
    once the window is idle; a fence in another language warms its lexer when it opens.
    """
    if lang and lang not in _warmed:
        _warmed.add(lang)
        QTimer.singleShot(0, lambda: lexer_for(lang))


@dataclass
class _Parsed:
    """A block rendered in the scratch document, ready to be placed into the view's."""

    fragment: QTextDocumentFragment
    starts_with_table: bool
    ends_with_table: bool


@dataclass
class _Pending:
    """A finished block using labels no definition has been seen for yet."""

    start: int  # where it begins in the document
    end: int  # where its last block ends
    source: str
    labels: set[str]
    joins: tuple[bool, bool] = (False, False)  # see MarkdownView._parse


class _Document(QTextDocument):
    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: A002, N802 - Qt's signature
        # QTextDocument's own fallback would read local files and decode data: URLs; nothing from
        # the model gets loaded. The only images are formulas, which math_images drew (not with
        # addResource: setMarkdown clears a document's resources).
        url = name.toString() if isinstance(name, QUrl) else str(name)
        if url.startswith(_MATH_SCHEME):
            from . import math_images

            return math_images.lookup(url)
        return None


class MarkdownView(QTextBrowser):
    """Read-only Markdown view fed with `append()` while an answer streams in.

    `code_style` names a Pygments style for code blocks; by default a light or a dark one,
    after the palette.
    """

    linkActivated = Signal(QUrl)  # an http(s) link was clicked
    # Everything received so far is shown (after a render that took more than one step).
    caught_up = Signal()

    _source: str  # everything received so far
    _finished: bool
    _code_plain: QTextCharFormat  # these two: set by _init_code_formats
    _column_key: str

    def __init__(self, parent: QWidget | None = None, code_style: str | None = None) -> None:
        super().__init__(parent)
        self.setDocument(_Document(self))
        self.document().setUndoRedoEnabled(False)  # the undo stack would keep every removed tail
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.anchorClicked.connect(self._on_anchor)
        self._scratch = _Document(self)
        self._scratch.setUndoRedoEnabled(False)
        self._init_code_formats(code_style)
        self._follow = True
        self._scrolling = False
        self._code_touched = False
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        # Layout may finish after append() returns; follow the range, not just the edit.
        bar.rangeChanged.connect(self._on_range)
        self._steps = QTimer(self)  # the next rendering step, when one was not enough
        self._steps.setSingleShot(True)
        self._steps.setInterval(0)
        self._steps.timeout.connect(self._step)
        self._typeset_connected = False  # to math_images.typesetter().done
        self._reset()

    # -- public API -----------------------------------------------------------------------

    def append(self, text: str) -> None:  # replaces QTextEdit.append, which adds a paragraph
        if self._finished:
            raise RuntimeError("append() after finish(); call clear() first")
        if text:
            self._source += text
            self._feed(final=False)

    def finish(self) -> None:
        if not self._finished:
            self._finished = True
            self._feed(final=True)

    def is_caught_up(self) -> bool:
        """Whether everything appended so far is shown; if not, the rest is rendered in the next
        turns of the event loop and `caught_up` is emitted once it is."""
        return not self._behind

    def catch_up(self) -> None:
        """Render what is left now, however long it takes."""
        while self._behind:
            self._step(budget=False)

    def set_markdown(self, text: str) -> None:
        self.clear()
        self._source = text
        self._finished = True
        self._feed(final=True)
        self.catch_up()
        self._follow = False  # a stored answer is read from the top
        self.setTextCursor(QTextCursor(self.document()))  # keyboard selection starts there too
        self._scroll_to(0)

    def clear(self) -> None:
        self._steps.stop()
        self.document().clear()
        self._reset()
        self._follow = True

    def markdown(self) -> str:
        return self._source

    def code_blocks(self) -> list[str]:
        return [fence_code(self._source, f) for f in self._scanner.fences]

    def code_boxes(self) -> list[QRectF]:
        """The rectangles (document coordinates) of the code blocks shown as boxes, in order:
        what a walk over every block of the document finds, in time proportional to the lines
        of code only (a Copy button per box follows them as the answer grows)."""
        doc = self.document()
        layout = doc.documentLayout()
        starts = list(self._code_starts)
        if self._tail_key is not None and self._tail_key[0] == "code":
            starts.append(self._open_pos)  # the open fence
        boxes: list[QRectF] = []
        for start in starts:
            block = doc.findBlock(start)
            code_id = block.blockFormat().property(_CODE_ID)
            if code_id is None:
                continue
            box = QRectF(layout.blockBoundingRect(block))
            block = block.next()
            while block.isValid() and block.blockFormat().property(_CODE_ID) == code_id:
                box = box.united(layout.blockBoundingRect(block))
                block = block.next()
            boxes.append(box)
        return boxes

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: A002, N802 - Qt's signature
        return None  # never fetch what the model points at (the document does not ask either)

    def math_pending(self) -> bool:
        """Whether some formula of the answer is shown as its source while it is typeset."""
        return bool(self._waiting)

    def restyle_math(self) -> None:
        """Draw the formulas again if the text colour changed (a theme change): the answer is
        rendered again, in budgeted steps as a streamed one."""
        if not self._math_colour or self._math_key() == self._math_colour:
            return
        source, finished, follow = self._source, self._finished, self._follow
        self._steps.stop()
        self.document().clear()
        self._reset()
        self._follow = follow
        self._source = source
        self._finished = finished
        self._feed(final=finished)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.restyle_math()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        if self._math_colour:
            cursor = self.textCursor()
            plain = cursor.selection().toPlainText()
            if _OBJECT in plain:
                from . import math_images

                text = math_images.selection_text(cursor)
                if text != plain:
                    # Formulas in it: their LaTeX, as text only (an HTML copy would hold images
                    # no other program can load).
                    data = QMimeData()
                    data.setText(text.replace(_ZWSP, ""))
                    return data
        # The zero-width spaces that let a long run of digits wrap are the view's, not the text's.
        data = super().createMimeDataFromSelection()
        text = data.text()
        if _ZWSP in text:
            html = data.html() if data.hasHtml() else ""
            data.setText(text.replace(_ZWSP, ""))
            if html:
                data.setHtml(html.replace(_ZWSP, ""))
        return data

    # -- rendering ------------------------------------------------------------------------

    def _reset(self) -> None:
        self._source = ""
        self._finished = False
        self._scanner = BlockScanner()
        # The document always ends in a filler: an empty block of zero height after the last
        # finished block, where the tail is rendered. Removing the tail therefore never touches
        # the separator that ends a finished block (Qt would merge that block with the next one
        # and give it the next one's format and identity).
        self._tail_pos = 0  # the filler's position
        self._has_filler = True  # False once a finished block was rendered into it
        self._placed = False  # whether the last _place() inserted anything
        self._tail_key: tuple[Any, ...] | None = None  # what the tail rendering shows
        # Link reference definitions of the finished blocks, the first one of each label (as in
        # CommonMark), and the finished blocks that use a label nothing defines yet: a
        # definition arriving later renders them again, in place.
        self._definitions: dict[str, str] = {}
        self._pending: list[_Pending] = []
        # Finished blocks not rendered yet (the budget ran out), and whether anything is left.
        self._queue: list[Block] = []
        self._behind = False
        # The block being shown (the open one, or the first queued) may be shown as several
        # (markdown_blocks.segments): those rendered so far, as (start, end, prefix) in the
        # source, from `_segs_from`; the rest of the block is rendered at `_open_pos`.
        self._segs_from = -1
        self._segs: list[tuple[int, int, str]] = []
        self._open_pos = 0
        self._code_starts: list[int] = []  # where each finished code box begins (code_boxes)
        # Math: the text colour formulas were drawn in ("" while none was shown), the labels of
        # formulas waiting for the typesetter (math_images.waiting_label) in the last block
        # parsed, in the tail, and all asked for (a finished block waiting is in _pending).
        self._math_colour = ""
        self._parse_waiting: set[str] = set()
        self._tail_waiting: set[str] = set()
        self._waiting: set[str] = set()
        self._make_filler(QTextCursor(self.document()))
        # Qt drops the last block's bottom margin from the document's height, so a code box at
        # the very end would lose its bottom padding when scrolled to the bottom.
        root = self.document().rootFrame()
        root_format = root.frameFormat()
        root_format.setBottomMargin(root_format.bottomMargin() + _PAD)
        root.setFrameFormat(root_format)

    def _feed(self, final: bool) -> None:
        finished = self._scanner.feed(self._source, final)
        if finished:
            defined = self._learn_definitions(finished)
            self._queue.extend(finished)
            if defined and self._pending:
                cursor = QTextCursor(self.document())
                cursor.beginEditBlock()
                try:
                    self._resolve(defined)
                finally:
                    cursor.endEditBlock()
        self._behind = True
        self._step()

    def _step(self, budget: bool = True) -> None:
        """Render queued finished blocks, then the open one, for about _BUDGET_S; schedule the
        next step if something is left."""
        self._steps.stop()
        bar = self.verticalScrollBar()
        follow = self._follow
        # What is left to render, roughly: from the first block not shown as final to the end.
        left = len(self._source) - (self._queue[0].start if self._queue else self._scanner.tail)
        if self._segs:
            left -= self._segs[-1][1] - self._segs_from
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one layout pass and one size change for the whole step
        work = _Budget(budget and left > _MIN_CHARS, cursor)
        try:
            while self._queue and not work.spent():
                self._render_queued(work)
            done = not self._queue and self._render_tail(work)
            if done and self._finished and self._has_filler:
                self._drop_filler()  # nothing follows the last block: no gap below it
        finally:
            cursor.endEditBlock()
        if self._code_touched:  # its box is painted by us, partly outside Qt's update rects
            self._code_touched = False
            self.viewport().update()
        if follow:
            self._follow = True
            self._scroll_to(bar.maximum())
        if not done:
            self._steps.start()
        elif self._behind:
            self._behind = False
            self.caught_up.emit()

    def _learn_definitions(self, blocks: list[Block]) -> set[str]:
        """Collect the link reference definitions of newly finished blocks; return the labels
        defined for the first time."""
        defined: set[str] = set()
        for block in blocks:
            if block.fence is None:
                for label, definition in link_definitions(self._source[block.start : block.end]):
                    if label not in self._definitions:
                        self._definitions[label] = definition
                        defined.add(label)
        return defined

    def _render_queued(self, work: _Budget) -> None:
        """Render (more of) the first queued finished block; unqueue it once it is all shown."""
        block = self._queue[0]
        last = block.end >= len(self._source) and self._finished  # no tail after it
        if block.fence is not None:
            self._drop_segments()
            self._remove_tail()
            fence = block.fence
            self._has_filler = False
            self._insert_code(fence_code(self._source, fence), fence.lang, fence.content_start, highlight=True)
            work.chars += block.end - block.start
            self._queue.pop(0)
            if not last:
                self._tail_pos = self._open_pos = self._end_with_filler()
            return
        source = self._source[block.start : block.end]
        parts = segments(source, final=True)
        shown = self._keep_segments(block.start, parts)
        self._remove_tail()
        for part in parts[shown:]:
            if work.spent():
                return
            self._render_segment(block.start, part, joined_next=part is not parts[-1])
            work.chars += part.end - part.start
            if part is not parts[-1] or not last:
                self._open_pos = self._end_with_filler()
        self._queue.pop(0)
        self._segs_from, self._segs = -1, []
        self._tail_pos = self._open_pos

    def _keep_segments(self, start: int, parts: list[Segment]) -> int:
        """How many of `parts` (of a block at `start`) are shown already; the segments shown
        after those are removed."""
        if self._segs_from != start:
            self._drop_segments()
            self._segs_from = start
            return 0
        keep = 0
        for shown, part in zip(self._segs, parts, strict=False):
            if shown != (start + part.start, start + part.end, part.prefix):
                break
            keep += 1
        if keep < len(self._segs):
            # Not the block it looked like while open (a later line made it something else):
            # show it again from the first segment that differs.
            self._drop_segments()
            self._segs_from = start
            return 0
        return keep

    def _drop_segments(self) -> None:
        """Remove the open block's segments shown so far (and its rest)."""
        if self._segs:
            self._tail_key = ("dropped",)
            self._open_pos = self._tail_pos
            self._remove_tail()
            self._pending = [p for p in self._pending if p.start < self._tail_pos]
            self._has_filler = True
        self._segs_from, self._segs = -1, []
        self._open_pos = self._tail_pos

    def _render_segment(self, block_start: int, part: Segment, joined_next: bool) -> None:
        """Render one part of a block into the filler at the end, as a finished block. Parts of
        a paragraph meet without the space between paragraphs (`joins`)."""
        source = part.prefix + self._source[block_start + part.start : block_start + part.end]
        joins = (part.start > 0 and not part.prefix, joined_next and not part.prefix)
        self._segs.append((block_start + part.start, block_start + part.end, part.prefix))
        self._has_filler = False
        start = self._open_pos
        self._placed = False
        self._insert_markdown(source, joins)
        end = self.document().characterCount() - 1
        if not self._placed:
            self._has_filler = True  # it shows nothing (only link reference definitions)
            return
        unresolved = (bracket_labels(source) - self._definitions.keys()) | self._parse_waiting
        if unresolved:
            self._pending.append(_Pending(start, end, source, unresolved, joins))

    def _resolve(self, defined: set[str]) -> None:
        """Render again, in place, the finished blocks that use a label just defined."""
        doc = self.document()
        shift = 0
        tail, tail_shift = self._tail_pos, None
        moved: list[tuple[int, int]] = []  # (where a block re-rendered ended, how much it grew)
        waiting: list[_Pending] = []
        for pending in self._pending:
            if tail_shift is None and pending.start >= tail:
                tail_shift = shift  # a segment of the open block: after the tail's start
            old_end = pending.end
            pending.start += shift
            pending.end += shift
            if pending.labels & defined:
                cursor = QTextCursor(doc)
                cursor.setPosition(pending.start)
                cursor.setPosition(pending.end, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                self._make_filler(cursor)  # as if the block were about to be rendered first
                size = doc.characterCount()
                self._place(self._parse(pending.source, pending.joins), pending.start)
                end = pending.start + doc.characterCount() - size
                moved.append((old_end, end - pending.end))
                shift += end - pending.end
                pending.end = end
                pending.labels -= defined
                pending.labels |= self._parse_waiting  # formulas the typesetter had not seen yet
            if pending.labels:
                waiting.append(pending)
        self._pending = waiting
        self._tail_pos += shift if tail_shift is None else tail_shift
        self._open_pos += shift
        if moved:
            self._code_starts = [c + sum(d for end, d in moved if end <= c) for c in self._code_starts]

    def _render_tail(self, work: _Budget) -> bool:
        """Render the open block; False if the budget ran out first."""
        scan = self._scanner
        if self._segs_from not in (-1, scan.tail):
            self._drop_segments()
        if scan.kind == "fence" and scan.fence is not None:
            self._drop_segments()
            fence = scan.fence
            warm_lexer(fence.lang)  # highlighted when it closes: a slow stream gets it ready
            # Hold back a final newline: it would show as an empty last line until more arrives.
            # (Right after the opening line there is no code yet, not even that newline.)
            shown = max(0, len(self._source) - fence.content_start - self._source.endswith("\n"))
            key = self._tail_key
            if key is not None and key[0] == "code" and key[1] == fence.content_start:
                # An open fence only ever grows at its end: append the new text, no re-render.
                if shown > key[2]:
                    cursor = QTextCursor(self.document())
                    cursor.movePosition(QTextCursor.MoveOperation.End)
                    grown_from = cursor.position()
                    start = fence.content_start
                    cursor.insertText(self._source[start + key[2] : start + shown], self._code_plain)
                    self._shape_code(self._open_pos, grown_from, fence.content_start, fence.lang)
                self._tail_key = ("code", fence.content_start, shown)
                work.chars += shown - key[2]
                return True
            self._remove_tail()
            code = self._source[fence.content_start : fence.content_start + shown]
            self._insert_code(code, fence.lang, fence.content_start, highlight=False)
            self._tail_key = ("code", fence.content_start, shown)
            work.chars += shown
            return True
        text = self._source[scan.tail :]
        if not self._finished:
            # A last line that may be opening a fence would show as an empty code line of
            # Qt's own until its newline arrives, then turn into a code box: show it then.
            last = text[text.rfind("\n") + 1 :]
            if _FENCE_START.fullmatch(last):
                text = text[: len(text) - len(last)]
        if not self._finished and scan.fence is None:
            # A long paragraph or table is shown in segments: those that are final already are
            # rendered once, as finished blocks; only the last one is rendered again.
            parts = self._open_segments(text)
            sealed, open_part = parts[:-1], parts[-1]
            shown = self._keep_segments(scan.tail, sealed) if sealed or self._segs else 0
            for part in sealed[shown:]:
                if work.spent():
                    return False
                self._remove_tail()
                self._render_segment(scan.tail, part, joined_next=True)
                work.chars += part.end - part.start
                self._open_pos = self._end_with_filler()
            head = open_part.prefix  # the rest of a long table: its rows, behind its header
        else:
            head = ""
        rest = self._segs[-1][1] - scan.tail if self._segs else 0
        text = text[rest:]
        if self._tail_key == ("md", rest, text):
            return True
        self._remove_tail()
        self._tail_waiting = set()
        if text.strip():
            self._insert_markdown(head + text, joins=(rest > 0 and not head, False))
            self._tail_waiting = self._parse_waiting
            work.chars += len(text)
            if any(mark in text for mark in _LINK_MARKS):
                self._unlink(self._open_pos)  # a link still arriving may lack the end of its URL
        self._tail_key = ("md", rest, text)
        return True

    @staticmethod
    def _open_segments(text: str) -> list[Segment]:
        """The segments of the open block: those final whatever comes next, then the open one."""
        blank = text.find("\n\n")
        if blank >= 0:
            text = text[: blank + 1]  # a blank line ends a paragraph or a table
        elif "\n" in text and _BLOCK_START.match(text, text.rfind("\n") + 1):
            text = text[: text.rfind("\n") + 1]  # a last line that may begin another block
        if len(text) <= SEGMENT_CHARS and text.count("\n") <= TABLE_ROWS:
            return [Segment(0, len(text))]
        return segments(text, final=False)

    def _remove_tail(self) -> None:
        if self._tail_key is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._open_pos)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._make_filler(cursor)  # the tail's first block was folded into it: undo its format
        self._tail_key = None

    @staticmethod
    def _make_filler(cursor: QTextCursor) -> None:
        cursor.setBlockFormat(_FILLER)
        cursor.setBlockCharFormat(QTextCharFormat())

    def _end_with_filler(self) -> int:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        # Always a block of its own, also after a table: rendered into the empty block Qt keeps
        # after a table, the next block would lose its format (a rule, a heading) to it.
        cursor.insertBlock(_FILLER, QTextCharFormat())
        self._has_filler = True
        return cursor.position()

    def _drop_filler(self) -> None:
        doc = self.document()
        last = doc.lastBlock()
        if last.position() != self._tail_pos or last.length() != 1 or not last.previous().isValid():
            return
        before = last.previous()
        block_format, char_format = before.blockFormat(), before.charFormat()
        cursor = QTextCursor(doc)
        cursor.setPosition(self._tail_pos - 1)
        cursor.setPosition(self._tail_pos, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        # An empty block merged with the one after it takes that one's format: keep its own.
        cursor.setBlockFormat(block_format)
        cursor.setBlockCharFormat(char_format)
        self._has_filler = False
        self._tail_pos -= 1
        self._open_pos = self._tail_pos

    def _insert_markdown(self, source: str, joins: tuple[bool, bool] = (False, False)) -> None:
        """Render `source` into the filler at the end."""
        self._place(self._parse(source, joins), self.document().characterCount() - 1)

    def _parse(self, source: str, joins: tuple[bool, bool] = (False, False)) -> _Parsed | None:
        """Render `source` in the scratch document, behind the definitions of the labels it
        uses; None when it shows nothing. `joins`: whether it continues a paragraph cut before
        it, and is continued after it: no margin on that side, so that the parts read as one."""
        scratch = self._scratch
        prefix = ""
        if self._definitions and "[" in source:
            known = [self._definitions[label] for label in bracket_labels(source) if label in self._definitions]
            if known:
                prefix = "\n\n".join(known) + "\n\n"
        self._parse_waiting = set()
        math = _has_math_marks(source) and self._prepare_math(source)
        if math:
            source = math
        source = _breakable(source)
        scratch.setMarkdown(prefix + _SENTINEL + source, _MD_FEATURES)
        if prefix and scratch.firstBlock().text() != _SENTINEL[0]:  # not read as definitions
            scratch.setMarkdown(_SENTINEL + source, _MD_FEATURES)
        if math:
            from . import math_images

            math_images.style_math(scratch)
        if "![" in source:
            self._replace_images(scratch)
        if "|" in source or _QUOTE.search(source):
            self._polish(scratch)
        if joins[0]:
            no_top = QTextBlockFormat()
            no_top.setTopMargin(0)
            QTextCursor(scratch.findBlock(len(_SENTINEL) - 1)).mergeBlockFormat(no_top)
        if joins[1] and scratch.lastBlock().position() >= len(_SENTINEL) - 1:
            no_bottom = QTextBlockFormat()
            no_bottom.setBottomMargin(0)
            QTextCursor(scratch.lastBlock()).mergeBlockFormat(no_bottom)
        pick = QTextCursor(scratch)
        pick.setPosition(len(_SENTINEL) - 2)  # end of the sentinel paragraph: keep its separator
        if pick.atEnd():
            return None  # e.g. only a link reference definition
        first = QTextCursor(scratch)
        first.setPosition(len(_SENTINEL) - 1)
        starts_with_table = first.currentTable() is not None
        pick.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        last = scratch.lastBlock()
        ends_with_table = last.length() == 1 and scratch.characterAt(last.position() - 1) == _FRAME_END
        return _Parsed(pick.selection(), starts_with_table, ends_with_table)

    def _math_key(self) -> str:
        """The colour formulas are drawn in, after the palette."""
        from . import math_images

        return math_images.text_colour(self._dark()).name()

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _prepare_math(self, source: str) -> str:
        """`source` with its formulas as images (math_images.prepare_shown), "" if it has none.
        Those not typeset yet stay as source: their labels go to _parse_waiting."""
        from . import math_images

        if not self._typeset_connected:
            self._typeset_connected = True
            math_images.typesetter().done.connect(self._on_typeset)
            math_images.warm_in_background()  # the first math mark: load the font meanwhile
        if not self._math_colour:
            self._math_colour = self._math_key()
        prepared, waiting = math_images.prepare_shown(
            source, self._dark(), self.document().defaultFont(), self.devicePixelRatioF()
        )
        self._parse_waiting = waiting
        self._waiting |= waiting
        return prepared if prepared != source else ""

    def _on_typeset(self, labels: list[str]) -> None:
        """Formulas are typeset: render again the blocks that showed them as source."""
        ready = self._waiting.intersection(labels)
        if not ready:
            return
        self._waiting -= ready
        if any(p.labels & ready for p in self._pending):
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            try:
                self._resolve(ready)
            finally:
                cursor.endEditBlock()
            self.viewport().update()
        if self._tail_waiting & ready and self._tail_key is not None and self._tail_key[0] == "md":
            self._tail_key = ("math",)  # shown again by the next step
            if not self._steps.isActive():
                self._step()

    def _place(self, parsed: _Parsed | None, pos: int) -> None:
        """Insert a parsed block into the filler at `pos` (followed by the document's end or by
        the next block's first block)."""
        if parsed is None:
            return
        self._placed = True
        doc = self.document()
        size = doc.characterCount()
        cursor = QTextCursor(doc)
        cursor.setPosition(pos)
        cursor.insertFragment(parsed.fragment)
        end = pos + doc.characterCount() - size
        cursor.setPosition(pos)
        if parsed.starts_with_table:  # a table needs the (invisible) filler before it
            self._make_filler(cursor)  # which took the format of the sentinel paragraph
        else:
            # Fold the filler into the fragment's first block, which then keeps its own format
            # (an empty block merged with the next takes the next one's format).
            cursor.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            end -= 1
        if parsed.ends_with_table:
            # The empty block Qt keeps after a table: invisible, whatever comes next.
            cursor.setPosition(end)
            self._make_filler(cursor)

    def _unlink(self, start: int) -> None:
        """Links from `start` to the end lose their target: shown, not clickable."""
        doc = self.document()
        block = doc.findBlock(start)
        spans: list[tuple[int, int, QTextCharFormat]] = []
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isAnchor() or fmt.hasProperty(QTextFormat.Property.AnchorHref):
                    fmt.setAnchor(False)
                    fmt.clearProperty(QTextFormat.Property.AnchorHref)
                    fmt.clearProperty(QTextFormat.Property.AnchorName)
                    spans.append((fragment.position(), fragment.length(), fmt))
                it += 1
            block = block.next()
        cursor = QTextCursor(doc)
        for position, length, fmt in spans:
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)

    @staticmethod
    def _replace_images(doc: QTextDocument) -> None:
        # Markdown images (`![alt](url)`) would make the document fetch `url`: show alt text.
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                it += 1
                fmt = frag.charFormat()
                if fmt.isImageFormat():
                    url = fmt.stringProperty(QTextFormat.Property.ImageName)
                    if url.startswith(_MATH_SCHEME):
                        continue  # a formula (math_images), served by _Document.loadResource
                    alt = fmt.stringProperty(QTextFormat.Property.ImageAltText) or url
                    link = QTextCharFormat()
                    link.setAnchor(True)
                    link.setAnchorHref(url)
                    link.setFontItalic(True)
                    link.setForeground(QGuiApplication.palette().link())  # as Qt colours links
                    cursor = QTextCursor(doc)
                    cursor.setPosition(frag.position())
                    cursor.setPosition(frag.position() + frag.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.insertText(f"[image: {alt}]", link)
                    it = block.begin()  # the block's fragments changed under the iterator
            block = block.next()

    @staticmethod
    def _polish(doc: QTextDocument) -> None:
        # Qt draws tables flush against their neighbours with a dark grid, and block quotes as
        # bare indentation; set them apart a little, as GitHub does.
        for frame in doc.rootFrame().childFrames():
            if isinstance(frame, QTextTable):
                table_format = frame.format()
                table_format.setTopMargin(4)
                table_format.setBottomMargin(4)
                frame.setFormat(table_format)
        quiet = QTextCharFormat()
        quiet.setForeground(_QUIET)
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().intProperty(QTextFormat.Property.BlockQuoteLevel):
                cursor = QTextCursor(block)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(quiet)
            block = block.next()

    def _insert_code(self, code: str, lang: str, code_id: int, highlight: bool) -> None:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)  # the filler becomes the first line
        first = cursor.position()
        if highlight:  # a finished block (the open one is found at _open_pos)
            self._code_starts.append(first)
        cursor.setBlockCharFormat(self._code_plain)
        lexer = lexer_for(lang) if highlight else None
        if lexer is None:
            cursor.insertText(code, self._code_plain)
        else:
            tokens: Iterable[tuple[_TokenType, str]] = lexer.get_tokens(code)
            # Merge runs of the same format: one insertText per run, not per token.
            run: list[str] = []
            run_fmt = self._code_plain
            for ttype, value in tokens:
                fmt = self._theme.format(ttype)
                if fmt is not run_fmt and run:
                    cursor.insertText("".join(run), run_fmt)
                    run = []
                run_fmt = fmt
                run.append(value)
            if run:
                cursor.insertText("".join(run), run_fmt)
        self._shape_code(first, first, code_id, lang)

    def _shape_code(self, first: int, changed: int, code_id: int, lang: str) -> None:
        """Give the code lines from `changed` to the end their block format; the box's padding
        lives in the margins of its first and last lines, a wrapped line's hanging indent in
        its own left margin."""
        self._code_touched = True
        doc = self.document()
        top = doc.findBlock(first)
        last = doc.lastBlock()
        # Qt collapses adjacent margins (the larger wins): two boxes in a row need the room of both.
        after_code = top.previous().blockFormat().property(_CODE_ID) is not None
        column = self._code_column()
        formats: dict[tuple[int, bool, bool], QTextBlockFormat] = {}
        cursor = QTextCursor(doc)
        block = doc.findBlock(changed)
        run: tuple[int, bool, bool] | None = None
        while block.isValid():
            # Lines in a row with the same format get it in one call.
            key = (_hang(block.text()), block == top, block == last)
            if key != run:
                if run is not None:
                    cursor.setBlockFormat(formats[run])
                cursor.setPosition(block.position())
                run = key
                if key not in formats:
                    formats[key] = self._code_format(code_id, lang, key, after_code, column)
            else:
                cursor.setPosition(block.position(), QTextCursor.MoveMode.KeepAnchor)
            block = block.next()
        if run is not None:
            cursor.setBlockFormat(formats[run])

    @staticmethod
    def _code_format(
        code_id: int, lang: str, key: tuple[int, bool, bool], after_code: bool, column: float
    ) -> QTextBlockFormat:
        hang, top, bottom = key
        fmt = QTextBlockFormat()
        # A wrapped line goes on `hang` columns right of where it began (text-indent pulls the
        # first line back to the box's padding).
        fmt.setLeftMargin(_PAD + hang * column)
        fmt.setTextIndent(-hang * column)
        fmt.setRightMargin(_PAD)
        fmt.setProperty(_CODE_ID, code_id)
        # Qt's own marks for a code block (its Markdown writer reads them back).
        fmt.setProperty(QTextFormat.Property.BlockCodeFence, "`")
        if lang:
            fmt.setProperty(QTextFormat.Property.BlockCodeLanguage, lang)
        if top:
            fmt.setTopMargin(2 * _PAD + 6 if after_code else _PAD + 6)
        if bottom:
            fmt.setBottomMargin(_PAD + 6)
        return fmt

    def _code_column(self) -> float:
        """The width of one column of code in the document's font."""
        font = QFont(self.document().defaultFont())
        font.setFamilies(self._code_plain.fontFamilies() or [self._theme.mono.family()])
        font.setFixedPitch(True)
        key = font.key()
        if key != self._column_key:
            self._column_key = key
            self._column = QFontMetricsF(font).horizontalAdvance(" ")
        return self._column

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self._paint_code_boxes(event.rect())
        super().paintEvent(event)

    def _paint_code_boxes(self, area: QRect) -> None:
        # Only the blocks in the area being painted are visited, so painting does not grow with
        # the answer. The area, not the viewport: an answer card in the Answer pane is as tall
        # as its document, and Qt clips its paint events to the part the pane shows.
        layout = self.document().documentLayout()
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        top, bottom = area.top(), area.bottom()
        block = self.cursorForPosition(QPoint(0, top)).block()  # a binary search in Qt
        if block.previous().isValid():
            # The hit may be the block after a box whose bottom padding reaches into the area.
            block = block.previous()
        boxes: list[QRectF] = []
        wrapped: list[QTextBlock] = []  # code lines Qt wrapped: their continuations get a mark
        box: QRectF | None = None
        box_id = None
        while block.isValid():
            fmt = block.blockFormat()
            code_id = fmt.property(_CODE_ID)
            if code_id is None and box is None:
                # Not code and no box open: only the position matters (to know when to stop).
                if layout.blockBoundingRect(block).top() + dy > bottom:
                    break
                block = block.next()
                continue
            if code_id is not None and block.layout().lineCount() > 1:
                wrapped.append(block)
            rect = layout.blockBoundingRect(block).translated(dx, dy)
            # The rect holds the text: its left is the margin's, its width the text's.
            rect.setWidth(rect.width() + 2 * _PAD)
            if code_id is not None and code_id == box_id and box is not None:
                box = box.united(rect)
            else:
                if box is not None:
                    boxes.append(box)
                box, box_id = (QRectF(rect), code_id) if code_id is not None else (None, None)
                if box is not None and block.previous().blockFormat().property(_CODE_ID) == code_id:
                    box.setTop(top - 2 * _PAD)  # the box began above the painted area
            if rect.top() > bottom:
                break
            block = block.next()
        if box is not None:
            boxes.append(box)
        if not boxes:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QPen(self._code_border, 1))
        painter.setBrush(self._code_background)
        for found in boxes:
            # Square and not antialiased: a rounded antialiased rect costs ~0.2 ms per paint.
            painter.drawRect(found.adjusted(0, -_PAD, -1, _PAD - 1))
        if wrapped:
            column = self._code_column()
            font = QFont(self.document().defaultFont())
            font.setFamilies(self._code_plain.fontFamilies() or [self._theme.mono.family()])
            painter.setFont(font)
            painter.setPen(_QUIET)
            for line_block in wrapped:
                text_layout = line_block.layout()
                origin = text_layout.position()
                for i in range(1, text_layout.lineCount()):
                    line = text_layout.lineAt(i)
                    painter.drawText(
                        QPointF(origin.x() + line.x() - 2 * column + dx, origin.y() + line.y() + line.ascent() + dy),
                        _CONTINUED,
                    )
        painter.end()

    def _init_code_formats(self, code_style: str | None) -> None:
        self._theme = shared_theme(self.palette(), code_style)
        self._column_key = ""
        self._column = 0.0
        self._code_plain = self._theme.plain
        self._code_background = self._theme.background
        self._code_border = self._theme.border
        # Tabs in code at 4 columns, not Qt's 80 px.
        self.setTabStopDistance(4 * QFontMetricsF(self._theme.mono).horizontalAdvance(" "))

    # -- scrolling and links --------------------------------------------------------------

    def _scroll_to(self, value: int) -> None:
        self._scrolling = True
        try:
            self.verticalScrollBar().setValue(value)
        finally:
            self._scrolling = False

    def _on_scrolled(self, value: int) -> None:
        if not self._scrolling:
            self._follow = value >= self.verticalScrollBar().maximum()

    def _on_range(self, _minimum: int, maximum: int) -> None:
        if self._follow:
            self._scroll_to(maximum)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            self.linkActivated.emit(url)


class FittedMarkdownView(MarkdownView):
    """A MarkdownView as tall as its document: the Answer pane scrolls, not each answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        # The text wraps at a width of its own (see _wrap_width), not the widget's.
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        width = self._wrap_width(event.size().width())
        if width != self.lineWrapColumnOrWidth():
            self.setLineWrapColumnOrWidth(width)
        super().resizeEvent(event)

    def _scroll_to(self, value: int) -> None:
        # Never scrolled: it is as tall as its document. (Following the end would scroll it
        # between a layout and the fit to the new height, a costly scroll of a tall viewport.)
        if self.verticalScrollBar().value():
            super()._scroll_to(0)

    def _wrap_width(self, width: int) -> int:
        """The width the text wraps at: the view's, less the width of the scroll bar of the pane
        it is in while that bar is hidden. Qt lays the whole document out again when its width
        changes (~2 ms per KB of text); this way the bar's appearing, which makes the view
        narrower, does not change it."""
        margins = self.contentsMargins()
        width -= margins.left() + margins.right() + 2 * self.frameWidth()
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea) and parent.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            bar = parent.verticalScrollBar()
            if not bar.isVisible():
                width -= bar.sizeHint().width()
        return max(width, 40)

    def _fit(self, *_: object) -> None:
        margins = self.contentsMargins()
        height = max(int(self.document().size().height()) + margins.top() + margins.bottom() + 2, 24)
        if height != self.height():
            self.setFixedHeight(height)
            self._lay_out_parents()

    def _lay_out_parents(self) -> None:
        """Lay the parents out now rather than at the next turn of the event loop: in between,
        a paint would show this view grown over what its parent lays out below it (an answer
        card's footer) while the answer streams."""
        parent = self.parentWidget()
        while parent is not None:
            layout = parent.layout()
            if layout is not None:
                layout.activate()
            if isinstance(parent, QScrollArea):
                # It sizes its widget on a layout request: the Answer pane's column of cards.
                QCoreApplication.sendEvent(parent, QEvent(QEvent.Type.LayoutRequest))
            if parent.isWindow():
                break
            parent = parent.parentWidget()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self.height())
