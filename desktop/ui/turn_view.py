"""The window's view of a streaming turn: the session's `TurnView`, which buffers what arrives and
hands it, once a frame, to the turn painter (turn_painter.py) that stored turns are painted with too.
It knows the panes only through the painter, and the conversation only through two callables."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ..model.turn import Turn
from ..protocol import AnswerDelta, CodeCall, Event, ThinkingDelta
from .turn_painter import TurnPainter, phase_of

if TYPE_CHECKING:
    from .answer_pane import TurnCard

__all__ = ["CLOCK_INTERVAL_MS", "FLUSH_INTERVAL_MS", "WindowView", "phase_of"]

# Deltas are merged and painted at most this often: one repaint per frame, not per token.
FLUSH_INTERVAL_MS = 40
CLOCK_INTERVAL_MS = 200


class WindowView(QObject):
    """The session's TurnView for the window: buffers deltas and paints them on a timer.

    `number_of(turn)`: the turn's number on the path shown (a retry's is the number of the turn it
    replaces); `versions_of(position)`: (which version, of how many) the turn at a position is."""

    def __init__(self, painter: TurnPainter, number_of: Callable[[Turn], int],
                 versions_of: Callable[[int], tuple[int, int]], parent: QObject | None = None,
                 before_turn: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self._painter = painter
        self._number_of = number_of
        self._versions_of = versions_of
        self._before_turn = before_turn
        self._thinking: list[str] = []
        self._answer: list[str] = []
        self._codes: dict[int, str] = {}
        self._turn: Turn | None = None
        self._card: TurnCard | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_INTERVAL_MS)
        self._flush_timer.timeout.connect(self.flush)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._tick)

    def turn_started(self, turn: Turn) -> None:
        if self._before_turn is not None:
            self._before_turn()  # a conversation still being built is finished first
        self._turn = turn
        # Its place on the path shown: the end, or (a retry: a new version of a turn) the place
        # of the turn it replaces, whose card and panes' entries go.
        number = self._number_of(turn)
        self._painter.drop_from(number)
        self._card = self._painter.card(turn, number, self._versions_of(number - 1))
        self._painter.begin_side(turn, number)
        self._painter.status.show_turn(turn)
        self._clock.start()

    def turn_event(self, turn: Turn, event: Event) -> None:
        if isinstance(event, ThinkingDelta | AnswerDelta):
            if turn.ended_silence is not None:
                # This delta ended a silence of a compatible stream: mark it where it was.
                self._flush_text()
                self._painter.silence(turn.ended_silence.seconds)
            (self._thinking if isinstance(event, ThinkingDelta) else self._answer).append(event.text)
        elif isinstance(event, CodeCall):
            # Thinking before the call must land before the call's marker.
            self._flush_text()
            self._painter.mark_code(event.index)
            self._codes[event.index] = event.code  # its code is shown with the frame's flush
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush_text(self) -> None:
        if self._thinking:
            self._painter.thinking("".join(self._thinking))
            self._thinking.clear()
        if self._answer and self._card is not None:
            self._card.append_answer("".join(self._answer))
            self._answer.clear()

    def flush(self) -> None:
        self._flush_timer.stop()
        self._flush_text()
        for index, code in sorted(self._codes.items()):
            self._painter.code(index, code)
        self._codes.clear()
        if self._turn is not None:
            self._painter.show_progress(self._turn, self._card)

    def _tick(self) -> None:
        turn = self._turn
        if turn is not None:
            self._painter.status.show_turn(turn)
            if not turn.reports_code:
                self._painter.show_live_silence(turn)
                if self._card is not None:
                    self._card.show_phase(phase_of(turn))

    def turn_finished(self, turn: Turn) -> None:
        self.flush()
        self._clock.stop()
        self._painter.end_live(turn, self._card)
