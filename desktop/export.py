"""A conversation written out as JSON (the transcript format), Markdown, HTML or a Jupyter
notebook (desktop/notebook.py). Pure: no Qt.

Every export holds what the user saw (questions, thinking, executed code, answers, usage,
errors), the outputs of code run locally when there are any, and nothing secret: the model
never sees the API key, and neither does this module.
"""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from .model.conversation import Conversation
from .model.output import Output, OutputKind
from .model.turn import Turn

# /2 added branches: each turn names its "parent"; "turns" is still the path shown (what a /1
# reader expects), and "other_versions" holds every turn off that path (desktop/imports reads both).
TRANSCRIPT_FORMAT = "dashchat.transcript/2"
READABLE_TRANSCRIPTS = ("dashchat.transcript/1", TRANSCRIPT_FORMAT)
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


def _iso(ts: float | None) -> str | None:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds") if ts is not None else None


def turn_to_dict(turn: Turn) -> dict[str, object]:
    error = None
    if turn.error is not None:
        error = {"code": turn.error.code, "message": turn.error.message, "http_status": turn.error.http_status}
    ttft = turn.time_to_first_token
    elapsed = turn.elapsed() if turn.finished_at is not None else None
    return {
        "id": turn.id,
        "parent": turn.parent_id,
        "user": turn.user,
        "thinking": turn.thinking,
        "code": list(turn.code),
        # What each call printed when run locally (or in an imported export), aligned with
        # "code"; an empty list for a call never run. Images as base64 ("data").
        "outputs": [[o.to_dict() for o in outputs] for outputs in outputs_by_call(turn)],
        "answer": turn.answer,
        "status": turn.status.value,
        "error": error,
        "request_id": turn.request_id,
        "usage": turn.usage.to_dict(),
        "model": turn.model,
        "connection": turn.connection,
        "protocol": turn.protocol,
        "finish_reason": turn.finish_reason,
        "steps": [s.to_dict() for s in turn.steps],
        "timings": {
            "sent_at": _iso(turn.sent_at),
            "first_token_at": _iso(turn.first_token_at),
            "finished_at": _iso(turn.finished_at),
            "time_to_first_token_s": round(ttft, 3) if ttft is not None else None,
            "elapsed_s": round(elapsed, 3) if elapsed is not None else None,
        },
    }


