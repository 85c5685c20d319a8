"""The first answer's card, rehearsed while the window is idle.

The first card a process builds pays for what PySide6 makes on first use: the Python enum types of
the Qt classes it touches (PySide6 builds each one the first time it is used: about 60 for a card,
~0.1 s in all on the development machine), the wrapper types of the style sheet's private
classes, the fonts of the answer's code. Paid when the first reply starts, that was a 50-100 ms
stall at its beginning (benchmarks/bench_stream.py's shapes, each a fresh process). The Answer
pane calls `warm_up` once, shortly after it is first shown (startup.py's policy: on idle): the
Markdown view and Python's lexer as before, then, on a turn of the loop of its own, one card built
with a short answer (a table and code among it), painted into a pixmap, never shown, and
thrown away; then, each on a turn of its own, a block of the Executed code pane the same way
(the first one a process builds took 77 ms, the next 2 ms) and the sidebar's row painter
(startup.warm_sidebar).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from . import startup

# A little of each kind the first reply (or the first conversation opened) is likely to hold: a
# paragraph with inline marks, a list, a table, a code block (highlighted when its fence closes).
# Not CJK text: its fallback fonts would stay mapped (+6 MB resident at rest) for every user.
SAMPLE = ("A **short** answer with `code`:\n\n- one\n- two\n\n"
          "| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint(123 ** 21)\n```\n")

CODE_SAMPLE = "print(123 ** 21)"


def schedule_warm_up(parent: QObject) -> None:
    """`warm_up`, startup.WARM_UP_DELAY_MS from now, on a timer `parent` owns: not
    QTimer.singleShot(ms, receiver, callable), which makes PySide6 build QMetaMethod's enum
    types, and this is called before the first frame (startup.py)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.timeout.connect(warm_up)
    timer.start(startup.WARM_UP_DELAY_MS)


def warm_up() -> None:
    startup.warm_up()
    QTimer.singleShot(0, rehearse)
    QTimer.singleShot(0, rehearse_code)
    QTimer.singleShot(0, startup.warm_sidebar)


def rehearse() -> None:
    from ..model.turn import Turn
    from .answer_pane import TurnCard

    card = TurnCard(1, Turn(""))
    card.append_answer(SAMPLE)
    card.answer.catch_up()
    # Painted once, off screen: what painting an answer reads from disk the first time (its
    # fonts' glyphs, Qt's painting code) is read now, not when the user opens a conversation (a
    # first open waited 0.4-1.4 s for it on a machine whose page cache had dropped them;
    # docs/performance.md).
    card.resize(720, max(card.sizeHint().height(), 200))
    card.grab()
    card.deleteLater()


def rehearse_code() -> None:
    from .code_pane import CodeBlock

    block = CodeBlock(1, CODE_SAMPLE)
    block.resize(360, block.sizeHint().height())
    block.grab()
    block.deleteLater()
