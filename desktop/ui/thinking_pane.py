"""The Thinking pane: the model's reasoning as plain text, appended as it streams (never
re-rendered), a heading per turn and a marker where each code run happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from .pane_helpers import at_bottom, question_snippet
from .style import colour

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette, QTextCharFormat


class _Formats:
    """The pane's character formats, made with its first text, not with the window: PySide6
    builds the Python types of QTextFormat, QTextCharFormat and QFont as they are first used
    (~20 M instructions, ~5 ms), which an empty pane does not need for the window's first frame
    (startup.py)."""

    def __init__(self, palette: QPalette) -> None:
        from PySide6.QtGui import QFont, QTextCharFormat, QTextFormat

        # Marks the marker runs, so that a theme switch can recolour them.
        self.marker_property = QTextFormat.Property.UserProperty.value + 40
        # Text and headings carry no colour of their own: they take the pane's, which follows
        # the theme (the style sheet), so a switch to dark recolours what is already shown.
        self.plain = QTextCharFormat()
        self.header = QTextCharFormat()
        self.header.setFontWeight(QFont.Weight.Bold)
        self.marker = QTextCharFormat()
        self.marker.setFontWeight(QFont.Weight.DemiBold)
        self.marker.setProperty(self.marker_property, True)
        self.colour(palette)

    def colour(self, palette: QPalette) -> QTextCharFormat:
        """Marker colours for the palette's scheme; returns the format that recolours a marker
        already shown."""
        from PySide6.QtGui import QTextCharFormat

        success = colour(palette, "success")
        self.marker.setForeground(success)
        background = QColor(success)
        background.setAlpha(36)
        self.marker.setBackground(background)
        recolour = QTextCharFormat()
        recolour.setForeground(success)
        recolour.setBackground(background)
        return recolour


class ThinkingPane(QPlainTextEdit):
    """The model's reasoning as plain text, with a visible marker where each code run happened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingPane")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText(self.tr("The model's thinking streams here."))
        self._made: _Formats | None = None  # the formats, once text is written (_formats)
        # A turn's heading is written with its first thinking or marker: a turn that thinks
        # nothing (a failure before any text) leaves no empty heading behind.
        self._pending_header: tuple[int, str] | None = None
        self._turn_starts: dict[int, int] = {}  # turn number -> where its heading begins

    @property
    def _formats(self) -> _Formats:
        if self._made is None:
            self._made = _Formats(self.palette())
        return self._made

    def apply_theme(self) -> None:
        """Marker colours for the palette's scheme, for new markers and those already shown."""
        if self._made is None:
            return  # nothing written yet: the formats take the palette's colours when made
        from PySide6.QtGui import QTextCursor

        recolour = self._made.colour(self.palette())
        marker = self._made.marker_property
        block = self.document().begin()
        cursor = QTextCursor(self.document())
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().boolProperty(marker):
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.mergeCharFormat(recolour)
                it += 1
            block = block.next()

    def clear(self) -> None:
        super().clear()
        self._pending_header = None
        self._turn_starts = {}

    def drop_from(self, number: int) -> None:
        """Remove turn `number` and every later one (a retry takes the failed turn's place)."""
        starts = [pos for n, pos in self._turn_starts.items() if n >= number]
        self._turn_starts = {n: pos for n, pos in self._turn_starts.items() if n < number}
        if self._pending_header is not None and self._pending_header[0] >= number:
            self._pending_header = None
        if not starts:
            return
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(starts) - 2 if min(starts) >= 2 else min(starts)))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _insert(self, text: str, fmt: QTextCharFormat) -> None:
        from PySide6.QtGui import QTextCursor

        if self._pending_header is not None and text:
            number, question = self._pending_header
            self._pending_header = None
            lead = "" if self.document().isEmpty() else "\n\n"
            self._turn_starts[number] = self.document().characterCount() - 1 + len(lead)
            self._insert(f"{lead}▍ {number}. {question_snippet(question)}\n", self._formats.header)
        bar = self.verticalScrollBar()
        follow = at_bottom(bar)
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, fmt)
        if follow:
            bar.setValue(bar.maximum())

    def begin_turn(self, number: int, question: str) -> None:
        self._pending_header = (number, question)

    def append_text(self, text: str) -> None:
        self._insert(text, self._formats.plain)

    def mark_code_run(self, index: int) -> None:
        self._mark("⚙", self.tr("ran code #{number}").format(number=index + 1))

    def mark_silence(self, seconds: float) -> None:
        """An OpenAI-compatible stream went quiet here: where the interpreter probably ran."""
        self._mark("‖", self.tr("silent for {seconds} s: the interpreter probably ran code").format(
            seconds=f"{seconds:.1f}"))

    def _mark(self, symbol: str, text: str) -> None:
        # Its own line, so the marker reads as a step between two passages of thought.
        lead = "" if self.document().isEmpty() or self._ends_with_newline() or self._pending_header else "\n"
        self._insert(f"{lead}  {symbol} {text}  \n", self._formats.marker)

    def _ends_with_newline(self) -> bool:
        document = self.document()
        return document.characterAt(document.characterCount() - 2) in ("\n", "\u2029")