def to_json(conversation: Conversation) -> str:
    data = {
        "format": TRANSCRIPT_FORMAT,
        "id": conversation.id,
        "title": conversation.title,
        "created_at": _iso(conversation.created_at),
        "model": conversation.model,
        "turns": [turn_to_dict(t) for t in conversation.turns],
        "other_versions": [turn_to_dict(t) for t in conversation.every_version() if t not in conversation.turns],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def outputs_by_call(turn: Turn) -> list[list[Output]]:
    """The turn's outputs as one list per code call, in call order (empty for a call not run)."""
    count = max([len(turn.code), *(index + 1 for index in turn.outputs)])
    return [list(turn.outputs.get(index, [])) for index in range(count)]


def _data_uri(output: Output) -> str:
    return f"data:{output.mime or 'image/png'};base64,{base64.b64encode(output.data).decode('ascii')}"


def _outputs_markdown(outputs: list[Output], label: str) -> list[str]:
    out: list[str] = []
    for output in outputs:
        if output.kind is OutputKind.IMAGE:
            out += ["", f"![{label}]({_data_uri(output)})" if output.data else f"*{output.text}*"]
        elif output.kind is OutputKind.ERROR:
            out += ["", _fence(output.plain())]
        elif output.kind is OutputKind.STREAM and output.name == "stderr":
            out += ["", "*stderr:*", "", _fence(output.plain())]
        else:
            out += ["", _fence(output.plain())]
    return out


def _status_line(turn: Turn) -> str:
    u = turn.usage
    parts = [
        f"status: {turn.status.value}",
        f"tokens: {u.input_tokens} in, {u.output_tokens} out ({u.reasoning_tokens} reasoning), {u.total_tokens} total"
        if turn.usage_known else "tokens: not reported by the server",
        f"interpreter runs: {u.code_interpreter_calls}" if turn.reports_code
        else "interpreter runs: not reported (OpenAI-compatible protocol)",
    ]
    if turn.connection:
        parts.append(f"connection: {turn.connection}")
    if turn.request_id:
        parts.append(f"request id: {turn.request_id}")
    return " · ".join(parts)


def _fence(code: str, lang: str = "") -> str:
    # A fence longer than any backtick run inside the code, so code containing ``` survives.
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{code}\n{ticks}"


def to_markdown(conversation: Conversation, thinking: bool = True) -> str:
    out = [f"# {conversation.title or 'Conversation'}", ""]
    out.append(f"*{conversation.model} · {_iso(conversation.created_at)}*")
    for number, turn in enumerate(conversation.turns, 1):
        out += ["", f"## {number}. Question", "", turn.user]
        if thinking and turn.thinking:
            quoted = "\n".join("> " + line if line else ">" for line in turn.thinking.split("\n"))
            out += ["", "### Thinking", "", quoted]
        calls = outputs_by_call(turn)
        for index, code in enumerate(turn.code, 1):
            out += ["", f"### Executed code #{index}", "", _fence(code, "python")]
            if calls[index - 1]:
                out += ["", f"#### Output #{index} (run locally)"]
                out += _outputs_markdown(calls[index - 1], f"output of code #{index}")
        out += ["", "### Answer", "", turn.answer or "*(no answer)*"]
        if turn.error is not None:
            e = turn.error
            status = f"HTTP {e.http_status}" if e.http_status is not None else "no HTTP status"
            out += ["", f"> **Error** {e.code} ({status}): {e.message}"]
        out += ["", f"<sub>{html.escape(_status_line(turn))}</sub>"]
    return "\n".join(out) + "\n"


_CSS = """
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;
max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2328;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de}
h3{font-size:.95rem;color:#57606a;text-transform:uppercase;letter-spacing:.04em}
.q{white-space:pre-wrap;background:#f6f8fa;border-left:3px solid #0969da;padding:.6rem .9rem}
.thinking{white-space:pre-wrap;color:#57606a;font-size:.92rem;border-left:3px solid #d0d7de;padding-left:.9rem}
.answer{white-space:pre-wrap}
pre{background:#f6f8fa;padding:.7rem .9rem;border-radius:6px;overflow-x:auto;white-space:pre-wrap;
font:13px/1.45 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace}
.error{color:#cf222e;border:1px solid #cf222e;border-radius:6px;padding:.5rem .8rem}
.meta{color:#57606a;font-size:.8rem}
pre.output{background:#fff;border:1px solid #d0d7de}pre.stderr{background:#fff8c5}
pre.output.error{border-color:#cf222e;color:#cf222e}img.output{max-width:100%}
@media print{body{margin:0;max-width:none}pre,.q{break-inside:avoid}}
"""

_FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n(.*?)(?:^\1[ \t]*$|\Z)", re.M | re.S)


def _answer_html(text: str) -> str:
    """Escaped text, with fenced code blocks set apart: readable without running any script."""
    parts: list[str] = []
    pos = 0
    for match in _FENCE.finditer(text):
        if match.start() > pos:
            parts.append(f'<div class="answer">{html.escape(text[pos:match.start()].strip(chr(10)))}</div>')
        parts.append(f"<pre><code>{html.escape(match.group(2).rstrip(chr(10)))}</code></pre>")
        pos = match.end()
    if pos < len(text):
        parts.append(f'<div class="answer">{html.escape(text[pos:].strip(chr(10)))}</div>')
    return "\n".join(parts)


def _output_html(output: Output, index: int) -> str:
    if output.kind is OutputKind.IMAGE:
        if not output.data:
            return f'<p class="meta">{html.escape(output.text)}</p>'
        # A data: URI only (the page's policy allows no other image source).
        return f'<img class="output" alt="output of code #{index}" src="{_data_uri(output)}">'
    css = {OutputKind.ERROR: "output error"}.get(output.kind, "output")
    if output.kind is OutputKind.STREAM and output.name == "stderr":
        css = "output stderr"
    return f'<pre class="{css}">{html.escape(output.plain())}</pre>'


def to_html(conversation: Conversation, thinking: bool = True) -> str:
    e = html.escape
    title = e(conversation.title or "Conversation")
    body = [f"<h1>{title}</h1>", f'<p class="meta">{e(conversation.model)} · {e(_iso(conversation.created_at) or "")}</p>']
    for number, turn in enumerate(conversation.turns, 1):
        body.append(f"<h2>{number}. Question</h2>")
        body.append(f'<div class="q">{e(turn.user)}</div>')
        if thinking and turn.thinking:
            body.append(f'<h3>Thinking</h3><div class="thinking">{e(turn.thinking)}</div>')
        calls = outputs_by_call(turn)
        for index, code in enumerate(turn.code, 1):
            body.append(f"<h3>Executed code #{index}</h3><pre><code>{e(code)}</code></pre>")
            if calls[index - 1]:
                body.append(f"<h3>Output #{index} (run locally)</h3>")
                body += [_output_html(output, index) for output in calls[index - 1]]
        body.append("<h3>Answer</h3>")
        body.append(_answer_html(turn.answer) if turn.answer else "<p><em>(no answer)</em></p>")
        if turn.error is not None:
            err = turn.error
            status = f"HTTP {err.http_status}" if err.http_status is not None else "no HTTP status"
            body.append(f'<p class="error"><strong>{e(err.code)}</strong> ({status}): {e(err.message)}</p>')
        body.append(f'<p class="meta">{e(_status_line(turn))}</p>')
    # No script, no external resource: the file is self-contained and safe to open anywhere.
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
