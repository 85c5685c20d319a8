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
"""

from __future__ import annotations

import asyncio
import base64
import codecs
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO

from ..model.output import MAX_OUTPUT_BYTES, Output, OutputKind, merged
from .environment import clean_environment

DEFAULT_TIMEOUT = 30.0  # seconds, for the whole run
DEFAULT_MEMORY_MB = 2048
_HERE = Path(__file__).resolve().parent
_DIAGNOSTICS_KEPT = 16_000  # characters of the child's own stderr kept to explain a crash


class RunnerError(Exception):
    """The code could not be run at all (no such Python, the child failed to start)."""


class CellStatus(StrEnum):
    OK = "ok"
    ERROR = "error"  # the code raised
    TIMEOUT = "timeout"  # the time limit stopped it
    STOPPED = "stopped"  # stopped by the user
    CRASHED = "crashed"  # the process died (a native crash, the memory limit, os._exit)
    SKIPPED = "skipped"  # not run: an earlier cell timed out, was stopped or crashed


@dataclass(frozen=True, slots=True)
class RunOptions:
    python: str | None = None  # the interpreter; None: default_python()
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB  # None or 0: no limit
    allow_network: bool = False
    environment: Mapping[str, str] | None = None  # what to clean and pass on (default: os.environ)


@dataclass(slots=True)
class CellResult:
    index: int  # the code call's index in its turn
    code: str
    status: CellStatus = CellStatus.SKIPPED
    outputs: list[Output] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(slots=True)
class RunResult:
    cells: list[CellResult]
    python: str = ""  # the interpreter's path
    python_version: str = ""
    memory_limit: str = ""  # "enforced", "off", "unsupported" (Windows), "not enforced by macOS", "failed: ..."
    network: str = ""  # "off" (refused from Python) or "on"
    seconds: float = 0.0

    @property
    def raised(self) -> bool:
        """Whether any cell ended other than cleanly (an exception, the time limit, a crash, Stop)."""
        return any(c.status not in (CellStatus.OK, CellStatus.SKIPPED) for c in self.cells)

    @property
    def outputs(self) -> dict[int, list[Output]]:
        """The outputs of the cells that ran, by code call index (what the history stores)."""
        return {c.index: list(c.outputs) for c in self.cells if c.status is not CellStatus.SKIPPED}


def default_python() -> str:
    """The Python dashchat runs in; a bundled (frozen) dashchat has none to offer, so then the
    first `python3` (or `python`) on PATH."""
    if not getattr(sys, "frozen", False) and sys.executable:
        return sys.executable
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found:
            return found
    raise RunnerError("no Python found to run the code: install Python 3.8 or newer, or choose one "
                      "(dashchat history run --python PATH)")


_FRAME = b"\x00\x1edashchat:"  # as in kernel.py


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
                    message = await asyncio.wait_for(self._queue.get(), timeout=max(wait, 0.001))
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
        lib, work, tmp = root / "lib", root / "work", root / "tmp"
        for folder in (lib, work, tmp):
            folder.mkdir()
        kernel = lib / "dashchat_kernel.py"
        kernel.write_bytes(_source("kernel.py"))
        command = [python, "-u", str(kernel), "--token", self._token,
                   "--memory", str((self.options.memory_mb or 0) * 1024 * 1024)]
        env = clean_environment(os.environ if self.options.environment is None else self.options.environment,
                                self.options.allow_network)
        env.update(PYTHONIOENCODING="utf-8", PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1",
                   MPLBACKEND="Agg", TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp), DASHCHAT_LOCAL_RUN="1")
        env.update(child_environment(lib, self.options))
        if not self.options.allow_network:
            command += ["--guard", str(lib / "sitecustomize.py")]
        posix = os.name == "posix"  # its own process group (POSIX) or console group: killed as one
        flags = 0 if posix else (getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
                                 | getattr(subprocess, "CREATE_NO_WINDOW", 0))
        try:
            self._process = subprocess.Popen(  # noqa: S603 - the user's chosen Python, no shell
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                cwd=work, env=env, start_new_session=posix, creationflags=flags)
        except OSError as exc:
            raise RunnerError(f"cannot start {python}: {exc.strerror or exc}") from None
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
        frame = _FRAME + self._token.encode("ascii") + b":"
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        pending = b""
        read = getattr(stream, "read1", stream.read)
        while True:
            try:
                chunk = read(65536)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                break
            pending += chunk
            while True:
                at = pending.find(frame)
                if at < 0:
                    break
                end = pending.find(b"\n", at)
                if end < 0:
                    break  # the rest of the message is still on its way
                self._text(name, decoder.decode(pending[:at]))
                try:
                    message = json.loads(pending[at + len(frame):end])
                except ValueError:
                    message = None
                if isinstance(message, dict):
                    self._post(message)
                pending = pending[end + 1:]
            at = pending.find(frame)
            if at < 0:  # hold back only what could be the start of a frame
                keep = next((n for n in range(min(len(frame) - 1, len(pending)), 0, -1)
                             if pending.endswith(frame[:n])), 0)
                at = len(pending) - keep
            self._text(name, decoder.decode(pending[:at]))
            pending = pending[at:]
        self._text(name, decoder.decode(pending, final=True))
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
        position = _int(message.get("cell"))
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
            output = _output_of(message)
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
                              + (f": {detail[-2000:]}" if detail else f" ({_exit_reason(code)})"))
        message = f"the process running the code ended ({_exit_reason(code)}) before the cell finished"
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
            _remove(self._root)
            self._root = None


def child_environment(lib: Path, options: RunOptions) -> dict[str, str]:
    """Write the guard into `lib` as sitecustomize.py, and the variables that make every Python
    the code starts load it: the network refused (unless allowed), the memory limit."""
    (lib / "sitecustomize.py").write_bytes(_source("netguard.py"))
    return {"PYTHONPATH": str(lib), "DASHCHAT_NETWORK": "on" if options.allow_network else "off",
            "DASHCHAT_MEMORY_LIMIT": str((options.memory_mb or 0) * 1024 * 1024)}


def _source(name: str) -> bytes:
    """A child script, as a file another Python runs (a bundle must ship it as source)."""
    try:
        return (_HERE / name).read_bytes()
    except OSError:
        raise RunnerError(f"this dashchat was built without {name}, which runs code locally: "
                          "run it from a Python install of dashchat") from None


def expected_memory_limit(options: RunOptions) -> str:
    """What the OS makes of the memory limit (as kernel.py reports it)."""
    if not options.memory_mb:
        return "off"
    if os.name != "posix":
        return "unsupported"
    return "not enforced by macOS" if sys.platform == "darwin" else "enforced"


def kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Kill the child and every process in its group (POSIX) or tree (Windows)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # the group the new session made, even after the child ended
        return
    if process.poll() is None:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)],  # noqa: S603, S607
                           capture_output=True, timeout=10,
                           creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    with contextlib.suppress(OSError):
        process.kill()


def _remove(root: Path) -> None:
    for _ in range(10):  # Windows may hold a file of a just-killed process for a moment
        shutil.rmtree(root, ignore_errors=True)
        if not root.exists():
            return
        time.sleep(0.1)


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _output_of(message: dict[str, object]) -> Output | None:
    kind = message.get("type")
    text = str(message.get("text", ""))
    if kind == "stream":
        return Output.stream(str(message.get("name", "stdout")), text)
    if kind == "execute_result":
        return Output.result(text)
    if kind == "display_data":
        return Output.display(text)
    if kind == "error":
        traceback = message.get("traceback")
        lines = [str(line) for line in traceback] if isinstance(traceback, list) else []
        return Output.error(str(message.get("ename", "Error")), str(message.get("evalue", "")), lines)
    if kind == "image":
        try:
            data = base64.b64decode(str(message.get("data", "")))
        except ValueError:
            return None
        return Output.image(data, str(message.get("mime") or "image/png"))
    return None


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
