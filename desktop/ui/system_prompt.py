"""The system prompt editor of a conversation (Composer's "System prompt…"), imported when it is
first opened: subclassing QDialog where the composer is defined made PySide6 build the QDialog
and QDialogButtonBox types before the window's first frame."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class SystemPromptDialog(QDialog):
    """A plain text editor for the conversation's system prompt: OK keeps it, Clear empties it."""

    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("systemPromptDialog")
        self.setWindowTitle(self.tr("System prompt"))
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("systemPromptEditor")
        self.editor.setPlainText(prompt)
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(self.tr("Instructions sent before every question of this conversation"))
        self.editor.setAccessibleName(self.tr("System prompt"))
        note = QLabel(self.tr("Sent first, as the system message, with each question of this conversation only."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.clear_button = buttons.addButton(self.tr("Clear"), QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.clicked.connect(self.editor.clear)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def prompt(self) -> str:
        return self.editor.toPlainText()
