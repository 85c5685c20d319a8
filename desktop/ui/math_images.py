"""LaTeX math in the Answer pane: formulas become images in the Markdown the view parses.

`prepare(source, dark)` rewrites an answer's Markdown so that each math span (desktop/math_tex)
is an image reference, `![<LaTeX>](dashchat-math:<hash> "<LaTeX>")` (display math in a
paragraph of its own; the title holds the exact source, the alt text too when it is plain
enough for Qt's Markdown importer to keep it whole), and returns the images to serve for those names. A formula that cannot be typeset stays
as its source, in a code span. After `QTextDocument.setMarkdown()`, `style_math(doc)` sets each
formula on the text's baseline and centres display math; `lookup(name)` serves an image to
`loadResource`; `selection_text(cursor)` is a selection's text with the LaTeX in place of each
formula, for copying.

The images are drawn from SVG (QtSvg) at the screen's device pixel ratio, in the palette's
text colour. A formula is typeset once whatever the colour (in black, then tinted), so that a
theme change only draws the images again.

The Answer pane's view (markdown_view.MarkdownView) never typesets on the UI thread (30-60 ms a
formula, and half a second for the font before the first): `prepare_shown()` is `prepare()`
with the formulas not typeset yet left as their source and sent to a worker thread
(`typesetter()`), whose `done` signal names them once ready; the view then renders their
blocks again. `warm_in_background()` starts that thread (it loads the font first).

This module is the pipeline (prepare, drawing, the one typesetter) and names the API of its
parts: math_typesetter.py (the SVG cache and the worker thread), math_layout.py (the images by
name, their placement on the baseline, style_math, selection_text).
"""

from __future__ import annotations

import math
import re
import time
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
)
from PySide6.QtSvg import QSvgRenderer

from .. import math_tex
from .math_layout import (
    _REGISTRY,
    MathImage,
    _is_cached,
    _Metrics,
    _metrics,
    _name,
    _placement,
    _remember,
    text_colour,
)

# The module's API that lives in its parts, named here for its importers.
from .math_layout import DISPLAY_MARGIN as DISPLAY_MARGIN
from .math_layout import SCHEME as SCHEME
from .math_layout import is_math_name as is_math_name
from .math_layout import lookup as lookup
from .math_layout import selection_text as selection_text
from .math_layout import style_math as style_math
from .math_typesetter import SWITCH_INTERVAL as SWITCH_INTERVAL
from .math_typesetter import (
    WARMING,
    Typesetter,
    _is_typeset,
    _svg,
    _TypesetKey,
    waiting_label,
)

SCALE = 1.2  # math a little larger than the text, as TeX's fonts look beside a UI font
# Drawing a typeset formula into a QImage takes ~0.3 ms: prepare_shown() draws at most this many
# new ones per call (the rest wait a turn of the event loop, as formulas not typeset yet do).
DRAWN_PER_CALL = 16
BUDGET = 1.5  # seconds of typesetting per prepare(); formulas past it show as source this time


def _image(svg: math_tex.MathSvg, dpr: float, pad_top: float, pad_bottom: float, colour: str) -> QImage:
    """The SVG drawn at `dpr` in `colour`, with transparent padding above and below."""
    height = svg.height + pad_top + pad_bottom
    image = QImage(math.ceil(svg.width * dpr), round(height * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    renderer = QSvgRenderer(QByteArray(svg.svg))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, pad_top * dpr, svg.width * dpr, svg.height * dpr))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)  # the ink's shape, our colour
    painter.fillRect(image.rect(), QColor(colour))
    painter.end()
    image.setDevicePixelRatio(dpr)
    return image


@lru_cache(maxsize=1024)
def _math_image(tex: str, display: bool, colour: str, size: float, dpr: float, metrics: _Metrics) -> MathImage | None:
    svg = _svg(tex, display, size)
    if svg is None:
        return None
    pad_top, pad_bottom, on_baseline = _placement(svg, display, metrics)
    return MathImage(_name((tex, display, colour, size, dpr, metrics)), tex, display, _image(svg, dpr, pad_top, pad_bottom, colour), on_baseline)


_typesetter: Typesetter | None = None


def typesetter() -> Typesetter:
    """The one background typesetter (made, and its font loading started, on the first call;
    call it on the UI thread)."""
    global _typesetter
    if _typesetter is None:
        _typesetter = Typesetter()
    return _typesetter


def warm_in_background() -> None:
    """Load ziamath and its font off the UI thread, ahead of the first formula."""
    typesetter().start()


_RISKY_ALT = re.compile(r"\\[!-/:-@\[-`{-~]|[*_`\[\]&<]")


