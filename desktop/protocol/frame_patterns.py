"""How the native stream's usual frame is read fast, exactly as json.loads reads it.

Nearly every frame the service sends has one shape (the seeds' key order, no spaces, the same
tail as the frame before but for the usage numbers): these patterns read it with regular
expressions instead of a JSON parse (issue #15), accepting only what json.loads accepts and
giving the same strings; anything else is parsed by json.loads. docs/performance.md has the
figures; tests/test_fuzz_protocol.py checks every pattern against json.loads.
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

loads = json.loads
# json.loads' own scanner, called without its Python wrapper (loads -> decode -> raw_decode and two
# whitespace matches): a quarter of what reading a usual frame costs, measured. See `loads_frame`.
_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set in __init__; typeshed omits it


def loads_frame(text: str) -> Any:
    """`json.loads(text)`, exactly, for a frame's data, the hot path of a stream.

    The scanner reads one JSON value from the start of `text`; when that value is the whole text
    it is the value json.loads gives (json.loads skips whitespace around it, and there is none).
    Anything else (whitespace around it, a byte order mark, more after it, an error) is handed to
    json.loads itself, so an unreadable frame fails with json.loads' own message."""
    try:
        value, end = _scan(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return loads(text)
    if end != len(text):
        return loads(text)
    return value


# The service's usual frame, read with two pattern matches (its head, then its tail) instead of a
# JSON parse (issue #15: the parse was a third of the window's time on a fast stream). The
# patterns accept only valid JSON: strings as JSON writes them (no raw control character, only
# JSON's escapes), usage as objects of lowercase keys and non-negative integers (three levels),
# tool_info as a list of code calls. Their groups are the fields, so the frame means what
# json.loads would make of it; anything else (another key order, a float, a null, whitespace) is
# parsed by json.loads as before. docs/performance.md has the figures.
_S = r'"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"'
_K, _I = r'"[a-z_]+"', r"(?:0|[1-9][0-9]*)"
_O1 = rf"\{{{_K}:{_I}(?:,{_K}:{_I})*\}}"
_O2 = rf"\{{{_K}:(?:{_I}|{_O1})(?:,{_K}:(?:{_I}|{_O1}))*\}}"
_USAGE = rf"\{{{_K}:(?:{_I}|{_O2})(?:,{_K}:(?:{_I}|{_O2}))*\}}"
_CALL = rf'\{{"code_interpreter":\{{"code":{_S}\}},"type":"code_interpreter"\}}'
_HEAD = (rf'\{{"output":\{{"choices":\[\{{"message":\{{"content":({_S})(?:,"reasoning_content":({_S}))?,'
         rf'"role":"assistant"\}},"finish_reason":({_S})\}}\]')
_TAIL = rf'(?:,"tool_info":(\[(?:{_CALL}(?:,{_CALL})*)?\]))?\}},"usage":({_USAGE}),"request_id":({_S})\}}'
USUAL_HEAD = re.compile(_HEAD).match
USUAL_TAIL = re.compile(_TAIL).fullmatch
_NUMBER = re.compile(r"([0-9]+)")


def same_tail(tools: str | None, usage: str, request_id: str) -> str:
    """A pattern for the tails of the frames that follow one with this tail: the same tool_info
    and request id, character for character, and the same usage but for its numbers (usage holds
    only lowercase keys and integers, so its digit runs are its numbers). It accepts only what
    _TAIL accepts, and its group is the usage. Matching it is mostly comparing characters: half the
    time of _TAIL's, which reads the tool list and the usage's structure again in every frame."""
    parts = _NUMBER.split(usage)
    numbers = "".join(_I if odd else re.escape(part) for odd, part in zip(itertools.cycle((False, True)), parts))
    tool_part = re.escape(',"tool_info":' + tools) if tools is not None else ""
    return f'{tool_part}\\}},"usage":({numbers}),"request_id":{re.escape(request_id)}\\}}'


# The start of a whole SSE frame as FrameDecoder's _USUAL reads it (sse.py), with event `result`
# and status 200 and a usual frame's head as its data; followed by a same_tail pattern and the
# blank line, it reads a frame with the tail of the one before in one match, the decoder's work
# and the parser's (`NativeParser.frames_at`). Groups: the id, _HEAD's, the usage.
RUN_START = r"id:([^\s\0][^\n\0]*)\nevent:result\n:HTTP_STATUS/200\ndata:" + _HEAD
NULL = '"null"'


def string_of(literal: str) -> str:
    """A JSON string literal matched by _S: its text (json.loads only when it has escapes)."""
    return literal[1:-1] if "\\" not in literal else loads(literal)
