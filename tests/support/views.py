"""A session's view for tests that drive ChatSession without a window: it is told every turn's
start, events and end, and does nothing with them."""

from __future__ import annotations

from desktop.model.turn import Turn
from desktop.protocol.events import Event


class QuietView:
    def turn_started(self, turn: Turn) -> None: ...
    def turn_event(self, turn: Turn, event: Event) -> None: ...
    def turn_finished(self, turn: Turn) -> None: ...
