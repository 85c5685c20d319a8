"""LaTeX math in answers (issue #18): found where Qwen writes it, prices and code left alone,
typeset as SVG, a formula that cannot be typeset shown as its source; in the window's
Markdown, each formula an image on the text's baseline whose copy is its LaTeX."""

from __future__ import annotations

import re

import pytest

from desktop import math_tex

COMPOUND = r"""The balance after $t$ years is

$$ A = P \left(1 + \frac{r}{n}\right)^{nt} $$

where $P$ is the principal. Investing $1,000 at 5% costs $5 and $10 in fees."""


def maths(source: str) -> list[tuple[str, bool]]:
    return [(p.tex, p.display) for p in math_tex.split(source) if p.tex is not None]


def test_pieces_cover_the_source_in_order() -> None:
    pieces = math_tex.split(COMPOUND)
    assert "".join(p.raw for p in pieces) == COMPOUND
    assert all(COMPOUND[p.start : p.end] == p.raw for p in pieces)


def test_compound_interest_answer() -> None:
    assert maths(COMPOUND) == [
        ("t", False),
        (r"A = P \left(1 + \frac{r}{n}\right)^{nt}", True),
        ("P", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It costs $5 and $10.",
        "Between $5-$10 a month.",
        "Pay $ 5 now and 5 $ later.",
        r"Escaped \$x\$ is text.",
        "A lone $ sign.",
        "Empty $$$$ is nothing.",
    ],
)
def test_dollar_amounts_stay_text(text: str) -> None:
    assert maths(text) == []


def test_all_four_delimiters() -> None:
    source = r"Inline $a+b$ and \(c^2\); display $$\sum_{i=1}^n i$$ and \[\int_0^1 x\,dx\]."
    assert maths(source) == [("a+b", False), ("c^2", False), (r"\sum_{i=1}^n i", True), (r"\int_0^1 x\,dx", True)]


def test_escaped_brackets_are_not_math() -> None:
    # Markdown's escapes `\(`, `\[` look like the delimiters: no letter or digit inside, or in a
    # link's target, they stay escapes (the link keeps its URL).
    assert maths(r"\!\[\\\]\^ and \(+\)") == []
    assert maths(r"[link](\(foo\)) and [b](foo\(and\(bar\))") == []
    assert maths(r"[link](https://example.com) then \(x_1\)") == [("x_1", False)]


def test_display_math_over_several_lines_and_a_matrix() -> None:
    source = "Rotation:\n\n$$\nR = \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}\n$$\n\nDone $x$."
    found = maths(source)
    assert found[0] == (r"R = \begin{pmatrix} a & b \\ c & d \end{pmatrix}", True)
    assert found[1] == ("x", False)


def test_code_is_never_math() -> None:
    source = (
        "Use `$x$` or ``a $b$ ` c`` in shell.\n\n"
        "```python\nprice = f\"${cost}\"  # $x$\n```\n\n"
        "~~~\n$$ not math $$\n~~~\n\n"
        "Para.\n\n    indented $y$ code\n\n"
        "But $z$ is."
    )
    assert maths(source) == [("z", False)]


def test_math_never_crosses_a_paragraph() -> None:
    assert maths("Costs $5\n\nand tax$ here") == []


def test_line_prefix_keeps_quotes_and_lists() -> None:
    source = "> quoted $$x$$\n- item $$y$$"
    first, second = [p for p in math_tex.split(source) if p.is_math]
    assert math_tex.line_prefix(source, first.start) == "> "
    assert math_tex.line_prefix(source, second.start) == "  "


@pytest.mark.parametrize(
    "tex",
    [
        r"A = P \left(1 + \frac{r}{n}\right)^{nt}",
        r"\sum_{i=1}^n i = \frac{n(n+1)}{2}",
        r"\sqrt{x^2+1} \le x + 1",
        r"\int_0^1 x^2\,dx",
        r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
        r"\text{rate} = r \cdot n \times \alpha\beta\Gamma",
        r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
    ],
)
def test_what_qwen_writes_is_typeset(tex: str) -> None:
    svg = math_tex.render(tex, True, "#112233", 20.0)
    assert svg is not None
    text = svg.svg.decode()
    assert text.startswith("<svg") and "<path" in text
    assert 'fill="#112233"' in text
    assert "<use" not in text and "<text" not in text  # paths only: no font needed to show it
    assert svg.width > 10 and svg.height > 10 and 0 <= svg.depth < svg.height


