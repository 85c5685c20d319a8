"""Connection profiles in the settings dialog, driven in the real window offscreen against the
loopback server, with a real Secret Service holding each profile's key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.config import COMPATIBLE, CUSTOM, NATIVE, Connection
from desktop.keys import KeyStore
from desktop.model.turn import TurnStatus
from desktop.protocol.secret import ApiKey
from desktop.settings import Settings, SettingsStore
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from tests.support.fixtures import ServerHandle, start_server
from tests.support.secret_service import SecretService, in_process
from tests.wire import POWER_21_ANSWER

KEY = "sk-connections-ui-key-4f1e2a"
FIRST_KEY = "sk-first-profile-key-90ab11"
SECOND_KEY = "sk-second-profile-key-c3d4e5"
COMPATIBLE_PATH = "/s/compatible_power_21/v1/chat/completions"
NATIVE_PATH = "/s/power_21/api/v1/services/aigc/text-generation/generation"


@pytest.fixture(scope="module")
def keyed() -> Iterator[ServerHandle]:
    with start_server(api_key=KEY) as server:
        yield server


@pytest.fixture
def window(window_factory) -> MainWindow:  # type: ignore[no-untyped-def]
    return window_factory("http://127.0.0.1:9", environ={})


def stored(profile: Path, connection: str) -> str | None:
    key = KeyStore(profile, environ={}, connection=connection).stored_lookup().key
    return key.reveal() if key is not None else None


def two_profiles(profile: Path, server: ServerHandle) -> None:
    """settings.ini with the first (native) profile active and a compatible one beside it."""
    SettingsStore(profile).save(Settings(connections=(
        Connection(region=CUSTOM, custom_base_url=server.base("power_21")),
        Connection(id="gpu", name="GPU box", protocol=COMPATIBLE, region=CUSTOM,
                   custom_base_url=server.base("compatible_power_21") + "/v1"),
    )))


def open_dialog(window: MainWindow, qloop) -> SettingsDialog:  # type: ignore[no-untyped-def]
    window.open_settings()
    dialog = window.settings_dialog
    qloop.run_until_complete(dialog.wait_idle())
    return dialog


def save(dialog: SettingsDialog, qloop) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.accepted.emit()
    qloop.run_until_complete(dialog.wait_idle())


def names(dialog: SettingsDialog) -> list[str]:
    return [dialog.profiles.itemText(i) for i in range(dialog.profiles.count())]


def test_a_new_compatible_profile_is_saved_with_its_own_key_and_answers_the_next_question(
    window: MainWindow, qloop, qtbot, service: SecretService, keyed: ServerHandle, profile: Path  # type: ignore[no-untyped-def]
) -> None:
    with in_process(service):
        KeyStore(profile, environ={}).store(ApiKey(FIRST_KEY))
        dialog = open_dialog(window, qloop)
        assert names(dialog) == ["DashScope"] and not dialog.delete_button.isEnabled()
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
        assert names(dialog) == ["DashScope", "New connection"] and dialog.delete_button.isEnabled()
        assert dialog.name_edit.selectedText() == "New connection"  # typing replaces it
        qtbot.keyClicks(dialog.name_edit, "Local vLLM")
        assert dialog.profiles.currentText() == "Local vLLM"
        assert dialog.protocol.currentData() == COMPATIBLE and dialog.region.currentData() == CUSTOM
        assert dialog.protocol_note.isVisible() and "does not return the executed code" in dialog.protocol_note.text()
        assert dialog.custom_url.placeholderText() == "http://localhost:8000/v1"
        qtbot.keyClicks(dialog.custom_url, keyed.base("compatible_power_21") + "/v1")
        qloop.run_until_complete(dialog.wait_idle())
        assert dialog.key_state.text() == "No key needed for a local server; add one if yours asks for it."
        assert dialog.active_note.text() == "Saving makes this the connection for the next question (now: DashScope)."
        qtbot.keyClicks(dialog.key_edit, KEY)
        save(dialog, qloop)
        assert dialog.result() == QDialog.DialogCode.Accepted

        settings = SettingsStore(profile).load()
        assert [(c.id, c.name, c.protocol) for c in settings.connections] == [
            ("default", "DashScope", NATIVE), ("local-vllm", "Local vLLM", COMPATIBLE)]
        assert settings.active == "local-vllm" and settings.base_url == keyed.base("compatible_power_21") + "/v1"
        assert "[connection.local-vllm]" in (profile / "settings.ini").read_text()
        assert KEY not in (profile / "settings.ini").read_text()
        assert stored(profile, "local-vllm") == KEY  # under that profile's own account
        assert stored(profile, "default") == FIRST_KEY  # the first profile's key untouched

        keyed.clear()
        turn = qloop.run_until_complete(window.submit("What is 123 to the power of 21?"))
        assert turn.status is TurnStatus.COMPLETE, turn.error
        assert turn.answer.startswith(POWER_21_ANSWER) and turn.connection == "Local vLLM"
        [request] = keyed.requests()
        assert request["path"] == COMPATIBLE_PATH
        assert request["headers"]["authorization"] == f"Bearer {KEY}"
        KeyStore(profile, environ={}).delete()
        KeyStore(profile, environ={}, connection="local-vllm").delete()


def test_a_typed_key_belongs_to_the_profile_it_was_typed_for(
    window: MainWindow, qloop, qtbot, service: SecretService, server: ServerHandle, profile: Path  # type: ignore[no-untyped-def]
) -> None:
    two_profiles(profile, server)
    with in_process(service):
        dialog = open_dialog(window, qloop)
        qtbot.keyClicks(dialog.key_edit, FIRST_KEY)
        dialog.profiles.setCurrentIndex(dialog.profiles.findData("gpu"))
        qloop.run_until_complete(dialog.wait_idle())
        assert dialog.key_edit.text() == "" and dialog.name_edit.text() == "GPU box"
        qtbot.keyClicks(dialog.key_edit, SECOND_KEY)
        dialog.model.setCurrentText("qwen3-coder-plus")
        dialog.profiles.setCurrentIndex(dialog.profiles.findData("default"))
        assert dialog.key_edit.text() == FIRST_KEY and dialog.model.currentText() == "qwen3-max-preview"
        dialog.profiles.setCurrentIndex(dialog.profiles.findData("gpu"))
        assert dialog.key_edit.text() == SECOND_KEY and dialog.model.currentText() == "qwen3-coder-plus"
        save(dialog, qloop)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert (stored(profile, "default"), stored(profile, "gpu")) == (FIRST_KEY, SECOND_KEY)
        assert SettingsStore(profile).load().find("gpu").model == "qwen3-coder-plus"  # type: ignore[union-attr]
        KeyStore(profile, environ={}).delete()
        KeyStore(profile, environ={}, connection="gpu").delete()


@pytest.mark.parametrize(("key", "expected"), [
    (KEY, "✓ The key works with {url} and qwen3-max-preview ("),
    ("sk-not-the-right-key-1", "✗ invalid_api_key (HTTP 401): Incorrect API key provided."),
])
def test_the_test_button_checks_a_compatible_profile(
    window: MainWindow, qloop, qtbot, no_keyring, keyed: ServerHandle, profile: Path, key: str, expected: str  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_dialog(window, qloop)
    dialog.new_button.click()
    url = keyed.base("compatible_power_21") + "/v1"
    dialog.custom_url.setText(url)
    qtbot.keyClicks(dialog.key_edit, key)
    keyed.clear()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.test_result.isVisible()
    assert dialog.test_result.text().startswith(expected.format(url=url)), dialog.test_result.text()
    assert key not in dialog.test_result.text()
    [request] = keyed.requests()
    assert request["path"] == COMPATIBLE_PATH
    assert request["headers"]["authorization"] == f"Bearer {key}"
    assert request["body"]["stream"] is False and request["body"]["max_tokens"] == 1
    assert dialog.isVisible() and not (profile / "settings.ini").exists()  # testing saves nothing


def test_the_test_button_asks_a_local_server_without_a_key(
    window: MainWindow, qloop, qtbot, no_keyring, server: ServerHandle, profile: Path  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_dialog(window, qloop)
    dialog.new_button.click()
    url = server.base("compatible_power_21") + "/v1"
    dialog.custom_url.setText(url)
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.key_state.text().startswith("No key needed for a local server; add one if yours asks for it.")
    server.clear()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.test_result.text().startswith(f"✓ {url} answers with qwen3-max-preview without a key")
    [request] = server.requests()
    assert request["path"] == COMPATIBLE_PATH and "authorization" not in request["headers"]


def test_a_native_profile_still_needs_a_key_to_test(window: MainWindow, qloop, qtbot, no_keyring) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(window, qloop)
    assert dialog.protocol.currentData() == NATIVE and not dialog.protocol_note.isVisible()
    assert dialog.region_note.isVisible()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qloop.run_until_complete(dialog.wait_idle())
    assert dialog.test_result.text() == "No key to test: type one above."


def test_switching_the_active_profile_sends_the_next_question_there_with_its_key(
    window: MainWindow, qloop, qtbot, service: SecretService, server: ServerHandle, profile: Path  # type: ignore[no-untyped-def]
) -> None:
    two_profiles(profile, server)
    with in_process(service):
        KeyStore(profile, environ={}).store(ApiKey(FIRST_KEY))
        KeyStore(profile, environ={}, connection="gpu").store(ApiKey(SECOND_KEY))
        dialog = open_dialog(window, qloop)
        assert dialog.profiles.currentText() == "DashScope"
        assert dialog.active_note.text() == "The next question uses this connection."
        dialog.profiles.setCurrentIndex(dialog.profiles.findData("gpu"))
        qloop.run_until_complete(dialog.wait_idle())
        assert dialog.active_note.text() == "Saving makes this the connection for the next question (now: DashScope)."
        assert dialog.key_state.text().startswith("Using the API key") and "OS keyring" in dialog.key_state.text()
        assert dialog.forget_button.isEnabled()
        save(dialog, qloop)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert SettingsStore(profile).load().active == "gpu"

        server.clear()
        turn = qloop.run_until_complete(window.submit("first"))
        assert turn.status is TurnStatus.COMPLETE and turn.connection == "GPU box", turn.error
        [request] = server.requests()
        assert request["path"] == COMPATIBLE_PATH
        assert request["headers"]["authorization"] == f"Bearer {SECOND_KEY}"

        dialog = open_dialog(window, qloop)
        assert dialog.profiles.currentText() == "GPU box"  # the one in use
        dialog.profiles.setCurrentIndex(dialog.profiles.findData("default"))
        save(dialog, qloop)
        assert SettingsStore(profile).load().active == "default"
        server.clear()
        turn = qloop.run_until_complete(window.submit("second"))
        assert turn.status is TurnStatus.COMPLETE and turn.connection == "DashScope", turn.error
        [request] = server.requests()
        assert request["path"] == NATIVE_PATH
        assert request["headers"]["authorization"] == f"Bearer {FIRST_KEY}"
        KeyStore(profile, environ={}).delete()
        KeyStore(profile, environ={}, connection="gpu").delete()


@pytest.mark.parametrize(("gone", "kept", "kept_key"), [("gpu", "default", FIRST_KEY), ("default", "gpu", SECOND_KEY)])
def test_deleting_a_profile_removes_it_and_its_key_on_save(
    window: MainWindow, qloop, qtbot, service: SecretService, server: ServerHandle, profile: Path,  # type: ignore[no-untyped-def]
    gone: str, kept: str, kept_key: str,
) -> None:
    two_profiles(profile, server)
    with in_process(service):
        KeyStore(profile, environ={}).store(ApiKey(FIRST_KEY))
        KeyStore(profile, environ={}, connection="gpu").store(ApiKey(SECOND_KEY))
        gone_name = SettingsStore(profile).load().find(gone).name  # type: ignore[union-attr]

        dialog = open_dialog(window, qloop)  # deleting, then Cancel: nothing changes
        dialog.profiles.setCurrentIndex(dialog.profiles.findData(gone))
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        qloop.run_until_complete(dialog.wait_idle())
        assert dialog.profiles.count() == 1 and dialog.profiles.currentData() == kept
        assert not dialog.delete_button.isEnabled()
        assert dialog.deleted_note.isVisible() and f"“{gone_name}”" in dialog.deleted_note.text()
        dialog.reject()
        assert [c.id for c in SettingsStore(profile).load().connections] == ["default", "gpu"]
        assert stored(profile, gone) is not None

        dialog = open_dialog(window, qloop)
        dialog.profiles.setCurrentIndex(dialog.profiles.findData(gone))
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        qloop.run_until_complete(dialog.wait_idle())
        save(dialog, qloop)
        assert dialog.result() == QDialog.DialogCode.Accepted
        settings = SettingsStore(profile).load()
        assert [c.id for c in settings.connections] == [kept] and settings.active == kept
        assert "connection.gpu" not in (profile / "settings.ini").read_text() or kept == "gpu"
        assert stored(profile, gone) is None
        assert stored(profile, kept) == kept_key

        server.clear()
        turn = qloop.run_until_complete(window.submit("after the deletion"))
        assert turn.status is TurnStatus.COMPLETE, turn.error
        [request] = server.requests()
        assert request["headers"]["authorization"] == f"Bearer {kept_key}"
        KeyStore(profile, environ={}, connection=kept).delete()


def test_empty_and_duplicate_names_and_missing_urls_are_refused(
    window: MainWindow, qloop, qtbot, no_keyring, profile: Path  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_dialog(window, qloop)
    dialog.new_button.click()
    dialog.name_edit.clear()
    assert dialog.name_error.isVisible() and dialog.name_error.text() == "A connection needs a name."
    save(dialog, qloop)
    assert dialog.isVisible() and dialog.save_error.text() == "Not saved. A connection needs a name."
    qtbot.keyClicks(dialog.name_edit, "dashscope ")
    assert dialog.name_error.text() == "Another connection is already called “DashScope”."
    save(dialog, qloop)
    assert dialog.isVisible() and dialog.save_error.text() == "Not saved. Another connection is already called “DashScope”."
    dialog.name_edit.setText("Ollama")
    assert not dialog.name_error.isVisible()
    save(dialog, qloop)
    assert dialog.isVisible() and dialog.save_error.text() == "Not saved. “Ollama” needs a base URL (or a region)."
    dialog.custom_url.setText("localhost:11434/v1")
    save(dialog, qloop)
    assert dialog.save_error.text() == "Not saved. The base URL of “Ollama” must look like http://host:port/path."
    assert not (profile / "settings.ini").exists()
    dialog.custom_url.setText("http://localhost:11434/v1")
    save(dialog, qloop)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [c.name for c in SettingsStore(profile).load().connections] == ["DashScope", "Ollama"]


def test_a_key_the_locked_keyring_cannot_remove_is_kept_only_when_the_user_says_so(
    window: MainWindow, qloop, qtbot, service: SecretService, server: ServerHandle, profile: Path  # type: ignore[no-untyped-def]
) -> None:
    two_profiles(profile, server)
    with in_process(service):
        KeyStore(profile, environ={}, connection="gpu").store(ApiKey(SECOND_KEY))
        service.lock()
        try:
            dialog = open_dialog(window, qloop)
            dialog.profiles.setCurrentIndex(dialog.profiles.findData("gpu"))
            qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
            save(dialog, qloop)
            assert dialog.isVisible() and dialog.save_error.isVisible()
            assert dialog.save_error.text().startswith(
                "The stored key of the deleted connection “GPU box” could not be removed: the OS keyring is locked")
            assert [c.id for c in SettingsStore(profile).load().connections] == ["default", "gpu"]  # not saved yet
            assert dialog.keep_key.isVisible()
            qtbot.mouseClick(dialog.keep_key, Qt.MouseButton.LeftButton)
            qloop.run_until_complete(dialog.wait_idle())
            assert dialog.result() == QDialog.DialogCode.Accepted
            assert [c.id for c in SettingsStore(profile).load().connections] == ["default"]
        finally:
            service.unlock()
        assert stored(profile, "gpu") == SECOND_KEY  # left where it was, as the user chose
        KeyStore(profile, environ={}, connection="gpu").delete()
