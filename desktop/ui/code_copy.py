"""Per-block Copy buttons over an answer's fenced code blocks (answer_pane.TurnCard uses them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolButton

from .panes import COPIED_MS, confirm_copy

if TYPE_CHECKING:
    from .markdown_view import MarkdownView


class CodeCopyButtons(QObject):
    """A Copy button on the top right of each fenced code block of an answer view, copying that
    block without its fences. The blocks are found in the view's document (each line of a block
    carries its block's id, markdown_view._CODE_ID); the buttons follow them as the answer grows
    and the card is resized."""

    def __init__(self, view: MarkdownView) -> None:
        super().__init__(view)
        self._view = view
        self.buttons: list[QToolButton] = []
        self._pending = False
        view.document().documentLayout().documentSizeChanged.connect(self.schedule)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        return False

    def schedule(self, *_: object) -> None:
        # Once per turn of the event loop, however many updates a streamed chunk makes.
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.place)

    def boxes(self) -> list[QRectF]:
        # The view knows where its code blocks start: no walk over every block of a long answer.
        return self._view.code_boxes()

    def place(self) -> None:
        self._pending = False
        view = self._view
        boxes = self.boxes()
        while len(self.buttons) < len(boxes):
            number = len(self.buttons) + 1
            button = QToolButton(view.viewport())
            button.setObjectName("copyCodeBlock")
            button.setText(self.tr("Copy"))
            button.setToolTip(self.tr("Copy this code block, without its fences"))
            button.setAccessibleName(self.tr("Copy code block {number}").format(number=number))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, n=number - 1: self.copy(n))
            self.buttons.append(button)
        while len(self.buttons) > len(boxes):
            self.buttons.pop().deleteLater()
        dx, dy = -view.horizontalScrollBar().value(), -view.verticalScrollBar().value()
        width = view.viewport().width()
        for button, box in zip(self.buttons, boxes, strict=True):
            # Only a button whose block moved (or whose text changed width) is touched: a streamed
            # chunk grows the last block, and the others stay where they are.
            size = button.sizeHint()
            if size != button.size():
                button.resize(size)
            x = int(min(box.right() + 8, width - 2)) - button.width() + dx
            y = int(box.top()) - 4 + dy
            place = QPoint(max(0, x), max(0, y))
            if place != button.pos():
                button.move(place)
            if button.isHidden():
                button.show()
                button.raise_()

    def copy(self, index: int) -> None:
        blocks = self._view.code_blocks()
        if index < len(blocks):
            QGuiApplication.clipboard().setText(blocks[index])
            if index < len(self.buttons):
                confirm_copy(self.buttons[index])
                # Its text changed width: keep it inside the box now and once it reads Copy again.
                self.schedule()
                QTimer.singleShot(COPIED_MS + 50, self, self.schedule)