def test_fraction_hangs_below_the_baseline_a_letter_does_not() -> None:
    letter = math_tex.render("x", False)
    fraction = math_tex.render(r"\frac{a}{b}", False)
    assert letter is not None and fraction is not None
    assert fraction.depth > letter.depth + 2


@pytest.mark.parametrize(
    ("tex", "why"),
    [
        (r"\frac{1}{", "NoAvailableTokensError"),
        (r"\foo{x} + 1", r"unknown command \foo"),
        ("{" * 100 + "x" + "}" * 100, "nested too deep"),
        ("x+" * 1500, "longer than"),
    ],
)
def test_a_broken_formula_is_refused_not_raised(tex: str, why: str) -> None:
    assert math_tex.render(tex, False) is None
    with pytest.raises(math_tex.MathError, match=re.escape(why)):
        math_tex.render_or_raise(tex, False)


def test_render_is_cached() -> None:
    first = math_tex.render("y^3", False, "#000000", 18.0)
    assert math_tex.render("y^3", False, "#000000", 18.0) is first
    assert math_tex.render("y^3", False, "#ffffff", 18.0) is not first


# -- the window ----------------------------------------------------------------------------

ANSWER = r"""## Compound interest

With principal $P$ and rate $r$, compounded $n$ times a year:

$$ A = P \left(1 + \frac{r}{n}\right)^{nt} $$

So $x^2$ grows; the sum \[ \sum_{i=1}^{n} i = \frac{n(n+1)}{2} \] and a matrix:

$$
R = \begin{pmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{pmatrix}
$$

It costs $5 and $10. Code: `$HOME`.

Broken: $\frac{1}{$ here.
"""


