"""Show the window, then run it on a qasync loop until it closes. What happens before its first
frame and what after: startup.py."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# First, before PySide6: what the window needs that is pure Python (the policy: startup.py).
from . import startup

startup.import_before_qt()

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QSize,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

startup.skip_source_scan()  # before the window's modules: PySide6 would read each one's source

from ..cli.exits import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_NOT_SAVED,
    EXIT_OK,
    EXIT_USAGE,
    error_line,
    for_signal,
)
from ..config import Config
from ..model.turn import Turn, TurnStatus
from ..protocol import ErrorKind
from ..session import ChatSession
from ..settings import SettingsStore
from ..store.history import History, HistoryUnavailable, StorageError
from . import i18n
from .main_window import MainWindow
from .theme import apply_scheme

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

# PNGs (no image plugin needed, so frozen bundles show it too), from packaging/make_icons.py.
ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for png in sorted(ICON_DIR.glob("dashchat-*.png")):
        # With its size given, a file is read when the platform asks for that size; without, Qt
        # decodes every file at once, before the window is even built.
        size = png.stem.removeprefix("dashchat-")
        if size.isdigit():
            icon.addFile(str(png), QSize(int(size), int(size)))
        else:
            icon.addFile(str(png))
    return icon


def exit_code_for(turn: Turn | None) -> int:
    """The same codes as `dashchat ask` (desktop/cli/exits.py): 0 done, 1 failed, 2 a
    configuration problem, 130 interrupted."""
    if turn is None or turn.status is TurnStatus.COMPLETE:
        return EXIT_OK
    if turn.status is TurnStatus.INTERRUPTED:
        return EXIT_INTERRUPTED
    if turn.error is not None and turn.error.kind is ErrorKind.CONFIG:
        return EXIT_USAGE
    return EXIT_FAILED


def prepare_qt() -> None:
    """What the process sets before Qt draws anything (the window, and the benchmark's window).

    QT_NO_GUI_THREADPOOL: Qt's raster engine hands every fill of a large enough area (a widget's
    background, a text selection, a code box) to a pool of threads and waits for them, and on a
    machine with few cores the hand-off (a thread woken, a latch waited on) costs more than the
    fill: while a long answer streamed, 20-30% of the window's paint time here went to those
    waits (py-spy, 2 cores). Qt reads the variable once, when the pool is first wanted.

    Then the offscreen platform's warnings: see _quiet_offscreen_warnings."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    _quiet_offscreen_warnings()


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform (CI, `--quit` in scripts) warns on every window about a feature
    it lacks; pass every other message on as Qt would print it."""
    previous = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def paint_first(window: QWidget, timeout_ms: int = 500) -> None:
    """Run Qt's own event loop until the window's first frame is painted and flushed to the
    screen, or for `timeout_ms` if it is not exposed (started minimized, on another desktop).
    User input waits for the app's loop: nothing the window starts can start before it."""
    loop = QEventLoop()

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                # A zero-timer fires once this paint cycle, and the flush that ends it, are over;
                # the next turn of the loop lets whatever else that paint queued run too.
                QTimer.singleShot(0, lambda: QTimer.singleShot(0, loop.quit))
            return False

    # On the window only, not on the application: a paint cycle paints the window first, then its
    # children, so its own Paint event starts the first frame. An application-wide filter would
    # call Python for every event of every object until then, and make PySide6 build the Python
    # type of each (private) class it meets there, such as the style sheet's style.
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    fallback = QTimer()
    fallback.setSingleShot(True)
    fallback.timeout.connect(loop.quit)
    fallback.start(timeout_ms)
    try:
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        fallback.stop()
        window.removeEventFilter(watcher)


