"""The window's view of a streaming turn: the session's `TurnView`, which buffers what arrives and
paints it into the answer card, the thinking and code panes and the status bar on a timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ..model.turn import SILENCE_STEP_SECONDS, StepKind, Turn
from ..protocol.events import AnswerDelta, CodeCall, Event, ThinkingDelta

if TYPE_CHECKING:
    from .answer_pane import TurnCard
    from .main_window import MainWindow

# Deltas are merged and painted at most this often: one repaint per frame, not per token.
FLUSH_INTERVAL_MS = 40
CLOCK_INTERVAL_MS = 200


def phase_of(turn: Turn) -> str:
    if not turn.steps:
        return QCoreApplication.translate("MainWindow", "Waiting for the service…")
    silent = turn.silent_for()
    if not turn.reports_code and silent >= SILENCE_STEP_SECONDS:
        return QCoreApplication.translate("MainWindow", "Silent for {seconds} s: the interpreter may be running "
                                          "code…").format(seconds=f"{silent:.0f}")
    step = turn.steps[-1]
    if step.kind is StepKind.CODE and step.code_index is not None:
        return QCoreApplication.translate("MainWindow", "Running code #{number} in the sandbox…").format(
            number=step.code_index + 1)
    if step.kind is StepKind.ANSWER:
        return QCoreApplication.translate("MainWindow", "Writing the answer…")
    return QCoreApplication.translate("MainWindow", "Thinking…")


class WindowView(QObject):
    """The session's TurnView for the window: buffers deltas and paints them on a timer."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self._thinking: list[str] = []
        self._answer: list[str] = []
        self._codes: dict[int, str] = {}
        self._marked: set[int] = set()  # code calls of this turn already marked in Thinking
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
        self._turn = turn
        self._marked = set()
        turns = self._w.session.conversation.turns
        # Its place on the path shown: the end, or (a retry: a new version of a turn) the place
        # of the turn it replaces, whose card and panes' entries go.
        number = turns.index(turn) + 1 if turn in turns else len(turns)
        self._w.answer_pane.drop_from(number)
        self._w.thinking_pane.drop_from(number)
        self._w.code_pane.drop_from(number)
        self._card = self._w.answer_pane.add_turn(turn, number)
        self._card.set_versions(*self._w.versions_of(number - 1))
        self._w.thinking_pane.begin_turn(number, turn.user)
        self._w.code_pane.begin_turn(number, turn.user, turn.reports_code, turn.connection)
        self._w.status.show_turn(turn)
        self._clock.start()

    def turn_event(self, turn: Turn, event: Event) -> None:
        if isinstance(event, ThinkingDelta | AnswerDelta):
            if turn.ended_silence is not None:
                # This delta ended a silence of a compatible stream: mark it where it was.
                self._flush_text()
                self._w.thinking_pane.mark_silence(turn.ended_silence.seconds)
                self._w.code_pane.add_silence(turn.ended_silence.seconds)
            (self._thinking if isinstance(event, ThinkingDelta) else self._answer).append(event.text)
        elif isinstance(event, CodeCall):
            # Thinking before the call must land before the call's marker.
            self._flush_text()
            if event.index not in self._marked:
                self._marked.add(event.index)
                self._w.thinking_pane.mark_code_run(event.index)
            self._codes[event.index] = event.code
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush_text(self) -> None:
        if self._thinking:
            self._w.thinking_pane.append_text("".join(self._thinking))
            self._thinking.clear()
        if self._answer and self._card is not None:
            self._card.append_answer("".join(self._answer))
            self._answer.clear()

    def flush(self) -> None:
        self._flush_timer.stop()
        self._flush_text()
        for index, code in sorted(self._codes.items()):
            self._w.code_pane.set_code(index, code)
        self._codes.clear()
        if self._turn is not None:
            self._w.status.show_turn(self._turn)
            if self._card is not None:
                self._card.show_phase(phase_of(self._turn))

    def _tick(self) -> None:
        turn = self._turn
        if turn is not None:
            self._w.status.show_turn(turn)
            if not turn.reports_code:
                silent = turn.silent_for()
                self._w.code_pane.show_silence(silent if silent >= SILENCE_STEP_SECONDS else None)
                if self._card is not None:
                    self._card.show_phase(phase_of(turn))

    def turn_finished(self, turn: Turn) -> None:
        self.flush()
        self._clock.stop()
        self._w.code_pane.show_silence(None)
        if self._card is not None:
            self._card.finish()
        self._w.status.show_turn(turn)
