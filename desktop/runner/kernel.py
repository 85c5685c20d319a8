"""dashchat's built-in code runner: the child process (run as a script, never imported by dashchat).

Standard library only, Python 3.8 or newer: it runs in whichever Python the user chose, which
need not have dashchat installed. The parent (desktop/runner/process.py) copies this file into
a private directory and starts it in a fresh working directory.

Protocol:
- stdin (from the parent): one JSON object per line, {"cell": N, "code": "..."} for each cell in
  order; EOF ends the run. The protocol reads a private duplicate of stdin; `input()` in the
  code reads the null device.
- stdout: what the code prints, as it is (print, C extensions, subprocesses it starts all
  write to file descriptor 1), with the kernel's messages framed in between: FRAME + the run's
  token + ":" + one line of JSON. Messages: "ready" once, then for each cell "start", any
  number of "execute_result" / "display_data" / "image" / "error", and "done" with the cell's
  status ("ok" or "error"). One descriptor for both keeps them in order, and whatever was
  printed before a crash has already reached the parent.
- stderr: what the code writes there, between a framed "stderr-start" and "stderr-end" for
  each cell, so the parent knows which cell it belongs to (text outside them, such as a
  startup failure, is the kernel's own).

No threads: a kernel with threads would make the code's os.fork() (multiprocessing) unsafe.
"""

from __future__ import annotations

import ast
import asyncio
import base64
import builtins
import faulthandler
import io
import json
import linecache
import os
import sys
import time
import traceback
import types
import warnings
from typing import Any

FRAME = b"\x00\x1edashchat:"  # then the token, ":", JSON, "\n"
CAP = 1_000_000  # bytes of a value's repr kept (the parent stores at most this much per output)
KERNEL_FILE = os.path.abspath(__file__)


class Channel:
    """The kernel's messages, framed into file descriptors 1 and 2 between what the code writes."""

    def __init__(self, token: str) -> None:
        self.prefix = FRAME + token.encode("ascii") + b":"
        self.cell = -1

    def send(self, message: dict[str, Any], fd: int = 1) -> None:
        stream = sys.stdout if fd == 1 else sys.stderr
        try:
            stream.flush()  # what the code printed so far comes first
        except Exception:  # noqa: BLE001 - the code may have replaced or closed it
            pass
        data = self.prefix + json.dumps(message, ensure_ascii=True).encode("ascii") + b"\n"
        while data:
            data = data[os.write(fd, data):]


class Kernel:
    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
        self.loop: asyncio.AbstractEventLoop | None = None
        builtins.display = self.display  # type: ignore[attr-defined]  # a new builtin, as IPython provides it

    def display(self, *objects: object) -> None:
        for value in objects:
            png = _png_of(value)
            if png is not None:
                self._image(png)
            else:
                self.channel.send({"type": "display_data", "cell": self.channel.cell, "text": _repr(value)})

    def run(self, index: int, code: str) -> None:
        self.channel.cell = index
        self.channel.send({"type": "stderr-start", "cell": index}, fd=2)
        self.channel.send({"type": "start", "cell": index})
        started = time.monotonic()
        result, error = self._execute(index, code)
        if result is not None:
            self.channel.send({"type": "execute_result", "cell": index, "text": result})
        if error is not None:
            self.channel.send(dict(error, type="error", cell=index))
        self._figures()
        self.channel.send({"type": "stderr-end", "cell": index}, fd=2)
        self.channel.send({"type": "done", "cell": index, "status": "error" if error else "ok",
                           "seconds": round(time.monotonic() - started, 3)})

    def _execute(self, index: int, code: str) -> tuple[str | None, dict[str, Any] | None]:
        """The value's text (or None), the error (or None)."""
        filename = f"<cell {index + 1}>"
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        flags = getattr(ast, "PyCF_ALLOW_TOP_LEVEL_AWAIT", 0)
        try:
            tree = ast.parse(code, filename, "exec")
            last = None
            final = tree.body[-1] if tree.body else None
            if isinstance(final, ast.Expr):
                tree.body.pop()
                last = ast.Expression(final.value)
            body = compile(tree, filename, "exec", flags=flags)
            tail = compile(last, filename, "eval", flags=flags) if last is not None else None
        except (SyntaxError, ValueError, OverflowError) as exc:
            lines = traceback.format_exception_only(type(exc), exc)
            return None, {"ename": type(exc).__name__, "evalue": str(exc), "traceback": [s.rstrip("\n") for s in lines]}
        try:
            self._run_code(body)
            if tail is not None:
                value = self._run_code(tail, evaluate=True)
                if value is not None:
                    self.namespace["_"] = value
                    return _repr(value), None
        except SystemExit as exc:
            if exc.code in (None, 0):
                return None, None
            return None, _error(exc)
        except BaseException as exc:  # noqa: BLE001 - everything the code raises is its output
            return None, _error(exc)
        return None, None

    def _run_code(self, code: types.CodeType, evaluate: bool = False) -> Any:
        value = eval(code, self.namespace)  # noqa: S307 - running the code is the point
        if code.co_flags & 0x80 and asyncio.iscoroutine(value):  # CO_COROUTINE: top-level await
            if self.loop is None:
                self.loop = asyncio.new_event_loop()
            value = self.loop.run_until_complete(value)
        return value if evaluate else None

    def _figures(self) -> None:
        """Every open matplotlib figure as a PNG, then closed (as a notebook's inline backend)."""
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is None:
            return
        try:
            numbers = list(pyplot.get_fignums())
        except Exception:  # noqa: BLE001
            return
        for number in numbers:
            try:
                figure = pyplot.figure(number)
                buffer = io.BytesIO()
                figure.savefig(buffer, format="png", bbox_inches="tight")
                self._image(buffer.getvalue())
            except Exception as exc:  # noqa: BLE001 - a figure that cannot be drawn is reported, not fatal
                print(f"dashchat: figure {number} could not be saved: {exc!r}", file=sys.stderr)
        try:
            pyplot.close("all")
        except Exception:  # noqa: BLE001
            pass

    def _image(self, png: bytes) -> None:
        self.channel.send({"type": "image", "cell": self.channel.cell, "mime": "image/png",
                           "data": base64.b64encode(png).decode("ascii")})


