"""The Answer pane's Markdown view, driven as the app drives it: append(), finish(), set_markdown()."""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.markdown_view import _CODE_ID, MarkdownView

FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML
)

PARAGRAPHS = "First paragraph with *emphasis*\nand a second line.\n\nSecond, **bold** and `code`.\n\nThird.\n"
NESTED_LIST = (
    "Steps:\n\n- one\n- two\n  - two a\n  - two b\n\n    more of two b\n- three\n\n"
    "1. first\n\n2. second\n\nafter the list\n"
)
TABLE = "| name | value |\n|:-----|------:|\n| alpha | 1 |\n| beta | 22 |\n\nBelow the table.\n"
FENCE_WITH_BLANKS = "Code:\n\n```python\ndef f(x):\n\n\n    return x  # two blank lines above\n```\nAfter.\n"
CJK = "# 标题\n\n这是一个段落，包含**粗体**和`代码`。\n\n- 列表项一\n- 列表项二\n\n日本語の文章です。한국어 문장.\n"
MIXED = (
    "# Result\n\nThe interpreter ran:\n\n~~~bash\nls -la\n~~~\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    "> quoted\n> text\n\n---\n\n"
    "````md\n```\nnot a fence end\n```\n````\n"
    "Setext\n======\n\n    indented code\n\n    still code\n\n"
    "See [docs](https://example.com/docs) and https://example.org.\n"
)
DOCUMENTS = {
    "paragraphs": PARAGRAPHS,
    "nested_list": NESTED_LIST,
    "table": TABLE,
    "fence_with_blanks": FENCE_WITH_BLANKS,
    "cjk": CJK,
    "mixed": MIXED,
    "unclosed_fence": "Text\n\n```py\nprint('never closed')\n",
    "no_trailing_newline": "para\n\n```\ncode\n```",
}


@pytest.fixture(autouse=True)
def _collect() -> Iterator[None]:
    yield
    gc.collect()


def make_view(qtbot: QtBot, width: int = 600, height: int = 400) -> MarkdownView:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(width, height)
    return view


def stream(view: MarkdownView, pieces: list[str]) -> None:
    for piece in pieces:
        view.append(piece)
    view.finish()


def cut(text: str, sizes: list[int]) -> list[str]:
    pieces, i, k = [], 0, 0
    while i < len(text):
        n = sizes[k % len(sizes)]
        pieces.append(text[i : i + n])
        i, k = i + n, k + 1
    return pieces


def body_html(view: MarkdownView) -> str:
    html = view.document().toHtml()
    return html[html.index("<body") :]


def assert_same_as_one_shot(qtbot: QtBot, text: str, pieces: list[str]) -> None:
    assert "".join(pieces) == text
    streamed = make_view(qtbot)
    stream(streamed, pieces)
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    assert streamed.markdown() == text
    assert streamed.toPlainText() == one_shot.toPlainText()
    assert streamed.document().blockCount() == one_shot.document().blockCount()
    assert streamed.code_blocks() == one_shot.code_blocks()
    assert body_html(streamed) == body_html(one_shot)  # same formats too, not only the same text


def code_boxes(view: MarkdownView) -> list[list[QTextBlock]]:
    """The code blocks the view drew, each as its lines (QTextBlocks)."""
    boxes: list[list[QTextBlock]] = []
    last_id = None
    block = view.document().begin()
    while block.isValid():
        code_id = block.blockFormat().property(_CODE_ID)
        if code_id is not None:
            assert block.blockFormat().hasProperty(QTextFormat.Property.BlockCodeFence)
            if code_id != last_id:
                boxes.append([])
            boxes[-1].append(block)
        last_id = code_id
        block = block.next()
    return boxes


def box_text(lines: list[QTextBlock]) -> str:
    return "\n".join(line.text() for line in lines)


def box_colours(lines: list[QTextBlock]) -> set[str]:
    colours: set[str] = set()
    for line in lines:
        it = line.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert fmt.fontFixedPitch()  # code is monospace throughout
            colours.add(fmt.foreground().color().name() if fmt.foreground().style() != Qt.BrushStyle.NoBrush else "")
            it += 1
    return colours


