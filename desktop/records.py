"""Record: a frozen record of named fields, written out, for the small value classes the window
creates before its first frame.

@dataclass(frozen=True) builds each class's __init__, __repr__, __eq__, __hash__, __setattr__
and __delattr__ by compiling generated source at import (an exec per method): ~3 M
instructions a class, which for the two dozen imported before the first frame was a tenth of
dashchat's start-up beyond a plain PySide6 window of the same widgets (callgrind, 2026-12). A
Record subclass names its fields in __slots__ (in order) and sets them in a hand-written
__init__ with object.__setattr__, as a frozen dataclass's does; this base gives the rest, as
the dataclass did: == between records of the same class, hash and repr over the fields,
assignment refused with dataclasses.FrozenInstanceError, copy and pickle. Fields listed in
_NOT_IN_REPR are left out of repr (field(repr=False)). `replaced(**changes)` is
dataclasses.replace() for a record.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class Record:
    __slots__: tuple[str, ...] = ()
    _NOT_IN_REPR: ClassVar[frozenset[str]] = frozenset()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def replaced(self, **changes: Any) -> Self:
        """A copy with the fields in `changes` set otherwise, made by the class's __init__ (as
        dataclasses.replace)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{type(self).__qualname__} has no field {sorted(unknown)[0]!r}")
        values.update(changes)
        return type(self)(**values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Record)
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__
                           if name not in self._NOT_IN_REPR)
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError  # on first use: the module costs ~2 ms at start-up

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            object.__setattr__(self, name, value)
