"""The question box, the titled panes of the window, and small layout helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .composer import SendKeys

if TYPE_CHECKING:
    pass

T = TypeVar("T")


class QuestionBox(QPlainTextEdit):
    """Which key sends is composer.SendKeys' business (`enter_sends`: Enter sends and
    Ctrl+Enter starts a new line; else Ctrl+Enter, Cmd+Enter on macOS, sends). Tab moves the
    focus on, as in any form; Ctrl+Tab inserts a tab."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None, enter_sends: bool = False) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.send_keys = SendKeys(self, enter_sends)
        self.send_keys.send_requested.connect(self.submitted)
        self._show_hint()

    @property
    def enter_sends(self) -> bool:
        return self.send_keys.enter_sends

    def set_enter_sends(self, enter_sends: bool) -> None:
        self.send_keys.enter_sends = enter_sends
        self._show_hint()

    def _show_hint(self) -> None:
        self.setPlaceholderText(self.tr("Ask Qwen — it can run Python to work things out.  ({keys})").format(
            keys=self.send_keys.hint()))
        self.setAccessibleDescription(self.tr("Type a question; {keys}").format(keys=self.send_keys.hint()))

    def event(self, event: QEvent) -> bool:
        # Enter with any modifier is the box's own (SendKeys decides): the window's Ctrl+Return
        # shortcut, for when the focus is elsewhere, must not send a second time, nor send when
        # Ctrl+Enter means a new line.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
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
