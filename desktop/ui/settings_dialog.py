"""Settings: connection profiles (each with its protocol, base URL, model and its own API key in
the OS keyring), then what every connection shares: thinking budget, timeouts, proxy, looks.

Edits stay in the dialog until Save: switching the profile combo keeps what was typed for the
profile left (its key included), and Save writes them all and makes the selected profile the
one the next question uses. Keyring and network calls run as tasks on the qasync loop (the
keyring itself in a worker thread): the dialog never blocks and never opens a nested event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..config import COMPATIBLE, CUSTOM, NATIVE, Connection, key_required
from ..keys import KeyLookup, KeyringProblem, KeySource, KeyStore, environment_applies
from ..protocol.request import DEFAULT_MODEL
from ..protocol.secret import ApiKey
from ..session import ChatSession
from ..settings import REGION_LABELS, Settings, SettingsStore, proxy_problem
from .settings_general import GeneralTab
from .wrapped_label import WrappedLabel

# Keyring problems that mean nothing can have been stored by dashchat: deleting is then a no-op.
NOTHING_STORED = ("NoKeyring", "InsecureKeyring")


class SettingsDialog(QDialog):
    applied = Signal(object)  # the saved Settings

    def __init__(self, session: ChatSession, store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(600)
        self._session = session
        self._store = store
        self._tasks: set[asyncio.Task[None]] = set()
        settings = store.load()
        self._connections: list[Connection] = list(settings.connections)
        self._deleted: list[Connection] = []  # their keys are removed on Save
        self._new_ids: set[str] = set()  # made here and not saved yet: their id follows their name
        self._pending: dict[str, ApiKey] = {}  # keys typed for profiles not shown now, by id
        self._remember: dict[str, bool] = {}
        self._results: dict[str, str] = {}  # the last Test result of each profile
        self._lookups: dict[tuple[str, bool], tuple[KeyLookup, bool]] = {}  # (id, env) -> (lookup, stored)
        self._refreshing: set[tuple[str, bool]] = set()
        self._keep_orphaned_keys = False
        self._saving = False
        in_use = session.config.connection_id
        self._in_use = in_use if any(c.id == in_use for c in self._connections) else settings.connection.id
        self._shown = self._in_use
        self._loading = False

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self._connection_tab(), self.tr("Connection"))
        self.general = GeneralTab(settings)
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

        for connection in self._connections:
            self.profiles.addItem(connection.name, connection.id)
        self.profiles.setCurrentIndex(max(0, self.profiles.findData(self._shown)))
        self.profiles.currentIndexChanged.connect(self._profile_chosen)
        self._load(self._shown)

    # -- building --------------------------------------------------------------------------

    def _connection_tab(self) -> QWidget:
        self.profiles = QComboBox()
        self.profiles.setObjectName("profiles")
        self.profiles.setToolTip(self.tr("Connection profiles: each has its own protocol, address, model and key"))
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setObjectName("newProfile")
        self.new_button.setToolTip(self.tr("Add a connection profile (an OpenAI-compatible server, to begin with)"))
        self.new_button.clicked.connect(self._new_profile)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteProfile")
        self.delete_button.setToolTip(self.tr("Delete this profile and its stored key when you save"))
        self.delete_button.clicked.connect(self._delete_profile)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profiles, 1)
        profile_row.addWidget(self.new_button)
        profile_row.addWidget(self.delete_button)
        self.active_note = self._note()
        self.deleted_note = self._note()

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("profileName")
        self.name_edit.setMaxLength(60)
        self.name_error = WrappedLabel()
        self.name_error.setObjectName("errorBanner")
        self.name_error.hide()
        self.protocol = QComboBox()
        self.protocol.setObjectName("protocol")
        self.protocol.addItem(self.tr("DashScope native — shows the executed code"), NATIVE)
        self.protocol.addItem(self.tr("OpenAI-compatible — no executed code"), COMPATIBLE)
        self.protocol_note = self._note()
        self.protocol_note.setText(self.tr("This protocol does not return the executed code or the interpreter "
                                           "count; the code pane will say so."))
        self.region = QComboBox()
        self.region.setObjectName("region")
        names = {"beijing": self.tr("China (Beijing)"), "singapore": self.tr("Singapore"),
                 "us-virginia": self.tr("US (Virginia)"), CUSTOM: self.tr("Custom base URL")}
        for value, label in REGION_LABELS.items():
            self.region.addItem(names.get(value, label), value)
        self.custom_url = QLineEdit()
        self.custom_url.setObjectName("customUrl")
        self.region_note = self._note()
        self.region_note.setText(self.tr("The code interpreter is documented for the China (Beijing) region only, "
                                         "and API keys are bound to the region that issued them."))
        self.model = QComboBox()
        self.model.setObjectName("model")
        self.model.setEditable(True)
        self.model.addItems([DEFAULT_MODEL])

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        form = QFormLayout()
        self._form = form
        form.addRow(self.tr("Profile"), profile_row)
        form.addRow("", self.active_note)
        form.addRow("", self.deleted_note)
        form.addRow(line)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow(self.tr("Protocol"), self.protocol)
        form.addRow("", self.protocol_note)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Base URL"), self.custom_url)
        form.addRow("", self.region_note)
        form.addRow(self.tr("Model"), self.model)
        form.setRowVisible(self.deleted_note, False)

        self.name_edit.textChanged.connect(self._fields_changed)
        self.protocol.currentIndexChanged.connect(self._fields_changed)
        self.region.currentIndexChanged.connect(self._fields_changed)
        self.custom_url.textChanged.connect(self._fields_changed)
        self.model.currentTextChanged.connect(self._fields_changed)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self._key_box())
        layout.addStretch(1)
        return tab

    def _key_box(self) -> QGroupBox:
        self.key_state = WrappedLabel(self.tr("Checking the keyring…"))
        self.key_state.setObjectName("keyState")
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setClearButtonEnabled(True)
        self.show_key = QToolButton()
        self.show_key.setObjectName("showKey")
        self.show_key.setText(self.tr("Show"))
        self.show_key.setCheckable(True)
        self.show_key.setToolTip(self.tr("Show or hide the key you are typing"))
        self.show_key.toggled.connect(self._toggle_echo)
        self.remember = QCheckBox(self.tr("Keep it in the OS keyring (otherwise for this session only)"))
        self.remember.setChecked(True)
        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.setObjectName("testButton")
        self.test_button.setToolTip(self.tr("Send one tiny request with this key, address and model"))
        self.test_button.clicked.connect(lambda: self._spawn(self._test()))
        self.forget_button = QPushButton(self.tr("Remove stored key"))
        self.forget_button.setObjectName("forgetKey")
        self.forget_button.clicked.connect(lambda: self._spawn(self._forget()))
        self.test_result = WrappedLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result.hide()
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_key)
        key_row.addWidget(self.test_button)
        remember_row = QHBoxLayout()
        remember_row.addWidget(self.remember, 1)
        remember_row.addWidget(self.forget_button)
        box = QGroupBox(self.tr("API key of this profile"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.key_state)
        layout.addLayout(key_row)
        layout.addLayout(remember_row)
        layout.addWidget(self.test_result)
        return box

    @staticmethod
    def _note() -> QLabel:
        label = WrappedLabel()
        label.setObjectName("note")
        return label

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
        wanted = self._shown if connection_id is None else connection_id
        return next(c for c in self._connections if c.id == wanted)

    def _key_store(self, connection: Connection) -> KeyStore:
        return self._session.key_store(connection.id, connection.base_url)

    def _replace(self, connection: Connection) -> None:
        self._connections = [connection if c.id == connection.id else c for c in self._connections]

    def _load(self, connection_id: str) -> None:
        """Show a profile's fields (and the key typed for it, if any)."""
        self._shown = connection_id
        connection = self.connection()
        self._loading = True
        try:
            self.name_edit.setText(connection.name)
            self.protocol.setCurrentIndex(max(0, self.protocol.findData(connection.protocol)))
            self.region.setCurrentIndex(max(0, self.region.findData(connection.region)))
            self.custom_url.setText(connection.custom_base_url)
            self.model.setCurrentText(connection.model)
            pending = self._pending.pop(connection_id, None)
            self.key_edit.setText(pending.reveal() if pending is not None else "")
            self.show_key.setChecked(False)
            self.remember.setChecked(self._remember.get(connection_id, True))
            self._show_result(self._results.get(connection_id, ""))
        finally:
            self._loading = False
        self.delete_button.setEnabled(len(self._connections) > 1)
        self._fields_changed()

    def _stash_key(self) -> None:
        """Keep what was typed in the key box for the profile shown (before another is shown)."""
        key = self._typed_key()
        if key is not None:
            self._pending[self._shown] = key
        else:
            self._pending.pop(self._shown, None)
        self._remember[self._shown] = self.remember.isChecked()

    def _profile_chosen(self) -> None:
        chosen = self.profiles.currentData()
        if chosen is None or chosen == self._shown:
            return
        self._stash_key()
        self._load(str(chosen))

    def _select(self, connection_id: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.profiles.setCurrentIndex(self.profiles.findData(connection_id))

    def _fields_changed(self) -> None:
        if self._loading:
            return
        old = self.connection()
        connection = replace(
            old,
            name=self.name_edit.text().strip(),
            protocol=str(self.protocol.currentData()),
            region=str(self.region.currentData()),
            custom_base_url=self.custom_url.text().strip(),
            model=self.model.currentText().strip(),
        )
        self._replace(connection)
        index = self.profiles.findData(connection.id)
        if index >= 0 and self.profiles.itemText(index) != connection.name:
            self.profiles.setItemText(index, connection.name or self.tr("(no name)"))
        problem = self._name_problem(connection)
        self.name_error.setText(problem or "")
        self._form.setRowVisible(self.name_error, problem is not None)
        compatible = connection.protocol == COMPATIBLE
        custom = connection.region == CUSTOM
        self.custom_url.setEnabled(custom)
        if not custom:  # where this region's requests go
            self.custom_url.setPlaceholderText(connection.base_url)
        elif compatible:
            self.custom_url.setPlaceholderText(self.tr("http://localhost:8000/v1"))
        else:
            self.custom_url.setPlaceholderText(self.tr("https://gateway.example/prefix"))
        self._form.setRowVisible(self.protocol_note, compatible)
        self._form.setRowVisible(self.region_note, not custom)
        if connection.id == self._in_use:
            self.active_note.setText(self.tr("The next question uses this connection."))
        else:
            self.active_note.setText(self.tr("Saving makes this the connection for the next question (now: "
                                             "{name}).").format(name=self._name_of(self._in_use)))
        self._render_key_state()

    def _name_of(self, connection_id: str) -> str:
        for connection in (*self._connections, *self._deleted):
            if connection.id == connection_id:
                return connection.name
        return connection_id

    def _name_problem(self, connection: Connection) -> str | None:
        name = connection.name.strip()
        if not name:
            return self.tr("A connection needs a name.")
        for other in self._connections:
            if other.id != connection.id and other.name.strip().casefold() == name.casefold():
                return self.tr("Another connection is already called “{name}”.").format(name=other.name)
        return None

    def _url_problem(self, connection: Connection) -> str | None:
        if connection.region != CUSTOM:
            return None
        url = connection.custom_base_url.strip()
        if not url:
            return self.tr("“{name}” needs a base URL (or a region).").format(name=connection.name)
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            return self.tr("The base URL of “{name}” must look like http://host:port/path.").format(
                name=connection.name)
        return None

    # -- new and deleted profiles ----------------------------------------------------------

    def _taken(self) -> Settings:
        """Ids in use, deleted ones included: a new profile never inherits a deleted one's key."""
        return Settings(connections=(*self._connections, *self._deleted))

    def _new_profile(self) -> None:
        names = {c.name.strip().casefold() for c in self._connections}
        name, number = self.tr("New connection"), 2
        base = name
        while name.casefold() in names:
            name, number = f"{base} {number}", number + 1
        connection = Connection(id=self._taken().new_id(name), name=name, protocol=COMPATIBLE, region=CUSTOM)
        self._connections.append(connection)
        self._new_ids.add(connection.id)
        self.profiles.addItem(connection.name, connection.id)
        self._select(connection.id)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _delete_profile(self) -> None:
        if len(self._connections) <= 1:
            return
        gone = self.connection()
        self._pending.pop(gone.id, None)
        if gone.id in self._new_ids:
            self._new_ids.discard(gone.id)  # never saved: no key of its own anywhere
        else:
            self._deleted.append(gone)
        self._connections = [c for c in self._connections if c.id != gone.id]
        index = self.profiles.findData(gone.id)
        self.profiles.blockSignals(True)
        self.profiles.removeItem(index)
        self.profiles.setCurrentIndex(max(0, min(index, self.profiles.count() - 1)))
        self.profiles.blockSignals(False)
        self._load(str(self.profiles.currentData()))
        self._show_deleted()

    def _show_deleted(self) -> None:
        names = ", ".join(f"“{c.name}”" for c in self._deleted)
        self.deleted_note.setText(self.tr("Deleted when you save, with the stored key: {names}. Cancel undoes "
                                          "this.").format(names=names))
        self._form.setRowVisible(self.deleted_note, bool(self._deleted))
        self._fit()

    def _settle_new_ids(self) -> None:
        """A profile made in this dialog gets the id of the name it was given (its keyring
        account names it), as long as nothing was stored under the provisional one."""
        for old in list(self._new_ids):
            connection = self.connection(old)
            others = Settings(connections=(*[c for c in self._connections if c.id != old], *self._deleted))
            new = others.new_id(connection.name)
            if new == old:
                continue
            self._connections = [replace(c, id=new) if c.id == old else c for c in self._connections]
            tables: tuple[dict[str, Any], ...] = (self._pending, self._remember, self._results)  # by profile id
            for table in tables:
                if old in table:
                    table[new] = table.pop(old)
            self._new_ids = (self._new_ids - {old}) | {new}
            self.profiles.setItemData(self.profiles.findData(old), new)
            if self._shown == old:
                self._shown = new

    # -- the key of the profile shown ------------------------------------------------------

    def _toggle_echo(self, shown: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_key.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _show_result(self, text: str) -> None:
        self.test_result.setText(text)
        self.test_result.setVisible(bool(text))
        self._fit()

    def _typed_key(self) -> ApiKey | None:
        text = self.key_edit.text().strip()
        return ApiKey(text) if text else None

    def _render_key_state(self) -> None:
        connection = self.connection()
        slot = (connection.id, environment_applies(connection.id, connection.base_url))
        cached = self._lookups.get(slot)
        needed = key_required(connection.protocol, connection.base_url)
        if cached is None:
            self.key_state.setText(self.tr("Checking the keyring…"))
            self.key_state.setProperty("ok", False)
            self.forget_button.setEnabled(False)
            if slot not in self._refreshing:
                self._refreshing.add(slot)
                self._spawn(self._look_up(connection))
            self._fit()
            return
        lookup, stored = cached
        if connection.region == CUSTOM and not connection.custom_base_url:
            self.key_state.setText(self.tr("Type the base URL above: a local server may need no key."))
        elif lookup.key is None and not needed:
            text = self.tr("No key needed for a local server; add one if yours asks for it.")
            if lookup.problem is not None:
                text += " " + self.tr("(The OS keyring cannot be used: {reason})").format(reason=lookup.problem.message)
            self.key_state.setText(text)
        else:
            self.key_state.setText(lookup.describe())
        self.key_state.setProperty("ok", lookup.key is not None or not needed)
        self.key_state.style().unpolish(self.key_state)
        self.key_state.style().polish(self.key_state)
        self.forget_button.setEnabled(stored)
        if lookup.source is KeySource.ENVIRONMENT:
            self.key_edit.setPlaceholderText(self.tr("DASHSCOPE_API_KEY is set and takes precedence"))
        elif not needed:
            self.key_edit.setPlaceholderText(self.tr("optional: only if your server asks for a key"))
        else:
            self.key_edit.setPlaceholderText(self.tr("sk-…  (leave empty to keep the current key)"))
        self._fit()

    async def _look_up(self, connection: Connection) -> None:
        slot = (connection.id, environment_applies(connection.id, connection.base_url))
        keys = self._key_store(connection)
        try:
            lookup = await keys.lookup_async()
            stored = lookup.source is KeySource.KEYRING
            if lookup.source is KeySource.ENVIRONMENT:
                stored = (await asyncio.get_running_loop().run_in_executor(None, keys.stored_lookup)).key is not None
            self._lookups[slot] = (lookup, stored)
        finally:
            self._refreshing.discard(slot)
        if self._shown == connection.id:
            self._render_key_state()

    def _forget_lookup(self, connection: Connection) -> None:
        for slot in [s for s in self._lookups if s[0] == connection.id]:
            del self._lookups[slot]

    # -- actions ---------------------------------------------------------------------------

    async def _test(self) -> None:
        connection = self.connection()
        self.test_button.setEnabled(False)
        self._show_result(self.tr("Testing…"))
        try:
            key = self._typed_key() or (await self._key_store(connection).lookup_async()).key
            if key is None and key_required(connection.protocol, connection.base_url):
                text = self.tr("No key to test: type one above.")
            else:
                settings = self.settings()
                result = await self._session.check(key, settings.config(self._session.config.profile))
                if result.ok and key is not None:
                    text = "✓ " + self.tr("The key works with {url} and {model} ({seconds} s).").format(
                        url=connection.base_url, model=settings.model, seconds=f"{result.seconds:.1f}")
                elif result.ok:
                    text = "✓ " + self.tr("{url} answers with {model} without a key ({seconds} s).").format(
                        url=connection.base_url, model=settings.model, seconds=f"{result.seconds:.1f}")
                else:
                    assert result.error is not None
                    text = f"✗ {result.error}"
            self._results[connection.id] = text
            if self._shown == connection.id:
                self._show_result(text)
        finally:
            self.test_button.setEnabled(True)

    async def _forget(self) -> None:
        connection = self.connection()
        try:
            removed = await self._key_store(connection).delete_async()
        except KeyringProblem as problem:
            text = self.tr("Not removed: {reason}").format(reason=problem.message)
        else:
            text = self.tr("Removed the stored key.") if removed else self.tr("No key was stored.")
            self._forget_lookup(connection)
        self._results[connection.id] = text
        if self._shown == connection.id:
            self._show_result(text)
            self._render_key_state()

    def _use_for_session(self) -> None:
        self._stash_key()
        for connection_id, key in self._pending.items():
            self._key_store(self.connection(connection_id)).use_for_session(key)
        self._pending.clear()
        self.key_edit.clear()
        self.session_only.hide()
        self.save_error.hide()
        self._spawn(self._finish_save())

    def _save_keeping_keys(self) -> None:
        self._keep_orphaned_keys = True
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
        problem = proxy_problem(self.general.proxy.text())
        if problem is not None:
            self.tabs.setCurrentIndex(1)
            self.general.proxy.setFocus()
            self._refuse(self.tr("Not saved: {reason}.").format(reason=problem))
            return
        shown = self.connection()  # what the user looks at is checked first, and blamed for a clash
        for connection in (shown, *[c for c in self._connections if c.id != shown.id]):
            problem = self._name_problem(connection)
            if problem is not None:
                self._select(connection.id)
                self.name_edit.setFocus()
                self._refuse(self.tr("Not saved. {problem}").format(problem=problem))
                return
            problem = self._url_problem(connection)
            if problem is not None:
                self._select(connection.id)
                self.custom_url.setFocus()
                self._refuse(self.tr("Not saved. {problem}").format(problem=problem))
                return
        self._stash_key()
        self._settle_new_ids()
        if not await self._remove_deleted_keys():
            return
        if not await self._store_keys():
            return
        await self._finish_save()

    async def _remove_deleted_keys(self) -> bool:
        for connection in list(self._deleted):
            try:
                await self._key_store(connection).delete_async()
            except KeyringProblem as problem:
                if problem.code not in NOTHING_STORED and not self._keep_orphaned_keys:
                    self._refuse(self.tr("The stored key of the deleted connection “{name}” could not be removed: "
                                         "{reason}").format(name=connection.name, reason=problem.message))
                    self.keep_key.show()
                    return False
            self._deleted.remove(connection)
        return True

    async def _store_keys(self) -> bool:
        """Each typed key goes to its own profile's keyring entry (or, unticked, to memory)."""
        for connection in list(self._connections):
            key = self._pending.get(connection.id)
            if key is None:
                continue
            keys = self._key_store(connection)
            if self._remember.get(connection.id, True):
                try:
                    await keys.store_async(key)
                except KeyringProblem as problem:
                    # Never a silent plaintext fallback: say why, and let the user choose.
                    self._select(connection.id)
                    self._refuse(self.tr("The key was not stored: {reason} Nothing was written "
                                         "anywhere else.").format(reason=problem.message))
                    self.session_only.show()
                    return False
                self._new_ids.discard(connection.id)  # its keyring entry names this id now
            else:
                keys.use_for_session(key)
            del self._pending[connection.id]
            self._forget_lookup(connection)
            if connection.id == self._shown:
                self.key_edit.clear()
        return True

    def settings(self) -> Settings:
        """What Save writes: every profile as edited, the one selected active."""
        connections = tuple(replace(c, model=c.model or DEFAULT_MODEL) for c in self._connections)
        return Settings(
            connections=connections,
            active=self._shown,
            **self.general.values(),
        )

    async def _finish_save(self) -> None:
        settings = self.settings()
        self._store.save(settings)
        # A demo stays a demo: the settings apply to the connection it would otherwise use.
        await self._session.apply_config(settings.config(self._session.config.profile,
                                                         demo=self._session.config.demo))
        self.applied.emit(settings)
        self.accept()
