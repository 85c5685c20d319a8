"""Start-up probe for bench_stream.py: start a window, report when it has first been painted, then
its resident memory at rest, and exit.

    python benchmarks/probe_startup.py bare              a bare PySide6 QMainWindow
    python benchmarks/probe_startup.py bare-text         the same with one line of text in it
    python benchmarks/probe_startup.py skeleton [SHEET]  dashchat's first frame in plain PySide6
    python benchmarks/probe_startup.py sheet SHEET       writes dashchat's style sheet for it
    python benchmarks/probe_startup.py dashchat PROFILE  `dashchat --profile PROFILE`, the real path

Prints one JSON line: {"painted": <time.monotonic() after the first paint>, "cpu": <the process's
CPU seconds (time.process_time) by then>, "rss": <bytes>}.
time.monotonic() is CLOCK_MONOTONIC, shared by all processes on Linux, so the parent subtracts
the time it read just before starting this process: the figure includes the interpreter's own
start-up and every import.

"First painted": an event filter on the window sees its first Paint event (a paint cycle paints
the window first, then its children); a zero-timer started there fires once that paint cycle has
finished (the backing store holds the picture), and its time is the figure. The filter is on the
window only: an application-wide one (the method until 2026-11) calls Python for every event of
every object and makes PySide6 build the Python type of each private Qt class it meets, which
cost a window with a central widget ~20 ms that no user pays. The window is then left idle for IDLE_S and the
resident set read from /proc/self/status (VmRSS): memory at rest. Both probes do exactly the
same, and this module imports only what the bare window needs, so the difference is dashchat's.
"""

from __future__ import annotations

import sys
import time

IDLE_S = 1.0


def _vm(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _watch(window, on_done) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    result: dict[str, float] = {}

    def at_rest() -> None:
        print(f'{{"painted": {result["painted"]:.6f}, "cpu": {result["cpu"]:.6f}, "rss": {_vm("VmRSS")}}}',
              flush=True)
        on_done()

    def painted() -> None:
        result["painted"] = time.monotonic()
        result["cpu"] = time.process_time()  # the CPU this process spent until then: steadier on a busy machine
        QTimer.singleShot(int(IDLE_S * 1000), at_rest)

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, painted)
            return False

    window._first_paint_filter = FirstPaint(app)  # kept alive with the window
    window.installEventFilter(window._first_paint_filter)


def _size(window) -> None:  # type: ignore[no-untyped-def]
    """The size dashchat opens at (1440x860), shrunk to fit the screen as dashchat does
    (window_state.on_screen; the offscreen platform's screen is 800x800): every probe paints as
    many pixels as dashchat's window."""
    from PySide6.QtWidgets import QApplication

    area = QApplication.primaryScreen().availableGeometry()
    window.resize(min(1440, area.width()), min(860, area.height()))


def bare(text: bool) -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    _size(window)
    if text:
        # Any text at all: the first text laid out loads the fonts (~4 ms here), a cost every
        # real window pays and the empty one does not.
        window.setCentralWidget(QLabel("Ask a question below."))
    _watch(window, app.quit)
    window.show()
    app.exec()


# dashchat's menus as its first frame has them: (menu, [(action, shortcut) or None for a separator]).
MENUS = (
    ("&File", [("&New conversation", "Ctrl+N"), ("&Export conversation…", "Ctrl+Shift+E"),
               ("&Import…", "Ctrl+Shift+I"), None, ("&Settings…", "Ctrl+,"), ("&Prices…", ""), None,
               ("&Quit", "Ctrl+Q")]),
    ("&Edit", [("Copy the last answer", "Ctrl+Shift+C"), ("Copy the last executed code", "Ctrl+Shift+K"), None,
               ("Search conversations", "Ctrl+F")]),
    ("&View", [("Question box", "Ctrl+L"), ("Conversations", "Ctrl+1"), ("Answer pane", "Ctrl+2"),
               ("Thinking pane", "Ctrl+3"), ("Executed code pane", "Ctrl+4"), None, ("Show Thinking", "Ctrl+Shift+T"),
               ("Show Executed code", "Ctrl+Shift+X"), None, ("Zoom in", "Ctrl++"), ("Zoom out", "Ctrl+-"),
               ("Actual size", "Ctrl+0")]),
    ("&Help", [("&Keyboard shortcuts", "Ctrl+/")]),
)


