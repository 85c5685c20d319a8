"""The API key, wrapped so that printing, logging or storing it by mistake shows nothing.

Every key wrapped here is also registered, for this process only, as a secret that log output
must not contain (`desktop.logs` redacts registered secrets from every record it writes).
"""

from __future__ import annotations

import re
import threading
from typing import NoReturn

REDACTED = "[redacted]"
# Echoed tails shorter than this are too common to be the key's (and too short to guess it by).
MIN_TAIL = 4
# `scheme://user:password@`: the user info of any URL in a text.
_USERINFO = re.compile(r"""(\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^\s/?#@'"<>]+@""")

_registry_lock = threading.Lock()
_registered: set[str] = set()


def register_secret(value: str) -> None:
    """Remember `value` as a secret to redact from logs (in memory only, never written)."""
    value = value.strip()
    if value:
        with _registry_lock:
            _registered.add(value)


def registered_secrets() -> tuple[str, ...]:
    """The secrets registered so far, longest first (so that a longer one is replaced whole)."""
    with _registry_lock:
        return tuple(sorted(_registered, key=len, reverse=True))


def redact_userinfo(text: str) -> str:
    """Every URL in `text` without its user name and password."""
    return _USERINFO.sub(lambda m: m.group(1) + REDACTED + "@", text)


def without_secret(text: str, secret: str) -> str:
    """`text` without `secret`, nor any tail of it of MIN_TAIL or more characters: a gateway
    that echoes "...key ending in 3f9a" must not get those characters shown or stored."""
    if len(secret) < MIN_TAIL or not text:
        return text
    tails = "|".join(re.escape(secret[-n:]) for n in range(len(secret), MIN_TAIL - 1, -1))
    return re.sub(tails, REDACTED, text)


class ApiKey:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        value = value.strip()
        if not value:
            raise ValueError("an API key cannot be empty")
        self._value = value
        register_secret(value)

    def reveal(self) -> str:
        """The key itself: only for the Authorization header."""
        return self._value

    def hint(self) -> str:
        """At most the last four characters, for a user checking which key is in use."""
        return "…" + self._value[-4:] if len(self._value) > 8 else "…"

    def sendable(self) -> bool:
        """Whether the key can go in an HTTP header: printable ASCII, no spaces or controls.
        (A key pasted with a smart quote or a line break would otherwise make the HTTP
        library raise, some of them with the header value, key included, in the message.)"""
        return all("!" <= c <= "~" for c in self._value)

    def __repr__(self) -> str:
        return "ApiKey(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> NoReturn:
        raise TypeError("an API key cannot be pickled")
