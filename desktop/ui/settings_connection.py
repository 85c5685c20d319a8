"""Settings ▸ Connection, the widgets: the profile row, the profile's fields and its key box.
What they mean and do is desktop/ui/settings_dialog.py's (and the draft's, in
desktop/presenters/settings_draft.py). Strings are in the dialog's translation context."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..protocol import DEFAULT_MODEL, PROTOCOLS, REGION_LABELS, spec_of
from .wrapped_label import WrappedLabel

CONTEXT = "SettingsDialog"

# The labels of the protocol and region tables (desktop/protocol/registry.py, regions.py),
# marked here because lupdate reads desktop/ui only; the combo boxes translate the tables' own.
TABLE_LABELS = (
    QT_TRANSLATE_NOOP("SettingsDialog", "DashScope native — shows the executed code"),
    QT_TRANSLATE_NOOP("SettingsDialog", "OpenAI-compatible — no executed code"),
    QT_TRANSLATE_NOOP("SettingsDialog", "China (Beijing)"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Singapore"),
    QT_TRANSLATE_NOOP("SettingsDialog", "US (Virginia)"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Custom base URL"),
)


def translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def note() -> QLabel:
    label = WrappedLabel()
    label.setObjectName("note")
    return label


class ConnectionPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profiles = QComboBox()
        self.profiles.setObjectName("profiles")
        self.profiles.setToolTip(QCoreApplication.translate(
            "SettingsDialog", "Connection profiles: each has its own protocol, address, model and key"))
        self.new_button = QPushButton(QCoreApplication.translate("SettingsDialog", "New"))
        self.new_button.setObjectName("newProfile")
        self.new_button.setToolTip(QCoreApplication.translate(
            "SettingsDialog", "Add a connection profile (an OpenAI-compatible server, to begin with)"))
        self.delete_button = QPushButton(QCoreApplication.translate("SettingsDialog", "Delete"))
        self.delete_button.setObjectName("deleteProfile")
        self.delete_button.setToolTip(QCoreApplication.translate(
            "SettingsDialog", "Delete this profile and its stored key when you save"))
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profiles, 1)
        profile_row.addWidget(self.new_button)
        profile_row.addWidget(self.delete_button)
        self.active_note = note()
        self.deleted_note = note()

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("profileName")
        self.name_edit.setMaxLength(60)
        self.name_error = WrappedLabel()
        self.name_error.setObjectName("errorBanner")
        self.name_error.hide()
        self.protocol = QComboBox()
        self.protocol.setObjectName("protocol")
        for protocol in PROTOCOLS:
            self.protocol.addItem(translated(spec_of(protocol).label), protocol)
        self.protocol_note = note()
        self.protocol_note.setText(QCoreApplication.translate(
            "SettingsDialog", "This protocol does not return the executed code or the interpreter count; the "
            "code pane will say so."))
        self.region = QComboBox()
        self.region.setObjectName("region")
        for region, label in REGION_LABELS.items():
            self.region.addItem(translated(label), region)
        self.custom_url = QLineEdit()
        self.custom_url.setObjectName("customUrl")
        self.region_note = note()
        self.region_note.setText(QCoreApplication.translate(
            "SettingsDialog", "The code interpreter is documented for the China (Beijing) region only, and API "
            "keys are bound to the region that issued them."))
        self.model = QComboBox()
        self.model.setObjectName("model")
        self.model.setEditable(True)
        self.model.addItems([DEFAULT_MODEL])

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.form = form = QFormLayout()
        form.addRow(QCoreApplication.translate("SettingsDialog", "Profile"), profile_row)
        form.addRow("", self.active_note)
        form.addRow("", self.deleted_note)
        form.addRow(line)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Name"), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Protocol"), self.protocol)
        form.addRow("", self.protocol_note)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Region"), self.region)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Base URL"), self.custom_url)
        form.addRow("", self.region_note)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Model"), self.model)
        form.setRowVisible(self.deleted_note, False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._key_box())
        layout.addStretch(1)

    def _key_box(self) -> QGroupBox:
        self.key_state = WrappedLabel(QCoreApplication.translate("SettingsDialog", "Checking the keyring…"))
        self.key_state.setObjectName("keyState")
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setClearButtonEnabled(True)
        self.show_key = QToolButton()
        self.show_key.setObjectName("showKey")
        self.show_key.setText(QCoreApplication.translate("SettingsDialog", "Show"))
        self.show_key.setCheckable(True)
        self.show_key.setToolTip(QCoreApplication.translate("SettingsDialog", "Show or hide the key you are typing"))
        self.show_key.toggled.connect(self._toggle_echo)
        self.remember = QCheckBox(QCoreApplication.translate(
            "SettingsDialog", "Keep it in the OS keyring (otherwise for this session only)"))
        self.remember.setChecked(True)
        self.test_button = QPushButton(QCoreApplication.translate("SettingsDialog", "Test"))
        self.test_button.setObjectName("testButton")
        self.test_button.setToolTip(QCoreApplication.translate(
            "SettingsDialog", "Send one tiny request with this key, address and model"))
        self.forget_button = QPushButton(QCoreApplication.translate("SettingsDialog", "Remove stored key"))
        self.forget_button.setObjectName("forgetKey")
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
        box = QGroupBox(QCoreApplication.translate("SettingsDialog", "API key of this profile"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.key_state)
        layout.addLayout(key_row)
        layout.addLayout(remember_row)
        layout.addWidget(self.test_result)
        return box

    def _toggle_echo(self, shown: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_key.setText(QCoreApplication.translate("SettingsDialog", "Hide") if shown
                              else QCoreApplication.translate("SettingsDialog", "Show"))

    def region_placeholder(self, compatible: bool) -> str:
        """The base URL's placeholder for a custom region."""
        if compatible:
            return QCoreApplication.translate("SettingsDialog", "http://localhost:8000/v1")
        return QCoreApplication.translate("SettingsDialog", "https://gateway.example/prefix")

