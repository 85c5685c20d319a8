"""A card's footer: a line of text on the left, buttons on the right, wrapping when narrow."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FooterLayout(QLayout):
    """The first widget added is the text (an answer's outcome: a word-wrapped label), the
    others buttons. Where they fit on one line, as a QHBoxLayout with the text stretched: the
    text takes what the buttons leave and the buttons sit at the right, aligned to the top.
    Where they do not, the text takes a line of its own and the buttons follow on as many lines
    as they need, each line aligned right.

    A row of QHBoxLayout cannot be narrower than all its items side by side: when an answer
    pane was narrower than its cards' footer (a window 800 px wide, or the pane dragged
    narrower; the footer grows when "Copy code" appears at the end of an answer), the card
    outgrew the pane and was cut at its right edge, its buttons out of reach, and the answer
    view widened, which lays its whole text out again (~40 ms for 200k characters)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._heights: dict[int, int] = {}  # width -> height, until the layout is invalidated
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's item list ---------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self.invalidate()
        return item

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    # -- sizes -----------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation.Horizontal  # the text stretches, as it did in a QHBoxLayout

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), place=False)
        return height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        text, buttons = self._parts()
        width = self._row_width(buttons)
        if text is not None:
            width += text.sizeHint().width() + (self.spacing() if buttons else 0)
        return QSize(width, self.heightForWidth(width) if width else 0)

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        # As narrow as its widest part; heightForWidth says how tall it then is.
        text, buttons = self._parts()
        widths = [b.sizeHint().width() for b in buttons]
        if text is not None:
            widths.append(text.minimumSize().width())
        width = max(widths, default=0)
        return QSize(width, self.heightForWidth(width) if width else 0)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    # -- arranging -------------------------------------------------------------------------

    def _parts(self) -> tuple[QLayoutItem | None, list[QLayoutItem]]:
        """The text (None when hidden or absent) and the buttons shown."""
        text = self._items[0] if self._items and not self._items[0].isEmpty() else None
        return text, [item for item in self._items[1:] if not item.isEmpty()]

    def _row_width(self, buttons: list[QLayoutItem]) -> int:
        return sum(b.sizeHint().width() for b in buttons) + self.spacing() * max(len(buttons) - 1, 0)

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the parts out in `rect` (only measure, unless `place`); the height they take."""
        text, buttons = self._parts()
        gap = self.spacing()
        left, top, width = rect.x(), rect.y(), rect.width()
        row = self._row_width(buttons)
        room = width - row - (gap if buttons else 0)
        if text is not None and buttons and room < text.minimumSize().width():
            # Wrapped: the text on a line of its own, the buttons on the lines below.
            text_height = _height_at(text, width)
            if place:
                text.setGeometry(QRect(left, top, width, text_height))
            return text_height + gap + self._button_lines(buttons, QRect(left, top + text_height + gap, width, 0), place)
        if text is None:
            return self._button_lines(buttons, QRect(left, top, width, 0), place)
        # One line: the text at the left with the room the buttons leave, as tall as the line.
        line = max([_height_at(text, room), *(b.sizeHint().height() for b in buttons)])
        if place:
            text.setGeometry(QRect(left, top, room, line))
            self._button_lines(buttons, QRect(left + width - row, top, row, 0), place)
        return line

    def _button_lines(self, buttons: list[QLayoutItem], rect: QRect, place: bool) -> int:
        """The buttons in order, as many to a line as fit, each line aligned right."""
        gap = self.spacing()
        lines: list[list[QLayoutItem]] = []
        used = 0
        for button in buttons:
            width = button.sizeHint().width()
            if lines and used + gap + width <= rect.width():
                lines[-1].append(button)
                used += gap + width
            else:
                lines.append([button])
                used = width
        y = rect.y()
        for number, line in enumerate(lines):
            height = max(b.sizeHint().height() for b in line)
            if place:
                x = rect.x() + rect.width()
                for button in reversed(line):
                    size = button.sizeHint()
                    x -= size.width()
                    button.setGeometry(QRect(x, y, size.width(), size.height()))
                    x -= gap
            y += height + (gap if number < len(lines) - 1 else 0)
        return y - rect.y()


def _height_at(item: QLayoutItem, width: int) -> int:
    return item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
