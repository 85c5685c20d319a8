"""Run locally (issue #17), the window's side: a confirmation the first time in a conversation,
then the turn's calls up to the chosen block run in order in one process (desktop/runner), their
outputs shown under the blocks as they arrive, kept with the turn and saved to the history.

The same for an answer's own Python blocks (answer_runs.py): the answer's Python blocks up to the
chosen one run in order, their outputs shown under the answer and kept apart from the calls'
(Turn.answer_outputs, origin "answer" in the history). Both go through one `_Target`: the asking,
starting, Stop, saving and the state texts are the same code; one local run at a time."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..model.output import Output
from ..model.turn import Turn, TurnStatus

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtWidgets import QMessageBox

    from ..runner import LocalRun, RunResult
    from .answer_pane import TurnCard
    from .outputs_view import OutputsView
    from .panes import CodeBlock
    from .window_base import WindowBase as MainWindow


@dataclass
class _Target:
    """What a press of Run asks for: cells of one turn, by their index (a call's, or an answer
    block's ordinal), the chosen one last; where each one's outputs show now (None: not shown,
    e.g. another conversation is open); and where they are kept."""

    turn: Turn
    origin: str  # "call" or "answer" (store/outputs.py)
    cells: list[tuple[int, str]]  # (index, code), in the order they run
    chosen: int
    shown: Callable[[int], OutputsView | None]
    kept: dict[int, list[Output]]  # turn.outputs or turn.answer_outputs


class LocalRuns(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self._confirmed: set[str] = set()  # conversations where the user said: don't ask again
        self.confirm_box: QMessageBox | None = None
        self.task: asyncio.Task[RunResult | None] | None = None
        self._run: LocalRun | None = None
        window.code_pane.run_requested.connect(self.request)
        window.code_pane.stop_requested.connect(self.stop)
        window.code_pane.clear_requested.connect(self.clear)
        hub = window.painter.answer_runs
        hub.run_requested.connect(self.request_answer)
        hub.stop_requested.connect(self.stop)
        hub.clear_requested.connect(self.clear_answer)

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def _turn_of(self, block: CodeBlock) -> Turn | None:
        turns = self._w.session.conversation.turns
        position = block.turn_number - 1
        return turns[position] if 0 <= position < len(turns) else None

    # -- asking -----------------------------------------------------------------------------

    def _call_target(self, block: CodeBlock) -> _Target | None:
        turn = self._turn_of(block)
        if turn is None or not block.code:
            return None
        number = block.turn_number

        def shown(index: int) -> OutputsView | None:
            if self._turn_of_number(number) is not turn:  # another conversation or branch is shown now
                return None
            target = self._w.code_pane.block_at(number, index)
            return target.outputs if target is not None else None

        return _Target(turn, "call", list(enumerate(turn.code[: block.index + 1])), block.index, shown, turn.outputs)

    def _answer_target(self, card: TurnCard, ordinal: int) -> _Target | None:
        from ..model.answer_code import run_through
        from .answer_runs import outputs_of

        turn = card.turn
        cells = [(block.ordinal, block.code) for block in run_through(turn.answer, ordinal)]
        if not cells:
            return None

        def shown(index: int) -> OutputsView | None:
            # The card showing this turn now (None once another conversation or branch is shown).
            now = next((c for c in self._w.answer_pane.cards if c.turn is turn), None)
            area = outputs_of(now) if now is not None else None
            return area.view(index) if area is not None else None

        return _Target(turn, "answer", cells, ordinal, shown, turn.answer_outputs)

    def request(self, block: CodeBlock) -> None:
        """Run locally was pressed on `block`."""
        target = self._call_target(block)
        if target is not None:
            self._ask(target)

    def request_answer(self, card: TurnCard, ordinal: int) -> None:
        """Run was pressed on the answer's code block `ordinal` (a Python block)."""
        target = self._answer_target(card, ordinal)
        if target is not None:
            self._ask(target)

    def _ask(self, target: _Target) -> None:
        if self.running:
            self._w.status.show_message(self.tr("A local run is going on: stop it first"))
            return
        if target.turn.status is TurnStatus.STREAMING:
            self._w.status.show_message(self.tr("Wait for the reply to finish before running its code"))
            return
        conversation_id = self._w.session.conversation.id
        if conversation_id in self._confirmed:
            self._start(target)
            return
        from PySide6.QtWidgets import QCheckBox, QMessageBox

        settings = self._w.settings_store.load()
        python = settings.run_python or self._default_python() or self.tr("(no Python found)")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Run this code on your computer?"), self.tr(
            "The code the model wrote will run on this computer, as you, with {python}. It can read and change "
            "your files and do what any program you start can do.\n\n"
            "dashchat runs it in a separate process, in a temporary folder that is removed afterwards, "
            "without your API keys or other credentials in its environment, stopped after {seconds} s; "
            "{network} {memory}\n\n"
            "This guards against accidents, not against hostile code: run only code you would run yourself."
        ).format(python=python, seconds=f"{settings.run_timeout:g}", network=self._network_text(settings.run_network),
                 memory=self._memory_text()), parent=self._w)
        box.setObjectName("runConfirmation")
        run = box.addButton(self.tr("Run"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(run)
        dont_ask = QCheckBox(self.tr("Don't ask again for this conversation"), box)
        box.setCheckBox(dont_ask)
        self.confirm_box = box
        self._dont_ask = dont_ask  # a Python reference: PySide does not keep the one setCheckBox takes

        def finished() -> None:
            self.confirm_box = None
            if box.clickedButton() is not run:
                return
            if dont_ask.isChecked():
                self._confirmed.add(conversation_id)
            if self._w.session.conversation.id == conversation_id:
                self._start(target)

        box.finished.connect(finished)
        box.open()

    def _network_text(self, allowed: bool) -> str:
        if allowed:
            return self.tr("the network is allowed (Settings).")
        return self.tr("the network is refused from Python's sockets (code that goes around them, such as "
                       "curl in a subprocess, is not stopped).")

    def _memory_text(self) -> str:
        if sys.platform.startswith("linux"):
            return self.tr("Its memory is limited to 2048 MB.")
        if sys.platform == "darwin":
            return self.tr("A memory limit is set, but macOS does not enforce it.")
        return self.tr("Its memory is not limited on this system.")

    @staticmethod
    def _default_python() -> str:
        from ..runner import RunnerError, default_python

        try:
            return default_python()
        except RunnerError:
            return ""

    # -- running ----------------------------------------------------------------------------

    def start(self, block: CodeBlock) -> asyncio.Task[RunResult | None] | None:
        """Run the block's turn's calls up to it, in order, sharing state."""
        target = self._call_target(block)
        return self._start(target) if target is not None else None

    def start_answer(self, card: TurnCard, ordinal: int) -> asyncio.Task[RunResult | None] | None:
        """Run the card's answer's Python blocks up to block `ordinal`, in order, sharing state."""
        target = self._answer_target(card, ordinal)
        return self._start(target) if target is not None else None

    def _start(self, target: _Target) -> asyncio.Task[RunResult | None] | None:
        import asyncio

        from ..runner import LocalRun, RunOptions

        if self.running:
            return None
        settings = self._w.settings_store.load()
        python = settings.run_python or self._default_python()
        if not python:
            view = target.shown(target.chosen)
            if view is not None:
                view.set_state(self.tr("No Python to run the code with: install Python (python3 on PATH) or "
                                       "choose one in Settings ▸ General."), error=True)
            return None
        options = RunOptions(python=python, timeout=settings.run_timeout, allow_network=settings.run_network)
        self._run = LocalRun([code for _, code in target.cells], options, [index for index, _ in target.cells])
        for index, _ in target.cells:
            view = target.shown(index)
            if view is not None:
                chosen = index == target.chosen
                view.set_running(chosen, self.tr("Running…") if chosen else "")
        self._set_run_buttons(False, target)
        self.task = asyncio.ensure_future(self._go(target))
        return self.task

    def stop(self) -> None:
        if self._run is not None and self.running:
            self._run.stop()

    async def _go(self, target: _Target) -> RunResult | None:
        from ..runner import CellStatus, RunnerError

        assert self._run is not None

        def arrived(index: int, output: Output) -> None:
            view = target.shown(index)
            if view is not None:
                view.append(output)

        try:
            result = await self._run.run(on_output=arrived)
        except RunnerError as exc:
            view = target.shown(target.chosen)
            if view is not None:
                view.set_running(False)
                view.set_state(self.tr("Could not run the code: {reason}").format(reason=str(exc)), True)
            return None
        finally:
            self._set_run_buttons(True)
            self._run = None
        outputs = result.outputs
        target.kept.update(outputs)
        from ..store.faults import StorageError

        try:
            self._w.session.history.save_outputs(target.turn.id, outputs, origin=target.origin)
        except StorageError as exc:
            self._w.status.show_message(self.tr("The outputs could not be saved: {reason}").format(reason=exc.reason))
        for cell in result.cells:
            view = target.shown(cell.index)
            if view is None:
                continue
            view.set_running(False)
            view.set_outputs(outputs.get(cell.index, []))
            state = {
                CellStatus.OK: self.tr("Ran locally in {seconds} s").format(seconds=f"{cell.seconds:.1f}"),
                CellStatus.ERROR: self.tr("Raised an exception"),
                CellStatus.TIMEOUT: self.tr("Stopped at the time limit"),
                CellStatus.STOPPED: self.tr("Stopped"),
                CellStatus.CRASHED: self.tr("The process ended unexpectedly"),
                CellStatus.SKIPPED: self.tr("Not run: an earlier block did not finish"),
            }[cell.status]
            view.set_state(state, error=cell.status is not CellStatus.OK)
        return result

    def _turn_of_number(self, number: int) -> Turn | None:
        turns = self._w.session.conversation.turns
        return turns[number - 1] if 0 < number <= len(turns) else None

    def _set_run_buttons(self, enabled: bool, target: _Target | None = None) -> None:
        """Every Run button waits while a run goes on (one at a time); an answer block's Run
        reads Stop while its block runs."""
        for block in self._w.code_pane.blocks:
            block.run_button.setEnabled(enabled and bool(block.code))
        running = (target.turn.id, target.chosen) if target is not None and target.origin == "answer" else None
        self._w.painter.answer_runs.set_running(not enabled, running)

    def clear(self, block: CodeBlock) -> None:
        """Clear outputs: off the screen, the turn and the history."""
        turn = self._turn_of(block)
        if turn is None or self.running:
            return
        self._forget(turn, turn.outputs, block.index, "call")
        block.outputs.set_state("")
        block.outputs.set_outputs([])

    def clear_answer(self, card: TurnCard, ordinal: int) -> None:
        """Clear the outputs of the answer's block `ordinal`: off the screen, the turn and the history."""
        from .answer_runs import outputs_of

        if self.running:
            return
        self._forget(card.turn, card.turn.answer_outputs, ordinal, "answer")
        area = outputs_of(card)
        if area is not None:
            area.remove(ordinal)

    def _forget(self, turn: Turn, kept: dict[int, list[Output]], index: int, origin: str) -> None:
        kept.pop(index, None)
        from ..store.faults import StorageError

        try:
            self._w.session.history.clear_outputs(turn.id, index, origin=origin)
        except StorageError as exc:
            self._w.status.show_message(self.tr("The outputs could not be removed from the history: {reason}").format(
                reason=exc.reason))
