"""A conversation as one self-contained HTML page: answers rendered from Markdown as the window
renders them (markdown-it-py: CommonMark with GitHub's tables and strikethrough), their LaTeX
math as inline SVG (desktop/math_tex.py), code highlighted by Pygments; no script, nothing
loaded. Pure: no Qt. Written through desktop/export.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import math_tex
from .export_markdown import data_uri, local_time, status_line, step_label, thinking_passages, version_note
from .export_transcript import answer_outputs_by_block, outputs_by_call
from .model.conversation import Conversation
from .model.output import Output, OutputKind
from .model.turn import StepKind

if TYPE_CHECKING:  # markdown-it is imported when an export renders Markdown
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


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


def _output_html(output: Output, label: str) -> str:
    if output.kind is OutputKind.IMAGE:
        if not output.data:
            return f'<p class="meta">{html.escape(output.text)}</p>'
        # A data: URI only (the page's policy allows no other image source).
        return f'<img class="output" alt="{html.escape(label, quote=True)}" src="{data_uri(output)}">'
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
                    label = e(step_label(step))
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
                body += [_output_html(output, f"output of code #{index}") for output in calls[index - 1]]
        body.append("<h3>Answer</h3>")
        body.append(_answer_html(turn.answer) if turn.answer else "<p><em>(no answer)</em></p>")
        for block, outputs in answer_outputs_by_block(turn):
            body.append(f'<h4 id="turn-{number}-block-{block}">Output of the answer\'s code block {block} '
                        "(run locally)</h4>")
            body += [_output_html(output, f"output of the answer's code block {block}") for output in outputs]
        if turn.error is not None:
            err = turn.error
            status = f"HTTP {err.http_status}" if err.http_status is not None else "no HTTP status"
            body.append(f'<p class="error"><strong>{e(err.code)}</strong> ({status}): {e(err.message)}</p>')
        body.append(f'<p class="meta">{e(status_line(turn))}</p>')
    # No script, no external resource: the file is self-contained and safe to open anywhere.
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">'
        f"<title>{title}</title><style>{_CSS}{_MATH_CSS}{_code_css()}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
