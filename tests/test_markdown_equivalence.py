"""Streaming a Markdown answer in any chunking renders exactly what a one-shot render shows.

Sources: every example of the GitHub Flavored Markdown spec (CommonMark 0.29 plus the tables,
task list, strikethrough and autolink extensions) and markdown-it's table, strikethrough and
task-list fixtures, vendored in tests/fixtures/markdown/ (see its README for their licences),
plus long answers written like the interpreter's (tables followed by rules, lists, code with
long indented lines, reference links defined at the end).

All 749 examples (672 from the spec, 77 from markdown-it) run, each in 5 chunkings: one character
at a time, three seeded random cuttings into pieces of 1 to 12 characters, one into pieces of 1
to 80; the long answers in 4 (no single characters). About 20 s of CPU. Compared:
- at the end: the whole document (Qt's HTML of it, and its structure: blocks, lists, tables,
  code boxes, character formats) against the view's one-shot render, `set_markdown()`;
- after every append: the finished part of the document (everything before the open block)
  against a one-shot render of the finished part of the source;
- the one-shot render against Qt parsing the whole text at once, normalized (the view renders
  block by block, and that must not change what the Markdown means).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable

from desktop.ui.markdown_view import _CODE_ID, MarkdownView

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML
)
P = QTextFormat.Property
CHUNKINGS = 5  # chunkings per example (see chunkings()), besides the one-shot render


def spec_examples() -> list[tuple[str, str]]:
    """The GFM spec's examples: (id, markdown), `→` standing for a tab as the spec says."""
    lines = (FIXTURES / "gfm_spec.txt").read_text(encoding="utf-8").split("\n")
    fence = "`" * 32
    found: list[tuple[str, str]] = []
    section, i = "", 0
    while i < len(lines):
        line = lines[i]
        heading = re.match(r"#{1,6} (.*)", line)
        if heading:
            section = re.sub(r"\W+", "-", heading[1]).strip("-").lower()
        if line.startswith(fence + " example"):
            j = i + 1
            while lines[j] != ".":
                j += 1
            source = "\n".join(lines[i + 1 : j]).replace("→", "\t") + "\n"
            found.append((f"gfm{len(found) + 1}-{section}", source))
            while not lines[j].startswith(fence):
                j += 1
            i = j
        i += 1
    return found


def markdown_it_examples(name: str) -> list[tuple[str, str]]:
    """markdown-it's fixture format: a title, then `.`, the markdown, `.`, the HTML, `.`."""
    lines = (FIXTURES / f"markdown_it_{name}.md").read_text(encoding="utf-8").split("\n")
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        if lines[i] != ".":
            i += 1
            continue
        j = i + 1
        while lines[j] != ".":
            j += 1
        k = j + 1
        while lines[k] != ".":
            k += 1
        found.append((f"{name}-line{i + 1}", "\n".join(lines[i + 1 : j]) + "\n"))
        i = k + 1
    return found


# -- long answers of our own -----------------------------------------------------------------


def _realistic() -> dict[str, str]:
    table = "| city | population | area (km²) |\n|:---|---:|---:|\n" + "".join(
        f"| City {i} | {i * 37_013 % 99_991:,} | {i * 13 % 997} |\n" for i in range(1, 13)
    )
    code = (
        "```python\nimport pandas as pd\n\n\n"
        "def summarize(frame: pd.DataFrame, columns: list[str], *, percentiles=(0.05, 0.25, 0.5, 0.75, 0.95),"
        " include_missing: bool = True) -> pd.DataFrame:\n"
        '    """Summarize the columns, with percentiles and the share of missing values per column."""\n'
        "    result = frame[columns].describe(percentiles=list(percentiles)).transpose()\n"
        "    if include_missing:\n"
        '        result["missing"] = frame[columns].isna().mean().round(4)  # share of rows without a value\n'
        "        for column in columns:\n"
        '            if result.loc[column, "missing"] > 0.5:\n'
        '                print(f"warning: column {column!r} is mostly empty, consider dropping it from the frame")\n'
        "    return result\n```\n"
    )
    report = (
        "# Results\n\nI loaded the file and computed the statistics per city.\n\n"
        + table
        + "\n---\n\n## Method\n\n"
        "1. read the CSV with **pandas**\n2. drop the rows without a price\n"
        "   - only in `price`\n   - the others stay\n3. summarize\n\n"
        + code
        + "\n---\n\n> The interpreter ran the code above; see [the pandas docs][pd] and [NumPy][np].\n\n"
        "- [x] loaded\n- [ ] plotted\n\n"
        + table
        + "---\n\nSources: [pandas][pd], [NumPy][np], [the user guide].\n\n"
        "[pd]: https://pandas.pydata.org/docs/\n"
        '[np]: https://numpy.org/doc/stable/ "NumPy"\n'
        "[the user guide]: <https://pandas.pydata.org/docs/user_guide/index.html>\n"
    )
    ends_with_code = "Here is the final script:\n\n" + code
    refs_first = (
        "[a]: https://example.com/a\n\nSee [A][a] and [b], ~~struck~~ and *emphasis*.\n\n"
        "| x | y |\n|---|---|\n| [a] | [b] |\n\n---\n\n[b]: https://example.com/b\n\nEnd with [a].\n"
    )
    lists = "".join(
        f"{n}. Step {n} uses `value_{n}` and [a link](https://example.com/{n}).\n\n"
        f"   ```python\n   x_{n} = compute({n})  # {'a long comment ' * 4}\n   ```\n\n"
        for n in range(1, 6)
    ) + "* * *\n\nDone, ~~not~~ really.\n"
    return {
        "report": report,
        "ends_with_code": ends_with_code,
        "refs_first": refs_first,
        "lists": lists,
        "long": report * 2,
    }


