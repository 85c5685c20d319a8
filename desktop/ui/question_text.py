"""A turn's question in its card: shown whole when short; a long one (a pasted log, a file) shows
its first SHOWN_CHARS characters and a Show all button, which opens it whole in a scrolled,
read-only box. Laying out megabytes of text in a word-wrapped label takes minutes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from .style import scaled_font

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


class SentTime(QLabel):
    """When the question was sent, in local time: "14:05" today, "3 Dec 14:05" this year, with
    the year before; the full local date and time in its tooltip."""

    def __init__(self, sent_at: float | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roleLabel")
        self.setFont(scaled_font(self, 0.9))
        if sent_at is not None:
            short, full = sent_texts(sent_at)
            self.setText(short)
            self.setToolTip(full)
            self.setAccessibleName(self.tr("Sent {time}").format(time=full))


def sent_texts(sent_at: float, now: float | None = None) -> tuple[str, str]:
    """(short, full) local-time texts of the instant `sent_at` (seconds since the epoch)."""
    from PySide6.QtCore import QDateTime, QLocale

    when = QDateTime.fromSecsSinceEpoch(int(sent_at))  # local time
    today = (QDateTime.currentDateTime() if now is None else QDateTime.fromSecsSinceEpoch(int(now))).date()
    locale = QLocale()
    if when.date() == today:
        short = locale.toString(when.time(), "HH:mm")
    elif when.date().year() == today.year():
        short = locale.toString(when, "d MMM HH:mm")
    else:
        short = locale.toString(when, "d MMM yyyy HH:mm")
    return short, locale.toString(when, QLocale.FormatType.LongFormat)
