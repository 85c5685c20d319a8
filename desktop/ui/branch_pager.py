"""The branch controls of an answer card (issue #18): a pager `‹ 2/3 ›` over the versions of a
turn, Regenerate, and an inline editor for the question (Edit). They only say what was asked
for; the window does it through the session."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class BranchPager(QWidget):
    """`‹ 2/3 ›`: which version of the turn is shown; hidden while there is only one."""

    paged = Signal(int)  # the version index to show, 0 = the oldest

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("branchPager")
        self.index = 0
        self.count = 1
        self.previous = QToolButton()
        self.previous.setObjectName("previousVersion")
        self.previous.setText("‹")
        self.previous.setAccessibleName(self.tr("Previous version"))
        self.previous.setToolTip(self.tr("Show the previous version of this turn and what followed it"))
        self.previous.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.previous.clicked.connect(lambda: self.paged.emit(self.index - 1))
        self.label = QLabel()
        self.label.setObjectName("versionLabel")
        self.next = QToolButton()
        self.next.setObjectName("nextVersion")
        self.next.setText("›")
        self.next.setAccessibleName(self.tr("Next version"))
        self.next.setToolTip(self.tr("Show the next version of this turn and what followed it"))
        self.next.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.next.clicked.connect(lambda: self.paged.emit(self.index + 1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.previous)
        layout.addWidget(self.label)
        layout.addWidget(self.next)
        self.set_versions(0, 1)

    def set_versions(self, index: int, count: int) -> None:
        self.index, self.count = index, count
        self.label.setText(f"{index + 1}/{count}")
        self.label.setAccessibleName(self.tr("Version {number} of {count}").format(number=index + 1, count=count))
        self.setVisible(count > 1)
        self.set_enabled(True)

    def set_enabled(self, enabled: bool) -> None:
        self.previous.setEnabled(enabled and self.index > 0)
        self.next.setEnabled(enabled and self.index < self.count - 1)


class _EditBox(QPlainTextEdit):
    submitted = Signal()
    cancelled = Signal()

    def event(self, event: QEvent) -> bool:
        # Esc here cancels the edit; it must not reach the window's Esc (stop the reply).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and control:
            self.submitted.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class QuestionEditor(QFrame):
    """Edit a question in place: Send asks it as a new version of the turn, Cancel (or Esc)
    leaves everything as it was."""

    sent = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionEditor")
        self.box = _EditBox()
        self.box.setObjectName("editQuestionBox")
        self.box.setAccessibleName(self.tr("Edited question"))
        self.box.setTabChangesFocus(True)
        self.box.setFixedHeight(84)
        self.box.submitted.connect(self._send)
        self.box.cancelled.connect(self.cancelled)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendEdited")
        self.send_button.setToolTip(self.tr("Ask the edited question as a new version of this turn; the "
                                            "earlier version stays, with what followed it"))
        self.send_button.clicked.connect(self._send)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelEdit")
        self.cancel_button.setToolTip(self.tr("Leave the question as it was (Esc)"))
        self.cancel_button.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.box)
        layout.addLayout(buttons)

    def start(self, text: str) -> None:
        self.box.setPlainText(text)
        self.box.selectAll()
        self.show()
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _send(self) -> None:
        text = self.box.toPlainText().strip()
        if text and self.send_button.isEnabled():
            self.sent.emit(text)
