"""Keyboard and looks: the main shortcuts through pytest-qt, the shortcuts dialog, light and
dark, and names for screen readers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.ui.highlight import shared_theme
from desktop.ui.main_window import MainWindow
from desktop.ui.style import DARK, LIGHT, is_dark
from desktop.ui.theme import apply_scheme
from tests.support.fixtures import ServerHandle
from tests.wire import POWER_21_ANSWER


@pytest.fixture
def window(window_factory, server: ServerHandle) -> MainWindow:  # type: ignore[no-untyped-def]
    return window_factory(server.base("two_calls_ja"), environ={"DASHSCOPE_API_KEY": "sk-keyboard-test-1"})


def press(qtbot, window: MainWindow, key: Qt.Key, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, key, modifiers)


def test_copy_last_answer_and_last_code_from_the_keyboard(window, qtbot, qloop, server) -> None:  # type: ignore[no-untyped-def]
    qloop.run_until_complete(window.submit("twice"))
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Qt.Key.Key_C, shift_ctrl)
    assert QGuiApplication.clipboard().text() == window.session.conversation.turns[-1].answer != ""
    press(qtbot, window, Qt.Key.Key_K, shift_ctrl)
    assert QGuiApplication.clipboard().text() == "1169008215014432917465348578887506800769541157267 / 5"
    assert POWER_21_ANSWER not in QGuiApplication.clipboard().text()


@pytest.mark.parametrize(("key", "target"), [
    (Qt.Key.Key_1, "sidebar.list"), (Qt.Key.Key_2, "answer_pane"), (Qt.Key.Key_3, "thinking_pane"),
    (Qt.Key.Key_4, "code_pane"), (Qt.Key.Key_L, "input"), (Qt.Key.Key_F, "sidebar.search"),
])
def test_every_pane_can_be_reached_from_the_keyboard(window, qtbot, key: Qt.Key, target: str) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    press(qtbot, window, key)
    widget = window
    for part in target.split("."):
        widget = getattr(widget, part)
    assert QApplication.focusWidget() is widget


def test_escape_stops_and_ctrl_enter_sends(window, qtbot, qloop, server) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    window.session.config = type(window.session.config)(
        profile=window.session.config.profile, base_url=server.base("power_21,hold=30"))
    qloop.run_until_complete(window.session.apply_config(window.session.config))
    window.input.setPlainText("stop me")
    window.input.setFocus()
    qtbot.keyClick(window.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.busy

    async def stop_soon() -> None:
        while not window.session.conversation.turns[-1].received_anything:
            await asyncio.sleep(0.01)
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        with pytest.raises(asyncio.CancelledError):
            await window._task  # noqa: SLF001

    qloop.run_until_complete(stop_soon())
    assert window.session.conversation.turns[-1].status.value == "interrupted"


def test_the_shortcuts_dialog_lists_every_shortcut_in_native_notation(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_Slash)
    dialog = window.shortcuts_dialog
    assert dialog.isVisible()
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert rows["New conversation"] == "Ctrl+N"  # ⌘N on macOS: Qt's native notation
    assert rows["Send the question"] == "Ctrl+Return"
    assert rows["Stop the reply"] == "Esc"
    assert rows["Search conversations"] == "Ctrl+F"
    assert rows["Settings"] == "Ctrl+,"
    assert {"Copy the last answer", "Copy the last executed code", "Answer pane", "Thinking pane",
            "Executed code pane", "Keyboard shortcuts"} <= set(rows)
    assert all(keys for keys in rows.values())


def test_dark_theme_switches_the_colours_and_code_highlighting(window, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    try:
        apply_scheme(qapp, "dark")
        window.apply_theme()
        assert is_dark(window.palette())
        assert DARK["subtle_bg"] in window.styleSheet() and LIGHT["subtle_bg"] not in window.styleSheet()
        assert shared_theme(window.palette()).background.lightnessF() < 0.5  # monokai
    finally:
        apply_scheme(qapp, "")
        window.apply_theme()
    assert not is_dark(window.palette())
    assert LIGHT["subtle_bg"] in window.styleSheet()


def test_panes_and_status_fields_have_accessible_names(window) -> None:  # type: ignore[no-untyped-def]
    assert window.input.accessibleName() == "Question"
    assert window.answer_pane.accessibleName() == "Answer"
    assert window.thinking_pane.accessibleName() == "Thinking"
    assert window.code_pane.accessibleName() == "Executed code"
    assert window.status.tokens.accessibleName() == "Token usage"
    assert window.status.runs.accessibleName() == "Interpreter runs"
    assert window.thinking_pane.accessibleDescription()
