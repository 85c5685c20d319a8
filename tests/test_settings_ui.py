"""First start, the settings dialog and the key, driven in the real window offscreen, with a
real Secret Service where the key is stored."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.config import Config
from desktop.keys import KeySource, KeyStore
from desktop.model.turn import TurnStatus
from desktop.protocol.secret import ApiKey
from desktop.settings import SettingsStore
from desktop.ui.main_window import MainWindow
from tests.support.fixtures import ServerHandle, start_server
from tests.support.secret_service import SecretService, in_process
from tests.wire import POWER_21_ANSWER

KEY = "sk-settings-ui-key-77c1d0"


@pytest.fixture(scope="module")
def keyed() -> Iterator[ServerHandle]:
    with start_server(api_key=KEY) as server:
        yield server


@pytest.fixture
def window(window_factory) -> MainWindow:  # type: ignore[no-untyped-def]
    return window_factory("http://127.0.0.1:9", environ={})


def run_until(qloop, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    async def wait() -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            assert asyncio.get_running_loop().time() < deadline, "condition not reached"
            await asyncio.sleep(0.02)

    qloop.run_until_complete(wait())


def test_first_start_without_a_key_offers_the_demo(window: MainWindow, qloop, qtbot, no_keyring) -> None:  # type: ignore[no-untyped-def]
    qloop.run_until_complete(window.check_key_on_start())
    welcome = window.welcome
    assert welcome.isVisible()
    assert "Secret Service" in welcome.detail.text()
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    run_until(qloop, lambda: window.session.demo is not None)
    assert not welcome.isVisible()
    assert window.banner.isVisible() and window.banner.text().startswith("Demo:")
    assert window.windowTitle() == "dashchat (demo)"
    question = window.input.toPlainText()
    assert question == "What is 123 to the power of 21?"
    window.session.demo._delay = window.session.demo._pause = 0  # noqa: SLF001 - no need to wait
    turn = qloop.run_until_complete(window.submit(question))
    assert turn.status is TurnStatus.COMPLETE and turn.answer == POWER_21_ANSWER


def test_welcome_enter_key_opens_the_settings(window: MainWindow, qloop, qtbot, no_keyring) -> None:  # type: ignore[no-untyped-def]
    qloop.run_until_complete(window.check_key_on_start())
    qtbot.mouseClick(window.welcome.key_button, Qt.MouseButton.LeftButton)
    assert window.settings_dialog.isVisible()
    qloop.run_until_complete(window.settings_dialog.wait_idle())
    assert window.settings_dialog.key_state.text().startswith("No API key available: no OS keyring")


def test_settings_store_the_key_in_the_keyring_and_apply_to_the_next_request(
    window: MainWindow, qloop, qtbot, service: SecretService, keyed: ServerHandle, profile: Path  # type: ignore[no-untyped-def]
) -> None:
    with in_process(service):
        window.open_settings()
        dialog = window.settings_dialog
        qloop.run_until_complete(dialog.wait_idle())
        assert dialog.key_state.text().startswith("No API key stored")
        assert dialog.key_edit.echoMode() == dialog.key_edit.EchoMode.Password
        dialog.show_key.click()
        assert dialog.key_edit.echoMode() == dialog.key_edit.EchoMode.Normal
        qtbot.keyClicks(dialog.key_edit, KEY)
        dialog.region.setCurrentIndex(dialog.region.findData("custom"))
        dialog.custom_url.setText(keyed.base("power_21"))
        dialog.model.setCurrentText("qwen3-max-preview")
        dialog.general.budget_on.setChecked(True)
        dialog.general.budget.setValue(4096)
        dialog.buttons.accepted.emit()
        qloop.run_until_complete(dialog.wait_idle())
        assert dialog.result() == QDialog.DialogCode.Accepted

        lookup = KeyStore(profile, environ={}).lookup()
        assert lookup.source is KeySource.KEYRING and lookup.key is not None and lookup.key.reveal() == KEY
        stored = SettingsStore(profile).load()
        assert (stored.connection.region, stored.base_url, stored.thinking_budget) == (
            "custom", keyed.base("power_21"), 4096)
        assert KEY not in (profile / "settings.ini").read_text()

        keyed.clear()
        turn = qloop.run_until_complete(window.submit("What is 123 to the power of 21?"))
        assert turn.status is TurnStatus.COMPLETE, turn.error
        [request] = keyed.requests()
        assert request["headers"]["authorization"] == f"Bearer {KEY}"
        assert request["body"]["parameters"]["thinking_budget"] == 4096
        KeyStore(profile, environ={}).delete()


def test_without_a_keyring_the_key_can_be_kept_for_this_session_only(
    window: MainWindow, qloop, qtbot, no_keyring, keyed: ServerHandle, profile: Path  # type: ignore[no-untyped-def]
) -> None:
    window.open_settings()
    dialog = window.settings_dialog
    qloop.run_until_complete(dialog.wait_idle())
    qtbot.keyClicks(dialog.key_edit, KEY)
    dialog.region.setCurrentIndex(dialog.region.findData("custom"))
    dialog.custom_url.setText(keyed.base("power_21"))
    dialog.buttons.accepted.emit()
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.isVisible()  # not saved: the user must choose
    assert dialog.save_error.isVisible() and "The key was not stored: no OS keyring" in dialog.save_error.text()
    assert dialog.session_only.isVisible()
    qtbot.mouseClick(dialog.session_only, Qt.MouseButton.LeftButton)
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.result() == QDialog.DialogCode.Accepted
    turn = qloop.run_until_complete(window.submit("q"))
    assert turn.status is TurnStatus.COMPLETE
    assert not [p for p in profile.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]


def test_a_rejected_key_points_to_the_settings(window: MainWindow, qloop, qtbot, keyed: ServerHandle, profile: Path) -> None:  # type: ignore[no-untyped-def]
    window.session.keys.use_for_session(ApiKey("sk-wrong-key-000000"))
    qloop.run_until_complete(window.session.apply_config(Config(profile=profile, base_url=keyed.base("power_21"))))
    turn = qloop.run_until_complete(window.submit("q"))
    assert turn.error is not None and (turn.error.code, turn.error.http_status) == ("InvalidApiKey", 401)
    assert window.notice_bar.isVisible() and window.notice_action.isVisible()
    # The hint: what to check. The stand-in is not DashScope's host, so no region advice (issue #14).
    assert "add one to this connection profile" in window.notice.text()
    qtbot.mouseClick(window.notice_action, Qt.MouseButton.LeftButton)
    assert window.settings_dialog.isVisible()
    qloop.run_until_complete(window.settings_dialog.wait_idle())


@pytest.mark.parametrize(("scenario", "key", "expected"), [
    ("power_21", KEY, "✓ The key works with"),
    ("power_21", "sk-not-the-right-key-1", "✗ InvalidApiKey (HTTP 401): Invalid API-key provided."),
    ("http_error,status=403,code=AccessDenied", KEY, "✗ AccessDenied (HTTP 403)"),
])
def test_the_test_button_makes_one_cheap_request_and_reports_precisely(
    window: MainWindow, qloop, qtbot, keyed: ServerHandle, scenario: str, key: str, expected: str  # type: ignore[no-untyped-def]
) -> None:
    window.open_settings()
    dialog = window.settings_dialog
    qloop.run_until_complete(dialog.wait_idle())
    dialog.region.setCurrentIndex(dialog.region.findData("custom"))
    dialog.custom_url.setText(keyed.base(scenario))
    qtbot.keyClicks(dialog.key_edit, key)
    keyed.clear()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.test_result.text().startswith(expected), dialog.test_result.text()
    assert key not in dialog.test_result.text()
    [request] = keyed.requests()
    assert "x-dashscope-sse" not in request["headers"]
    assert request["body"]["parameters"] == {"result_format": "message", "max_tokens": 1, "enable_thinking": False}
    assert dialog.isVisible()  # testing saves nothing and closes nothing


def test_an_explicit_proxy_carries_the_requests(window: MainWindow, qloop, qtbot, server: ServerHandle, profile: Path) -> None:  # type: ignore[no-untyped-def]
    """The loopback server acts as the proxy: the base URL's host does not even resolve, so the
    reply can only come through it."""
    window.session.keys.use_for_session(ApiKey(KEY))
    window.open_settings()
    dialog = window.settings_dialog
    qloop.run_until_complete(dialog.wait_idle())
    dialog.region.setCurrentIndex(dialog.region.findData("custom"))
    dialog.custom_url.setText("http://dashscope.proxy-test.invalid/s/power_21")
    dialog.general.proxy.setText("not a url at all")
    dialog.buttons.accepted.emit()
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.isVisible() and "proxy must look like http://host:port" in dialog.save_error.text()
    dialog.general.proxy.setText(server.root)
    dialog.buttons.accepted.emit()
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert SettingsStore(profile).load().proxy == server.root
    server.clear()
    turn = qloop.run_until_complete(window.submit("via the proxy"))
    assert turn.status is TurnStatus.COMPLETE and turn.answer == POWER_21_ANSWER
    [request] = server.requests()
    assert request["path"].startswith("http://dashscope.proxy-test.invalid/s/power_21/")  # absolute form: a proxy request


def test_throttling_offers_retry_which_resends_the_same_request(window: MainWindow, qloop, qtbot, keyed: ServerHandle, profile: Path) -> None:  # type: ignore[no-untyped-def]
    window.session.keys.use_for_session(ApiKey(KEY))
    qloop.run_until_complete(window.session.apply_config(Config(profile=profile, base_url=keyed.base("power_21"))))
    qloop.run_until_complete(window.submit("first"))
    qloop.run_until_complete(window.session.apply_config(
        Config(profile=profile, base_url=keyed.base("error_after,n=50,status=429,code=Throttling.RateQuota"))))
    keyed.clear()
    failed = qloop.run_until_complete(window.submit("second"))
    assert failed.status is TurnStatus.ERROR and failed.answer  # a partial answer arrived first
    assert window.retry_button.isVisible() and not window.notice_action.isVisible()
    assert "wait" in window.notice.text().lower()
    qloop.run_until_complete(window.session.apply_config(Config(profile=profile, base_url=keyed.base("power_21"))))
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    retried = qloop.run_until_complete(window._task)  # noqa: SLF001
    assert retried.status is TurnStatus.COMPLETE and retried.user == "second"
    first_request, retry_request = keyed.requests()
    assert retry_request["body"] == first_request["body"]  # the same turn, sent again
    # The retry takes the failed turn's place; the failure is kept in the history, as an earlier version.
    assert [t.status for t in window.session.conversation.turns] == [TurnStatus.COMPLETE, TurnStatus.COMPLETE]
    assert [t.status for t in window.session.conversation.versions] == [
        TurnStatus.COMPLETE, TurnStatus.ERROR, TurnStatus.COMPLETE]
    assert [c.number for c in window.answer_pane.cards] == [1, 2]
    assert not window.notice_bar.isVisible()
