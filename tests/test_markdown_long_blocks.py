"""Long blocks in the Answer view (issue #15): a long paragraph, an unbroken run of digits and a
long table are shown in segments, whatever the chunking the same as a one-shot render; what the
user copies is the answer's own text; a flood of text is rendered over several turns of the event
loop and the view says when it has caught up; a long code block keeps the lines it showed while
it streamed, is coloured a step at a time (or stays plain past markdown_highlight's limit), and
its box grows without walking all its lines again."""

from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtGui import QTextBlock, QTextCursor
from pytestqt.qtbot import QtBot

from desktop.model.markdown_blocks import SEGMENT_CHARS, TABLE_ROWS, segments
from desktop.ui import markdown_steps
from desktop.ui.markdown_highlight import HIGHLIGHT_MAX_CHARS
from desktop.ui.markdown_view import MarkdownView
from tests.support.bigstream import answer
from tests.test_markdown_equivalence import whole
from tests.test_markdown_view import box_colours, box_text, code_boxes


def make_view(qtbot: QtBot) -> MarkdownView:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    return view


def random_pieces(text: str, seed: int, most: int) -> list[str]:
    rnd = random.Random(seed)
    pieces, i = [], 0
    while i < len(text):
        n = rnd.randint(1, most)
        pieces.append(text[i : i + n])
        i += n
    return pieces


DIGITS = answer("digits", 40_000)
PARAGRAPH = answer("paragraph", 40_000)
TABLE = answer("table", rows=180)
LONG = {
    "digits": DIGITS,
    "paragraph": PARAGRAPH,
    "paragraph after an intro": "An intro line.\n\n" + PARAGRAPH + "\n\nAnd a last line.\n",
    "table": TABLE,
    "paragraph, then a heading": PARAGRAPH + "\n# Next\n\nMore.",
}


# -- where blocks are cut ----------------------------------------------------------------------


def test_a_long_paragraph_is_cut_in_segments_that_start_with_a_letter_or_digit() -> None:
    parts = segments(PARAGRAPH)
    assert len(PARAGRAPH) // SEGMENT_CHARS <= len(parts) <= 2 * len(PARAGRAPH) // SEGMENT_CHARS + 1
    assert "".join(PARAGRAPH[p.start : p.end] for p in parts) == PARAGRAPH
    for part in parts:
        assert part.end - part.start <= SEGMENT_CHARS
        assert PARAGRAPH[part.start].isalnum()


def test_an_open_block_is_cut_where_the_finished_block_is() -> None:
    for text in (DIGITS, PARAGRAPH, TABLE):
        final = segments(text)
        for end in range(1, len(text), 997):
            sealed = segments(text[:end], final=False)[:-1]
            assert sealed == final[: len(sealed)], end


@pytest.mark.parametrize(
    "text",
    [
        "- a list item\n" * 2000,  # a list: its items belong together
        "> quoted\n" * 2000,
        "para\n\n    indented code\n" * 1000,
        "x" * 20_000 + "\n===\n",  # a setext heading: the underline makes all of it a heading
        "a \\" + "b" * 20_000,  # a backslash escape could be cut from what it escapes
    ],
)
def test_blocks_with_structure_of_their_own_are_never_cut(text: str) -> None:
    assert segments(text) == segments(text)[:1] and segments(text)[0].end == len(text)


