"""The window: input, three live panes, status bar. It talks to a ChatSession, never to HTTP.
Its parts live in window_*.py (menus, settings and files, sending, opening), mixed in here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..model.turn import Turn
from ..session import ChatSession
from ..settings import SettingsStore
from .answer_pane import AnswerPane
from .composer import CostLabel
from .conversation_builder import ConversationBuilder
from .panes import CodePane, ThinkingPane
from .question_box import QuestionBox, TitledPane, proportional
from .sidebar import Sidebar
from .status import RequestStatus
from .style import style_sheet
from .turn_painter import TurnPainter
from .turn_view import WindowView
from .window_menus import MenusMixin
from .window_opening import SHOWN_TURNS, OpeningMixin
from .window_options import OptionsMixin
from .window_sending import SendingMixin
from .window_settings import SettingsMixin
from .window_state import WindowState, load_state, on_screen, save_state

if TYPE_CHECKING:
    import asyncio

    from .local_runs import LocalRuns

__all__ = ["SHOWN_TURNS", "MainWindow"]


class MainWindow(OpeningMixin, SendingMixin, SettingsMixin, OptionsMixin, MenusMixin):
    """The window. Its parts: window_menus (menus, shortcuts, accessibility), window_settings
    (key, Settings, connections, Export and Import), window_sending (questions, retries, new
    versions, the error and storage bars), window_opening (conversations), window_options (the
    composer, costs, zoom, the side panes shown); a turn is painted by
    turn_painter, live through turn_view, stored through conversation_builder."""

    def __init__(self, session: ChatSession, export: Path | None = None,
                 settings_store: SettingsStore | None = None) -> None:
        super().__init__()
        self.session = session
        self.export_path = export
        self.settings_store = settings_store or SettingsStore(session.config.profile)
        self._background: set[asyncio.Task[Any]] = set()
        self._task: asyncio.Task[Turn] | None = None
        self._closing = False
        self._shown_once = False
        self._retry_position: int | None = None
        self.setWindowTitle(self.tr("dashchat (demo)") if session.demo else "dashchat")
        self.apply_theme()
        self.resize(1440, 860)

        self.answer_pane = AnswerPane()
        self.answer_pane.earlier.clicked.connect(self.show_earlier)
        self.answer_pane.regenerate_requested.connect(self.regenerate)
        self.answer_pane.edit_sent.connect(self.send_edited)
        self.answer_pane.version_requested.connect(self.show_version)
        self._shown_from = 0
        self.thinking_pane = ThinkingPane()
        self.code_pane = CodePane()
        self.cost = CostLabel()
        self.status = RequestStatus(cost=self.cost)
        self.status.costs = lambda turn: self.cost.text_for(self.prices, turn, self.session.conversation)
        self.setStatusBar(self.status)

        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("sideSplitter")
        side.setHandleWidth(7)  # wide enough to grab; the style sheet shows it on hover
        self.thinking_box = TitledPane(self.tr("Thinking"), self.thinking_pane, "thinkingBox")
        self.code_box = TitledPane(self.tr("Executed code"), self.code_pane, "codeBox")
        side.addWidget(self.thinking_box)
        side.addWidget(self.code_box)
        side.setSizes([430, 330])
        side.setChildrenCollapsible(False)
        self.side_splitter = side
        self.sidebar = Sidebar(session)
        self.sidebar.open_requested.connect(self.open_conversation)
        self.sidebar.new_requested.connect(self.new_conversation)
        self.sidebar.deleted.connect(self._deleted)
        panes = QSplitter(Qt.Orientation.Horizontal)
        panes.setObjectName("panesSplitter")
        panes.setHandleWidth(7)
        self.panes_splitter = panes
        panes.addWidget(self.sidebar)
        panes.addWidget(TitledPane(self.tr("Answer"), self.answer_pane, "answerBox"))
        panes.addWidget(side)
        panes.setSizes([250, 640, 510])
        panes.setChildrenCollapsible(False)
        # A resized window keeps the panes' proportions (not only the answer's and the side's
        # widths): at 900 px the answer keeps about 45 % of the width.
        for splitter in (panes, side):
            proportional(splitter)
            splitter.splitterMoved.connect(lambda _pos, _index, s=splitter: proportional(s))

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.notice = QLabel()
        self.notice.setObjectName("noticeText")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_action = QPushButton(self.tr("Open settings"))
        self.notice_action.setObjectName("noticeAction")
        self.notice_action.clicked.connect(self.open_settings)
        self.notice_bar = QFrame()
        self.notice_bar.setObjectName("errorBanner")
        notice_layout = QHBoxLayout(self.notice_bar)
        notice_layout.setContentsMargins(10, 6, 10, 6)
        notice_layout.addWidget(self.notice, 1)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.setToolTip(self.tr("Ask the same question again in the failed turn's place (the failed "
                                             "attempt stays in the history)"))
        self.retry_button.clicked.connect(self.retry)
        notice_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        notice_layout.addWidget(self.notice_action, 0, Qt.AlignmentFlag.AlignTop)
        self.close_notice = QToolButton()
        self.close_notice.setObjectName("closeNotice")
        self.close_notice.setText("✕")
        self.close_notice.setAccessibleName(self.tr("Close the error message"))
        self.close_notice.setToolTip(self.tr("Close the error message"))
        self.close_notice.setAutoRaise(True)
        self.close_notice.clicked.connect(self.notice_bar_hide)
        notice_layout.addWidget(self.close_notice, 0, Qt.AlignmentFlag.AlignTop)
        self.notice_bar.hide()
        self._retry_text: str | None = None
        # Its own bar: a history that cannot be written is not an error of the reply, and the two
        # can be shown at once. It goes once everything is saved again.
        self.storage_text = QLabel()
        self.storage_text.setObjectName("storageText")
        self.storage_text.setWordWrap(True)
        self.storage_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        save_as = QPushButton(self.tr("Save as…"))
        save_as.setObjectName("storageSaveAs")
        save_as.setToolTip(self.tr("Write this conversation to a file of your choice"))
        save_as.clicked.connect(self.export_dialog)
        self.storage_bar = QFrame()
        self.storage_bar.setObjectName("errorBanner")
        storage_layout = QHBoxLayout(self.storage_bar)
        storage_layout.setContentsMargins(10, 6, 10, 6)
        storage_layout.addWidget(self.storage_text, 1)
        storage_layout.addWidget(save_as, 0, Qt.AlignmentFlag.AlignTop)
        self.storage_bar.hide()
        session.storage_listener = self.storage_changed
        # Closing without asking (a script's --quit, a signal): an unsaved reply is reported on
        # stderr and in the exit status instead of in a dialog.
        self.unattended = False
        self.unsaved_at_close = False

        settings = self.settings_store.load()
        self.input = QuestionBox(enter_sends=settings.enter_sends)
        self.input.setObjectName("questionBox")
        self.input.setFixedHeight(84)
        self.input.submitted.connect(self.send_from_input)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.send_button.setToolTip(self.tr("Send the question"))
        self.send_button.clicked.connect(self.send_from_input)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip(self.tr("Stop the reply and keep what arrived (Esc)"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.connection_box = QComboBox()
        self.connection_box.setObjectName("connectionBox")
        self.connection_box.setToolTip(self.tr("The connection profile the next question goes to"))
        self.connection_box.activated.connect(self._connection_chosen)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.connection_box)
        buttons.addStretch(1)
        asking = QVBoxLayout()  # the question, and under it this conversation's options
        asking.setSpacing(4)
        asking.addWidget(self.input, 1)
        asking.addWidget(self._build_options(settings))
        composer = QHBoxLayout()
        composer.addLayout(asking, 1)
        composer.addLayout(buttons)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(panes, 1)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.storage_bar)
        layout.addLayout(composer)
        self.setCentralWidget(central)

        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self._undo_delete)
        self.status.addWidget(self.undo_button)
        self.status.undo_button = self.undo_button
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(12_000)
        self._undo_timer.timeout.connect(self.undo_button.hide)
        self._deleted_id: str | None = None
        self.painter = TurnPainter(self.answer_pane, self.thinking_pane, self.code_pane, self.status)
        self.builder = ConversationBuilder(self.painter, self.versions_of, self)
        self.view = WindowView(self.painter, self._number_of, self.versions_of, self,
                               before_turn=self.builder.finish)
        self.set_font_zoom(settings.font_zoom, save=False)
        # Run locally (local_runs.py) is set up once the first frame is painted (startup.py): no
        # code block can be clicked before then.
        self._local_runs: LocalRuns | None = None
        self._painted_once = False

        self._build_menus()
        self._accessibility()
        self.refresh_connections()
        self.sidebar.refresh()
        if session.demo is not None:
            self._show_demo_banner()
        self.restore_state()

    @property
    def local_runs(self) -> LocalRuns:
        if self._local_runs is None:
            from .local_runs import LocalRuns

            self._local_runs = LocalRuns(self)
        return self._local_runs

    # -- size, place and focus ------------------------------------------------------------

    def restore_state(self) -> None:
        """The size, place and splitters of the last run with this profile, on a screen that
        still exists."""
        try:
            state = load_state(self.session.config.profile)
        except OSError:
            return
        if state.geometry is not None:
            rect = on_screen(state.geometry)
            self.resize(rect.size())
            self.move(rect.topLeft())
        if state.maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.show_side_pane("thinking", state.thinking_shown)
        self.show_side_pane("code", state.code_shown)
        for splitter, sizes in ((self.panes_splitter, state.panes), (self.side_splitter, state.side)):
            # A hidden pane (View ▸ Show Thinking) was saved with no width.
            shown = [w is not None and w.isVisibleTo(splitter) for w in map(splitter.widget, range(splitter.count()))]
            if len(sizes) == splitter.count() and all(n > 0 or not s for n, s in zip(sizes, shown, strict=True)) \
                    and any(sizes):
                splitter.setSizes(list(sizes))
                proportional(splitter, sizes)

    def save_state(self) -> None:
        normal = self.normalGeometry() if self.isMaximized() or self.isFullScreen() else QRect(self.pos(), self.size())
        state = WindowState(
            geometry=normal if normal.isValid() else None,
            maximized=self.isMaximized(),
            panes=tuple(self.panes_splitter.sizes()),
            side=tuple(self.side_splitter.sizes()),
            thinking_shown=self.show_thinking_action.isChecked(),
            code_shown=self.show_code_action.isChecked(),
        )
        try:
            save_state(self.session.config.profile, state)
        except OSError:  # a read-only profile: nothing to remember, nothing lost
            pass

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            QTimer.singleShot(0, self, lambda: self.local_runs)  # once this frame is done

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._shown_once:
            # Typing at once goes into the question: no first word lost, no button pressed by Space.
            self._shown_once = True
            self.input.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def apply_theme(self) -> None:
        """Colours for the current scheme (light or dark); called again when the OS switches.
        What is already shown is recoloured too, not only what comes next."""
        if getattr(self, "_theming", False):  # setting the style sheet changes the palette
            return
        self._theming = True
        try:
            # The application's palette: the window's own follows it only once the style sheet
            # is set again (which polishes every widget anew, so it is set even when unchanged).
            sheet = style_sheet(QApplication.palette())
            changed = sheet != self.styleSheet()
            self.setStyleSheet(sheet)
            if changed and hasattr(self, "thinking_pane"):
                self.thinking_pane.apply_theme()
                self.code_pane.apply_theme()
                self.answer_pane.apply_theme()
                self.set_font_zoom(self.font_zoom, save=False)  # answer views made again
        finally:
            self._theming = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ThemeChange):
            self.apply_theme()

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # Closing mid-stream: stop the stream first (the turn is saved as interrupted), then
        # close for real once the task has unwound.
        if self.busy and self._task is not None:
            event.ignore()
            if not self._closing:
                self._closing = True
                self._task.add_done_callback(lambda _t: QTimer.singleShot(0, self.close))
                self._task.cancel()
            return
        if self.session.unsaved and not self.session.flush_now() and not self._may_close_unsaved():
            event.ignore()
            self._closing = False
            return
        self.unsaved_at_close = self.session.unsaved
        runs = self._local_runs
        if runs is not None and runs.running and runs.task is not None:
            runs.task.cancel()  # cancelling the run kills its process tree
        self.save_state()
        event.accept()
        self.closed.emit()

    def _may_close_unsaved(self) -> bool:
        """A reply is only in memory (the history cannot be written): ask before losing it."""
        if self.unattended:
            return True
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved to the history"), self.tr(
            "The last reply could not be saved to the history: {problem}.\n\nSave a copy before closing?"
        ).format(problem=self.session.save_problem.reason if self.session.save_problem else ""), parent=self)
        save = box.addButton(self.tr("Save as…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Close without saving"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is cancel:
            return False
        if box.clickedButton() is save:
            self.export_dialog()
        return True


