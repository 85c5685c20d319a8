"""The real window, driven offscreen against the loopback server: what a user sees and gets."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.config import Config
from desktop.keys import KEY_ENV
from desktop.model.turn import TurnStatus
from desktop.ui.main_window import MainWindow
from tests.support.fixtures import ServerHandle
from tests.wire import POWER_21_ANSWER, TWO_CALLS_CODE, reference, sections

KEY = "sk-window-test-key-42"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def make_window(window_factory, server: ServerHandle):  # type: ignore[no-untyped-def]
    """make(scenario or URL) -> a shown window whose session talks to the loopback server."""
    def make(scenario: str) -> MainWindow:
        base_url = scenario if scenario.startswith("http") else server.base(scenario)
        return window_factory(base_url, environ={KEY_ENV: KEY})

    return make


def ask(qloop, window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    return qloop.run_until_complete(window.submit(text))


def test_streams_thinking_code_and_answer_into_three_panes(make_window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window("power_21,delay=0.002")
    turn = ask(qloop, window, "What is 123 to the power of 21?")
    ref = reference("power_21")
    assert turn.status is TurnStatus.COMPLETE

    thinking = window.thinking_pane.toPlainText()
    (_, phase_one), _code, (_, phase_two), _answer = sections("power_21")
    assert thinking.index(phase_one) < thinking.index("ran code #1") < thinking.index(phase_two)

    assert [b.code for b in window.code_pane.blocks] == ["123**21"]
    qtbot.mouseClick(window.code_pane.blocks[0].copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "123**21"

    [card] = window.answer_pane.cards
    assert card.answer.markdown() == POWER_21_ANSWER
    assert "77269364466549865653073473388030061522211723" in card.answer.toPlainText()
    qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == POWER_21_ANSWER

    status = window.status
    assert status.tokens.text() == "Tokens: 734 in · 263 out · 171 reasoning · 997 total"
    assert status.runs.text() == "Interpreter runs: 1"
    assert status.request_id.text() == f"Request {ref.request_id}"
    qtbot.mouseClick(status.copy_id, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == ref.request_id
    assert status.timing.text().startswith("Elapsed ")
    assert "first token" in status.timing.text() and "–" not in status.timing.text()
    assert status.state.text() == "Done"


def test_two_calls_with_placeholder_show_two_blocks_in_order(make_window, qloop) -> None:  # type: ignore[no-untyped-def]
    window = make_window("two_calls_ja,split=5")
    ask(qloop, window, "2 回実行")
    assert [b.code for b in window.code_pane.blocks] == TWO_CALLS_CODE
    assert [b.title.text() for b in window.code_pane.blocks] == ["#1", "#2"]
    text = window.thinking_pane.toPlainText()
    assert text.index("ran code #1") < text.index("ran code #2")
    assert window.status.runs.text() == "Interpreter runs: 2"
    assert window.answer_pane.cards[0].answer.markdown() == reference("two_calls_ja").answer


def test_follow_up_keeps_earlier_turns_and_sends_answers_only(make_window, qloop, server: ServerHandle) -> None:  # type: ignore[no-untyped-def]
    window = make_window("power_21")
    ask(qloop, window, "What is 123 to the power of 21?")
    server.clear()
    window.session.config = Config(profile=window.session.config.profile, base_url=server.base("two_calls_ja"))
    ask(qloop, window, "Now twice")
    assert [c.question.text() for c in window.answer_pane.cards] == ["What is 123 to the power of 21?", "Now twice"]
    assert window.answer_pane.cards[0].answer.markdown() == POWER_21_ANSWER
    assert [b.code for b in window.code_pane.blocks] == ["123**21", *TWO_CALLS_CODE]
    [request] = server.requests()
    assert request["body"]["input"]["messages"] == [
        {"role": "user", "content": "What is 123 to the power of 21?"},
        {"role": "assistant", "content": POWER_21_ANSWER},
        {"role": "user", "content": "Now twice"},
    ]


def test_stop_cancels_at_once_and_keeps_what_arrived(make_window, qloop, profile: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window("power_21,hold=30")

    async def stop_when_something_arrived() -> None:
        task = window.submit("q")
        while not window.session.conversation.turns or not window.session.conversation.turns[-1].received_anything:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)  # let the coalescing timer paint
        started = asyncio.get_running_loop().time()
        window.stop()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert asyncio.get_running_loop().time() - started < 2.0  # not the server's 30 s hold

    qloop.run_until_complete(stop_when_something_arrived())
    turn = window.session.conversation.turns[-1]
    assert turn.status is TurnStatus.INTERRUPTED
    assert window.thinking_pane.toPlainText().count("The user is asking") == 1
    assert window.answer_pane.cards[0].outcome.text().startswith("Interrupted")
    assert window.status.state.text() == "Stopped: what arrived is kept"
    assert window.send_button.isEnabled() and not window.stop_button.isEnabled()
    with sqlite3.connect(profile / "history.sqlite3") as db:
        status, thinking = db.execute("SELECT status, thinking FROM turns").fetchone()
    assert status == "interrupted" and thinking == turn.thinking != ""


def test_service_error_is_shown_with_code_and_status(make_window, qloop) -> None:  # type: ignore[no-untyped-def]
    window = make_window("error_after,n=46,status=429,code=Throttling.AllocationQuota")
    turn = ask(qloop, window, "q")
    assert turn.status is TurnStatus.ERROR
    assert window.notice_bar.isVisible()
    assert "Throttling.AllocationQuota (HTTP 429)" in window.notice.text()
    assert "Throttling.AllocationQuota" in window.status.state.text()
    card = window.answer_pane.cards[0]
    assert card.answer.markdown() == turn.answer != ""  # the partial answer stays
    assert "HTTP 429" in card.outcome.text()
    assert KEY not in window.notice.text() + card.outcome.text()


def test_nothing_sent_gives_the_question_back(make_window, qloop) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    window = make_window(f"http://127.0.0.1:{port}")
    window.input.setPlainText("my long question")
    window.send_from_input()
    qloop.run_until_complete(window._task)  # noqa: SLF001
    assert window.input.toPlainText() == "my long question"
    assert "ConnectionFailed" in window.notice.text()


def test_ctrl_enter_sends_and_enter_adds_a_line(make_window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window("power_21")
    window.input.setFocus()
    qtbot.keyClicks(window.input, "line one")
    qtbot.keyClick(window.input, Qt.Key.Key_Return)
    qtbot.keyClicks(window.input, "line two")
    assert window.input.toPlainText() == "line one\nline two"
    qtbot.keyClick(window.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.busy and window.input.toPlainText() == ""
    turn = qloop.run_until_complete(window._task)  # noqa: SLF001
    assert turn.user == "line one\nline two"


@pytest.mark.parametrize("name", ["power_21", "two_calls_ja"])
def test_window_process_ask_export_quit_gives_the_exact_transcript(tmp_path: Path, server: ServerHandle, name: str) -> None:
    out = tmp_path / "t.json"
    env = {**os.environ, "DASHSCOPE_API_KEY": KEY, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p"), "--base-url", server.base(name),
         "--ask", "Q?", "--export", str(out), "--quit"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    ref = reference(name)
    [turn] = json.loads(out.read_text(encoding="utf-8"))["turns"]
    assert (turn["thinking"], turn["code"], turn["answer"], turn["usage"], turn["status"]) == (
        ref.thinking, ref.code, ref.answer, ref.usage, "complete")


def test_window_process_exit_status_on_error(tmp_path: Path, server: ServerHandle) -> None:
    env = {**os.environ, "DASHSCOPE_API_KEY": KEY, "QT_QPA_PLATFORM": "offscreen"}
    out = tmp_path / "t.md"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p"),
         "--base-url", server.base("http_error,status=503,code=ModelUnavailable"),
         "--ask", "Q?", "--export", str(out), "--quit"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "ModelUnavailable (HTTP 503)" in out.read_text(encoding="utf-8")


def test_without_a_key_the_question_comes_back_with_the_reason(window_factory, qloop) -> None:  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backends import fail

    saved = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # a desktop with no keyring, as on a bare Linux box
    try:
        window = window_factory("http://127.0.0.1:9", environ={})
        window.input.setPlainText("a question I typed")
        window.send_from_input()
        turn = qloop.run_until_complete(window._task)  # noqa: SLF001
        assert turn.error is not None and turn.error.code == "NoKeyring"
        assert "no OS keyring is available" in window.notice.text()
        assert "DASHSCOPE_API_KEY" in window.notice.text()
        assert window.notice_action.isVisible() and window.notice_action.text() == "Open settings"
        assert window.input.toPlainText() == "a question I typed"
    finally:
        keyring.set_keyring(saved)
