"""What the window's parts (window_*.py, mixed into main_window.MainWindow) share: its widgets and
state, declared once for the type checker. No behaviour lives here."""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QMainWindow, QPushButton, QSplitter, QToolButton, QWidget

if TYPE_CHECKING:
    import asyncio

    from ..model.turn import Turn
    from ..session import ChatSession
    from ..settings import Settings, SettingsStore
    from ..store.importing import ImportReport
    from .answer_pane import AnswerPane
    from .composer import Composer
    from .conversation_builder import ConversationBuilder
    from .panes import CodePane, ThinkingPane
    from .question_box import QuestionBox
    from .sidebar import Sidebar
    from .status import RequestStatus
    from .turn_painter import TurnPainter
    from .turn_view import WindowView

T = TypeVar("T")


class WindowBase(QMainWindow):
    closed = Signal()
    turn_done = Signal(object)  # the finished Turn

    session: ChatSession
    export_path: Path | None
    settings_store: SettingsStore
    answer_pane: AnswerPane
    thinking_pane: ThinkingPane
    code_pane: CodePane
    status: RequestStatus
    sidebar: Sidebar
    painter: TurnPainter
    builder: ConversationBuilder
    view: WindowView
    input: QuestionBox
    send_button: QPushButton
    stop_button: QPushButton
    connection_box: QComboBox
    banner: QLabel
    notice: QLabel
    notice_action: QPushButton
    notice_bar: QFrame
    retry_button: QPushButton
    close_notice: QToolButton
    storage_text: QLabel
    storage_bar: QFrame
    undo_button: QPushButton
    panes_splitter: QSplitter
    side_splitter: QSplitter
    shortcuts: list[tuple[str, QKeySequence]]
    composer: Composer  # this conversation's model, system prompt, thinking budget
    thinking_box: QWidget  # the Thinking pane with its title, in side_splitter
    code_box: QWidget
    show_thinking_action: QAction
    show_code_action: QAction
    unattended: bool
    unsaved_at_close: bool
    import_file_dialog: QWidget | None = None  # File ▸ Import…'s dialog while it is open
    _task: asyncio.Task[Turn] | None
    _background: set[asyncio.Task[Any]]
    _closing: bool
    _retry_text: str | None
    _retry_position: int | None
    _shown_from: int
    _deleted_id: str | None
    _undo_timer: QTimer

    if TYPE_CHECKING:  # defined by one part, called by another
        @property
        def busy(self) -> bool: ...
        def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]: ...
        def apply_theme(self) -> None: ...
        def show_notice(self, text: str, settings_button: bool = False, retry: str | None = None,
                        position: int | None = None) -> None: ...
        def submit(self, text: str, version_of: int | None = None) -> asyncio.Task[Turn]: ...
        def show_conversation(self, focus: int | None = None, start: int | None = None) -> None: ...
        def versions_of(self, position: int) -> tuple[int, int]: ...
        def open_settings(self) -> None: ...
        def export_dialog(self) -> None: ...
        def refresh_connections(self) -> None: ...
        def _show_demo_banner(self) -> None: ...
        def _demo_question(self) -> str: ...
        def _answered(self) -> int: ...
        def _clear_panes(self) -> None: ...
        def new_conversation(self) -> None: ...
        def import_dialog(self) -> None: ...
        def import_chosen(self, path: str | Path) -> asyncio.Task[ImportReport | None]: ...
        def focus_search(self) -> None: ...
        def send_from_input(self) -> None: ...
        def stop(self) -> None: ...
        def show_options(self) -> None: ...
        def refresh_cost(self, turn: Turn | None = None) -> None: ...
        def open_prices(self) -> None: ...
        def zoom_in(self) -> None: ...
        def zoom_out(self) -> None: ...
        def zoom_reset(self) -> None: ...
        def show_side_pane(self, which: str, shown: bool) -> None: ...
        def _settings_changed(self, settings: Settings) -> None: ...
