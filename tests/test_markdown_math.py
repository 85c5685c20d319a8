"""LaTeX math in the Answer pane's view: formulas shown as images, typeset off the UI thread.

Driven as the app drives the view (set_markdown(), append(), finish()); what is checked is what
the user sees (the document's text and its images, their colour) or gets (a copy).
"""

from __future__ import annotations

import itertools
import random
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPalette, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.markdown_view import MarkdownView
from desktop.ui.theme import dark_palette

OBJECT = "\ufffc"
ANSWER = (
    "With principal $P$ and rate $r$, compounded $n$ times a year:\n\n"
    "$$A = P\\left(1+\\frac{r}{n}\\right)^{nt}$$\n\n"
    "So $x^2$ grows, and \\(\\alpha + \\beta\\) too. It costs $5 and $10.\n"
)
_fresh = itertools.count()


@pytest.fixture
def view(qtbot: QtBot) -> MarkdownView:
    made = MarkdownView()
    made.resize(700, 500)
    qtbot.addWidget(made)
    return made


def typeset(qtbot: QtBot, view: MarkdownView) -> None:
    """Wait for the typesetter's worker thread and the blocks rendered again after it."""
    qtbot.waitUntil(lambda: not view.math_pending(), timeout=30_000)


def formulas(view: MarkdownView) -> list[tuple[str, QImage]]:
    """The formulas the document shows: (name, the image the document loads for it)."""
    doc = view.document()
    found: list[tuple[str, QImage]] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                name = fmt.stringProperty(QTextFormat.Property.ImageName)
                image = doc.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
                found.append((name, image))
            it += 1
        block = block.next()
    return found


def ink(image: QImage) -> tuple[int, int, int]:
    """The colour of the image's most opaque pixel (the formula's strokes)."""
    best, colour = -1, (0, 0, 0)
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > best:
                best, colour = pixel.alpha(), (pixel.red(), pixel.green(), pixel.blue())
    return colour


def test_inline_and_display_math_show_as_images(qtbot: QtBot, view: MarkdownView) -> None:
    view.set_markdown(ANSWER)
    typeset(qtbot, view)
    shown = formulas(view)
    assert len(shown) == 6  # P, r, n, the compound interest, x^2, alpha + beta
    assert all(name.startswith("dashchat-math:") and not image.isNull() for name, image in shown)
    text = view.toPlainText()
    assert "$" not in text.replace("$5 and $10", "")  # no formula left as source
    assert "\\frac" not in text and "\\alpha" not in text
    assert "It costs $5 and $10." in text
    assert "[image" not in text
    assert view.markdown() == ANSWER  # the source is kept as received
    # Display math is a centred paragraph of its own.
    display = next(b for b in _blocks(view.document()) if b.text() == OBJECT)
    assert display.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter


def _blocks(doc: QTextDocument) -> Iterator[Any]:
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_prices_stay_text(qtbot: QtBot, view: MarkdownView) -> None:
    view.set_markdown("It costs $5 and $10, or $ 20 in all.\n")
    assert not view.math_pending()
    assert formulas(view) == []
    assert view.toPlainText() == "It costs $5 and $10, or $ 20 in all."


def test_code_with_dollars_stays_code(qtbot: QtBot, view: MarkdownView) -> None:
    source = "Run `echo $x$` or:\n\n```bash\necho $HOME $y$ $$z$$\n```\n\nThen $w$.\n"
    view.set_markdown(source)
    typeset(qtbot, view)
    assert len(formulas(view)) == 1  # only w
    text = view.toPlainText()
    assert "echo $x$" in text
    assert "echo $HOME $y$ $$z$$" in text
    assert view.code_blocks() == ["echo $HOME $y$ $$z$$"]


