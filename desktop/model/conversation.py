"""A conversation: turns in order, and the messages the next request carries.

A conversation is a tree: regenerating a reply or editing a question adds a new *version* of
that turn (a sibling: same parent) and shows it, and the earlier versions stay with everything
that followed them. `turns` is the path shown (and continued, and sent as context); `versions`
holds every turn ever made, in the order they were made (their order on disk). Each turn names
its parent, the turn before it on its path (None for the first question)."""

from __future__ import annotations

import time

from ..protocol import DEFAULT_MODEL, Message
from ..records import Record
from .ids import new_id
from .turn import Turn, TurnStatus

TITLE_LENGTH = 80


class ConversationOptions(Record):
    """What one conversation asks with, beside the settings: None (or an empty prompt) leaves
    the settings' choice in place (desktop/settings.py, the connection profile's model and the
    thinking budget). Stored with the conversation (desktop/store/conversation_options.py). A
    Record (desktop/records.py), not a frozen dataclass: made before the window's first frame;
    copied with `replaced()`, which normalises again."""

    __slots__ = ("model", "system_prompt", "thinking_budget")
    __match_args__ = ("model", "system_prompt", "thinking_budget")
    model: str | None
    system_prompt: str
    thinking_budget: int | None  # a positive number of reasoning tokens

    def __init__(self, model: str | None = None, system_prompt: str = "", thinking_budget: int | None = None) -> None:
        object.__setattr__(self, "model", (model or "").strip() or None)
        object.__setattr__(self, "system_prompt", system_prompt if system_prompt.strip() else "")
        object.__setattr__(self, "thinking_budget",
                           thinking_budget if thinking_budget is not None and thinking_budget > 0 else None)

    @property
    def is_default(self) -> bool:
        return self == ConversationOptions()

    def to_dict(self) -> dict[str, str | int]:
        """The choices made (the transcript's "options"); empty for the defaults."""
        data: dict[str, str | int] = {}
        if self.model is not None:
            data["model"] = self.model
        if self.system_prompt:
            data["system_prompt"] = self.system_prompt
        if self.thinking_budget is not None:
            data["thinking_budget"] = self.thinking_budget
        return data


class Conversation:
    """Compared by identity. Its __init__ and repr are written out as @dataclass(eq=False) made
    them (the same parameters, in the same order): the window makes one before its first frame,
    and @dataclass compiles its methods from source as the class is made (startup.py)."""

    def __init__(self, id: str | None = None, title: str = "", created_at: float | None = None,  # noqa: A002
                 model: str = DEFAULT_MODEL, turns: list[Turn] | None = None, versions: list[Turn] | None = None,
                 options: ConversationOptions | None = None, _shown_after: dict[str, str] | None = None) -> None:
        self.id = new_id() if id is None else id
        self.title = title
        self.created_at = time.time() if created_at is None else created_at
        self.model = model
        self.turns: list[Turn] = [] if turns is None else turns  # the path shown
        self.versions: list[Turn] = [] if versions is None else versions  # every turn, in the order made
        self.options = ConversationOptions() if options is None else options
        # Which child each turn was last shown with, so that paging back to a version shows the
        # branch as it was left.
        self._shown_after: dict[str, str] = {} if _shown_after is None else _shown_after

    def __repr__(self) -> str:
        return (f"Conversation(id={self.id!r}, title={self.title!r}, created_at={self.created_at!r}, "
                f"model={self.model!r}, turns={self.turns!r}, versions={self.versions!r}, options={self.options!r})")

    def start_turn(self, user: str, model: str | None = None) -> Turn:
        """A new question at the end of the path shown."""
        if not self.title:
            self.title = title_for(user)
        self._sync()
        turn = Turn(user=user, model=model or self.model, parent_id=self.turns[-1].id if self.turns else None)
        self.turns.append(turn)
        self.versions.append(turn)
        return turn

    def start_version(self, position: int, user: str | None = None, model: str | None = None) -> Turn:
        """A new version of the turn at `position` of the path (regenerate: the same question;
        edit: `user`): it becomes the path's last turn; the earlier version keeps its branch."""
        self._sync()
        old = self.turns[position]
        turn = Turn(user=old.user if user is None else user, model=model or self.model, parent_id=old.parent_id)
        self.turns[position:] = [turn]
        self.versions.append(turn)
        return turn

    def versions_at(self, position: int) -> list[Turn]:
        """Every version of the turn at `position` of the path (itself included), oldest first."""
        self._sync()
        parent = self.turns[position].parent_id
        return [t for t in self.versions if t.parent_id == parent]

    def show_version(self, position: int, turn: Turn) -> None:
        """Show `turn` (a version at `position`) and, after it, the branch that continued from
        it: at each step the child shown there last, or else the newest one."""
        self._sync()
        path = self.turns[:position] + [turn]
        while children := [t for t in self.versions if t.parent_id == path[-1].id]:
            chosen = self._shown_after.get(path[-1].id)
            path.append(next((c for c in children if c.id == chosen), children[-1]))
        self.turns[:] = path
        self._remember(path)

    def show_path_to(self, turn_id: str) -> int | None:
        """Show the branch that holds `turn_id` (a search hit on an earlier version); returns its
        position on the path, or None if there is no such turn."""
        self._sync()
        by_id = {t.id: t for t in self.versions}
        turn = by_id.get(turn_id)
        if turn is None:
            return None
        chain = [turn]
        while chain[-1].parent_id is not None and chain[-1].parent_id in by_id:
            chain.append(by_id[chain[-1].parent_id])
        chain.reverse()
        position = len(chain) - 1
        self.turns[:] = chain[:-1]
        self.show_version(position, turn)
        return position

    def every_version(self) -> list[Turn]:
        """Every turn of every branch, in the order made, each with its parent set."""
        self._sync()
        return self.versions

    def position_of(self, turn: Turn) -> int:
        """Where `turn` is among all versions (the order on disk)."""
        self._sync()
        return self.versions.index(turn)

    @property
    def branched(self) -> bool:
        self._sync()
        return len(self.versions) > len(self.turns)

    def _remember(self, path: list[Turn]) -> None:
        for parent, child in zip(path, path[1:], strict=False):
            self._shown_after[parent.id] = child.id

    def _sync(self) -> None:
        """Keep `versions` a superset of the path when a caller assigned `turns` directly (a
        loader, an importer, a test): such a path is one straight line, each turn the parent of
        the next."""
        known = {t.id for t in self.versions}
        for index, turn in enumerate(self.turns):
            if index and turn.parent_id is None:
                turn.parent_id = self.turns[index - 1].id
            if turn.id not in known:
                self.versions.append(turn)
                known.add(turn.id)

    def messages_for(self, turn: Turn) -> list[Message]:
        """What the request for `turn` sends: the conversation's system prompt, if it has one,
        first and only there (the service accepts role "system" in messages[0] alone); earlier
        turns as plain `{"role","content"}` pairs (the final answer only: never
        reasoning_content or tool_info), then the question.

        A turn that produced no answer, or failed (its partial answer is not a reply the model
        gave), is left out with its question: the history never holds two user messages in a
        row, and a retry sends exactly what the failed request sent.
        """
        messages: list[Message] = []
        if self.options.system_prompt:
            messages.append({"role": "system", "content": self.options.system_prompt})
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
