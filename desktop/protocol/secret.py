"""The API key, wrapped so that printing, logging or storing it by mistake shows nothing."""

from __future__ import annotations


class ApiKey:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        value = value.strip()
        if not value:
            raise ValueError("an API key cannot be empty")
        self._value = value

    def reveal(self) -> str:
        """The key itself: only for the Authorization header."""
        return self._value

    def hint(self) -> str:
        """At most the last four characters, for a user checking which key is in use."""
        return "…" + self._value[-4:] if len(self._value) > 8 else "…"

    def __repr__(self) -> str:
        return "ApiKey(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> object:
        raise TypeError("an API key cannot be pickled")
