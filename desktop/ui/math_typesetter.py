"""Typesetting LaTeX to SVG (math_tex, ziamath) once per formula and size, whatever the colour:
on the calling thread (`_svg`) or in the worker thread of a `Typesetter`, whose `done` signal
names the formulas ready (`waiting_label()`). math_images.typesetter() is the one the Answer
pane uses.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections import OrderedDict

from PySide6.QtCore import QObject, Signal

from .. import math_tex

SWITCH_INTERVAL = 0.0005  # s: the GIL's switch interval while the typesetter works (see _run)
_INK = "#000000"  # formulas are typeset in this colour, and tinted when drawn


# Formulas typeset (None: cannot be), by (tex, display, size): by prepare() on the calling thread,
# or by the typesetter's worker thread.
_TypesetKey = tuple[str, bool, float]
_typeset: OrderedDict[_TypesetKey, math_tex.MathSvg | None] = OrderedDict()
_typeset_lock = threading.Lock()
_TYPESET_MAX = 4000


def _svg(tex: str, display: bool, size: float) -> math_tex.MathSvg | None:
    key = (tex, display, size)
    with _typeset_lock:
        if key in _typeset:
            return _typeset[key]
    svg = math_tex.render(tex, display, _INK, size)
    with _typeset_lock:
        _typeset[key] = svg
        while len(_typeset) > _TYPESET_MAX:
            _typeset.popitem(last=False)
    return svg


def _is_typeset(key: _TypesetKey) -> bool:
    with _typeset_lock:
        return key in _typeset


def waiting_label(key: _TypesetKey) -> str:
    """How a formula waiting for the typesetter is named (in prepare_shown() and `done`): never a
    Markdown link label."""
    return "\0math " + repr(key)


WARMING = "\0math warm"  # the label of what waits for the typesetter's start (see prepare_shown)


class Typesetter(QObject):
    """Typesets formulas in a worker thread, oldest request first. It starts by loading ziamath,
    its font and the Markdown parser split() needs (markdown-it, ~30 ms to import), and says so
    with `done([WARMING])`."""

    done = Signal(list)  # waiting_label()s of formulas now typeset (or found not typesettable)

    def __init__(self) -> None:
        super().__init__()
        self.warm = threading.Event()
        self._requests: queue.SimpleQueue[_TypesetKey] = queue.SimpleQueue()
        self._asked: set[_TypesetKey] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread (connect to `done` first); once."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="math-typesetter", daemon=True)
            self._thread.start()

    def request(self, keys: list[_TypesetKey]) -> None:
        with self._lock:
            for key in keys:
                if key not in self._asked:
                    self._asked.add(key)
                    self._requests.put(key)

    def busy(self) -> bool:
        """Whether some formula asked for is not typeset yet."""
        with self._lock:
            return bool(self._asked)

    def _run(self) -> None:
        # While this thread works, the UI thread would wait up to the switch interval (5 ms) for
        # the GIL after each Qt call that lets go of it, a stall of 50-200 ms in a rendering
        # step: the interval is short while there is work (imports, then formulas).
        relaxed = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        math_tex.warm()
        math_tex.code_lines("```\n```\n")  # the Markdown parser split() uses for code blocks
        self.warm.set()
        ready: list[str] = [WARMING]
        since = time.monotonic()
        while True:
            # Batched (each batch renders the blocks holding them again): sent when nothing else
            # is asked for, or every 0.1 s.
            if ready and (self._requests.empty() or time.monotonic() - since > 0.1):
                try:
                    self.done.emit(ready)
                except RuntimeError:  # the application is gone
                    return
                ready, since = [], time.monotonic()
            if self._requests.empty():
                sys.setswitchinterval(relaxed)
            key = self._requests.get()
            sys.setswitchinterval(SWITCH_INTERVAL)
            _svg(*key)
            with self._lock:
                self._asked.discard(key)
            ready.append(waiting_label(key))


