"""The child process of a local run, from the parent's side: the scripts it runs (kernel.py, and
netguard.py installed as its sitecustomize), its private folder, its cleaned environment
(runner/environment.py), its start in a process group of its own (POSIX: a new session;
Windows: a new process group), and its end: the whole group killed, the folder removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from .cells import RunnerError, RunOptions
from .environment import clean_environment

_HERE = Path(__file__).resolve().parent


def start_child(python: str, root: Path, token: str, options: RunOptions) -> subprocess.Popen[bytes]:
    """Start kernel.py in `python`, in `root` (a fresh folder: lib/, work/ where the code runs,
    tmp/), with stdin, stdout and stderr piped. RunnerError when it cannot be started."""
    lib, work, tmp = root / "lib", root / "work", root / "tmp"
    for folder in (lib, work, tmp):
        folder.mkdir()
    kernel = lib / "dashchat_kernel.py"
    kernel.write_bytes(_source("kernel.py"))
    command = [python, "-u", str(kernel), "--token", token,
               "--memory", str((options.memory_mb or 0) * 1024 * 1024)]
    env = clean_environment(os.environ if options.environment is None else options.environment,
                            options.allow_network)
    env.update(PYTHONIOENCODING="utf-8", PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1",
               MPLBACKEND="Agg", TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp), DASHCHAT_LOCAL_RUN="1")
    env.update(child_environment(lib, options))
    if not options.allow_network:
        command += ["--guard", str(lib / "sitecustomize.py")]
    posix = os.name == "posix"  # its own process group (POSIX) or console group: killed as one
    flags = 0 if posix else (getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
                             | getattr(subprocess, "CREATE_NO_WINDOW", 0))
    try:
        return subprocess.Popen(  # noqa: S603 - the user's chosen Python, no shell
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=work, env=env, start_new_session=posix, creationflags=flags)
    except OSError as exc:
        raise RunnerError(f"cannot start {python}: {exc.strerror or exc}") from None


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


def remove_folder(root: Path) -> None:
    for _ in range(10):  # Windows may hold a file of a just-killed process for a moment
        shutil.rmtree(root, ignore_errors=True)
        if not root.exists():
            return
        time.sleep(0.1)


def exit_reason(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"
