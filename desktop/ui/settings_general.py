"""Settings ▸ General: what every connection profile shares (thinking budget, which key sends,
timeouts, proxy, language, theme) and how code runs locally."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..settings import Settings
from .i18n import LANGUAGES
from .wrapped_label import WrappedLabel


class GeneralTab(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        generation = QGroupBox(self.tr("Generation"))
        generation_form = QFormLayout(generation)
        generation_form.addRow(self.tr("Thinking budget"), budget_row)
        # Which key sends the question (composer.SendKeys); the window applies it at once.
        self.enter_sends = QCheckBox(self.tr("Enter sends the question (Ctrl+Enter for a new line)"))
        self.enter_sends.setObjectName("enterSends")
        self.enter_sends.setToolTip(self.tr("Off: Enter starts a new line and Ctrl+Enter sends"))
        self.enter_sends.setChecked(settings.enter_sends)
        generation_form.addRow(self.tr("Question box"), self.enter_sends)

        self.connect_timeout = self._seconds(settings.connect_timeout, 1, 120)
        self.idle_timeout = self._seconds(settings.idle_timeout, 5, 1800)
        self.idle_timeout.setToolTip(self.tr("The stream may go quiet while the interpreter runs; the service "
                                     "gives up after about 300 s."))
        self.proxy = QLineEdit(settings.proxy)
        self.proxy.setObjectName("proxy")
        self.proxy.setPlaceholderText(self.tr("system settings  (e.g. http://proxy.example:8080)"))
        self.proxy.setToolTip(self.tr("Leave empty to use the system's proxy settings (HTTPS_PROXY, NO_PROXY). "
                              "Certificates are always verified; SSL_CERT_FILE adds a custom CA bundle."))
        network = QGroupBox(self.tr("Network (every connection)"))
        form = QFormLayout(network)
        form.addRow(self.tr("Connect timeout"), self.connect_timeout)
        form.addRow(self.tr("Silence timeout"), self.idle_timeout)
        form.addRow(self.tr("Proxy"), self.proxy)

        layout = QVBoxLayout(self)
        layout.addWidget(generation)
        layout.addWidget(network)
        layout.addWidget(self._appearance(settings))
        layout.addWidget(self._run_locally(settings))
        layout.addStretch(1)

    def values(self) -> dict[str, Any]:  # Settings' fields, as keywords
        """The Settings fields this tab holds."""
        return {
            "thinking_budget": self.budget.value() if self.budget_on.isChecked() else None,
            "connect_timeout": self.connect_timeout.value(),
            "idle_timeout": self.idle_timeout.value(),
            "proxy": self.proxy.text().strip(),
            "language": str(self.language.currentData()),
            "theme": str(self.theme.currentData()),
            "run_python": self.run_python.text().strip(),
            "run_timeout": self.run_timeout.value(),
            "run_network": self.run_network.isChecked(),
            "enter_sends": self.enter_sends.isChecked(),
        }

    def _run_locally(self, settings: Settings) -> QGroupBox:
        """Run locally (the Executed code pane): which Python, how long, and the network."""
        from ..runner import RunnerError, default_python

        try:
            default, found = default_python(), True
        except RunnerError:
            default, found = "", False
        self.run_python = QLineEdit(settings.run_python)
        self.run_python.setObjectName("runPython")
        self.run_python.setPlaceholderText(default or self.tr("no Python found on PATH"))
        self.run_python.setToolTip(self.tr("The Python that runs executed code locally; leave empty for the "
                                           "default shown"))
        self.run_timeout = self._seconds(settings.run_timeout, 1, 3600)
        self.run_timeout.setObjectName("runTimeout")
        self.run_network = QCheckBox(self.tr("Allow the code to use the network"))
        self.run_network.setObjectName("runNetwork")
        self.run_network.setChecked(settings.run_network)
        box = QGroupBox(self.tr("Run code locally"))
        form = QFormLayout(box)
        form.addRow(self.tr("Python"), self.run_python)
        if not found:
            missing = WrappedLabel(self.tr("No python3 or python was found on PATH: install Python, or enter "
                                           "the path of one here, to run code locally."))
            missing.setObjectName("note")
            form.addRow("", missing)
        form.addRow(self.tr("Time limit"), self.run_timeout)
        form.addRow("", self.run_network)
        return box

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
        note = WrappedLabel(self.tr("A new language applies when dashchat starts again."))
        note.setObjectName("note")
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

