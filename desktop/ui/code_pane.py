"""The Executed code pane: every snippet the interpreter ran, one block per call (its number,
Copy, Run locally, the code exactly as executed and what running it locally printed), grouped by
turn, appended as the reply streams; for an OpenAI-compatible turn, which returns no code, where
the interpreter probably ran."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .pane_helpers import at_bottom, confirm_copy, monospace_font, question_snippet

if TYPE_CHECKING:
    from PySide6.QtGui import QSyntaxHighlighter

    from ..model.output import Output


def _highlighter(block: CodeBlock) -> QSyntaxHighlighter:
    # The highlighter comes with the first block, not with the window: highlight.py builds Qt's
    # text-format and font types (QTextFormat, QTextCharFormat, QFont: ~20 M instructions) that
    # an empty pane does not need before its first frame (startup.py).
    from .highlight import PythonHighlighter, shared_theme

    return PythonHighlighter(block.editor.document(), shared_theme(block.palette()))


class CodeBlock(QFrame):
    """One interpreter call: its number, Copy, Run locally, the code exactly as executed, and
    what running it locally printed (outputs_view.OutputsView)."""

    copied = Signal(str)
    run_requested = Signal(object)  # this block

    def __init__(self, number: int, code: str, parent: QWidget | None = None, turn_number: int = 0) -> None:
        super().__init__(parent)
        from .outputs_view import OutputsView

        self.setObjectName("codeBlock")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.turn_number = turn_number  # the turn's place on the path shown, from 1
        self.index = number - 1  # the call's index in its turn
        self._code = ""
        self.run_button = QPushButton(self.tr("Run locally"))
        self.run_button.setObjectName("runLocally")
        self.run_button.setToolTip(self.tr("Run this turn's code up to this block on this computer, in order, "
                                           "and show what it prints"))
        self.run_button.clicked.connect(lambda: self.run_requested.emit(self))
        self.outputs = OutputsView()
        self.title = QLabel()
        self.title.setObjectName("codeBlockTitle")
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copyCode")
        self.copy_button.setToolTip(self.tr("Copy exactly the code the interpreter ran"))
        self.copy_button.clicked.connect(self.copy)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setFont(monospace_font())
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        from PySide6.QtWidgets import QSizePolicy

        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._highlighter = _highlighter(self)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.run_button)
        head.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.editor)
        layout.addWidget(self.outputs)
        self._number = number
        self.set_code(code)

    @property
    def code(self) -> str:
        return self._code

    def set_code(self, code: str) -> None:
        self._code = code
        self.editor.setPlainText(code)
        self.title.setText(f"#{self._number}" + ("" if code else "  · " + self.tr("writing code…")))
        self.copy_button.setEnabled(bool(code))
        self.run_button.setEnabled(bool(code))
        lines = max(1, min(code.count("\n") + 1, 18))
        metrics = self.editor.fontMetrics()
        scrollbar = self.editor.horizontalScrollBar().sizeHint().height()
        self.editor.setFixedHeight(lines * metrics.lineSpacing() + 14 + scrollbar)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._code)
        confirm_copy(self.copy_button)
        self.copied.emit(self._code)

    def apply_theme(self) -> None:
        """Highlight again in the colours of the palette's scheme."""
        self._highlighter.setDocument(None)
        self._highlighter = _highlighter(self)


