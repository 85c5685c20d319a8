"""First start with no key: enter one, or try the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .style import scaled_font


class WelcomeDialog(QDialog):
    enter_key = Signal()
    try_demo = Signal()

    def __init__(self, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to dashchat"))
        self.setMinimumWidth(520)
        title = QLabel(self.tr("Welcome to dashchat"))
        title.setObjectName("welcomeTitle")
        title.setFont(scaled_font(title, 1.5))  # relative: follows the OS's font size
        text = QLabel(self.tr("Ask Qwen a question: it thinks, writes and runs Python in its sandbox, and answers. "
            "You watch its thinking, every snippet it ran, and the answer, live.\n\n"
            "To talk to the service you need an API key from Alibaba Cloud Model Studio (the code "
            "interpreter is offered in the China (Beijing) region). The key is kept in your "
            "system's keyring, never in a file."))
        text.setWordWrap(True)
        self.detail = QLabel(detail)
        self.detail.setObjectName("note")
        self.detail.setWordWrap(True)
        self.detail.setVisible(bool(detail))
        self.key_button = QPushButton(self.tr("Enter your API key…"))
        self.key_button.setObjectName("enterKey")
        self.key_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Try the demo"))
        self.demo_button.setObjectName("tryDemo")
        self.demo_button.setToolTip(self.tr("Recorded replies, no key, no network"))
        later = QPushButton(self.tr("Later"))
        self.key_button.clicked.connect(self._enter_key)
        self.demo_button.clicked.connect(self._try_demo)
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(later)
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.key_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        title.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def _enter_key(self) -> None:
        self.accept()
        self.enter_key.emit()

    def _try_demo(self) -> None:
        self.accept()
        self.try_demo.emit()
