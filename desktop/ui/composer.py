"""Under the question box (issue #18): the conversation's own model, system prompt and thinking
budget (`Composer`), which key sends (`SendKeys`), and the cost estimate for the status bar
(`CostLabel`). None of them knows the window: the composer takes and emits a
`ConversationOptions`, the window hands it to `ChatSession.set_options`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from ..model.conversation import Conversation, ConversationOptions
from ..model.pricing import Estimate, PriceTable, cost_of, format_amount, turn_cost
from ..model.turn import Turn
from ..protocol import DEFAULT_MODEL
from ..settings import Settings
from .status import ElidedLabel

if TYPE_CHECKING:
    from .system_prompt import SystemPromptDialog

# The thinking budget's range, as in Settings ▸ General; 0 in the composer = not this
# conversation's own (the Settings' budget, or the service's default without one).
BUDGET_MAX = 81920
BUDGET_STEP = 1024
PROMPT_PREVIEW = 300  # characters of the system prompt in the button's tooltip


def known_models(settings: Settings, prices: PriceTable | None = None) -> list[str]:
    """The models the picker lists: the active connection profile's first, then the other
    profiles', dashchat's default, and those the price table names; each once."""
    names = [settings.model, *(c.model for c in settings.connections), DEFAULT_MODEL,
             *(sorted(prices.prices) if prices is not None else ())]
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


class Composer(QWidget):
    """A compact row: model picker, "System prompt…", thinking budget.

    `set_options` shows a conversation's options (no signal); each change the user makes emits
    `options_changed` with the whole new `ConversationOptions`."""

    options_changed = Signal(object)  # ConversationOptions

    def __init__(self, models: Iterable[str] = (), default_model: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self._options = ConversationOptions()
        self.prompt_dialog: SystemPromptDialog | None = None

        self.model = QComboBox()
        self.model.setObjectName("composerModel")
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model.setMinimumContentsLength(16)
        self.model.setAccessibleName(self.tr("Model for this conversation"))
        self.model.setToolTip(self.tr("The model this conversation asks; empty: the connection profile's model"))
        line = self.model.lineEdit()
        assert line is not None  # editable
        line.editingFinished.connect(self._model_edited)
        self.model.activated.connect(lambda _index: self._model_edited())
        self.set_models(models, default_model)

        self.prompt_button = QToolButton()
        self.prompt_button.setObjectName("systemPromptButton")
        self.prompt_button.setText(self.tr("System prompt…"))
        self.prompt_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.prompt_button.clicked.connect(self.edit_prompt)
        self._prompt_bold = False  # its font is bold while the conversation has a system prompt

        self.budget = QSpinBox()
        self.budget.setObjectName("composerThinkingBudget")
        self.budget.setRange(0, BUDGET_MAX)
        self.budget.setSingleStep(BUDGET_STEP)
        self.budget.setSpecialValueText(self.tr("default"))
        self.budget.setSuffix(self.tr(" tokens"))
        self.budget.setKeyboardTracking(False)  # one change when typing ends, not one per digit
        self.budget.setAccessibleName(self.tr("Thinking budget for this conversation"))
        self.budget.setToolTip(self.tr("Most reasoning tokens per question; default: the budget in Settings, "
                                       "or the service's own"))
        self.budget.valueChanged.connect(self._budget_changed)
        budget_label = QLabel(self.tr("Thinking"))
        budget_label.setBuddy(self.budget)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.model)
        row.addWidget(self.prompt_button)
        row.addWidget(budget_label)
        row.addWidget(self.budget)
        row.addStretch(1)
        self._show(self._options)

    # -- what the window calls -------------------------------------------------------------

    def options(self) -> ConversationOptions:
        return self._options

    def set_options(self, options: ConversationOptions) -> None:
        """Show `options` (a conversation was opened or started); emits nothing."""
        self._options = options
        self._show(options)

    def set_models(self, models: Iterable[str], default_model: str = "") -> None:
        """The models offered in the list (any other may be typed), and the one the settings
        use, shown while the conversation has none of its own."""
        text = self.model.currentText()
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItems(list(dict.fromkeys(m.strip() for m in models if m.strip())))
        self.model.setEditText(text)
        self.model.blockSignals(False)
        line = self.model.lineEdit()
        if line is not None and default_model:
            placeholder = self.tr("{model} (default)").format(model=default_model)
            line.setPlaceholderText(placeholder)
            # Wide enough for the default's name, read while the conversation has none of its own.
            self.model.setMinimumContentsLength(max(16, min(len(placeholder) + 2, 32)))

    def edit_prompt(self) -> SystemPromptDialog:
        """Open the system prompt editor (window-modal); OK applies what it holds."""
        from .system_prompt import SystemPromptDialog

        dialog = SystemPromptDialog(self._options.system_prompt, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._change(system_prompt=dialog.prompt()))
        dialog.finished.connect(lambda _result: setattr(self, "prompt_dialog", None))
        self.prompt_dialog = dialog
        dialog.open()
        return dialog

    # -- internals --------------------------------------------------------------------------

    def _show(self, options: ConversationOptions) -> None:
        for widget in (self.model, self.budget):
            widget.blockSignals(True)
        self.model.setEditText(options.model or "")
        self.budget.setValue(options.thinking_budget or 0)
        for widget in (self.model, self.budget):
            widget.blockSignals(False)
        prompt = options.system_prompt
        if bool(prompt) != self._prompt_bold:
            # Only when it changes: the button starts in the font it inherits, so the window's
            # first frame sets none (QFont's type, ~7 M instructions to build, waits: startup.py).
            self._prompt_bold = bool(prompt)
            font = self.prompt_button.font()
            font.setBold(self._prompt_bold)
            self.prompt_button.setFont(font)
        self.prompt_button.setText(self.tr("System prompt ●") if prompt else self.tr("System prompt…"))
        if prompt:
            preview = prompt if len(prompt) <= PROMPT_PREVIEW else prompt[:PROMPT_PREVIEW - 1] + "…"
            self.prompt_button.setToolTip(preview)
            self.prompt_button.setAccessibleName(self.tr("System prompt (set)"))
        else:
            self.prompt_button.setToolTip(self.tr("Instructions sent before every question of this conversation"))
            self.prompt_button.setAccessibleName(self.tr("System prompt (none)"))

    def _model_edited(self) -> None:
        self._change(model=self.model.currentText().strip() or None)

    def _budget_changed(self, value: int) -> None:
        self._change(thinking_budget=value or None)

    def _change(self, **changes: Any) -> None:
        options = self._options.replaced(**changes)  # normalised again (an empty prompt is none)
        if options == self._options:
            self._show(options)
            return
        self._options = options
        self._show(options)
        self.options_changed.emit(options)


class SendKeys(QObject):
    """Which key sends, on any QPlainTextEdit (the question box), as an event filter:
    `enter_sends` False (the default): Ctrl+Enter (Cmd+Enter on macOS) sends, Enter starts a new
    line; True: Enter sends, Ctrl+Enter or Shift+Enter starts a new line. `send_requested` is
    emitted instead of the key being typed."""

    send_requested = Signal()

    def __init__(self, editor: QPlainTextEdit, enter_sends: bool = False) -> None:
        super().__init__(editor)
        self.editor = editor
        self.enter_sends = enter_sends
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is not self.editor or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if self.enter_sends:
            if control or shift:
                self.editor.textCursor().insertText("\n")
                self.editor.ensureCursorVisible()
                return True
            if modifiers == Qt.KeyboardModifier.NoModifier:
                self.send_requested.emit()
                return True
            return False
        if control:
            self.send_requested.emit()
            return True
        return False

    def hint(self) -> str:
        """What the question box's placeholder may say about sending."""
        if self.enter_sends:
            return self.tr("Enter sends · Ctrl+Enter for a new line")
        return self.tr("Ctrl+Enter sends")