REALISTIC = _realistic()

SPEC = spec_examples()
EXAMPLES = SPEC + [example for n in ("tables", "strikethrough", "tasklists") for example in markdown_it_examples(n)]

# Where the one-shot render and Qt's parse of the whole text disagree on purpose, or because of
# Qt: checked for streaming equivalence all the same.
DIFFERS_FROM_QT = {
    # "---\nFoo\n---\nBar\n---\nBaz": Qt, parsing it whole, drops the first rule and the first
    # heading; the view renders both, as the spec says.
    "gfm66-setext-headings": "Qt drops a rule and a heading",
    # An empty fenced code block, or one whose first line is empty: Qt drops the empty lines,
    # the view shows them (the spec keeps them: `<pre><code>\n</code></pre>`).
    "gfm96-fenced-code-blocks": "empty code line kept",
    "gfm97-fenced-code-blocks": "empty code line kept",
    "gfm99-fenced-code-blocks": "empty code line kept",
    "gfm100-fenced-code-blocks": "empty code line kept",
    "gfm114-fenced-code-blocks": "empty code line kept",
    "gfm215-block-quotes": "empty code line kept",
    # "## \n#\n### ###": three empty headings; Qt keeps only the last.
    "gfm49-atx-headings": "Qt drops empty headings",
    # "*\n", an empty list item: Qt makes the paragraph before it (the view's sentinel) the item.
    "gfm262-list-items": "Qt's empty list item",
}


# -- what a document shows ---------------------------------------------------------------------


def _filler(block: Any) -> bool:
    fmt = block.blockFormat()
    return (
        block.length() == 1
        and fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.FixedHeight.value
        and fmt.lineHeight() == 0
        and fmt.property(_CODE_ID) is None
    )


def content_end(doc: QTextDocument, end: int) -> int:
    """`end`, moved back over the zero-height empty blocks the view keeps as placeholders."""
    block = doc.findBlock(end)
    while block.isValid() and block.position() > 0 and _filler(block) and block.position() <= end:
        end = block.position() - 1
        block = block.previous()
    return end


def describe(doc: QTextDocument, end: int | None = None, code_ids: bool = True) -> list[Any]:
    """The document's structure up to position `end`: blocks (text or formatted runs, heading,
    quote, list and its number, rule, task marker), tables cell by cell, code boxes."""
    limit = doc.characterCount() if end is None else end
    lists: dict[int, int] = {}
    codes: dict[Any, int] = {}
    out: list[Any] = []

    def block_desc(block: Any) -> Any:
        fmt = block.blockFormat()
        code_id = fmt.property(_CODE_ID)
        code = fmt.hasProperty(P.BlockCodeLanguage) or fmt.hasProperty(P.BlockCodeFence) or code_id is not None
        rule = fmt.hasProperty(P.BlockTrailingHorizontalRulerWidth)
        text_list = block.textList()
        listed = None
        if text_list is not None:
            number = lists.setdefault(text_list.objectIndex(), len(lists))
            listed = (number, text_list.format().style().value, text_list.format().indent(), text_list.itemNumber(block))
        if not block.text() and not rule and not code and text_list is None and not fmt.headingLevel():
            return None  # spacing: the view's placeholders, Qt's block after a table
        if code:
            shown: Any = block.text()
            box = codes.setdefault(code_id, len(codes)) if code_ids and code_id is not None else None
            return ("code", shown, box)
        runs: list[list[Any]] = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            char = fragment.charFormat()
            props = (
                char.fontWeight() > 500,
                char.fontItalic(),
                char.fontStrikeOut(),
                char.fontFixedPitch(),
                char.anchorHref() if char.isAnchor() else None,
            )
            if runs and runs[-1][1] == props:
                runs[-1][0] += fragment.text()
            else:
                runs.append([fragment.text(), props])
            it += 1
        marker = fmt.marker().value if text_list is not None else 0  # Qt's parser leaks it past lists
        return ("p", runs, fmt.headingLevel(), fmt.intProperty(P.BlockQuoteLevel), listed, rule, marker)

    def walk(frame: Any) -> None:
        it = frame.begin()
        while not it.atEnd():
            child = it.currentFrame()
            if child is not None:
                if child.firstPosition() >= limit:
                    return
                if isinstance(child, QTextTable):
                    rows = []
                    for r in range(child.rows()):
                        row = []
                        for c in range(child.columns()):
                            cell = child.cellAt(r, c)
                            block = cell.firstCursorPosition().block()
                            last = cell.lastCursorPosition().position()
                            found = []
                            while block.isValid() and block.position() <= last:
                                desc = block_desc(block)
                                if desc is not None:
                                    found.append(desc)
                                block = block.next()
                            row.append(found)
                        rows.append(row)
                    out.append(("table", rows))
                else:
                    walk(child)
            else:
                block = it.currentBlock()
                if block.position() >= limit:
                    return
                desc = block_desc(block)
                if desc is not None:
                    out.append(desc)
            it += 1

    walk(doc.rootFrame())
    return out


