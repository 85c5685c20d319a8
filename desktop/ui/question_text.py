"""A turn's question in its card: shown whole when short; a long one (a pasted log, a file) shows
its first SHOWN_CHARS characters and a Show all button, which opens it whole in a scrolled,
read-only box. Laying out megabytes of text in a word-wrapped label takes minutes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

SHOWN_CHARS = 2000
# The whole question, once shown, scrolls inside a box at most this high.
EXPANDED_MAX_PX = 360


class QuestionText(QWidget):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self.collapsed = len(text) > SHOWN_CHARS
        self.label = QLabel(_cut(text) if self.collapsed else text)
        self.label.setObjectName("question")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        self.full: QPlainTextEdit | None = None  # made on the first Show all
        self.toggle: QToolButton | None = None
        if self.collapsed:
            self.toggle = QToolButton()
            self.toggle.setObjectName("showWholeQuestion")
            self.toggle.setAutoRaise(True)
            self.toggle.setCursor(Qt.CursorShape.PointingHandCursor)
            self.toggle.clicked.connect(self._toggle)
            layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
            self._label_toggle()

    def text(self) -> str:
        """The whole question, however much of it is shown."""
        return self._text

    def shown(self) -> str:
        """What the card shows of it now."""
        if self.full is not None and self.full.isVisibleTo(self):
            return self.full.toPlainText()
        return self.label.text()

    def _label_toggle(self) -> None:
        assert self.toggle is not None
        if self.collapsed:
            self.toggle.setText(self.tr("Show all ({count} characters)").format(count=f"{len(self._text):,}"))
        else:
            self.toggle.setText(self.tr("Show less"))

    def _toggle(self) -> None:
        self.set_collapsed(not self.collapsed)

    def set_collapsed(self, collapsed: bool) -> None:
        if self.toggle is None:
            return
        self.collapsed = collapsed
        if not collapsed and self.full is None:
            self.full = QPlainTextEdit()
            self.full.setObjectName("wholeQuestion")
            self.full.setReadOnly(True)
            self.full.setMaximumHeight(EXPANDED_MAX_PX)
            self.full.setPlainText(self._text)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.full)  # under the button, which stays where it was clicked
        self.label.setVisible(collapsed)
        if self.full is not None:
            self.full.setVisible(not collapsed)
        self._label_toggle()


def _cut(text: str) -> str:
    return text[:SHOWN_CHARS].rstrip() + "…"