def test_selection_copy_gives_the_latex(qtbot: QtBot, view: MarkdownView) -> None:
    view.set_markdown(ANSWER)
    typeset(qtbot, view)
    view.selectAll()
    data = view.createMimeDataFromSelection()
    text = data.text()
    assert "$$A = P\\left(1+\\frac{r}{n}\\right)^{nt}$$" in text
    assert "So $x^2$ grows, and $\\alpha + \\beta$ too. It costs $5 and $10." in text
    assert OBJECT not in text
    assert not data.hasHtml()  # images no other program could load


def test_selection_without_math_copies_as_before(qtbot: QtBot, view: MarkdownView) -> None:
    view.set_markdown("Plain **bold** text, $x$ later.\n")
    typeset(qtbot, view)
    cursor = view.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    data = view.createMimeDataFromSelection()
    assert data.text() == "Plain"
    assert data.hasHtml()


def test_a_formula_not_typeset_yet_shows_as_source_then_as_math(qtbot: QtBot, view: MarkdownView) -> None:
    # A formula never typeset before: its block shows the source at once (never a stall of
    # the UI thread), then the formula once the worker has typeset it; the rest stays put.
    tex = f"y_{{{next(_fresh)}}} = {random.randrange(10**9)}x"
    view.set_markdown(f"First ${tex}$ here.\n\n## After\n\nThe end.\n")
    assert view.toPlainText().startswith("First $y_")  # the source, for now
    assert view.math_pending()
    typeset(qtbot, view)
    assert view.toPlainText() == f"First {OBJECT} here.\nAfter\nThe end."
    assert len(formulas(view)) == 1
    heading = next(b for b in _blocks(view.document()) if b.text() == "After")
    assert heading.blockFormat().headingLevel() == 2


def test_streamed_formula_in_the_open_block_is_shown_once_typeset(qtbot: QtBot, view: MarkdownView) -> None:
    # The stream pauses with the formula in the open block: it is shown without more text coming.
    tex = f"z^{{{next(_fresh)}}} + {random.randrange(10**9)}"
    view.append(f"Now ${tex}$ and")
    typeset(qtbot, view)
    assert view.toPlainText() == f"Now {OBJECT} and"
    view.append(" more.")
    view.finish()
    assert view.toPlainText() == f"Now {OBJECT} and more."


def test_an_open_display_formula_shows_as_text(qtbot: QtBot, view: MarkdownView) -> None:
    view.set_markdown("$$\\frac{a}{b}$$\n")
    typeset(qtbot, view)  # typeset once: only the open $$ is left to check
    view.clear()
    view.append("Intro.\n\n$$\\frac{a}{b}")
    assert formulas(view) == []
    assert "$$" in view.toPlainText()
    view.append("$")
    assert formulas(view) == []  # "$$...$" is not a formula yet
    view.append("$\n\nAfter.\n")
    view.finish()
    typeset(qtbot, view)
    assert len(formulas(view)) == 1
    assert "$" not in view.toPlainText()


def test_theme_switch_draws_formulas_in_the_new_text_colour(qtbot: QtBot, view: MarkdownView) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = QPalette(app.palette())
    try:
        app.setPalette(app.style().standardPalette())
        view.set_markdown(ANSWER)
        view.show()
        typeset(qtbot, view)
        names = [name for name, _ in formulas(view)]
        before = [ink(image) for _, image in formulas(view)]
        assert all(sum(c) < 3 * 100 for c in before), before  # dark strokes on a light base
        app.setPalette(dark_palette())  # as the window's theme switch does (the views hear of it later)
        qtbot.waitUntil(lambda: not {name for name, _ in formulas(view)} & set(names))
        typeset(qtbot, view)
        after = formulas(view)
        assert len(after) == len(before)
        assert all(sum(ink(image)) > 3 * 180 for _, image in after), [ink(i) for _, i in after]
        assert view.markdown() == ANSWER
    finally:
        app.setPalette(light)


