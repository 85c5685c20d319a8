"""What running an executed code call printed or showed: streams, the last expression's value,
an exception, images. The service runs the code but returns only the code; these come from
running it locally (desktop/runner/) or from an imported ChatGPT export. Pure: no Qt, no sqlite.

The kinds follow Jupyter's output types, so a notebook export maps them one to one.
"""

from __future__ import annotations

import base64
from enum import StrEnum

from ..records import Record

# An output is stored whole up to this many bytes (UTF-8 for text); beyond it the text is cut
# and the output says so (`truncated`, `size` the original length). Views may show less.
MAX_OUTPUT_BYTES = 1_000_000
# An image cannot be cut usefully: one larger than this is kept as a note, without its bytes.
MAX_IMAGE_BYTES = 10_000_000


class OutputKind(StrEnum):
    STREAM = "stream"  # name: "stdout" or "stderr"; text
    RESULT = "execute_result"  # text: the last expression's value (its repr), as a notebook shows it
    DISPLAY = "display_data"  # text: something shown with display(), or a note about an image
    ERROR = "error"  # name: the exception's type (ename); text: its message (evalue); traceback
    IMAGE = "image"  # data: PNG bytes (mime image/png)


class Output(Record):
    __slots__ = ("kind", "text", "name", "traceback", "data", "mime", "truncated", "size")
    __match_args__ = ("kind", "text", "name", "traceback", "data", "mime", "truncated", "size")
    _NOT_IN_REPR = frozenset({'data'})
    kind: OutputKind
    text: str
    name: str
    traceback: tuple[str, ...]
    data: bytes
    mime: str  # images: "image/png"
    truncated: bool  # cut to MAX_OUTPUT_BYTES (or an image left out): `size` says how big it was
    size: int  # the original size in bytes (text as UTF-8), when truncated

    def __init__(self, kind: OutputKind, text: str = "", name: str = "", traceback: tuple[str, ...] = (),
                 data: bytes = b"", mime: str = "", truncated: bool = False, size: int = 0) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "traceback", traceback)
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "mime", mime)
        object.__setattr__(self, "truncated", truncated)
        object.__setattr__(self, "size", size)

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def stream(cls, name: str, text: str, truncated: bool = False, size: int = 0) -> Output:
        return _capped(cls(OutputKind.STREAM, text, name=name, truncated=truncated, size=size))

    @classmethod
    def result(cls, text: str) -> Output:
        return _capped(cls(OutputKind.RESULT, text))

    @classmethod
    def display(cls, text: str) -> Output:
        return _capped(cls(OutputKind.DISPLAY, text))

    @classmethod
    def error(cls, ename: str, evalue: str, traceback: list[str] | tuple[str, ...] = ()) -> Output:
        return _capped(cls(OutputKind.ERROR, evalue, name=ename, traceback=tuple(traceback)))

    @classmethod
    def image(cls, png: bytes, mime: str = "image/png") -> Output:
        if len(png) > MAX_IMAGE_BYTES:
            return cls(OutputKind.IMAGE, f"[{mime}, {len(png)} bytes: too large to keep]", mime=mime,
                       truncated=True, size=len(png))
        return cls(OutputKind.IMAGE, data=png, mime=mime)

    # -- reading ----------------------------------------------------------------------------

    @property
    def is_error(self) -> bool:
        return self.kind is OutputKind.ERROR

    @property
    def searchable_text(self) -> str:
        """What search finds this output by (images: nothing)."""
        if self.kind is OutputKind.IMAGE:
            return ""
        if self.kind is OutputKind.ERROR:
            return "\n".join((f"{self.name}: {self.text}", *self.traceback))
        return self.text

    def plain(self) -> str:
        """The output as a terminal or a plain-text export shows it."""
        if self.kind is OutputKind.IMAGE:
            note = f"[{self.mime or 'image'}, {len(self.data)} bytes]" if self.data else self.text
            return note
        if self.kind is OutputKind.ERROR:
            body = "\n".join(self.traceback) if self.traceback else f"{self.name}: {self.text}"
            return body
        return self.text + (f"\n[… output cut at {MAX_OUTPUT_BYTES} bytes of {self.size}]" if self.truncated else "")

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": str(self.kind)}
        if self.name:
            data["name"] = self.name
        if self.kind is not OutputKind.IMAGE or not self.data:
            data["text"] = self.text
        if self.traceback:
            data["traceback"] = list(self.traceback)
        if self.data:
            data["data"] = base64.b64encode(self.data).decode("ascii")
        if self.mime:
            data["mime"] = self.mime
        if self.truncated:
            data["truncated"] = True
            data["size"] = self.size
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Output:
        """The inverse of `to_dict`; raises ValueError on what it cannot read."""
        try:
            kind = OutputKind(str(data["kind"]))
        except (KeyError, ValueError):
            raise ValueError(f"unknown output kind: {data.get('kind')!r}") from None
        traceback = data.get("traceback") or []
        if not isinstance(traceback, list):
            raise ValueError("an output's traceback must be a list")
        raw = data.get("data")
        try:
            payload = base64.b64decode(str(raw), validate=True) if raw else b""
        except ValueError:
            raise ValueError("an output's data is not base64") from None
        size = data.get("size")
        return cls(kind, str(data.get("text") or ""), name=str(data.get("name") or ""),
                   traceback=tuple(str(line) for line in traceback), data=payload,
                   mime=str(data.get("mime") or ""), truncated=bool(data.get("truncated")),
                   size=size if isinstance(size, int) else 0)


def cut(text: str, limit: int = MAX_OUTPUT_BYTES) -> tuple[str, bool, int]:
    """`text` within `limit` UTF-8 bytes (never splitting a character), whether it was cut,
    and its original size in bytes."""
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) <= limit:
        return text, False, len(encoded)
    return encoded[:limit].decode("utf-8", "ignore"), True, len(encoded)


def _capped(output: Output) -> Output:
    text, was_cut, size = cut(output.text)
    if not was_cut:
        return output
    return Output(output.kind, text, output.name, output.traceback, output.data, output.mime, True,
                  max(size, output.size))


def merged(outputs: list[Output]) -> list[Output]:
    """Consecutive chunks of the same stream joined into one output, as a notebook shows them."""
    result: list[Output] = []
    for output in outputs:
        last = result[-1] if result else None
        if (last is not None and output.kind is OutputKind.STREAM and last.kind is OutputKind.STREAM
                and last.name == output.name):
            truncated = last.truncated or output.truncated
            size = _size(last) + _size(output) if truncated else 0
            result[-1] = Output.stream(last.name, last.text + output.text, truncated, size)
        else:
            result.append(output)
    return result


def _size(output: Output) -> int:
    return output.size if output.truncated else len(output.text.encode("utf-8", "surrogatepass"))


Outputs = dict[int, list[Output]]  # a turn's outputs, by the index of the code call that made them
