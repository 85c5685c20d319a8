"""A conversation: turns in order, and the messages the next request carries."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from ..protocol.request import DEFAULT_MODEL, Message
from .turn import Turn, TurnStatus

TITLE_LENGTH = 80


@dataclass(eq=False)
class Conversation:
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    title: str = ""
    created_at: float = field(default_factory=time.time)
    model: str = DEFAULT_MODEL
    turns: list[Turn] = field(default_factory=list)

    def start_turn(self, user: str, model: str | None = None) -> Turn:
        if not self.title:
            self.title = title_for(user)
        turn = Turn(user=user, model=model or self.model)
        self.turns.append(turn)
        return turn

    def messages_for(self, turn: Turn) -> list[Message]:
        """What the request for `turn` sends: earlier turns as plain `{"role","content"}` pairs
        (the final answer only: never reasoning_content or tool_info), then the question.

        A turn that produced no answer, or failed (its partial answer is not a reply the model
        gave), is left out with its question: the history never holds two user messages in a
        row, and a retry sends exactly what the failed request sent.
        """
        messages: list[Message] = []
        for earlier in self.turns:
            if earlier is turn:
                break
            answer = earlier.answer
            if answer.strip() and earlier.status is not TurnStatus.ERROR:
                messages.append({"role": "user", "content": earlier.user})
                messages.append({"role": "assistant", "content": answer})
        messages.append({"role": "user", "content": turn.user})
        return messages


def title_for(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1] + "…"
