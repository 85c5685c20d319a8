"""The status bar: what the current request costs and how it is going."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from ..model.turn import SILENCE_STEP_SECONDS, Turn, TurnStatus

if TYPE_CHECKING:
    from PySide6.QtGui import QFontMetrics, QPaintEvent, QResizeEvent


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


# However long its text, a status field never asks for more than this: the window keeps the
# size the user gave it, and a field that does not fit is cut with "…" (its tooltip has it all).
MIN_FIELD_WIDTH = 48


class ElidedLabel(QLabel):
    """A one-line label that shrinks: its text is cut with "…" where it does not fit, and told
    whole in its tooltip. `text()` is always the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)  # QLabel's size policy, Preferred both ways
        self._own_tip = ""
        self._measured: tuple[str, QFontMetrics] | None = None
        self._advance = 0
        self._sync_tip()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        if text == self.text():
            return  # the clock ticks five times a second: an unchanged field is not laid out again
        super().setText(text)
        self._sync_tip()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - Qt's name
        if tip == self._own_tip:
            return
        self._own_tip = tip
        self._sync_tip()

    def _sync_tip(self) -> None:
        # The whole text, and what the field explains about itself, if anything.
        parts = [part for part in (self.text(), self._own_tip) if part]
        super().setToolTip("\n\n".join(parts))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_FIELD_WIDTH), hint.height())

    def is_elided(self) -> bool:
        # Asked at every paint, and the bar repaints whenever a field changes: the text's width
        # is measured once per text and font, not shaped again each time. The font is told by
        # its metrics (those of another font compare unequal), not by font().key(): QFont's
        # type (~7 M instructions to build) is not needed for the first frame (startup.py).
        text, metrics = self.text(), self.fontMetrics()
        if self._measured is None or self._measured[0] != text or self._measured[1] != metrics:
            self._measured = (text, metrics)
            self._advance = metrics.horizontalAdvance(text)
        return self._advance > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self.is_elided():
            super().paintEvent(event)
            return
        # Only a cut field paints itself: QPainter's type (~5 M instructions to build) is not
        # needed for a first frame whose fields all fit (startup.py).
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.end()


