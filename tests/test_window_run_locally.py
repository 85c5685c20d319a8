"""Run locally in the window (issue #17): real code in the real runner through the Executed code
pane, the confirmation once per conversation, Stop, outputs kept across reopening; and File ▸
Import of a ChatGPT-shaped export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.keys import KEY_ENV
from desktop.model.conversation import Conversation
from desktop.protocol.events import AnswerDelta, CodeCall, Finished
from desktop.ui.main_window import MainWindow
from desktop.ui.panes import CodeBlock
from tests.support.fixtures import ServerHandle

KEY = "sk-window-run-key-55"
POWER = "77269364466549865653073473388030061522211723"


@pytest.fixture
def window(window_factory, server: ServerHandle) -> MainWindow:  # type: ignore[no-untyped-def]
    return window_factory(server.base("power_21"), environ={KEY_ENV: KEY})


def stored_code(window: MainWindow, *codes: str, title: str = "code") -> Conversation:
    """A stored conversation of one turn that executed `codes`, opened in the window."""
    conversation = Conversation(title=title)
    turn = conversation.start_turn("run some code")
    turn.mark_sent()
    for index, code in enumerate(codes):
        turn.apply(CodeCall(index, code))
    turn.apply(AnswerDelta("done"))
    turn.apply(Finished("stop"))
    window.session.history.save_turn(conversation, turn)
    window.open_conversation(conversation.id)
    return conversation


def press_run(qtbot, window: MainWindow, block: CodeBlock, confirm: bool | None = True,  # type: ignore[no-untyped-def]
              dont_ask: bool = True) -> bool:
    """Press Run locally; answer the confirmation if it comes (`confirm`). Whether it came."""
    qtbot.waitUntil(block.run_button.isVisible)
    qtbot.mouseClick(block.run_button, Qt.MouseButton.LeftButton)
    box = window.local_runs.confirm_box
    if box is None:
        return False
    assert "as you" in box.text() and "not against hostile code" in box.text()
    box.checkBox().setChecked(dont_ask)
    run = next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(run if confirm else box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    return True


def until(qloop, predicate, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    """Let the loop run (the run's outputs arrive through it) until `predicate()` holds."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        qloop.run_until_complete(asyncio.sleep(0.05))


def finish(qloop, window: MainWindow):  # type: ignore[no-untyped-def]
    assert window.local_runs.task is not None
    return qloop.run_until_complete(window.local_runs.task)


def test_power_runs_under_its_block_and_survives_reopening(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    qloop.run_until_complete(window.submit("What is 123 to the power of 21?"))
    [block] = window.code_pane.blocks
    assert block.code == "123**21" and not block.outputs.isVisible()
    assert press_run(qtbot, window, block)
    finish(qloop, window)
    assert POWER in block.outputs.text()
    assert "Ran locally" in block.outputs.state.text()
    assert block.outputs.clear_button.isVisible()
    turn = window.session.conversation.turns[0]
    assert turn.outputs[0][0].text == POWER

    conversation_id = window.session.conversation.id
    window.new_conversation()
    window.open_conversation(conversation_id)
    [block] = window.code_pane.blocks
    assert POWER in block.outputs.text()
    qtbot.waitUntil(block.outputs.isVisible)

    # Clear outputs: gone from the screen and from the history.
    qtbot.mouseClick(block.outputs.clear_button, Qt.MouseButton.LeftButton)
    assert not block.outputs.text()
    assert window.session.history.load_outputs(turn.id) == {}


def test_an_exception_shows_its_traceback_and_later_calls_share_state(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    stored_code(window, "numbers = [1, 2, 3]\nprint('sum', sum(numbers))", "numbers[10]")
    first, second = window.code_pane.blocks
    assert press_run(qtbot, window, second)
    result = finish(qloop, window)
    assert [c.status.value for c in result.cells] == ["ok", "error"]
    assert "sum 6" in first.outputs.text()
    text = second.outputs.text()
    assert "Traceback" in text and "IndexError" in text
    errors = [w for w in second.outputs.findChildren(type(second.outputs.state)) if w.objectName() == "outputError"]
    assert errors, "the traceback is shown in the error style"
    assert second.outputs.state.property("error") is True


def test_stop_ends_an_infinite_loop(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    stored_code(window, "print('looping', flush=True)\nwhile True:\n    pass")
    [block] = window.code_pane.blocks
    assert press_run(qtbot, window, block)
    until(qloop, lambda: "looping" in block.outputs.text())
    assert block.outputs.stop_button.isVisible() and not block.run_button.isEnabled()
    qtbot.mouseClick(block.outputs.stop_button, Qt.MouseButton.LeftButton)
    result = finish(qloop, window)
    assert result.cells[0].status.value == "stopped"
    assert block.outputs.state.text() == "Stopped"
    assert block.run_button.isEnabled() and not block.outputs.stop_button.isVisible()


def test_the_confirmation_comes_once_per_conversation(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    stored_code(window, "6 * 7", title="first")
    [block] = window.code_pane.blocks
    # Cancel: nothing runs, and the next press asks again.
    assert press_run(qtbot, window, block, confirm=False)
    assert window.local_runs.task is None and not block.outputs.text()
    assert press_run(qtbot, window, block, dont_ask=True)
    finish(qloop, window)
    assert "42" in block.outputs.text()
    assert not press_run(qtbot, window, block)  # not asked again in this conversation
    finish(qloop, window)
    # Another conversation asks again.
    stored_code(window, "6 * 9", title="second")
    [block] = window.code_pane.blocks
    assert press_run(qtbot, window, block)
    finish(qloop, window)
    assert "54" in block.outputs.text()


def test_a_figure_is_shown_scaled_to_the_pane(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("matplotlib")
    stored_code(window, "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
                        "plt.figure(figsize=(12, 6))\nplt.plot([1, 4, 9, 16])\nplt.show()")
    [block] = window.code_pane.blocks
    assert press_run(qtbot, window, block)
    finish(qloop, window)
    [image] = block.outputs.images()
    qtbot.waitUntil(lambda: image.width() > 0 and not image.pixmap().isNull())
    assert image.pixmap().width() <= max(image.width(), 1)


def test_file_import_of_a_chatgpt_export_adds_it_to_the_sidebar(window, qloop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_import_chatgpt import hello, powers

    export = tmp_path / "conversations.json"
    export.write_text(json.dumps([powers(), hello()]), encoding="utf-8")
    report = qloop.run_until_complete(window.import_chosen(export))
    assert report is not None and report.conversations_added == 2
    titles = [window.sidebar.list.item(i).text().split("\n")[0] for i in range(window.sidebar.list.count())]
    assert "Powers and plots" in titles and "Hello there" in titles
    message = window.status.state.text()
    assert message.startswith("Imported conversations.json: conversations added: 2"), message

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert qloop.run_until_complete(window.import_chosen(broken)) is None
    assert window.notice_bar.isVisibleTo(window) and "Nothing was imported" in window.notice.text()


def test_the_export_dialog_offers_a_notebook(window, qloop) -> None:  # type: ignore[no-untyped-def]
    qloop.run_until_complete(window.submit("What is 123 to the power of 21?"))
    window.export_dialog()
    assert "Jupyter notebook (*.ipynb)" in window.export_file_dialog.nameFilters()
    window.export_file_dialog.reject()


def test_run_settings_round_trip_through_settings_ini(tmp_path: Path) -> None:
    import subprocess
    import sys

    from desktop.settings import Settings, SettingsStore

    store = SettingsStore(tmp_path)
    assert (store.load().run_python, store.load().run_timeout, store.load().run_network) == ("", 30.0, False)
    store.save(Settings(run_python="/opt/py/bin/python3", run_timeout=12.0, run_network=True))
    loaded = store.load()
    assert (loaded.run_python, loaded.run_timeout, loaded.run_network) == ("/opt/py/bin/python3", 12.0, True)
    # The command line reads the same file without Qt.
    code = ("import sys; from pathlib import Path; from desktop.settings import SettingsStore; "
            "s = SettingsStore(Path(sys.argv[1])).load(); print(s.run_python, s.run_timeout, s.run_network)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.split() == ["/opt/py/bin/python3", "12.0", "True"]


def test_the_time_limit_from_settings_stops_a_run(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from desktop.settings import SettingsStore

    window.open_settings()
    dialog = window.settings_dialog
    qloop.run_until_complete(dialog.wait_idle())
    general = dialog.general
    assert general.run_python.placeholderText() == sys.executable and not general.run_network.isChecked()
    general.run_timeout.setValue(2)
    dialog.buttons.accepted.emit()
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert SettingsStore(window.session.config.profile).load().run_timeout == 2.0

    stored_code(window, "while True:\n    pass")
    [block] = window.code_pane.blocks
    assert press_run(qtbot, window, block)
    result = finish(qloop, window)
    assert result.cells[0].status.value == "timeout"
    assert block.outputs.state.text() == "Stopped at the time limit"
    assert "TimeoutError" in block.outputs.text()
