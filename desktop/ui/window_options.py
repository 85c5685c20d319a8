"""The window's per-conversation options and looks (issue #18): the composer under the question
box (model, system prompt, thinking budget) following the conversation shown, which key sends,
the cost estimates (status bar and turn cards) and the price table, font zoom, and showing or
hiding the Thinking and Executed code panes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QSplitter

from ..model.conversation import ConversationOptions
from ..model.pricing import PriceTable, turn_cost
from ..settings import FONT_ZOOM_LIMIT, Settings
from .composer import Composer, CostLabel, known_models, money
from .question_box import proportional
from .window_base import WindowBase

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

    from ..model.turn import Turn


class OptionsMixin(WindowBase):
    prices: PriceTable
    font_zoom: int
    cost: CostLabel

    def _build_options(self, settings: Settings) -> Composer:
        """The composer (for under the question box), the send keys and the price table."""
        self.prices = self.settings_store.load_prices()
        self.composer = Composer(known_models(settings, self.prices), default_model=settings.model)
        self.composer.options_changed.connect(self._options_changed)
        self.composer.set_options(self.session.conversation.options)
        self.input.set_enter_sends(settings.enter_sends)
        self.answer_pane.cost_of = self._turn_cost_text
        self.font_zoom = 0  # set_font_zoom applies the saved one once the painter exists
        return self.composer

    # -- the conversation's options ---------------------------------------------------------

    def show_options(self) -> None:
        """The composer shows the conversation now current (new, opened, continued, paged)."""
        self.composer.set_options(self.session.conversation.options)
        self.refresh_cost()

    def _options_changed(self, options: ConversationOptions) -> None:
        if not self.session.set_options(options):
            self.show_notice(self.tr("This conversation's model, system prompt and thinking budget could not be "
                                     "saved to the history: they apply until dashchat closes."))

    def _settings_changed(self, settings: Settings) -> None:
        """Settings were saved: the models offered and the key that sends follow them."""
        self.composer.set_models(known_models(settings, self.prices), settings.model)
        self.input.set_enter_sends(settings.enter_sends)

    # -- cost ---------------------------------------------------------------------------------

    def _turn_cost_text(self, turn: Turn) -> str:
        estimate = turn_cost(turn, self.prices)
        return money(estimate) if estimate is not None else ""

    def refresh_cost(self, turn: Turn | None = None) -> None:
        """The status bar's estimate: `turn`'s (else the last on the path) and the conversation's."""
        conversation = self.session.conversation
        if turn is None:
            turn = conversation.turns[-1] if conversation.turns else None
        self.status.show_cost(self.cost.text_for(self.prices, turn, conversation))

    def open_prices(self) -> None:
        from .prices_dialog import PricesDialog  # on use (startup.py)

        settings = self.settings_store.load()
        self.prices_dialog = PricesDialog(self.prices, known_models(settings), self)
        self.prices_dialog.saved.connect(self._prices_saved)
        self.prices_dialog.open()

    def _prices_saved(self, table: PriceTable) -> None:
        self.prices = table
        try:
            self.settings_store.save_prices(table)
        except OSError as exc:
            self.show_notice(self.tr("The prices could not be saved: {reason}").format(reason=str(exc)))
        self.composer.set_models(known_models(self.settings_store.load(), table), self.session.config.options.model)
        for card in self.answer_pane.cards:
            card.show_outcome()
        self.refresh_cost()

    # -- font zoom ----------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self.set_font_zoom(self.font_zoom + 1)

    def zoom_out(self) -> None:
        self.set_font_zoom(self.font_zoom - 1)

    def zoom_reset(self) -> None:
        self.set_font_zoom(0)

    def set_font_zoom(self, steps: int, save: bool = True) -> None:
        """The answer, thinking and code panes and the question box, `steps` points bigger (or
        smaller) than the system font, within ±FONT_ZOOM_LIMIT; saved in settings.ini."""
        steps = max(-FONT_ZOOM_LIMIT, min(FONT_ZOOM_LIMIT, steps))
        if steps == 0 == self.font_zoom:
            # Not zoomed and not to be: nothing has a font of its own to set back (the window at
            # start-up, a theme switch). QFont's type is not built before the first frame for it.
            return
        changed = steps != self.font_zoom
        self.font_zoom = steps
        self.painter.font_zoom = steps
        self.painter.card_font = _zoomed(steps)
        for widget in (self.thinking_pane, self.input):
            widget.setFont(self.painter.card_font)
        for card in self.answer_pane.cards:
            self.painter.zoom_card(card)
        self.painter.zoom_code()
        if save and changed:
            try:
                self.settings_store.save(self.settings_store.load().replaced(font_zoom=steps))
            except OSError:
                pass  # a read-only profile: the zoom holds until dashchat closes
        if changed:
            self.status.show_message(self.tr("Zoom: {steps:+d}").format(steps=steps) if steps
                                     else self.tr("Zoom: actual size"))

    # -- the side panes -----------------------------------------------------------------------

    def show_side_pane(self, which: str, shown: bool) -> None:
        """Show or hide the Thinking ("thinking") or Executed code ("code") pane; with both
        hidden the answer takes their room."""
        box = self.thinking_box if which == "thinking" else self.code_box
        action = self.show_thinking_action if which == "thinking" else self.show_code_action
        box.setVisible(shown)
        if action.isChecked() != shown:
            action.setChecked(shown)
        side, panes = self.side_splitter, self.panes_splitter
        sizes = panes.sizes()
        side.setVisible(self.thinking_box.isVisibleTo(side) or self.code_box.isVisibleTo(side))
        if side.isHidden() and sizes[2] > 0:  # its room goes to the answer, not to the list as well
            sizes = [sizes[0], sizes[1] + sizes[2], 0]
            panes.setSizes(sizes)
            proportional(panes, sizes)
        if shown:  # back from hidden (maybe since the last run): room of its own again
            _give_room(panes, panes.indexOf(side), 0.35)
            _give_room(side, side.indexOf(box), 0.45)


def _give_room(splitter: QSplitter, index: int, share: float) -> None:
    """The pane at `index` had no width (or height): `share` of the splitter's, taken from the
    others in proportion."""
    sizes = splitter.sizes()
    if sizes[index] > 0:
        return
    total = sum(sizes)
    if total <= 0:
        return
    wanted = int(total * share)
    others = total - sizes[index]
    sizes = [wanted if i == index else max(1, n - wanted * n // max(1, others)) for i, n in enumerate(sizes)]
    splitter.setSizes(sizes)
    proportional(splitter, sizes)


def _zoomed(steps: int) -> QFont:
    """The application's font `steps` points bigger; for 0 a font that, set, gives a widget
    back the font it inherits."""
    from PySide6.QtGui import QFont

    if not steps:
        return QFont()
    font = QFont(QApplication.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(4.0, size + steps))
    return font