class RequestStatus(QStatusBar):
    """`cost`: the field for the cost estimate (composer.CostLabel), after the token counts;
    `costs(turn)`, when set, is its text for a turn shown ("" hides it)."""

    def __init__(self, parent: QWidget | None = None, cost: ElidedLabel | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestStatus")
        self.setSizeGripEnabled(False)
        self.state = self._label("state", self.tr("Ready"))
        self.tokens = self._label("tokens", "")
        self.runs = self._label("runs", "")
        self.connection = self._label("connection", "")
        self.timing = self._label("timing", "")
        self.request_id = self._label("requestId", "")
        self.request_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_id = QToolButton()
        self.copy_id.setObjectName("copyRequestId")
        self.copy_id.setText(self.tr("Copy id"))
        self.copy_id.setToolTip(self.tr("Copy the request id (support asks for it)"))
        self.copy_id.setAutoRaise(True)
        self.copy_id.clicked.connect(self._copy_id)
        self.copy_id.hide()
        self.cost = cost if cost is not None else self._label("cost", "")
        self.cost.hide()
        self.costs: Callable[[Turn], str] | None = None
        self.addWidget(self.state, 1)
        for widget in (self.connection, self.tokens, self.cost, self.runs, self.timing, self.request_id, self.copy_id):
            self.addPermanentWidget(widget)
        self._request_id = ""
        self.undo_button: QWidget | None = None  # the window's Undo, when it puts one here

    # Who keeps its whole text when the bar is short of room, first to last: what is happening,
    # what it costs, how long it took; the request id (copied with its button) gives way first.
    def _priority(self) -> list[QWidget]:
        return [self.state, self.tokens, self.timing, self.runs, self.cost, self.connection, self.request_id]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._allocate()

    def _allocate(self) -> None:
        """Share the bar's width out by priority: each field in turn gets its whole text if there
        is room, the rest are cut with "…". Only maximum widths are set: the bar never asks for
        more room than its smallest fields."""
        fields = [w for w in self._priority() if not w.isHidden()]
        fixed = [w for w in (self.copy_id, self.undo_button) if w is not None and not w.isHidden()]
        layout = self.layout()
        spacing = max(layout.spacing(), 6) if layout is not None else 6
        room = self.width() - 16 - spacing * (len(fields) + len(fixed)) - sum(w.sizeHint().width() for w in fixed)
        room -= sum(w.minimumSizeHint().width() for w in fields)
        for widget in fields:
            wanted = widget.sizeHint().width()
            extra = max(0, min(wanted - widget.minimumSizeHint().width(), room))
            room -= extra
            widget.setMaximumWidth(widget.minimumSizeHint().width() + extra)

    def _label(self, name: str, text: str) -> ElidedLabel:
        label = ElidedLabel(text)
        label.setObjectName(name)
        return label

    def _copy_id(self) -> None:
        from .panes import confirm_copy

        QGuiApplication.clipboard().setText(self._request_id)
        confirm_copy(self.copy_id)

    def show_message(self, text: str) -> None:
        self._update({self.state: text})

    def show_cost(self, text: str) -> None:
        """The cost estimate's text; the field is hidden while it is empty."""
        if bool(text) != self.cost.isVisibleTo(self):
            self.cost.setText(text)
            self.cost.setVisible(bool(text))
            self._allocate()
        else:
            self._update({self.cost: text})

    def _update(self, texts: dict[ElidedLabel, str]) -> None:
        """Set the fields' texts; the bar's widths are shared out again only if one changed."""
        changed = False
        for label, text in texts.items():
            if label.text() != text:
                label.setText(text)
                changed = True
        if changed:
            self._allocate()

    def _streaming(self, turn: Turn) -> str:
        if not turn.first_token_at:
            return self.tr("Waiting for the service…")
        silent = turn.silent_for()
        if not turn.reports_code and silent >= SILENCE_STEP_SECONDS:
            return self.tr("Silent for {seconds} s: the interpreter may be running code…").format(
                seconds=f"{silent:.0f}")
        return self.tr("Streaming…")

    def show_turn(self, turn: Turn) -> None:
        u = turn.usage
        if turn.usage_known:
            tokens = self.tr("Tokens: {input} in · {output} out · {reasoning} reasoning · {total} total").format(
                input=f"{u.input_tokens:,}", output=f"{u.output_tokens:,}",
                reasoning=f"{u.reasoning_tokens:,}", total=f"{u.total_tokens:,}")
        elif not turn.finished:  # the compatible protocol counts once, at the end
            tokens = self.tr("Tokens: counted at the end of the reply")
        else:
            tokens = self.tr("Tokens: not reported by the server")
        if turn.reports_code:
            runs = self.tr("Interpreter runs: {count}").format(count=max(u.code_interpreter_calls, len(turn.code)))
            self.runs.setToolTip("")
        else:
            runs = self.tr("Interpreter runs: not reported")
            self.runs.setToolTip(self.tr("The OpenAI-compatible protocol does not report how many times the "
                                         "interpreter ran, nor the code it ran"))
        self._request_id = turn.request_id or ""
        shown = bool(turn.connection), bool(self._request_id)
        resized = shown != (self.connection.isVisibleTo(self), self.copy_id.isVisibleTo(self))
        self.connection.setVisible(shown[0])
        self.copy_id.setVisible(shown[1])
        if resized:
            self._allocate()
        # Five times a second while a reply streams: only a field whose text changed is touched,
        # and the widths are shared out again only then.
        self._update({
            self.tokens: tokens,
            self.runs: runs,
            self.connection: self.tr("via {connection}").format(connection=turn.connection) if turn.connection else "",
            self.timing: self.tr("Elapsed {elapsed} · first token {first}").format(
                elapsed=_seconds(turn.elapsed()), first=_seconds(turn.time_to_first_token)),
            self.request_id: self.tr("Request {id}").format(id=self._request_id) if self._request_id else "",
            self.state: {
                TurnStatus.STREAMING: self._streaming(turn),
                TurnStatus.COMPLETE: self.tr("Done"),
                TurnStatus.INTERRUPTED: self.tr("Stopped: what arrived is kept"),
                TurnStatus.ERROR: self.tr("Failed: {code}").format(code=turn.error.code) if turn.error
                else self.tr("Failed"),
            }[turn.status],
        })
        if self.costs is not None:
            self.show_cost(self.costs(turn))
