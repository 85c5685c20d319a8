"""Settings: the API key (kept in the OS keyring), region, model, thinking budget, timeouts.

Keyring and network calls run as tasks on the qasync loop (the keyring itself in a worker
thread): the dialog never blocks and never opens a nested event loop.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..keys import KeyringProblem, KeySource, KeyStore
from ..protocol.secret import ApiKey
from ..session import ChatSession
from ..settings import CUSTOM, REGION_LABELS, Settings, SettingsStore, proxy_problem
from .i18n import LANGUAGES


class SettingsDialog(QDialog):
    applied = Signal(object)  # the saved Settings

    def __init__(self, session: ChatSession, store: SettingsStore, keys: KeyStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self._session = session
        self._store = store
        self._keys = keys
        self._tasks: set[asyncio.Task[None]] = set()
        settings = store.load()

        # -- API key ---------------------------------------------------------------------
        self.key_state = QLabel(self.tr("Checking the keyring…"))
        self.key_state.setObjectName("keyState")
        self.key_state.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("sk-…  (leave empty to keep the current key)"))
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
        self.test_button.setToolTip(self.tr("Send one tiny request with this key, region and model"))
        self.test_button.clicked.connect(lambda: self._spawn(self._test()))
        self.forget_button = QPushButton(self.tr("Remove stored key"))
        self.forget_button.clicked.connect(lambda: self._spawn(self._forget()))
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_key)
        key_row.addWidget(self.test_button)
        key_box = QGroupBox(self.tr("API key"))
        key_form = QVBoxLayout(key_box)
        key_form.addWidget(self.key_state)
        key_form.addLayout(key_row)
        key_form.addWidget(self.remember)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.forget_button)
        buttons_row.addStretch(1)
        key_form.addLayout(buttons_row)
        key_form.addWidget(self.test_result)

        # -- service ---------------------------------------------------------------------
        self.region = QComboBox()
        self.region.setObjectName("region")
        names = {"beijing": self.tr("China (Beijing)"), "singapore": self.tr("Singapore"),
                 "us-virginia": self.tr("US (Virginia)"), CUSTOM: self.tr("Custom base URL")}
        for value, label in REGION_LABELS.items():
            self.region.addItem(names.get(value, label), value)
        self.region.setCurrentIndex(max(0, self.region.findData(settings.region)))
        self.custom_url = QLineEdit(settings.custom_base_url)
        self.custom_url.setObjectName("customUrl")
        self.custom_url.setPlaceholderText(self.tr("https://gateway.example/prefix"))
        self.region.currentIndexChanged.connect(self._region_changed)
        note = QLabel(self.tr("The code interpreter is documented for the China (Beijing) region only, and API "
                             "keys are bound to the region that issued them."))
        note.setObjectName("note")
        note.setWordWrap(True)
        self.model = QComboBox()
        self.model.setObjectName("model")
        self.model.setEditable(True)
        self.model.addItems(["qwen3-max-preview"])
        self.model.setCurrentText(settings.model)
        self.budget_on = QCheckBox(self.tr("Limit thinking to"))
        self.budget = QSpinBox()
        self.budget.setRange(1, 81920)
        self.budget.setSuffix(self.tr(" tokens"))
        self.budget.setValue(settings.thinking_budget or 8192)
        self.budget_on.setChecked(settings.thinking_budget is not None)
        self.budget.setEnabled(self.budget_on.isChecked())
        self.budget_on.toggled.connect(self.budget.setEnabled)
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget_on)
        budget_row.addWidget(self.budget, 1)
        self.connect_timeout = self._seconds(settings.connect_timeout, 1, 120)
        self.idle_timeout = self._seconds(settings.idle_timeout, 5, 1800)
        self.idle_timeout.setToolTip(self.tr("The stream may go quiet while the interpreter runs; the service "
                                     "gives up after about 300 s."))
        self.proxy = QLineEdit(settings.proxy)
        self.proxy.setObjectName("proxy")
        self.proxy.setPlaceholderText(self.tr("system settings  (e.g. http://proxy.example:8080)"))
        self.proxy.setToolTip(self.tr("Leave empty to use the system's proxy settings (HTTPS_PROXY, NO_PROXY). "
                              "Certificates are always verified; SSL_CERT_FILE adds a custom CA bundle."))
        service_box = QGroupBox(self.tr("Service"))
        form = QFormLayout(service_box)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Base URL"), self.custom_url)
        form.addRow("", note)
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Thinking budget"), budget_row)
        form.addRow(self.tr("Connect timeout"), self.connect_timeout)
        form.addRow(self.tr("Silence timeout"), self.idle_timeout)
        form.addRow(self.tr("Proxy"), self.proxy)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(lambda: self._spawn(self._save()))
        self.buttons.rejected.connect(self.reject)
        self.save_error = QLabel()
        self.save_error.setObjectName("errorBanner")
        self.save_error.setWordWrap(True)
        self.save_error.hide()
        self.session_only = QPushButton(self.tr("Use it for this session only"))
        self.session_only.hide()
        self.session_only.clicked.connect(self._use_for_session)

        layout = QVBoxLayout(self)
        layout.addWidget(key_box)
        layout.addWidget(service_box)
        layout.addWidget(self._appearance(settings))
        layout.addWidget(self.save_error)
        layout.addWidget(self.session_only, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self._region_changed()
        self._spawn(self._refresh_key_state())

    # -- helpers ---------------------------------------------------------------------------

    def _appearance(self, settings: Settings) -> QGroupBox:
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for value, label in (("", self.tr("Follow the system")), ("light", self.tr("Light")),
                             ("dark", self.tr("Dark"))):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        note = QLabel(self.tr("A new language applies when dashchat starts again."))
        note.setObjectName("note")
        note.setWordWrap(True)
        box = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(box)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", note)
        form.addRow(self.tr("Theme"), self.theme)
        return box

    def _seconds(self, value: float, low: float, high: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(low, high)
        box.setDecimals(0)
        box.setSuffix(self.tr(" s"))
        box.setValue(value)
        return box

    def _spawn(self, coro) -> None:  # type: ignore[no-untyped-def]
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait_idle(self) -> None:
        """For tests and for closing: let running keyring/network tasks finish."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _toggle_echo(self, shown: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_key.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _region_changed(self) -> None:
        self.custom_url.setEnabled(self.region.currentData() == CUSTOM)

    def settings(self) -> Settings:
        return Settings(
            region=str(self.region.currentData()),
            custom_base_url=self.custom_url.text().strip(),
            model=self.model.currentText().strip() or Settings().model,
            thinking_budget=self.budget.value() if self.budget_on.isChecked() else None,
            connect_timeout=self.connect_timeout.value(),
            idle_timeout=self.idle_timeout.value(),
            proxy=self.proxy.text().strip(),
            language=str(self.language.currentData()),
            theme=str(self.theme.currentData()),
        )

    def _typed_key(self) -> ApiKey | None:
        text = self.key_edit.text().strip()
        return ApiKey(text) if text else None

    async def _refresh_key_state(self) -> None:
        lookup = await self._keys.lookup_async()
        self.key_state.setText(lookup.describe())
        self.key_state.setProperty("ok", lookup.key is not None)
        stored = lookup.source is KeySource.KEYRING or (
            lookup.source is KeySource.ENVIRONMENT and (await self._keys_without_env()).key is not None)
        self.forget_button.setEnabled(stored)
        if lookup.source is KeySource.ENVIRONMENT:
            self.key_edit.setPlaceholderText(self.tr("DASHSCOPE_API_KEY is set and takes precedence"))

    async def _keys_without_env(self):  # type: ignore[no-untyped-def]
        return await asyncio.get_running_loop().run_in_executor(None, self._keys.stored_lookup)

    # -- actions ---------------------------------------------------------------------------

    async def _test(self) -> None:
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Testing…"))
        try:
            key = self._typed_key() or (await self._keys.lookup_async()).key
            if key is None:
                self.test_result.setText(self.tr("No key to test: type one above."))
                return
            result = await self._session.check(key, self.settings().config(self._session.config.profile))
            if result.ok:
                self.test_result.setText("✓ " + self.tr("The key works with {url} and {model} ({seconds} s).").format(
                    url=self.settings().base_url, model=self.settings().model, seconds=f"{result.seconds:.1f}"))
            else:
                assert result.error is not None
                self.test_result.setText(f"✗ {result.error}")
        finally:
            self.test_button.setEnabled(True)

    async def _forget(self) -> None:
        try:
            removed = await self._keys.delete_async()
        except KeyringProblem as problem:
            self.test_result.setText(self.tr("Not removed: {reason}").format(reason=problem.message))
            return
        self.test_result.setText(self.tr("Removed the stored key.") if removed else self.tr("No key was stored."))
        await self._refresh_key_state()

    def _use_for_session(self) -> None:
        key = self._typed_key()
        if key is not None:
            self._keys.use_for_session(key)
            self.key_edit.clear()
            self.session_only.hide()
            self.save_error.hide()
            self._spawn(self._finish_save())

    async def _save(self) -> None:
        self.save_error.hide()
        problem = proxy_problem(self.proxy.text())
        if problem is not None:
            self.save_error.setText(self.tr("Not saved: {reason}.").format(reason=problem))
            self.save_error.show()
            return
        key = self._typed_key()
        if key is not None:
            if self.remember.isChecked():
                try:
                    await self._keys.store_async(key)
                except KeyringProblem as problem:
                    # Never a silent plaintext fallback: say why, and let the user choose.
                    self.save_error.setText(self.tr("The key was not stored: {reason} Nothing was written "
                                                    "anywhere else.").format(reason=problem.message))
                    self.save_error.show()
                    self.session_only.show()
                    return
            else:
                self._keys.use_for_session(key)
            self.key_edit.clear()
        await self._finish_save()

    async def _finish_save(self) -> None:
        settings = self.settings()
        self._store.save(settings)
        await self._session.apply_config(settings.config(self._session.config.profile))
        self.applied.emit(settings)
        self.accept()
