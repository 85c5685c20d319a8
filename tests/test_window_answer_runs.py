"""Run locally on the answer's own Python blocks (issue #17), in the window: a Run button beside
the Copy button of each Python block (none on a shell block), the blocks up to it run in order in
the real runner, sharing state, their outputs under the answer, kept across a restart, found by
search, exported, and cleared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from desktop.keys import KEY_ENV
from desktop.model.conversation import Conversation
from desktop.model.turn import TurnStatus
from desktop.protocol.events import AnswerDelta, CodeCall, Finished
from desktop.ui.answer_pane import TurnCard
from desktop.ui.answer_runs import AnswerOutputs, outputs_of, refresh
from desktop.ui.main_window import MainWindow
from tests.support.fixtures import ServerHandle
from tests.test_window_run_locally import finish, press_run

KEY = "sk-window-answer-run-key-17"
POWER = "77269364466549865653073473388030061522211723"
ANSWER = ("Here is the computation.\n\n```bash\necho not python\n```\n\n```python\nbase = 123\nprint(base**21)\n```\n\n"
          "And a second block uses the first's variable:\n\n```py\nanswer = base // 3 + 1\nprint('zebra', answer)\n```\n")
PLOT = ("\n\n```python\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
        "plt.figure(figsize=(8, 4))\nplt.plot([1, 4, 9, 16])\nplt.show()\n```\n")


@pytest.fixture
def window(window_factory, server: ServerHandle) -> MainWindow:  # type: ignore[no-untyped-def]
    return window_factory(server.base("power_21"), environ={KEY_ENV: KEY})


def stored_answer(window: MainWindow, answer: str, title: str = "answer code") -> Conversation:
    conversation = Conversation(title=title)
    turn = conversation.start_turn("Show me the code for 123 to the power of 21")
    turn.mark_sent()
    turn.apply(CodeCall(0, "123**21"))
    turn.apply(AnswerDelta(answer))
    turn.apply(Finished("stop"))
    window.session.history.save_turn(conversation, turn)
    window.open_conversation(conversation.id)
    return conversation


def run_buttons(qtbot, card: TurnCard, count: int) -> dict[int, QToolButton]:  # type: ignore[no-untyped-def]
    """The card's Run buttons by block ordinal, once placed (after the answer is laid out)."""
    qtbot.waitUntil(lambda: sum(not b.isHidden() for b in card.block_copy.run_buttons.values()) == count)
    return {n: b for n, b in card.block_copy.run_buttons.items() if not b.isHidden()}


def area(card: TurnCard) -> AnswerOutputs:
    found = outputs_of(card)
    assert found is not None
    return found


