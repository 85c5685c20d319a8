"""Sending from the window: a question, a retry, a new version of a turn (Regenerate, Edit),
paging a turn's versions; the error and storage bars."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt

from ..model.turn import Turn, TurnStatus
from ..protocol import ErrorKind
from .question_box import html_escape as _html
from .window_base import WindowBase

if TYPE_CHECKING:
    import asyncio

    from ..store.faults import StorageError

T = TypeVar("T")


class SendingMixin(WindowBase):
    # -- sending ----------------------------------------------------------------------------

    def _answered(self) -> int:
        return sum(1 for t in self.session.conversation.turns if t.answer_length)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def send_from_input(self) -> None:
        text = self.input.toPlainText().strip()
        if not text or self.busy:
            return
        self.input.clear()
        self.submit(text)

    def show_notice(self, text: str, settings_button: bool = False, retry: str | None = None,
                    position: int | None = None) -> None:
        """The error bar. `retry`: the question a Retry button would ask again, as a new version
        of the turn at `position` (the failed one)."""
        self.notice.setText(text)
        self.notice_action.setVisible(settings_button)
        self._retry_text = retry
        self._retry_position = position
        self.retry_button.setVisible(retry is not None)
        self.notice_bar.show()

    def notice_bar_hide(self) -> None:
        self.notice_bar.hide()
        self.input.setFocus()

    def storage_changed(self, problem: StorageError | None) -> None:
        """The session could not save (or, None, everything is saved again)."""
        if problem is None:
            self.storage_bar.hide()
            self.status.show_message(self.tr("Saved to the history"))
            return
        self.storage_text.setText(self.tr(
            "<b>Not saved to the history</b> — {problem}.<br>The reply stays here in full and dashchat keeps "
            "trying; it is saved as soon as that is fixed. Save as… keeps a copy elsewhere."
        ).format(problem=_html(problem.reason)))
        self.storage_bar.show()

    def retry(self) -> None:
        """Send the failed turn's question again, with the same earlier turns: the request is the
        one that failed. The new attempt takes the failed turn's place (a new version of it: the
        failed one stays in the history, off the path shown)."""
        if self._retry_text is None or self.busy:
            return
        position = self._retry_position
        turns = self.session.conversation.turns
        if position is not None and not (0 <= position < len(turns) and turns[position].user == self._retry_text):
            position = None
        self.submit(self._retry_text, version_of=position)

    def submit(self, text: str, version_of: int | None = None) -> asyncio.Task[Turn]:
        import asyncio

        self.notice_bar.hide()
        self.answer_pane.set_busy(True)  # at once: the reply's task starts on the next loop turn
        self._task = asyncio.ensure_future(self._run(text, version_of))
        return self._task

    async def _run(self, text: str, version_of: int | None = None) -> Turn:
        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.answer_pane.set_busy(True)
        try:
            turn = await self.session.send(text, self.view, version_of=version_of)
        finally:  # also on Stop (CancelledError): the turn was saved as interrupted
            self.send_button.setEnabled(True)
            self.stop_button.setEnabled(False)
            self.answer_pane.set_busy(False)
            last = self.session.conversation.turns[-1] if self.session.conversation.turns else None
            if last is not None:
                self._after_turn(last)
        return turn

    def _after_turn(self, turn: Turn) -> None:
        # What this needs is imported where it is needed (a failure's hints, an --export), not
        # with the module nor after every turn: each import on the loop is a pause of the window.
        if turn.status is TurnStatus.ERROR and turn.error is not None:
            from ..protocol import hint_for, retryable

            error = turn.error
            about_key = error.kind is ErrorKind.CONFIG or error.code == "InvalidApiKey" or error.http_status == 401
            hint = hint_for(error, self.session.base_url, turn.protocol)
            text = f"<b>{_html(error.headline())}</b>: {_html(error.details())}"
            if hint:
                text += f"<br>{_html(hint)}"
            turns = self.session.conversation.turns
            self.show_notice(text, settings_button=about_key, retry=turn.user if retryable(error) else None,
                             position=turns.index(turn) if turn in turns else None)
            if not turn.received_anything and turn.error.kind in (ErrorKind.CONFIG, ErrorKind.NETWORK):
                # Nothing came back: give the question back so nothing typed is lost.
                if not self.input.toPlainText().strip():
                    self.input.setPlainText(turn.user)
        elif turn.status is TurnStatus.COMPLETE:
            self.notice_bar.hide()  # an earlier failure's bar does not outlive a success
        if self.export_path is not None:
            from ..export import ExportError, export_to

            try:
                export_to(self.export_path, self.session.conversation)
            except (ExportError, OSError) as exc:
                self.show_notice(self.tr("Export failed: {reason}").format(reason=_html(str(exc))))
        self.sidebar.refresh()
        self.sidebar.mark_current(self.session.conversation.id)
        self.turn_done.emit(turn)
        if self.session.demo is not None and not self.input.toPlainText().strip():
            self.input.setPlainText(self._demo_question())

    # -- branches (issue #18) ---------------------------------------------------------------

    def _number_of(self, turn: Turn) -> int:
        """A streaming turn's number on the path shown: the end, or (a new version of a turn)
        the number of the turn it replaces."""
        turns = self.session.conversation.turns
        return turns.index(turn) + 1 if turn in turns else len(turns)

    def versions_of(self, position: int) -> tuple[int, int]:
        """Which version the turn at `position` of the path shown is, and of how many."""
        conversation = self.session.conversation
        versions = conversation.versions_at(position)
        turn = conversation.turns[position]
        return (versions.index(turn) if turn in versions else len(versions) - 1), len(versions)

    def regenerate(self, position: int) -> asyncio.Task[Turn] | None:
        """Ask the question at `position` again, as a new version of that turn."""
        turns = self.session.conversation.turns
        if self.busy or not 0 <= position < len(turns):
            return None
        return self.submit(turns[position].user, version_of=position)

    def send_edited(self, position: int, text: str) -> asyncio.Task[Turn] | None:
        """The question at `position`, edited, asked as a new version of that turn."""
        if self.busy or not text.strip() or not 0 <= position < len(self.session.conversation.turns):
            return None
        return self.submit(text.strip(), version_of=position)

    def show_version(self, position: int, index: int) -> None:
        """Page the turn at `position` to its version `index`: that version and the branch that
        followed it are shown, in every pane, and the next question continues from there."""
        if self.busy:
            return
        if not self.session.show_version(position, index):  # remembered in the history if it can be
            return
        self.show_conversation(focus=position)
        card = next((c for c in self.answer_pane.cards if c.number == position + 1), None)
        if card is not None:  # the focus stays on the pager, for the next key press
            button = card.pager.previous if card.pager.previous.isEnabled() else card.pager.next
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        count = len(self.session.conversation.versions_at(position))
        self.status.show_message(self.tr("Showing version {number} of {count}").format(number=index + 1, count=count))

    def stop(self) -> None:
        if self.busy:
            assert self._task is not None
            self._task.cancel()

