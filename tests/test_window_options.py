"""Issue #18 in the real window: the conversation's own options under the question box, which key
sends, the cost estimate, font zoom, hiding the side panes, and when each question was sent."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.keys import KEY_ENV
from desktop.model.conversation import ConversationOptions
from desktop.model.pricing import Price, PriceTable
from desktop.settings import SettingsStore
from desktop.store import conversation_options
from desktop.store.faults import StorageError, StorageFault
from desktop.ui.main_window import MainWindow
from desktop.ui.prices_dialog import INPUT, MODEL, OUTPUT
from desktop.ui.question_text import sent_texts
from tests.support.fixtures import ServerHandle

KEY = "sk-window-options-7"


@pytest.fixture
def reopen(qtbot):  # type: ignore[no-untyped-def]
    """reopen(window) -> a second window on the same session and profile: what a restart reads."""
    made: list[MainWindow] = []

    def reopen(window: MainWindow) -> MainWindow:
        again = MainWindow(window.session)
        again.show()
        made.append(again)
        return again

    yield reopen
    for again in made:
        again.close()


@pytest.fixture
def make(window_factory, server: ServerHandle):  # type: ignore[no-untyped-def]
    def make(scenario: str = "power_21") -> MainWindow:
        return window_factory(server.base(scenario), environ={KEY_ENV: KEY})

    return make


def _type_model(qtbot, window: MainWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    line = window.composer.model.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, name)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _set_prompt(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.composer.prompt_button, Qt.MouseButton.LeftButton)
    dialog = window.composer.prompt_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.editor, text)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _set_budget(qtbot, window: MainWindow, value: int) -> None:  # type: ignore[no-untyped-def]
    line = window.composer.budget.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, str(value))
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_the_composer_options_reach_the_request_and_come_back_with_the_conversation(
        make, qtbot, qloop, server: ServerHandle) -> None:  # type: ignore[no-untyped-def]
    server.clear()
    window = make()
    assert window.composer.isVisible()
    _type_model(qtbot, window, "qwen-picked")
    _set_prompt(qtbot, window, "Answer in French.")
    _set_budget(qtbot, window, 4096)
    window.input.setPlainText("What is 123 to the power of 21?")
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert window._task is not None  # noqa: SLF001
    qloop.run_until_complete(window._task)  # noqa: SLF001
    [request] = server.requests()
    body = request["body"]
    assert body["model"] == "qwen-picked"
    assert body["input"]["messages"][0] == {"role": "system", "content": "Answer in French."}
    assert body["input"]["messages"][1] == {"role": "user", "content": "What is 123 to the power of 21?"}
    assert body["parameters"]["thinking_budget"] == 4096
    conversation_id = window.session.conversation.id

    # A new conversation starts with the settings' choices; reopening brings the chosen ones back.
    window.new_conversation()
    line = window.composer.model.lineEdit()
    assert line is not None and line.text() == "" and window.composer.budget.value() == 0
    assert window.composer.prompt_button.text() == "System prompt…"
    window.open_conversation(conversation_id)
    assert line.text() == "qwen-picked"
    assert window.composer.budget.value() == 4096
    assert "●" in window.composer.prompt_button.text()
    assert window.composer.prompt_button.toolTip() == "Answer in French."


def test_a_changed_option_is_stored_and_a_failed_write_is_said(make, qtbot, qloop, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make()
    qloop.run_until_complete(window.submit("first"))
    _set_budget(qtbot, window, 2048)
    stored = conversation_options.load(window.session.history, window.session.conversation.id)
    assert stored == ConversationOptions(thinking_budget=2048)
    assert not window.notice_bar.isVisible()

    def fail(*_args: object) -> None:
        raise StorageError(StorageFault.FULL, Path("history.sqlite3"), "database or disk is full")

    monkeypatch.setattr(conversation_options, "save", fail)
    _type_model(qtbot, window, "qwen-other")
    assert window.notice_bar.isVisible()
    assert "could not be saved" in window.notice.text()
    assert window.session.conversation.options.model == "qwen-other"  # it still applies


@pytest.mark.parametrize("enter_sends", [False, True])
def test_which_key_sends(make, qtbot, qloop, profile: Path, server: ServerHandle,  # type: ignore[no-untyped-def]
                         enter_sends: bool) -> None:
    store = SettingsStore(profile)
    store.save(store.load().replaced(enter_sends=enter_sends))
    server.clear()
    window = make()
    box = window.input
    box.setFocus()
    assert ("Enter sends" if enter_sends else "Ctrl+Enter sends") in box.placeholderText()
    qtbot.keyClicks(box, "one")
    # The key that makes a new line: Enter, or Ctrl+Enter when Enter sends.
    newline = Qt.KeyboardModifier.ControlModifier if enter_sends else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(box, Qt.Key.Key_Return, newline)
    qtbot.keyClicks(box, "two")
    assert box.toPlainText() == "one\ntwo" and not window.busy
    send = Qt.KeyboardModifier.NoModifier if enter_sends else Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(box, Qt.Key.Key_Return, send)
    assert window.busy and box.toPlainText() == ""
    qloop.run_until_complete(window._task)  # noqa: SLF001
    assert [t.user for t in window.session.conversation.turns] == ["one\ntwo"]  # sent once
    assert len(server.requests()) == 1


def test_the_enter_key_choice_in_settings_applies_at_once(make, qtbot, qloop, profile: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.keys import ApiKey

    window = make()
    window.session.keys.use_for_session(ApiKey(KEY))
    window.set_font_zoom(3)  # set from the window, kept by a save from Settings
    window.open_settings()
    dialog = window.settings_dialog
    qloop.run_until_complete(dialog.wait_idle())
    assert not dialog.general.enter_sends.isChecked()
    qtbot.mouseClick(dialog.general.enter_sends, Qt.MouseButton.LeftButton)
    dialog.buttons.accepted.emit()
    qloop.run_until_complete(dialog.wait_idle())
    assert SettingsStore(profile).load().enter_sends
    assert SettingsStore(profile).load().font_zoom == 3
    assert window.input.enter_sends and "Enter sends" in window.input.placeholderText()
    assert "Enter sends" in window.input.accessibleDescription()
    window.input.setPlainText("sent by Enter")
    window.input.setFocus()
    qtbot.keyClick(window.input, Qt.Key.Key_Return)
    assert window.busy
    qloop.run_until_complete(window._task)  # noqa: SLF001


def test_the_cost_estimate_from_the_turns_usage(make, qtbot, qloop, profile: Path) -> None:  # type: ignore[no-untyped-def]
    window = make()
    turn = qloop.run_until_complete(window.submit("What is 123 to the power of 21?"))
    assert turn.usage.input_tokens == 734 and turn.usage.output_tokens == 263
    assert not window.status.cost.isVisibleTo(window)  # no price yet: no estimate
    [card] = window.answer_pane.cards
    assert card.outcome.text() == "Complete"

    # File ▸ Prices…: the model's prices, saved; the estimate shows at once.
    window.prices_action.trigger()
    dialog = window.prices_dialog
    rows = [dialog.grid.item(r, MODEL).text() for r in range(dialog.grid.rowCount())]
    row = rows.index(turn.model)
    dialog.grid.item(row, INPUT).setText("2")
    dialog.grid.item(row, OUTPUT).setText("8")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    expected = (734 * 2 + 263 * 8) / 1_000_000  # 0.003572
    assert f"{expected:.4g}" == "0.003572"
    assert window.status.cost.isVisibleTo(window)
    assert window.status.cost.text() == "turn ≈\u00a00.003572\u00a0CNY · conversation ≈\u00a00.003572\u00a0CNY (estimate)"
    assert card.outcome.text() == "Complete · ≈\u00a00.003572\u00a0CNY"
    assert SettingsStore(profile).load_prices().price_of(turn.model) == Price(2.0, 8.0)

    # A second turn: the conversation's total adds up both.
    qloop.run_until_complete(window.submit("again"))
    assert window.status.cost.text() == "turn ≈\u00a00.003572\u00a0CNY · conversation ≈\u00a00.007144\u00a0CNY (estimate)"


def test_the_cost_field_does_not_widen_a_narrow_window(make, qtbot, qloop, profile: Path) -> None:  # type: ignore[no-untyped-def]
    SettingsStore(profile).save_prices(PriceTable({"qwen3-max-preview": Price(2, 8)}, currency="CNY"))
    window = make()
    window.resize(900, 600)
    qloop.run_until_complete(window.submit("What is 123 to the power of 21?"))
    qtbot.wait(50)
    assert window.width() == 900
    assert window.status.cost.text().endswith("(estimate)")


def test_font_zoom_grows_the_panes_and_is_restored(make, reopen, qtbot, qloop, profile: Path) -> None:  # type: ignore[no-untyped-def]
    window = make()
    qloop.run_until_complete(window.submit("What is 123 to the power of 21?"))
    answer = window.answer_pane.cards[0].answer
    before = answer.font().pointSizeF()
    thinking = window.thinking_pane.font().pointSizeF()
    code = window.code_pane.blocks[0].editor.font().pointSizeF()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert answer.font().pointSizeF() == before + 2
    assert window.thinking_pane.font().pointSizeF() == thinking + 2
    assert window.input.font().pointSizeF() == before + 2
    assert window.code_pane.blocks[0].editor.font().pointSizeF() == code + 2
    assert SettingsStore(profile).load().font_zoom == 2
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert answer.font().pointSizeF() == before + 1
    # Bounded as settings.py says.
    for _ in range(30):
        window.zoom_in()
    assert window.font_zoom == 10 and answer.font().pointSizeF() == before + 10
    window.set_font_zoom(2)

    again = reopen(window)
    assert again.font_zoom == 2
    assert again.input.font().pointSizeF() == before + 2
    qloop.run_until_complete(again.submit("q"))
    assert again.answer_pane.cards[-1].answer.font().pointSizeF() == before + 2
    assert again.code_pane.blocks[-1].editor.font().pointSizeF() == code + 2
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.answer_pane.cards[-1].answer.font().pointSizeF() == before
    assert SettingsStore(profile).load().font_zoom == 0


def test_hiding_the_side_panes_widens_the_answer_and_is_remembered(make, reopen, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make()
    window.resize(1400, 860)
    qtbot.wait(20)
    answer_box = window.panes_splitter.widget(1)
    width, listed = answer_box.width(), window.sidebar.width()
    window.activateWindow()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_T, shift_ctrl)
    assert not window.thinking_pane.isVisible() and window.code_pane.isVisible()
    assert not window.show_thinking_action.isChecked()
    window.show_code_action.trigger()
    assert not window.code_pane.isVisible() and not window.side_splitter.isVisible()
    qtbot.wait(20)
    assert answer_box.width() > width
    assert abs(window.sidebar.width() - listed) <= 2  # the room went to the answer alone
    window.save_state()  # as closing does

    again = reopen(window)
    assert not again.thinking_pane.isVisible() and not again.code_pane.isVisible()
    assert not again.show_thinking_action.isChecked() and not again.show_code_action.isChecked()
    again.show_thinking_action.trigger()
    assert again.thinking_pane.isVisible() and again.side_splitter.isVisible()
    assert again.thinking_box.width() > 100


def test_the_shortcuts_are_listed_without_a_clash(make) -> None:  # type: ignore[no-untyped-def]
    window = make()
    keys = [seq.toString() for _name, seq in window.shortcuts]
    assert len(keys) == len(set(keys)), keys
    names = dict((name, seq.toString()) for name, seq in window.shortcuts)
    assert names["Zoom in"] == "Ctrl++" and names["Zoom out"] == "Ctrl+-" and names["Actual size"] == "Ctrl+0"
    assert names["Show Thinking"] == "Ctrl+Shift+T" and names["Show Executed code"] == "Ctrl+Shift+X"


def test_each_card_shows_when_its_question_was_sent_in_local_time(make, qloop) -> None:  # type: ignore[no-untyped-def]
    window = make()
    turn = qloop.run_until_complete(window.submit("q"))
    [card] = window.answer_pane.cards
    local = time.localtime(turn.sent_at)
    assert card.sent.text() == f"{local.tm_hour:02d}:{local.tm_min:02d}"
    assert str(local.tm_year) in card.sent.toolTip()

    fixed = 1_700_000_000.0  # 14 Nov 2023, 22:13:20 UTC
    when = time.localtime(fixed)
    clock = f"{when.tm_hour:02d}:{when.tm_min:02d}"
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[when.tm_mon - 1]
    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        short, full = sent_texts(fixed, now=fixed + 40 * 86400)  # another day, the same year
        assert short == f"{when.tm_mday} {month} {clock}"
        assert "2023" in full and f":{when.tm_min:02d}" in full
        assert sent_texts(fixed, now=fixed + 400 * 86400)[0] == f"{when.tm_mday} {month} 2023 {clock}"
        assert sent_texts(fixed, now=fixed)[0] == clock
    finally:
        QLocale.setDefault(saved)
