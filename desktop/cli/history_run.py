"""`dashchat history run` and `dashchat history import`: the two `history` actions that write
to the history (desktop/cli/history.py holds the readers, and the helpers shared with them).

    dashchat history run (ID | --last) [--turn N] [--call N | --answer [--block N]] [--timeout S]
                         [--python PATH] [--allow-network] [--memory MB] [--images DIR] [--jupyter]
    dashchat history import FILE...

`run` runs a turn's executed code calls, or with --answer the Python blocks of its answer
(```python fences; their outputs are kept apart from the calls'). It exits 0 when the code ran
cleanly, 1 when it raised (or hit the time limit, or its process died), 2 for a usage error (no
such turn, a turn without code, a Python that cannot start).
`import` exits 0 when the files were read (even if they added nothing new), 1 when a file is
damaged or not an export (then nothing is added), 2 when a file does not exist.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from .exits import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from ..model.output import Output
    from ..model.turn import Turn
    from ..runner import RunResult
    from ..store.history import History
    from .history import _IntermixedParser

RULE = "=" * 20  # as `dashchat ask` sets its sections apart


def add_arguments(actions: argparse._SubParsersAction[_IntermixedParser]) -> list[argparse.ArgumentParser]:
    from .history import MIN_PREFIX, _count

    run = actions.add_parser(
        "run", usage="%(prog)s [-h] (ID | --last) [--turn N] [--call N | --answer [--block N]] [--timeout S] "
        "[--python PATH] [--allow-network] [--memory MB] [--images DIR] [--jupyter] [--profile DIR]",
        help="run a turn's executed code here, print its outputs and keep them",
        description="Run the code the service's interpreter executed for a turn, on this computer, in a "
        "separate Python process: in a fresh temporary folder (removed after), with a time limit, a memory "
        "limit (enforced on Linux), no keys, tokens or passwords in its environment, and no network unless "
        "--allow-network (refused from Python's sockets: best effort, not a sandbox; the code can still read "
        "and write your files). The calls of a turn share state, in order, as in the service. Prints what "
        "each call printed, its last expression's value, its error, its figures; keeps them in the history "
        "(shown, searched and exported with the turn). With --answer, the Python code blocks the answer itself "
        "shows (```python fences) are run instead, in order, sharing state; their outputs are kept apart from the "
        "calls' and shown under the answer. Exit status 1 if the code raised.")
    run.add_argument("conversation", nargs="?", metavar="ID",
                     help=f"the conversation's id, or its first {MIN_PREFIX} or more characters")
    run.add_argument("--last", action="store_true", help="the conversation updated last")
    run.add_argument("--turn", type=_count, metavar="N",
                     help="the turn, from 1 (default: the last turn that executed code)")
    run.add_argument("--call", type=_count, metavar="N",
                     help="run calls 1 to N only (default: all); the earlier ones run first, as the "
                     "calls share state")
    run.add_argument("--answer", action="store_true",
                     help="run the Python code blocks of the turn's answer (```python fences) instead of its "
                     "executed code (default turn: the last whose answer has one)")
    run.add_argument("--block", type=_count, metavar="N",
                     help="with --answer: run the answer's Python blocks up to its code block N (counting every "
                     "fenced block of the answer, as the window's titles do); default: all")
    run.add_argument("--timeout", type=_seconds, default=30.0, metavar="S",
                     help="stop the code after S seconds, with everything it started (default: 30)")
    run.add_argument("--python", metavar="PATH",
                     help="the Python to run it in (default: the one dashchat runs in; for a bundled "
                     "dashchat, python3 on PATH)")
    run.add_argument("--allow-network", action="store_true", help="let the code reach the network")
    run.add_argument("--memory", type=_megabytes, default=2048, metavar="MB",
                     help="address-space limit in MB, 0 for none (default: 2048; Linux enforces it, "
                     "macOS and Windows do not)")
    run.add_argument("--images", type=Path, metavar="DIR",
                     help="save figures as PNG files in DIR (default: only say their size)")
    run.add_argument("--jupyter", action="store_true",
                     help="run in an IPython kernel (needs jupyter_client here and ipykernel in the chosen "
                     "Python) instead of dashchat's own minimal runner")
    importing = actions.add_parser(
        "import", help="add conversations from a ChatGPT data export or a dashchat .json transcript",
        description="Add conversations to the history: a ChatGPT data export (the .zip, its "
        "conversations.json, its split conversations-000.json… files, or the unzipped folder), or a "
        "dashchat transcript (.json). Every branch of a ChatGPT conversation is kept: the one ChatGPT shows as "
        "the conversation's path, the others as versions of the turn where they diverge. Code "
        "ChatGPT ran is kept as executed code, with its output. Importing a file again adds only what is new; "
        "a damaged file adds nothing.")
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE", help="what to import")
    return [run, importing]


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 86400")
    return value


def _megabytes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
    return value


def run_command(path: Path, args: argparse.Namespace) -> int:
    if args.history_command == "run":
        return _run(path, args)
    return _import(path, args.files)


# -- run ------------------------------------------------------------------------------------

def _writable(path: Path) -> History:
    from ..store.history import History, HistoryUnavailable, StorageError
    from .history import _Failure

    try:
        return History(path, recover=False)
    except (HistoryUnavailable, StorageError) as exc:
        raise _Failure(f"cannot open the history: {exc}", EXIT_USAGE) from None


def _run(path: Path, args: argparse.Namespace) -> int:
    from ..runner import RunnerError, RunOptions, run_cells_sync
    from ..store.faults import StorageError
    from .history import _Failure, _opened, _resolve

    if args.last == (args.conversation is not None):
        raise _Failure("run needs either a conversation ID or --last (e.g. dashchat history run --last)", EXIT_USAGE)
    with _opened(path) as history:
        conversation_id = _resolve(history, args.conversation)
        conversation = history.load(conversation_id) if history else None
    if conversation is None:
        raise _Failure(f"no conversation {conversation_id}", EXIT_FAILED)
    if args.block is not None:
        args.answer = True  # --block N speaks of the answer's blocks
    if args.answer and args.call is not None:
        raise _Failure("--call runs the executed code, --answer the answer's code blocks: give one of them",
                       EXIT_USAGE)
    if args.answer:
        turn, number = _pick_answer_turn(conversation.turns, args.turn)
        cells = _answer_cells(turn, number, args.block)
        what = f"{len(cells)} Python block{'s' * (len(cells) != 1)} of its answer"
    else:
        turn, number = _pick_turn(conversation.turns, args.turn)
        count = len(turn.code) if args.call is None else args.call
        if count > len(turn.code):
            raise _Failure(f"turn {number} executed {len(turn.code)} code call{'s' * (len(turn.code) != 1)}, "
                           f"not {count}", EXIT_USAGE)
        cells = list(enumerate(turn.code[:count]))
        what = f"{count} code call{'s' * (count != 1)}"
    options = RunOptions(python=args.python, timeout=args.timeout, memory_mb=args.memory,
                         allow_network=args.allow_network)
    print(f"Running turn {number} of {conversation.title or '(untitled)'} ({what}, {args.timeout:g} s limit, "
          f"network {'on' if args.allow_network else 'off'})", file=sys.stderr, flush=True)
    printer = _Printer(cells, args.images, answer=args.answer)
    codes, indices = [code for _, code in cells], [index for index, _ in cells]
    if args.jupyter:
        from ..runner.jupyter import available

        if not available(args.python):
            raise _Failure("--jupyter needs jupyter_client beside dashchat and ipykernel in the Python that runs "
                           "the code (pip install jupyter_client ipykernel)", EXIT_USAGE)
    try:
        if args.jupyter:
            import asyncio

            from ..runner.jupyter import run_cells_jupyter

            result = asyncio.run(run_cells_jupyter(codes, options, on_output=printer.output, indices=indices))
        else:
            result = run_cells_sync(codes, options, on_output=printer.output, indices=indices)
    except RunnerError as exc:
        raise _Failure(str(exc), EXIT_USAGE) from None
    except KeyboardInterrupt:
        print("\ndashchat: stopped; nothing was saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    printer.finish(result)
    try:
        with closing(_writable(path)) as history:
            history.save_outputs(turn.id, result.outputs, origin="answer" if args.answer else "call")
    except StorageError as exc:
        raise _Failure(f"the outputs were printed but not saved: {exc}", EXIT_FAILED) from None
    return EXIT_FAILED if result.raised else EXIT_OK


def _pick_turn(turns: list[Turn], wanted: int | None) -> tuple[Turn, int]:
    from .history import _Failure

    if wanted is not None:
        if wanted > len(turns):
            raise _Failure(f"the conversation has {len(turns)} turn{'s' * (len(turns) != 1)}, not {wanted}",
                           EXIT_USAGE)
        turn = turns[wanted - 1]
        if not any(code.strip() for code in turn.code):
            raise _Failure(f"turn {wanted} executed no code: nothing to run", EXIT_USAGE)
        return turn, wanted
    for number in range(len(turns), 0, -1):
        if any(code.strip() for code in turns[number - 1].code):
            return turns[number - 1], number
    raise _Failure("no turn of this conversation executed code: nothing to run", EXIT_USAGE)


def _pick_answer_turn(turns: list[Turn], wanted: int | None) -> tuple[Turn, int]:
    from ..model.answer_code import python_blocks
    from .history import _Failure

    if wanted is not None:
        if wanted > len(turns):
            raise _Failure(f"the conversation has {len(turns)} turn{'s' * (len(turns) != 1)}, not {wanted}",
                           EXIT_USAGE)
        return turns[wanted - 1], wanted
    for number in range(len(turns), 0, -1):
        if python_blocks(turns[number - 1].answer):
            return turns[number - 1], number
    raise _Failure("no answer of this conversation has a Python code block: nothing to run", EXIT_USAGE)


def _answer_cells(turn: Turn, number: int, block: int | None) -> list[tuple[int, str]]:
    """(ordinal, code) of the answer's Python blocks to run: all, or up to code block `block`."""
    from ..model.answer_code import answer_blocks, python_blocks, run_through
    from .history import _Failure

    blocks = python_blocks(turn.answer)
    if not blocks:
        raise _Failure(f"the answer of turn {number} has no Python code block: nothing to run", EXIT_USAGE)
    if block is None:
        return [(b.ordinal, b.code) for b in blocks]
    chosen = run_through(turn.answer, block - 1)
    if not chosen:
        count = len(answer_blocks(turn.answer))
        python = ", ".join(str(b.number) for b in blocks)
        raise _Failure(f"code block {block} of turn {number}'s answer is not a Python block (it has {count} code "
                       f"block{'s' * (count != 1)}; Python: {python})", EXIT_USAGE)
    return [(b.ordinal, b.code) for b in chosen]


