"""QSettings' INI files read without Qt, for the command line: loading QtCore costs `dashchat ask`
about 40 ms, more than everything else it imports besides httpx and asyncio.

Only the plain subset that `QSettings.setValue` writes for strings and numbers is read here:
lowercase `[section]` names and keys, values plain or in double quotes, with the simple
backslash escapes (\\n, \\t, \\", \\\\ ...), UTF-8. Anything else (a list, a `@Variant(...)`, a
`\\x` escape, a percent-escaped or uppercase key, a continued line, a duplicate key, a file
that is not UTF-8) makes `read_plain_ini` return None, and the caller asks QSettings, so a file
is never read differently from how the window reads it (tests/test_settings_ini.py checks that
against QSettings itself).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PlainIni", "read_plain_ini"]

_NAME = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-.")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            '"': '"', "?": "?", "'": "'", "\\": "\\"}
_BLANK = " \t"


class _NotPlain(Exception):
    """Syntax outside the plain subset: leave the file to QSettings."""


class PlainIni:
    """The values of a plain INI file, with QSettings' `value(key, default)`; keys are
    "section/key". Every value is a string, as QSettings returns a value read from a file."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values

    def value(self, key: str, default: object = None) -> object:
        return self._values.get(key, default)

    def values(self) -> dict[str, str]:
        return dict(self._values)


def read_plain_ini(path: Path) -> PlainIni | None:
    """The file's values, or None when it is not plain or cannot be read (QSettings then reads
    it, and reports nothing either)."""
    try:
        return PlainIni(_parse(path.read_bytes()))
    except (_NotPlain, UnicodeDecodeError, OSError):
        return None


def _parse(data: bytes) -> dict[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    values: dict[str, str] = {}
    prefix = ""
    sections: set[str] = set()
    # QSettings ends lines at \n, \r, \r\n or \n\r; bytes.splitlines knows the first three and
    # sees an empty line in \n\r, which is skipped like any empty line.
    for raw in data.splitlines():
        line = raw.decode("utf-8")
        if not line.strip(_BLANK):
            continue
        if line.endswith("\\") or line[0] in _BLANK:
            raise _NotPlain  # a continued line, or an indented one
        if line[0] == ";":
            continue  # a comment
        if line[0] == "[":
            end = line.find("]")
            if end < 0 or line[end + 1 :].strip(_BLANK):
                raise _NotPlain
            section = line[1:end].strip(_BLANK)
            if section in sections:
                raise _NotPlain  # QSettings merges repeated sections; not worth copying
            sections.add(section)
            if section == "general":
                raise _NotPlain  # QSettings' top level, in any case
            prefix = _name(section) + "/"
            continue
        equals = line.find("=")
        if equals < 0:
            raise _NotPlain
        key = prefix + _name(line[:equals].rstrip(_BLANK))
        if key in values:
            raise _NotPlain
        values[key] = _value(line[equals + 1 :])
    return values


def _name(text: str) -> str:
    if not text or not _NAME.issuperset(text):
        raise _NotPlain  # empty, escaped (%XX, \ for /), uppercase (case rules differ by OS) ...
    return text


def _value(text: str) -> str:
    """QSettingsPrivate::iniUnescapedStringList for one plain or quoted string."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n and text[i] in _BLANK:
        i += 1
    quoted = in_quotes = False
    chop_limit = 0  # trailing blanks are dropped back to here (not an escaped blank)
    while i < n:
        ch = text[i]
        if ch == "\\":
            if i + 1 >= n or text[i + 1] not in _ESCAPES:
                raise _NotPlain  # \x.., octal, or a character QSettings would drop
            out.append(_ESCAPES[text[i + 1]])
            i += 2
            chop_limit = len(out)
        elif ch == '"':
            quoted = True
            in_quotes = not in_quotes
            i += 1
            if not in_quotes:
                while i < n and text[i] in _BLANK:
                    i += 1
                chop_limit = len(out)
        elif ch in ",;" and not in_quotes:
            raise _NotPlain  # a list, or a comment to the end of the line
        else:
            out.append(ch)
            i += 1
    if in_quotes:
        raise _NotPlain
    if not quoted:
        while len(out) > chop_limit and out[-1] in _BLANK:
            out.pop()
    value = "".join(out)
    if value.startswith("@"):
        if not value.startswith("@@"):
            raise _NotPlain  # @Variant(...), @ByteArray(...), @Invalid() ...
        value = value[1:]
    return value
