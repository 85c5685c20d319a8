"""The window: input, three live panes, status bar. It talks to a ChatSession, never to HTTP."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..config import COMPATIBLE
from ..model.turn import StepKind, Turn, TurnStatus
from ..protocol.errors import ErrorKind
from ..session import ChatSession
from ..settings import Settings, SettingsStore
from .answer_pane import AnswerPane
from .panes import CodePane, ThinkingPane
from .shortcuts import sequence
from .sidebar import Sidebar
from .status import RequestStatus
from .style import style_sheet
from .theme import apply_scheme
from .turn_view import WindowView
from .window_state import WindowState, load_state, on_screen, save_state

if TYPE_CHECKING:
    # Imported where a task starts: the window is built and painted before the app loads
    # asyncio and starts its loop (ui/app.py).
    import asyncio

    from ..store.faults import StorageError
    from ..store.importing import ImportReport

T = TypeVar("T")

# A long conversation opens with this many of its latest turns built; the rest on request.
SHOWN_TURNS = 30


class QuestionBox(QPlainTextEdit):
    """Enter inserts a newline; Ctrl+Enter (Cmd+Enter on macOS) sends. Tab moves the focus on,
    as in any form; Ctrl+Tab inserts a tab."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and control:
            self.submitted.emit()
            return
        if event.key() == Qt.Key.Key_Tab and control:
            self.insertPlainText("\t")
            return
        super().keyPressEvent(event)


