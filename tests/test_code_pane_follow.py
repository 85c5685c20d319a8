"""The Executed code pane follows its end while new blocks arrive, unless the user scrolled up."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.panes import CodePane


def make_pane(qtbot: QtBot) -> CodePane:
    pane = CodePane()
    qtbot.addWidget(pane)
    pane.resize(400, 300)
    pane.show()
    qtbot.waitExposed(pane)
    pane.begin_turn(1, "q")
    return pane


def test_many_blocks_added_at_once_end_with_the_last_one_in_view(qtbot: QtBot) -> None:
    pane = make_pane(qtbot)
    bar = pane.verticalScrollBar()
    for i in range(40):
        pane.set_code(i, f"print({i})\n")  # as a flush does: several calls in one event-loop turn
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    for i in range(40, 45):
        pane.set_code(i, f"print({i})\n")
        QApplication.processEvents()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    assert pane.blocks[-1].visibleRegion().boundingRect().height() > 0  # the last block is shown


def test_a_pane_scrolled_up_stays_where_the_user_put_it(qtbot: QtBot) -> None:
    pane = make_pane(qtbot)
    bar = pane.verticalScrollBar()
    for i in range(40):
        pane.set_code(i, f"print({i})\n")
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    bar.setValue(0)
    for i in range(40, 45):
        pane.set_code(i, f"print({i})\n")
    QApplication.processEvents()
    QApplication.processEvents()
    assert bar.value() == 0
