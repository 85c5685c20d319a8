"""The window's menus, shortcuts, accessible names, copy actions and the demo banner."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QWidget,
)

from .shortcuts import sequence
from .window_base import WindowBase

if TYPE_CHECKING:
    import asyncio


T = TypeVar("T")


class MenusMixin(WindowBase):
    def _build_menus(self) -> None:
        """Menus and every shortcut, in one table that Help ▸ Keyboard shortcuts shows."""
        self.shortcuts: list[tuple[str, QKeySequence]] = []

        def bind(menu: QMenu | None, text: str, slot: Callable[[], object], keys: QKeySequence) -> QAction:
            if menu is not None:
                action = menu.addAction(text, slot)
            else:
                # Not QAction(text, self): to choose among its overloads PySide6 builds QIcon's
                # type (~11 M instructions) before the first frame, for an action with no icon.
                action = QAction(self)
                action.setText(text)
                action.triggered.connect(slot)
                self.addAction(action)  # works with the window focused, no menu entry
            action.setShortcut(keys)
            self.shortcuts.append((text.replace("&", "").rstrip("…"), keys))
            return action

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        bind(file_menu, self.tr("&New conversation"), self.new_conversation, sequence(QKeySequence.StandardKey.New))
        bind(file_menu, self.tr("&Export conversation…"), self.export_dialog, QKeySequence("Ctrl+Shift+E"))
        bind(file_menu, self.tr("&Import…"), self.import_dialog, QKeySequence("Ctrl+Shift+I"))
        file_menu.addSeparator()
        self.settings_action = bind(file_menu, self.tr("&Settings…"), self.open_settings,
                                    sequence(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.prices_action = file_menu.addAction(self.tr("&Prices…"), self.open_prices)
        self.prices_action.setObjectName("pricesAction")
        self.prices_action.setMenuRole(QAction.MenuRole.NoRole)  # macOS moves "Prefs…"-like entries
        file_menu.addSeparator()
        quit_action = bind(file_menu, self.tr("&Quit"), self.close, sequence(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        bind(edit_menu, self.tr("Copy the last answer"), self.copy_last_answer, QKeySequence("Ctrl+Shift+C"))
        bind(edit_menu, self.tr("Copy the last executed code"), self.copy_last_code, QKeySequence("Ctrl+Shift+K"))
        edit_menu.addSeparator()
        bind(edit_menu, self.tr("Search conversations"), self.focus_search, sequence(QKeySequence.StandardKey.Find))

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        bind(view_menu, self.tr("Question box"), lambda: self.input.setFocus(), QKeySequence("Ctrl+L"))
        bind(view_menu, self.tr("Conversations"), lambda: self.sidebar.list.setFocus(), QKeySequence("Ctrl+1"))
        bind(view_menu, self.tr("Answer pane"), lambda: self.answer_pane.setFocus(), QKeySequence("Ctrl+2"))
        bind(view_menu, self.tr("Thinking pane"), lambda: self.thinking_pane.setFocus(), QKeySequence("Ctrl+3"))
        bind(view_menu, self.tr("Executed code pane"), lambda: self.code_pane.setFocus(), QKeySequence("Ctrl+4"))
        view_menu.addSeparator()
        self.show_thinking_action = bind(view_menu, self.tr("Show Thinking"), lambda: self.show_side_pane(
            "thinking", self.show_thinking_action.isChecked()), QKeySequence("Ctrl+Shift+T"))
        self.show_code_action = bind(view_menu, self.tr("Show Executed code"), lambda: self.show_side_pane(
            "code", self.show_code_action.isChecked()), QKeySequence("Ctrl+Shift+X"))
        for action in (self.show_thinking_action, self.show_code_action):
            action.setCheckable(True)
            action.setChecked(True)
        view_menu.addSeparator()
        # Standard keys, so that macOS gets Cmd; Ctrl+= as well, as + needs Shift on most layouts.
        zoom_in = bind(view_menu, self.tr("Zoom in"), self.zoom_in, QKeySequence(QKeySequence.StandardKey.ZoomIn))
        zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        bind(view_menu, self.tr("Zoom out"), self.zoom_out, QKeySequence(QKeySequence.StandardKey.ZoomOut))
        bind(view_menu, self.tr("Actual size"), self.zoom_reset, QKeySequence("Ctrl+0"))

        # Not in a menu: they act on the question being written or streamed.
        bind(None, self.tr("Send the question"), self.send_from_input, QKeySequence("Ctrl+Return"))
        bind(None, self.tr("Stop the reply"), self.stop, QKeySequence(Qt.Key.Key_Escape))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        bind(help_menu, self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence("Ctrl+/"))

    def _accessibility(self) -> None:
        """Names and descriptions for screen readers, and a tab order that follows the work:
        write, send, stop, then the conversations, the answer, the thinking and the code."""
        described = [
            (self.input, self.tr("Question"), ""),  # its description says which key sends (question_box)
            (self.answer_pane, self.tr("Answer"), self.tr("The conversation: each question and its answer")),
            (self.thinking_pane, self.tr("Thinking"), self.tr("The model's reasoning, with a marker where code ran")),
            (self.code_pane, self.tr("Executed code"), self.tr("Every snippet the interpreter ran, in order")),
            (self.sidebar.list, self.tr("Conversations"), self.tr("Stored conversations, newest first")),
            (self.sidebar.search, self.tr("Search conversations"), ""),
            (self.status.tokens, self.tr("Token usage"), ""),
            (self.status.runs, self.tr("Interpreter runs"), ""),
            (self.status.timing, self.tr("Timing"), ""),
            (self.status.request_id, self.tr("Request id"), ""),
            (self.status.state, self.tr("Request status"), ""),
            (self.notice, self.tr("Error"), ""),
        ]
        for widget, name, description in described:
            widget.setAccessibleName(name)
            if description:
                widget.setAccessibleDescription(description)
        order = [self.input, self.send_button, self.stop_button, self.sidebar.search, self.sidebar.list,
                 self.answer_pane, self.thinking_pane, self.code_pane]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def show_recovered(self, count: int) -> None:
        """At start: replies an earlier crash cut off were found, kept, and marked."""
        self.status.show_message(
            self.tr("%n reply(s) cut off by an earlier crash were kept and marked interrupted", "", count))

    def show_shortcuts(self) -> None:
        from .shortcuts_dialog import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self.shortcuts, self)
        self.shortcuts_dialog.open()

    def copy_last_answer(self) -> None:
        turns = [t for t in self.session.conversation.turns if t.answer_length]
        if turns:
            QApplication.clipboard().setText(turns[-1].answer)
            self.status.show_message(self.tr("Copied the last answer"))

    def copy_last_code(self) -> None:
        codes = [c for t in self.session.conversation.turns for c in t.code if c]
        if codes:
            QApplication.clipboard().setText(codes[-1])
            self.status.show_message(self.tr("Copied the last executed code"))

    def _show_demo_banner(self) -> None:
        self.banner.setProperty("tone", "info")
        self.banner.setText(
            self.tr("Demo: recorded replies from the documentation's examples stream through the real "
                    "pipeline. No key, no network. Whatever you ask, the next recording answers.")
        )
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()
        if self.session.demo is not None and not self.input.toPlainText().strip():
            self.input.setPlainText(self._demo_question())

    def _demo_question(self) -> str:
        from PySide6.QtCore import QLocale

        assert self.session.demo is not None
        return self.session.demo.question_for(self._answered(), QLocale().name())

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        import asyncio

        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

