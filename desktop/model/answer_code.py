"""The fenced code blocks of an answer's Markdown, and which of them are Python (issue #17: an
answer's Python blocks can be run locally, like the executed code). Pure: no Qt.

The blocks are found by the answer view's own scanner (desktop/model/markdown_blocks.py, Qt-free),
so block k here is block k of the view (`MarkdownView.code_blocks()`). A fence nested in a list
item counts, as the view shows it as code, but it is drawn with the list, not as a box of its
own: it has no Copy (nor Run) button, and `boxed` says which blocks have one (the view's
`code_boxes()`, in order). Indented code does not count (it has no info string). An unclosed
fence at the end runs to the end of the answer, as the view shows it.
"""

from __future__ import annotations

from ..records import Record

# The scanner (model/markdown_blocks.py: its patterns compiled, its dataclasses made, ~20 M
# instructions) is imported with the first answer scanned, not with this module, which the
# window imports before its first frame for PYTHON_LANGUAGES.

# Info strings (their first word, case-insensitive) that mark a block as Python to run.
PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "ipython"})


class AnswerBlock(Record):
    __slots__ = ("ordinal", "language", "code", "boxed")
    __match_args__ = ("ordinal", "language", "code", "boxed")
    ordinal: int  # among all the answer's fenced blocks, from 0 (the Copy button's index)
    language: str  # the info string's first word, lower case ("" without one)
    code: str  # without its fences
    boxed: bool  # drawn as a box of its own (top level), with its Copy and Run buttons

    def __init__(self, ordinal: int, language: str, code: str, boxed: bool = True) -> None:
        object.__setattr__(self, "ordinal", ordinal)
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "boxed", boxed)

    @property
    def is_python(self) -> bool:
        return self.language in PYTHON_LANGUAGES

    @property
    def number(self) -> int:
        """As people count: "code block 2"."""
        return self.ordinal + 1


def answer_blocks(markdown: str) -> list[AnswerBlock]:
    """Every fenced code block of `markdown`, in order."""
    if "```" not in markdown and "~~~" not in markdown:
        return []
    from .markdown_blocks import BlockScanner, fence_code

    scanner = BlockScanner()
    top_level = {id(block.fence) for block in scanner.feed(markdown, final=True) if block.fence is not None}
    return [AnswerBlock(ordinal, fence.lang, fence_code(markdown, fence), id(fence) in top_level)
            for ordinal, fence in enumerate(scanner.fences)]


def python_blocks(markdown: str) -> list[AnswerBlock]:
    """The Python blocks of `markdown`, in order (ordinals keep counting every block)."""
    return [block for block in answer_blocks(markdown) if block.is_python]


def run_through(markdown: str, ordinal: int) -> list[AnswerBlock]:
    """What running Python block `ordinal` runs: the answer's Python blocks up to it, in order
    (they share state, as a turn's calls do). Empty when `ordinal` is not a Python block."""
    blocks = python_blocks(markdown)
    if not any(block.ordinal == ordinal for block in blocks):
        return []
    return [block for block in blocks if block.ordinal <= ordinal]
