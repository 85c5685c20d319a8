"""Run a turn's executed code in a child process: the parent side of the built-in runner.

The child is desktop/runner/kernel.py, started in a Python the caller chooses, in a fresh
temporary directory that is removed afterwards, with a cleaned environment
(runner/environment.py), a time limit for the whole run, an address-space limit where the OS
enforces one, and (unless allowed) the network refused from Python (runner/netguard.py). It is
started in a process group (POSIX: a new session; Windows: a new process group) so that a time
limit, a Stop or the end of the run kills it with everything it started.

Threads read the child's pipes and hand each message to the asyncio loop with
`call_soon_threadsafe`: no asyncio subprocess support is needed, so this works on any loop
(qasync's in the window, `asyncio.run` in the terminal) and on every OS.

Here: LocalRun, the run from start to result (which cell each piece of output belongs to, the
time limit, Stop, a crash). The options and results: cells.py; starting and killing the child:
child.py; reading its framed stream: framing.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from ..model.output import MAX_OUTPUT_BYTES, Output, OutputKind, merged
from .cells import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    CellResult,
    CellStatus,
    RunnerError,
    RunOptions,
    RunResult,
    default_python,
)
from .child import exit_reason, kill_tree, remove_folder, start_child
from .framing import cell_of, output_of, read_frames

_DIAGNOSTICS_KEPT = 16_000  # characters of the child's own stderr kept to explain a crash


class LocalRun:
    """One run of some code cells, from start to a result. `stop()` may be called from any thread."""

    def __init__(self, cells: Sequence[str], options: RunOptions | None = None,
                 indices: Sequence[int] | None = None) -> None:
        self.options = options or RunOptions()
        numbers = list(indices) if indices is not None else list(range(len(cells)))
        if len(numbers) != len(cells):
            raise ValueError("one index per cell")
        self.result = RunResult([CellResult(i, code) for i, code in zip(numbers, cells, strict=True)])
        self._token = secrets.token_hex(8)
        self._pieces: dict[int, list[Output]] = {}  # by position: what arrived for a cell not yet ended
        self._kept: dict[tuple[int, str], list[int]] = {}  # (position, stream): [bytes kept, bytes dropped]
        self._started: set[int] = set()
        self._done: dict[int, dict[str, object]] = {}  # "done" messages waiting for their stderr-end
        self._stderr_ended: set[int] = set()
        self._finished: set[int] = set()
        self._stdout_cell: int | None = None  # the position running, as stdout tells
        self._stderr_cell: int | None = None  # the position whose stderr is arriving
        self._eof: set[str] = set()
        self._ready = False
        self._stop_requested = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None
        self._root: Path | None = None
        self._diagnostics: list[str] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: asyncio.Queue[dict[str, object]] | None = None
        self._on_output: Callable[[int, Output], None] | None = None

    # -- the run ----------------------------------------------------------------------------

    async def run(self, on_output: Callable[[int, Output], None] | None = None) -> RunResult:
        """Run every cell in order, in one process, and return what they did. `on_output(index,
        output)` is called on the loop's thread as each output arrives (streams in chunks, as
        printed). Cancelling this coroutine kills the process tree, then re-raises."""
        self._loop = asyncio.get_running_loop()
        self._queue = asyncio.Queue()
        self._on_output = on_output
        started = time.monotonic()
        try:
            self._start()
            deadline = started + self.options.timeout
            grace: float | None = None  # a "done" waiting for its stderr-end gets this long
            while len(self._finished) < len(self.result.cells):
                now = time.monotonic()
                if now >= deadline:
                    self._interrupt(CellStatus.TIMEOUT, Output.error(
                        "TimeoutError", f"stopped by dashchat after the time limit of {self.options.timeout:g} s"))
                    break
                if self._stop_requested.is_set():
                    self._interrupt(CellStatus.STOPPED, Output.error("KeyboardInterrupt", "stopped by the user"))
                    break
                if self._eof >= {"stdout", "stderr"}:
                    self._flush_done()
                    if len(self._finished) < len(self.result.cells):
                        self._crashed()
                    break
                if grace is not None and now >= grace:
                    self._flush_done(force=True)  # fd 2 was closed or replaced by the code: go on without it
                    grace = None
                    continue
                wait = min(deadline, grace or deadline, now + 0.25) - now
                try:
                    # Not asyncio.wait_for: on Python 3.11 it returns the item instead of raising
                    # when a cancellation and a message arrive together, and the run would go on.
                    async with asyncio.timeout(max(wait, 0.001)):
                        message = await self._queue.get()
                except TimeoutError:
                    continue
                self._handle(message)
                if not self._done:
                    grace = None
                elif grace is None:
                    grace = time.monotonic() + 2.0
        finally:
            self._finish()
            self.result.seconds = time.monotonic() - started
        return self.result

    def stop(self) -> None:
        """End the run as soon as possible: the running cell is marked stopped, the rest skipped."""
        self._stop_requested.set()
        self._post({"type": "wake"})

    # -- starting ---------------------------------------------------------------------------

    def _start(self) -> None:
        python = self.options.python or default_python()
        root = Path(tempfile.mkdtemp(prefix="dashchat-run-"))
        self._root = root
        self._process = start_child(python, root, self._token, self.options)
        assert self._process.stdout is not None and self._process.stderr is not None
        for name, stream in (("stdout", self._process.stdout), ("stderr", self._process.stderr)):
            threading.Thread(target=self._read, args=(name, stream), name=f"runner-{name}", daemon=True).start()
        threading.Thread(target=self._send_cells, name="runner-stdin", daemon=True).start()

    def _send_cells(self) -> None:
        process = self._process
        assert process is not None and process.stdin is not None
        try:
            for position, cell in enumerate(self.result.cells):
                line = json.dumps({"cell": position, "code": cell.code}, ensure_ascii=True) + "\n"
                process.stdin.write(line.encode("ascii"))
                process.stdin.flush()
            process.stdin.close()
        except OSError:
            pass  # the child died: its output ending reports that

    def _read(self, name: str, stream: IO[bytes]) -> None:
        """Split one of the child's streams into text and framed messages, in order."""
        read_frames(stream, self._token, lambda text: self._text(name, text), self._post)
        self._post({"type": "eof", "name": name})

    def _text(self, name: str, text: str) -> None:
        if text:
            self._post({"type": "text", "name": name, "text": text})

    def _post(self, message: dict[str, object]) -> None:
        loop, queue = self._loop, self._queue
        if loop is not None and queue is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: run() is over anyway
                loop.call_soon_threadsafe(queue.put_nowait, message)

    # -- messages (on the loop's thread) ----------------------------------------------------

    def _handle(self, message: dict[str, object]) -> None:
        kind = message.get("type")
        position = cell_of(message)
        if kind == "text":
            self._stream(str(message.get("name")), str(message.get("text", "")))
        elif kind == "eof":
            self._eof.add(str(message.get("name")))
        elif kind == "ready":
            self._ready = True
            self.result.python = str(message.get("executable", ""))
            self.result.python_version = str(message.get("python", ""))
            self.result.memory_limit = str(message.get("memory_limit", ""))
            self.result.network = str(message.get("network", ""))
        elif not 0 <= position < len(self.result.cells):
            return
        elif kind == "start":
            self._started.add(position)
            self._stdout_cell = position
        elif kind == "stderr-start":
            self._started.add(position)
            self._stderr_cell = position
        elif kind == "stderr-end":
            self._stderr_ended.add(position)
            self._stderr_cell = None
            self._flush_done()
        elif kind == "done":
            self._done[position] = message
            self._stdout_cell = None
            self._flush_done()
        else:
            output = output_of(message)
            if output is not None:
                self._add(position, output)

    def _stream(self, name: str, text: str) -> None:
        position = self._stdout_cell if name == "stdout" else self._stderr_cell
        if position is None and name == "stdout" and self._started:
            position = max(self._started)  # printed between cells (a thread): the latest cell
        if position is None or position in self._finished:
            if not self._ready or name == "stderr":
                self._diagnostics.append(text)
            return
        kept = self._kept.setdefault((position, name), [0, 0])
        size = len(text.encode("utf-8", "surrogatepass"))
        if kept[0] >= MAX_OUTPUT_BYTES:
            kept[1] += size
            return
        if kept[0] + size > MAX_OUTPUT_BYTES:
            text = text.encode("utf-8", "surrogatepass")[:MAX_OUTPUT_BYTES - kept[0]].decode("utf-8", "ignore")
            kept[1] += size - len(text.encode("utf-8", "surrogatepass"))
            size = MAX_OUTPUT_BYTES - kept[0]
        kept[0] += size
        self._add(position, Output.stream(name, text))

    def _add(self, position: int, output: Output) -> None:
        self._pieces.setdefault(position, []).append(output)
        if self._on_output is not None:
            self._on_output(self.result.cells[position].index, output)

    def _flush_done(self, force: bool = False) -> None:
        """End the cells whose "done" arrived (with their stderr, or after the grace period)."""
        ready = [p for p in sorted(self._done) if p in self._stderr_ended]
        waiting = [p for p in sorted(self._done) if p not in self._stderr_ended]
        for position in ready:
            self._end(position, self._done.pop(position))
        if waiting and not force:
            return
        for position in waiting:
            self._end(position, self._done.pop(position))

    def _end(self, position: int, done: dict[str, object], status: CellStatus | None = None,
             note: Output | None = None) -> None:
        cell = self.result.cells[position]
        if status is None:
            status = CellStatus.ERROR if done.get("status") == "error" else CellStatus.OK
        cell.status = status
        seconds = done.get("seconds")
        cell.seconds = float(seconds) if isinstance(seconds, int | float) else 0.0
        if note is not None:
            self._add(position, note)  # on_output hears it too
        outputs = merged(self._pieces.pop(position, []))
        for name in ("stdout", "stderr"):
            kept, dropped = self._kept.get((position, name), (0, 0))
            if dropped:
                last = max((i for i, o in enumerate(outputs) if o.kind is OutputKind.STREAM and o.name == name),
                           default=None)
                if last is not None:
                    outputs[last] = Output.stream(name, outputs[last].text, True, kept + dropped)
        cell.outputs = outputs
        self._finished.add(position)

    def _running(self) -> int | None:
        """The position of the cell under way (started, not ended), if any."""
        candidates = [p for p in self._started if p not in self._finished and p not in self._done]
        return min(candidates) if candidates else None

    def _interrupt(self, status: CellStatus, note: Output) -> None:
        self._flush_done(force=True)
        position = self._running()
        if position is None:  # between cells: the next one is the one that did not get to run
            position = next((p for p in range(len(self.result.cells)) if p not in self._finished), None)
            if position is None:
                return
        self._end(position, {}, status, note)

    def _crashed(self) -> None:
        process = self._process
        code = None
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                code = process.wait(timeout=5)
        detail = "".join(self._diagnostics).strip()
        if not self._ready:
            raise RunnerError(f"{self.options.python or default_python()} could not start dashchat's runner"
                              + (f": {detail[-2000:]}" if detail else f" ({exit_reason(code)})"))
        message = f"the process running the code ended ({exit_reason(code)}) before the cell finished"
        if detail:
            message += f"\n{detail[-4000:]}"
        self._interrupt(CellStatus.CRASHED, Output.error("ProcessEnded", message))

    # -- ending -----------------------------------------------------------------------------

    def _finish(self) -> None:
        process = self._process
        if process is not None:
            if process.stdin is not None:
                with contextlib.suppress(OSError):
                    process.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.5)  # a clean end after the last cell
            kill_tree(process)  # and whatever it started, in any case
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
        if self._root is not None:
            remove_folder(self._root)
            self._root = None


async def run_cells(cells: Sequence[str], options: RunOptions | None = None,
                    on_output: Callable[[int, Output], None] | None = None,
                    indices: Sequence[int] | None = None) -> RunResult:
    """Run `cells` (code, in order, sharing state) in a child process; see LocalRun."""
    return await LocalRun(cells, options, indices).run(on_output)


def run_cells_sync(cells: Sequence[str], options: RunOptions | None = None,
                   on_output: Callable[[int, Output], None] | None = None,
                   indices: Sequence[int] | None = None) -> RunResult:
    """`run_cells` for a caller without an event loop (the command line)."""
    return asyncio.run(run_cells(cells, options, on_output, indices))


__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT", "CellResult", "CellStatus", "LocalRun", "RunOptions",
           "RunResult", "RunnerError", "default_python", "kill_tree", "run_cells", "run_cells_sync"]