def run_window(config: Config, ask: str | None = None, quit_after: bool = False, export: Path | None = None) -> int:
    from .display_check import display_problem

    problem = display_problem()  # before Qt aborts the process over a missing X11 library
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    prepare_qt()
    existing = QApplication.instance()  # a QCoreApplication, as Qt types it
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("dashchat")
    app.setOrganizationName("dashchat")
    app.setDesktopFileName("io.github.dashchat")  # Wayland takes the icon from this .desktop file
    # The loop, not Qt, decides when to stop: closing the window mid-stream must first let
    # the stream task unwind (LAB.md §3).
    app.setQuitOnLastWindowClosed(False)
    appearance = SettingsStore(config.profile).load()
    translators = i18n.install(app, i18n.choose(appearance.language))  # noqa: F841 - kept alive
    apply_scheme(app, appearance.theme)
    try:
        history = History(config.history_path)
    except (HistoryUnavailable, StorageError) as exc:
        print(f"dashchat: cannot open the history: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result: dict[str, int] = {"code": EXIT_OK}
    stop_signals = None
    try:
        # The picture first: the window is built and painted on Qt's own loop. What it needs only
        # once it is used (asyncio and the qasync loop, the icon, the log file, the HTTP client,
        # the keyring, a question from the command line) comes after its first frame.
        session = ChatSession(config, history)
        window = MainWindow(session, export=export)
        window.unattended = quit_after
        from .signals import StopSignals

        def stop_for(signum: int) -> None:
            # As Stop, then close: the partial turn is saved as interrupted and a requested
            # export written (MainWindow._after_turn), then the exit status says which signal.
            result.setdefault("signal", signum)
            window.unattended = True
            window.close()

        stop_signals = StopSignals(stop_for)
        if history.recovered:
            window.show_recovered(history.recovered)
        window.show()
        paint_first(window)

        import asyncio

        from .qt_loop import EventLoop

        async def main() -> None:
            app.setWindowIcon(app_icon())
            closed = asyncio.Event()
            window.closed.connect(closed.set)
            app.aboutToQuit.connect(closed.set)
            if not window.isVisible():  # closed before the loop ran
                closed.set()
            from ..logs import setup_logging

            with contextlib.suppress(OSError):  # a read-only profile must not stop the app
                setup_logging(config.profile)
            with contextlib.suppress(ValueError):  # a bad proxy: the first question reports it
                session.prepare()
            if not ask:
                window.spawn(window.check_key_on_start())
            if ask:
                task = window.submit(ask)
                if quit_after:
                    def finish(_t: asyncio.Task[Turn]) -> None:
                        turns = session.conversation.turns
                        result["code"] = exit_code_for(turns[-1] if turns else None)
                        window.close()

                    task.add_done_callback(finish)
            try:
                await closed.wait()
            finally:
                await session.aclose()

        with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
            runner.run(main())
    finally:
        if stop_signals is not None:
            stop_signals.close()
        history.close()
    return _exit_status(result, window, session, quit_after)


def _exit_status(result: dict[str, int], window: MainWindow, session: ChatSession, quit_after: bool) -> int:
    """With --quit or after a signal, the same status and stderr line as `dashchat ask`."""
    turns = session.conversation.turns
    last = turns[-1] if turns else None
    if quit_after and "signal" not in result and last is not None and last.error is not None \
            and last.status is TurnStatus.ERROR:
        print(error_line(last.error, session.base_url, last.protocol), file=sys.stderr)
    if window.unsaved_at_close and session.save_problem is not None:
        print(f"dashchat: error: the reply was shown but not saved to the history: {session.save_problem.reason}.",
              file=sys.stderr)
    if "signal" in result:
        cut = last is not None and last.status is TurnStatus.INTERRUPTED
        print(f"dashchat: stopped by {signal_name(result['signal'])}"
              + ("; what arrived is kept in the history as interrupted" if cut else ""), file=sys.stderr)
        return for_signal(result["signal"])
    if window.unsaved_at_close and result["code"] == EXIT_OK:
        return EXIT_NOT_SAVED
    return result["code"]


def signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"
