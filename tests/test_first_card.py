"""The first answer's card is rehearsed while the window is idle (desktop/ui/first_card.py): one
card and one Executed code block built off screen and thrown away. Nothing of them may show: no
extra window, no card in the Answer pane, no block in the Executed code pane, and the first real
answer is shown as if they had never been."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.keys import KEY_ENV
from desktop.ui.answer_pane import TurnCard
from desktop.ui.code_pane import CodeBlock
from desktop.ui.startup import WARM_UP_DELAY_MS
from tests.support.fixtures import ServerHandle
from tests.support.windows import WindowFactory
from tests.wire import POWER_21_ANSWER

KEY = "sk-test-first-card-0123456789"


def test_the_rehearsed_card_leaves_nothing_behind(qtbot, qloop, window_factory: WindowFactory,  # type: ignore[no-untyped-def]
                                                  server: ServerHandle) -> None:
    import desktop.ui.first_card as first_card

    rehearsed: list[TurnCard] = []
    original = TurnCard.__init__

    def noting(self: TurnCard, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        rehearsed.append(self)

    TurnCard.__init__ = noting  # type: ignore[method-assign]
    try:
        window = window_factory(server.base("power_21"), environ={KEY_ENV: KEY})
        qtbot.waitUntil(lambda: bool(rehearsed), timeout=WARM_UP_DELAY_MS + 5000)
    finally:
        TurnCard.__init__ = original  # type: ignore[method-assign]
    assert first_card.SAMPLE in rehearsed[0].answer.markdown()
    qtbot.waitUntil(lambda: not any(isinstance(w, TurnCard | CodeBlock) for w in QApplication.topLevelWidgets()),
                    timeout=5000)
    assert window.answer_pane.cards == [] and window.code_pane.blocks == []
    window.input.setPlainText("What is 123 to the power of 21?")
    window.send_from_input()
    qloop.run_until_complete(window._task)  # noqa: SLF001
    [card] = window.answer_pane.cards
    assert card.answer.markdown() == POWER_21_ANSWER and card.number == 1
    turn = window.session.conversation.turns[-1]
    assert turn.code and [block.code for block in window.code_pane.blocks] == list(turn.code)
