"""The Answer view's code blocks: their lines shaped into boxes (padding, hanging indent of a
wrapped line) and the boxes painted (markdown_view.MarkdownView mixes CodeBoxes in; their colours,
once the fence closes: markdown_highlight.py; warm_lexer loads a lexer ahead of the fence that
needs it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser

from .highlight import lexer_for, shared_theme

# Code blocks are plain blocks tagged with the source offset of their code (so that adjacent code
# blocks stay apart) and boxed by paintEvent. Not frames: QTextDocumentLayout does work for
# every frame in the document on every change, which makes streaming quadratic in their number.
_CODE_ID = QTextFormat.Property.UserProperty.value + 1
_PAD = 8  # code box padding, px
# A code box begins with a strip for its language and its buttons (Run, Copy: code_copy.py), so
# that they never cover the first line of code. Its height in px is kept on the box's first line.
_CODE_HEADER = QTextFormat.Property.UserProperty.value + 2
# A long code line wraps with a hanging indent: its continuation lines start this many columns
# right of the line's own indentation (capped), behind a painted mark, so that a wrapped line
# never looks like Python's next indented line.
_HANG = 4
_HANG_MAX = 24
_CONTINUED = "\u21aa"  # ↪
_QUIET = QColor("#6a737d")  # block quotes: GitHub's grey, readable on light and dark bases

# The rendering's parts are mixins of MarkdownView (markdown_view.py): to the type checker they
# are the view itself; at run time plain classes ahead of QTextBrowser in its bases.
if TYPE_CHECKING:
    _ViewBase = QTextBrowser
else:
    _ViewBase = object


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


class CodeBoxes(_ViewBase):
    """The view's code boxes. A finished block's box begins at one of `_code_starts`; the open
    fence's at `_open_pos` while the tail shows code (`_tail_key[0] == "code"`)."""

    _code_starts: list[int]
    _open_pos: int
    _tail_key: tuple[Any, ...] | None
    _code_touched: bool
    _code_plain: QTextCharFormat  # these: set by _init_code_formats
    _column_key: str
    _column: float
    # code_boxes: a finished box's (start, text width, first line's left and height) and shape
    _box_shapes: dict[int, tuple[tuple[int, float, float, float], QRectF]]
    # code_boxes: the last box walked, its shape before its last line, and that line's position
    _box_walk: tuple[tuple[int, tuple[int, float, float, float]], QRectF, int] | None

    def _box_starts(self) -> list[int]:
        starts = list(self._code_starts)
        if self._tail_key is not None and self._tail_key[0] == "code":
            starts.append(self._open_pos)  # the open fence
        return starts

    def code_box_ids(self) -> list[int]:
        """The id of each box of code_boxes(), in order: its fence's content_start in the source."""
        doc = self.document()
        ids = (doc.findBlock(start).blockFormat().property(_CODE_ID) for start in self._box_starts())
        return [code_id for code_id in ids if code_id is not None]

    def code_boxes(self) -> list[QRectF]:
        """The rectangles (document coordinates) of the code blocks shown as boxes, in order:
        what a walk over every block of the document finds, in time proportional to the lines
        of code only (a Copy button per box follows them as the answer grows)."""
        doc = self.document()
        layout = doc.documentLayout()
        boxes: list[QRectF] = []
        starts = self._box_starts()
        open_start = starts[-1] if len(starts) > len(self._code_starts) else None
        for start in starts:
            block = doc.findBlock(start)
            code_id = block.blockFormat().property(_CODE_ID)
            if code_id is None:
                continue
            first = QRectF(layout.blockBoundingRect(block))
            # A finished box keeps its lines: its shape relative to its first line is what it was
            # while that line, the text width and the font are (the open box grows: walked).
            key = (start, doc.textWidth(), first.left(), first.height())
            known = self._box_shapes.get(code_id) if start != open_start else None
            if known is not None and known[0] == key:
                boxes.append(known[1].translated(0, first.top()))
                continue
            box = first
            block = block.next()
            # A walk goes on from the last line of the walk before (that line may have grown):
            # the lines before it do not change while the box grows, and walking them all again
            # for each append took ~45 ms per call at 10,000 lines.
            walked = self._box_walk
            if walked is not None and walked[0] == (code_id, key):
                resume = doc.findBlock(walked[2])
                if resume.position() == walked[2] and resume.blockFormat().property(_CODE_ID) == code_id:
                    box, block = walked[1].translated(0, first.top()), resume
            before, last = box, block.position() if block.isValid() else -1
            while block.isValid() and block.blockFormat().property(_CODE_ID) == code_id:
                before, last = box, block.position()
                box = box.united(layout.blockBoundingRect(block))
                block = block.next()
            if last >= 0:
                self._box_walk = ((code_id, key), before.translated(0, -first.top()), last)
            boxes.append(box)
            if start != open_start:
                self._box_shapes[code_id] = (key, box.translated(0, -first.top()))
        return boxes

    def _insert_code(self, code: str, lang: str, code_id: int) -> None:
        """Show `code` plain in the filler at the end, as a box (its colours: markdown_highlight)."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)  # the filler becomes the first line
        first = cursor.position()
        cursor.setBlockCharFormat(self._code_plain)
        cursor.insertText(code, self._code_plain)
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
                    formats[key] = self._code_format(code_id, lang, key, after_code, column, self.code_header_height())
            else:
                cursor.setPosition(block.position(), QTextCursor.MoveMode.KeepAnchor)
            block = block.next()
        if run is not None:
            cursor.setBlockFormat(formats[run])

    def code_header_height(self) -> int:
        """The height of a code box's strip above its code: a tool button's in the view's font."""
        return QFontMetrics(self.font()).height() + 12

    @staticmethod
    def _code_format(
        code_id: int, lang: str, key: tuple[int, bool, bool], after_code: bool, column: float, header: int
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
            fmt.setTopMargin((2 * _PAD + 6 if after_code else _PAD + 6) + header)
            fmt.setProperty(_CODE_HEADER, header)
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
        headers: list[tuple[QRectF, str]] = []  # the strips above boxes that begin here, their language
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
                elif box is not None:
                    header = fmt.property(_CODE_HEADER) or 0
                    box.setTop(box.top() - header)
                    strip = QRectF(box.left(), box.top() - _PAD, box.width(), header + _PAD)
                    headers.append((strip, str(fmt.property(QTextFormat.Property.BlockCodeLanguage) or "")))
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
        if any(lang for _, lang in headers):
            painter.setPen(_QUIET)
            for strip, lang in headers:
                if lang:
                    painter.drawText(strip.adjusted(_PAD, 0, -_PAD, 0),
                                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), lang)
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

