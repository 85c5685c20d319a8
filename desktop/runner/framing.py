"""What the built-in runner's child (kernel.py) writes: on stdout and stderr, the code's own text
with the kernel's messages framed in between (FRAME, the run's token, ":", one JSON object, a
newline); read here into text and messages, in order, and the messages' outputs into Outputs.
"""

from __future__ import annotations

import base64
import codecs
import json
from collections.abc import Callable
from typing import IO

from ..model.output import Output

FRAME = b"\x00\x1edashchat:"  # as in kernel.py


def read_frames(stream: IO[bytes], token: str, on_text: Callable[[str], None],
                on_message: Callable[[dict[str, object]], None]) -> None:
    """Split one of the child's streams into text and framed messages, in order, until it ends.
    `on_text` may be given "" (nothing between two messages)."""
    frame = FRAME + token.encode("ascii") + b":"
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    pending = b""
    read = getattr(stream, "read1", stream.read)
    while True:
        try:
            chunk = read(65536)
        except (OSError, ValueError):
            chunk = b""
        if not chunk:
            break
        pending += chunk
        while True:
            at = pending.find(frame)
            if at < 0:
                break
            end = pending.find(b"\n", at)
            if end < 0:
                break  # the rest of the message is still on its way
            on_text(decoder.decode(pending[:at]))
            try:
                message = json.loads(pending[at + len(frame):end])
            except ValueError:
                message = None
            if isinstance(message, dict):
                on_message(message)
            pending = pending[end + 1:]
        at = pending.find(frame)
        if at < 0:  # hold back only what could be the start of a frame
            keep = next((n for n in range(min(len(frame) - 1, len(pending)), 0, -1)
                         if pending.endswith(frame[:n])), 0)
            at = len(pending) - keep
        on_text(decoder.decode(pending[:at]))
        pending = pending[at:]
    on_text(decoder.decode(pending, final=True))


def cell_of(message: dict[str, object]) -> int:
    """The message's cell position; -1 when it names none."""
    value = message.get("cell")
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def output_of(message: dict[str, object]) -> Output | None:
    """The Output an output message carries; None for any other message (or a broken image)."""
    kind = message.get("type")
    text = str(message.get("text", ""))
    if kind == "stream":
        return Output.stream(str(message.get("name", "stdout")), text)
    if kind == "execute_result":
        return Output.result(text)
    if kind == "display_data":
        return Output.display(text)
    if kind == "error":
        traceback = message.get("traceback")
        lines = [str(line) for line in traceback] if isinstance(traceback, list) else []
        return Output.error(str(message.get("ename", "Error")), str(message.get("evalue", "")), lines)
    if kind == "image":
        try:
            data = base64.b64decode(str(message.get("data", "")))
        except ValueError:
            return None
        return Output.image(data, str(message.get("mime") or "image/png"))
    return None
