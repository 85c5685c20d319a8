"""A word-wrapped label that keeps the height of its text inside tab pages and forms."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    """A word-wrapped label as tall as its text at its real width, no taller and no shorter:
    a tab widget does not pass height-for-width on, so a form in a tab page lays a wrapped
    QLabel out by its size hint (three narrow lines: gaps around every short note) and, when
    space is short, squeezes it below its text."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.width() > 0:
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def minimumSizeHint(self) -> QSize:  # never squeezed below its text either
        hint = super().minimumSizeHint()
        if self.width() > 0:
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def hasHeightForWidth(self) -> bool:  # the hints above already follow the width
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()