class CostLabel(ElidedLabel):
    """The cost estimate for the status bar: this turn's and the conversation's, from the price
    table. Hidden while there is nothing to estimate (no price for the model, no usage). Cut
    with "…" as the bar's other fields when the window is narrow (status.py)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("costEstimate")
        self.setToolTip(self.tr("An estimate from the token counts the service reported and your price table"
                                "; the code interpreter itself is not billed, but each of its "
                                "rounds adds input tokens"))
        self.hide()

    def show_costs(self, table: PriceTable, turn: Turn | None, conversation: Conversation | None) -> None:
        text = self.text_for(table, turn, conversation)
        self.setText(text)
        self.setVisible(bool(text))

    def text_for(self, table: PriceTable, turn: Turn | None, conversation: Conversation | None) -> str:
        """What `show_costs` shows: "" when nothing can be estimated."""
        if not table.prices:
            return ""
        parts: list[str] = []
        this = turn_cost(turn, table) if turn is not None else None
        whole = cost_of(conversation, table) if conversation is not None else None
        if this is not None:
            parts.append(self.tr("turn {cost}").format(cost=money(this)))
        if whole is not None:
            parts.append(self.tr("conversation {cost}").format(cost=money(whole)))
        return self.tr("{costs} (estimate)").format(costs=" · ".join(parts)) if parts else ""


def money(estimate: Estimate) -> str:
    """"≈ 0.0107 CNY"; a "+" says some turns could not be counted (no price, or no usage)."""
    # No-break spaces: a wrapped footer keeps "≈ 0.0107 CNY" on one line.
    return f"≈\u00a0{format_amount(estimate.amount)}\u00a0{estimate.currency}{'' if estimate.complete else '+'}"


def __getattr__(name: str) -> object:
    # SystemPromptDialog lives in system_prompt.py, imported when first used (PEP 562).
    if name == "SystemPromptDialog":
        from .system_prompt import SystemPromptDialog

        return SystemPromptDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
