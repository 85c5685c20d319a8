"""The settings dialog's state and rules, without Qt: the connection profiles as edited, the keys
typed for them, what is wrong with them, and the save sequence (keys to the OS keyring or to
memory, keys of deleted profiles removed, settings.ini written, the session told).

Edits stay in the draft until `save`: showing another profile keeps what was typed for the one
left (its key included), and saving writes them all and makes the profile shown the one the
next question uses. The view (desktop/ui/settings_dialog.py) shows the draft and words its
outcomes: every problem here is a `Problem` with a kind and the names it needs, so the window
can say it in the user's language.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..config import Connection, key_required
from ..keys import KeyLookup, KeyringProblem, KeySource, KeyStore, environment_applies
from ..protocol import COMPATIBLE, CUSTOM, DEFAULT_MODEL, NOTHING_STORED, ApiKey
from ..settings import Settings, SettingsStore, proxy_problem

if TYPE_CHECKING:
    from ..protocol import CheckResult
    from ..session import ChatSession


class Trouble(StrEnum):
    NO_NAME = "no-name"  # a profile without a name
    NAME_TAKEN = "name-taken"  # `name`: the other profile's
    NO_URL = "no-url"  # a custom region without a base URL
    BAD_URL = "bad-url"
    BAD_PROXY = "bad-proxy"  # `reason`: why
    KEY_NOT_REMOVED = "key-not-removed"  # a deleted profile's key stays in the keyring; `reason`
    KEY_NOT_STORED = "key-not-stored"  # the keyring refused a typed key; `reason`


@dataclass(frozen=True, slots=True)
class Problem:
    kind: Trouble
    connection_id: str = ""  # the profile to show, if any
    name: str = ""  # the profile's name (or, for NAME_TAKEN, the other profile's)
    reason: str = ""


class KeyState(StrEnum):
    CHECKING = "checking"  # the keyring is being asked
    NEEDS_URL = "needs-url"  # a custom profile without its base URL yet
    NOT_NEEDED = "not-needed"  # a local server: no key needed, none stored
    KNOWN = "known"  # `lookup.describe()` says it


@dataclass(frozen=True, slots=True)
class KeyView:
    """What the key box shows for a profile."""

    state: KeyState
    ok: bool = False  # a key is there, or none is needed
    removable: bool = False  # a key of this profile is in the keyring
    lookup: KeyLookup | None = None
    needed: bool = True


@dataclass(frozen=True, slots=True)
class TestOutcome:
    connection_id: str
    no_key: bool = False  # nothing to test with, and the profile needs a key
    result: CheckResult | None = None
    with_key: bool = False
    url: str = ""
    model: str = ""


class Forgotten(StrEnum):
    REMOVED = "removed"
    NOTHING = "nothing"
    FAILED = "failed"


class SettingsDraft:
    def __init__(self, session: ChatSession, store: SettingsStore) -> None:
        self._session = session
        self._store = store
        self.loaded = store.load()
        self.connections: list[Connection] = list(self.loaded.connections)
        self.deleted: list[Connection] = []  # their keys are removed on save
        self.new_ids: set[str] = set()  # made here and not saved yet: their id follows their name
        self.pending: dict[str, ApiKey] = {}  # keys typed, by profile id, not yet saved
        self.remember: dict[str, bool] = {}  # False: a typed key is kept for this session only
        self.results: dict[str, str] = {}  # the last Test or Remove result shown, by profile id
        self.keep_orphaned_keys = False  # the user chose to save although a deleted key stays
        self._lookups: dict[tuple[str, bool], tuple[KeyLookup, bool]] = {}  # (id, env) -> (lookup, stored)
        self._refreshing: set[tuple[str, bool]] = set()
        in_use = session.config.connection_id
        self.in_use = in_use if any(c.id == in_use for c in self.connections) else self.loaded.connection.id
        self.shown = self.in_use

    # -- the profiles -------------------------------------------------------------------------

    def connection(self, connection_id: str | None = None) -> Connection:
        """A profile as edited so far (the one shown by default)."""
        wanted = self.shown if connection_id is None else connection_id
        return next(c for c in self.connections if c.id == wanted)

    def edit(self, **fields: Any) -> Connection:
        """Change fields of the profile shown (name, protocol, region, custom_base_url, model)."""
        connection = self.connection().replaced(**fields)
        self.connections = [connection if c.id == connection.id else c for c in self.connections]
        return connection

    def show(self, connection_id: str, typed: ApiKey | None, remember: bool) -> ApiKey | None:
        """Keep what was typed for the profile shown, show another; its typed key, if any."""
        self.keep_typed(typed, remember)
        self.shown = connection_id
        return self.pending.get(connection_id)

    def keep_typed(self, typed: ApiKey | None, remember: bool) -> None:
        if typed is not None:
            self.pending[self.shown] = typed
        else:
            self.pending.pop(self.shown, None)
        self.remember[self.shown] = remember

    def name_of(self, connection_id: str) -> str:
        for connection in (*self.connections, *self.deleted):
            if connection.id == connection_id:
                return connection.name
        return connection_id

    def new_profile(self, name: str) -> Connection:
        """A new OpenAI-compatible profile with a custom URL, named `name` (numbered if taken)."""
        names = {c.name.strip().casefold() for c in self.connections}
        base, number = name, 2
        while name.casefold() in names:
            name, number = f"{base} {number}", number + 1
        taken = Settings(connections=(*self.connections, *self.deleted))  # never a deleted profile's id
        connection = Connection(id=taken.new_id(name), name=name, protocol=COMPATIBLE, region=CUSTOM)
        self.connections.append(connection)
        self.new_ids.add(connection.id)
        return connection

    def delete(self, connection_id: str) -> bool:
        """Drop a profile (its stored key goes on save); never the last one."""
        if len(self.connections) <= 1:
            return False
        gone = self.connection(connection_id)
        self.pending.pop(gone.id, None)
        if gone.id in self.new_ids:
            self.new_ids.discard(gone.id)  # never saved: no key of its own anywhere
        else:
            self.deleted.append(gone)
        self.connections = [c for c in self.connections if c.id != gone.id]
        return True

    def settle_new_ids(self) -> dict[str, str]:
        """A profile made in this draft gets the id of the name it was given (its keyring account
        names it), as long as nothing was stored under the provisional one. Old id -> new."""
        moved: dict[str, str] = {}
        for old in list(self.new_ids):
            connection = self.connection(old)
            others = Settings(connections=(*[c for c in self.connections if c.id != old], *self.deleted))
            new = others.new_id(connection.name)
            if new == old:
                continue
            self.connections = [c.replaced(id=new) if c.id == old else c for c in self.connections]
            tables: tuple[dict[str, Any], ...] = (self.pending, self.remember, self.results)
            for table in tables:
                if old in table:
                    table[new] = table.pop(old)
            self.new_ids = (self.new_ids - {old}) | {new}
            if self.shown == old:
                self.shown = new
            moved[old] = new
        return moved

    # -- what is wrong ------------------------------------------------------------------------

    def name_problem(self, connection: Connection) -> Problem | None:
        name = connection.name.strip()
        if not name:
            return Problem(Trouble.NO_NAME, connection.id)
        for other in self.connections:
            if other.id != connection.id and other.name.strip().casefold() == name.casefold():
                return Problem(Trouble.NAME_TAKEN, connection.id, other.name)
        return None

    @staticmethod
    def url_problem(connection: Connection) -> Problem | None:
        if connection.region != CUSTOM:
            return None
        url = connection.custom_base_url.strip()
        if not url:
            return Problem(Trouble.NO_URL, connection.id, connection.name)
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            return Problem(Trouble.BAD_URL, connection.id, connection.name)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Problem(Trouble.BAD_URL, connection.id, connection.name)
        return None

    def problem(self, proxy: str) -> Problem | None:
        """The first reason not to save: the proxy, then the profile shown (blamed for a name
        clash), then the others in order."""
        reason = proxy_problem(proxy)
        if reason is not None:
            return Problem(Trouble.BAD_PROXY, reason=reason)
        shown = self.connection()
        for connection in (shown, *[c for c in self.connections if c.id != shown.id]):
            problem = self.name_problem(connection) or self.url_problem(connection)
            if problem is not None:
                return problem
        return None

    # -- the keys -----------------------------------------------------------------------------

    def key_store(self, connection: Connection) -> KeyStore:
        return self._session.key_store(connection.id, connection.base_url)

    @staticmethod
    def _slot(connection: Connection) -> tuple[str, bool]:
        return connection.id, environment_applies(connection.id, connection.base_url)

    def key_view(self, connection: Connection) -> KeyView:
        """What is known of the profile's key; CHECKING until `look_up` has asked the keyring."""
        needed = key_required(connection.protocol, connection.base_url)
        cached = self._lookups.get(self._slot(connection))
        if cached is None:
            return KeyView(KeyState.CHECKING, needed=needed)
        lookup, stored = cached
        ok = lookup.key is not None or not needed
        if connection.region == CUSTOM and not connection.custom_base_url:
            state = KeyState.NEEDS_URL
        elif lookup.key is None and not needed:
            state = KeyState.NOT_NEEDED
        else:
            state = KeyState.KNOWN
        return KeyView(state, ok, stored, lookup, needed)

    def needs_lookup(self, connection: Connection) -> bool:
        """Whether the keyring should be asked (not yet asked, and not being asked now)."""
        slot = self._slot(connection)
        if slot in self._lookups or slot in self._refreshing:
            return False
        self._refreshing.add(slot)
        return True

    async def look_up(self, connection: Connection) -> None:
        slot = self._slot(connection)
        keys = self.key_store(connection)
        try:
            lookup = await keys.lookup_async()
            stored = lookup.source is KeySource.KEYRING
            if lookup.source is KeySource.ENVIRONMENT:
                stored = (await asyncio.get_running_loop().run_in_executor(None, keys.stored_lookup)).key is not None
            self._lookups[slot] = (lookup, stored)
        finally:
            self._refreshing.discard(slot)

    def _forget_lookup(self, connection: Connection) -> None:
        for slot in [s for s in self._lookups if s[0] == connection.id]:
            del self._lookups[slot]

    async def test(self, typed: ApiKey | None, general: Mapping[str, Any]) -> TestOutcome:
        """One cheap request with the profile shown as edited and its key (typed, else stored)."""
        connection = self.connection()
        key = typed or (await self.key_store(connection).lookup_async()).key
        if key is None and key_required(connection.protocol, connection.base_url):
            return TestOutcome(connection.id, no_key=True)
        settings = self.settings(general)
        result = await self._session.check(key, settings.config(self._session.config.profile))
        return TestOutcome(connection.id, False, result, key is not None, connection.base_url, settings.model)

    async def forget(self) -> tuple[Forgotten, str]:
        """Remove the stored key of the profile shown: what happened, and why it failed."""
        connection = self.connection()
        try:
            removed = await self.key_store(connection).delete_async()
        except KeyringProblem as problem:
            return Forgotten.FAILED, problem.message
        self._forget_lookup(connection)
        return (Forgotten.REMOVED if removed else Forgotten.NOTHING), ""

    # -- saving -------------------------------------------------------------------------------

    def settings(self, general: Mapping[str, Any]) -> Settings:
        """What saving writes: every profile as edited, the one shown active; `general` is what
        Settings ▸ General holds (Settings' own keywords)."""
        connections = tuple(c.replaced(model=c.model or DEFAULT_MODEL) for c in self.connections)
        # From what was loaded: settings kept elsewhere (the question box's Enter key, the font
        # zoom) are not the dialog's to reset.
        return self.loaded.replaced(connections=connections, active=self.shown, **general)

    def dirty(self, general: Mapping[str, Any]) -> bool:
        """Whether saving would change anything: settings.ini, a key, a deleted profile."""
        return bool(self.pending or self.deleted) or self.settings(general) != self.loaded

    async def save(self, general: Mapping[str, Any]) -> Problem | None:
        """The save sequence, once `problem` found nothing: deleted profiles' keys removed, typed
        keys stored (or kept in memory where unticked), then `finish`. A Problem stops it where
        it failed; nothing after that point has happened."""
        self.settle_new_ids()
        problem = await self._remove_deleted_keys()
        if problem is None:
            problem = await self._store_keys()
        if problem is None:
            await self.finish(general)
        return problem

    async def _remove_deleted_keys(self) -> Problem | None:
        for connection in list(self.deleted):
            try:
                await self.key_store(connection).delete_async()
            except KeyringProblem as problem:
                if problem.code not in NOTHING_STORED and not self.keep_orphaned_keys:
                    return Problem(Trouble.KEY_NOT_REMOVED, "", connection.name, problem.message)
            self.deleted.remove(connection)
        return None

    async def _store_keys(self) -> Problem | None:
        """Each typed key goes to its own profile's keyring entry (or, unticked, to memory)."""
        for connection in list(self.connections):
            key = self.pending.get(connection.id)
            if key is None:
                continue
            keys = self.key_store(connection)
            if self.remember.get(connection.id, True):
                try:
                    await keys.store_async(key)
                except KeyringProblem as problem:
                    # Never a silent plaintext fallback: say why, and let the user choose.
                    return Problem(Trouble.KEY_NOT_STORED, connection.id, connection.name, problem.message)
                self.new_ids.discard(connection.id)  # its keyring entry names this id now
            else:
                keys.use_for_session(key)
            del self.pending[connection.id]
            self._forget_lookup(connection)
        return None

    async def use_for_session(self, general: Mapping[str, Any]) -> Settings:
        """The keyring refused: keep every typed key in memory for this session, and save the rest."""
        for connection_id, key in self.pending.items():
            self.key_store(self.connection(connection_id)).use_for_session(key)
        self.pending.clear()
        return await self.finish(general)

    async def finish(self, general: Mapping[str, Any]) -> Settings:
        """Write settings.ini and tell the session. A demo stays a demo: the settings apply to
        the connection it would otherwise use."""
        settings = self.settings(general)
        # The zoom is the window's (View ▸ Zoom) and may have changed while the dialog was open.
        settings = settings.replaced(font_zoom=self._store.load().font_zoom)
        self._store.save(settings)
        self.loaded = settings
        config = self._session.config
        await self._session.apply_config(settings.config(config.profile, demo=config.demo))
        return settings
