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
"""

from __future__ import annotations

import hashlib
import math
import queue
import re
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QByteArray, QObject, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtSvg import QSvgRenderer

from .. import math_tex

SCHEME = "dashchat-math"
SCALE = 1.2  # math a little larger than the text, as TeX's fonts look beside a UI font
# Drawing a typeset formula into a QImage takes ~0.3 ms: prepare_shown() draws at most this many
# new ones per call (the rest wait a turn of the event loop, as formulas not typeset yet do).
DRAWN_PER_CALL = 16
SWITCH_INTERVAL = 0.0005  # s: the GIL's switch interval while the typesetter works (see _run)
DISPLAY_MARGIN = 10.0  # px above and below a display formula (a paragraph has 6)
BUDGET = 1.5  # seconds of typesetting per prepare(); formulas past it show as source this time
_LIGHT_TEXT = QColor("#1f2328")
_DARK_TEXT = QColor("#e6edf3")
_OBJECT = "\ufffc"  # QChar::ObjectReplacementCharacter: an image in the document's text
_INK = "#000000"  # formulas are typeset in this colour, and tinted when drawn


@dataclass(frozen=True)
class MathImage:
    name: str  # dashchat-math:<hash>
    tex: str
    display: bool
    image: QImage
    on_baseline: bool  # AlignBaseline, else AlignMiddle (see _placement)


_REGISTRY: OrderedDict[str, MathImage] = OrderedDict()
_REGISTRY_MAX = 4000


def lookup(name: QUrl | str) -> QImage | None:
    """The image prepare() made for a `dashchat-math:` URL (None for any other)."""
    key = name.toString() if isinstance(name, QUrl) else name
    found = _REGISTRY.get(key)
    return found.image if found is not None else None


def is_math_name(name: str) -> bool:
    return name.startswith(SCHEME + ":")


def text_colour(dark: bool) -> QColor:
    """The palette's text colour when it suits `dark` (a light text on a dark base), else ours."""
    if QGuiApplication.instance() is not None:
        colour = QGuiApplication.palette().color(QPalette.ColorRole.Text)
        if (colour.lightness() > 128) == dark:
            return colour
    return _DARK_TEXT if dark else _LIGHT_TEXT


@dataclass(frozen=True)
class _Metrics:
    """How Qt places an inline image on a line of this font (measured, not assumed)."""

    ascent: float  # the text's, above the baseline
    descent: float  # below the baseline: where Qt puts an AlignBaseline image's bottom
    lift: float  # how far above the baseline Qt centres an AlignMiddle image that sets the line's height


def _metrics(font: QFont) -> _Metrics:
    return _metrics_by_key(font.toString())


@lru_cache(maxsize=32)
def _metrics_by_key(key: str) -> _Metrics:
    font = QFont()
    font.fromString(key)
    values: list[float] = []
    for alignment in (QTextCharFormat.VerticalAlignment.AlignBaseline, QTextCharFormat.VerticalAlignment.AlignMiddle):
        doc = QTextDocument()
        doc.setDefaultFont(font)
        cursor = QTextCursor(doc)
        probe = QTextImageFormat()
        probe.setName("probe")
        probe.setWidth(10)
        probe.setHeight(200)
        probe.setVerticalAlignment(alignment)
        cursor.insertText("x")
        cursor.insertImage(probe)
        doc.documentLayout().documentSize()  # lays it out
        line = doc.firstBlock().layout().lineAt(0)
        values += [line.ascent(), line.descent()]
    metrics = QFontMetricsF(font)
    _, descent, middle_ascent, _ = values
    return _Metrics(metrics.ascent(), descent, middle_ascent - 100.0)


def _placement(svg: math_tex.MathSvg, display: bool, metrics: _Metrics) -> tuple[float, float, bool]:
    """(padding above, padding below, baseline-aligned) that put the formula's baseline on the
    text's. Qt puts an AlignBaseline image's bottom `descent` below the baseline: right for a
    formula no deeper than the text (padded to at least the text's height). A deeper one (a fraction, limits) is AlignMiddle, which Qt
    centres in the line box: padded so that its box is at least the text's both ways and its
    centre `lift` above its baseline, it sets the line's box and sits on the baseline."""
    above = svg.height - svg.depth
    if display:
        return 0.0, 0.0, False
    if svg.depth <= metrics.descent:
        # Padded up to the text's ascent too: a line holding only the formula (a table cell)
        # then has its baseline where its neighbours have theirs.
        return max(0.0, metrics.ascent - above), metrics.descent - svg.depth, True
    top = max(above, metrics.ascent, svg.depth + 2 * metrics.lift)
    bottom = top - 2 * metrics.lift
    return top - above, bottom - svg.depth, False


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


# Formulas typeset (None: cannot be), by (tex, display, size): by prepare() on the calling thread,
# or by the typesetter's worker thread.
_TypesetKey = tuple[str, bool, float]
_typeset: OrderedDict[_TypesetKey, math_tex.MathSvg | None] = OrderedDict()
_typeset_lock = threading.Lock()
_TYPESET_MAX = 4000


def _svg(tex: str, display: bool, size: float) -> math_tex.MathSvg | None:
    key = (tex, display, size)
    with _typeset_lock:
        if key in _typeset:
            return _typeset[key]
    svg = math_tex.render(tex, display, _INK, size)
    with _typeset_lock:
        _typeset[key] = svg
        while len(_typeset) > _TYPESET_MAX:
            _typeset.popitem(last=False)
    return svg


def _is_typeset(key: _TypesetKey) -> bool:
    with _typeset_lock:
        return key in _typeset


def waiting_label(key: _TypesetKey) -> str:
    """How a formula waiting for the typesetter is named (in prepare_shown() and `done`): never a
    Markdown link label."""
    return "\0math " + repr(key)


