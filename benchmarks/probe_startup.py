"""Start-up probe for bench_stream.py: start a window, report when it has first been painted, then
its resident memory at rest, and exit.

    python benchmarks/probe_startup.py bare              a bare PySide6 QMainWindow
    python benchmarks/probe_startup.py bare-text         the same with one line of text in it
    python benchmarks/probe_startup.py skeleton          dashchat's first frame in plain PySide6
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


def bare(text: bool) -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1280, 820)  # the size dashchat opens at
    if text:
        # Any text at all: the first text laid out loads the fonts (~4 ms here), a cost every
        # real window pays and the empty one does not.
        window.setCentralWidget(QLabel("Ask a question below."))
    _watch(window, app.quit)
    window.show()
    app.exec()


def skeleton() -> None:
    """dashchat's first frame rebuilt with plain PySide6 and no dashchat code: the same widgets
    (menu bar, sidebar, three panes in splitters, question box, buttons, status bar with its
    labels) and a style sheet of the same kind. A yardstick for what PySide6 itself costs a
    window with this content, beside the empty bare one."""
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
        QSplitter,
        QStatusBar,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("skeleton")
    window.resize(1280, 820)
    window.setStyleSheet(
        "QLabel#title { font-weight: 600; color: #57606a; padding: 2px; }"
        "QLabel#hint { color: #8c959f; padding: 16px; }"
        "QPushButton#send { font-weight: 600; padding: 6px 14px; }"
        "QPlainTextEdit { border: 1px solid #d0d7de; border-radius: 6px; }"
        "QListWidget { border: 1px solid #d0d7de; }")
    for name in ("&File", "&Edit", "&View", "&Help"):
        menu = window.menuBar().addMenu(name)
        for number in range(4):
            menu.addAction(f"Action {number}").setShortcut(f"Ctrl+{number + 5}")

    def pane(title: str, body: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setObjectName("title")
        layout.addWidget(label)
        layout.addWidget(body, 1)
        return box

    sidebar = QWidget()
    side_layout = QVBoxLayout(sidebar)
    side_layout.addWidget(QPushButton("New conversation"))
    search = QLineEdit()
    search.setPlaceholderText("Search conversations")
    side_layout.addWidget(search)
    side_layout.addWidget(QCheckBox("Include thinking"))
    side_layout.addWidget(QListWidget(), 1)
    side_layout.addWidget(QLabel("No conversations yet."))
    answer = QScrollArea()
    answer.setWidgetResizable(True)
    answer.setWidget(QLabel("Ask a question below."))
    thinking = QPlainTextEdit()
    thinking.setPlaceholderText("The model's thinking streams here.")
    code = QScrollArea()
    code.setWidgetResizable(True)
    hint = QLabel("Code the interpreter runs appears here, one block per run.")
    hint.setObjectName("hint")
    code.setWidget(hint)
    side = QSplitter(Qt.Orientation.Vertical)
    side.addWidget(pane("Thinking", thinking))
    side.addWidget(pane("Executed code", code))
    panes = QSplitter(Qt.Orientation.Horizontal)
    panes.addWidget(sidebar)
    panes.addWidget(pane("Answer", answer))
    panes.addWidget(side)
    question = QPlainTextEdit()
    question.setPlaceholderText("Ask Qwen — it can run Python to work things out.")
    question.setFixedHeight(84)
    buttons = QVBoxLayout()
    send = QPushButton("Send")
    send.setObjectName("send")
    buttons.addWidget(send)
    buttons.addWidget(QPushButton("Stop"))
    switcher = QComboBox()  # hidden while there is one connection profile, as in dashchat
    switcher.hide()
    buttons.addWidget(switcher)
    composer = QHBoxLayout()
    composer.addWidget(question, 1)
    composer.addLayout(buttons)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.addWidget(panes, 1)
    banner = QFrame()
    banner.hide()
    layout.addWidget(banner)
    layout.addLayout(composer)
    window.setCentralWidget(central)
    status = QStatusBar()
    status.addWidget(QLabel("Ready"), 1)
    for _ in range(5):
        status.addPermanentWidget(QLabel(""))
    window.setStatusBar(status)
    _watch(window, app.quit)
    window.show()
    app.exec()


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
        skeleton()
    else:
        dashchat(sys.argv[2])
