"""The window's glue to dialogs: the key at start, Settings, the connection switcher, Export and
Import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
)

from ..config import COMPATIBLE
from ..settings import Settings
from .question_box import html_escape as _html
from .theme import apply_scheme
from .window_base import WindowBase

if TYPE_CHECKING:
    import asyncio

    from ..store.importing import ImportReport

T = TypeVar("T")


class SettingsMixin(WindowBase):
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
        await self.session.apply_config(self.session.config.replaced(demo=True))
        self.setWindowTitle(self.tr("dashchat (demo)"))
        self._show_demo_banner()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog  # on use, not before the first frame (startup.py)

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
        settings = settings.replaced(active=chosen.id)
        self.settings_store.save(settings)
        self._describe_connection(chosen.protocol, chosen.name)
        self.spawn(self.session.apply_config(settings.config(self.session.config.profile,
                                                             demo=self.session.config.demo)))
        self.status.show_message(self.tr("The next question goes to {connection}").format(connection=chosen.name))

    def _settings_applied(self, settings: Settings) -> None:
        apply_scheme(QApplication.instance(), settings.theme)  # type: ignore[arg-type]
        self.apply_theme()
        self.refresh_connections()
        self._settings_changed(settings)
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