def _alt(tex: str) -> str:
    """The LaTeX as the image's alt text when Markdown reads it back unchanged in one piece; a
    placeholder otherwise (Qt's importer makes one image per piece of alt text, and a backslash
    escape or an emphasis mark cuts it)."""
    flat = " ".join(tex.split())
    return "math" if _RISKY_ALT.search(flat) else flat


def _title(tex: str) -> str:
    """The LaTeX as a Markdown link title that reads back exactly (every ASCII punctuation
    character backslash-escaped; lines joined)."""
    return "".join("\\" + c if c.isascii() and not c.isalnum() and not c.isspace() else c
                   for c in " ".join(tex.split()))


def _code_span(raw: str) -> str:
    """`raw` as a Markdown code span (a fence longer than any backtick run in it)."""
    text = " ".join(raw.split())
    longest = run = 0
    for c in text:
        run = run + 1 if c == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def prepare(source: str, dark: bool, font: QFont | None = None,
            dpr: float | None = None) -> tuple[str, dict[str, QImage]]:
    """`source` with each math span replaced by an image reference (display math as its own
    paragraph) or, when it cannot be typeset, by its source as code; and the images by name.

    `font` is the document's (for the math's size and the baseline); `dpr` the screen's device
    pixel ratio (the primary screen's by default).
    """
    text, images, _ = _prepare(source, dark, font, dpr, background=False)
    return text, images


def prepare_shown(source: str, dark: bool, font: QFont | None = None,
                  dpr: float | None = None) -> tuple[str, set[str]]:
    """prepare() without typesetting on this thread: a formula not typeset yet stays as its
    source and is sent to the typesetter. Returns the Markdown and the waiting_label()s of those
    formulas (typesetter().done names them once they are ready). Until the typesetter has
    started (loaded what split() and typesetting need), the source is returned as it is,
    waiting for WARMING."""
    if not math_tex.has_math_marks(source):
        return source, set()
    if not typesetter().warm.is_set():
        typesetter().start()
        return source, {WARMING}
    text, _, waiting = _prepare(source, dark, font, dpr, background=True)
    return text, waiting


def _prepare(source: str, dark: bool, font: QFont | None, dpr: float | None,
             background: bool) -> tuple[str, dict[str, QImage], set[str]]:
    if not math_tex.has_math_marks(source):
        return source, {}, set()
    pieces = math_tex.split(source)
    if not any(piece.is_math for piece in pieces):
        return source, {}, set()
    if font is None:
        font = QGuiApplication.font() if QGuiApplication.instance() is not None else QFont()
    if dpr is None:
        screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() is not None else None
        dpr = screen.devicePixelRatio() if screen is not None else 1.0
    size = round(QFontMetricsF(font).height() / 1.2 * SCALE, 2)  # ~ the font's em in px
    metrics = _metrics(font)
    colour = text_colour(dark).name()
    deadline = time.monotonic() + BUDGET
    out: list[str] = []
    images: dict[str, QImage] = {}
    waiting: set[str] = set()
    asked: list[_TypesetKey] = []
    drawn = 0
    for piece in pieces:
        if piece.tex is None:
            out.append(piece.raw)
            continue
        found = None
        key = (piece.tex, piece.display, colour, size, dpr, metrics)
        if background:
            found = _REGISTRY.get(_name(key))
            if found is None:
                if drawn >= DRAWN_PER_CALL or not _is_typeset((piece.tex, piece.display, size)):
                    asked.append((piece.tex, piece.display, size))  # (a typeset one comes back at once)
                    waiting.add(waiting_label(asked[-1]))
                    out.append(piece.raw)  # for now
                    continue
                drawn += 1
                found = _math_image(*key)
        elif time.monotonic() < deadline or _is_cached(key):
            found = _math_image(*key)
        inline = found is not None and (not piece.display or _in_table_row(source, piece.start))
        if found is not None:
            _remember(found)
            images[found.name] = found.image
            shown = f'![{_alt(found.tex)}]({found.name} "{_title(found.tex)}")'
        else:
            shown = _code_span(piece.raw)
        if piece.display and not inline:
            prefix = math_tex.line_prefix(source, piece.start)
            gap = "\n" + prefix.rstrip() + "\n" + prefix
            shown = gap + shown + gap
        out.append(shown)
    if asked:
        typesetter().request(asked)
        typesetter().start()
    return "".join(out), images, waiting


def _in_table_row(source: str, offset: int) -> bool:
    start = source.rfind("\n", 0, offset) + 1
    end = source.find("\n", offset)
    line = source[start : end if end >= 0 else len(source)]
    return line.lstrip().startswith("|")