def html(doc: QTextDocument, end: int) -> str:
    """Qt's HTML of the document up to `end`: margins, fonts, colours, anchors and all."""
    cursor = QTextCursor(doc)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    if not cursor.hasSelection():
        return ""
    text = cursor.selection().toHtml()
    return text[text.index("<body") :]


def snapshot(view: MarkdownView, end: int, placeholders: bool = True) -> tuple[list[Any], str]:
    if not placeholders:
        end = content_end(view.document(), end)
    return describe(view.document(), end), html(view.document(), end)


def whole(view: MarkdownView, placeholders: bool = True) -> tuple[list[Any], str]:
    return snapshot(view, view.document().characterCount() - 1, placeholders)


def finished_part(view: MarkdownView) -> tuple[list[Any], str]:
    """What the view shows before its open block (the tail). Without the placeholders at its
    end: they are there for the block that comes next, which a render of the finished part
    alone, being the whole answer, does without."""
    return snapshot(view, max(view._tail_pos - 1, 0), placeholders=False)


def qt_whole_parse(text: str) -> list[Any]:
    doc = QTextDocument()
    doc.setMarkdown(text, FEATURES)
    MarkdownView._replace_images(doc)  # the view shows images as their alt text, never loads them
    return describe(doc, code_ids=False)


