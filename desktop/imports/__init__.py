"""Reading conversations from elsewhere into dashchat's model (`dashchat history import`). Pure:
no Qt, no sqlite; desktop/store/importing.py writes what this reads, in one transaction.

Two sources:
- a ChatGPT data export (desktop/imports/chatgpt.py): the .zip, its conversations.json, the
  newer split conversations-000.json, conversations-001.json…, or the unzipped folder;
- dashchat's own transcript, `dashchat.transcript/1` or `/2` (desktop/imports/transcript.py).

Every id is derived from the source's own ids, so importing the same file twice adds nothing.
A file that cannot be read raises ImportFailure with one sentence saying why, before anything
is written.
"""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.conversation import Conversation

# The namespace of every id an import derives (uuid5): stable across machines and versions.
NAMESPACE = uuid.UUID("6f1d3c1e-3b0e-5a7e-9d43-646173686368")  # never change: ids derive from it
_SPLIT = re.compile(r"^conversations(-\d+)?\.json$", re.IGNORECASE)


class ImportFailure(ValueError):
    """The file is not something dashchat can import, or is damaged; str() says which."""


@dataclass(eq=False)
class Imported:
    conversation: Conversation
    updated_at: float
    source: str  # "chatgpt" or "transcript"


@dataclass
class ImportBatch:
    conversations: list[Imported] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out, said once each


def derived_id(*parts: str) -> str:
    return uuid.uuid5(NAMESPACE, "\x1f".join(parts)).hex


def read_path(path: Path) -> ImportBatch:
    """Everything importable at `path`: a .zip, a .json, or a folder holding conversations*.json."""
    from . import chatgpt, transcript

    if path.is_dir():
        files = sorted(p for p in path.iterdir() if _SPLIT.match(p.name))
        if not files:
            raise ImportFailure(f"{path} holds no conversations.json (nor conversations-000.json, …)")
        batch = ImportBatch()
        images = _folder_images(path)
        for file in files:
            chatgpt.read_into(batch, _load_json(file.read_bytes(), file.name), file.name, images)
        return batch
    try:
        head = path.read_bytes()[:4] if path.stat().st_size else b""
    except OSError as exc:
        raise ImportFailure(f"cannot read {path}: {exc.strerror or exc}") from None
    if head.startswith(b"PK"):
        return _read_zip(path)
    data = _load_json(path.read_bytes(), path.name)
    batch = ImportBatch()
    if isinstance(data, dict) and data.get("format") in transcript.FORMATS:
        batch.conversations.append(transcript.read(data, path.name))
        return batch
    if isinstance(data, dict) and isinstance(data.get("format"), str) and "mapping" not in data:
        raise ImportFailure(f"{path.name} is a {data['format']!r} file; dashchat reads "
                            f"{transcript.FORMAT!r} transcripts and ChatGPT exports")
    chatgpt.read_into(batch, data, path.name, _folder_images(path.parent))
    siblings = sorted(p.name for p in path.parent.glob("conversations-*.json") if p != path and _SPLIT.match(p.name))
    if siblings and _SPLIT.match(path.name):
        batch.notes.append(f"{path.name} is one part of a split export; {', '.join(siblings[:3])}"
                           f"{'…' if len(siblings) > 3 else ''} beside it were not read (import the folder or "
                           "the .zip to read them all)")
    return batch


def _read_zip(path: Path) -> ImportBatch:
    from . import chatgpt

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFailure(f"{path.name} is not a readable zip file: {exc}") from None
    with archive:
        names = sorted(n for n in archive.namelist() if _SPLIT.match(n.rsplit("/", 1)[-1]))
        if not names:
            raise ImportFailure(f"{path.name} holds no conversations.json: is it a ChatGPT data export?")
        members = {n.rsplit("/", 1)[-1]: n for n in archive.namelist() if not n.endswith("/")}

        def image(file_id: str) -> bytes | None:
            for base, name in members.items():
                if base.startswith(file_id) and base.lower().endswith((".png", ".webp", ".jpg", ".jpeg")):
                    try:
                        return archive.read(name)
                    except (zipfile.BadZipFile, OSError, KeyError):
                        return None
            return None

        batch = ImportBatch()
        for name in names:
            try:
                raw = archive.read(name)
            except (zipfile.BadZipFile, OSError) as exc:
                raise ImportFailure(f"{path.name}: cannot read {name}: {exc}") from None
            chatgpt.read_into(batch, _load_json(raw, name), name, image)
        return batch


def _folder_images(folder: Path) -> Callable[[str], bytes | None]:
    def image(file_id: str) -> bytes | None:
        try:
            for candidate in folder.iterdir():
                if candidate.name.startswith(file_id) and candidate.suffix.lower() in (".png", ".webp", ".jpg",
                                                                                         ".jpeg"):
                    return candidate.read_bytes()
        except OSError:
            return None
        return None

    return image


def _load_json(raw: bytes, name: str) -> object:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFailure(f"{name} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


def clean_text(value: object) -> str:
    """Text as SQLite can store it: a lone surrogate (possible in JSON) becomes U+FFFD."""
    text = value if isinstance(value, str) else ""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text