def test_a_long_table_is_cut_every_table_rows_rows_each_part_with_the_header() -> None:
    table = TABLE[TABLE.index("| #") : TABLE.index("\n\nAll")] + "\n"
    parts = segments(table)
    head = table[: table.index("\n", table.index("\n") + 1) + 1]
    assert len(parts) == -(-180 // TABLE_ROWS)
    assert parts[0].prefix == "" and all(p.prefix == head for p in parts[1:])
    assert all(table[p.start : p.end].count("\n") == TABLE_ROWS for p in parts[1:-1])


# -- streamed == one-shot ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LONG))
def test_long_blocks_streamed_in_any_chunking_equal_the_one_shot_render(qtbot: QtBot, name: str) -> None:
    text = LONG[name]
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    expected = whole(one_shot)
    for seed, most in ((1, 40), (2, 3000)):
        streamed = make_view(qtbot)
        for piece in random_pieces(text, seed, most):
            streamed.append(piece)
        streamed.finish()
        streamed.catch_up()
        assert streamed.markdown() == text
        assert whole(streamed) == expected, (name, seed)


def test_a_long_paragraph_is_shown_as_several_paragraphs_with_all_its_text(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_markdown(PARAGRAPH)
    shown = view.document().toPlainText()
    assert shown.replace("\n", " ").replace("\u2029", " ").split() == PARAGRAPH.split()
    assert view.document().blockCount() >= len(PARAGRAPH) // SEGMENT_CHARS


# -- digits wrap, copies do not carry the view's break opportunities -------------------------------


def test_a_run_of_digits_wraps_and_copies_as_the_digits(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    view.set_markdown(DIGITS)
    block = view.document().firstBlock()
    assert block.layout().lineCount() > 10  # wrapped at the view's width, not one endless line
    view.selectAll()
    copied = view.createMimeDataFromSelection().text()
    assert copied.replace("\n", "").replace("\u2029", "") == DIGITS
    assert view.markdown() == DIGITS


def test_a_link_keeps_its_target_next_to_a_long_run(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_markdown(f"See [the docs](https://example.com/{'a' * 300}) and {'7' * 300}.")
    hrefs = set()
    block = view.document().firstBlock()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if fmt.isAnchor():
            hrefs.add(fmt.anchorHref())
        it += 1
    assert hrefs == {f"https://example.com/{'a' * 300}"}


# -- the budget ------------------------------------------------------------------------------------


def test_a_flood_is_rendered_over_several_turns_and_caught_up_is_emitted(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    text = answer("prose", 120_000)
    seen: list[Any] = []
    view.caught_up.connect(lambda: seen.append(True))
    view.append(text)  # far more than one step renders
    assert not view.is_caught_up()
    with qtbot.waitSignal(view.caught_up, timeout=30_000):
        pass
    assert view.is_caught_up() and seen
    view.finish()
    view.catch_up()
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    assert whole(view) == whole(one_shot)


def test_more_text_or_the_end_while_behind_waits_for_the_next_step(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    # One rendering step per turn of the event loop: text appended, or the end of the reply,
    # while the view is behind is rendered by the step already waiting, not by one more now (a
    # reply's last flush and its end come in one callback: two steps back to back).
    monkeypatch.setattr(markdown_steps, "_BUDGET_S", 0.0)  # a step renders one part: behind, whatever the machine's speed
    view = make_view(qtbot)
    text = answer("prose", 60_000) + "\n\n" + TABLE + "\n\nAfter the table.\n"
    view.append(text[: len(text) // 2])
    assert not view.is_caught_up()
    shown = view.document().toPlainText()
    view.append(text[len(text) // 2 :])
    view.finish()
    assert view.document().toPlainText() == shown
    with qtbot.waitSignal(view.caught_up, timeout=30_000):
        pass
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    assert whole(view) == whole(one_shot)


def test_a_small_update_is_shown_at_once(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.append("# Title\n\nSome text")
    assert view.is_caught_up()
    assert view.document().toPlainText().split() == ["Title", "Some", "text"]


def test_a_long_last_line_after_an_intro_is_never_rendered_whole_while_it_streams(qtbot: QtBot) -> None:
    # "Here is the number:" then 2**1000000 on one line: the line is a block of its own while
    # it streams, so that only its last segment is rendered again as it grows.
    view = make_view(qtbot)
    parsed: list[int] = []
    parse = view._parse

    def spy(source: str, joins: Any = (False, False)) -> Any:
        parsed.append(len(source))
        return parse(source, joins)

    view._parse = spy  # type: ignore[method-assign]
    intro = "Here is the number:\n\n"
    for piece in random_pieces(intro + DIGITS, 3, 200):
        view.append(piece)
    assert max(parsed) <= SEGMENT_CHARS + 200
    view.finish()
    view.catch_up()
    assert max(parsed) <= SEGMENT_CHARS + 200
    one_shot = make_view(qtbot)
    one_shot.set_markdown(intro + DIGITS)
    assert whole(view) == whole(one_shot)


def test_the_open_rows_of_a_long_table_show_as_a_table_while_it_streams(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    upto = TABLE.index("| 130 |")
    for piece in random_pieces(TABLE[:upto], 4, 300):
        view.append(piece)
    view.catch_up()
    lines = view.document().toPlainText().split("\n")
    assert not [line for line in lines if line.lstrip().startswith("|")]  # no row shown as typed
    cells = [block.text() for block in _blocks(view) if QTextCursor(block).currentTable() is not None]
    assert "129" in cells and "1" in cells


def test_the_parts_of_a_long_paragraph_meet_without_a_paragraph_gap(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    for piece in random_pieces(PARAGRAPH, 5, 500):
        view.append(piece)
    view.finish()
    view.catch_up()
    shown = [block for block in _blocks(view) if block.text()]
    assert len(shown) == len(segments(PARAGRAPH))
    assert all(block.blockFormat().topMargin() == 0 for block in shown[1:])
    assert all(block.blockFormat().bottomMargin() == 0 for block in shown[:-1])


def _blocks(view: MarkdownView) -> list[QTextBlock]:
    found, block = [], view.document().begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


# -- long code blocks ------------------------------------------------------------------------------


def _code_of(text: str) -> str:
    return text.split("```python\n", 1)[1].rsplit("\n```", 1)[0]


def test_a_code_block_past_the_limit_is_shown_whole_and_plain(qtbot: QtBot) -> None:
    text = answer("code", HIGHLIGHT_MAX_CHARS + 5000)
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    [box] = code_boxes(one_shot)
    assert box_text(box) == _code_of(text) == one_shot.code_blocks()[0]
    assert len(box_colours(box)) == 1  # plain: colouring it in place costs its lines squared
    streamed = make_view(qtbot)
    for piece in random_pieces(text, 3, 3000):
        streamed.append(piece)
    streamed.finish()
    streamed.catch_up()
    assert whole(streamed) == whole(one_shot)


def test_a_closed_fence_keeps_its_lines_and_is_coloured_a_step_at_a_time(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown_steps, "_BUDGET_S", 0.0)  # each step does one part of the work
    text = answer("code", 40_000)
    view = make_view(qtbot)
    opening = text[: text.index("def step_2")]
    view.append(opening)
    view.catch_up()
    [box] = code_boxes(view)
    box[0].setUserState(4242)  # survives only if the line is never removed and inserted again
    for piece in random_pieces(text[len(opening) :], 4, 5000):
        view.append(piece)
    view.finish()
    assert not view.is_caught_up()  # the colours are still to come
    with qtbot.waitSignal(view.caught_up, timeout=30_000):
        pass
    [box] = code_boxes(view)
    assert box[0].userState() == 4242
    box[0].setUserState(-1)  # as a one-shot render leaves it
    assert box_text(box) == _code_of(text)
    assert len(box_colours(box)) >= 3
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    assert whole(view) == whole(one_shot)


def test_a_growing_code_box_has_the_shape_a_walk_over_all_its_lines_finds(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    text = answer("code", 6000)  # long commented lines: they wrap at this width

    def walked_again() -> list[Any]:
        view._box_walk = None
        view._box_shapes = {}
        return view.code_boxes()

    for step, piece in enumerate(random_pieces(text, 5, 150)):
        view.append(piece)
        view.catch_up()
        if step == 20:
            view.resize(420, 400)  # narrower: lines wrap anew
        grown = view.code_boxes()
        assert grown == walked_again(), step
        assert view.code_boxes() == grown


def test_code_with_windows_line_breaks_is_coloured_token_by_token(qtbot: QtBot) -> None:
    # Qt makes "\r\n" one position: the colours must still fall on the tokens they belong to.
    text = "Run:\r\n\r\n```python\r\nx = 1\r\nname = 'a\u00e9\U0001f600'  # note\r\nprint(name)\r\n```\r\n"
    view = make_view(qtbot)
    for piece in random_pieces(text, 6, 7):
        view.append(piece)
    view.finish()
    view.catch_up()
    [box] = code_boxes(view)
    fragments = []
    for line in box:
        it = line.begin()
        while not it.atEnd():
            fragments.append(it.fragment().text())
            it += 1
    assert "'a\u00e9\U0001f600'" in fragments and "# note" in fragments and "print" in fragments
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    assert whole(view) == whole(one_shot)


def test_an_open_fence_cut_inside_windows_line_breaks_ends_as_the_one_shot_render(qtbot: QtBot) -> None:
    # The lines an open fence shows are kept when it closes: a "\r" shown before its "\n"
    # arrived would have been a line break of its own, and an empty line in the finished box.
    text = "```python\r\nx = 1\r\ny = 2\r\n```\r\nAfter.\r\n"
    one_shot = make_view(qtbot)
    one_shot.set_markdown(text)
    assert one_shot.code_blocks() == ["x = 1\r\ny = 2"]
    for cut in range(1, len(text)):
        view = make_view(qtbot)
        view.append(text[:cut])
        view.catch_up()
        view.append(text[cut:])
        view.finish()
        view.catch_up()
        assert whole(view) == whole(one_shot), cut


def test_a_long_code_block_with_windows_line_breaks_is_inserted_in_parts_without_extra_lines(qtbot: QtBot) -> None:
    code = _code_of(answer("code", 40_000))  # over one part (markdown_highlight._PART_CHARS)
    view = make_view(qtbot)
    view.set_markdown("```python\r\n" + code.replace("\n", "\r\n") + "\r\n```\r\n")
    [box] = code_boxes(view)
    assert box_text(box) == code