def chunkings(text: str, rnd: random.Random, count: int, single: bool = True) -> Iterator[list[str]]:
    """`count` ways to cut `text`: one character at a time (if `single`), then random pieces of
    1 to 12 characters, and last of 1 to 80 (several lines per append, as the app's flushes)."""
    if single:
        yield list(text)
    for k in range(int(single), count):
        most = 80 if k == count - 1 else 12
        cuts, i = [], 0
        while True:
            i += rnd.randint(1, most)
            if i >= len(text):
                break
            cuts.append(i)
        yield [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


# -- the views, shared by all examples (clear() between them) ----------------------------------


@pytest.fixture(scope="module")
def views(qapp: Any) -> Iterator[dict[str, MarkdownView]]:
    made = {name: MarkdownView() for name in ("streamed", "one_shot", "prefix")}
    for view in made.values():
        view.resize(600, 400)
    yield made
    for view in made.values():
        view.deleteLater()


def check_streaming(views: dict[str, MarkdownView], text: str, seed: str, long: bool = False) -> None:
    streamed, one_shot, prefix = views["streamed"], views["one_shot"], views["prefix"]
    one_shot.set_markdown(text)
    expected = whole(one_shot)
    rnd = random.Random(seed)
    for number, pieces in enumerate(chunkings(text, rnd, CHUNKINGS - long, single=not long)):
        streamed.clear()
        seen_tail = -1
        shown: tuple[list[Any], str] = ([], "")
        for i, piece in enumerate(pieces):
            streamed.append(piece)
            streamed.catch_up()  # rendering may be spread over event-loop turns
            tail = streamed._scanner.tail
            if long and tail == seen_tail and i % 16:
                continue  # a long answer: checked whenever a block finishes, and every 16 appends
            if tail != seen_tail:
                prefix.set_markdown(text[:tail])
                seen_tail, shown = tail, whole(prefix, placeholders=False)
            assert finished_part(streamed) == shown, (
                f"chunking {number}, after piece {i} ({sum(map(len, pieces[: i + 1]))} chars): "
                f"the finished part differs from a one-shot render of it"
            )
        streamed.finish()
        streamed.catch_up()
        assert streamed.markdown() == text
        assert whole(streamed) == expected, f"chunking {number}: {pieces!r}"


# -- the tests ---------------------------------------------------------------------------------


def _grouped() -> dict[str, list[tuple[str, str]]]:
    """Examples by spec section or fixture file: one test each (a pytest item per example would
    spend more time in per-test set-up and collection than in rendering)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, text in EXAMPLES:
        group = name.split("-", 1)[1] if name.startswith("gfm") else name.split("-")[0]
        groups.setdefault(group, []).append((name, text))
    return groups


GROUPS = _grouped()


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_fixture_streamed_equals_one_shot(views: dict[str, MarkdownView], group: str) -> None:
    failed: list[str] = []
    for name, text in GROUPS[group]:
        try:
            check_streaming(views, text, seed=name)
        except AssertionError as error:
            failed.append(f"{name}: {text!r}: {str(error).splitlines()[0]}")
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_fixture_one_shot_agrees_with_qt_whole_parse(views: dict[str, MarkdownView], group: str) -> None:
    failed: list[str] = []
    for name, text in GROUPS[group]:
        if name in DIFFERS_FROM_QT:
            continue
        views["one_shot"].set_markdown(text)
        if describe(views["one_shot"].document(), code_ids=False) != qt_whole_parse(text):
            failed.append(f"{name}: {text!r}")
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("name", sorted(REALISTIC))
def test_realistic_streamed_equals_one_shot(views: dict[str, MarkdownView], name: str) -> None:
    text = REALISTIC[name]
    check_streaming(views, text, seed=name, long=True)


@pytest.mark.parametrize("name", sorted(REALISTIC))
def test_realistic_one_shot_agrees_with_qt_whole_parse(views: dict[str, MarkdownView], name: str) -> None:
    text = REALISTIC[name]
    views["one_shot"].set_markdown(text)
    assert describe(views["one_shot"].document(), code_ids=False) == qt_whole_parse(text)


MATH = (
    "To compare the offers I computed the compound interest, $$A = P\\left(1+\\frac{r}{n}\\right)^{nt}$$\n"
    "with $P = 1000$ and $r = 0.05$; so $x^2$ grows, and \\(n\\) counts the periods. It costs $5 and $10.\n\n"
    "The sum\n\n\\[\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n\\]\n\nand a rotation:\n\n"
    "$$\nR = \\begin{pmatrix} \\cos\\theta & -\\sin\\theta \\\\ \\sin\\theta & \\cos\\theta \\end{pmatrix}\n$$\n\n"
    "| n | $n^2$ |\n|---|---|\n| 2 | $4$ |\n\n> Quoted $q$ and `$code$`.\n\n"
    "```python\nprint('$x$ stays code')\n```\n\nDone: $$\\int_0^1 x\\,dx = \\tfrac12$$\n"
)


def test_math_streamed_equals_one_shot(views: dict[str, MarkdownView], qtbot: Any) -> None:
    # Formulas typeset first (in the view's worker thread): then every render shows them at once.
    one_shot = views["one_shot"]
    one_shot.set_markdown(MATH)
    qtbot.waitUntil(lambda: not one_shot.math_pending(), timeout=30_000)
    shown = one_shot.toPlainText()
    assert shown.count("\ufffc") == 11 and "\\frac" not in shown and "$5 and $10" in shown
    check_streaming(views, MATH, seed="math", long=True)
    check_streaming(views, MATH, seed="math, short pieces")


def test_finished_part_is_final_when_no_definition_comes_late(views: dict[str, MarkdownView]) -> None:
    # The finished part is not only what a one-shot render of it shows: it is what the final
    # document shows there, unchanged (only a reference definition arriving later changes it).
    report = REALISTIC["report"]
    text = "[pd]: https://pandas.pydata.org/docs/\n[np]: https://numpy.org/\n\n" + report[: report.index("Sources:")]
    streamed, one_shot = views["streamed"], views["one_shot"]
    one_shot.set_markdown(text)
    for pieces in chunkings(text, random.Random(7), 2, single=False):
        streamed.clear()
        for piece in pieces:
            streamed.append(piece)
            streamed.catch_up()
            end = max(streamed._tail_pos - 1, 0)
            assert snapshot(streamed, end) == snapshot(one_shot, end)
        streamed.finish()
        streamed.catch_up()
        assert whole(streamed) == whole(one_shot)


def test_fixture_counts() -> None:
    # The numbers the docstring and the report quote.
    assert len(SPEC) == 672
    assert len(EXAMPLES) == 749
