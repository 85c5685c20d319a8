"""Conversation model: pure data built by applying protocol events. No Qt, no I/O."""

from .conversation import Conversation
from .turn import Step, StepKind, Turn, TurnStatus

__all__ = ["Conversation", "Step", "StepKind", "Turn", "TurnStatus"]
