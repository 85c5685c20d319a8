"""Keyboard: one table of the window's shortcuts, shown in Help ▸ Keyboard shortcuts.

The dialog itself is in shortcuts_dialog.py, imported when it is opened: subclassing QDialog
here made PySide6 build the QDialog type (and those it needs) before the window's first frame.

Written with "Ctrl": Qt maps it to Command on macOS, and the dialog shows each sequence in the
platform's own notation (⌘N there, Ctrl+N elsewhere).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def sequence(key: QKeySequence.StandardKey | str, fallback: str = "") -> QKeySequence:
    """A standard key where the platform defines one (Preferences has none on Linux), else the
    fallback."""
    seq = QKeySequence(key)
    return seq if not seq.isEmpty() or not fallback else QKeySequence(fallback)


def native(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.NativeText)
