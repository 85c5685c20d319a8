"""Settings: connection profiles (each with its protocol, base URL, model and its own API key in
the OS keyring), then what every connection shares: thinking budget, timeouts, proxy, looks.

A view over `SettingsDraft` (desktop/presenters/settings_draft.py), which holds the edits until
Save and runs the save sequence; this shows the draft, passes edits on, and words its outcomes.
Keyring and network calls run as tasks on the qasync loop (the keyring itself in a worker
thread): the dialog never blocks and never opens a nested event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ..config import Connection
from ..keys import KeySource
from ..presenters.settings_draft import Forgotten, KeyState, Problem, SettingsDraft, Trouble
from ..protocol import COMPATIBLE, CUSTOM, ApiKey
from ..session import ChatSession
from ..settings import Settings, SettingsStore
from .settings_connection import ConnectionPage
from .settings_general import GeneralTab
from .wrapped_label import WrappedLabel


class SettingsDialog(QDialog):
    applied = Signal(object)  # the saved Settings

    def __init__(self, session: ChatSession, store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(600)
        self.draft = SettingsDraft(session, store)
        self._tasks: set[asyncio.Task[None]] = set()
        self._saving = False
        self._loading = False

        page = self.page = ConnectionPage()
        # The page's widgets, by the names the window and the tests use.
        self.profiles, self.new_button, self.delete_button = page.profiles, page.new_button, page.delete_button
        self.active_note, self.deleted_note, self._form = page.active_note, page.deleted_note, page.form
        self.name_edit, self.name_error, self.protocol = page.name_edit, page.name_error, page.protocol
        self.protocol_note, self.region, self.custom_url = page.protocol_note, page.region, page.custom_url
        self.region_note, self.model, self.key_state = page.region_note, page.model, page.key_state
        self.key_edit, self.show_key, self.remember = page.key_edit, page.show_key, page.remember
        self.test_button, self.forget_button, self.test_result = page.test_button, page.forget_button, page.test_result
        self.new_button.clicked.connect(self._new_profile)
        self.delete_button.clicked.connect(self._delete_profile)
        self.test_button.clicked.connect(lambda: self._spawn(self._test()))
        self.forget_button.clicked.connect(lambda: self._spawn(self._forget()))
        self.name_edit.textChanged.connect(self._fields_changed)
        self.protocol.currentIndexChanged.connect(self._fields_changed)
        self.region.currentIndexChanged.connect(self._fields_changed)
        self.custom_url.textChanged.connect(self._fields_changed)
        self.model.currentTextChanged.connect(self._fields_changed)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(page, self.tr("Connection"))
        self.general = GeneralTab(self.draft.loaded)
        self.tabs.addTab(self.general, self.tr("General"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(lambda: self._spawn(self._save()))
        self.buttons.rejected.connect(self.reject)
        self.save_error = WrappedLabel()
        self.save_error.setObjectName("errorBanner")
        self.save_error.hide()
        self.session_only = QPushButton(self.tr("Use it for this session only"))
        self.session_only.hide()
        self.session_only.clicked.connect(self._use_for_session)
        self.keep_key = QPushButton(self.tr("Save and leave that key in the keyring"))
        self.keep_key.setObjectName("keepKey")
        self.keep_key.hide()
        self.keep_key.clicked.connect(self._save_keeping_keys)
        choices = QHBoxLayout()
        choices.addWidget(self.session_only)
        choices.addWidget(self.keep_key)
        choices.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.save_error)
        layout.addLayout(choices)
        layout.addWidget(self.buttons)

        for connection in self.draft.connections:
            self.profiles.addItem(connection.name, connection.id)
        self.profiles.setCurrentIndex(max(0, self.profiles.findData(self.draft.shown)))
        self.profiles.currentIndexChanged.connect(self._profile_chosen)
        self._load(self.draft.shown)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait_idle(self) -> None:
        """For tests and for closing: let running keyring/network tasks finish."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _fit(self) -> None:
        """Grow to show a note or message that appeared (never shrink what the user sized)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = layout.totalMinimumSize().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)

    # -- the profile shown -----------------------------------------------------------------

    def connection(self, connection_id: str | None = None) -> Connection:
        """A profile as edited so far (the one shown by default)."""
        return self.draft.connection(connection_id)

    def settings(self) -> Settings:
        """What Save writes: every profile as edited, the one selected active."""
        return self.draft.settings(self.general.values())

    def _typed_key(self) -> ApiKey | None:
        text = self.key_edit.text().strip()
        return ApiKey(text) if text else None

    def _load(self, connection_id: str) -> None:
        """Show a profile's fields (and the key typed for it, if any)."""
        pending = self.draft.show(connection_id, self._typed_key(), self.remember.isChecked()) \
            if connection_id != self.draft.shown else self.draft.pending.get(connection_id)
        connection = self.connection()
        self._loading = True
        try:
            self.name_edit.setText(connection.name)
            self.protocol.setCurrentIndex(max(0, self.protocol.findData(connection.protocol)))
            self.region.setCurrentIndex(max(0, self.region.findData(connection.region)))
            self.custom_url.setText(connection.custom_base_url)
            self.model.setCurrentText(connection.model)
            self.draft.pending.pop(connection_id, None)  # back in the key box until it is left
            self.key_edit.setText(pending.reveal() if pending is not None else "")
            self.show_key.setChecked(False)
            self.remember.setChecked(self.draft.remember.get(connection_id, True))
            self._show_result(self.draft.results.get(connection_id, ""))
        finally:
            self._loading = False
        self.delete_button.setEnabled(len(self.draft.connections) > 1)
        self._fields_changed()

    def _profile_chosen(self) -> None:
        chosen = self.profiles.currentData()
        if chosen is not None and chosen != self.draft.shown:
            self._load(str(chosen))

    def _select(self, connection_id: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.profiles.setCurrentIndex(self.profiles.findData(connection_id))

    def _fields_changed(self) -> None:
        if self._loading:
            return
        connection = self.draft.edit(
            name=self.name_edit.text().strip(),
            protocol=str(self.protocol.currentData()),
            region=str(self.region.currentData()),
            custom_base_url=self.custom_url.text().strip(),
            model=self.model.currentText().strip(),
        )
        index = self.profiles.findData(connection.id)
        if index >= 0 and self.profiles.itemText(index) != connection.name:
            self.profiles.setItemText(index, connection.name or self.tr("(no name)"))
        problem = self.draft.name_problem(connection)
        self.name_error.setText(self._describe(problem) if problem is not None else "")
        self._form.setRowVisible(self.name_error, problem is not None)
        compatible = connection.protocol == COMPATIBLE
        custom = connection.region == CUSTOM
        self.custom_url.setEnabled(custom)
        # Where this region's requests go, or an example of a custom address.
        self.custom_url.setPlaceholderText(self.page.region_placeholder(compatible) if custom else connection.base_url)
        self._form.setRowVisible(self.page.protocol_note, compatible)
        self._form.setRowVisible(self.region_note, not custom)
        if connection.id == self.draft.in_use:
            self.active_note.setText(self.tr("The next question uses this connection."))
        else:
            self.active_note.setText(self.tr("Saving makes this the connection for the next question (now: "
                                             "{name}).").format(name=self.draft.name_of(self.draft.in_use)))
        self._render_key_state()

    def _describe(self, problem: Problem) -> str:
        """A problem of the draft in the user's words."""
        name, reason = problem.name, problem.reason
        texts = {
            Trouble.NO_NAME: lambda: self.tr("A connection needs a name."),
            Trouble.NAME_TAKEN: lambda: self.tr("Another connection is already called “{name}”.").format(name=name),
            Trouble.NO_URL: lambda: self.tr("“{name}” needs a base URL (or a region).").format(name=name),
            Trouble.BAD_URL: lambda: self.tr("The base URL of “{name}” must look like http://host:port/path.").format(
                name=name),
            Trouble.BAD_PROXY: lambda: self.tr("Not saved: {reason}.").format(reason=reason),
            Trouble.KEY_NOT_REMOVED: lambda: self.tr(
                "The stored key of the deleted connection “{name}” could not be removed: {reason}").format(
                name=name, reason=reason),
            Trouble.KEY_NOT_STORED: lambda: self.tr("The key was not stored: {reason} Nothing was written "
                                                    "anywhere else.").format(reason=reason),
        }
        return texts[problem.kind]()

    # -- new and deleted profiles ----------------------------------------------------------

    def _new_profile(self) -> None:
        connection = self.draft.new_profile(self.tr("New connection"))
        self.profiles.addItem(connection.name, connection.id)
        self._select(connection.id)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _delete_profile(self) -> None:
        gone = self.draft.shown
        if not self.draft.delete(gone):
            return
        index = self.profiles.findData(gone)
        self.profiles.blockSignals(True)
        self.profiles.removeItem(index)
        self.profiles.setCurrentIndex(max(0, min(index, self.profiles.count() - 1)))
        self.profiles.blockSignals(False)
        self.key_edit.clear()  # the deleted profile's typed key goes with it
        self.draft.shown = str(self.profiles.currentData())
        self._load(self.draft.shown)
        names = ", ".join(f"“{c.name}”" for c in self.draft.deleted)
        self.deleted_note.setText(self.tr("Deleted when you save, with the stored key: {names}. Cancel undoes "
                                          "this.").format(names=names))
        self._form.setRowVisible(self.deleted_note, bool(self.draft.deleted))
        self._fit()

    def _settle_new_ids(self) -> None:
        for old, new in self.draft.settle_new_ids().items():
            self.profiles.setItemData(self.profiles.findData(old), new)

    # -- the key of the profile shown ------------------------------------------------------

    def _show_result(self, text: str) -> None:
        self.test_result.setText(text)
        self.test_result.setVisible(bool(text))
        self._fit()

    def _render_key_state(self) -> None:
        connection = self.connection()
        view = self.draft.key_view(connection)
        if view.state is KeyState.CHECKING:
            self.key_state.setText(self.tr("Checking the keyring…"))
            self.key_state.setProperty("ok", False)
            self.forget_button.setEnabled(False)
            if self.draft.needs_lookup(connection):
                self._spawn(self._look_up(connection))
            self._fit()
            return
        lookup = view.lookup
        assert lookup is not None
        if view.state is KeyState.NEEDS_URL:
            self.key_state.setText(self.tr("Type the base URL above: a local server may need no key."))
        elif view.state is KeyState.NOT_NEEDED:
            text = self.tr("No key needed for a local server; add one if yours asks for it.")
            if lookup.problem is not None:
                text += " " + self.tr("(The OS keyring cannot be used: {reason})").format(reason=lookup.problem.message)
            self.key_state.setText(text)
        else:
            self.key_state.setText(lookup.describe())
        self.key_state.setProperty("ok", view.ok)
        self.key_state.style().unpolish(self.key_state)
        self.key_state.style().polish(self.key_state)
        self.forget_button.setEnabled(view.removable)
        if lookup.source is KeySource.ENVIRONMENT:
            self.key_edit.setPlaceholderText(self.tr("DASHSCOPE_API_KEY is set and takes precedence"))
        elif not view.needed:
            self.key_edit.setPlaceholderText(self.tr("optional: only if your server asks for a key"))
        else:
            self.key_edit.setPlaceholderText(self.tr("sk-…  (leave empty to keep the current key)"))
        self._fit()

    async def _look_up(self, connection: Connection) -> None:
        await self.draft.look_up(connection)
        if self.draft.shown == connection.id:
            self._render_key_state()

    # -- actions ---------------------------------------------------------------------------

    async def _test(self) -> None:
        self.test_button.setEnabled(False)
        self._show_result(self.tr("Testing…"))
        try:
            outcome = await self.draft.test(self._typed_key(), self.general.values())
            result = outcome.result
            if outcome.no_key or result is None:
                text = self.tr("No key to test: type one above.")
            elif result.ok and outcome.with_key:
                text = "✓ " + self.tr("The key works with {url} and {model} ({seconds} s).").format(
                    url=outcome.url, model=outcome.model, seconds=f"{result.seconds:.1f}")
            elif result.ok:
                text = "✓ " + self.tr("{url} answers with {model} without a key ({seconds} s).").format(
                    url=outcome.url, model=outcome.model, seconds=f"{result.seconds:.1f}")
            else:
                text = f"✗ {result.error}"
            self.draft.results[outcome.connection_id] = text
            if self.draft.shown == outcome.connection_id:
                self._show_result(text)
        finally:
            self.test_button.setEnabled(True)

    async def _forget(self) -> None:
        connection_id = self.draft.shown
        what, reason = await self.draft.forget()
        if what is Forgotten.FAILED:
            text = self.tr("Not removed: {reason}").format(reason=reason)
        else:
            text = self.tr("Removed the stored key.") if what is Forgotten.REMOVED else self.tr("No key was stored.")
        self.draft.results[connection_id] = text
        if self.draft.shown == connection_id:
            self._show_result(text)
            self._render_key_state()

    def _use_for_session(self) -> None:
        self.draft.keep_typed(self._typed_key(), self.remember.isChecked())
        self.key_edit.clear()
        self.session_only.hide()
        self.save_error.hide()
        self._spawn(self._finish(self.draft.use_for_session(self.general.values())))

    def _save_keeping_keys(self) -> None:
        self.draft.keep_orphaned_keys = True
        self._spawn(self._save())

    def _refuse(self, text: str) -> None:
        self.save_error.setText(text)
        self.save_error.show()
        self._fit()

    async def _save(self) -> None:
        if self._saving:  # Save pressed again while the keyring is still busy
            return
        self._saving = True
        self.buttons.setEnabled(False)
        try:
            await self._try_save()
        finally:
            self._saving = False
            self.buttons.setEnabled(True)

    async def _try_save(self) -> None:
        self.save_error.hide()
        self.session_only.hide()
        self.keep_key.hide()
        general = self.general.values()
        problem = self.draft.problem(self.general.proxy.text())
        if problem is not None:
            if problem.kind is Trouble.BAD_PROXY:
                self.tabs.setCurrentIndex(1)
                self.general.proxy.setFocus()
                self._refuse(self._describe(problem))
                return
            self._select(problem.connection_id)
            (self.name_edit if problem.kind in (Trouble.NO_NAME, Trouble.NAME_TAKEN) else self.custom_url).setFocus()
            self._refuse(self.tr("Not saved. {problem}").format(problem=self._describe(problem)))
            return
        self.draft.keep_typed(self._typed_key(), self.remember.isChecked())
        self._settle_new_ids()
        problem = await self.draft.save(general)
        if self.draft.shown not in self.draft.pending:
            self.key_edit.clear()  # stored: the box is for a new key again
        if problem is None:
            self._done(self.draft.loaded)
            return
        if problem.kind is Trouble.KEY_NOT_STORED:
            self._select(problem.connection_id)
            self.session_only.show()
        else:
            self.keep_key.show()
        self._refuse(self._describe(problem))

    async def _finish(self, saving: Coroutine[Any, Any, Settings]) -> None:
        self._done(await saving)

    def _done(self, settings: Settings) -> None:
        self.applied.emit(settings)
        self.accept()
