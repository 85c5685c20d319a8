"""The pipeline every front end shares: question -> request -> events -> turn -> history -> view.

`dashchat ask` and the window both drive a `ChatSession`; they differ only in the `TurnView`
they pass. If the terminal and the window ever disagree, a layer leaked. Its writes to the
history, despite storage faults: desktop/session_saving.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from .config import Config
from .model.conversation import Conversation, ConversationOptions
from .model.turn import Turn
from .protocol import ErrorKind, Event, Failed, GenerationOptions, ServiceError, SetupError
from .session_saving import StorageListener, TurnSaver
from .store import conversation_options as _options
from .store.faults import StorageError
from .store.history import History

# The window is built and painted before it loads asyncio and httpx (which comes in with
# .protocol.client, .protocol.check and .demo), and the keys (the keyring's names, the key
# store): each is imported where it is first needed.
if TYPE_CHECKING:
    import threading

    import httpx

    from .demo import DemoTransport
    from .keys import KeyLookup, KeyringProblem, KeyStore
    from .protocol import ApiKey, CheckResult


class TurnView(Protocol):
    def turn_started(self, turn: Turn) -> None: ...
    def turn_event(self, turn: Turn, event: Event) -> None: ...
    def turn_finished(self, turn: Turn) -> None: ...


class KeyProvider(Protocol):
    async def lookup_async(self) -> KeyLookup: ...


def missing_key_error(problem: KeyringProblem | None, withheld_from: str | None = None) -> ServiceError:
    """`withheld_from`: the host DASHSCOPE_API_KEY was not sent to (it is set, but that host
    is not DashScope's)."""
    from .keys import KEY_ENV, KEY_HOSTS_ENV  # the keys module (keyring names, threading): on first use
    from .protocol import Code

    if withheld_from is not None:
        return ServiceError(
            Code.MISSING_API_KEY,
            f"{KEY_ENV} is set, but it is only ever sent to DashScope's own hosts, and {withheld_from} is not "
            f"one. Store the key this server expects for this connection profile (Settings, or 'dashchat key "
            f"set --connection NAME'), or, if {withheld_from} is a gateway in front of DashScope that should "
            f"get that key, add it to {KEY_HOSTS_ENV}.",
            None, None, ErrorKind.CONFIG)
    if problem is not None:
        return ServiceError(problem.code, f"The API key could not be read: {problem.message} "
                            f"Setting {KEY_ENV} works without a keyring.", None, None,
                            ErrorKind.CONFIG)
    return ServiceError(
        Code.MISSING_API_KEY,
        f"No API key: add one in Settings or with 'dashchat key set', or set {KEY_ENV}. "
        "Run with --demo to try recorded replies without a key.",
        None,
        None,
        ErrorKind.CONFIG,
    )


class ChatSession:
    def __init__(
        self,
        config: Config,
        history: History,
        keys: KeyProvider | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.config = config
        self.history = history
        # `keys`: one provider for every connection (tests). Otherwise each connection profile
        # has its own KeyStore, kept for the session so a key held in memory is not forgotten.
        self._fixed_keys = keys
        self._environ = environ
        self._key_stores: dict[tuple[str, bool], KeyStore] = {}
        self._session_keys: dict[str, ApiKey] = {}  # kept for this session only, by keyring account
        self._transport = transport
        self.demo: DemoTransport | None = self._demo_for(config)
        # Made on first use (or by prepare()): importing httpcore and loading the CA bundle take
        # ~30 ms, which the window spends after its first paint rather than before.
        self._client: httpx.AsyncClient | None = None
        self._warming: threading.Thread | None = None  # the first request's imports (prepare)
        self._streams = 0
        self._retired: list[httpx.AsyncClient] = []  # replaced while a stream still used them
        self.conversation = Conversation(model=config.options.model)
        self._saver = TurnSaver(history)  # the writes, retried while a storage fault lasts

    def _demo_for(self, config: Config) -> DemoTransport | None:
        if not config.demo or self._transport is not None:
            return None
        from .demo import DemoTransport

        return DemoTransport()

    @property
    def keys(self) -> KeyProvider:
        """The key of the connection the next request uses."""
        if self._fixed_keys is not None:
            return self._fixed_keys
        return self.key_store(self.config.connection_id, self.config.base_url)

    def key_store(self, connection_id: str, base_url: str) -> KeyStore:
        """The KeyStore of a connection profile (see `environment_applies`)."""
        from .keys import KeyStore, environment_applies

        use_environment = environment_applies(connection_id, base_url, self._environ)
        store = self._key_stores.get((connection_id, use_environment))
        if store is None:
            store = KeyStore(self.config.profile, self._environ, connection_id, use_environment, self._session_keys)
            self._key_stores[(connection_id, use_environment)] = store
        return store

    def prepare(self) -> httpx.AsyncClient:
        """The HTTP client, made now if it is not yet: the window calls this once it is painted,
        so that the first question does not wait for it."""
        if self._client is None:
            from .protocol import make_client

            transport = self.demo if self.demo is not None else self._transport
            self._client = make_client(self.config.timeouts, transport, self.config.proxy)
            if transport is None and self._warming is None:
                from .protocol import warm_imports

                self._warming = warm_imports()
        return self._client

    async def _warmed(self) -> None:
        """Wait, without blocking the loop, for prepare()'s imports to end: a module must not be
        imported by the loop's thread while the worker is importing it."""
        if self._warming is not None and self._warming.is_alive():
            import asyncio

            while self._warming.is_alive():
                await asyncio.sleep(0.005)

    async def apply_config(self, config: Config) -> None:
        """Settings changed: the next request uses them; a reply streaming now is not disturbed."""
        old = self._client
        self.config = config
        self.demo = self._demo_for(config)
        self._client = None
        if old is None:
            return
        if self._streams:
            self._retired.append(old)
        else:
            await old.aclose()

    async def check(self, key: ApiKey | None, config: Config) -> CheckResult:
        """One cheap request with `key` and `config` (which need not be saved yet); `key` None
        only where the connection needs none."""
        from .protocol import CheckResult, check_connection, make_client

        try:
            client = make_client(config.timeouts, self._transport, config.proxy)
        except SetupError as exc:  # SSL_CERT_FILE or SSL_CERT_DIR is unusable
            return CheckResult(exc.error, None, 0.0)
        async with client:
            return await check_connection(client, config.base_url, key, config.options.model, config.protocol)

    @property
    def base_url(self) -> str:
        if self.demo is not None:
            from .demo import DEMO_BASE_URL

            return DEMO_BASE_URL
        return self.config.base_url

    def new_conversation(self) -> None:
        self.conversation = Conversation(model=self.config.options.model)

    def open(self, conversation_id: str) -> bool:
        """Continue a stored conversation: the next question is asked in it, with its options."""
        loaded = self.history.load(conversation_id)
        if loaded is None:
            return False
        self.conversation = _options.attach(self.history, loaded)
        return True

    # -- the conversation's own model, system prompt and thinking budget ----------------------

    def set_options(self, options: ConversationOptions) -> bool:
        """The current conversation asks with `options` from its next question on. Stored at
        once once it is in the history (otherwise with its first question); False when that
        write failed (the options still apply in this session)."""
        conversation = self.conversation
        conversation.options = options
        if not conversation.versions:
            return True
        return _options.save_quietly(self.history, conversation) is None

    def generation_options(self, conversation: Conversation | None = None) -> GenerationOptions:
        """What the next request of `conversation` (the current one) is sent with: the
        settings', with the conversation's model and thinking budget where it has its own."""
        own = (conversation or self.conversation).options
        chosen = self.config.options
        return chosen.replaced(model=own.model or chosen.model,
                               thinking_budget=own.thinking_budget if own.thinking_budget is not None
                               else chosen.thinking_budget)

    def show_version(self, position: int, index: int) -> bool:
        """Page the turn at `position` to its version `index` (0 = the oldest) and show the branch
        that follows it; remembered in the history (a failed write only loses that memory)."""
        versions = self.conversation.versions_at(position)
        if not 0 <= index < len(versions):
            return False
        self.conversation.show_version(position, versions[index])
        with contextlib.suppress(StorageError):
            self.history.show_branch(self.conversation)
        return True

    def rename(self, conversation_id: str, title: str) -> None:
        self.history.rename(conversation_id, title)
        if self.conversation.id == conversation_id:
            self.conversation.title = title

    def delete(self, conversation_id: str) -> str:
        """Delete a stored conversation (it can be restored); returns its title."""
        summary = self.history.summary(conversation_id)
        title = summary.title if summary is not None else ""
        self.history.delete(conversation_id)
        if self.conversation.id == conversation_id:
            self.new_conversation()
        return title

    def restore(self, conversation_id: str) -> None:
        self.history.restore(conversation_id)

    def continue_latest(self) -> bool:
        latest = self.history.latest_id()
        loaded = self.history.load(latest) if latest else None
        if loaded is None:
            return False
        self.conversation = _options.attach(self.history, loaded)
        return True

    async def lookup_key(self) -> KeyLookup:
        from .keys import KeyLookup, KeySource
        from .protocol import ApiKey

        if self.demo is not None:
            return KeyLookup(ApiKey("demo-key-not-secret"), KeySource.SESSION)
        return await self.keys.lookup_async()

    async def send(self, text: str, view: TurnView, version_of: int | None = None) -> Turn:
        """Ask `text` in the current conversation. Returns the finished turn; raises only
        CancelledError (the turn is then saved as interrupted first).

        `version_of`: a position on the path shown; the question becomes a new version of that
        turn (regenerate: the same text; edit: another), sent with the context before it, and
        the earlier version keeps its branch."""
        import asyncio

        conversation = self.conversation
        # The conversation's own model and thinking budget (its system prompt is in `messages`).
        config = self.config.replaced(options=self.generation_options(conversation))
        if version_of is None:
            turn = conversation.start_turn(text, config.options.model)
        else:
            turn = conversation.start_version(version_of, text, config.options.model)
        turn.connection = config.connection
        turn.protocol = config.protocol
        messages = conversation.messages_for(turn)
        turn.mark_sent()
        view.turn_started(turn)
        if not conversation.options.is_default and len(conversation.versions) == 1:
            _options.save_quietly(self.history, conversation)  # chosen before the first question
        self.save(conversation, turn)
        self._streams += 1
        dirty = asyncio.Event()
        saver = asyncio.ensure_future(self._saver.save_while_streaming(conversation, turn, dirty))
        try:
            try:
                client = self.prepare()
            except SetupError as exc:  # SSL_CERT_FILE or SSL_CERT_DIR is unusable
                self._apply(turn, Failed(exc.error), view)
                return turn
            await self._warmed()
            lookup = await self.lookup_key()
            from .keys import KeyLookup, KeySource

            if lookup.source is KeySource.ENVIRONMENT and self._withheld_from() is not None:
                lookup = KeyLookup(None, KeySource.NONE)  # never DASHSCOPE_API_KEY to another host
            if lookup.key is None and config.key_required:
                self._apply(turn, Failed(missing_key_error(lookup.problem, self._withheld_from())), view)
                return turn
            from .protocol import spec_of  # the protocol's stream (and httpx) load on first use

            stream = spec_of(config.protocol).stream(client, self.base_url, lookup.key, messages, config.options)
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
            # The final write indexes the whole reply for search (~70 ms for 1 MB of answer):
            # it runs on the writer thread, so the window keeps painting meanwhile.
            if not await self._saver.save_off_the_loop(conversation, turn):
                self._saver.retry_later()
            self._streams -= 1
            if not self._streams:
                retired, self._retired = self._retired, []
                for old in retired:
                    await old.aclose()
            view.turn_finished(turn)
        return turn

    def _withheld_from(self) -> str | None:
        """The host DASHSCOPE_API_KEY must not go to, when it is set and the request goes there."""
        import os
        from urllib.parse import urlsplit

        from .keys import KEY_ENV, environment_applies

        environ = os.environ if self._environ is None else self._environ
        if self.demo is not None or not environ.get(KEY_ENV, "").strip():
            return None
        if environment_applies(self.config.connection_id, self.base_url, environ):
            return None
        try:
            return urlsplit(self.base_url).hostname or self.base_url
        except ValueError:
            return self.base_url

    @staticmethod
    def _apply(turn: Turn, event: Event, view: TurnView) -> None:
        turn.apply(event)
        view.turn_event(turn, event)

    # -- saving despite storage faults (desktop/session_saving.py) ------------------------

    @property
    def save_problem(self) -> StorageError | None:
        """The storage fault that keeps a turn from the history, while it lasts."""
        return self._saver.problem

    @property
    def storage_listener(self) -> StorageListener | None:
        """Told of each new save problem, and None once everything is saved again."""
        return self._saver.listener

    @storage_listener.setter
    def storage_listener(self, listener: StorageListener | None) -> None:
        self._saver.listener = listener

    def save(self, conversation: Conversation, turn: Turn) -> bool:
        """Write the turn as it is now. A failure never escapes: the turn is remembered as
        unsaved, the listener is told, and False is returned."""
        return self._saver.save(conversation, turn)

    @property
    def unsaved(self) -> bool:
        """Whether a turn's latest state is only in memory."""
        return self._saver.unsaved

    def flush_now(self) -> bool:
        """One more try to write every unsaved turn, now; True once all are saved. (A turn that
        still streams is left to its own stream's saver.)"""
        return self._saver.flush_now()

    async def flush(self, timeout: float) -> bool:
        """Try for up to `timeout` seconds to write every unsaved turn; True once all are saved."""
        return await self._saver.flush(timeout)

    async def aclose(self) -> None:
        self._saver.close()
        for client in [*self._retired, self._client]:
            if client is not None:
                await client.aclose()
