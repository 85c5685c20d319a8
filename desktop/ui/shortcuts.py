"""Keyboard: one table of the window's shortcuts, shown in Help ▸ Keyboard shortcuts.

Written with "Ctrl": Qt maps it to Command on macOS, and the dialog shows each sequence in the
platform's own notation (⌘N there, Ctrl+N elsewhere).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QWidget


def sequence(key: QKeySequence.StandardKey | str, fallback: str = "") -> QKeySequence:
    """A standard key where the platform defines one (Preferences has none on Linux), else the
    fallback."""
    seq = QKeySequence(key)
    return seq if not seq.isEmpty() or not fallback else QKeySequence(fallback)


def native(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, QKeySequence]], parent: QWidget | None = None) -> None:
        # Imported here: the window imports this module for sequence() before its first paint, and
        # PySide6 builds each class it imports (with its enums) then.
        from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, (action, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(action))
            self.table.setItem(row, 1, QTableWidgetItem(native(keys)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 420)
