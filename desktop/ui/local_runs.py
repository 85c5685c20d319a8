"""Run locally (issue #17), the window's side: a confirmation the first time in a conversation,
then the turn's calls up to the chosen block run in order in one process (desktop/runner), their
outputs shown under the blocks as they arrive, kept with the turn and saved to the history."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..model.output import Output
from ..model.turn import Turn, TurnStatus

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtWidgets import QMessageBox

    from ..runner import LocalRun, RunResult
    from .panes import CodeBlock
    from .window_base import WindowBase as MainWindow


class LocalRuns(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self._confirmed: set[str] = set()  # conversations where the user said: don't ask again
        self.confirm_box: QMessageBox | None = None
        self.task: asyncio.Task[RunResult | None] | None = None
        self._run: LocalRun | None = None
        self._running_block: CodeBlock | None = None
        window.code_pane.run_requested.connect(self.request)
        window.code_pane.stop_requested.connect(self.stop)
        window.code_pane.clear_requested.connect(self.clear)

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def _turn_of(self, block: CodeBlock) -> Turn | None:
        turns = self._w.session.conversation.turns
        position = block.turn_number - 1
        return turns[position] if 0 <= position < len(turns) else None

    # -- asking -----------------------------------------------------------------------------

    def request(self, block: CodeBlock) -> None:
        """Run locally was pressed on `block`."""
        turn = self._turn_of(block)
        if turn is None or not block.code:
            return
        if self.running:
            self._w.status.show_message(self.tr("A local run is going on: stop it first"))
            return
        if turn.status is TurnStatus.STREAMING:
            self._w.status.show_message(self.tr("Wait for the reply to finish before running its code"))
            return
        conversation_id = self._w.session.conversation.id
        if conversation_id in self._confirmed:
            self.start(block)
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
                self.start(block)

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
        import asyncio

        from ..runner import LocalRun, RunOptions

        turn = self._turn_of(block)
        if turn is None or self.running:
            return None
        settings = self._w.settings_store.load()
        python = settings.run_python or self._default_python()
        if not python:
            block.outputs.set_state(self.tr("No Python to run the code with: install Python (python3 on PATH) or "
                                            "choose one in Settings ▸ General."), error=True)
            return None
        cells = list(turn.code[: block.index + 1])
        options = RunOptions(python=python, timeout=settings.run_timeout, allow_network=settings.run_network)
        self._run = LocalRun(cells, options)
        self._running_block = block
        number = block.turn_number
        for index in range(len(cells)):
            shown = self._w.code_pane.block_at(number, index)
            if shown is not None:
                shown.outputs.set_running(shown is block, self.tr("Running…") if shown is block else "")
        self._set_run_buttons(False)
        self.task = asyncio.ensure_future(self._go(turn, number, block))
        return self.task

    def stop(self) -> None:
        if self._run is not None and self.running:
            self._run.stop()

    async def _go(self, turn: Turn, number: int, block: CodeBlock) -> RunResult | None:
        from ..runner import CellStatus, RunnerError

        assert self._run is not None

        def shown(index: int) -> CodeBlock | None:
            if self._turn_of_number(number) is not turn:  # another conversation or branch is shown now
                return None
            return self._w.code_pane.block_at(number, index)

        def arrived(index: int, output: Output) -> None:
            target = shown(index)
            if target is not None:
                target.outputs.append(output)

        try:
            result = await self._run.run(on_output=arrived)
        except RunnerError as exc:
            target = shown(block.index)
            if target is not None:
                target.outputs.set_running(False)
                target.outputs.set_state(self.tr("Could not run the code: {reason}").format(reason=str(exc)), True)
            return None
        finally:
            self._set_run_buttons(True)
            self._run = None
        outputs = result.outputs
        turn.outputs.update(outputs)
        from ..store.faults import StorageError

        try:
            self._w.session.history.save_outputs(turn.id, outputs)
        except StorageError as exc:
            self._w.status.show_message(self.tr("The outputs could not be saved: {reason}").format(reason=exc.reason))
        for cell in result.cells:
            target = shown(cell.index)
            if target is None:
                continue
            target.outputs.set_running(False)
            target.outputs.set_outputs(outputs.get(cell.index, []))
            state = {
                CellStatus.OK: self.tr("Ran locally in {seconds} s").format(seconds=f"{cell.seconds:.1f}"),
                CellStatus.ERROR: self.tr("Raised an exception"),
                CellStatus.TIMEOUT: self.tr("Stopped at the time limit"),
                CellStatus.STOPPED: self.tr("Stopped"),
                CellStatus.CRASHED: self.tr("The process ended unexpectedly"),
                CellStatus.SKIPPED: self.tr("Not run: an earlier block did not finish"),
            }[cell.status]
            target.outputs.set_state(state, error=cell.status is not CellStatus.OK)
        return result

    def _turn_of_number(self, number: int) -> Turn | None:
        turns = self._w.session.conversation.turns
        return turns[number - 1] if 0 < number <= len(turns) else None

    def _set_run_buttons(self, enabled: bool) -> None:
        for block in self._w.code_pane.blocks:
            block.run_button.setEnabled(enabled and bool(block.code))

    def clear(self, block: CodeBlock) -> None:
        """Clear outputs: off the screen, the turn and the history."""
        turn = self._turn_of(block)
        if turn is None or self.running:
            return
        turn.outputs.pop(block.index, None)
        from ..store.faults import StorageError

        try:
            self._w.session.history.clear_outputs(turn.id, block.index)
        except StorageError as exc:
            self._w.status.show_message(self.tr("The outputs could not be removed from the history: {reason}").format(
                reason=exc.reason))
        block.outputs.set_state("")
        block.outputs.set_outputs([])
