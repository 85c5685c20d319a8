"""The question box, the titled panes of the window, and small layout helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:

    pass

T = TypeVar("T")


class QuestionBox(QPlainTextEdit):
    """Enter inserts a newline; Ctrl+Enter (Cmd+Enter on macOS) sends. Tab moves the focus on,
    as in any form; Ctrl+Tab inserts a tab."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and control:
            self.submitted.emit()
            return
        if event.key() == Qt.Key.Key_Tab and control:
            self.insertPlainText("\t")
            return
        super().keyPressEvent(event)


class TitledPane(QWidget):
    """A pane's title over its body."""

    def __init__(self, title: str, body: QWidget, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.title = QLabel(title)
        self.title.setObjectName("paneTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(body, 1)



def proportional(splitter: QSplitter, sizes: tuple[int, ...] | list[int] | None = None) -> None:
    """Stretch factors in the proportions of the splitter's sizes: a resize then scales every
    pane alike instead of taking it all from the ones that stretch."""
    sizes = list(sizes if sizes is not None else splitter.sizes())
    total = sum(sizes)
    if total <= 0:
        return
    for index, size in enumerate(sizes):
        splitter.setStretchFactor(index, max(1, round(100 * size / total)))


def html_escape(text: str) -> str:
    import html

    return html.escape(text)
