"""One painter for a turn, live or replayed: the answer card, the thinking and code panes and the
status bar are handed to it (not the window), and a turn is painted from its steps.

A live turn (turn_view.WindowView) feeds it what arrives, merged per frame; a stored one
(conversation_builder) replays its steps through the very same calls. The rules that say where
something shows live here once: a code run is marked in Thinking before its code shows, and a
silence of the OpenAI-compatible protocol is marked in Thinking and in the code pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..model.turn import SILENCE_STEP_SECONDS, StepKind, Turn
from .answer_runs import AnswerRunHub, attach, refresh

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

    from .answer_pane import AnswerPane, TurnCard
    from .panes import CodePane, ThinkingPane
    from .status import RequestStatus

# What the side panes get of a question for their headings (they show its first words).
QUESTION_HEAD_CHARS = 500


def phase_of(turn: Turn) -> str:
    """What a streaming turn is doing now, for its card."""
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


class TurnPainter:
    """Paints turns into the panes it is given. One turn's side panes are painted at a time
    (`begin_side` starts one); answer cards may be made in any order (`card`)."""

    def __init__(self, answer_pane: AnswerPane, thinking_pane: ThinkingPane, code_pane: CodePane,
                 status: RequestStatus) -> None:
        self.answer_pane = answer_pane
        self.thinking_pane = thinking_pane
        self.code_pane = code_pane
        self.status = status
        self._marked: set[int] = set()  # code calls of the side turn already marked in Thinking
        # View ▸ Zoom: points over the system's fonts. A style sheet stops a font set on a pane from
        # reaching the widgets inside it, so the cards' text and the code blocks get theirs here.
        self.font_zoom = 0
        # No size of its own while not zoomed (the inherited font); made when first asked for, as
        # QFont's type costs ~7 M instructions to build and an unzoomed window needs none before
        # its first frame (startup.py).
        self._card_font: QFont | None = None
        self.answer_runs = AnswerRunHub()  # the answers' Run buttons and the window's LocalRuns

    @property
    def card_font(self) -> QFont:
        if self._card_font is None:
            from PySide6.QtGui import QFont

            self._card_font = QFont()
        return self._card_font

    @card_font.setter
    def card_font(self, font: QFont) -> None:
        self._card_font = font

    # -- a turn's place ---------------------------------------------------------------------

    def drop_from(self, number: int) -> None:
        """Turn `number` and every later one go from every pane (a new version takes its place)."""
        self.answer_pane.drop_from(number)
        self.thinking_pane.drop_from(number)
        self.code_pane.drop_from(number)

    def clear(self) -> None:
        self.answer_pane.clear()
        self.thinking_pane.clear()
        self.code_pane.clear()

    def card(self, turn: Turn, number: int, versions: tuple[int, int], follow: bool = True) -> TurnCard:
        """The turn's card in the answer pane, in its place by number. `follow`: the pane keeps
        to its end (as for a new turn) rather than where it is."""
        card = self.answer_pane.add_turn(turn, number, follow=follow)
        card.set_versions(*versions)
        attach(card, self.answer_runs)  # the answer's Python blocks run locally: their outputs under it
        if self.font_zoom:
            self.zoom_card(card)
        return card

    def zoom_card(self, card: TurnCard) -> None:
        """The card's question and answer in `card_font`."""
        card.answer.setFont(self.card_font)
        card.question.label.setFont(self.card_font)

    def begin_side(self, turn: Turn, number: int) -> None:
        """The turn's heading in the thinking and code panes; its steps follow."""
        self._marked = set()
        # The panes head a turn with the question's first words: they get its start, not the
        # megabytes a pasted log may hold.
        question = turn.user[:QUESTION_HEAD_CHARS]
        self.thinking_pane.begin_turn(number, question)
        self.code_pane.begin_turn(number, question, turn.reports_code, turn.connection)

    # -- steps, live or replayed ------------------------------------------------------------

    def thinking(self, text: str) -> None:
        self.thinking_pane.append_text(text)

    def mark_code(self, index: int) -> None:
        """Where code call `index` ran, marked once in Thinking (after the thinking before it)."""
        if index not in self._marked:
            self._marked.add(index)
            self.thinking_pane.mark_code_run(index)

    def code(self, index: int, code: str) -> None:
        """A code call's code (again, as it grows), marked in Thinking first if it is not yet."""
        self.mark_code(index)
        count = len(self.code_pane.blocks)
        self.code_pane.set_code(index, code)
        if self.font_zoom and len(self.code_pane.blocks) != count:
            self.zoom_code(count)

    def zoom_code(self, start: int = 0) -> None:
        """The code blocks from `start` on in the fixed font, `font_zoom` points bigger."""
        blocks = self.code_pane.blocks[start:]
        if not blocks:
            return
        from .panes import monospace_font

        font = monospace_font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(4.0, font.pointSizeF() + self.font_zoom))
        for block in blocks:
            block.editor.setFont(font)

    def silence(self, seconds: float) -> None:
        """The silence rule: a quiet stretch of a stream that reports no code is where the
        interpreter probably ran; marked in Thinking and in the code pane."""
        self.thinking_pane.mark_silence(seconds)
        self.code_pane.add_silence(seconds)

    def replay(self, turn: Turn) -> None:
        """A stored turn's steps, in order, into the side panes (begin_side first)."""
        for step in turn.steps:
            if step.kind is StepKind.THINKING:
                self.thinking(turn.thinking[step.start : step.end])
            elif step.kind is StepKind.CODE and step.code_index is not None:
                self.code(step.code_index, turn.code[step.code_index])
                self.code_pane.set_outputs(step.code_index, turn.outputs.get(step.code_index, []))
            elif step.kind is StepKind.SILENCE:
                self.silence(step.seconds)

    # -- progress ---------------------------------------------------------------------------

    def show_progress(self, turn: Turn, card: TurnCard | None) -> None:
        # The status bar follows the turn on the live view's clock (five times a second), not on
        # every flush: a changed field lays the bar out and repaints all of its fields.
        if card is not None:
            card.show_phase(phase_of(turn))

    def show_live_silence(self, turn: Turn) -> None:
        """While a stream that reports no code is quiet: say so as it happens."""
        if not turn.reports_code:
            silent = turn.silent_for()
            self.code_pane.show_silence(silent if silent >= SILENCE_STEP_SECONDS else None)

    def end_live(self, turn: Turn, card: TurnCard | None) -> None:
        self.code_pane.show_silence(None)
        if card is not None:
            card.finish()
            refresh(card)  # its Python blocks may be run now
        self.status.show_turn(turn)
