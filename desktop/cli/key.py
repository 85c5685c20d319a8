"""`dashchat key set | status | clear`: the API key in the OS keyring, from a terminal."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from ..keys import KEY_ENV, KeyringProblem, KeySource, KeyStore
from ..protocol.secret import ApiKey
from .main import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def _read_key() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("DashScope API key (input hidden): ")
    return sys.stdin.read()


def run_key(action: str, profile: Path) -> int:
    store = KeyStore(profile)
    if action == "set":
        try:
            key = ApiKey(_read_key())
        except (ValueError, EOFError, KeyboardInterrupt):
            print("dashchat: no key given; nothing was stored", file=sys.stderr)
            return EXIT_USAGE
        try:
            backend = store.store(key)
        except KeyringProblem as problem:
            print(f"dashchat: the key was not stored: {problem.message} Nothing was written anywhere else; "
                  f"set {KEY_ENV} to use a key without the keyring.", file=sys.stderr)
            return EXIT_FAILED
        print(f"Stored the API key {key.hint()} in the OS keyring ({backend}) for {profile}.")
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
        print("Removed the stored API key." if removed else "No API key was stored for this profile.")
        return EXIT_OK
    raise AssertionError(action)
