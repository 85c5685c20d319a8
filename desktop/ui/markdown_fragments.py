"""The Answer view's scratch work: a block of Markdown rendered in a scratch document (behind the
link definitions it uses, its formulas as images, its images as alt text, tables and quotes
polished) and the fragment placed into the view's document, in the filler at its end
(markdown_view.MarkdownView mixes Fragments in)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextFrameFormat,
    QTextTable,
)

from ..model.markdown_blocks import bracket_labels
from .markdown_code import _QUIET, _ViewBase

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
_QUOTE = re.compile(r"^ {0,3}>", re.M)
_MATH_SCHEME = "dashchat-math:"  # math_images.SCHEME: the images of formulas

# An unbroken run of letters and digits (a big number, base64) has no line-break opportunity, and
# Qt lays such a run out in superlinear time: the displayed text gets a zero-width space every
# _RUN_STEP characters of a run longer than _RUN_MIN (the source, markdown() and copies keep none).
_ZWSP = "\u200b"
# Tables' grid: a translucent grey, light on a light base and subdued on a dark one.
_GRID = QColor(128, 128, 128, 110)
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


@dataclass
class _Parsed:
    """A block rendered in the scratch document, ready to be placed into the view's."""

    fragment: QTextDocumentFragment
    starts_with_table: bool
    ends_with_table: bool


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



class Fragments(_ViewBase):
    """Parsing a block in the scratch document and placing it into the view's."""

    _scratch: _Document
    _definitions: dict[str, str]
    _placed: bool
    _parse_waiting: set[str]
    _waiting: set[str]
    _math_colour: str
    _typeset_connected: bool
    _tail_pos: int  # the filler's position (see MarkdownView._reset)
    _has_filler: bool
    _open_pos: int
    _tail_key: tuple[Any, ...] | None

    if TYPE_CHECKING:
        def _on_typeset(self, labels: list[str]) -> None: ...  # markdown_steps.Steps

    @staticmethod
    def _make_filler(cursor: QTextCursor) -> None:
        cursor.setBlockFormat(_FILLER)
        cursor.setBlockCharFormat(QTextCharFormat())

    def _remove_tail(self) -> None:
        if self._tail_key is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._open_pos)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._make_filler(cursor)  # the tail's first block was folded into it: undo its format
        self._tail_key = None


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
            cursor.setPosition(pos + 1)
            first_chars = cursor.blockCharFormat()  # what an empty first block shows (a heading's size)
            cursor.setPosition(pos)
            cursor.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.setBlockCharFormat(first_chars)
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
                # Qt's Markdown importer collapses the cells' borders (as CSS does), and Qt paints
                # collapsed borders by comparing each cell edge with its neighbours' (row() and
                # column() lookups per edge): a screen of a 400-row answer took ~30 ms per paint,
                # the stalls of a streaming table. Each cell drawing its own light border looks
                # the same at a glance (a light grid, as GitHub draws) and paints in ~3 ms.
                table_format.setBorderCollapse(False)
                table_format.setCellSpacing(0)
                table_format.setBorder(0.5)
                table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
                table_format.setBorderBrush(_GRID)
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
