"""Opening conversations in the window: new, open (at a turn or a search hit), delete and undo,
Show earlier; the building itself is conversation_builder's."""

from __future__ import annotations

from .window_base import WindowBase

# A long conversation opens with this many of its latest turns built; the rest on request.
SHOWN_TURNS = 30


class OpeningMixin(WindowBase):
    def _clear_panes(self) -> None:
        self.builder.cancel()
        self.painter.clear()
        self.notice_bar.hide()

    def new_conversation(self) -> None:
        if self.busy:
            self.status.show_message(self.tr("Stop the current reply first"))
            return
        self.session.new_conversation()
        self._clear_panes()
        self.show_options()
        self.sidebar.mark_current(None)
        self.status.show_message(self.tr("New conversation"))
        self.input.setFocus()

    def focus_search(self) -> None:
        self.sidebar.search.setFocus()
        self.sidebar.search.selectAll()

    def open_conversation(self, conversation_id: str, position: int | str | None = None) -> None:
        """Open a conversation, at the turn `position` of its path, or (a search hit: a str) at
        the turn with that id, showing the branch that holds it."""
        if self.busy:
            self.status.show_message(self.tr("Stop the current reply before opening another conversation"))
            return
        opened = conversation_id != self.session.conversation.id
        if opened and not self.session.open(conversation_id):
            self.status.show_message(self.tr("That conversation is gone"))
            self.sidebar.refresh()
            return
        if isinstance(position, str):
            turn_id = position
            on_path = next((i for i, t in enumerate(self.session.conversation.turns) if t.id == turn_id), None)
            position = on_path
            if on_path is None:  # on a branch not shown: show it (and remember it)
                position = self.session.conversation.show_path_to(turn_id)
                if position is not None:
                    from ..store.faults import StorageError

                    try:
                        self.session.history.show_branch(self.session.conversation)
                    except StorageError:
                        pass
                opened = True
        if opened:
            self.show_conversation(focus=position)
        elif position is not None:
            if position < self._shown_from:
                self.show_conversation(focus=position)
            self.answer_pane.scroll_to_turn(position + 1)
        self.sidebar.mark_current(conversation_id)
        self.input.setFocus()

    def _deleted(self, conversation_id: str, title: str) -> None:
        if not self.session.conversation.turns:  # the open one was deleted
            self._clear_panes()
            self.show_options()
        self._deleted_id = conversation_id
        self.status.show_message(self.tr("Deleted “{title}”").format(title=title or self.tr("Untitled")))
        self.undo_button.show()
        self._undo_timer.start()

    def _undo_delete(self) -> None:
        deleted = self._deleted_id
        if deleted is not None and self.sidebar._stored(lambda: self.session.restore(deleted)):  # noqa: SLF001
            self.status.show_message(self.tr("Restored"))
        self._deleted_id = None
        self.undo_button.hide()
        self.sidebar.refresh()

    def show_conversation(self, focus: int | None = None, start: int | None = None) -> None:
        """Show the session's conversation: its latest turns (or those around `focus`, a turn
        position), never hundreds of heavy widgets at once; earlier ones wait behind a button."""
        turns = self.session.conversation.turns
        if start is None:
            start = max(0, len(turns) - SHOWN_TURNS)
            if focus is not None:
                start = min(start, max(0, focus - SHOWN_TURNS // 2))
        self._clear_panes()
        self._shown_from = start
        self.answer_pane.set_hidden_earlier(start)
        # The first screen now, the rest in idle slices (conversation_builder.py).
        self.builder.build(turns, start, focus)
        if turns:
            self.status.show_turn(turns[-1])
        self.show_options()
        if focus is not None:
            self.answer_pane.scroll_to_turn(focus + 1)

    def show_earlier(self) -> None:
        start = max(0, self._shown_from - SHOWN_TURNS)
        self.show_conversation(focus=start, start=start)

