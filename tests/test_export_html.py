"""The HTML and Markdown exports read as the window shows them: the answer's Markdown rendered
(headings, tables, highlighted code), the thinking folded and cut where code ran, local times;
and file names every OS accepts (issue #18)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from desktop.export import (
    extension_of_filter,
    local_time,
    safe_file_name,
    thinking_passages,
    to_html,
    to_markdown,
    with_filter_extension,
)
from desktop.model.conversation import Conversation
from desktop.protocol.events import AnswerDelta, CodeCall, Finished, ThinkingDelta

ANSWER = """## Result

| n | 123**n |
|---|---|
| 21 | `7726…` |

```python
print(123 ** 21)
```

Done, see [the docs](https://example.com/docs) ![chart](https://example.com/x.png) <script>alert(1)</script>
"""


def conversation() -> Conversation:
    c = Conversation(title="Powers: what is 123^21?")
    c.created_at = 1_700_000_000.0
    t = c.start_turn("What is 123 to the power of 21?")
    t.mark_sent(1_700_000_000.0)
    t.apply(ThinkingDelta("First I compute it."), now=1_700_000_000.5)
    t.apply(CodeCall(0, "123**21"))
    t.apply(ThinkingDelta("Now I check it."))
    t.apply(CodeCall(1, "print(len(str(123**21)))"))
    t.apply(ThinkingDelta("It has 44 digits."))
    t.apply(AnswerDelta(ANSWER))
    t.apply(Finished("stop"), now=1_700_000_002.0)
    return c


def body(page: str) -> str:
    return page.split("<body>", 1)[1]


def test_the_answer_is_rendered_markdown_not_raw_text() -> None:
    page = to_html(conversation())
    answer = body(page).split('<div class="answer">', 1)[1]
    assert "<h2>Result</h2>" in answer and "## Result" not in answer
    assert "<table>" in answer and "<td>21</td>" in answer and "|---|" not in answer
    assert "<code>7726…</code>" in answer and "`7726" not in answer
    assert '<pre class="hl"><code><span class="nb">print</span>' in answer  # highlighted by Pygments
    assert '<a href="https://example.com/docs">the docs</a>' in answer


def test_the_page_stays_self_contained_and_safe() -> None:
    page = to_html(conversation())
    assert "<script" not in page and "&lt;script&gt;" in page  # raw HTML in an answer is text
    assert "<img" not in page and "<a href=\"https://example.com/x.png\">[chart]</a>" in page  # loads nothing
    assert re.search(r"<link|@import|url\(", page) is None
    assert ".hl .nb" in page  # the code colours are in the page's own style sheet


def test_thinking_is_folded_and_cut_where_code_ran() -> None:
    page = to_html(conversation())
    thinking = page.split('<details class="thinking-box">', 1)[1].split("</details>", 1)[0]
    assert thinking.startswith("<summary>Thinking</summary>")
    passages = re.findall(r'<div class="thinking">(.*?)</div>', thinking)
    assert passages == ["First I compute it.", "Now I check it.", "It has 44 digits."]
    assert '<a href="#turn-1-code-1">ran code #1</a>' in thinking
    assert thinking.index("First I") < thinking.index("ran code #1") < thinking.index("Now I") \
        < thinking.index("ran code #2") < thinking.index("It has")
    # Executed code numbered, with the anchors the markers point at.
    assert '<h3 id="turn-1-code-1">Executed code <span class="n">#1</span></h3>' in page
    assert '<h3 id="turn-1-code-2">Executed code <span class="n">#2</span></h3>' in page


def test_markdown_separates_the_thinking_passages() -> None:
    text = to_markdown(conversation())
    assert "> First I compute it.\n\n> *⚙ ran code #1*\n\n> Now I check it.\n\n> *⚙ ran code #2*\n\n" \
           "> It has 44 digits." in text


def test_a_turn_without_steps_keeps_its_thinking_whole() -> None:
    c = conversation()
    turn = c.turns[0]
    turn.steps = []
    assert thinking_passages(turn) == [(turn.thinking, [])]


def test_times_are_local_with_their_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert local_time(1_700_000_000.0) == "2023-11-15 06:13 (UTC+08:00)"
        page = to_html(conversation())
        assert "2023-11-15 06:13 (UTC+08:00)" in page
        assert "2023-11-14T22:13:20" not in page  # no raw ISO UTC
        assert "2023-11-15 06:13 (UTC+08:00)" in to_markdown(conversation())
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.parametrize(("title", "name"), [
    ("What is 123^21?", "What is 123^21"),
    ('a<b>c:d"e/f\\g|h?i*j', "a b c d e f g h i j"),
    ("tab\tand\nnewline\x07bell", "tab and newline bell"),
    ("  ..trailing dots.. ", "trailing dots"),
    ("CON", "CON_"),
    ("???", "conversation"),
    ("x" * 60, "x" * 40),
])
def test_suggested_file_names_are_valid_everywhere(title: str, name: str) -> None:
    assert safe_file_name(title) == name


def test_the_chosen_filter_gives_a_bare_name_its_extension() -> None:
    assert extension_of_filter("HTML (*.html)") == ".html"
    assert with_filter_extension(Path("/d/notes"), "HTML (*.html)") == Path("/d/notes.html")
    assert with_filter_extension(Path("/d/notes.md"), "HTML (*.html)") == Path("/d/notes.md")
    assert with_filter_extension(Path("/d/v1.2"), "Transcript JSON (*.json)") == Path("/d/v1.2.json")


MATH_ANSWER = r"""The balance after $t$ years:

$$ A = P \left(1 + \frac{r}{n}\right)^{nt} $$

and \(\sum_{i=1}^n i = \frac{n(n+1)}{2}\). A matrix:

\[ \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} \]

