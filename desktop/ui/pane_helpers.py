"""Small helpers the window's panes share: a Copy button's "Copied" confirmation, the monospace
font of code, whether a scroll area follows its end, and a question's first words for a heading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

if TYPE_CHECKING:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QAbstractButton, QScrollBar

COPIED_MS = 1500


def confirm_copy(button: QAbstractButton) -> None:
    """Say on the button itself that the copy happened: "Copied" for a moment, then its own
    text again. Its width is kept, so nothing beside it moves."""
    original = button.property("copyText") or button.text()
    button.setProperty("copyText", original)
    button.setMinimumWidth(button.sizeHint().width())
    button.setText("✓ " + QCoreApplication.translate("CodeBlock", "Copied"))
    button.setMinimumWidth(max(button.minimumWidth(), button.sizeHint().width()))
    timer = button.property("copyTimer")
    if not isinstance(timer, QTimer):
        timer = QTimer(button)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: button.setText(str(button.property("copyText"))))
        button.setProperty("copyTimer", timer)
    timer.start(COPIED_MS)


def monospace_font() -> QFont:
    # Code blocks only: QFont's type (~7 M instructions to build) and QFontDatabase wait for the
    # first block, after the first frame (startup.py).
    from PySide6.QtGui import QFont, QFontDatabase

    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def at_bottom(bar: QScrollBar) -> bool:
    return bar.value() >= bar.maximum() - 4


def question_snippet(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
