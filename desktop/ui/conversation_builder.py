"""Opening a stored conversation without keeping the window waiting, whatever its size.

The turns that make the first screen (from the focus turn, or the last ones) get their cards at
once; the rest of the turns shown, earlier cards (nearest first) and the thinking and code panes,
are built afterwards in idle slices: a zero
timer, a few milliseconds of work a slice, so the window paints and answers input in between.
Everything goes through the turn painter, as a live turn does."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from ..model.turn import Turn
from .turn_painter import TurnPainter

if TYPE_CHECKING:
    from .answer_pane import TurnCard

# How many turns are built before the first frame: about a screenful of cards.
FIRST_SCREEN_TURNS = 2
# A conversation this small is built at once, in every pane.
SMALL_TURNS = 6
SMALL_CHARS = 30_000
# An answer longer than this is rendered a budgeted step at a time after its card is shown, as a
# streamed one is (answer_pane.TurnCard.load).
LONG_ANSWER_CHARS = 60_000
# Work done per idle slice before the event loop gets its turn.
SLICE_S = 0.008
# The slices start once the answer pane has painted its first screen, or after this long if it
# does not paint (a hidden window).
FIRST_PAINT_WAIT_MS = 100


class ConversationBuilder(QObject):
    """Builds the turns [start, end) of a conversation into the painter's panes."""

    finished = Signal()

    def __init__(self, painter: TurnPainter, versions_of: Callable[[int], tuple[int, int]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._painter = painter
        self._versions_of = versions_of
        self._tasks: deque[Callable[[], None]] = deque()
        self._focus: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self._waiting = QTimer(self)
        self._waiting.setSingleShot(True)
        self._waiting.setInterval(FIRST_PAINT_WAIT_MS)
        self._waiting.timeout.connect(self._start_slices)

    @property
    def building(self) -> bool:
        """Work is still queued for the idle slices."""
        return bool(self._tasks)

    def cancel(self) -> None:
        self._tasks.clear()
        self._timer.stop()
        self._stop_waiting()

    def finish(self) -> None:
        """Build whatever is left now (a reply is about to stream into the panes)."""
        while self._tasks:
            self._tasks.popleft()()
        self._done()

    def build(self, turns: list[Turn], start: int, focus: int | None = None) -> None:
        self.cancel()
        end = len(turns)
        if focus is None or not start <= focus < end:
            focus = None
        # The first screen: from the focus turn on (as far as the end allows), or the last turns.
        first = max(start, end - FIRST_SCREEN_TURNS if focus is None else min(focus, end - FIRST_SCREEN_TURNS))
        last = min(end, first + FIRST_SCREEN_TURNS)
        small = end - start <= SMALL_TURNS and sum(_size(t) for t in turns[start:end]) <= SMALL_CHARS
        if small:
            first, last = start, end  # a short conversation costs less than a frame: all at once
        self._focus = focus
        tasks = self._tasks
        for position in range(first, last):
            self._card(turns, position, follow=focus is None).load(_long(turns[position]))
        for position in range(first - 1, start - 1, -1):  # earlier cards, the nearest first
            tasks.append(partial(self._late_card, turns, position))
        for position in range(last, end):
            tasks.append(partial(self._late_card, turns, position))
        sides = [partial(self._side, turns[p], p + 1) for p in range(start, end)]
        if small and not tasks:
            for side in sides:
                side()
        else:
            tasks.extend(sides)
            # Not before the first screen is painted: a zero timer would run ahead of the paint
            # that the layout of the new cards posts. The window's next update request paints
            # it; the slices start on the loop's turn after that paint.
            self._watched = self._painter.answer_pane.window()
            self._watched.installEventFilter(self)
            self._waiting.start()

    _watched: QObject | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.UpdateRequest:
            self._stop_waiting()
            QTimer.singleShot(0, self, self._timer.start)  # once this paint and its flush are over
        return False

    def _stop_waiting(self) -> None:
        self._waiting.stop()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def _start_slices(self) -> None:
        self._stop_waiting()
        self._timer.start()

    def _card(self, turns: list[Turn], position: int, follow: bool = True) -> TurnCard:
        return self._painter.card(turns[position], position + 1, self._versions_of(position), follow=follow)

    def _late_card(self, turns: list[Turn], position: int) -> None:
        self._card(turns, position, follow=False).load(_long(turns[position]))

    def _side(self, turn: Turn, number: int) -> None:
        self._painter.begin_side(turn, number)
        self._painter.replay(turn)

    def _slice(self) -> None:
        began = time.perf_counter()
        while self._tasks and time.perf_counter() - began < SLICE_S:
            self._tasks.popleft()()
        if not self._tasks:
            self._done()

    def _done(self) -> None:
        self._timer.stop()
        self._stop_waiting()
        if self._focus is not None:
            self._painter.answer_pane.reveal_turn(self._focus + 1)
            self._focus = None
        self.finished.emit()


def _size(turn: Turn) -> int:
    return len(turn.user) + turn.answer_length + turn.thinking_length


def _long(turn: Turn) -> bool:
    return turn.answer_length > LONG_ANSWER_CHARS