def _repr(value: object) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # noqa: BLE001
        text = f"<repr failed: {exc!r}>"
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded[:CAP].decode("utf-8", "replace") if len(encoded) > CAP else text


def _png_of(value: object) -> bytes | None:
    figure_type = getattr(sys.modules.get("matplotlib.figure"), "Figure", None)
    if figure_type is not None and isinstance(value, figure_type):
        buffer = io.BytesIO()
        value.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    method = getattr(value, "_repr_png_", None)
    if callable(method):
        try:
            data = method()
        except Exception:  # noqa: BLE001
            return None
        return data if isinstance(data, bytes) else None
    return None


def _error(exc: BaseException) -> dict[str, Any]:
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == KERNEL_FILE:
        tb = tb.tb_next  # the kernel's own frames are not the code's
    lines = traceback.format_exception(type(exc), exc, tb)
    return {"ename": type(exc).__name__, "evalue": str(exc), "traceback": [s.rstrip("\n") for s in lines]}


def limit_memory(limit: int) -> str:
    """Cap the address space (inherited by any process the code starts). Says what happened."""
    if limit <= 0:
        return "off"
    try:
        import resource
    except ImportError:
        return "unsupported"  # Windows
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        value = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (value, value))
    except (ValueError, OSError) as exc:
        return f"failed: {exc}"
    # macOS accepts the call but does not enforce it.
    return "not enforced by macOS" if sys.platform == "darwin" else "enforced"


def main(argv: list[str]) -> int:
    memory = 0
    guard: str | None = None
    token = ""
    args = list(argv)
    while args:
        option = args.pop(0)
        if option == "--memory":
            memory = int(args.pop(0))
        elif option == "--guard":
            guard = args.pop(0)
        elif option == "--token":
            token = args.pop(0)
    # The requests' own channel, before the code can read fd 0.
    incoming = os.fdopen(os.dup(0), "rb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    faulthandler.enable()  # a crash in native code still says where (on stderr)
    sys.path[0] = ""  # the working directory, as in a notebook, not this file's directory
    memory_limit = limit_memory(memory)
    network = "on"
    if guard:
        namespace: dict[str, Any] = {"__name__": "dashchat_netguard", "__file__": guard}
        with open(guard, encoding="utf-8") as source:
            exec(compile(source.read(), guard, "exec"), namespace)  # noqa: S102 - our own file
        namespace["install"]()
        network = "off"
    warnings.filterwarnings("ignore", message=".*non-interactive.*cannot be shown")  # plt.show() under Agg
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue  # None under pythonw
        try:
            stream.reconfigure(line_buffering=True, errors="backslashreplace", newline="\n")  # no \r\n on Windows
        except ValueError:
            pass
    channel = Channel(token)
    channel.send({"type": "ready", "python": sys.version.split()[0], "executable": sys.executable,
                  "pid": os.getpid(), "memory_limit": memory_limit, "network": network})
    kernel = Kernel(channel)
    for line in incoming:
        if not line.strip():
            continue
        request = json.loads(line)
        kernel.run(int(request["cell"]), str(request["code"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