class _Pane(QWidget):
    def __init__(self, title: str, body: QWidget, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.title = QLabel(title)
        self.title.setObjectName("paneTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(body, 1)


class MainWindow(QMainWindow):
    closed = Signal()
    turn_done = Signal(object)  # the finished Turn

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
        self.status = RequestStatus()
        self.setStatusBar(self.status)

        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("sideSplitter")
        side.setHandleWidth(7)  # wide enough to grab; the style sheet shows it on hover
        side.addWidget(_Pane(self.tr("Thinking"), self.thinking_pane, "thinkingBox"))
        side.addWidget(_Pane(self.tr("Executed code"), self.code_pane, "codeBox"))
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
        panes.addWidget(_Pane(self.tr("Answer"), self.answer_pane, "answerBox"))
        panes.addWidget(side)
        panes.setSizes([250, 640, 510])
        panes.setChildrenCollapsible(False)
        # A resized window keeps the panes' proportions (not only the answer's and the side's
        # widths): at 900 px the answer keeps about 45 % of the width.
        for splitter in (panes, side):
            _proportional(splitter)
            splitter.splitterMoved.connect(lambda _pos, _index, s=splitter: _proportional(s))

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

        self.input = QuestionBox()
        self.input.setObjectName("questionBox")
        send_keys = QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
        self.input.setPlaceholderText(
            self.tr("Ask Qwen — it can run Python to work things out.  ({keys} sends)").format(keys=send_keys))
        self.input.setFixedHeight(84)
        self.input.submitted.connect(self.send_from_input)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.send_button.setToolTip(self.tr("Send ({keys})").format(keys=send_keys))
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
        composer = QHBoxLayout()
        composer.addWidget(self.input, 1)
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
        self.view = WindowView(self)
        from .local_runs import LocalRuns

        self.local_runs = LocalRuns(self)

        self._build_menus()
        self._accessibility()
        self.refresh_connections()
        self.sidebar.refresh()
        if session.demo is not None:
            self._show_demo_banner()
        self.restore_state()

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
        if len(state.panes) == self.panes_splitter.count() and all(n > 0 for n in state.panes):
            self.panes_splitter.setSizes(list(state.panes))
            _proportional(self.panes_splitter, state.panes)
        if len(state.side) == self.side_splitter.count() and all(n > 0 for n in state.side):
            self.side_splitter.setSizes(list(state.side))
            _proportional(self.side_splitter, state.side)

    def save_state(self) -> None:
        normal = self.normalGeometry() if self.isMaximized() or self.isFullScreen() else QRect(self.pos(), self.size())
        state = WindowState(
            geometry=normal if normal.isValid() else None,
            maximized=self.isMaximized(),
            panes=tuple(self.panes_splitter.sizes()),
            side=tuple(self.side_splitter.sizes()),
        )
        try:
            save_state(self.session.config.profile, state)
        except OSError:  # a read-only profile: nothing to remember, nothing lost
            pass

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
        finally:
            self._theming = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ThemeChange):
            self.apply_theme()

    def _build_menus(self) -> None:
        """Menus and every shortcut, in one table that Help ▸ Keyboard shortcuts shows."""
        self.shortcuts: list[tuple[str, QKeySequence]] = []

        def bind(menu: QMenu | None, text: str, slot: Callable[[], object], keys: QKeySequence) -> QAction:
            action = menu.addAction(text, slot) if menu is not None else QAction(text, self)
            if menu is None:
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

        # Not in a menu: they act on the question being written or streamed.
        bind(None, self.tr("Send the question"), self.send_from_input, QKeySequence("Ctrl+Return"))
        bind(None, self.tr("Stop the reply"), self.stop, QKeySequence(Qt.Key.Key_Escape))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        bind(help_menu, self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence("Ctrl+/"))

    def _accessibility(self) -> None:
        """Names and descriptions for screen readers, and a tab order that follows the work:
        write, send, stop, then the conversations, the answer, the thinking and the code."""
        described = [
            (self.input, self.tr("Question"), self.tr("Type a question; {keys} sends it").format(
                keys=QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText))),
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
        from .shortcuts import ShortcutsDialog

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

    # -- key, settings, welcome ------------------------------------------------------------

    async def check_key_on_start(self) -> None:
        """First start with no key: offer to enter one, or the demo."""
        if self.session.demo is not None:
            return
        lookup = await self.session.lookup_key()
        if lookup.key is None and self.session.config.key_required:
            detail = lookup.problem.message if lookup.problem is not None else ""
            from .welcome import WelcomeDialog

            self.welcome = WelcomeDialog(detail[:1].upper() + detail[1:], self)
            self.welcome.enter_key.connect(self.open_settings)
            self.welcome.try_demo.connect(lambda: self.spawn(self.start_demo()))
            self.welcome.open()

    async def start_demo(self) -> None:
        await self.session.apply_config(replace(self.session.config, demo=True))
        self.setWindowTitle(self.tr("dashchat (demo)"))
        self._show_demo_banner()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog  # ~3 ms of imports, not spent before the first paint

        self.settings_dialog = SettingsDialog(self.session, self.settings_store, self)
        self.settings_dialog.applied.connect(self._settings_applied)
        self.settings_dialog.open()

    def refresh_connections(self) -> None:
        """The switcher lists the connection profiles; hidden while there is only one."""
        settings = self.settings_store.load()
        box = self.connection_box
        box.clear()
        for connection in settings.connections:
            box.addItem(connection.name, connection.id)
            protocol = self.tr("OpenAI-compatible: no executed code") if connection.protocol == COMPATIBLE \
                else self.tr("DashScope native")
            box.setItemData(box.count() - 1, f"{connection.base_url} · {connection.model} · {protocol}",
                            Qt.ItemDataRole.ToolTipRole)
        box.setCurrentIndex(max(0, box.findData(self.session.config.connection_id)))
        box.setVisible(len(settings.connections) > 1)
        self._describe_connection(self.session.config.protocol, self.session.config.connection)

    def _describe_connection(self, protocol: str, name: str) -> None:
        self.code_pane.describe_connection(protocol == COMPATIBLE, name)

    def _connection_chosen(self, index: int) -> None:
        """Another connection profile: saved as the active one, used from the next question on
        (a reply streaming now finishes where it started)."""
        settings = self.settings_store.load()
        chosen = settings.find(str(self.connection_box.itemData(index)))
        if chosen is None or chosen.id == self.session.config.connection_id:
            return
        settings = replace(settings, active=chosen.id)
        self.settings_store.save(settings)
        self._describe_connection(chosen.protocol, chosen.name)
        self.spawn(self.session.apply_config(settings.config(self.session.config.profile,
                                                             demo=self.session.config.demo)))
        self.status.show_message(self.tr("The next question goes to {connection}").format(connection=chosen.name))

    def _settings_applied(self, settings: Settings) -> None:
        apply_scheme(QApplication.instance(), settings.theme)  # type: ignore[arg-type]
        self.apply_theme()
        self.refresh_connections()
        self.notice_bar.hide()
        if self.session.demo is not None:  # the settings do not end the demo: only a restart does
            self.setWindowTitle(self.tr("dashchat (demo)"))
        else:
            self.setWindowTitle("dashchat")
            self.banner.hide()
        self.status.show_message(self.tr("Settings saved: they apply to the next question"))

    def export_dialog(self) -> None:
        """Ask where to export: in the folder of the last export (else Documents), a name made
        from the title that every OS accepts, and the chosen type's extension if none is typed."""
        if not self.session.conversation.turns:
            self.status.show_message(self.tr("Nothing to export yet"))
            return
        from PySide6.QtWidgets import QFileDialog

        from ..export import safe_file_name
        from .window_state import export_folder

        filters = [self.tr("Markdown (*.md)"), self.tr("HTML (*.html)"), self.tr("Transcript JSON (*.json)"),
                   self.tr("Jupyter notebook (*.ipynb)")]
        dialog = QFileDialog(self, self.tr("Export conversation"))
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters(filters)
        dialog.selectNameFilter(filters[0])
        dialog.setDefaultSuffix("md")
        dialog.setDirectory(str(export_folder(self.session.config.profile)))
        dialog.selectFile(safe_file_name(self.session.conversation.title) + ".md")

        def filter_chosen(name_filter: str) -> None:
            from ..export import extension_of_filter

            extension = extension_of_filter(name_filter)
            dialog.setDefaultSuffix(extension.lstrip("."))

        dialog.filterSelected.connect(filter_chosen)
        dialog.fileSelected.connect(lambda path: self.export_chosen(path, dialog.selectedNameFilter()))
        self.export_file_dialog = dialog
        dialog.open()

    import_file_dialog: QWidget | None = None  # File ▸ Import…'s dialog while it is open

    def import_dialog(self) -> None:
        from .import_action import open_dialog

        open_dialog(self)

    def import_chosen(self, path: str | Path) -> asyncio.Task[ImportReport | None]:
        """Import a ChatGPT export or a transcript (File ▸ Import…), on a worker thread."""
        from .import_action import import_path

        return self.spawn(import_path(self, Path(path)))

    def export_chosen(self, path: str, name_filter: str = "") -> None:
        """Write the export the dialog asked for: a name typed without an extension gets the
        chosen type's."""
        from ..export import ExportError, export_to, with_filter_extension
        from .window_state import remember_export_folder

        target = with_filter_extension(Path(path), name_filter)
        try:
            export_to(target, self.session.conversation)
        except (ExportError, OSError) as exc:
            self.show_notice(self.tr("Export failed: {reason}").format(reason=_html(str(exc))))
            return
        self.notice_bar.hide()  # an earlier failure is over
        self.status.show_message(self.tr("Exported to {path}").format(path=str(target)))
        try:
            remember_export_folder(self.session.config.profile, target.parent)
        except OSError:
            pass

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
        # Imported here, not with the module: the window's first paint does not wait for them.
        from ..export import ExportError, export_to
        from ..protocol.hints import hint_for, retryable

        if turn.status is TurnStatus.ERROR and turn.error is not None:
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

    def _clear_panes(self) -> None:
        self.answer_pane.clear()
        self.thinking_pane.clear()
        self.code_pane.clear()
        self.notice_bar.hide()

    def new_conversation(self) -> None:
        if self.busy:
            self.status.show_message(self.tr("Stop the current reply first"))
            return
        self.session.new_conversation()
        self._clear_panes()
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
        for position in range(start, len(turns)):
            turn, number = turns[position], position + 1
            card = self.answer_pane.add_turn(turn, number)
            card.load()
            card.set_versions(*self.versions_of(position))
            self.thinking_pane.begin_turn(number, turn.user)
            self.code_pane.begin_turn(number, turn.user, turn.reports_code, turn.connection)
            for step in turn.steps:
                if step.kind is StepKind.THINKING:
                    self.thinking_pane.append_text(turn.thinking[step.start : step.end])
                elif step.kind is StepKind.CODE and step.code_index is not None:
                    self.thinking_pane.mark_code_run(step.code_index)
                    self.code_pane.set_code(step.code_index, turn.code[step.code_index])
                    self.code_pane.set_outputs(step.code_index, turn.outputs.get(step.code_index, []))
                elif step.kind is StepKind.SILENCE:
                    self.thinking_pane.mark_silence(step.seconds)
                    self.code_pane.add_silence(step.seconds)
        if turns:
            self.status.show_turn(turns[-1])
        if focus is not None:
            self.answer_pane.scroll_to_turn(focus + 1)

    def show_earlier(self) -> None:
        self.show_conversation(start=max(0, self._shown_from - SHOWN_TURNS))
        self.answer_pane.scroll_to_turn(self._shown_from + 1)

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
        if self.local_runs.running and self.local_runs.task is not None:
            self.local_runs.task.cancel()  # cancelling the run kills its process tree
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


def _proportional(splitter: QSplitter, sizes: tuple[int, ...] | list[int] | None = None) -> None:
    """Stretch factors in the proportions of the splitter's sizes: a resize then scales every
    pane alike instead of taking it all from the ones that stretch."""
    sizes = list(sizes if sizes is not None else splitter.sizes())
    total = sum(sizes)
    if total <= 0:
        return
    for index, size in enumerate(sizes):
        splitter.setStretchFactor(index, max(1, round(100 * size / total)))


def _html(text: str) -> str:
    import html

    return html.escape(text)
