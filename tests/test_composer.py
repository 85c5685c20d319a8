"""The options row under the question box, the send keys, the cost label and the prices dialog,
each alone (pytest-qt, offscreen); and the composer's choices reaching the request a real session
sends to the loopback server."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit

from desktop.config import Config
from desktop.model.conversation import Conversation, ConversationOptions
from desktop.model.pricing import Price, PriceTable
from desktop.model.turn import Turn
from desktop.protocol.events import Event, Finished, Usage, UsageUpdate
from desktop.session import ChatSession
from desktop.store.history import History
from desktop.ui.composer import Composer, CostLabel, SendKeys, SystemPromptDialog
from desktop.ui.prices_dialog import PricesDialog
from tests.support.fixtures import ServerHandle

KEY = "sk-test-composer-0123456789"


def _composer(qtbot, models=("qwen3-max-preview", "qwen-other")) -> Composer:  # type: ignore[no-untyped-def]
    composer = Composer(models, default_model="qwen3-max-preview")
    qtbot.addWidget(composer)
    composer.show()
    return composer


def _type_model(qtbot, composer: Composer, name: str) -> None:  # type: ignore[no-untyped-def]
    line = composer.model.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, name)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _set_prompt(qtbot, composer: Composer, text: str) -> SystemPromptDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(composer.prompt_button, Qt.MouseButton.LeftButton)
    dialog = composer.prompt_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.editor.selectAll()
    qtbot.keyClicks(dialog.editor, text)
    return dialog


def test_typing_a_model_emits_the_options(qtbot) -> None:  # type: ignore[no-untyped-def]
    composer = _composer(qtbot)
    assert [composer.model.itemText(i) for i in range(composer.model.count())] == ["qwen3-max-preview", "qwen-other"]
    assert composer.model.lineEdit().placeholderText() == "qwen3-max-preview (default)"  # type: ignore[union-attr]
    with qtbot.waitSignal(composer.options_changed) as emitted:
        _type_model(qtbot, composer, "qwen-typed")
    assert emitted.args == [ConversationOptions(model="qwen-typed")]
    # Picking one from the list does too; clearing the field goes back to the settings' model.
    with qtbot.waitSignal(composer.options_changed) as emitted:
        composer.model.setCurrentIndex(1)
        composer.model.activated.emit(1)  # what a pick from the list sends
    assert emitted.args == [ConversationOptions(model="qwen-other")]
    line = composer.model.lineEdit()
    assert line is not None
    with qtbot.waitSignal(composer.options_changed) as emitted:
        line.clear()
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert composer.options().model is None


def test_system_prompt_dialog_sets_marks_and_clears(qtbot) -> None:  # type: ignore[no-untyped-def]
    composer = _composer(qtbot)
    assert not composer.prompt_button.font().bold()
    assert composer.prompt_button.text() == "System prompt…"
    dialog = _set_prompt(qtbot, composer, "Answer in French.")
    with qtbot.waitSignal(composer.options_changed) as emitted:
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert emitted.args == [ConversationOptions(system_prompt="Answer in French.")]
    assert composer.prompt_button.font().bold() and "●" in composer.prompt_button.text()
    assert composer.prompt_button.toolTip() == "Answer in French."

    # Cancel keeps it; Clear then OK removes it.
    dialog = _set_prompt(qtbot, composer, "something else")
    with qtbot.assertNotEmitted(composer.options_changed):
        dialog.reject()
    assert composer.options().system_prompt == "Answer in French."
    qtbot.mouseClick(composer.prompt_button, Qt.MouseButton.LeftButton)
    dialog = composer.prompt_dialog
    assert dialog is not None and dialog.prompt() == "Answer in French."
    dialog.clear_button.click()
    with qtbot.waitSignal(composer.options_changed) as emitted:
        dialog.accept()
    assert emitted.args == [ConversationOptions()]
    assert not composer.prompt_button.font().bold() and composer.prompt_button.text() == "System prompt…"


def test_thinking_budget_zero_is_the_default(qtbot) -> None:  # type: ignore[no-untyped-def]
    composer = _composer(qtbot)
    assert composer.budget.text() == "default"
    with qtbot.waitSignal(composer.options_changed) as emitted:
        qtbot.keyClick(composer.budget, Qt.Key.Key_Up)
    assert emitted.args == [ConversationOptions(thinking_budget=1024)]
    with qtbot.waitSignal(composer.options_changed) as emitted:
        qtbot.keyClick(composer.budget, Qt.Key.Key_Down)
    assert emitted.args == [ConversationOptions()]


def test_set_options_shows_them_without_emitting(qtbot) -> None:  # type: ignore[no-untyped-def]
    composer = _composer(qtbot)
    options = ConversationOptions(model="qwen-other", system_prompt="Be brief.", thinking_budget=4096)
    with qtbot.assertNotEmitted(composer.options_changed):
        composer.set_options(options)
    assert composer.model.currentText() == "qwen-other"
    assert composer.budget.value() == 4096
    assert composer.prompt_button.font().bold()
    assert composer.options() == options
    with qtbot.assertNotEmitted(composer.options_changed):
        composer.set_options(ConversationOptions())
    assert composer.model.currentText() == "" and composer.budget.text() == "default"


def test_composer_choices_reach_the_request(qtbot, server: ServerHandle, profile: Path) -> None:  # type: ignore[no-untyped-def]
    config = Config(profile=profile, base_url=server.base("power_21"))
    session = ChatSession(config, History(config.history_path),
                          environ={"DASHSCOPE_API_KEY": KEY, "DASHCHAT_KEY_HOSTS": "127.0.0.1"})
    composer = _composer(qtbot)
    composer.options_changed.connect(session.set_options)  # what the window wires
    _type_model(qtbot, composer, "qwen-picked")
    _set_prompt(qtbot, composer, "Reply in one line.").accept()
    composer.budget.setValue(2048)
    assert session.conversation.options == ConversationOptions("qwen-picked", "Reply in one line.", 2048)

    class Quiet:
        def turn_started(self, turn: Turn) -> None: ...
        def turn_event(self, turn: Turn, event: Event) -> None: ...
        def turn_finished(self, turn: Turn) -> None: ...

    async def send() -> None:
        await session.send("What is 123 to the power of 21?", Quiet())
        await session.aclose()

    server.clear()
    asyncio.run(send())
    [request] = server.requests()
    assert request["body"]["model"] == "qwen-picked"
    assert request["body"]["parameters"]["thinking_budget"] == 2048
    assert request["body"]["input"]["messages"][0] == {"role": "system", "content": "Reply in one line."}
    session.history.close()


def _editor(qtbot, enter_sends: bool) -> tuple[QPlainTextEdit, SendKeys, list[str]]:  # type: ignore[no-untyped-def]
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.show()
    keys = SendKeys(editor, enter_sends)
    sent: list[str] = []
    keys.send_requested.connect(lambda: sent.append(editor.toPlainText()))
    qtbot.keyClicks(editor, "line one")
    return editor, keys, sent


def test_ctrl_enter_sends_by_default_and_enter_is_a_new_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor, keys, sent = _editor(qtbot, enter_sends=False)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "line two")
    assert sent == [] and editor.toPlainText() == "line one\nline two"
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent == ["line one\nline two"]
    assert keys.hint() == "Ctrl+Enter sends"


def test_enter_sends_when_chosen_and_ctrl_or_shift_enter_is_a_new_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor, keys, sent = _editor(qtbot, enter_sends=True)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "two")
    qtbot.keyClick(editor, Qt.Key.Key_Enter, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClicks(editor, "three")
    assert sent == [] and editor.toPlainText() == "line one\ntwo\nthree"
    qtbot.keyClick(editor, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the keypad's Enter too
    assert sent == ["line one\ntwo\nthree"]
    assert editor.toPlainText() == "line one\ntwo\nthree"  # no newline typed by the send
    keys.enter_sends = False  # Settings changed: the same box follows at once
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText().endswith("\n") and len(sent) == 1


def _priced_turn(model: str) -> Turn:
    turn = Turn(user="q", model=model)
    turn.apply(UsageUpdate(Usage(input_tokens=734, output_tokens=263, reasoning_tokens=171, total_tokens=997)))
    turn.apply(Finished("stop"))
    return turn


def test_cost_label_shows_an_estimate_only_with_a_price(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = CostLabel()
    qtbot.addWidget(label)
    label.show()
    conversation = Conversation()
    conversation.turns = [_priced_turn("qwen-a"), _priced_turn("qwen-a")]
    label.show_costs(PriceTable(), conversation.turns[-1], conversation)
    assert label.isHidden()
    table = PriceTable({"qwen-a": Price(6.0, 24.0)}, currency="CNY")
    label.show_costs(table, conversation.turns[-1], conversation)
    assert label.isVisible()
    assert label.text() == "turn ≈\u00a00.01072\u00a0CNY · conversation ≈\u00a00.02143\u00a0CNY (estimate)"
    conversation.turns.append(_priced_turn("unpriced-model"))
    label.show_costs(table, conversation.turns[-1], conversation)
    assert label.text() == "conversation ≈\u00a00.02143\u00a0CNY+ (estimate)"  # not every turn could be counted


def test_prices_dialog_edits_and_saves_the_table(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = PriceTable({"qwen-a": Price(6.0, 24.0)}, currency="CNY")
    dialog = PricesDialog(table, models=["qwen3-max-preview", "qwen-a"])
    qtbot.addWidget(dialog)
    dialog.show()
    grid = dialog.grid
    assert [grid.item(r, 0).text() for r in range(grid.rowCount())] == ["qwen-a", "qwen3-max-preview"]
    assert (grid.item(0, 1).text(), grid.item(0, 2).text()) == ("6", "24")
    assert (grid.item(1, 1).text(), grid.item(1, 2).text()) == ("", "")  # offered, not priced
    grid.item(1, 1).setText("1,5")
    grid.item(1, 2).setText("6")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    grid.item(2, 0).setText("local-llm")
    grid.item(2, 1).setText("0")
    grid.item(2, 2).setText("0")
    dialog.currency.setText("USD")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.saved) as emitted:
        save.click()
    assert emitted.args == [PriceTable({"qwen-a": Price(6.0, 24.0), "qwen3-max-preview": Price(1.5, 6.0),
                                        "local-llm": Price(0.0, 0.0)}, currency="USD")]
    assert not dialog.isVisible()


def test_prices_dialog_refuses_a_bad_price_and_cancel_changes_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PricesDialog(PriceTable({"qwen-a": Price(6.0, 24.0)}))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grid.item(0, 2).setText("-3")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.assertNotEmitted(dialog.saved):
        save.click()
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "qwen-a" in dialog.problem.text()
    assert dialog.grid.currentColumn() == 2  # the bad cell is the current one
    dialog.grid.setCurrentCell(0, 0)
    dialog.remove_selected()
    assert dialog.grid.rowCount() == 0
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible()
    QApplication.processEvents()


def test_known_models_come_from_the_profiles_the_default_and_the_prices() -> None:
    from desktop.config import Connection
    from desktop.settings import Settings
    from desktop.ui.composer import known_models

    settings = Settings(connections=(Connection(), Connection(id="local", name="Local", model="qwen2.5-coder")),
                        active="local")
    prices = PriceTable({"qwen-priced": Price(1, 2), "qwen3-max-preview": Price(1, 2)})
    assert known_models(settings, prices) == ["qwen2.5-coder", "qwen3-max-preview", "qwen-priced"]
    assert known_models(Settings()) == ["qwen3-max-preview"]
