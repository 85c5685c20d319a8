"""The settings draft without a widget: its profiles, what it refuses, and the save sequence
against a real Secret Service (gnome-keyring on a private D-Bus) and a real settings.ini."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.config import COMPATIBLE, CUSTOM, NATIVE, Connection
from desktop.keys import KeySource, KeyStore
from desktop.presenters.settings_draft import Forgotten, KeyState, SettingsDraft, Trouble
from desktop.protocol import ApiKey
from desktop.session import ChatSession
from desktop.settings import Settings, SettingsStore
from desktop.store.history import History
from tests.support.secret_service import SecretService, in_process

KEY = "sk-draft-test-key-5e6f7a8b"
OTHER_KEY = "sk-draft-other-key-1a2b3c4d"
GENERAL: dict[str, object] = {}  # Settings ▸ General left at its defaults


@pytest.fixture
def keyring_here(service: SecretService) -> Iterator[SecretService]:
    with in_process(service):
        yield service


def make_session(profile: Path, settings: Settings | None = None, demo: bool = False) -> ChatSession:
    if settings is not None:
        SettingsStore(profile).save(settings)
    config = SettingsStore(profile).load().config(profile, demo=demo)
    return ChatSession(config, History(config.history_path), environ={})


def stored(profile: Path, connection: str) -> str | None:
    key = KeyStore(profile, environ={}, connection=connection).stored_lookup().key
    return key.reveal() if key is not None else None


def two_profiles() -> Settings:
    return Settings(connections=(
        Connection(),
        Connection(id="gpu", name="GPU box", protocol=COMPATIBLE, region=CUSTOM,
                   custom_base_url="http://127.0.0.1:8000/v1"),
    ))


def test_names_and_addresses_are_checked_the_shown_profile_first(profile: Path) -> None:
    draft = SettingsDraft(make_session(profile, two_profiles()), SettingsStore(profile))
    assert draft.problem("") is None
    draft.edit(name="  ")
    problem = draft.problem("")
    assert problem is not None and (problem.kind, problem.connection_id) == (Trouble.NO_NAME, "default")
    draft.edit(name="gpu BOX")  # a clash is blamed on the profile shown
    problem = draft.problem("")
    assert problem is not None and (problem.kind, problem.connection_id, problem.name) == (
        Trouble.NAME_TAKEN, "default", "GPU box")
    draft.edit(name="DashScope")
    draft.show("gpu", None, True)
    for url, trouble in (("", Trouble.NO_URL), ("ftp://host/v1", Trouble.BAD_URL), ("http://host:99999", Trouble.BAD_URL)):
        draft.edit(custom_base_url=url)
        problem = draft.problem("")
        assert problem is not None and (problem.kind, problem.name) == (trouble, "GPU box"), url
    draft.edit(custom_base_url="http://127.0.0.1:8000/v1")
    proxy = draft.problem("http://proxy:notaport")
    assert proxy is not None and proxy.kind is Trouble.BAD_PROXY and "port" in proxy.reason


def test_new_profiles_are_numbered_and_take_the_id_of_their_name(profile: Path) -> None:
    draft = SettingsDraft(make_session(profile), SettingsStore(profile))
    first, second = draft.new_profile("New connection"), draft.new_profile("New connection")
    assert (first.name, second.name) == ("New connection", "New connection 2")
    assert (first.protocol, first.region) == (COMPATIBLE, CUSTOM)
    draft.show(first.id, None, True)
    draft.edit(name="Team gateway", custom_base_url="https://gw.example/v1")
    assert draft.settle_new_ids() == {first.id: "team-gateway"}
    assert draft.shown == "team-gateway" and draft.settle_new_ids() == {}
    assert draft.delete(second.id) and draft.deleted == []  # never saved: nothing to remove
    assert [c.id for c in draft.connections] == ["default", "team-gateway"]


def test_the_last_profile_cannot_be_deleted(profile: Path) -> None:
    draft = SettingsDraft(make_session(profile), SettingsStore(profile))
    assert not draft.delete("default") and len(draft.connections) == 1


def test_dirty_until_saved(keyring_here: SecretService, profile: Path) -> None:
    draft = SettingsDraft(make_session(profile, two_profiles()), SettingsStore(profile))
    assert not draft.dirty(GENERAL)
    draft.edit(model="qwen-plus")
    assert draft.dirty(GENERAL)
    draft.edit(model=draft.loaded.connection.model)
    assert not draft.dirty(GENERAL)
    assert draft.dirty({"proxy": "http://proxy.example:8080"})
    draft.keep_typed(ApiKey(KEY), remember=True)
    assert draft.dirty(GENERAL)
    assert asyncio.run(draft.save(GENERAL)) is None
    assert not draft.dirty(GENERAL)


def test_saving_keeps_what_the_dialog_does_not_show(keyring_here: SecretService, profile: Path) -> None:
    """The Enter key's choice and the font zoom are set from the window, not the dialog: a save
    from Settings must not put them back to their defaults."""
    draft = SettingsDraft(make_session(profile, two_profiles().replaced(enter_sends=True, font_zoom=3)),
                          SettingsStore(profile))
    assert not draft.dirty(GENERAL)
    assert asyncio.run(draft.save({"proxy": "http://proxy.example:8080"})) is None
    saved = SettingsStore(profile).load()
    assert (saved.enter_sends, saved.font_zoom, saved.proxy) == (True, 3, "http://proxy.example:8080")

    # Zoomed in the window while the dialog was open: its save keeps the new zoom.
    draft = SettingsDraft(make_session(profile), SettingsStore(profile))
    SettingsStore(profile).save(SettingsStore(profile).load().replaced(font_zoom=5))
    assert asyncio.run(draft.save({"proxy": ""})) is None
    assert SettingsStore(profile).load().font_zoom == 5


def test_save_stores_each_typed_key_in_its_own_profile_and_writes_the_settings(
        keyring_here: SecretService, profile: Path) -> None:
    session = make_session(profile, two_profiles())
    draft = SettingsDraft(session, SettingsStore(profile))
    assert draft.show("gpu", ApiKey(KEY), True) is None  # typed for DashScope, then GPU box shown
    draft.edit(model="qwen2.5-coder")
    draft.keep_typed(ApiKey(OTHER_KEY), remember=True)

    assert asyncio.run(draft.save(GENERAL)) is None

    assert (stored(profile, "default"), stored(profile, "gpu")) == (KEY, OTHER_KEY)
    saved = SettingsStore(profile).load()
    assert saved.active == "gpu" and saved.connection.model == "qwen2.5-coder"
    assert (session.config.connection_id, session.config.protocol, session.config.options.model) == (
        "gpu", COMPATIBLE, "qwen2.5-coder")
    assert draft.pending == {}


def test_a_typed_key_waits_for_its_profile(profile: Path) -> None:
    draft = SettingsDraft(make_session(profile, two_profiles()), SettingsStore(profile))
    assert draft.show("gpu", ApiKey(KEY), remember=False) is None
    assert draft.show("default", None, True) == ApiKey(KEY) and draft.remember == {"default": False, "gpu": True}
    draft.keep_typed(None, True)  # the box emptied: nothing typed for it any more
    assert draft.pending == {}


def test_an_unticked_key_stays_in_memory_only(keyring_here: SecretService, profile: Path) -> None:
    session = make_session(profile)
    draft = SettingsDraft(session, SettingsStore(profile))
    draft.keep_typed(ApiKey(KEY), remember=False)
    assert asyncio.run(draft.save(GENERAL)) is None
    assert stored(profile, "default") is None
    lookup = asyncio.run(session.lookup_key())
    assert lookup.source is KeySource.SESSION and lookup.key is not None and lookup.key.reveal() == KEY


def test_a_deleted_profile_loses_its_stored_key_on_save(keyring_here: SecretService, profile: Path) -> None:
    session = make_session(profile, two_profiles())
    KeyStore(profile, environ={}, connection="gpu").store(ApiKey(OTHER_KEY))
    draft = SettingsDraft(session, SettingsStore(profile))
    assert draft.delete("gpu") and [c.name for c in draft.deleted] == ["GPU box"]
    assert stored(profile, "gpu") == OTHER_KEY  # nothing happens before Save
    assert asyncio.run(draft.save(GENERAL)) is None
    assert stored(profile, "gpu") is None
    assert [c.id for c in SettingsStore(profile).load().connections] == ["default"]


def test_the_key_box_knows_what_is_stored_and_forgets_it(keyring_here: SecretService, profile: Path) -> None:
    KeyStore(profile, environ={}).store(ApiKey(KEY))
    draft = SettingsDraft(make_session(profile), SettingsStore(profile))
    connection = draft.connection()
    assert draft.key_view(connection).state is KeyState.CHECKING
    assert draft.needs_lookup(connection) and not draft.needs_lookup(connection)  # asked once
    asyncio.run(draft.look_up(connection))
    view = draft.key_view(connection)
    assert (view.state, view.ok, view.removable) == (KeyState.KNOWN, True, True)
    assert view.lookup is not None and view.lookup.describe().startswith("Using the API key …7a8b from the OS keyring")
    assert asyncio.run(draft.forget()) == (Forgotten.REMOVED, "")
    assert stored(profile, "default") is None and draft.key_view(connection).state is KeyState.CHECKING
    assert asyncio.run(draft.forget()) == (Forgotten.NOTHING, "")


def test_a_local_server_needs_no_key(keyring_here: SecretService, profile: Path) -> None:
    draft = SettingsDraft(make_session(profile, two_profiles()), SettingsStore(profile))
    draft.show("gpu", None, True)
    connection = draft.connection()
    asyncio.run(draft.look_up(connection))
    view = draft.key_view(connection)
    assert (view.state, view.ok, view.needed, view.removable) == (KeyState.NOT_NEEDED, True, False, False)
    draft.edit(protocol=NATIVE)  # DashScope's own protocol always needs one
    view = draft.key_view(draft.connection())
    assert (view.state, view.ok, view.needed) == (KeyState.KNOWN, False, True)
    assert draft.key_view(connection.replaced(custom_base_url="")).state is KeyState.NEEDS_URL


def test_without_a_keyring_nothing_is_written_until_the_user_chooses_this_session(
        no_keyring: None, profile: Path) -> None:
    session = make_session(profile)
    draft = SettingsDraft(session, SettingsStore(profile))
    draft.edit(model="qwen-plus")
    draft.keep_typed(ApiKey(KEY), remember=True)
    problem = asyncio.run(draft.save(GENERAL))
    assert problem is not None and problem.kind is Trouble.KEY_NOT_STORED and problem.connection_id == "default"
    assert "no OS keyring" in problem.reason
    assert not SettingsStore(profile).path.exists() and draft.pending  # nothing written, the key kept
    saved = asyncio.run(draft.use_for_session(GENERAL))
    assert saved.connection.model == "qwen-plus" and SettingsStore(profile).load().connection.model == "qwen-plus"
    lookup = asyncio.run(session.lookup_key())
    assert lookup.source is KeySource.SESSION and lookup.key is not None and lookup.key.reveal() == KEY


def test_saving_in_the_demo_keeps_the_demo(keyring_here: SecretService, profile: Path) -> None:
    session = make_session(profile, demo=True)
    draft = SettingsDraft(session, SettingsStore(profile))
    draft.edit(model="qwen-plus")
    assert asyncio.run(draft.save({"thinking_budget": 512})) is None
    assert session.config.demo and session.demo is not None
    assert (session.config.options.model, session.config.options.thinking_budget) == ("qwen-plus", 512)


def test_the_draft_loads_no_qt() -> None:
    code = ("import sys, desktop.presenters.settings_draft; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