class CodePane(QScrollArea):
    """Every snippet the interpreter ran, in call order, grouped by turn."""

    copied = Signal(str)
    run_requested = Signal(object)  # the CodeBlock whose Run locally was pressed
    stop_requested = Signal()  # Stop on a running block
    clear_requested = Signal(object)  # the CodeBlock whose Clear outputs was pressed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codePane")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QWidget()
        inner.setObjectName("codePaneInner")
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setSpacing(6)
        self._empty = QLabel(self.tr("Code the interpreter runs appears here, one block per run."))
        self._empty.setObjectName("paneHint")
        self._empty.setWordWrap(True)
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)
        self.setWidget(inner)
        self._blocks: list[CodeBlock] = []
        self._turn_blocks: dict[int, CodeBlock] = {}
        self._turn_label: QLabel | None = None
        self._turn_labels: dict[int, QLabel] = {}  # turn number -> its label, where the turn begins
        self._waiting: QLabel | None = None  # the live "silent for n s" line of a compatible turn
        self._silences = 0
        self._number = 0  # the turn being added
        self._end_pending = False  # scrolling to the end once the blocks just added are laid out

    def describe_connection(self, compatible: bool, connection: str) -> None:
        """The empty pane's hint for the connection the next question uses."""
        if compatible:
            self._empty.setText(self.tr(
                "{connection} uses the OpenAI-compatible protocol, which does not return the code the "
                "interpreter runs: it cannot appear here. The thinking pane marks where it probably ran."
            ).format(connection=connection or self.tr("This connection")))
        else:
            self._empty.setText(self.tr("Code the interpreter runs appears here, one block per run."))

    def clear(self) -> None:
        while self._layout.count() > 2:  # keep the hint and the closing stretch
            item = self._layout.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._blocks = []
        self._turn_blocks = {}
        self._turn_labels = {}
        self._turn_label = None
        self._waiting = None
        self._empty.show()

    def drop_from(self, number: int) -> None:
        """Remove turn `number` and every later one (a retry takes the failed turn's place)."""
        labels = [label for n, label in self._turn_labels.items() if n >= number]
        if not labels:
            return
        first = min(self._layout.indexOf(label) for label in labels)
        removed: set[QWidget] = set()
        while self._layout.count() > first + 1:  # up to the closing stretch
            item = self._layout.takeAt(first)
            widget = item.widget() if item is not None else None
            if widget is not None:
                removed.add(widget)
                widget.hide()
                widget.deleteLater()
        self._blocks = [b for b in self._blocks if b not in removed]
        self._turn_labels = {n: label for n, label in self._turn_labels.items() if n < number}
        if self._turn_label in removed:
            self._turn_label = None
            self._turn_blocks = {}
            self._waiting = None
        self._empty.setVisible(not self._blocks and self._layout.count() <= 2)

    def apply_theme(self) -> None:
        for block in self._blocks:
            block.apply_theme()

    @property
    def blocks(self) -> list[CodeBlock]:
        return list(self._blocks)

    def set_outputs(self, index: int, outputs: list[Output]) -> None:
        """What running call `index` of the turn being added printed (run locally earlier)."""
        block = self._turn_blocks.get(index)
        if block is not None and outputs:
            block.outputs.set_outputs(outputs)

    def block_at(self, turn_number: int, index: int) -> CodeBlock | None:
        """The block of call `index` of the turn shown as `turn_number`, if it is shown."""
        return next((b for b in self._blocks if b.turn_number == turn_number and b.index == index), None)

    def _add(self, widget: QWidget) -> None:
        self._empty.hide()
        follow = at_bottom(self.verticalScrollBar())
        self._layout.insertWidget(self._layout.count() - 1, widget)
        if follow and not self._end_pending:
            # The new widget is laid out on the next pass (not now: sizing the column at once
            # costs a pass over every block shown, for each one added); scroll once it is.
            self._end_pending = True
            self.verticalScrollBar().rangeChanged.connect(self._scroll_to_end_once)

    def _scroll_to_end_once(self, _min: int, maximum: int) -> None:
        self.verticalScrollBar().rangeChanged.disconnect(self._scroll_to_end_once)
        self._end_pending = False
        self.verticalScrollBar().setValue(maximum)

    def begin_turn(self, number: int, question: str, reports_code: bool = True, connection: str = "") -> None:
        """A new turn. `reports_code` False: its protocol (OpenAI-compatible) returns no code,
        and the pane says so at once rather than staying empty."""
        self._turn_blocks = {}
        self._waiting = None
        self._silences = 0
        self._number = number
        self._turn_label = QLabel(f"{number}. {question_snippet(question, 70)}")
        self._turn_label.setObjectName("turnLabel")
        self._turn_label.setWordWrap(True)
        self._turn_label.hide()  # shown with the turn's first code block
        self._turn_labels[number] = self._turn_label
        self._layout.insertWidget(self._layout.count() - 1, self._turn_label)
        if not reports_code:
            self._turn_label.show()
            via = self.tr("This reply comes through {connection}, an OpenAI-compatible connection.").format(
                connection=connection) if connection else self.tr("This reply comes through an OpenAI-compatible "
                                                                  "connection.")
            note = QLabel(via + " " + self.tr(
                "That protocol does not return the code the interpreter runs, nor how many times it ran: "
                "use a DashScope native connection to see it here."))
            note.setObjectName("protocolNote")
            note.setWordWrap(True)
            self._add(note)
            self._waiting = QLabel()
            self._waiting.setObjectName("silenceLive")
            self._waiting.setWordWrap(True)
            self._waiting.hide()
            self._add(self._waiting)
            self._empty.hide()

    def show_silence(self, seconds: float | None) -> None:
        """Live, for a compatible turn: nothing has arrived for `seconds` (None: data flows)."""
        if self._waiting is None:
            return
        if seconds is None:
            self._waiting.hide()
            return
        self._waiting.setText("◌ " + self.tr("Nothing has arrived for {seconds} s: the interpreter may be running "
                                             "code.").format(seconds=f"{seconds:.0f}"))
        self._waiting.show()

    def add_silence(self, seconds: float) -> None:
        """A silence of a compatible turn ended: where the interpreter probably ran code."""
        self._silences += 1
        entry = QLabel("‖ " + self.tr("Probable run #{number}: silent for {seconds} s (the code is not returned "
                                      "by this protocol)").format(number=self._silences, seconds=f"{seconds:.1f}"))
        entry.setObjectName("silenceEntry")
        entry.setWordWrap(True)
        if self._waiting is not None:
            self._waiting.hide()
            self._layout.insertWidget(self._layout.indexOf(self._waiting), entry)
            self._empty.hide()
        else:
            self._add(entry)

    def set_code(self, index: int, code: str) -> None:
        block = self._turn_blocks.get(index)
        if block is not None:
            block.set_code(code)
            return
        if self._turn_label is not None:
            self._turn_label.show()
        block = CodeBlock(index + 1, code, turn_number=self._number)
        block.copied.connect(self.copied)
        block.run_requested.connect(self.run_requested)
        block.outputs.stop_requested.connect(self.stop_requested)
        block.outputs.clear_requested.connect(lambda b=block: self.clear_requested.emit(b))
        self._turn_blocks[index] = block
        self._blocks.append(block)
        self._add(block)
