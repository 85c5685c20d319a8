"""LaTeX math in a QTextDocument: the images math_images drew, by name (`lookup()` serves them to
a document's `loadResource`), where Qt puts an inline image on a line of text (the padding that
sets a formula's baseline on the text's), `style_math(doc)` after setMarkdown (baseline,
display math centred) and `selection_text(cursor)`, a selection with the LaTeX of its formulas.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)

from .. import math_tex

SCHEME = "dashchat-math"
DISPLAY_MARGIN = 10.0  # px above and below a display formula (a paragraph has 6)
_LIGHT_TEXT = QColor("#1f2328")
_DARK_TEXT = QColor("#e6edf3")
_OBJECT = "\ufffc"  # QChar::ObjectReplacementCharacter: an image in the document's text


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


def _remember(found: MathImage) -> None:
    _REGISTRY[found.name] = found
    _REGISTRY.move_to_end(found.name)
    while len(_REGISTRY) > _REGISTRY_MAX:
        _REGISTRY.popitem(last=False)



def _is_cached(key: tuple[str, bool, str, float, float, _Metrics]) -> bool:
    # lru_cache has no "peek"; the registry holds everything rendered recently.
    return _name(key) in _REGISTRY


def _name(key: tuple[str, bool, str, float, float, _Metrics]) -> str:
    """The image name _math_image() gives a formula."""
    return f"{SCHEME}:{hashlib.sha1(repr(key).encode('utf-8')).hexdigest()[:20]}"



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
