"""Per-block Copy buttons over an answer's fenced code blocks (answer_pane.TurnCard uses them),
and beside the Copy button of each Python block a Run button (Stop while it runs) once the card
has its answer-block outputs (answer_runs.AnswerOutputs, which says what the buttons may do)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QToolButton

from ..model.answer_code import PYTHON_LANGUAGES
from .panes import COPIED_MS, confirm_copy

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QResizeEvent

    from .markdown_view import MarkdownView


GROWN_MS = 50


class RunArea(Protocol):
    """What the Run buttons ask of the card's answer-block outputs (answer_runs.AnswerOutputs)."""

    @property
    def number(self) -> int: ...  # the card's turn number

    def run_state(self, ordinal: int) -> tuple[bool, bool]: ...  # (running, may be pressed)

    def pressed(self, ordinal: int) -> None: ...


class CodeCopyButtons(QObject):
    """A Copy button on the top right of each fenced code block of an answer view, copying that
    block without its fences. The blocks are found in the view's document (each line of a block
    carries its block's id, markdown_view._CODE_ID); the buttons follow them as the answer grows
    and the card is resized. A fence inside a list item is drawn with the list, without a box:
    button i is then not block i, and which block each box is the view says
    (`MarkdownView.code_box_blocks()`, asked again only when the number of boxes changes)."""

    def __init__(self, view: MarkdownView) -> None:
        super().__init__(view)
        self._view = view
        self.buttons: list[QToolButton] = []
        self.run_buttons: dict[int, QToolButton] = {}  # by block ordinal: the Python blocks'
        self._boxed: list[tuple[int, bool]] | None = None  # the blocks drawn as boxes, in order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.place)
        view.document().documentLayout().documentSizeChanged.connect(self._grown)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind is QEvent.Type.Resize:
            # Taller as the answer grows (the view is as tall as its document): that is growth.
            resized = cast("QResizeEvent", event)
            if resized.size().width() != resized.oldSize().width():
                self.schedule()
            else:
                self._grown()
        elif kind is QEvent.Type.Show:
            self.schedule()
        return False

    def schedule(self, *_: object) -> None:
        """Place the buttons on the next turn of the event loop (once, however many asked)."""
        if not self._timer.isActive() or self._timer.remainingTime() > 0:
            self._timer.start(0)

    def _grown(self, *_: object) -> None:
        # The document's size changed: while an answer streams, at every rendering step (up to
        # ~100 a second), and the boxes above its end stay where they are. At most every
        # GROWN_MS then: a new box's buttons come a moment after it (a resize places them at once).
        if not self._timer.isActive():
            self._timer.start(GROWN_MS)

    def refresh(self) -> None:
        """The Run buttons again: the answer ended (its blocks' languages are final), or a
        local run started or ended."""
        self._boxed = None
        self.schedule()

    def boxes(self) -> list[QRectF]:
        # The view knows where its code blocks start: no walk over every block of a long answer.
        return self._view.code_boxes()

    def _blocks(self, count: int) -> list[tuple[int, bool]]:
        """(ordinal, is Python) of the answer's boxed blocks, asked of the view (which knows them
        from its scan, without reading the source again) when its box count changed."""
        if self._boxed is None or len(self._boxed) != count:
            self._boxed = [(ordinal, language in PYTHON_LANGUAGES)
                           for ordinal, language in self._view.code_box_blocks()]
        return self._boxed

    def ordinal(self, index: int) -> int:
        """The block ordinal (among all the answer's fenced blocks) of box `index`."""
        blocks = self._boxed or []
        return blocks[index][0] if index < len(blocks) else index

    def place(self) -> None:
        from .markdown_code import _PAD  # here, not at import: that module builds Qt types a first frame does not need

        self._timer.stop()
        view = self._view
        boxes = self.boxes()
        if boxes:
            self._blocks(len(boxes))
        while len(self.buttons) < len(boxes):
            index = len(self.buttons)
            button = QToolButton(view.viewport())
            button.setObjectName("copyCodeBlock")
            button.setText(self.tr("Copy"))
            button.setToolTip(self.tr("Copy this code block, without its fences"))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, n=index: self.copy(n))
            self.buttons.append(button)
        while len(self.buttons) > len(boxes):
            self.buttons.pop().deleteLater()
        dx, dy = -view.horizontalScrollBar().value(), -view.verticalScrollBar().value()
        width = view.viewport().width()
        for index, (button, box) in enumerate(zip(self.buttons, boxes, strict=True)):
            # Only a button whose block moved (or whose text changed width) is touched: a streamed
            # chunk grows the last block, and the others stay where they are.
            name = self.tr("Copy code block {number}").format(number=self.ordinal(index) + 1)
            if button.accessibleName() != name:
                button.setAccessibleName(name)
            size = button.sizeHint()
            if size != button.size():
                button.resize(size)
            x = int(min(box.right() + 8, width - 2)) - button.width() + dx
            # In the strip above the code (markdown_code._CODE_HEADER), centred in it.
            header = view.code_header_height()
            y = int(box.top() - _PAD - header + (header + _PAD - button.height()) / 2) + dy
            place = QPoint(max(0, x), max(0, y))
            if place != button.pos():
                button.move(place)
            if button.isHidden():
                button.show()
                button.raise_()
        self._place_runs()

    def _area(self) -> RunArea | None:
        card = self._view.parentWidget()
        if card is None:
            return None
        from PySide6.QtWidgets import QWidget

        area = card.findChild(QWidget, "answerOutputs", Qt.FindChildOption.FindDirectChildrenOnly)
        return cast("RunArea", area) if area is not None else None

    def _place_runs(self) -> None:
        area = self._area() if self.buttons else None
        if area is None:
            for button in self.run_buttons.values():
                button.hide()
            return
        python = {self.ordinal(index): copy_button for index, copy_button in enumerate(self.buttons)
                  if index < len(self._boxed or []) and (self._boxed or [])[index][1]}
        for ordinal in [n for n in self.run_buttons if n not in python]:
            self.run_buttons.pop(ordinal).deleteLater()
        for ordinal, copy_button in python.items():
            button = self.run_buttons.get(ordinal) or self._run_button(ordinal)
            running, enabled = area.run_state(ordinal)
            text = self.tr("Stop") if running else self.tr("Run")
            if button.text() != text:
                button.setText(text)
                button.setAccessibleName((self.tr("Stop code block {number} of answer {answer}") if running else
                                          self.tr("Run code block {number} of answer {answer}")).format(
                    number=ordinal + 1, answer=area.number))
            button.setEnabled(enabled)
            size = button.sizeHint()
            if size != button.size():
                button.resize(size)
            place = QPoint(max(0, copy_button.x() - button.width() - 4), copy_button.y())
            if place != button.pos():
                button.move(place)
            if button.isHidden():
                button.show()
                button.raise_()

    def _run_button(self, ordinal: int) -> QToolButton:
        button = QToolButton(self._view.viewport())
        button.setObjectName("runAnswerBlock")
        button.setToolTip(self.tr(
            "Run this block on this computer, after the answer's Python blocks before it: in order, in one "
            "process, so they share variables. What each prints shows under the answer"))
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda _checked=False: self._pressed(ordinal))
        self.run_buttons[ordinal] = button
        return button

    def _pressed(self, ordinal: int) -> None:
        area = self._area()
        if area is not None:
            area.pressed(ordinal)

    def fill_menu(self, menu: QMenu, copy: Callable[[str], None]) -> None:
        """The card's code menu: each fenced block of the answer to copy, then each Python block
        to run (Stop for the one running). The menu reaches every block from the keyboard, and a
        fence inside a list item, drawn without a box of its own and so without buttons, too."""
        menu.clear()
        blocks = self._view.code_blocks()
        for number, code in enumerate(blocks, 1):
            label = self.tr("Block {number}: {first_line}").format(number=number, first_line=_first_line(code))
            menu.addAction(label, functools.partial(copy, code))
        area = self._area()
        if area is None:
            return
        python = [ordinal for ordinal, (_, language) in enumerate(self._view.code_languages())
                  if language in PYTHON_LANGUAGES and ordinal < len(blocks)]
        if python:
            menu.addSeparator()
        for ordinal in python:
            running, enabled = area.run_state(ordinal)
            label = (self.tr("Stop block {number}").format(number=ordinal + 1) if running else
                     self.tr("Run block {number}: {first_line}").format(number=ordinal + 1,
                                                                         first_line=_first_line(blocks[ordinal])))
            action = menu.addAction(label, functools.partial(area.pressed, ordinal))
            action.setEnabled(enabled)

    def copy(self, index: int) -> None:
        """Copy the block of box `index`."""
        blocks = self._view.code_blocks()
        ordinal = self.ordinal(index)
        if ordinal < len(blocks):
            QGuiApplication.clipboard().setText(blocks[ordinal])
            if index < len(self.buttons):
                confirm_copy(self.buttons[index])
                # Its text changed width: keep it inside the box now and once it reads Copy again.
                self.schedule()
                QTimer.singleShot(COPIED_MS + 50, self, self.schedule)


def _first_line(code: str) -> str:
    """A block's first line that is not blank, cut for a menu."""
    first = next((line.strip() for line in code.splitlines() if line.strip()), "")
    return first[:48] + ("…" if len(first) > 48 else "")