def test_formulas_in_a_quote_a_list_and_a_table(qtbot: QtBot, view: MarkdownView) -> None:
    source = (
        "> Quoted $a^2$ and\n>\n> $$b^2$$\n\n- item $c_1$\n- item\n\n  $$d = 1$$\n\n"
        "| x | $x^2$ |\n|---|---|\n| 2 | $4$ |\n"
    )
    view.set_markdown(source)
    typeset(qtbot, view)
    assert len(formulas(view)) == 6
    assert "$" not in view.toPlainText()
    quoted = [b for b in _blocks(view.document()) if b.blockFormat().intProperty(QTextFormat.Property.BlockQuoteLevel)]
    assert [b.text() for b in quoted] == [f"Quoted {OBJECT} and", OBJECT]
    listed = [b.text() for b in _blocks(view.document()) if b.textList() is not None]
    assert listed[:2] == [f"item {OBJECT}", "item"]


def test_the_first_formula_waits_for_the_typesetter_to_start(
    qtbot: QtBot, view: MarkdownView, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a fresh process: nothing is looked at on the UI thread until the worker has loaded
    # what it needs; then the block is rendered again, its formulas asked for, and shown.
    from desktop import math_tex
    from desktop.ui import math_images

    monkeypatch.setattr(math_images, "_typesetter", None)
    loaded = threading.Event()  # ziamath is loaded already in this process: the worker waits for it
    real_warm = math_tex.warm
    monkeypatch.setattr(math_tex, "warm", lambda: (loaded.wait(30), real_warm()))
    tex = f"w_{{{next(_fresh)}}}^{random.randrange(10**9)}"
    view.set_markdown(f"Start ${tex}$ and $$\\sqrt{{{random.randrange(10**9)}}}$$\n\nNext.\n")
    assert formulas(view) == []
    assert view.math_pending()
    assert view.toPlainText().startswith("Start $w_")
    loaded.set()
    typeset(qtbot, view)
    assert view.toPlainText() == f"Start {OBJECT} and\n{OBJECT}\nNext."
    assert len(formulas(view)) == 2


def test_a_formula_alone_in_a_table_cell_sits_on_the_row_baseline(qtbot: QtBot, view: MarkdownView) -> None:
    # Qt lays each cell out on its own: a formula shorter than the text would sit higher than
    # the text in the next cell unless it is as tall as the text above its baseline.
    view.set_markdown("| rate | balance |\n|---|---|\n| $0.05$ | 1647.01 |\n")
    typeset(qtbot, view)
    layout = view.document().documentLayout()

    def baseline(text: str) -> float:
        block = next(b for b in _blocks(view.document()) if b.text() == text)
        line = block.layout().lineAt(0)
        return layout.blockBoundingRect(block).top() + line.y() + line.ascent()

    assert abs(baseline(OBJECT) - baseline("1647.01")) < 0.5


def test_formulas_are_drawn_a_few_per_render(
    qtbot: QtBot, view: MarkdownView, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Drawing a typeset formula costs ~0.3 ms: a paragraph of many is drawn over several turns
    # of the event loop, not in one rendering step.
    from desktop.ui import math_images

    monkeypatch.setattr(math_images, "DRAWN_PER_CALL", 2)
    drawn: list[int] = []
    count = [0]
    real_image, real_prepare = math_images._image, math_images.prepare_shown

    def image(*args: Any) -> QImage:
        count[0] += 1
        return real_image(*args)

    def prepare(*args: Any) -> tuple[str, set[str]]:
        count[0] = 0
        result = real_prepare(*args)
        drawn.append(count[0])
        return result

    monkeypatch.setattr(math_images, "_image", image)
    monkeypatch.setattr(math_images, "prepare_shown", prepare)
    n = next(_fresh)
    view.set_markdown("Values: " + ", ".join(f"$v_{{{n}}}^{{{i}}}$" for i in range(7)) + ".\n")
    typeset(qtbot, view)
    assert view.toPlainText() == "Values: " + ", ".join([OBJECT] * 7) + "."
    assert max(drawn) == 2
    assert sum(drawn) == 7