class _Printer:
    """Prints each cell's code and then its outputs as they arrive (streams as printed): the
    executed code calls, or the answer's Python blocks (`answer`)."""

    def __init__(self, cells: list[tuple[int, str]], images: Path | None, answer: bool = False) -> None:
        self.code = dict(cells)
        self.order = [index for index, _ in cells]  # the cells' indices, in the order they run
        self.images = images
        self.answer = answer
        self.current: int | None = None
        self.next = 0  # the position (in `order`) of the first cell whose code is not printed yet
        self.image_count = 0
        self.ends_with_newline = True

    def _header(self, index: int) -> None:
        self._newline()
        if self.order.index(index) > 0:
            sys.stdout.write("\n")
        code = self.code[index]
        title, output = ((f"Answer's code block #{index + 1}", f"Output of code block #{index + 1}") if self.answer
                         else (f"Executed code #{index + 1}", f"Output #{index + 1}"))
        sys.stdout.write(f"{RULE}{title}{RULE}\n{code}{'' if code.endswith(chr(10)) else chr(10)}")
        sys.stdout.write(f"{RULE}{output}{RULE}\n")

    def _enter(self, index: int) -> None:
        if self.current == index:
            return
        position = self.order.index(index)
        for earlier in self.order[self.next:position]:  # cells run in order: these printed nothing
            self._header(earlier)
            sys.stdout.write("(no output)\n")
        self._header(index)
        self.current, self.next = index, position + 1

    def _newline(self) -> None:
        if not self.ends_with_newline:
            sys.stdout.write("\n")
            self.ends_with_newline = True

    def output(self, index: int, output: Output) -> None:
        from ..model.output import OutputKind

        self._enter(index)
        if output.kind is OutputKind.STREAM:
            if output.name == "stdout":
                sys.stdout.write(output.text)
                self.ends_with_newline = output.text.endswith("\n")
            else:
                sys.stdout.flush()
                sys.stderr.write(output.text)
                sys.stderr.flush()
        elif output.kind is OutputKind.IMAGE:
            self._newline()
            sys.stdout.write(self._image(index, output) + "\n")
        elif output.kind is OutputKind.ERROR:
            self._newline()
            sys.stdout.flush()
            sys.stderr.write(output.plain() + "\n")
            sys.stderr.flush()
        else:
            self._newline()
            sys.stdout.write(output.plain() + "\n")
        sys.stdout.flush()

    def _image(self, index: int, output: Output) -> str:
        if not output.data:
            return output.text
        if self.images is None:
            return f"[{output.mime or 'image/png'}, {len(output.data)} bytes]"
        self.image_count += 1
        target = self.images / f"{'block' if self.answer else 'call'}{index + 1}-figure{self.image_count}.png"
        try:
            self.images.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.data)
        except OSError as exc:
            return f"[{output.mime or 'image/png'}, {len(output.data)} bytes: not saved: {exc.strerror or exc}]"
        return f"[{output.mime or 'image/png'}, {len(output.data)} bytes: saved to {target}]"

    def finish(self, result: RunResult) -> None:
        from ..runner import CellStatus

        ran = [cell.index for cell in result.cells if cell.status is not CellStatus.SKIPPED]
        for index in ran:
            if self.order.index(index) >= self.next:
                self._enter(index)
                sys.stdout.write("(no output)\n")
        self._newline()
        counts: dict[str, int] = {}
        for cell in result.cells:
            counts[cell.status.value] = counts.get(cell.status.value, 0) + 1
        summary = ", ".join(f"{n} {status}" for status, n in counts.items())
        print(f"\n{RULE}Ran{RULE}\n{summary} in {result.seconds:.1f} s · Python {result.python_version} · "
              f"network {result.network or 'unknown'} · memory limit {result.memory_limit or 'unknown'}", flush=True)


