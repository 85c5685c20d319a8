"""Figures for the Answer pane's streaming Markdown view (not a test: prints, asserts nothing).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_markdown.py [--screenshot shot.png]
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
    return time.perf_counter() - start, inside, worst, calls


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
