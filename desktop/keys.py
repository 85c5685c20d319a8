"""Where the API key comes from: the environment, this session's memory, or the OS keyring.

The key is written nowhere but the OS keyring (macOS Keychain, Windows Credential Locker,
Secret Service / KWallet on Linux). There is no plaintext fallback: when no secure keyring can
be used, the user is told why and may keep the key in memory for this session, or use the
environment variable. A failed read never deletes or overwrites the stored key.

Keyring calls block (D-Bus on Linux, and possibly an unlock prompt): the async methods run
them in a worker thread so the window never freezes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .config import DEFAULT_CONNECTION, is_dashscope
from .protocol import ApiKey, Code
from .records import Record

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "dashchat"
KEY_ENV = "DASHSCOPE_API_KEY"
# Hosts besides DashScope's own that the user trusts with DASHSCOPE_API_KEY (a company gateway
# in front of DashScope): comma-separated, `host` or `host:port`.
KEY_HOSTS_ENV = "DASHCHAT_KEY_HOSTS"


class KeySource(StrEnum):
    ENVIRONMENT = "environment"
    SESSION = "session"  # typed in this session, kept in memory only
    KEYRING = "keyring"
    NONE = "none"


class KeyringProblem(Exception):
    """The OS keyring could not be used. `code` is stable; the message is for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class KeyLookup(Record):
    """The key a request would use, where it came from, and what went wrong reading the keyring."""

    __slots__ = ("key", "source", "problem", "backend")
    __match_args__ = ("key", "source", "problem", "backend")
    key: ApiKey | None
    source: KeySource
    problem: KeyringProblem | None  # set when the keyring was asked and failed
    backend: str

    def __init__(self, key: ApiKey | None, source: KeySource, problem: KeyringProblem | None = None,
                 backend: str = "") -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "problem", problem)
        object.__setattr__(self, "backend", backend)

    def describe(self) -> str:
        """One line for `dashchat key status` and the settings dialog (never the key)."""
        if self.key is not None:
            where = {
                KeySource.ENVIRONMENT: f"the environment variable {KEY_ENV}",
                KeySource.SESSION: "memory, for this session only",
                KeySource.KEYRING: f"the OS keyring ({self.backend})",
            }[self.source]
            return f"Using the API key {self.key.hint()} from {where}."
        if self.problem is not None:
            return f"No API key available: {self.problem.message} {KEY_ENV} works without a keyring."
        return f"No API key stored. Add one with 'dashchat key set' or the settings, or set {KEY_ENV}."


def account_for(profile: Path, connection: str = DEFAULT_CONNECTION) -> str:
    """One key per profile and connection profile: the keyring entry names both (not secret).
    The first connection keeps the entry dashchat used before there were connection profiles."""
    account = f"api-key:{profile.expanduser().resolve()}"
    return account if connection == DEFAULT_CONNECTION else f"{account}#{connection}"