It costs $5 and $10; `echo $HOME` is code; $\frac{1}{$ is broken.

> quoted $$x^2$$ display
"""


def math_page() -> str:
    c = Conversation(title="Interest")
    t = c.start_turn("Compound interest?")
    t.apply(AnswerDelta(MATH_ANSWER))
    t.apply(Finished("stop"))
    return to_html(c)


def test_math_is_inline_svg_with_its_latex_kept() -> None:
    answer = body(math_page()).split('<div class="answer">', 1)[1]
    formulas = re.findall(r'<span class="math" title="([^"]*)"><svg (.*?)</svg><span class="tex">(.*?)</span></span>',
                          answer, re.S)
    import html as html_module

    sources = [html_module.unescape(tex) for _title, _svg, tex in formulas]
    assert sources == [
        "$t$",
        r"$$A = P \left(1 + \frac{r}{n}\right)^{nt}$$",
        r"$\sum_{i=1}^n i = \frac{n(n+1)}{2}$",
        r"$$\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}$$",
        "$$x^2$$",
    ]
    for title, svg, tex in formulas:
        assert html_module.unescape(title) in html_module.unescape(tex)
        assert "<path" in svg and 'fill="currentColor"' in svg  # drawn in the text's colour, no font
        assert re.search(r'width="[\d.]+em" height="[\d.]+em" style="vertical-align: -[\d.]+em"', svg)
    # Display math centred in a block of its own; inline math in its paragraph.
    assert answer.count('<div class="math-display">') == 3
    assert re.search(r"<p>The balance after <span class=\"math\"", answer)
    quote = answer.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]  # still in its quote
    assert quote.startswith("\n<p>quoted</p>\n<div class=\"math-display\">") and quote.endswith("<p>display</p>\n")
    # What is not math stays as it was.
    assert "It costs $5 and $10;" in answer
    assert "<code>echo $HOME</code>" in answer
    assert r'<code class="math-source">$\frac{1}{$</code>' in answer
    assert "\ue000" not in answer and "\ue001" not in answer


def test_math_keeps_the_page_self_contained() -> None:
    page = math_page()
    assert "<script" not in page and "<img" not in page
    assert re.search(r"<link|@import|url\(|<use|xlink:href|@font-face", page) is None
    assert "clip: rect(0 0 0 0)" in page  # the LaTeX is hidden from view, not from a selection
