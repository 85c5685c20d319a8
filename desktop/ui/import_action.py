"""File ▸ Import…: a ChatGPT data export (.zip or its conversations.json) or a dashchat transcript,
read (desktop/imports) and stored (desktop/store/importing) on a worker thread, then the sidebar
refreshed and what was added said in one line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from ..store.importing import ImportReport
    from .window_base import WindowBase as MainWindow


def open_dialog(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    from .window_state import export_folder

    dialog = QFileDialog(window, QCoreApplication.translate("MainWindow", "Import conversations"))
    dialog.setObjectName("importDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters([QCoreApplication.translate("MainWindow", "ChatGPT export or dashchat transcript (*.zip *.json)"), QCoreApplication.translate("MainWindow", "All files (*)")])
    dialog.setDirectory(str(export_folder(window.session.config.profile)))
    dialog.fileSelected.connect(lambda path: window.import_chosen(path))
    window.import_file_dialog = dialog  # kept: a dialog opened with open() needs a reference
    dialog.open()


async def import_path(window: MainWindow, path: Path) -> ImportReport | None:
    """Read and store `path` off the UI thread; say what was added, or one clear message why
    nothing was."""
    import asyncio

    from ..imports import ImportFailure, read_path
    from ..store.faults import StorageError
    from ..store.importing import store

    history = window.session.history

    def work() -> tuple[ImportReport, int]:
        batch = read_path(path)
        return store(history, batch.conversations), len(batch.conversations)

    window.status.show_message(QCoreApplication.translate("MainWindow", "Importing {name}…").format(name=path.name))
    try:
        report, read = await asyncio.get_running_loop().run_in_executor(None, work)
    except ImportFailure as exc:
        window.show_notice(QCoreApplication.translate("MainWindow", "Nothing was imported from {name}: {reason}").format(
            name=_html(path.name), reason=_html(str(exc))))
        return None
    except StorageError as exc:
        window.show_notice(QCoreApplication.translate(
            "MainWindow", "Nothing was imported: the history could not be written ({reason})"
        ).format(reason=_html(exc.reason)))
        return None
    except OSError as exc:
        window.show_notice(QCoreApplication.translate("MainWindow", "Nothing was imported from {name}: {reason}").format(
            name=_html(path.name), reason=_html(exc.strerror or str(exc))))
        return None
    window.sidebar.refresh()
    window.sidebar.mark_current(window.session.conversation.id)
    line = QCoreApplication.translate(
        "MainWindow", "Imported {name}: conversations added: {conversations}, continued: {continued}; turns: {turns}"
    ).format(name=path.name, conversations=report.conversations_added, continued=report.conversations_extended,
             turns=report.turns_added)
    if read and not report.turns_added:
        line = QCoreApplication.translate(
            "MainWindow", "{name}: everything in it is in the history already").format(name=path.name)
    window.status.show_message(line)
    return report


def _html(text: str) -> str:
    import html

    return html.escape(text)