# -- streamed == one-shot -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@pytest.mark.parametrize("sizes", [[1], [2, 5], [6], [7, 1, 13], [1000]], ids=str)
def test_streamed_render_equals_one_shot(qtbot: QtBot, name: str, sizes: list[int]) -> None:
    text = DOCUMENTS[name]
    assert_same_as_one_shot(qtbot, text, cut(text, sizes))


def test_fence_marker_split_across_fragments(qtbot: QtBot) -> None:
    pieces = ["Intro\n\n``", "`py", "\nx = 1\n", "``", "`\nafter | a", " |\n|---|\n| 1 |\n"]
    text = "".join(pieces)
    assert_same_as_one_shot(qtbot, text, pieces)
    view = make_view(qtbot)
    stream(view, pieces)
    assert view.code_blocks() == ["x = 1"]
    assert "```" not in view.toPlainText()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=st.sampled_from(sorted(DOCUMENTS)), seed=st.integers(0, 2**32))
def test_any_fragmentation_equals_one_shot(qtbot: QtBot, doc: str, seed: int) -> None:
    text = DOCUMENTS[doc]
    rnd = random.Random(seed)
    cuts = sorted(rnd.sample(range(1, len(text)), k=min(len(text) - 1, rnd.randint(1, 40))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    assert_same_as_one_shot(qtbot, text, pieces)


@pytest.mark.parametrize("name", ["paragraphs", "nested_list", "cjk", "fence_with_blanks", "unclosed_fence"])
def test_block_splitting_agrees_with_qt_whole_document_parse(qtbot: QtBot, name: str) -> None:
    # Rendering block by block must not change what the Markdown means (a loose list stays one
    # list, an ordered list keeps counting): compare with Qt parsing the whole text at once.
    text = DOCUMENTS[name]
    whole = QTextDocument()
    whole.setMarkdown(text, FEATURES)
    view = make_view(qtbot)
    stream(view, cut(text, [3]))
    assert view.toPlainText() == whole.toPlainText()
    assert view.document().blockCount() == whole.blockCount()


# -- safety: no HTML, no resources -----------------------------------------------------------


def test_html_in_source_is_shown_literally_and_loads_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "local.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(picture))
    local_url = QUrl.fromLocalFile(str(picture))
    text = (
        'Say <b>bold</b> and <img src="https://example.com/tracker.png">.\n\n'
        "<script>alert(1)</script>\n\n"
        f"![local]({local_url.toString()}) ![remote](https://example.com/pixel.png)\n"
    )
    view = make_view(qtbot)
    view.show()
    stream(view, cut(text, [4]))
    view.grab()  # lay out and paint: any image in the document would be fetched now

    shown = view.toPlainText()
    assert "<b>bold</b>" in shown
    assert '<img src="https://example.com/tracker.png">' in shown
    assert "<script>alert(1)</script>" in shown
    assert "[image: local]" in shown and "[image: remote]" in shown
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat()
            assert not fmt.fontWeight() > 400 or "bold" not in it.fragment().text()
            it += 1
        block = block.next()
    # A plain QTextDocument would read the local file; the view's document fetches nothing.
    plain = QTextDocument()
    assert plain.resource(QTextDocument.ResourceType.ImageResource.value, local_url) is not None
    assert view.document().resource(QTextDocument.ResourceType.ImageResource.value, local_url) is None
    assert view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("https://example.com/pixel.png")) is None


# -- code blocks ------------------------------------------------------------------------------


def test_code_blocks_returns_exact_code_without_fences(qtbot: QtBot) -> None:
    text = (
        "```python title=x.py\nif x:\n\treturn  1  \n\n\n```\n"
        "~~~\n``` not closing\n~~~\n"
        "````\n```\n````\n"
        "- item\n\n  ```sh\n  echo hi\n\n    indented\n  ```\n"
        "``` \n```\n"
    )
    view = make_view(qtbot)
    stream(view, cut(text, [5]))
    assert view.code_blocks() == ["if x:\n\treturn  1  \n\n", "``` not closing", "```", "echo hi\n\n  indented", ""]


def test_code_blocks_while_streaming_include_the_open_fence(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.append("```py\nprint(1)\n")
    assert view.code_blocks() == ["print(1)"]
    view.append("print(2)")
    assert view.code_blocks() == ["print(1)\nprint(2)"]


def test_unclosed_fence_is_rendered_as_code_at_finish(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    stream(view, ["Result:\n\n```python\n", "def g():\n    return 'open'\n"])
    assert view.code_blocks() == ["def g():\n    return 'open'"]
    [box] = code_boxes(view)
    assert box_text(box) == "def g():\n    return 'open'"
    assert len(box_colours(box)) > 1  # highlighted as if the fence had closed


def test_code_is_highlighted_once_its_fence_closes(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.append("```python\nimport os\n\n\nfor name in os.listdir('.'):  # list\n    print(name)\n")
    [box] = code_boxes(view)
    assert box_text(box) == "import os\n\n\nfor name in os.listdir('.'):  # list\n    print(name)"
    assert len(box_colours(box)) == 1  # still open: plain monospace text
    view.append("pri")
    [box] = code_boxes(view)
    assert box_text(box) == "import os\n\n\nfor name in os.listdir('.'):  # list\n    print(name)\npri"
    view.append("nt('done')\n")
    view.append("```\n")
    code = "import os\n\n\nfor name in os.listdir('.'):  # list\n    print(name)\nprint('done')"
    [box] = code_boxes(view)
    assert box_text(box) == code
    assert len(box_colours(box)) >= 3  # keyword, string, comment, names...
    view.finish()
    assert [box_text(b) for b in code_boxes(view)] == [code] == view.code_blocks()


def test_unknown_language_falls_back_to_plain_code(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    stream(view, ["```no-such-language\n  a  b\n```\n"])
    [box] = code_boxes(view)
    assert box_text(box) == "  a  b"
    assert len(box_colours(box)) == 1


# -- incremental rendering --------------------------------------------------------------------


def test_finished_blocks_are_never_rendered_again(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    rendered: list[tuple[int, int]] = []  # the source rendered as final, (start, end) per render
    render_segment, queue_highlight = view._render_segment, view._queue_highlight

    def spy(block_start: int, part: Any, joined_next: bool) -> None:
        rendered.append((block_start + part.start, block_start + part.end))
        render_segment(block_start, part, joined_next)

    def spy_code(code_id: int, code: str, lang: str) -> None:
        rendered.append((code_id, code_id + len(code)))  # a closed fence, shown as final
        queue_highlight(code_id, code, lang)

    view._render_segment = spy  # type: ignore[method-assign]
    view._queue_highlight = spy_code  # type: ignore[method-assign]
    view.append("# Heading\n\nFirst paragraph.\n\nSecond paragraph")
    view.append(" goes on.\n")  # a later block has begun: heading and first paragraph are final
    heading, first = view.document().firstBlock(), view.document().firstBlock().next()
    assert (heading.text(), first.text()) == ("Heading", "First paragraph.")
    # A user state survives only as long as its block is never removed and re-inserted.
    heading.setUserState(4242)
    first.setUserState(4343)
    for piece in cut(MIXED + FENCE_WITH_BLANKS + TABLE + NESTED_LIST * 3, [9]):
        view.append(piece)
    view.finish()
    heading, first = view.document().firstBlock(), view.document().firstBlock().next()
    assert (heading.text(), heading.userState()) == ("Heading", 4242)
    assert (first.text(), first.userState()) == ("First paragraph.", 4343)
    # Heading and first paragraph, finished together, were rendered together (one batch).
    assert rendered[0] == (0, len("# Heading\n\nFirst paragraph.\n\n"))
    # Each part of the source rendered as final exactly once: no two renders overlap.
    spans = sorted(rendered)
    assert all(end <= later for (_, end), (later, _) in zip(spans, spans[1:], strict=False))


def test_append_renders_only_the_open_block(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    sources: list[str] = []
    insert = view._insert_markdown

    def spy(source: str, joins: Any = (False, False)) -> None:
        sources.append(source)
        insert(source, joins)

    view._insert_markdown = spy  # type: ignore[method-assign]
    paragraph = "A sentence of a paragraph that keeps the stream busy. " * 3 + "\n\n"
    text = paragraph * 100
    for piece in cut(text, [6 * 50]):
        view.append(piece)
    view.finish()
    assert len(text) > 10_000
    assert max(map(len, sources)) <= 2 * len(paragraph)  # never the whole answer


# -- scrolling --------------------------------------------------------------------------------


def test_follows_the_bottom_while_at_the_bottom(qtbot: QtBot) -> None:
    view = make_view(qtbot, 400, 200)
    view.show()
    bar = view.verticalScrollBar()
    for i in range(80):
        view.append(f"Line {i} of a long answer.\n\n")
        QApplication.processEvents()
    assert bar.maximum() > 0
    assert bar.value() == bar.maximum()
    view.append("```python\n" + "x = 1\n" * 30)
    QApplication.processEvents()
    assert bar.value() == bar.maximum()


def test_does_not_move_a_reader_who_scrolled_up(qtbot: QtBot) -> None:
    view = make_view(qtbot, 400, 200)
    view.show()
    bar = view.verticalScrollBar()
    for i in range(80):
        view.append(f"Line {i} of a long answer.\n\n")
    QApplication.processEvents()
    bar.setValue(bar.maximum() // 3)  # the user drags the scroll bar up
    reading = bar.value()
    top_line = view.cursorForPosition(QPoint(5, 5)).block().text()
    for i in range(80):
        view.append(f"More {i}.\n\n")
        QApplication.processEvents()
    view.finish()
    QApplication.processEvents()
    assert bar.value() == reading
    assert view.cursorForPosition(QPoint(5, 5)).block().text() == top_line
    assert bar.maximum() > reading

    bar.setValue(bar.maximum())  # back at the bottom: following again
    view.clear()
    view.append("x\n\n" * 200)
    QApplication.processEvents()
    assert bar.value() == bar.maximum() > 0


# -- links and interaction --------------------------------------------------------------------


def _click_text(qtbot: QtBot, view: MarkdownView, needle: str) -> None:
    found = view.document().find(needle)
    assert not found.isNull()
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart() + 1)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_http_links_emit_link_activated_and_nothing_else_does(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    qtbot.waitExposed(view)
    view.set_markdown("Open [the docs](https://example.com/docs) or [a file](file:///etc/passwd) now.\n")
    before = view.toPlainText()
    with qtbot.waitSignal(view.linkActivated) as blocker:
        _click_text(qtbot, view, "the docs")
    assert blocker.args == [QUrl("https://example.com/docs")]
    with qtbot.assertNotEmitted(view.linkActivated):
        _click_text(qtbot, view, "a file")
    assert view.toPlainText() == before  # the browser did not navigate anywhere
    assert view.source().isEmpty()


def test_read_only_and_selectable_by_keyboard(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    qtbot.waitExposed(view)
    view.set_markdown("Some **answer** text.\n")
    assert view.isReadOnly()
    flags = view.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    view.setFocus()
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectedText() == "Some"
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.textCursor().selectedText() == "Some answer text."
    qtbot.keyClicks(view, "typed")
    assert view.toPlainText() == "Some answer text."


# -- state ------------------------------------------------------------------------------------


def test_markdown_clear_and_set_markdown(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    pieces = ["# T", "itle\r\n\n", "tex", "t ```x``` ok"]
    for piece in pieces:
        view.append(piece)
    assert view.markdown() == "".join(pieces)
    view.clear()
    assert view.markdown() == "" and view.toPlainText() == "" and view.code_blocks() == []
    assert not code_boxes(view)
    view.set_markdown(FENCE_WITH_BLANKS)
    assert view.markdown() == FENCE_WITH_BLANKS
    assert view.code_blocks() == ["def f(x):\n\n\n    return x  # two blank lines above"]
    with pytest.raises(RuntimeError):
        view.append("more")  # finished: the app must clear() before streaming a new answer
    view.clear()
    view.append("again")
    view.finish()
    assert view.toPlainText() == "again"


# -- issue #15: what the reviewer found ----------------------------------------------------------

TABLE_THEN_RULE = "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\nBelow the rule.\n"


def rules(view: MarkdownView) -> list[int]:
    """Positions of the blocks drawn as a thematic break."""
    found, block = [], view.document().begin()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth):
            found.append(block.position())
        block = block.next()
    return found


@pytest.mark.parametrize("text", [TABLE_THEN_RULE, TABLE_THEN_RULE.replace("\n\n---", "\n---"), TABLE * 2 + "***\n"])
def test_a_rule_after_a_table_is_drawn(qtbot: QtBot, text: str) -> None:
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    streamed = make_view(qtbot)
    stream(streamed, cut(text, [3]))
    for view in (one_shot, streamed):
        [rule] = rules(view)
        table = view.document().rootFrame().childFrames()[-1]
        assert rule > table.lastPosition()  # below the (last) table
    assert body_html(streamed) == body_html(one_shot)


def test_an_open_fence_shows_exactly_the_code_received(qtbot: QtBot) -> None:
    # No empty first line while the fence is open, so nothing jumps when it closes.
    intro = "Code:\n\n```python\n"
    code = "def f(x):\n    return x + 1\n\nprint(f(2))\n"
    view = make_view(qtbot)
    view.append(intro)
    for i, char in enumerate(code):
        view.append(char)
        received = code[: i + 1]
        [box] = code_boxes(view)
        assert box_text(box) == received.removesuffix("\n")
    view.append("```\n")
    [box] = code_boxes(view)
    assert box_text(box) == code.removesuffix("\n")


def test_a_fence_being_opened_shows_no_code_line_before_its_newline(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.append("Text\n\n``")
    # (Text is final already, followed by the invisible empty block the next one goes into.)
    assert view.toPlainText().strip() == "Text" and not code_boxes(view)
    view.append("`pyth")
    assert view.toPlainText().strip() == "Text" and not code_boxes(view)
    view.append("on\nx = 1\n")
    assert [box_text(b) for b in code_boxes(view)] == ["x = 1"]


def anchors(view: MarkdownView) -> list[tuple[str, str]]:
    """(text, href) of every link in the document, in order."""
    found: list[tuple[str, str]] = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor() or fmt.anchorHref():
                found.append((fragment.text(), fmt.anchorHref()))
            it += 1
        block = block.next()
    return found


REFERENCES = (
    "According to the [pandas docs][pd], `describe()` summarizes; see [NumPy][np] too.\n\n"
    "- [Reading CSV files][csv]\n- the [user guide]\n\n"
    "Unrelated [brackets] stay text.\n\n"
    "[pd]: https://pandas.pydata.org/docs/\n"
    '[np]: https://numpy.org/doc/stable/ "NumPy"\n'
    "[CSV]: <https://pandas.pydata.org/docs/user_guide/io.html>\n"
    "[User  Guide]: https://pandas.pydata.org/docs/user_guide/\n"
)
REFERENCE_LINKS = [
    ("pandas docs", "https://pandas.pydata.org/docs/"),
    ("NumPy", "https://numpy.org/doc/stable/"),
    ("Reading CSV files", "https://pandas.pydata.org/docs/user_guide/io.html"),
    ("user guide", "https://pandas.pydata.org/docs/user_guide/"),
]


@pytest.mark.parametrize("sizes", [[1], [7], [40, 3], [10_000]], ids=str)
def test_reference_links_resolve_when_defined_at_the_end(qtbot: QtBot, sizes: list[int]) -> None:
    view = make_view(qtbot)
    stream(view, cut(REFERENCES, sizes))
    assert anchors(view) == REFERENCE_LINKS
    assert "[brackets]" in view.toPlainText() and "][" not in view.toPlainText()
    one_shot = make_view(qtbot)
    one_shot.set_markdown(REFERENCES)
    assert body_html(view) == body_html(one_shot)


def test_a_late_definition_renders_the_blocks_using_it_in_place(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.append("# Title\n\nSee [the docs][d].\n\nOther text.\n\n")
    title, see = view.document().firstBlock(), view.document().firstBlock().next()
    assert see.text() == "See [the docs][d]." and not anchors(view)  # not defined (yet)
    title.setUserState(7)
    view.append("[d]: https://example.com/docs\n\nMore.\n")  # the definition's block is finished
    assert anchors(view) == [("the docs", "https://example.com/docs")]  # before finish()
    assert view.document().firstBlock().userState() == 7  # the blocks around were not touched
    assert view.document().firstBlock().next().text() == "See the docs."
    view.document().firstBlock().setUserState(-1)
    view.finish()
    one_shot = make_view(qtbot)
    one_shot.set_markdown(view.markdown())
    assert body_html(view) == body_html(one_shot)


def test_a_link_in_the_open_block_is_not_clickable(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    qtbot.waitExposed(view)
    view.append("Read [the docs](https://example.com/docs/refer")
    assert not anchors(view)
    view.append("ence) and https://example.org/pa")
    assert not anchors(view)  # GFM's bare autolinks too: the URL may still be growing
    with qtbot.assertNotEmitted(view.linkActivated):
        _click_text(qtbot, view, "the docs")
    view.append("th now.\n\n")
    assert not anchors(view)  # still open: nothing after the blank line yet
    view.append("Next paragraph")  # a paragraph ends at a blank line, whatever follows it
    assert anchors(view) == [
        ("the docs", "https://example.com/docs/reference"),
        ("https://example.org/path", "https://example.org/path"),
    ]
    with qtbot.waitSignal(view.linkActivated) as blocker:
        _click_text(qtbot, view, "the docs")
    assert blocker.args == [QUrl("https://example.com/docs/reference")]


@pytest.mark.parametrize("trailing", ["", "\n", "\n\n\n"])
def test_an_answer_ending_with_code_has_no_gap_below(qtbot: QtBot, trailing: str) -> None:
    text = "Run this:\n\n```python\nprint('hello')\nprint('world')\n```" + trailing
    paragraph = "Run this:\n\n```python\nprint('hello')\nprint('world')\n```\nDone.\n"
    heights = []
    for pieces in (cut(text, [4]), [text]):
        view = make_view(qtbot)
        stream(view, pieces)
        assert view.document().lastBlock().text() == "print('world')"  # no empty block below
        heights.append(view.document().size().height())
    longer = make_view(qtbot)
    longer.set_markdown(paragraph)
    assert heights[0] == heights[1] < longer.document().size().height()


def test_long_code_lines_wrap_with_a_hanging_indent(qtbot: QtBot) -> None:
    line = "        result = compute(first_argument, second_argument, third_argument, fourth_argument)"
    code = f"```python\ndef f():\n    for x in range(3):\n{line}\n    return result\n```\n"
    view = make_view(qtbot, width=360)
    view.show()
    stream(view, cut(code, [5]))
    QApplication.processEvents()
    [box] = code_boxes(view)
    wrapped = next(block for block in box if block.text() == line)
    layout = wrapped.layout()
    assert layout.lineCount() > 1
    indent_x = layout.lineAt(0).cursorToX(8)[0]  # where the line's own text begins
    body = next(block for block in box if block.text() == "    return result")
    for i in range(1, layout.lineCount()):
        # Every continuation starts right of the line's own indentation, so it cannot be taken
        # for the next indented line of Python.
        assert layout.lineAt(i).x() > indent_x + 1
    assert body.layout().lineAt(0).cursorToX(4)[0] < indent_x  # and real indentation still lines up
    for block in box:
        if block.text() != line:
            assert block.layout().lineCount() == 1
    assert view.code_blocks() == [code.split("\n", 1)[1].removesuffix("```\n").removesuffix("\n")]


def test_a_growing_answer_never_overlaps_its_card_footer(qtbot: QtBot) -> None:
    from PySide6.QtCore import QEvent, QObject

    from desktop.model.turn import Turn
    from desktop.ui.answer_pane import AnswerPane

    pane = AnswerPane()
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    card = pane.add_turn(Turn(user="Write a long function"))
    overlaps: list[tuple[int, int]] = []
    painted = [0]

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                painted[0] += 1
                bottom, footer = card.answer.geometry().bottom(), card.outcome.geometry().top()
                if bottom >= footer:
                    overlaps.append((bottom, footer))
            return False

    watch = Watch()
    card.answer.viewport().installEventFilter(watch)
    card.outcome.installEventFilter(watch)
    text = "The code:\n\n```python\n" + "".join(f"def f{i}(x):\n    return x * {i}\n" for i in range(25)) + "```\n"
    for piece in cut(text, [30]):
        card.append_answer(piece)
        qtbot.wait(5)  # paints happen between the flushes, as in the app
    card.finish()
    qtbot.wait(20)
    assert painted[0] > 10
    assert not overlaps


def test_a_partial_line_of_inline_code_or_strikethrough_is_shown(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.append("Intro\n\n`pandas` rea")
    assert view.toPlainText() == "Intro\npandas rea"
    view.append("ds.\n\n~~old")
    assert view.toPlainText().endswith("~~old")


def _walked_code_boxes(view: MarkdownView) -> list[QRectF]:
    """Every block of the document visited: the boxes the Copy buttons go on."""
    layout = view.document().documentLayout()
    boxes: list[QRectF] = []
    current = None
    block = view.document().begin()
    while block.isValid():
        code_id = block.blockFormat().property(_CODE_ID)
        if code_id is None:
            current = None
        else:
            rect = layout.blockBoundingRect(block)
            if code_id == current and boxes:
                boxes[-1] = boxes[-1].united(rect)
            else:
                boxes.append(QRectF(rect))
            current = code_id
        block = block.next()
    return boxes


def test_code_boxes_are_those_a_walk_over_the_document_finds(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    text = (
        # Until [g] is defined its references show as typed: the blocks after them move up then.
        "See [the guide][g] first, [guide][g] and [g][].\n\n```python\nx = 1\n```\n```\nadjacent = True\n```\n\n"
        "- a list\n\n  ```\n  code in the list: Qt's own, no box\n  ```\n\n"
        "Then [the guide][g] again, defined below with a much longer title.\n\n"
        '[g]: https://example.com/a/rather/long/path "A title that changes the length"\n\n'
        "```python\n" + "".join(f"line_{i} = {i}\n" for i in range(30)) + "```\n\nThe end.\n"
    )
    checked = 0
    for piece in cut(text, [7, 23, 3]):
        view.append(piece)
        QApplication.processEvents()
        assert view.code_boxes() == _walked_code_boxes(view)
        checked += bool(view.code_boxes())
    view.finish()
    view.catch_up()
    QApplication.processEvents()
    assert len(view.code_boxes()) == 3 and view.code_boxes() == _walked_code_boxes(view)
    assert checked > 20
    # Narrower (lines wrap anew) and in a larger font (zoom): the boxes still are what a walk finds.
    view.resize(view.width() // 3, view.height())
    QApplication.processEvents()
    assert view.code_boxes() == _walked_code_boxes(view)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    QApplication.processEvents()
    assert view.code_boxes() == _walked_code_boxes(view)


def test_an_answer_in_a_pane_wraps_the_same_before_and_after_the_pane_scrolls(qtbot: QtBot) -> None:
    # Qt lays a whole document out again when its width changes: the pane's scroll bar
    # appearing (which makes the answer narrower) must not change where its lines wrap.
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

    from desktop.ui.markdown_view import FittedMarkdownView

    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    column = QWidget()
    QVBoxLayout(column).addWidget(view := FittedMarkdownView())
    area.setWidget(column)
    area.resize(500, 300)
    area.show()
    qtbot.waitExposed(area)
    view.append("A first line.\n\n")
    QApplication.processEvents()
    assert not area.verticalScrollBar().isVisible()
    width = view.document().textWidth()
    assert 0 < width <= view.viewport().width()
    for i in range(60):
        view.append(f"Line {i} of an answer that grows past the pane's height.\n\n")
        QApplication.processEvents()
    assert area.verticalScrollBar().isVisible()
    assert view.document().textWidth() == width <= view.viewport().width()
    area.resize(420, 300)  # the user's resize still rewraps
    QApplication.processEvents()
    assert view.document().textWidth() < width
