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

The view is put together from mixins, one module each: markdown_steps.Steps (the budgeted
rendering steps, the queue of finished blocks, segments, late definitions and formulas),
markdown_fragments.Fragments (a block parsed in the scratch document and placed into the view's,
the filler at the end) and markdown_code.CodeBoxes (code lines shaped, highlighted, boxes
painted). This module holds the widget: its API, copying, scrolling, links, FittedMarkdownView.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QTextBrowser, QTextEdit, QWidget

from ..model.markdown_blocks import Block, BlockScanner, fence_code
from .markdown_code import _CODE_ID as _CODE_ID  # tests find code lines by it
from .markdown_code import _PAD
from .markdown_code import warm_lexer as warm_lexer  # startup.py warms a lexer at idle
from .markdown_fragments import _ZWSP, _Document
from .markdown_late import Pending
from .markdown_steps import Steps

_OBJECT = "\ufffc"  # what a document's text holds where an image is


class MarkdownView(Steps, QTextBrowser):
    """Read-only Markdown view fed with `append()` while an answer streams in.

    `code_style` names a Pygments style for code blocks; by default a light or a dark one,
    after the palette.
    """

    linkActivated = Signal(QUrl)  # an http(s) link was clicked
    # Everything received so far is shown (after a render that took more than one step).
    caught_up = Signal()

    _source: str  # everything received so far
    _finished: bool

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

    def code_languages(self) -> list[tuple[int, str]]:
        """(ordinal, language) of every fenced block of the answer, nested ones too, in order."""
        return [(ordinal, fence.lang) for ordinal, fence in enumerate(self._scanner.fences)]

    def code_box_blocks(self) -> list[tuple[int, str]]:
        """For each box of code_boxes(), in order: its block's ordinal among all the answer's
        fenced blocks (an index into code_blocks(); a fence nested in a list has no box of its
        own) and its language, from what the view has scanned: the source is not read again."""
        fences = self._scanner.fences
        for ordinal in range(len(self._fence_ordinals), len(fences)):
            self._fence_ordinals[fences[ordinal].content_start] = ordinal
        found: list[tuple[int, str]] = []
        for code_id in self.code_box_ids():
            index = self._fence_ordinals.get(code_id)
            if index is not None:
                found.append((index, fences[index].lang))
        return found


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
        self._pending: list[Pending] = []
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
        self._highlights = []  # finished code blocks waiting for their colours (markdown_highlight)
        self._box_shapes = {}  # markdown_code.CodeBoxes.code_boxes
        self._box_walk = None
        self._fence_ordinals: dict[int, int] = {}  # a fence's content_start (its box's id): its ordinal
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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self._paint_code_boxes(event.rect())
        super().paintEvent(event)

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
        self._fit_due = False
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
        if self._stepping:
            # In the middle of a rendering step: once, at its end (_stepped), not per part.
            self._fit_due = True
            return
        margins = self.contentsMargins()
        height = max(int(self.document().size().height()) + margins.top() + margins.bottom() + 2, 24)
        if height != self.height():
            self.setFixedHeight(height)
            self._lay_out_parents()

    def _stepped(self) -> None:
        if self._fit_due:
            self._fit_due = False
            self._fit()

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
