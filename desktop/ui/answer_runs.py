"""Run locally for the answer's own Python blocks (issue #17): a Run button beside the Copy
button of each ```python block of an answer (code_copy.CodeCopyButtons places them), and what the
run printed under the answer, in the turn's card: widgets cannot live inside the answer's
QTextDocument, so each run block gets a section of its own, "Output of code block 2", with an
OutputsView (outputs, Stop, Clear outputs).

Running block k runs the answer's Python blocks up to k, in order, in one process (they share
state, as a turn's calls do); each block's outputs go under its own title. The window's
LocalRuns does the asking, running, saving and clearing, for these and for the executed code.

`AnswerRunHub` (one per window, the painter's) carries the requests from every card's buttons to
LocalRuns, and the run's state back to the buttons; `AnswerOutputs` is one card's sections.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ..model.output import Output
    from .answer_pane import TurnCard
    from .outputs_view import OutputsView


class AnswerRunHub(QObject):
    """Between the answer cards and the window's LocalRuns."""

    run_requested = Signal(object, int)  # the TurnCard, the block's ordinal
    stop_requested = Signal()
    clear_requested = Signal(object, int)  # the TurnCard, the block's ordinal
    changed = Signal()  # a local run started or ended: the Run buttons follow

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False  # a local run (of calls or of an answer's blocks) is going on
        self.running: tuple[str, int] | None = None  # (turn id, ordinal) of the answer block being run

    def set_running(self, busy: bool, running: tuple[str, int] | None = None) -> None:
        self.busy, self.running = busy, running
        self.changed.emit()


def outputs_of(card: TurnCard) -> AnswerOutputs | None:
    """The card's answer-block outputs (attached by the painter), if it has them."""
    return card.findChild(AnswerOutputs, "answerOutputs", Qt.FindChildOption.FindDirectChildrenOnly)


def attach(card: TurnCard, hub: AnswerRunHub) -> AnswerOutputs:
    """Give `card` its answer-block outputs, right under the answer, showing the kept ones."""
    area = AnswerOutputs(card, hub)
    layout = card.layout()
    assert layout is not None  # the card's own, set in its __init__
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(layout.indexOf(card.answer) + 1, area)
    area.set_stored(card.turn.answer_outputs)
    return area


def refresh(card: TurnCard) -> None:
    """The card's Run buttons again (the turn finished, or a run started or ended)."""
    card.block_copy.refresh()


class AnswerOutputs(QWidget):
    """The outputs of a card's answer blocks that were run, one titled section per block, in
    block order; hidden while there are none."""

    def __init__(self, card: TurnCard, hub: AnswerRunHub) -> None:
        super().__init__(card)
        self.setObjectName("answerOutputs")
        self.card = card
        self.hub = hub
        self._sections: dict[int, tuple[QLabel, OutputsView]] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self._layout.setSpacing(6)
        hub.changed.connect(self._hub_changed)  # a method: disconnected when this card goes
        self.hide()

    def _hub_changed(self) -> None:
        self.card.block_copy.schedule()  # the buttons' state only: the blocks are as they were

    @property
    def number(self) -> int:
        """The card's turn number, as the buttons' names say it."""
        return self.card.number

    # -- what the buttons ask -----------------------------------------------------------------

    def run_state(self, ordinal: int) -> tuple[bool, bool]:
        """(this block is being run, its Run button may be pressed)."""
        turn = self.card.turn
        running = self.hub.running == (turn.id, ordinal)
        return running, running or (turn.finished and not self.hub.busy)

    def pressed(self, ordinal: int) -> None:
        """The block's Run button (Stop while it runs)."""
        if self.hub.running == (self.card.turn.id, ordinal):
            self.hub.stop_requested.emit()
        else:
            self.hub.run_requested.emit(self.card, ordinal)

    # -- sections -----------------------------------------------------------------------------

    def set_stored(self, outputs: dict[int, list[Output]]) -> None:
        for ordinal, items in sorted(outputs.items()):
            if items:
                self.view(ordinal).set_outputs(items)
        self._update()

    def view(self, ordinal: int) -> OutputsView:
        """Block `ordinal`'s outputs, its section made (in block order) if it has none yet."""
        section = self._sections.get(ordinal)
        if section is not None:
            return section[1]
        from .outputs_view import OutputsView

        title = QLabel(self.tr("Output of code block {number}").format(number=ordinal + 1))
        title.setObjectName("roleLabel")  # styled as the card's other headings ("1. You", the model)
        from .style import scaled_font

        title.setFont(scaled_font(title, 0.9))
        view = OutputsView()
        view.setAccessibleName(self.tr("Output of code block {number} of answer {answer}").format(
            number=ordinal + 1, answer=self.card.number))
        view.stop_requested.connect(self.hub.stop_requested)
        view.clear_requested.connect(lambda: self.hub.clear_requested.emit(self.card, ordinal))
        place = sum(1 for other in self._sections if other < ordinal) * 2
        self._layout.insertWidget(place, title)
        self._layout.insertWidget(place + 1, view)
        self._sections[ordinal] = (title, view)
        # The title shows with what it heads.
        view.installEventFilter(self)
        self._update()
        return view

    def views(self) -> dict[int, OutputsView]:
        return {ordinal: view for ordinal, (_title, view) in sorted(self._sections.items())}

    def title(self, ordinal: int) -> QLabel | None:
        section = self._sections.get(ordinal)
        return section[0] if section is not None else None

    def remove(self, ordinal: int) -> None:
        """Block `ordinal`'s section goes (its outputs were cleared)."""
        section = self._sections.pop(ordinal, None)
        if section is not None:
            for widget in section:
                self._layout.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self._update()

    def eventFilter(self, watched: QObject, event: object) -> bool:  # noqa: N802 - Qt's name
        from PySide6.QtCore import QEvent

        # Sent on the view's own show() and hide(), whether or not this area is visible yet.
        if isinstance(event, QEvent) and event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._update()
        return False

    def _update(self) -> None:
        shown = False
        for title, view in self._sections.values():
            title.setVisible(not view.isHidden())
            shown = shown or not view.isHidden()
        self.setVisible(shown)
