"""The Answer pane: the conversation, one card per turn (question, Markdown answer, outcome)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..model.turn import Turn, TurnStatus
from .code_copy import CodeCopyButtons
from .first_card import schedule_warm_up
from .panes import at_bottom, confirm_copy
from .question_text import QuestionText, SentTime
from .style import scaled_font

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

    from .markdown_view import MarkdownView

# A turn opened from a search hit is highlighted this long.
FLASH_MS = 2500

class TurnCard(QFrame):
    # Branches (issue #18): what the user asked of this turn; the window does it.
    regenerate_requested = Signal(object)  # this card
    edit_sent = Signal(object, str)  # this card, the edited question
    version_requested = Signal(object, int)  # this card, the version index to show

    def __init__(self, number: int, turn: Turn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .branch_pager import BranchPager, QuestionEditor
        from .footer_layout import FooterLayout

        self.setObjectName("turnCard")
        self.turn = turn
        self.number = number
        you = QLabel(self.tr("{number}. You").format(number=number))
        you.setObjectName("roleLabel")
        you.setFont(scaled_font(you, 0.9))
        self.edit_button = QToolButton()
        self.edit_button.setObjectName("editQuestion")
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setAccessibleName(self.tr("Edit question {number}").format(number=number))
        self.edit_button.setToolTip(self.tr("Edit this question and ask it again as a new version of this turn"))
        self.edit_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.edit_button.clicked.connect(self.start_edit)
        self.editor = QuestionEditor()
        self.editor.hide()
        self.editor.sent.connect(lambda text: self.edit_sent.emit(self, text))
        self.editor.cancelled.connect(self.cancel_edit)
        self.pager = BranchPager()
        self.pager.paged.connect(lambda index: self.version_requested.emit(self, index))
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.regenerate_button.setObjectName("regenerate")
        self.regenerate_button.setAccessibleName(self.tr("Regenerate answer {number}").format(number=number))
        self.regenerate_button.setToolTip(self.tr("Ask the same question again as a new version of this turn; "
                                                  "this answer stays, with what followed it"))
        self.regenerate_button.clicked.connect(lambda: self.regenerate_requested.emit(self))
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(you, 1)
        self.sent = SentTime(turn.sent_at)
        head.addWidget(self.sent, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        # A long question (a pasted log) shows its start and a Show all: laying out megabytes
        # in a label would keep the window waiting for minutes.
        self.question = QuestionText(turn.user)
        # Which model answered, and through which connection profile when there are several.
        model = QLabel(" · ".join(part for part in (turn.model or "Qwen", turn.connection) if part))
        model.setObjectName("roleLabel")
        model.setFont(scaled_font(model, 0.9))
        self.answer = self._make_view()
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setFont(scaled_font(self.outcome, 0.9))
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy answer"))
        self.copy_button.setObjectName("copyAnswer")
        self.copy_button.setToolTip(self.tr("Copy this answer as Markdown"))
        self.copy_button.clicked.connect(self.copy_answer)
        self.copy_button.setEnabled(False)
        self.copy_code = QToolButton()
        self.copy_code.setObjectName("copyCode")
        self.copy_code.setText(self.tr("Copy code"))
        self.copy_code.setToolTip(self.tr("Copy a code block of this answer, without its fences, or run one"))
        self.copy_code.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.copy_code.setMenu(QMenu(self.copy_code))
        self.copy_code.menu().aboutToShow.connect(self._fill_code_menu)
        self.copy_code.hide()
        footer = FooterLayout()  # the outcome, then the buttons: on one line where they fit
        for part in (self.outcome, self.pager, self.regenerate_button, self.copy_code, self.copy_button):
            footer.addWidget(part)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.question)
        layout.addWidget(self.editor)
        layout.addSpacing(6)
        layout.addWidget(model)
        layout.addWidget(self.answer)
        layout.addLayout(footer)
        self.show_outcome()

    # -- branches --------------------------------------------------------------------------

    def set_versions(self, index: int, count: int) -> None:
        """This turn is version `index` (0 = the oldest) of `count`."""
        self.pager.set_versions(index, count)
        self.set_busy(self._busy)

    _busy = False
    cost_of: Callable[[Turn], str] | None = None  # the turn's estimated cost, "" without a price

    def set_busy(self, busy: bool) -> None:
        """While a reply streams, nothing may branch: Regenerate, Edit and the pager wait."""
        self._busy = busy
        self.regenerate_button.setEnabled(not busy)
        self.edit_button.setEnabled(not busy)
        self.editor.send_button.setEnabled(not busy)
        self.pager.set_enabled(not busy)

    def start_edit(self) -> None:
        self.question.hide()
        self.edit_button.hide()
        self.editor.start(self.turn.user)

    def cancel_edit(self) -> None:
        self.editor.hide()
        self.question.show()
        self.edit_button.show()
        self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _make_view(self) -> MarkdownView:
        from .markdown_view import FittedMarkdownView

        view = FittedMarkdownView()
        view.setObjectName("answerView")
        view.linkActivated.connect(_open_link)
        self.block_copy = CodeCopyButtons(view)
        return view

    def apply_theme(self) -> None:
        """Code highlighting follows the theme: an answer holding code is rendered again in the
        new colours (text without code takes the palette's colours by itself)."""
        old = self.answer
        if not old.code_blocks():
            return
        new = self._make_view()
        if self.turn.status is TurnStatus.STREAMING:
            new.append(old.markdown())
        else:
            new.set_markdown(old.markdown())
        layout = self.layout()
        assert layout is not None  # the card's own, set in __init__
        layout.replaceWidget(old, new)
        new.setVisible(old.isVisibleTo(self))
        old.hide()
        old.deleteLater()
        self.answer = new

    def append_answer(self, text: str) -> None:
        self.answer.append(text)
        self.copy_button.setEnabled(True)

    def finish(self) -> None:
        self.answer.finish()
        self.show_outcome()

    def load(self, progressive: bool = False) -> None:
        """Show a stored turn. `progressive`: an answer too long to render before the next frame
        is rendered as a streamed one is, a budgeted step at a time in the following turns of the
        event loop (its whole text is the view's at once: copy, code blocks, export)."""
        if not progressive:
            self.answer.set_markdown(self.turn.answer)
            self.show_outcome()
            return
        view = self.answer
        view.clear()
        view.append(self.turn.answer)
        view.finish()
        from PySide6.QtGui import QTextCursor  # not before the first frame: PySide6 builds its type (~3 M instructions)

        view.setTextCursor(QTextCursor(view.document()))  # a stored answer is read from the top
        self.show_outcome()
        if not view.is_caught_up():
            self.outcome.setText(self.tr("Opening the answer…"))
            view.caught_up.connect(self.show_outcome, Qt.ConnectionType.SingleShotConnection)

    def show_outcome(self) -> None:
        turn = self.turn
        self.copy_button.setEnabled(bool(turn.answer_length))
        self.copy_code.setVisible(bool(self.answer.code_blocks()))
        state = {
            TurnStatus.STREAMING: self.tr("Streaming…"),
            TurnStatus.COMPLETE: self.tr("Complete (cut at max tokens)") if turn.finish_reason == "length"
            else self.tr("Complete"),
            TurnStatus.INTERRUPTED: self.tr("Interrupted: what arrived is kept"),
            TurnStatus.ERROR: self.tr("Failed"),
        }[turn.status]
        if turn.status is TurnStatus.ERROR and turn.error is not None:
            state += f": {turn.error}"
        cost = self.cost_of(turn) if self.cost_of is not None and turn.status is not TurnStatus.STREAMING else ""
        self.outcome.setText(f"{state} · {cost}" if cost else state)
        self.outcome.setProperty("state", turn.status.value)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        if turn.status is not TurnStatus.STREAMING and not turn.answer_length:
            self.answer.setVisible(False)

    def show_phase(self, text: str) -> None:
        """While streaming: what the service is doing now."""
        if self.turn.status is TurnStatus.STREAMING:
            self.outcome.setText(text)

    def _fill_code_menu(self) -> None:
        self.block_copy.fill_menu(self.copy_code.menu(), self._copy_code)

    def _copy_code(self, code: str) -> None:
        QGuiApplication.clipboard().setText(code)
        confirm_copy(self.copy_code)

    def copy_answer(self) -> None:
        QGuiApplication.clipboard().setText(self.turn.answer)
        confirm_copy(self.copy_button)


def _open_link(url: QUrl) -> None:
    # Only on click, and only http(s): a model cannot make the app open files or run handlers.
    if url.scheme() in ("http", "https"):
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(url)


class AnswerPane(QScrollArea):
    copied = Signal(str)
    # Branches, by the turn's position on the path shown (its number - 1).
    regenerate_requested = Signal(int)
    edit_sent = Signal(int, str)  # position, the edited question
    version_requested = Signal(int, int)  # position, the version index to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerPane")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setObjectName("answerPaneInner")
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.setSpacing(10)
        self._hint = QLabel(self.tr("Ask a question below. Qwen thinks, runs Python in its sandbox, and answers here."))
        self._hint.setObjectName("paneHint")
        self._hint.setWordWrap(True)
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self._hint)
        self.earlier = QPushButton()
        self.earlier.setObjectName("showEarlier")
        self.earlier.hide()
        self._layout.addWidget(self.earlier, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addStretch(1)
        self.setWidget(inner)
        self.cards: list[TurnCard] = []
        self.cost_of: Callable[[Turn], str] | None = None  # for the cards' footers (the window's prices)
        self._follow = True
        self._warm_up_scheduled = False
        self._watching_scroll = False  # from the first card: not QScrollBar's type before the first frame

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._warm_up_scheduled:
            self._warm_up_scheduled = True
            schedule_warm_up(self)

    def _value_changed(self, _value: int) -> None:
        self._follow = at_bottom(self.verticalScrollBar())

    def _range_changed(self, _min: int, maximum: int) -> None:
        # Follow the bottom only if the user was already there.
        if self._follow:
            self.verticalScrollBar().setValue(maximum)

    def _remove(self, card: TurnCard) -> None:
        # Out of the layout at once: cards are inserted by position, before deleteLater runs.
        self._layout.removeWidget(card)
        card.hide()
        card.deleteLater()

    def clear(self) -> None:
        for card in self.cards:
            self._remove(card)
        self.cards = []
        self._hint.show()
        self.earlier.hide()

    def add_turn(self, turn: Turn, number: int | None = None, follow: bool = True) -> TurnCard:
        """A card for `turn`, in its place among the cards by number (a conversation being
        opened builds its first screen first, the earlier cards after). `follow`: keep to the
        pane's end, as for a new turn."""
        self._hint.hide()
        if not self._watching_scroll:
            self._watching_scroll = True
            self.verticalScrollBar().rangeChanged.connect(self._range_changed)
            self.verticalScrollBar().valueChanged.connect(self._value_changed)
        card = TurnCard(number if number is not None else len(self.cards) + 1, turn)
        card.cost_of = self.cost_of
        card.regenerate_requested.connect(lambda c: self.regenerate_requested.emit(c.number - 1))
        card.edit_sent.connect(lambda c, text: self.edit_sent.emit(c.number - 1, text))
        card.version_requested.connect(lambda c, index: self.version_requested.emit(c.number - 1, index))
        card.set_busy(self._busy)
        index = sum(1 for c in self.cards if c.number < card.number)
        self.cards.insert(index, card)
        # After the hint and the Show earlier button: the layout holds only live cards.
        self._layout.insertWidget(self._layout.indexOf(self.earlier) + 1 + index, card)
        if follow:
            self._follow = True
        return card

    def drop_from(self, number: int) -> None:
        """Remove turn `number` and every later one (a retry takes the failed turn's place)."""
        for card in [c for c in self.cards if c.number >= number]:
            self.cards.remove(card)
            self._remove(card)
        self._hint.setVisible(not self.cards and not self.earlier.isVisible())

    def apply_theme(self) -> None:
        for card in self.cards:
            card.apply_theme()

    _busy = False

    def set_busy(self, busy: bool) -> None:
        """A reply streams (or no longer): the cards' branch controls wait for it."""
        self._busy = busy
        for card in self.cards:
            card.set_busy(busy)

    def set_hidden_earlier(self, count: int) -> None:
        """Long conversations show their latest turns; the rest wait behind a button."""
        self.earlier.setText(self.tr("Show earlier turns ({count})").format(count=count))
        self.earlier.setVisible(count > 0)

    def scroll_to_turn(self, number: int) -> None:
        card = next((c for c in self.cards if c.number == number), None)
        if card is None:
            return
        self._follow = False
        for other in self.cards:
            other.setProperty("focused", other is card)
            other.setProperty("flash", other is card)
            other.style().unpolish(other)
            other.style().polish(other)
        # After layout: the card's position is known only once the pane has laid it out, and a
        # freshly opened conversation lays its cards out over more than one pass.
        for delay in (0, 60, 200):
            QTimer.singleShot(delay, card, lambda: self._reveal(card))
        QTimer.singleShot(FLASH_MS, card, lambda: self._unflash(card))

    def reveal_turn(self, number: int) -> None:
        """Bring turn `number`'s card to the top again (cards were built above it), after layout."""
        card = next((c for c in self.cards if c.number == number), None)
        if card is not None:
            for delay in (0, 60):
                QTimer.singleShot(delay, card, lambda: self._reveal(card))

    def _reveal(self, card: TurnCard) -> None:
        self._follow = False
        bar = self.verticalScrollBar()
        inner = self.widget()
        if inner is None:
            return
        top = card.mapTo(inner, card.rect().topLeft()).y()
        # The card's start near the top of the pane, or as much of it as fits.
        bar.setValue(min(bar.maximum(), max(0, top - 12)))

    @staticmethod
    def _unflash(card: TurnCard) -> None:
        card.setProperty("flash", False)
        card.style().unpolish(card)
        card.style().polish(card)
