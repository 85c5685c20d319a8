"""A conversation written out as JSON (the transcript format), Markdown, HTML or a Jupyter
notebook: which format a file name asks for, whether it can be written, and the writing. Pure:
no Qt. The writers: desktop/export_transcript.py (JSON), export_markdown.py, export_html.py,
notebook.py.

Every export holds what the user saw (questions, thinking, executed code, answers, usage,
errors), the outputs of code run locally when there are any, and nothing secret: the model
never sees the API key, and neither does this module.
"""

from __future__ import annotations

import re
from pathlib import Path

from .export_html import markdown_html, to_html
from .export_markdown import local_time, thinking_passages, to_markdown, version_note
from .export_transcript import READABLE_TRANSCRIPTS, TRANSCRIPT_FORMAT, outputs_by_call, to_json, turn_to_dict
from .model.conversation import Conversation

FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".ipynb": "notebook"}


class ExportError(ValueError):
    pass


def format_for(path: Path) -> str:
    """"json", "markdown", "html" or "notebook", by the file name's extension."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"Cannot export to {path.name}: use a .json, .md or .html file name, "
                          "or .ipynb for a Jupyter notebook.")
    return fmt


def check_target(path: Path) -> str:
    """The format of `path`, once it is known that a file can be written there: checked before
    a request is sent, so that a paid reply is never lost to a typo. ExportError says why not."""
    import os

    if path.is_dir():
        raise ExportError(f"Cannot export to {path}: it is a folder; give a file name such as {path / 'chat.md'}.")
    fmt = format_for(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Cannot export to {path}: the folder {folder} does not exist.")
    if path.exists() and not os.access(path, os.W_OK) or not path.exists() and not os.access(folder, os.W_OK):
        raise ExportError(f"Cannot export to {path}: no permission to write there.")
    return fmt


def export_to(path: Path, conversation: Conversation, thinking: bool = True) -> str:
    """Write `conversation` to `path` in the format its extension names; returns the format.
    `thinking=False` leaves the thinking out of Markdown, HTML and notebooks; a JSON transcript
    always holds everything."""
    fmt = format_for(path)
    if fmt == "json":
        text = to_json(conversation)
    elif fmt == "notebook":
        from .notebook import to_notebook

        text = to_notebook(conversation, thinking=thinking)
    else:
        text = (to_markdown if fmt == "markdown" else to_html)(conversation, thinking=thinking)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)  # never leave a half-written export behind
    return fmt


# Characters Windows refuses in a file name (macOS and Linux refuse "/" only, and NUL).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def safe_file_name(title: str, limit: int = 40, fallback: str = "conversation") -> str:
    """A file name (without extension) made from `title` that every OS accepts: no
    `<>:"/\\|?*` nor control characters, no leading or trailing dots and spaces, not a
    device name such as CON, at most `limit` characters."""
    name = " ".join(_UNSAFE.sub(" ", title).split())[:limit].strip(" .")
    if not name:
        return fallback
    if name.split(".")[0].lower() in _RESERVED:
        name = f"{name}_"
    return name


def extension_of_filter(name_filter: str) -> str:
    """".html" for a file dialog's "HTML (*.html)" filter; "" if it names none."""
    match = re.search(r"\*(\.[A-Za-z0-9]+)", name_filter)
    return match.group(1).lower() if match else ""


def with_filter_extension(path: Path, name_filter: str) -> Path:
    """`path` as typed in a save dialog: a name without a known export extension gets the
    chosen filter's ("notes" with "HTML (*.html)" is notes.html)."""
    if path.suffix.lower() in FORMATS:
        return path
    extension = extension_of_filter(name_filter)
    return path.with_name(path.name + extension) if extension else path


__all__ = ["FORMATS", "READABLE_TRANSCRIPTS", "TRANSCRIPT_FORMAT", "ExportError", "check_target", "export_to",
           "extension_of_filter", "format_for", "local_time", "markdown_html", "outputs_by_call", "safe_file_name",
           "thinking_passages", "to_html", "to_json", "to_markdown", "turn_to_dict", "version_note",
           "with_filter_extension"]
