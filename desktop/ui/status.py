"""The status bar: what the current request costs and how it is going."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from ..model.turn import Turn, TurnStatus


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


class RequestStatus(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestStatus")
        self.setSizeGripEnabled(False)
        self.state = self._label("state", "Ready")
        self.tokens = self._label("tokens", "")
        self.runs = self._label("runs", "")
        self.timing = self._label("timing", "")
        self.request_id = self._label("requestId", "")
        self.request_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_id = QToolButton()
        self.copy_id.setObjectName("copyRequestId")
        self.copy_id.setText("Copy id")
        self.copy_id.setToolTip("Copy the request id (support asks for it)")
        self.copy_id.setAutoRaise(True)
        self.copy_id.clicked.connect(self._copy_id)
        self.copy_id.hide()
        self.addWidget(self.state, 1)
        for widget in (self.tokens, self.runs, self.timing, self.request_id, self.copy_id):
            self.addPermanentWidget(widget)
        self._request_id = ""

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        return label

    def _copy_id(self) -> None:
        QGuiApplication.clipboard().setText(self._request_id)

    def show_message(self, text: str) -> None:
        self.state.setText(text)

    def show_turn(self, turn: Turn) -> None:
        u = turn.usage
        self.tokens.setText(
            f"Tokens: {u.input_tokens:,} in · {u.output_tokens:,} out · {u.reasoning_tokens:,} reasoning"
            f" · {u.total_tokens:,} total"
        )
        self.runs.setText(f"Interpreter runs: {max(u.code_interpreter_calls, len(turn.code))}")
        self.timing.setText(f"Elapsed {_seconds(turn.elapsed())} · first token {_seconds(turn.time_to_first_token)}")
        self._request_id = turn.request_id or ""
        self.request_id.setText(f"Request {self._request_id}" if self._request_id else "")
        self.copy_id.setVisible(bool(self._request_id))
        self.state.setText(
            {
                TurnStatus.STREAMING: "Streaming…" if turn.first_token_at else "Waiting for the service…",
                TurnStatus.COMPLETE: "Done",
                TurnStatus.INTERRUPTED: "Stopped: what arrived is kept",
                TurnStatus.ERROR: f"Failed: {turn.error.code}" if turn.error else "Failed",
            }[turn.status]
        )
