"""Optional: run the cells in a real IPython kernel (jupyter_client here, ipykernel in the chosen
Python), for code that needs IPython itself (magics, rich display). Neither is a dashchat
dependency; the built-in runner (process.py) is the default and needs neither.

The same isolation as the built-in runner: a fresh temporary working directory, the cleaned
environment, the guard as sitecustomize (network refused from Python unless allowed; the
address-space limit, since dashchat does not start the kernel process itself), and the time
limit, after which the kernel's process group is killed. The kernel's own ZeroMQ sockets are
Unix sockets in the private folder on POSIX, loopback TCP on Windows. jupyter_client's blocking client runs in a worker thread, so any asyncio loop works.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import importlib.util
import json
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..model.output import Output, merged
from .cells import CellResult, CellStatus, RunnerError, RunOptions, RunResult, default_python
from .child import child_environment, expected_memory_limit, remove_folder
from .environment import clean_environment

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_STARTUP = 60.0  # seconds for the kernel to answer at all (not counted in the time limit)


def available(python: str | None = None) -> bool:
    """Whether jupyter_client is here and ipykernel in `python` (default: dashchat's own)."""
    if importlib.util.find_spec("jupyter_client") is None:
        return False
    python = python or default_python()
    if os.path.realpath(python) == os.path.realpath(sys.executable):
        return importlib.util.find_spec("ipykernel") is not None
    try:
        return subprocess.run([python, "-c", "import ipykernel"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


async def run_cells_jupyter(cells: Sequence[str], options: RunOptions | None = None,
                            on_output: Callable[[int, Output], None] | None = None,
                            indices: Sequence[int] | None = None) -> RunResult:
    """As process.run_cells, in an IPython kernel. Cancelling kills the kernel."""
    options = options or RunOptions()
    numbers = list(indices) if indices is not None else list(range(len(cells)))
    result = RunResult([CellResult(i, code) for i, code in zip(numbers, cells, strict=True)])
    loop = asyncio.get_running_loop()
    stop = threading.Event()

    def post(index: int, output: Output) -> None:
        if on_output is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(on_output, index, output)

    started = time.monotonic()
    try:
        await asyncio.to_thread(_work, result, options, post, stop)
    finally:
        stop.set()  # a cancelled await: the worker kills the kernel and returns
        result.seconds = time.monotonic() - started
    return result


def _work(result: RunResult, options: RunOptions, post: Callable[[int, Output], None],
          stop: threading.Event) -> None:
    try:
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import KernelManager
    except ImportError:
        raise RunnerError("the Jupyter runner needs jupyter_client (pip install jupyter_client ipykernel)") from None
    python = options.python or default_python()
    root = Path(tempfile.mkdtemp(prefix="dashchat-jupyter-"))
    manager: Any = None
    client: Any = None
    try:
        lib, work, tmp, specs = root / "lib", root / "work", root / "tmp", root / "kernels" / "dashchat-local"
        for folder in (lib, work, tmp, specs):
            folder.mkdir(parents=True)
        (specs / "kernel.json").write_text(json.dumps({
            "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "dashchat (local run)", "language": "python"}), encoding="utf-8")
        env = clean_environment(os.environ if options.environment is None else options.environment,
                                options.allow_network)
        env.update(child_environment(lib, options))
        env.update(PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(tmp), TEMP=str(tmp),
                   TMP=str(tmp), DASHCHAT_LOCAL_RUN="1", JUPYTER_RUNTIME_DIR=str(tmp))
        manager = KernelManager(kernel_name="dashchat-local",
                                kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(root / "kernels")]))
        manager.connection_file = str(tmp / "connection.json")
        if os.name == "posix":  # Unix sockets in the private folder rather than loopback TCP ports
            manager.transport, manager.ip = "ipc", str(tmp / "ipc")
        try:
            # The kernel's own log is not the code's output (ipykernel captures that itself).
            manager.start_kernel(cwd=str(work), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except Exception as exc:  # noqa: BLE001 - any failure to start is the same message
            raise RunnerError(f"cannot start an IPython kernel in {python}: {exc}") from None
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=_STARTUP)
        except RuntimeError as exc:
            raise RunnerError(f"the IPython kernel in {python} did not start: {exc}") from None
        result.python = python
        result.network = "on" if options.allow_network else "off"
        result.memory_limit = expected_memory_limit(options)
        deadline = time.monotonic() + options.timeout
        for cell in result.cells:
            ended = _run_cell(client, cell, deadline, post, stop, options.timeout)
            if not ended:
                break
    finally:
        if client is not None:
            with contextlib.suppress(Exception):
                client.stop_channels()
        if manager is not None:
            _kill(manager)
        remove_folder(root)


def _run_cell(client: Any, cell: CellResult, deadline: float, post: Callable[[int, Output], None],
              stop: threading.Event, limit: float) -> bool:
    """Run one cell; False when the run must end (time limit, Stop, a dead kernel)."""
    started = time.monotonic()
    message_id = client.execute(cell.code, store_history=True, allow_stdin=False, stop_on_error=False)
    outputs: list[Output] = []
    failed = False

    def add(output: Output) -> None:
        outputs.append(output)
        post(cell.index, output)

    while True:
        if stop.is_set() or time.monotonic() >= deadline:
            note = (Output.error("KeyboardInterrupt", "stopped by the user") if stop.is_set() else
                    Output.error("TimeoutError", f"stopped by dashchat after the time limit of {limit:g} s"))
            add(note)
            cell.status = CellStatus.STOPPED if stop.is_set() else CellStatus.TIMEOUT
            cell.outputs, cell.seconds = merged(outputs), time.monotonic() - started
            return False
        try:
            message = client.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            if not client.is_alive():
                add(Output.error("ProcessEnded", "the kernel running the code ended before the cell finished"))
                cell.status, cell.outputs = CellStatus.CRASHED, merged(outputs)
                return False
            continue
        if message.get("parent_header", {}).get("msg_id") != message_id:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "status" and content.get("execution_state") == "idle":
            break
        if kind == "stream":
            add(Output.stream(content.get("name", "stdout"), content.get("text", "")))
        elif kind in ("execute_result", "display_data"):
            data = content.get("data", {})
            if "image/png" in data:
                with contextlib.suppress(ValueError):
                    add(Output.image(base64.b64decode(data["image/png"])))
            elif "text/plain" in data:
                text = str(data["text/plain"])
                add(Output.result(text) if kind == "execute_result" else Output.display(text))
        elif kind == "error":
            failed = True
            add(Output.error(content.get("ename", "Error"), content.get("evalue", ""),
                             [_ANSI.sub("", line) for line in content.get("traceback", [])]))
    cell.status = CellStatus.ERROR if failed else CellStatus.OK
    cell.outputs, cell.seconds = merged(outputs), time.monotonic() - started
    return True


def _kill(manager: Any) -> None:
    """The kernel and everything it started: its process group (POSIX), or its tree (Windows)."""
    provisioner = getattr(manager, "provisioner", None)
    process = getattr(provisioner, "process", None)
    pgid = getattr(provisioner, "pgid", None)
    if pgid and hasattr(os, "killpg"):
        with contextlib.suppress(OSError):
            os.killpg(pgid, signal.SIGKILL)
    elif process is not None and os.name != "posix":
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True,  # noqa: S603, S607
                           timeout=10, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    with contextlib.suppress(Exception):
        manager.shutdown_kernel(now=True)
    with contextlib.suppress(Exception):
        manager.cleanup_resources()
