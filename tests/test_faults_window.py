"""The same fault matrix as tests/test_faults_ask.py, through the real window offscreen: the
error bar names the code and the real HTTP status with a hint, Retry or Settings where they
help, everything that arrived stays in the panes and the history, and the key shows nowhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.keys import KEY_ENV
from desktop.model.turn import TurnStatus
from tests.test_faults_ask import CASES, KEY, QUESTION, Case, base_for, refused_port  # noqa: F401 - fixture

RETRY = {"Throttling.RateQuota", "Throttling.AllocationQuota", "InternalError", "ModelUnavailable", "HTTP502",
         "ConnectionFailed", "DNSFailure", "ConnectionDropped", "IdleTimeout"}
SETTINGS = {"InvalidApiKey"}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fault_in_the_window(case: Case, window_factory, qloop, profile: Path, request: pytest.FixtureRequest,  # type: ignore[no-untyped-def]
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    # As in test_faults_ask: the key may go to the host that does not resolve, so the DNS fault is reached.
    monkeypatch.setenv("DASHCHAT_KEY_HOSTS", "127.0.0.1,dashchat-fault-test.invalid")
    base, _where = base_for(case, request)
    idle = float(case.args[1]) if case.args[:1] == ("--idle-timeout",) else None
    window = window_factory(base, environ={KEY_ENV: KEY}, idle=idle)
    window.input.setPlainText(QUESTION)
    window.send_from_input()
    turn = qloop.run_until_complete(window._task)  # noqa: SLF001

    assert turn.status is TurnStatus.ERROR and turn.error is not None
    assert (turn.error.code, turn.error.http_status) == (case.code, case.status)
    status = f"HTTP {case.status}" if case.status is not None else "no HTTP status"
    notice = window.notice.text()
    assert window.notice_bar.isVisible()
    assert f"{case.code} ({status})" in notice
    if case.hint:
        assert case.hint in notice
    assert window.retry_button.isVisible() == (case.code in RETRY)
    assert window.notice_action.isVisible() == (case.code in SETTINGS)
    assert case.code in window.status.state.text()

    # What arrived stays in all three panes, and the card says how it ended.
    kept = case.kept
    [card] = window.answer_pane.cards
    assert card.answer.markdown() == kept.answer
    assert turn.thinking == kept.thinking
    pane = window.thinking_pane.toPlainText()
    for step in turn.steps:  # each passage of thought is shown, code-run markers between them
        assert step.kind.value != "thinking" or turn.thinking[step.start : step.end] in pane
    assert [b.code for b in window.code_pane.blocks] == kept.code
    assert card.outcome.text().startswith(f"Failed: {case.code}")
    # The question: in its card; and back in the input box when nothing came back at all.
    assert card.question.text() == QUESTION
    nothing_came_back = case.status is None
    assert (window.input.toPlainText() == QUESTION) == nothing_came_back

    with sqlite3.connect(profile / "history.sqlite3") as db:
        row = db.execute("SELECT status, thinking, answer, user_text FROM turns").fetchone()
    assert row == ("error", kept.thinking, kept.answer, QUESTION)
    assert KEY not in notice + card.outcome.text() + window.status.state.text()
