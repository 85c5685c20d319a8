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
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import math_tex
from .model.conversation import Conversation
from .model.output import Output, OutputKind
from .model.turn import Step, StepKind, Turn

if TYPE_CHECKING:  # markdown-it is imported when an export renders Markdown
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

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


def local_time(ts: float | None) -> str:
    """A time as people read it: local, to the minute, with the offset from UTC
    ("2026-12-03 14:05 (UTC+08:00)"). The JSON transcript keeps ISO UTC."""
    if ts is None:
        return ""
    moment = datetime.fromtimestamp(ts).astimezone()
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "local time"
    return f"{moment:%Y-%m-%d %H:%M} ({zone})"


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
        # The conversation's own model, system prompt and thinking budget, where it has any.
        **({"options": conversation.options.to_dict()} if not conversation.options.is_default else {}),
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


def version_note(conversation: Conversation, position: int) -> str:
    """" (version 2 of 3)" for a turn of the path that has other versions (regenerated or
    edited), else nothing."""
    versions = conversation.versions_at(position)
    if len(versions) < 2:
        return ""
    turn = conversation.turns[position]
    return f" (version {versions.index(turn) + 1} of {len(versions)})" if turn in versions else ""


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


def thinking_passages(turn: Turn) -> list[tuple[str, list[Step]]]:
    """The thinking cut where the model stopped thinking to run code (or, in the compatible
    protocol, fell silent): each passage with the code and silence steps that came after it.
    Without steps (an old or imported turn), one passage."""
    passages: list[tuple[str, list[Step]]] = []
    covered = 0
    for step in turn.steps:
        if step.kind is StepKind.THINKING:
            text = turn.thinking[step.start : step.end]
            if passages and not passages[-1][1]:  # nothing between: the same passage
                passages[-1] = (passages[-1][0] + text, [])
            else:
                passages.append((text, []))
            covered += step.end - step.start
        elif step.kind in (StepKind.CODE, StepKind.SILENCE) and passages:
            passages[-1][1].append(step)
    if covered != len(turn.thinking) or not passages:
        return [(turn.thinking, [])] if turn.thinking else []
    # Steps after the last passage are not interruptions of the thinking.
    last_text, _ = passages[-1]
    passages[-1] = (last_text, [])
    return [(text.strip("\n"), steps) for text, steps in passages if text.strip()]


def _step_label(step: Step) -> str:
    if step.kind is StepKind.CODE and step.code_index is not None:
        return f"ran code #{step.code_index + 1}"
    return f"silent for {step.seconds:.1f} s: the interpreter probably ran code"


def _fence(code: str, lang: str = "") -> str:
    # A fence longer than any backtick run inside the code, so code containing ``` survives.
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{code}\n{ticks}"