def press(qtbot, window: MainWindow, button: QToolButton, confirm: bool = True,  # type: ignore[no-untyped-def]
          keyboard: bool = False) -> bool:
    """Press an answer block's Run (a click, or Space with the focus on it); confirm the box if
    it comes. Whether it came."""
    if keyboard:
        button.setFocus(Qt.FocusReason.TabFocusReason)
        assert button.hasFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    box = window.local_runs.confirm_box
    if box is None:
        return False
    assert "as you" in box.text()
    box.checkBox().setChecked(True)
    run = next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(run if confirm else box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    return True


def test_python_blocks_run_in_order_under_the_answer_and_survive_a_restart(  # type: ignore[no-untyped-def]
        window, qloop, qtbot, tmp_path: Path) -> None:
    conversation = stored_answer(window, ANSWER)
    [card] = window.answer_pane.cards
    buttons = run_buttons(qtbot, card, 2)
    assert sorted(buttons) == [1, 2]  # the bash block (0) has none
    assert [b.accessibleName() for b in buttons.values()] == ["Run code block 2 of answer 1",
                                                              "Run code block 3 of answer 1"]
    assert all(b.focusPolicy() == Qt.FocusPolicy.StrongFocus and b.isEnabled() for b in buttons.values())
    assert "share variables" in buttons[1].toolTip()
    # Beside its block's Copy button, on the same line.
    copy = card.block_copy.buttons[1]
    assert buttons[1].y() == copy.y() and buttons[1].geometry().right() < copy.x()
    assert not area(card).isVisibleTo(card)

    assert press(qtbot, window, buttons[2])
    finish(qloop, window)
    views = area(card).views()
    assert sorted(views) == [1, 2]  # block 2 ran first: block 3 saw its state
    assert POWER in views[1].text() and "zebra 42" in views[2].text()
    assert area(card).isVisibleTo(card)
    assert area(card).title(1).text() == "Output of code block 2"  # type: ignore[union-attr]
    assert area(card).title(2).text() == "Output of code block 3"  # type: ignore[union-attr]
    assert "Ran locally" in views[2].state.text()
    # The calls' outputs are not touched: the executed code's block shows nothing.
    [block] = window.code_pane.blocks
    assert not block.outputs.text()
    turn = window.session.conversation.turns[0]
    assert turn.outputs == {} and sorted(turn.answer_outputs) == [1, 2]
    assert buttons[1].isEnabled()  # and not "Stop" any more
    assert buttons[1].text() == "Run"

    # Found by search, as the calls' outputs are.
    assert [h.field for h in window.session.history.search("zebra 42")] == ["output"]

    # Kept: another connection to the history file (the next start) reads them, and reopening
    # the conversation shows them under the answer again.
    from desktop.store.history import History

    later = History(window.session.config.history_path)
    stored = later.load(conversation.id)
    later.close()
    assert stored is not None and stored.turns[0].answer_outputs == turn.answer_outputs
    window.new_conversation()
    assert not window.answer_pane.cards
    window.open_conversation(conversation.id)
    [card] = window.answer_pane.cards
    qtbot.waitUntil(lambda: area(card).isVisibleTo(card))
    views = area(card).views()
    assert POWER in views[1].text() and "zebra 42" in views[2].text()
    again = window

    # Exported with the turn: Markdown, HTML, notebook (valid).
    nbformat = pytest.importorskip("nbformat")
    from desktop.export import export_to

    loaded = again.session.history.load(conversation.id)
    assert loaded is not None
    for name in ("c.md", "c.html", "c.ipynb"):
        export_to(tmp_path / name, loaded)
    assert "#### Output of the answer's code block 3 (run locally)" in (tmp_path / "c.md").read_text(encoding="utf-8")
    assert f"{POWER}\n</pre>" in (tmp_path / "c.html").read_text(encoding="utf-8")
    notebook = json.loads((tmp_path / "c.ipynb").read_text(encoding="utf-8"))
    nbformat.validate(notebook)
    assert [c["metadata"]["dashchat"]["answer_block"] for c in notebook["cells"]
            if "answer_block" in c["metadata"].get("dashchat", {})] == [2, 3]

    # Clear outputs: off the screen and out of the history; the other block's stay.
    qtbot.waitUntil(views[2].clear_button.isVisible)
    qtbot.mouseClick(views[2].clear_button, Qt.MouseButton.LeftButton)
    assert sorted(area(card).views()) == [1]
    assert sorted(again.session.history.load_outputs(loaded.turns[0].id, origin="answer")) == [1]
    assert again.session.history.search("zebra 42") == []


def test_a_plot_in_an_answer_block_shows_as_an_image(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("matplotlib", reason="matplotlib is not installed in this Python (pip install matplotlib)")
    stored_answer(window, ANSWER + PLOT)
    [card] = window.answer_pane.cards
    buttons = run_buttons(qtbot, card, 3)
    assert press(qtbot, window, buttons[3], keyboard=True)
    finish(qloop, window)
    [image] = area(card).views()[3].images()
    qtbot.waitUntil(lambda: image.width() > 0 and not image.pixmap().isNull())
    assert image.pixmap().width() <= max(image.width(), 1) and image.accessibleName().startswith("Figure")


def test_stop_one_run_at_a_time_and_the_confirmation_shared_with_the_calls(  # type: ignore[no-untyped-def]
        window, qloop, qtbot) -> None:
    from tests.test_window_run_locally import until

    stored_answer(window, "Loop:\n\n```python\nprint('looping', flush=True)\nwhile True:\n    pass\n```\n")
    [card] = window.answer_pane.cards
    [button] = run_buttons(qtbot, card, 1).values()
    # Cancelled: nothing runs.
    assert press(qtbot, window, button, confirm=False)
    assert window.local_runs.task is None
    assert press(qtbot, window, button)
    view = area(card).views()[0]
    until(qloop, lambda: "looping" in view.text())
    # While it runs: the block's button reads Stop, the executed code's Run waits.
    qtbot.waitUntil(lambda: button.text() == "Stop")
    assert button.accessibleName() == "Stop code block 1 of answer 1"
    [block] = window.code_pane.blocks
    assert not block.run_button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    result = finish(qloop, window)
    assert result.cells[0].status.value == "stopped" and view.state.text() == "Stopped"
    qtbot.waitUntil(lambda: button.text() == "Run")
    assert block.run_button.isEnabled()
    # The same conversation does not ask again, for the calls either; while they run, the
    # answer's Run waits.
    assert not press_run(qtbot, window, block)
    card.block_copy.place()
    assert window.painter.answer_runs.busy and not button.isEnabled() and button.text() == "Run"
    finish(qloop, window)
    qtbot.waitUntil(button.isEnabled)
    assert POWER in block.outputs.text()


def test_no_run_while_the_turn_streams(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    stored_answer(window, ANSWER)
    [card] = window.answer_pane.cards
    buttons = run_buttons(qtbot, card, 2)
    card.turn.status = TurnStatus.STREAMING
    refresh(card)
    qtbot.waitUntil(lambda: not buttons[1].isEnabled())
    window.local_runs.request_answer(card, 1)  # even if asked
    assert window.local_runs.confirm_box is None and window.local_runs.task is None
    assert "Wait for the reply to finish" in window.status.state.text()
    card.turn.status = TurnStatus.COMPLETE
    refresh(card)
    qtbot.waitUntil(buttons[1].isEnabled)


def test_a_streamed_answer_gets_run_buttons_that_wait_for_its_end(  # type: ignore[no-untyped-def]
        window, server, qloop, qtbot) -> None:
    import asyncio

    from tests.test_differential import FrameSpec, StreamSpec, build_native

    built = build_native(StreamSpec(frames=(FrameSpec(answer="Run this:\n\n```python\nprint(6 * 7)\n```\n\n"),
                                            FrameSpec(answer="And that is all."))))
    second = built.data.index(b"id:2")
    server.queue_next(built.data, [second], pause=1.5)  # the first frame, then a pause mid-stream

    async def while_it_streams() -> QToolButton:
        # All in one run of the loop: the reply's task is stepped only while the loop runs.
        task = asyncio.ensure_future(window.submit("Show me code I can run"))
        while not (window.answer_pane.cards and window.answer_pane.cards[0].block_copy.run_buttons):
            assert not task.done(), "the reply ended before its Run button showed"
            await asyncio.sleep(0.02)
        [button] = window.answer_pane.cards[0].block_copy.run_buttons.values()
        assert window.answer_pane.cards[0].turn.status is TurnStatus.STREAMING and not button.isEnabled()
        await task
        return button

    button = qloop.run_until_complete(while_it_streams())
    [card] = window.answer_pane.cards
    qtbot.waitUntil(button.isEnabled)
    assert press(qtbot, window, button)
    finish(qloop, window)
    assert "42" in area(card).views()[0].text()


def test_a_theme_change_keeps_the_run_buttons_and_the_outputs(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    stored_answer(window, ANSWER)
    [card] = window.answer_pane.cards
    assert press(qtbot, window, run_buttons(qtbot, card, 2)[1])
    finish(qloop, window)
    old = card.answer
    card.apply_theme()  # the answer view is made again in the new colours
    assert card.answer is not old
    buttons = run_buttons(qtbot, card, 2)
    assert sorted(buttons) == [1, 2] and all(b.parent() is card.answer.viewport() for b in buttons.values())
    assert POWER in area(card).views()[1].text()
    assert not press(qtbot, window, buttons[2])  # confirmed once for this conversation
    finish(qloop, window)
    assert "zebra 42" in area(card).views()[2].text()


def test_a_block_inside_a_list_has_no_buttons_and_the_others_keep_their_numbers(  # type: ignore[no-untyped-def]
        window, qloop, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    stored_answer(window, "Steps:\n\n1. Set it up:\n\n   ```python\n   base = 120\n   ```\n\n"
                          "2. Then run:\n\n```python\nprint('total', base + 3)\n```\n")
    [card] = window.answer_pane.cards
    buttons = run_buttons(qtbot, card, 1)
    assert list(buttons) == [1]  # block 2; block 1 is drawn inside the list, without a box
    [copy] = card.block_copy.buttons
    assert copy.accessibleName() == "Copy code block 2"
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "print('total', base + 3)"
    assert buttons[1].accessibleName() == "Run code block 2 of answer 1"
    assert press(qtbot, window, buttons[1])
    finish(qloop, window)
    assert "total 123" in area(card).views()[1].text()  # the list's block ran first


def test_a_python_block_inside_a_list_item_runs_from_the_code_menu(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A fence in a list item is drawn with the list, without a box of its own, so without buttons:
    # the card's code menu lists it to copy and to run, as every Python block of the answer.
    nested = "Steps:\n\n1. Compute it:\n\n   ```python\n   print(123**21)\n   ```\n\n2. Then a shell:\n\n   ```bash\n   ls\n   ```\n"
    stored_answer(window, nested)
    [card] = window.answer_pane.cards
    qtbot.waitUntil(lambda: outputs_of(card) is not None and card.copy_code.isVisible())
    assert card.block_copy.run_buttons == {} and card.block_copy.buttons == []
    menu = card.copy_code.menu()
    menu.aboutToShow.emit()
    labels = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert labels == ["Block 1: print(123**21)", "Block 2: ls", "Run block 1: print(123**21)"]
    [run] = [action for action in menu.actions() if action.text().startswith("Run block 1")]
    assert run.isEnabled()
    run.trigger()
    box = window.local_runs.confirm_box
    assert box is not None
    accept = next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    finish(qloop, window)
    views = area(card).views()
    assert list(views) == [0] and POWER in views[0].text()
    assert area(card).title(0).text() == "Output of code block 1"  # type: ignore[union-attr]
    menu.aboutToShow.emit()
    assert "Run block 1: print(123**21)" in [action.text() for action in menu.actions()]