@pytest.fixture
def view(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QTextBrowser

    from desktop.ui import math_images

    class Document(QTextDocument):
        def loadResource(self, kind: int, name):  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
            return math_images.lookup(name)

    browser = QTextBrowser()
    browser.setDocument(Document(browser))
    browser.resize(700, 700)
    qtbot.addWidget(browser)
    return browser


def _show(view, dark: bool = False):  # type: ignore[no-untyped-def]
    from desktop.ui import math_images

    source, images = math_images.prepare(ANSWER, dark, font=view.document().defaultFont(), dpr=1.0)
    view.document().setMarkdown(source)
    math_images.style_math(view.document())
    view.show()
    return source, images


def test_prepare_turns_math_into_images_and_keeps_the_rest(view) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import math_images

    source, images = _show(view)
    refs = re.findall(r"!\[[^\]]*\]\((dashchat-math:[0-9a-f]+) \"", source)
    assert len(refs) == 7  # P, r, n, A=..., x^2, the sum, R=..., and no more
    assert set(refs) == set(images)
    assert "costs $5 and $10" in source
    assert r"`$\frac{1}{$`" in source  # the broken one, as code
    assert "`$HOME`" in source
    for name in refs:
        image = math_images.lookup(name)
        assert image is not None and not image.isNull()
    # Display math is a paragraph of its own.
    assert re.search(r"\n\n!\[A = P \\left\(1 \+ \\frac\{r\}\{n\}\\right\)\^\{nt\}\]\(dashchat-math:", source)


def _formulas(doc):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextFormat

    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                found.append((block, fragment, fmt.toImageFormat(), fmt.stringProperty(QTextFormat.Property.ImageName)))
            it += 1
        block = block.next()
    return found


def test_formulas_are_drawn_in_the_text_colour_on_the_baseline(view) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from desktop.ui import math_images

    for dark in (False, True):
        _show(view, dark)
        formulas = _formulas(view.document())
        assert len(formulas) == 7
        want = math_images.text_colour(dark)
        for block, _fragment, _fmt, name in formulas:
            image = math_images.lookup(name)
            assert image is not None
            pixels = [QColor.fromRgba(image.pixel(x, y)) for x in range(image.width()) for y in range(image.height())]
            inked = max(pixels, key=QColor.alpha)  # the most opaque: the ink's own colour
            assert inked.alpha() > 200, name
            assert abs(inked.lightness() - want.lightness()) < 12, name
            if block.length() == 2:  # a display formula alone in its paragraph: centred
                assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter


def test_an_inline_formula_sits_on_the_text_baseline(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Drawn: the bottom of the x in `$x$` is on the row of the bottom of the text's x."""
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextDocument

    from desktop.ui import math_images

    font = QFont()
    font.setPixelSize(20)
    for source in ("ab x $x$", "ab x $x$ and $\\frac{a}{b}$"):
        prepared, _ = math_images.prepare(source, False, font=font, dpr=1.0)

        class Document(QTextDocument):
            def loadResource(self, kind: int, name):  # type: ignore[no-untyped-def]  # noqa: N802
                return math_images.lookup(name)

        doc = Document()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setMarkdown(prepared)
        math_images.style_math(doc)
        doc.setTextWidth(600)
        page = QImage(600, 100, QImage.Format.Format_ARGB32)
        page.fill(0xFFFFFFFF)
        painter = QPainter(page)
        doc.drawContents(painter)
        painter.end()

        def bottom(x0: int, x1: int, page: QImage = page) -> int:
            return max(y for y in range(100) for x in range(x0, x1) if QColor(page.pixel(x, y)).lightness() < 128)

        line = doc.firstBlock().layout().lineAt(0)
        text_x = line.cursorToX(3)[0]
        math_x = line.cursorToX(5)[0]
        text_bottom = bottom(int(text_x) + 1, int(text_x) + 9)
        math_bottom = bottom(int(math_x) + 2, int(math_x) + 10)
        assert abs(text_bottom - math_bottom) <= 1, source


def test_selection_copy_gives_the_latex(view) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    from desktop.ui import math_images

    _show(view)
    cursor = QTextCursor(view.document())
    cursor.select(QTextCursor.SelectionType.Document)
    text = math_images.selection_text(cursor)
    assert "\ufffc" not in text
    assert "With principal $P$ and rate $r$, compounded $n$ times a year:" in text
    assert r"$$A = P \left(1 + \frac{r}{n}\right)^{nt}$$" in text
    assert r"$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$$" in text
    assert r"\begin{pmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{pmatrix}" in text
    assert "It costs $5 and $10." in text
    # The image's title holds the exact source too (what a copy of the document as Markdown keeps).
    titles = {fmt.stringProperty(fmt.Property.ImageTitle) for _b, _f, fmt, _n in _formulas(view.document())}
    assert r"A = P \left(1 + \frac{r}{n}\right)^{nt}" in titles


def test_no_math_no_change() -> None:
    from desktop.ui import math_images

    text = "Plain answer, $5 only, and `code $x$`."
    assert math_images.prepare(text, False) == (text, {})


def test_a_formula_that_would_take_minutes_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    # ziamath's layout time doubles with each nesting level: 15 nested fractions take minutes.
    monkeypatch.setattr(math_tex, "MAX_SECONDS", 0.2)
    nested = r"\frac{1}{1+" * 15 + "x" + "}" * 15
    with pytest.raises(math_tex.MathError, match="took longer than 0.2 s"):
        math_tex.render_or_raise(nested, True)
    assert math_tex.render("x^2", True, "#000000", 19.0) is not None  # the next formula is laid out as usual


def test_past_the_budget_formulas_show_as_source(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import math_images

    monkeypatch.setattr(math_images, "BUDGET", 0.0)
    source, images = math_images.prepare(r"New $q_{budget}^3$ and $$\hat{b}_{0}$$ here.", False, dpr=1.0)
    assert images == {}
    assert "`$q_{budget}^3$`" in source and r"`$$\hat{b}_{0}$$`" in source
