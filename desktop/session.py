"""The pipeline every front end shares: question -> request -> events -> turn -> history -> view.

`dashchat ask` and the window both drive a `ChatSession`; they differ only in the `TurnView`
they pass. If the terminal and the window ever disagree, a layer leaked.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Protocol

import httpx

from .config import Config, key_from_environment
from .demo import DEMO_BASE_URL, DemoTransport
from .model.conversation import Conversation
from .model.turn import Turn
from .protocol.client import make_client, stream_native
from .protocol.errors import ErrorKind, ServiceError
from .protocol.events import Event, Failed
from .protocol.secret import ApiKey
from .store.history import History

# What has arrived is on disk within this many seconds, whatever the stream does.
SAVE_INTERVAL = 0.5


class TurnView(Protocol):
    def turn_started(self, turn: Turn) -> None: ...
    def turn_event(self, turn: Turn, event: Event) -> None: ...
    def turn_finished(self, turn: Turn) -> None: ...


def missing_key_error() -> ServiceError:
    return ServiceError(
        "MissingApiKey",
        "No API key: set the DASHSCOPE_API_KEY environment variable, or run with --demo to try "
        "a recorded conversation.",
        None,
        None,
        ErrorKind.CONFIG,
    )


class ChatSession:
    def __init__(
        self,
        config: Config,
        history: History,
        key_source: Callable[[], ApiKey | None] = key_from_environment,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self.history = history
        self._key_source = key_source
        self.demo: DemoTransport | None = None
        if config.demo and transport is None:
            self.demo = transport = DemoTransport()
        self._client = make_client(config.timeouts, transport)
        self.conversation = Conversation(model=config.options.model)

    @property
    def base_url(self) -> str:
        return DEMO_BASE_URL if self.demo is not None else self.config.base_url

    def new_conversation(self) -> None:
        self.conversation = Conversation(model=self.config.options.model)

    def continue_latest(self) -> bool:
        latest = self.history.latest_id()
        loaded = self.history.load(latest) if latest else None
        if loaded is None:
            return False
        self.conversation = loaded
        return True

    def has_key(self) -> bool:
        return self._key() is not None

    def _key(self) -> ApiKey | None:
        return ApiKey("demo-key-not-secret") if self.demo is not None else self._key_source()

    async def send(self, text: str, view: TurnView) -> Turn:
        """Ask `text` in the current conversation. Returns the finished turn; raises only
        CancelledError (the turn is then saved as interrupted first)."""
        conversation = self.conversation
        turn = conversation.start_turn(text, self.config.options.model)
        messages = conversation.messages_for(turn)
        turn.mark_sent()
        view.turn_started(turn)
        key = self._key()
        if key is None:
            self._apply(turn, Failed(missing_key_error()), view)
            self.history.save_turn(conversation, turn)
            view.turn_finished(turn)
            return turn

        self.history.save_turn(conversation, turn)
        dirty = asyncio.Event()
        saver = asyncio.ensure_future(self._save_while_streaming(conversation, turn, dirty))
        stream = stream_native(self._client, self.base_url, key, messages, self.config.options)
        try:
            async with contextlib.aclosing(stream):
                async for event in stream:
                    self._apply(turn, event, view)
                    dirty.set()
        finally:
            # Stop pressed, window closed, or the stream ended: keep what arrived.
            turn.interrupt()
            saver.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await saver
            self.history.save_turn(conversation, turn)
            view.turn_finished(turn)
        return turn

    @staticmethod
    def _apply(turn: Turn, event: Event, view: TurnView) -> None:
        turn.apply(event)
        view.turn_event(turn, event)

    async def _save_while_streaming(self, conversation: Conversation, turn: Turn, dirty: asyncio.Event) -> None:
        # Batched: at most one write per interval, and only when something arrived.
        while True:
            await dirty.wait()
            await asyncio.sleep(SAVE_INTERVAL)
            dirty.clear()
            self.history.save_turn(conversation, turn)

    async def aclose(self) -> None:
        await self._client.aclose()
