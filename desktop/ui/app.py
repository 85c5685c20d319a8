"""Start the window on a qasync loop and run it until it closes."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from ..config import Config
from ..model.turn import Turn, TurnStatus
from ..session import ChatSession
from ..store.history import History
from .main_window import MainWindow
from .qt_loop import EventLoop


def exit_code_for(turn: Turn | None) -> int:
    """The same codes as `dashchat ask`: 0 done, 1 failed, 130 interrupted."""
    if turn is None or turn.status is TurnStatus.COMPLETE:
        return 0
    if turn.status is TurnStatus.INTERRUPTED:
        return 130
    if turn.error is not None and turn.error.code == "MissingApiKey":
        return 2
    return 1


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


def run_window(config: Config, ask: str | None = None, quit_after: bool = False, export: Path | None = None) -> int:
    _quiet_offscreen_warnings()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("dashchat")
    app.setOrganizationName("dashchat")
    # The loop, not Qt, decides when to stop: closing the window mid-stream must first let
    # the stream task unwind (LAB.md §3).
    app.setQuitOnLastWindowClosed(False)
    try:
        history = History(config.history_path)
    except Exception as exc:  # noqa: BLE001 - report any failure to open the profile
        print(f"dashchat: cannot open the history in {config.profile}: {exc}", file=sys.stderr)
        return 2
    result: dict[str, int] = {"code": 0}

    async def main() -> None:
        session = ChatSession(config, history)
        window = MainWindow(session, export=export)
        closed = asyncio.Event()
        window.closed.connect(closed.set)
        app.aboutToQuit.connect(closed.set)
        if history.recovered:
            window.status.show_message(
                f"{history.recovered} reply(s) cut off by an earlier crash were kept and marked interrupted"
            )
        window.show()
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

    try:
        with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
            runner.run(main())
    finally:
        history.close()
    return result["code"]