WARMING = "\0math warm"  # the label of what waits for the typesetter's start (see prepare_shown)


class Typesetter(QObject):
    """Typesets formulas in a worker thread, oldest request first. It starts by loading ziamath,
    its font and the Markdown parser split() needs (markdown-it, ~30 ms to import), and says so
    with `done([WARMING])`."""

    done = Signal(list)  # waiting_label()s of formulas now typeset (or found not typesettable)

    def __init__(self) -> None:
        super().__init__()
        self.warm = threading.Event()
        self._requests: queue.SimpleQueue[_TypesetKey] = queue.SimpleQueue()
        self._asked: set[_TypesetKey] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread (connect to `done` first); once."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="math-typesetter", daemon=True)
            self._thread.start()

    def request(self, keys: list[_TypesetKey]) -> None:
        with self._lock:
            for key in keys:
                if key not in self._asked:
                    self._asked.add(key)
                    self._requests.put(key)

    def busy(self) -> bool:
        """Whether some formula asked for is not typeset yet."""
        with self._lock:
            return bool(self._asked)

    def _run(self) -> None:
        # While this thread works, the UI thread would wait up to the switch interval (5 ms) for
        # the GIL after each Qt call that lets go of it, a stall of 50-200 ms in a rendering
        # step: the interval is short while there is work (imports, then formulas).
        relaxed = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        math_tex.warm()
        math_tex.code_lines("```\n```\n")  # the Markdown parser split() uses for code blocks
        self.warm.set()
        ready: list[str] = [WARMING]
        since = time.monotonic()
        while True:
            # Batched (each batch renders the blocks holding them again): sent when nothing else
            # is asked for, or every 0.1 s.
            if ready and (self._requests.empty() or time.monotonic() - since > 0.1):
                try:
                    self.done.emit(ready)
                except RuntimeError:  # the application is gone
                    return
                ready, since = [], time.monotonic()
            if self._requests.empty():
                sys.setswitchinterval(relaxed)
            key = self._requests.get()
            sys.setswitchinterval(SWITCH_INTERVAL)
            _svg(*key)
            with self._lock:
                self._asked.discard(key)
            ready.append(waiting_label(key))


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


def _remember(found: MathImage) -> None:
    _REGISTRY[found.name] = found
    _REGISTRY.move_to_end(found.name)
    while len(_REGISTRY) > _REGISTRY_MAX:
        _REGISTRY.popitem(last=False)


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


def _is_cached(key: tuple[str, bool, str, float, float, _Metrics]) -> bool:
    # lru_cache has no "peek"; the registry holds everything rendered recently.
    return _name(key) in _REGISTRY


def _name(key: tuple[str, bool, str, float, float, _Metrics]) -> str:
    """The image name _math_image() gives a formula."""
    return f"{SCHEME}:{hashlib.sha1(repr(key).encode('utf-8')).hexdigest()[:20]}"


def _in_table_row(source: str, offset: int) -> bool:
    start = source.rfind("\n", 0, offset) + 1
    end = source.find("\n", offset)
    line = source[start : end if end >= 0 else len(source)]
    return line.lstrip().startswith("|")


def style_math(doc: QTextDocument) -> int:
    """Set the formulas prepare() put in `doc` (after setMarkdown) on the text's baseline, and
    centre each paragraph that is one display formula. Returns how many it styled."""
    styled = 0
    cursor = QTextCursor(doc)
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        alone = block.length() == 2  # one object and the block separator
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            fmt = fragment.charFormat()
            if not fmt.isImageFormat():
                continue
            name = fmt.stringProperty(QTextFormat.Property.ImageName)
            if not is_math_name(name):
                continue
            found = _REGISTRY.get(name)
            image = fmt.toImageFormat()
            image.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignBaseline if found is not None
                                       and found.on_baseline else QTextCharFormat.VerticalAlignment.AlignMiddle)
            if found is not None:
                image.setToolTip(found.tex)
            cursor.setPosition(fragment.position())
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image)
            styled += 1
            if alone and found is not None and found.display:
                centred = QTextBlockFormat()
                centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                centred.setTopMargin(DISPLAY_MARGIN)  # set apart from the text around it
                centred.setBottomMargin(DISPLAY_MARGIN)
                cursor.mergeBlockFormat(centred)
        block = block.next()
    return styled


def selection_text(cursor: QTextCursor) -> str:
    """The selected text with each formula as its LaTeX (`$...$`, or `$$...$$` on its own line
    for display math) instead of the object character Qt copies for an image."""
    text = cursor.selection().toPlainText()
    if _OBJECT not in text:
        return text
    doc = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    sources: list[str] = []
    block = doc.findBlock(start)
    while block.isValid() and block.position() <= end:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            if fragment.position() + fragment.length() <= start or fragment.position() >= end:
                continue
            fmt = fragment.charFormat()
            if not fmt.isImageFormat():
                continue
            name = fmt.stringProperty(QTextFormat.Property.ImageName)
            found = _REGISTRY.get(name)
            alt = found.tex if found is not None else fmt.stringProperty(QTextFormat.Property.ImageTitle)
            overlap = min(end, fragment.position() + fragment.length()) - max(start, fragment.position())
            if is_math_name(name) and alt:
                wrapped = f"$${alt}$$" if found is not None and found.display else f"${alt}$"
                sources += [wrapped] * overlap
            else:
                sources += [_OBJECT] * overlap
        block = block.next()
    parts = text.split(_OBJECT)
    if len(parts) - 1 != len(sources):  # not the layout we walked: leave the text as Qt has it
        return text
    return "".join(part + (sources[i] if i < len(sources) else "") for i, part in enumerate(parts))