def to_markdown(conversation: Conversation, thinking: bool = True) -> str:
    out = [f"# {conversation.title or 'Conversation'}", ""]
    out.append(f"*{conversation.model} · {local_time(conversation.created_at)}*")
    for number, turn in enumerate(conversation.turns, 1):
        out += ["", f"## {number}. Question{version_note(conversation, number - 1)}", "", turn.user]
        if thinking and turn.thinking:
            out += ["", "### Thinking"]
            for text, steps in thinking_passages(turn):
                out += ["", "\n".join("> " + line if line else ">" for line in text.split("\n"))]
                out += ["", *(f"> *⚙ {_step_label(step)}*" for step in steps)] if steps else []
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
h3 .n{color:#1a7f37;text-transform:none}
.q{white-space:pre-wrap;background:#f6f8fa;border-left:3px solid #0969da;padding:.6rem .9rem}
details.thinking-box{margin:1rem 0}details.thinking-box>summary{cursor:pointer;font-size:.95rem;color:#57606a;
text-transform:uppercase;letter-spacing:.04em;font-weight:600}
.thinking{white-space:pre-wrap;color:#57606a;font-size:.92rem;border-left:3px solid #d0d7de;padding-left:.9rem;
margin:.6rem 0}
.step{font-size:.85rem;color:#1a7f37;font-weight:600;margin:.4rem 0 .4rem .9rem}.step a{color:inherit}
.answer h1,.answer h2,.answer h3{text-transform:none;letter-spacing:0;color:#1f2328;border:none}
.answer h1{font-size:1.3rem}.answer h2{font-size:1.15rem}.answer h3{font-size:1rem}
.answer h1,.answer h2,.answer h3{margin:1rem 0 .5rem}.answer>:first-child{margin-top:.5rem}
.answer table{border-collapse:collapse;margin:.8rem 0}.answer th,.answer td{border:1px solid #d0d7de;
padding:.3rem .7rem}.answer th{background:#f6f8fa}.answer blockquote{margin:0;padding-left:.9rem;
color:#57606a;border-left:3px solid #d0d7de}
code{font:13px/1.45 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace;
background:#f6f8fa;padding:.1rem .3rem;border-radius:4px}
pre{background:#f6f8fa;padding:.7rem .9rem;border-radius:6px;overflow-x:auto;white-space:pre-wrap;
font:13px/1.45 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace}
pre code{padding:0;background:none}
.error{color:#cf222e;border:1px solid #cf222e;border-radius:6px;padding:.5rem .8rem}
.meta{color:#57606a;font-size:.8rem}
pre.output{background:#fff;border:1px solid #d0d7de}pre.stderr{background:#fff8c5}
pre.output.error{border-color:#cf222e;color:#cf222e}img.output{max-width:100%}
@media print{body{margin:0;max-width:none}pre,.q{break-inside:avoid}details.thinking-box>*{display:block}}
"""
CODE_STYLE = "friendly"  # Pygments' style for code, as the window's light theme


def _highlighted(code: str, lang: str) -> str:
    """Code as HTML with Pygments' classes (the page's style sheet colours them); escaped text
    when there is no lexer for `lang`."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(lang, stripnl=False, ensurenl=False) if lang else None
    except ClassNotFound:
        lexer = None
    body = html.escape(code) if lexer is None else highlight(code, lexer, HtmlFormatter(nowrap=True))
    return f'<pre class="hl"><code>{body.rstrip(chr(10))}</code></pre>'


def _code_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style=CODE_STYLE).get_style_defs(".hl")


def _markdown_renderer() -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough, as the window renders answers; raw
    HTML is shown as text (model output is never markup of ours), images become links (the page
    loads nothing), fenced code is highlighted."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.options["highlight"] = lambda code, lang, _attrs: _highlighted(code, (lang or "").split()[0] if lang else "")

    def image(_renderer: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
        token = tokens[idx]
        alt = "".join(child.content for child in token.children or []) or "image"
        src = html.escape(str(token.attrGet("src") or ""), quote=True)
        return f'<a href="{src}">[{html.escape(alt)}]</a>'

    md.add_render_rule("image", image)
    return md


_RENDERER: MarkdownIt | None = None


def markdown_html(text: str) -> str:
    """An answer's Markdown as HTML (see _markdown_renderer), its LaTeX math as inline SVG."""
    global _RENDERER
    if _RENDERER is None:
        _RENDERER = _markdown_renderer()
    text, maths = _math_placeholders(text)
    page = str(_RENDERER.render(text))
    return _math_restored(page, maths) if maths else page


# Math (desktop/math_tex.py) goes through the Markdown renderer as a placeholder of private-use
# characters, then becomes inline SVG: drawn paths in the text's colour (currentColor), sized in
# em, no script, no font, nothing loaded. The LaTeX stays in the page: the title of the formula, and a
# visually hidden span that a selection copies.
_MATH_MARK = re.compile("\ue000(\\d+)\ue001")
_MATH_EM = 20.0  # px an em in the SVG ziamath draws
_MATH_SCALE = 1.15  # the math a little larger than the text, as in the window
_MATH_CSS = """
.math { position: relative; white-space: nowrap; }
.math svg { display: inline-block; overflow: visible; }
.math-display { text-align: center; margin: 0.8em 0; overflow-x: auto; overflow-y: hidden; }
.math .tex { position: absolute; left: 0; top: 0; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: pre; }
code.math-source { white-space: pre-wrap; }
"""


def _math_placeholders(text: str) -> tuple[str, dict[int, math_tex.Piece]]:
    """`text` with each math span replaced by a numbered placeholder (display math as a
    paragraph of its own); the spans by number."""
    if not math_tex.has_math_marks(text):
        return text, {}
    out: list[str] = []
    maths: dict[int, math_tex.Piece] = {}
    for piece in math_tex.split(text):
        if piece.tex is None:
            out.append(piece.raw)
            continue
        maths[len(maths)] = piece
        mark = f"\ue000{len(maths) - 1}\ue001"
        if piece.display and not text[text.rfind("\n", 0, piece.start) + 1 :].lstrip().startswith("|"):
            prefix = math_tex.line_prefix(text, piece.start)
            gap = "\n" + prefix.rstrip() + "\n" + prefix
            mark = gap + mark + gap
        out.append(mark)
    return "".join(out), maths


def _math_restored(page: str, maths: dict[int, math_tex.Piece]) -> str:
    def display(m: re.Match[str]) -> str:
        return _math_html(maths[int(m.group(1))], block=True)

    def inline(m: re.Match[str]) -> str:
        return _math_html(maths[int(m.group(1))], block=False)

    page = re.sub("<p>\ue000(\\d+)\ue001</p>", display, page)
    return _MATH_MARK.sub(inline, page)


def _math_html(piece: math_tex.Piece, block: bool) -> str:
    """One formula: inline SVG with its LaTeX, or the source as code when it cannot be typeset."""
    tex = piece.tex or ""
    svg = math_tex.render(tex, piece.display, "currentColor", _MATH_EM)
    if svg is None:
        code = f'<code class="math-source">{html.escape(piece.raw)}</code>'
        return f"<p>{code}</p>" if block else code
    em = _MATH_SCALE / _MATH_EM
    drawing = svg.svg.decode("utf-8")
    drawing = re.sub(r'^<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                     lambda m: (f'<svg {m.group(1)}width="{svg.width * em:.3f}em" height="{svg.height * em:.3f}em" '
                                f'style="vertical-align: -{svg.depth * em:.3f}em" role="img" '
                                f'aria-label="{html.escape(tex, quote=True)}"'),
                     drawing, count=1)
    source = f"$${tex}$$" if piece.display else f"${tex}$"
    hidden = f'<span class="tex">{html.escape(source)}</span>'
    title = html.escape(tex, quote=True)
    if block:
        return f'<div class="math-display"><span class="math" title="{title}">{drawing}{hidden}</span></div>'
    return f'<span class="math" title="{title}">{drawing}{hidden}</span>'


def _answer_html(text: str) -> str:
    return f'<div class="answer">{markdown_html(text)}</div>'


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
    body = [f"<h1>{title}</h1>",
            f'<p class="meta">{e(conversation.model)} · {e(local_time(conversation.created_at))}</p>']
    for number, turn in enumerate(conversation.turns, 1):
        asked = f' <span class="meta">{e(local_time(turn.sent_at))}</span>' if turn.sent_at else ""
        body.append(f'<h2 id="turn-{number}">{number}. Question{html.escape(version_note(conversation, number - 1))}'
                    f'{asked}</h2>')
        body.append(f'<div class="q">{e(turn.user)}</div>')
        if thinking and turn.thinking:
            body.append('<details class="thinking-box"><summary>Thinking</summary>')
            for text, steps in thinking_passages(turn):
                body.append(f'<div class="thinking">{e(text)}</div>')
                for step in steps:
                    label = e(_step_label(step))
                    if step.kind is StepKind.CODE and step.code_index is not None:
                        label = f'<a href="#turn-{number}-code-{step.code_index + 1}">{label}</a>'
                    body.append(f'<p class="step">⚙ {label}</p>' if step.kind is StepKind.CODE
                                else f'<p class="step">‖ {label}</p>')
            body.append("</details>")
        calls = outputs_by_call(turn)
        for index, code in enumerate(turn.code, 1):
            body.append(f'<h3 id="turn-{number}-code-{index}">Executed code <span class="n">#{index}</span></h3>'
                        + _highlighted(code, "python"))
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
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">'
        f"<title>{title}</title><style>{_CSS}{_MATH_CSS}{_code_css()}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
