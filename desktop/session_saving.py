"""The session's writes of turns to the history, despite storage faults (a disk full, a lock held
by another program, a read-only folder): batched while a reply streams, retried while a fault
lasts (the turn stays whole in memory meanwhile), the final write of a reply on a writer thread.
The view hears of each new problem, and of its end. Used by ChatSession (desktop/session.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from .model.conversation import Conversation
from .model.turn import Turn, TurnStatus
from .store.faults import StorageError

# asyncio and the thread pool are imported where they are first needed (the window paints first).
if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from .store.history import History

log = logging.getLogger("dashchat.session")
log.addHandler(logging.NullHandler())  # a library does not print: stderr is for one error line

# What has arrived is on disk within this many seconds, whatever the stream does.
SAVE_INTERVAL = 0.5
# After a failed save (disk full, a lock held by another program, a read-only folder), the next
# try comes this long after: the reply stays whole in memory meanwhile, and lands once the fault
# clears, during the stream or after it.
RETRY_INTERVAL = 1.0

StorageListener = Callable[[StorageError | None], None]


class TurnSaver:
    """Writes turns to `history`; a failure never escapes: the turn is kept as unsaved and tried
    again. `problem` is the latest fault while one lasts; `listener` is told of each new one,
    and None once everything is saved again."""

    def __init__(self, history: History) -> None:
        self.history = history
        # Turns whose latest state is not on disk yet (a save failed), by turn id; retried.
        self._unsaved: dict[str, tuple[Conversation, Turn]] = {}
        self._retrier: asyncio.Task[None] | None = None
        self._writer_thread: ThreadPoolExecutor | None = None  # made for the first write off the loop
        self.problem: StorageError | None = None
        self.listener: StorageListener | None = None

    async def save_while_streaming(self, conversation: Conversation, turn: Turn, dirty: asyncio.Event) -> None:
        # Batched: at most one write per interval, and only when something arrived. A failed
        # write is tried again (the turn is whole in memory), more slowly while the fault lasts.
        import asyncio

        while True:
            await dirty.wait()
            await asyncio.sleep(SAVE_INTERVAL if self.problem is None else RETRY_INTERVAL)
            dirty.clear()
            if not await self._save_snapshot(conversation, turn):
                dirty.set()

    async def _save_snapshot(self, conversation: Conversation, turn: Turn) -> bool:
        """`save` of the turn as it is now, written on the writer thread: the window goes on
        while SQLite writes the reply so far (and, at a WAL checkpoint, waits for the disk: up
        to 0.7 s on a busy disk, measured, every half second on the loop's thread before).
        Cancelled (the stream ended), the write goes on: the final save is queued behind it on
        the same thread, so the last state written is the final one."""
        import asyncio

        snapshot = turn.snapshot()
        position = conversation.position_of(turn)
        leaf = conversation.turns[-1].id if conversation.turns else None
        pending = asyncio.get_running_loop().run_in_executor(
            self._writer(), self._attempt, conversation, snapshot, position, leaf)
        return self._settle(conversation, turn, await asyncio.shield(pending))

    def _writer(self) -> ThreadPoolExecutor:
        """One thread: the writes reach the history in the order they were asked for."""
        if self._writer_thread is None:
            from concurrent.futures import ThreadPoolExecutor

            self._writer_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dashchat-history")
        return self._writer_thread

    def save(self, conversation: Conversation, turn: Turn) -> bool:
        """Write the turn as it is now. A failure never escapes: the turn is remembered as
        unsaved, the listener is told, and False is returned."""
        return self._settle(conversation, turn, self._attempt(conversation, turn))

    async def save_off_the_loop(self, conversation: Conversation, turn: Turn) -> bool:
        """`save`, with the write itself on the writer thread (the turn no longer changes)."""
        import asyncio

        pending = asyncio.get_running_loop().run_in_executor(self._writer(), self._attempt, conversation, turn)
        try:
            error = await asyncio.shield(pending)
        except asyncio.CancelledError:
            # Stopped again while saving (a second Ctrl+C): finish the write here, then go on.
            error = pending.result() if pending.done() else self._attempt(conversation, turn)
        return self._settle(conversation, turn, error)

    def _attempt(self, conversation: Conversation, turn: Turn, position: int | None = None,
                 leaf: str | None = None) -> StorageError | None:
        try:
            self.history.save_turn(conversation, turn, position=position, leaf=leaf)
        except StorageError as exc:
            return exc
        return None

    def _settle(self, conversation: Conversation, turn: Turn, error: StorageError | None) -> bool:
        """Bookkeeping after a write, on the loop's thread (the listener is a view)."""
        if error is not None:
            self._unsaved[turn.id] = (conversation, turn)
            if self.problem is None or str(self.problem) != str(error):
                log.warning("%s", error)
                self.problem = error
                self._tell(error)
            return False
        self._unsaved.pop(turn.id, None)
        if self.problem is not None and not self._unsaved:
            log.info("the history is written again")
            self.problem = None
            self._tell(None)
        return True

    @property
    def unsaved(self) -> bool:
        """Whether a turn's latest state is only in memory."""
        return bool(self._unsaved)

    def flush_now(self) -> bool:
        """One more try to write every unsaved turn, now; True once all are saved. (A turn that
        still streams is left to its own stream's saver.)"""
        for conversation, turn in list(self._unsaved.values()):
            if turn.status is TurnStatus.STREAMING:
                continue  # its own stream's saver retries it
            if not self.save(conversation, turn):
                return False
        return not self._unsaved

    def retry_later(self) -> None:
        import asyncio

        if self._retrier is None or self._retrier.done():
            self._retrier = asyncio.ensure_future(self._retry_until_saved())

    async def _retry_until_saved(self) -> None:
        import asyncio

        while self._unsaved:
            await asyncio.sleep(RETRY_INTERVAL)
            self.flush_now()

    async def flush(self, timeout: float) -> bool:
        """Try for up to `timeout` seconds to write every unsaved turn; True once all are saved."""
        import asyncio

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.flush_now():
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(min(RETRY_INTERVAL / 4, max(0.0, deadline - loop.time())))
        return True

    def _tell(self, problem: StorageError | None) -> None:
        if self.listener is not None:
            self.listener(problem)

    def close(self) -> None:
        """Stop retrying, and wait for the writer thread's write (if one is under way)."""
        if self._retrier is not None:
            self._retrier.cancel()
        if self._writer_thread is not None:
            self._writer_thread.shutdown(wait=True)
            self._writer_thread = None
