"""`dashchat key set | status | clear`: the API key in the OS keyring, from a terminal."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ..keys import KEY_ENV, KeyringProblem, KeySource, KeyStore, environment_applies
from ..protocol import ApiKey
from .exits import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def _read_key() -> str:
    if sys.stdin is None or sys.stdin.closed:  # started with stdin closed (`<&-`)
        raise EOFError
    if sys.stdin.isatty():
        return getpass.getpass("DashScope API key (input hidden): ")
    return sys.stdin.read()


def run_key(action: str, profile: Path, connection: str | None = None,
            parser: argparse.ArgumentParser | None = None) -> int:
    from ..settings import SettingsStore

    settings = SettingsStore(profile).load()
    chosen = settings.find(connection) if connection else settings.connection
    if chosen is None:
        names = ", ".join(repr(c.name) for c in settings.connections)
        message = f"no connection profile named {connection!r} (there are: {names})"
        if parser is not None:
            parser.error(message)
        print(f"dashchat: {message}", file=sys.stderr)
        return EXIT_USAGE
    store = KeyStore(profile, connection=chosen.id, use_environment=environment_applies(chosen.id, chosen.base_url))
    where = f"{profile}" if len(settings.connections) == 1 else f"{profile}, connection {chosen.name!r}"
    if action == "set":
        try:
            key = ApiKey(_read_key())
        except (ValueError, EOFError, KeyboardInterrupt, OSError):
            print("dashchat: no key given; nothing was stored", file=sys.stderr)
            return EXIT_USAGE
        try:
            backend = store.store(key)
        except KeyringProblem as problem:
            print(f"dashchat: the key was not stored: {problem.message} Nothing was written anywhere else; "
                  f"set {KEY_ENV} to use a key without the keyring.", file=sys.stderr)
            return EXIT_FAILED
        print(f"Stored the API key {key.hint()} in the OS keyring ({backend}) for {where}.")
        lookup = store.lookup()
        if lookup.source is KeySource.ENVIRONMENT:
            print(f"Note: {KEY_ENV} is set and takes precedence over the stored key.")
        return EXIT_OK
    if action == "status":
        lookup = store.lookup()
        print(lookup.describe())
        if lookup.source is KeySource.ENVIRONMENT and lookup.problem is None:
            # Say whether a stored key exists too, so that unsetting the variable holds no surprise.
            stored = store.stored_lookup()
            if stored.key is not None:
                print(f"A key {stored.key.hint()} is also stored in the OS keyring ({stored.backend}).")
        return EXIT_OK if lookup.key is not None else EXIT_FAILED
    if action == "clear":
        try:
            removed = store.delete()
        except KeyringProblem as problem:
            print(f"dashchat: the key was not removed: {problem.message}", file=sys.stderr)
            return EXIT_FAILED
        print(f"Removed the stored API key of {where}." if removed else f"No API key was stored for {where}.")
        return EXIT_OK
    raise AssertionError(action)