def skeleton(sheet_file: str | None) -> None:
    """dashchat's first frame rebuilt with plain PySide6 and no dashchat code: the same widgets
    with the same names, texts and visibility (menu bar and its 33 actions, sidebar, three panes
    in splitters, the two hidden notice bars, question box, the composer's model box, system
    prompt button and thinking budget, Send, Stop, the hidden connection box, the status bar's
    seven fields and its two hidden buttons; 109 widgets, 48 of them shown, as dashchat's
    window counts them) at the same size, and dashchat's own style sheet, read from
    `sheet_file` (`probe_startup.py sheet FILE` writes it). A yardstick for what PySide6 itself
    costs a window with this content, beside the empty bare one."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QApplication,
        QCheckBox,
        QComboBox,
        QFrame,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QListWidget,
        QMainWindow,
        QPlainTextEdit,
        QPushButton,
        QScrollArea,
        QSpinBox,
        QSplitter,
        QStatusBar,
        QToolButton,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("skeleton")
    if sheet_file:
        with open(sheet_file, encoding="utf-8") as file:
            window.setStyleSheet(file.read())
    _size(window)
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                action = menu.addAction(entry[0])
                if entry[1]:
                    action.setShortcut(entry[1])
    for text, key in (("Send the question", "Ctrl+Return"), ("Stop the reply", "Esc")):
        window.addAction(text).setShortcut(key)

    def named(widget: QWidget, name: str, text: str = "") -> QWidget:
        widget.setObjectName(name)
        if text:
            widget.setText(text)  # type: ignore[attr-defined]
        return widget

    def pane(title: str, body: QWidget, name: str) -> QWidget:
        box = named(QWidget(), name)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(named(QLabel(title), "paneTitle"))
        layout.addWidget(body, 1)
        return box

    def scrolled(inner_name: str, hint: str, name: str, hidden_button: bool) -> QScrollArea:
        area = named(QScrollArea(), name)
        area.setWidgetResizable(True)
        inner = named(QWidget(), inner_name)
        layout = QVBoxLayout(inner)
        label = named(QLabel(hint), "paneHint")
        label.setWordWrap(True)
        layout.addWidget(label)
        if hidden_button:
            button = named(QPushButton(), "showEarlier")
            button.hide()
            layout.addWidget(button)
        layout.addStretch(1)
        area.setWidget(inner)
        return area

    def hidden_bar(text_name: str, buttons: list[str], close: bool) -> QFrame:
        bar = named(QFrame(), "errorBanner")
        layout = QHBoxLayout(bar)
        label = named(QLabel(), text_name)
        label.setWordWrap(True)
        layout.addWidget(label, 1)
        for text in buttons:
            layout.addWidget(QPushButton(text))
        if close:
            layout.addWidget(named(QToolButton(), "closeNotice", "✕"))
        bar.hide()
        return bar

    sidebar = named(QWidget(), "sidebar")
    side_layout = QVBoxLayout(sidebar)
    side_layout.addWidget(named(QPushButton("New conversation"), "newConversation"))
    search = named(QLineEdit(), "searchBox")
    search.setPlaceholderText("Search conversations")
    search.setClearButtonEnabled(True)
    side_layout.addWidget(search)
    options = QHBoxLayout()
    options.addWidget(named(QCheckBox("Include thinking"), "searchThinking"))
    options.addStretch(1)
    side_layout.addLayout(options)
    side_layout.addWidget(named(QListWidget(), "conversationList"), 1)
    side_layout.addWidget(named(QLabel("No conversations yet."), "paneHint"))
    answer = scrolled("answerPaneInner", "Ask a question below. Qwen thinks, runs Python in its sandbox, and "
                      "answers here.", "answerPane", True)
    thinking = named(QPlainTextEdit(), "thinkingPane")
    thinking.setPlaceholderText("The model's thinking streams here.")
    code = scrolled("codePaneInner", "Code the interpreter runs appears here, one block per run.", "codePane", False)
    side = named(QSplitter(Qt.Orientation.Vertical), "sideSplitter")
    side.addWidget(pane("Thinking", thinking, "thinkingBox"))
    side.addWidget(pane("Executed code", code, "codeBox"))
    panes = named(QSplitter(Qt.Orientation.Horizontal), "panesSplitter")
    panes.addWidget(sidebar)
    panes.addWidget(pane("Answer", answer, "answerBox"))
    panes.addWidget(side)
    panes.setSizes([250, 640, 510])
    question = named(QPlainTextEdit(), "questionBox")
    question.setPlaceholderText("Ask Qwen — it can run Python to work things out.")
    question.setFixedHeight(84)
    composer = named(QWidget(), "composer")
    row = QHBoxLayout(composer)
    row.setContentsMargins(0, 0, 0, 0)
    model = named(QComboBox(), "composerModel")
    model.setEditable(True)
    model.addItem("qwen3-max-preview (default)")
    row.addWidget(model)
    row.addWidget(named(QToolButton(), "systemPromptButton", "System prompt…"))
    row.addWidget(QLabel("Thinking"))
    budget = named(QSpinBox(), "composerThinkingBudget")
    budget.setSpecialValueText("default")
    budget.setSuffix(" tokens")
    row.addWidget(budget)
    row.addStretch(1)
    asking = QVBoxLayout()
    asking.addWidget(question, 1)
    asking.addWidget(composer)
    buttons = QVBoxLayout()
    buttons.addWidget(named(QPushButton("Send"), "sendButton"))
    buttons.addWidget(named(QPushButton("Stop"), "stopButton"))
    connections = named(QComboBox(), "connectionBox")  # hidden while there is one connection profile
    connections.hide()
    buttons.addWidget(connections)
    buttons.addStretch(1)
    composer_row = QHBoxLayout()
    composer_row.addLayout(asking, 1)
    composer_row.addLayout(buttons)
    central = QWidget()
    layout = QVBoxLayout(central)
    banner = named(QLabel(), "banner")
    banner.hide()
    layout.addWidget(banner)
    layout.addWidget(panes, 1)
    layout.addWidget(hidden_bar("noticeText", ["Retry", "Open settings"], close=True))
    layout.addWidget(hidden_bar("storageText", ["Save as…"], close=False))
    layout.addLayout(composer_row)
    window.setCentralWidget(central)
    status = named(QStatusBar(), "requestStatus")
    status.setSizeGripEnabled(False)
    status.addWidget(named(QLabel("Ready"), "state"), 1)
    for name in ("connection", "tokens", "costEstimate", "runs", "timing", "requestId"):
        field = named(QLabel(""), name)
        status.addPermanentWidget(field)
        if name == "costEstimate":
            field.hide()
    for hidden in (named(QToolButton(), "copyRequestId", "Copy id"), named(QPushButton("Undo"), "undoDelete")):
        status.addPermanentWidget(hidden)
        hidden.hide()
    window.setStatusBar(status)
    _watch(window, app.quit)
    window.show()
    app.exec()


def write_sheet(path: str) -> None:
    """dashchat's style sheet for this platform's default (light) palette, for the skeleton."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.style import style_sheet

    app = QApplication(sys.argv[:1])
    with open(path, "w", encoding="utf-8") as file:
        file.write(style_sheet(app.palette()))