# -- import ---------------------------------------------------------------------------------

def _import(path: Path, files: list[Path]) -> int:
    from ..imports import ImportBatch, ImportFailure, read_path
    from ..store.faults import StorageError
    from ..store.importing import store
    from .history import _Failure

    batch = ImportBatch()
    for file in files:
        if not file.exists():
            raise _Failure(f"no such file: {file}", EXIT_USAGE)
        try:
            found = read_path(file)
        except ImportFailure as exc:
            raise _Failure(f"cannot import {file}: {exc}; nothing was imported", EXIT_FAILED) from None
        batch.conversations += found.conversations
        batch.notes += found.notes
    try:
        with closing(_writable(path)) as history:
            report = store(history, batch.conversations)
    except StorageError as exc:
        raise _Failure(f"{exc} Nothing was imported.", EXIT_FAILED) from None
    for note in batch.notes:
        print(f"note: {note}", file=sys.stderr)
    off_path = sum(len(item.conversation.every_version()) - len(item.conversation.turns)
                   for item in batch.conversations if item.conversation.id in report.added_ids)
    read = len(batch.conversations)
    print(f"Read {read} conversation{'s' * (read != 1)}: {report.conversations_added} added"
          + (f", {report.conversations_extended} with new turns" if report.conversations_extended else "")
          + f", {report.unchanged} already there; {report.turns_added} turn{'s' * (report.turns_added != 1)}"
          + (f" ({off_path} on branches not shown)" if off_path else "")
          + f" and {report.outputs_added} code output{'s' * (report.outputs_added != 1)} added.")
    return EXIT_OK
