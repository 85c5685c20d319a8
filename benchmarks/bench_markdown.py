"""Figures for the Answer pane's streaming Markdown view (not a test: prints, asserts nothing).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_markdown.py [--long] [--screenshot shot.png]
(--long: the pathological shapes of issue #15 instead: digits, one huge paragraph, a token without
spaces, a long table)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.ui.markdown_view import MarkdownView  # noqa: E402

FRAGMENT = 6  # characters per streamed delta
FLUSH_EVERY = 50  # deltas merged per append(), as the app's ~40 ms coalescing timer does

UNIT = """## Step {n}: load and clean the data

We read the CSV with **pandas**, drop the rows with missing values and look at the first
few lines. See [the docs](https://pandas.pydata.org/docs/) for `read_csv` options; the
file has about {n}00 rows and the `price` column needs *converting* to float.

- read the file
- drop missing values
  - in `price` only
- print the head

| column | type | note |
|---|---|---|
| price | float | converted |
| city | str | 中文名 kept as is |

```python
import pandas as pd

df = pd.read_csv("data_{n}.csv")


df = df.dropna(subset=["price"])  # rows without a price are useless
print(df.head())
```

> The interpreter ran the code above and printed the first five rows.

"""


TABLE = """| column | type | note |
|---|---|---|
| price | float | converted |
| city | str | 中文名 kept as is |

"""


def sample(size: int, tables: bool = True) -> str:
    unit = UNIT if tables else UNIT.replace(TABLE, "")
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        n += 1
        parts.append(unit.format(n=n))
        total += len(parts[-1])
    return "".join(parts)[:size]


def stream(view: MarkdownView, text: str) -> tuple[float, float, float, int]:
    """Returns total seconds, seconds inside append()/finish(), worst single call, calls."""
    app = QApplication.instance()
    assert app is not None
    worst, inside, calls = 0.0, 0.0, 0
    start = time.perf_counter()
    step = FRAGMENT * FLUSH_EVERY
    for i in range(0, len(text), step):
        merged = "".join(text[j : j + FRAGMENT] for j in range(i, min(i + step, len(text)), FRAGMENT))
        t = time.perf_counter()
        view.append(merged)
        took = time.perf_counter() - t
        worst, inside, calls = max(worst, took), inside + took, calls + 1
        app.processEvents()  # layout and painting run between timer ticks, as in the app
    t = time.perf_counter()
    view.finish()
    took = time.perf_counter() - t
    worst, inside = max(worst, took), inside + took
    app.processEvents()
    while not view.is_caught_up():  # the rest of a budgeted render, a step per event-loop turn
        app.processEvents()
    return time.perf_counter() - start, inside, worst, calls


class TimedView(MarkdownView):
    """Records how long each rendering step holds the event loop."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[float] = []

    def _step(self, budget: bool = True) -> None:
        t = time.perf_counter()
        super()._step(budget)
        self.steps.append(time.perf_counter() - t)


def long_blocks() -> None:
    """The pathological shapes of issue #15, streamed as the app's flushes (300 chars) and in
    64 KiB pieces (a burst): the longest rendering step, the total, the view's blocks."""
    from tests.support.bigstream import answer

    app = QApplication.instance()
    assert app is not None
    shapes = {
        "2**1000000 (301,030 digits)": answer("digits", 301_030),
        "one 400 KB paragraph": answer("paragraph", 400_000),
        "1 MB token, no spaces": answer("token", 1_000_000),
        "table, 400 rows": answer("table", rows=400),
        "intro + 100k digits": "Here it is:\n\n" + answer("digits", 100_000),
    }
    print("-- long blocks: longest rendering step (target: well under 50 ms), total time")
    for label, text in shapes.items():
        for piece in (FRAGMENT * FLUSH_EVERY, 65536):
            view = TimedView()
            view.resize(800, 600)
            view.show()
            start = time.perf_counter()
            for i in range(0, len(text), piece):
                view.append(text[i : i + piece])
                app.processEvents()
            view.finish()
            while not view.is_caught_up():
                app.processEvents()
            total = time.perf_counter() - start
            print(f"{label:<30} pieces of {piece:>6,}: worst step {max(view.steps) * 1000:6.1f} ms, "
                  f"{len(view.steps):5} steps, total {total:6.2f} s, {view.document().blockCount()} blocks")
            view.close()
            view.deleteLater()
            app.processEvents()


SHOWCASE = """# Plotting a sine wave

Here is how to plot **sin(x)** with *matplotlib*. See the [docs](https://matplotlib.org) or `pyplot.plot`.
Literal HTML stays text: <b>not bold</b>.

- install `matplotlib`
- run the script
  - it opens a window
- done

| function | meaning |
|---|---|
| `np.linspace` | evenly spaced samples |
| `plt.plot` | draws the line |

```python
import numpy as np
import matplotlib.pyplot as plt

x = np.linspace(0, 2 * np.pi, 200)  # 200 samples
plt.plot(x, np.sin(x), label="sin")
plt.show()
```
That's it.

> Note: the window blocks until closed.
"""


def screenshot(path: str) -> None:
    """An 800x600 view of a sample answer, streamed in 7-character pieces."""
    view = MarkdownView()
    view.resize(800, 600)
    for i in range(0, len(SHOWCASE), 7):
        view.append(SHOWCASE[i : i + 7])
    view.finish()
    view.verticalScrollBar().setValue(0)
    view.grab().save(path)
    view.deleteLater()
    print(f"screenshot: {path}")


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    if "--screenshot" in sys.argv:
        screenshot(sys.argv[sys.argv.index("--screenshot") + 1])
        return
    if "--long" in sys.argv:
        long_blocks()
        return
    view = MarkdownView()
    view.resize(800, 600)
    view.show()
    stream(view, sample(20_000))  # warm-up: Pygments loads and compiles its Python lexer once
    for tables, label in ((True, "with a table every ~700 chars"), (False, "same text without tables")):
        results: dict[int, float] = {}
        print(f"-- sample {label}")
        for size in (200_000, 400_000):
            view.clear()
            total, inside, worst, calls = stream(view, sample(size, tables))
            results[size] = total
            print(
                f"stream {size // 1000}k chars: {total:.2f} s ({inside:.2f} s in {calls} append() calls "
                f"of {FLUSH_EVERY} {FRAGMENT}-char deltas, the rest painting); worst append {worst * 1000:.1f} ms"
            )
        print(f"ratio 400k/200k: {results[400_000] / results[200_000]:.2f} (2.0 = linear)")

    text = sample(200_000)
    view.clear()
    t = time.perf_counter()
    view.set_markdown(text)
    app.processEvents()
    print(f"set_markdown 200k chars (with tables): {time.perf_counter() - t:.2f} s")

    streamed = MarkdownView()
    stream(streamed, text)
    same = streamed.toPlainText() == view.toPlainText() and streamed.code_blocks() == view.code_blocks()
    print(f"streamed == one-shot: {same}; blocks {view.document().blockCount()}, code blocks {len(view.code_blocks())}")
    view.close()
    streamed.deleteLater()
    view.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()