def environment_applies(connection: str, base_url: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether DASHSCOPE_API_KEY may go to `base_url`: only to DashScope's own hosts
    (`is_dashscope`: dashscope*.aliyuncs.com), or a host the user listed in DASHCHAT_KEY_HOSTS. Never to another
    gateway, proxy or local server, whichever connection profile points there: the key is
    DashScope's, and the README's local-server example must not receive it. (`connection` no
    longer matters; callers still name it.)"""
    del connection
    if is_dashscope(base_url):
        return True
    env = os.environ if environ is None else environ
    return _listed(base_url, env.get(KEY_HOSTS_ENV, ""))


def _listed(base_url: str, hosts: str) -> bool:
    from .protocol import host_and_port

    try:
        parts = urlsplit(base_url.strip())
        host, port = (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return False
    for entry in hosts.split(","):
        name, wanted = host_and_port(entry.strip().lower())
        if host and name == host and wanted in (None, port):
            return True
    return False


def _backend() -> KeyringBackend:
    import keyring  # imported late: it costs ~20 ms and probes D-Bus on Linux

    return keyring.get_keyring()


def backend_name(backend: object) -> str:
    name = getattr(backend, "name", None) or type(backend).__name__
    return str(name)


def _check_secure(backend: object) -> None:
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        raise KeyringProblem(
            Code.NO_KEYRING,
            "no OS keyring is available here (on Linux a Secret Service such as GNOME Keyring or "
            "KWallet must be running in your session).",
        )
    if "Plaintext" in name or module.startswith("keyrings.alt"):
        raise KeyringProblem(
            Code.INSECURE_KEYRING,
            f"the configured keyring ({module}.{name}) stores secrets unencrypted, so dashchat will "
            "not use it.",
        )


def _translate(exc: Exception) -> KeyringProblem:
    from keyring.errors import InitError, KeyringLocked, NoKeyringError

    text = str(exc) or type(exc).__name__
    if isinstance(exc, KeyringProblem):
        return exc
    if isinstance(exc, NoKeyringError):
        return KeyringProblem(Code.NO_KEYRING, f"no OS keyring is available here ({text}).")
    if isinstance(exc, KeyringLocked) or "dismissed" in text.lower() or "locked" in text.lower():
        return KeyringProblem(
            Code.KEYRING_LOCKED,
            "the OS keyring is locked and was not unlocked (the unlock prompt was dismissed or could "
            "not be shown). Unlock it and try again; the stored key is untouched.",
        )
    if isinstance(exc, InitError):
        return KeyringProblem(Code.KEYRING_UNAVAILABLE, f"the OS keyring could not be opened ({text}).")
    return KeyringProblem(Code.KEYRING_ERROR, f"the OS keyring failed: {text}")


class KeyStore:
    """The key of one connection profile. `use_environment`: whether DASHSCOPE_API_KEY applies
    to it (see `environment_applies`). `memory`: where keys kept for this session only live,
    shared by every KeyStore of a session (one per profile and base URL), so that such a key
    stays with its connection profile when the base URL changes."""

    def __init__(self, profile: Path, environ: Mapping[str, str] | None = None,
                 connection: str = DEFAULT_CONNECTION, use_environment: bool = True,
                 memory: dict[str, ApiKey] | None = None) -> None:
        self.account = account_for(profile, connection)
        self.connection = connection
        self._environ = os.environ if environ is None else environ
        self.use_environment = use_environment
        self._memory: dict[str, ApiKey] = {} if memory is None else memory

    def __repr__(self) -> str:
        return f"KeyStore(account={self.account!r})"

    # -- blocking calls (run them in a worker thread from async code) -----------------------

    def _environment_key(self) -> str:
        return self._environ.get(KEY_ENV, "").strip() if self.use_environment else ""

    def lookup(self) -> KeyLookup:
        value = self._environment_key()
        if value:
            return KeyLookup(ApiKey(value), KeySource.ENVIRONMENT)
        session_key = self._memory.get(self.account)
        if session_key is not None:
            return KeyLookup(session_key, KeySource.SESSION)
        return self.stored_lookup()

    def stored_lookup(self) -> KeyLookup:
        """The OS keyring only, whatever the environment says."""
        try:
            backend = _backend()
            _check_secure(backend)
            stored = backend.get_password(SERVICE, self.account)
        except Exception as exc:  # noqa: BLE001 - every keyring failure becomes a KeyringProblem
            return KeyLookup(None, KeySource.NONE, _translate(exc))
        name = backend_name(backend)
        if stored and stored.strip():
            return KeyLookup(ApiKey(stored), KeySource.KEYRING, backend=name)
        return KeyLookup(None, KeySource.NONE, backend=name)

    def store(self, key: ApiKey) -> str:
        """Save the key in the OS keyring; returns the keyring's name. Raises KeyringProblem."""
        try:
            backend = _backend()
            _check_secure(backend)
            backend.set_password(SERVICE, self.account, key.reveal())
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc) from None
        self._memory.pop(self.account, None)
        return backend_name(backend)

    def delete(self) -> bool:
        """Remove the stored key; False when none was stored. Raises KeyringProblem."""
        from keyring.errors import PasswordDeleteError

        self._memory.pop(self.account, None)
        try:
            backend = _backend()
            _check_secure(backend)
            backend.delete_password(SERVICE, self.account)
        except PasswordDeleteError:
            return False
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc) from None
        return True

    # -- memory only ------------------------------------------------------------------------

    def use_for_session(self, key: ApiKey | None) -> None:
        """Keep a key in memory for this run only (when the keyring cannot be used)."""
        if key is None:
            self._memory.pop(self.account, None)
        else:
            self._memory[self.account] = key

    # -- async wrappers (asyncio is imported here: the window paints before it loads it) -----

    async def lookup_async(self) -> KeyLookup:
        if self._environment_key() or self.account in self._memory:
            return self.lookup()  # no keyring call: no worker thread to start (and join at exit)
        import asyncio

        return await asyncio.get_running_loop().run_in_executor(None, self.lookup)

    async def store_async(self, key: ApiKey) -> str:
        import asyncio

        return await asyncio.get_running_loop().run_in_executor(None, self.store, key)

    async def delete_async(self) -> bool:
        import asyncio

        return await asyncio.get_running_loop().run_in_executor(None, self.delete)