def dashchat(profile: str) -> None:
    # The real entry point (`dashchat --profile DIR`), with nothing imported ahead of it: once
    # PySide6 is loaded, its import hook reads the source of every module imported after it
    # (shibokensupport.feature, PYSIDE-2029), so what is imported before Qt and what after is
    # part of the figure. QMainWindow.show is wrapped, to start watching as the bare probe does,
    # when dashchat itself imports QtWidgets. The finder is a plain class: subclassing
    # importlib.abc.MetaPathFinder would import importlib.resources, tempfile, shutil and more
    # (~5 M instructions, 1-2 ms) that neither dashchat nor the skeleton loads. (importlib.util
    # comes with site.)
    import importlib.util

    class WrapShowOnImport:
        def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
            if name != "PySide6.QtWidgets":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            exec_module = spec.loader.exec_module

            def exec_and_wrap(module):  # type: ignore[no-untyped-def]
                exec_module(module)
                original = module.QMainWindow.show

                def show(self) -> None:  # type: ignore[no-untyped-def]
                    _watch(self, self.close)
                    original(self)

                module.QMainWindow.show = show

            spec.loader.exec_module = exec_and_wrap
            return spec

    sys.meta_path.insert(0, WrapShowOnImport())
    from desktop.cli.main import main

    sys.exit(main(["--profile", profile]))


if __name__ == "__main__":
    if sys.argv[1] in ("bare", "bare-text"):
        bare(text=sys.argv[1] == "bare-text")
    elif sys.argv[1] == "skeleton":
        skeleton(sys.argv[2] if len(sys.argv) > 2 else None)
    elif sys.argv[1] == "sheet":
        write_sheet(sys.argv[2])
    else:
        dashchat(sys.argv[2])
