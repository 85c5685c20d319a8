"""What running an executed-code block locally printed or showed (issue #17), under the block in
the Executed code pane: streams, the last value, an exception with its traceback (stderr and
errors in the error colour), PNG images scaled to the pane's width, a long output cut on screen
with "Show all"; and the run's controls (Stop while it runs, Clear outputs)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..model.output import Output, OutputKind, merged

# On screen, a text output shows this much; "Show all" shows the rest (the history keeps all).
SHOWN_CHARS = 4000
SHOWN_LINES = 60
REPAINT_MS = 50  # a chatty run repaints at most this often


class ImageLabel(QLabel):
    """A PNG scaled down to the width it is given (never up), keeping its proportions."""

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = pixmap
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._fit(pixmap.width())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        source = self._pixmap
        if source.width() <= 0:
            return 0
        return round(source.height() * min(1.0, width / source.width()))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(min(self._pixmap.width(), 320), self.heightForWidth(min(self._pixmap.width(), 320)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        source = self._pixmap
        if width <= 0 or source.isNull():
            return
        target = min(width, source.width())
        if self.pixmap().isNull() or self.pixmap().width() != target:
            self.setPixmap(source.scaledToWidth(target, Qt.TransformationMode.SmoothTransformation))


class OutputsView(QWidget):
    """The outputs of one executed-code call, and the controls of a run of it."""

    stop_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outputsView")
        self.outputs: list[Output] = []
        self._expanded = False
        self.state = QLabel()
        self.state.setObjectName("runState")
        self.state.setWordWrap(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("stopRun")
        self.stop_button.setToolTip(self.tr("Stop this run: the process and everything it started are ended"))
        self.stop_button.clicked.connect(self.stop_requested)
        self.stop_button.hide()
        self.clear_button = QPushButton(self.tr("Clear outputs"))
        self.clear_button.setObjectName("clearOutputs")
        self.clear_button.setToolTip(self.tr("Remove these outputs, here and in the history"))
        self.clear_button.clicked.connect(self.clear_requested)
        self.clear_button.hide()
        self.show_all = QPushButton()
        self.show_all.setObjectName("showAllOutput")
        self.show_all.clicked.connect(self._expand)
        self.show_all.hide()
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.state, 1)
        head.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self._body = QVBoxLayout()
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addLayout(self._body)
        layout.addWidget(self.show_all, 0, Qt.AlignmentFlag.AlignLeft)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(REPAINT_MS)
        self._pending.timeout.connect(self._render)
        self.hide()

    # -- what is shown ----------------------------------------------------------------------

    def set_outputs(self, outputs: list[Output]) -> None:
        self.outputs = merged(list(outputs))
        self._expanded = False
        self._render()

    def append(self, output: Output) -> None:
        """One more output as it arrives (a stream in chunks); painted on a short timer."""
        self.outputs = merged([*self.outputs, output])
        if not self._pending.isActive():
            self._pending.start()

    def set_running(self, running: bool, text: str = "") -> None:
        self.stop_button.setVisible(running)
        self.set_state(text)
        if running:
            self.outputs = []
            self._render()
        self.show()

    def set_state(self, text: str, error: bool = False) -> None:
        self.state.setText(text)
        self.state.setVisible(bool(text))
        self.state.setProperty("error", error)
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        if text:
            self.show()

    def text(self) -> str:
        """Everything shown, as plain text (tests, accessibility)."""
        return "\n".join(w.text() for w in self._widgets() if isinstance(w, QLabel) and not isinstance(w, ImageLabel))

    def images(self) -> list[ImageLabel]:
        return [w for w in self._widgets() if isinstance(w, ImageLabel)]

    def _widgets(self) -> list[QWidget]:
        items = (self._body.itemAt(index) for index in range(self._body.count()))
        return [w for w in (item.widget() if item is not None else None for item in items) if w is not None]

    def _expand(self) -> None:
        self._expanded = True
        self._render()

    def _render(self) -> None:
        self._pending.stop()
        while self._body.count():
            item = self._body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        cut = False
        for output in self.outputs:
            widget, was_cut = self._widget_for(output)
            cut = cut or was_cut
            self._body.addWidget(widget)
        self.show_all.setText(self.tr("Show all"))
        self.show_all.setToolTip(self.tr("Show the whole output (long outputs are cut on screen)"))
        self.show_all.setVisible(cut)
        self.clear_button.setVisible(bool(self.outputs) and not self.stop_button.isVisible())
        self.setVisible(bool(self.outputs) or self.state.isVisible())

    def _widget_for(self, output: Output) -> tuple[QWidget, bool]:
        if output.kind is OutputKind.IMAGE and output.data:
            pixmap = QPixmap()
            if pixmap.loadFromData(output.data):
                image = ImageLabel(pixmap)
                image.setAccessibleName(self.tr("Figure, {width}×{height} pixels").format(
                    width=pixmap.width(), height=pixmap.height()))
                return image, False
        text = output.plain()
        was_cut = False
        if not self._expanded:
            lines = text.split("\n")
            if len(lines) > SHOWN_LINES:
                text, was_cut = "\n".join(lines[:SHOWN_LINES]), True
            if len(text) > SHOWN_CHARS:
                text, was_cut = text[:SHOWN_CHARS], True
            if was_cut:
                text += "\n…"
        label = QLabel(text.rstrip("\n"))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        from .panes import monospace_font

        label.setFont(monospace_font())
        error = output.is_error or (output.kind is OutputKind.STREAM and output.name == "stderr")
        label.setObjectName("outputError" if error else "outputText")
        if output.kind is OutputKind.RESULT:
            label.setAccessibleName(self.tr("Value"))
        return label, was_cut
