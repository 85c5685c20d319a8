"""`dashchat ask`: the same pipeline as the window, printed in sections as the seeds' example
prints them: thinking, each executed code block, the answer, then one usage line."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import signal
import sys
import time
import types
from collections.abc import Callable
from typing import TextIO

from ..config import Config
from ..model.turn import Turn, TurnStatus
from ..protocol import AnswerDelta, CodeCall, ErrorKind, Event, ThinkingDelta
from ..session import ChatSession
from ..store.history import History, HistoryUnavailable, StorageError
from .exits import (
    EXIT_BROKEN_PIPE,
    EXIT_FAILED,
    EXIT_NOT_SAVED,
    EXIT_OK,
    EXIT_USAGE,
    error_line,
    for_signal,
    stop_signals,
)

RULE = "=" * 20
# A terminal sees text as it arrives; a pipe gets it in large writes (far fewer syscalls).
TTY_FLUSH_INTERVAL = 0.03
# A reply that could not be saved while it streamed (disk full, another program's lock) gets this
# long after its end to land in the history; stopped by a signal, only STOP_FLUSH_WAIT.
FLUSH_WAIT = 10.0
STOP_FLUSH_WAIT = 1.0


def section(title: str) -> str:
    return f"{RULE}{title}{RULE}\n"


def usage_line(turn: Turn) -> str:
    u = turn.usage
    runs = str(u.code_interpreter_calls) if turn.reports_code else "not reported by the OpenAI-compatible protocol"
    if not turn.usage_known:
        return f"Usage: tokens not reported by the server · code interpreter runs: {runs}"
    return (
        f"Usage: {u.input_tokens} input + {u.output_tokens} output tokens "
        f"({u.reasoning_tokens} reasoning) = {u.total_tokens} total · "
        f"code interpreter runs: {runs}"
    )


def silence_note(seconds: float) -> str:
    return (f"(nothing arrived for {seconds:.1f} s: the interpreter probably ran code here; the "
            "OpenAI-compatible protocol does not return it)\n")


class TerminalView:
    """Prints the turn in sections. If standard output fails (its reader went away, a full
    disk), printing stops, `output_error` keeps the cause and `on_output_error` is called once:
    `run_ask` then stops the stream as a signal would."""

    def __init__(self, out: TextIO, answer_only: bool = False) -> None:
        self._out = out
        self.output_error: OSError | None = None
        self.on_output_error: Callable[[OSError], object] | None = None  # its result is ignored
        self._answer_only = answer_only
        self._section: str | None = None
        self._pending_code: dict[int, str] = {}
        self._printed_code: set[int] = set()
        self._interactive = out.isatty()
        self._last_flush = 0.0
        self._ends_with_newline = True

    def _write(self, text: str) -> None:
        if text and self.output_error is None:
            try:
                self._out.write(text)
            except OSError as exc:
                self._failed(exc)
                return
            self._ends_with_newline = text.endswith("\n")

    def _flush(self) -> None:
        if self.output_error is None:
            try:
                self._out.flush()
            except OSError as exc:
                self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        self.output_error = exc
        if self.on_output_error is not None:
            self.on_output_error(exc)

    def _enter(self, name: str, title: str) -> None:
        if self._section != name:
            if not self._ends_with_newline:
                self._write("\n")
            if self._section is not None:
                self._write("\n")
            self._write(section(title))
            self._section = name

    def _flush_code(self) -> None:
        # A call may first appear as a "" placeholder and be filled later: print it once it
        # has settled, i.e. when the stream moves on to something else.
        for index in sorted(self._pending_code):
            code = self._pending_code.pop(index)
            if index in self._printed_code or not code:
                continue
            self._printed_code.add(index)
            if not self._answer_only:
                self._enter(f"code{index}", f"Executed code #{index + 1}")
                self._write(code if code.endswith("\n") else code + "\n")

    def turn_started(self, turn: Turn) -> None:
        pass


    def turn_event(self, turn: Turn, event: Event) -> None:
        if isinstance(event, CodeCall):
            self._pending_code[event.index] = event.code
            return
        if self._pending_code and isinstance(event, ThinkingDelta | AnswerDelta):
            self._flush_code()
        if turn.ended_silence is not None and isinstance(event, ThinkingDelta | AnswerDelta) and not self._answer_only:
            # Where the interpreter ran, which the compatible protocol does not report.
            self._enter(f"silence{len(turn.steps)}", "Interpreter (not shown by this protocol)")
            self._write(silence_note(turn.ended_silence.seconds))
        if isinstance(event, ThinkingDelta):
            if not self._answer_only:
                self._enter("thinking", "Thinking")
                self._write(event.text)
        elif isinstance(event, AnswerDelta):
            if not self._answer_only:
                self._enter("answer", "Answer")
            self._write(event.text)
        else:
            return
        if self._interactive:
            now = time.monotonic()
            if now - self._last_flush >= TTY_FLUSH_INTERVAL:
                self._flush()
                self._last_flush = now

    def turn_finished(self, turn: Turn) -> None:
        self._flush_code()
        if not self._ends_with_newline:
            self._write("\n")
        if not self._answer_only and turn.received_anything:
            self._write("\n" + section("Usage") + usage_line(turn) + "\n")
        self._flush()


def _question(args: argparse.Namespace, parser: argparse.ArgumentParser) -> str:
    text = " ".join(args.text).strip()
    if not text:
        stdin = sys.stdin
        if stdin is None or stdin.closed:  # started with stdin closed (`<&-`)
            parser.error("ask needs a question: give it as an argument (standard input is closed)")
        if not stdin.isatty():
            try:
                text = stdin.buffer.read().decode("utf-8").strip() if hasattr(stdin, "buffer") else stdin.read()
            except UnicodeDecodeError as exc:
                parser.error(f"the question on standard input is not valid UTF-8 text "
                             f"(byte {exc.object[exc.start]:#04x} at offset {exc.start})")
            except OSError as exc:
                parser.error(f"cannot read the question from standard input: {exc.strerror or exc}")
    if not text:
        parser.error("ask needs a question: dashchat ask 'What is 123 to the power of 21?'")
    return text.strip()


def import_httpx_without_its_cli() -> None:
    """Import httpx without `httpx._main`, its command-line client, which httpx imports whenever
    click and rich are installed (they are, here: other tools bring them): rich, click and pygments
    are about half of httpx's import time, paid by every `ask` before its request, for nothing.
    Only the import is skipped: `httpx.main` still runs the real client (imported on that call),
    and so does `from httpx._main import main` afterwards."""
    if "httpx" in sys.modules:
        return
    stub = types.ModuleType("httpx._main")

    def main(*args: object, **kwargs: object) -> object:
        sys.modules.pop("httpx._main", None)
        from httpx._main import main as real

        return real(*args, **kwargs)

    stub.__dict__["main"] = main
    sys.modules["httpx._main"] = stub
    try:
        import httpx  # noqa: F401 - imported here, once, without its CLI
    finally:
        if sys.modules.get("httpx._main") is stub:
            del sys.modules["httpx._main"]


def _prepare_stdout() -> None:
    # A console in a legacy code page must not crash on Japanese or Chinese output.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def run_ask(args: argparse.Namespace, config: Config, parser: argparse.ArgumentParser) -> int:
    text = _question(args, parser)
    _prepare_stdout()
    try:
        history = History(config.history_path)
    except (HistoryUnavailable, StorageError) as exc:
        _say(f"dashchat: cannot open the history: {exc}")
        return EXIT_USAGE
    import_httpx_without_its_cli()  # before the session's first request imports it
    session = ChatSession(config, history)
    if args.continue_ and not session.continue_latest():
        _say("dashchat: no earlier conversation to continue; starting a new one")
    system, model = getattr(args, "system", None), getattr(args, "model", None)
    if system is not None or model:  # an explicit --system or --model becomes the conversation's own
        own = session.conversation.options
        session.set_options(own.replaced(model=model or own.model,
                                         system_prompt=own.system_prompt if system is None else system))
    view = TerminalView(sys.stdout, answer_only=args.answer_only)
    stopped_by: list[int] = []  # the signal that stopped the stream, if one did

    async def ask() -> tuple[Turn | None, bool]:
        task = asyncio.current_task()
        assert task is not None
        remove = _on_stop_signals(asyncio.get_running_loop(), task, stopped_by)
        view.on_output_error = lambda _exc: task.cancel()  # nobody reads the reply any more
        try:
            turn: Turn | None = None
            try:
                turn = await session.send(text, view)
            except asyncio.CancelledError:
                if not stopped_by and view.output_error is None:
                    raise
                task.uncancel()  # stopped: the session saved the turn as interrupted
            if session.unsaved and not stopped_by and sys.stderr.isatty():
                _say(f"dashchat: {session.save_problem} Trying again for {FLUSH_WAIT:g} s…")
            stopped = stopped_by or view.output_error is not None
            saved = await session.flush(STOP_FLUSH_WAIT if stopped else FLUSH_WAIT)
            return turn, saved
        finally:
            remove()
            await session.aclose()

    # Everything made so far (modules, classes, the parser) lives until exit: take it out of
    # the garbage collector's sight, which then walks none of it during the stream nor at exit
    # (here ~15 ms of a short run's end).
    gc.freeze()
    try:
        turn, saved = asyncio.run(ask())
    except (KeyboardInterrupt, asyncio.CancelledError):
        # Ctrl+C before the handlers were in place, or a second signal while saving: the session
        # saved the turn as interrupted if it had begun.
        if not stopped_by:
            stopped_by.append(signal.SIGINT)
        turn, saved = None, not session.unsaved
    if view.output_error is not None and not stopped_by:
        return _output_failed(view.output_error, config, session, args, history)
    if stopped_by:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
        name = signal.Signals(stopped_by[0]).name
        _say(f"\ndashchat: stopped by {name}; what arrived is kept in the history as interrupted")
        _export(config, session, args)
        history.close()
        return for_signal(stopped_by[0])
    code = _export(config, session, args)
    history.close()
    if not saved and session.save_problem is not None:
        _say(f"dashchat: error: the reply was printed but not saved to the history: {session.save_problem.reason}. "
             "Ask again once that is fixed, or use --export to keep a copy.")
        code = EXIT_NOT_SAVED
    if turn is not None and turn.status is TurnStatus.ERROR and turn.error is not None:
        # One line, for scripts that read stderr: the cause, then what to do about it.
        _say(error_line(turn.error, session.base_url, turn.protocol))
        return EXIT_USAGE if turn.error.kind is ErrorKind.CONFIG else EXIT_FAILED
    return code


def _output_failed(error: OSError, config: Config, session: ChatSession, args: argparse.Namespace,
                   history: History) -> int:
    """Standard output failed mid-reply: the stream was stopped and the turn kept as interrupted.
    A reader that went away (`| head -2`) ends the run quietly with 141, as POSIX tools do on
    SIGPIPE; any other failure (a full disk behind `> file`) is one line and status 1."""
    import errno
    import os

    with contextlib.suppress(OSError, ValueError):
        # Nothing more can reach stdout; without this, Python's own flush at exit would print
        # "Exception ignored … BrokenPipeError".
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    _export(config, session, args)
    history.close()
    if error.errno == errno.EPIPE or isinstance(error, BrokenPipeError):
        return EXIT_BROKEN_PIPE
    _say(f"dashchat: error: cannot write the reply to standard output ({error.strerror or error}); "
         "it is kept in the history as interrupted")
    return EXIT_FAILED


def _on_stop_signals(loop: asyncio.AbstractEventLoop, task: asyncio.Task[object],
                     stopped_by: list[int]) -> Callable[[], None]:
    """SIGINT, SIGTERM, SIGHUP (SIGBREAK on Windows) cancel the stream: the session saves the
    partial turn as interrupted, and run_ask exits with 128 + the signal's number. Returns the
    function that puts the previous handlers back."""

    def stop(signum: int) -> None:
        if not stopped_by:
            stopped_by.append(signum)
        task.cancel()

    undo: list[Callable[[], object]] = []  # their results are ignored
    for sig in stop_signals():
        try:
            loop.add_signal_handler(sig, stop, sig)
            undo.append(functools.partial(loop.remove_signal_handler, sig))
        except (NotImplementedError, RuntimeError, ValueError):
            # Windows' loops have no add_signal_handler: a plain handler hands over to the loop.
            try:
                previous = signal.signal(sig, lambda signum, _frame: loop.call_soon_threadsafe(stop, signum))
            except (OSError, ValueError):
                continue
            undo.append(functools.partial(signal.signal, sig, previous))

    def remove() -> None:
        for step in undo:
            with contextlib.suppress(Exception):
                step()

    return remove


def _say(line: str) -> None:
    """One line on stderr; a closed or broken stderr (a hung-up terminal) is not a crash."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def _export(config: Config, session: ChatSession, args: argparse.Namespace) -> int:
    if args.export is None:
        return EXIT_OK
    from ..export import ExportError, export_to  # only here: not every run pays for it

    try:
        export_to(args.export, session.conversation)
    except (ExportError, OSError) as exc:
        _say(f"dashchat: export failed: {exc}")
        return EXIT_FAILED
    return EXIT_OK
