"""`dashchat history list | search TEXT | export (ID | --last) PATH`: the stored conversations,
from a terminal. The same `History` the window reads; nothing here writes to it: it works on a
read-only profile, and shows a turn whose writer is gone as interrupted (History.for_reading).
`run` and `import`, which do write, are in desktop/cli/history_run.py."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .exits import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Parser

if TYPE_CHECKING:  # the parser is built at every start, the window's too: import the rest lazily
    from ..store.history import History

SHORT_ID = 8  # shown by `list` and `search`
MIN_PREFIX = 6  # accepted by `export`


class _Failure(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


class _IntermixedParser(Parser):
    """Options may sit between the positionals (`export ID --no-thinking PATH`): plain argparse
    would take ID as PATH at the first option and then refuse the real PATH."""

    _inside = False

    # Any: argparse's own overloads type the result by `namespace`; both are passed through.
    def parse_known_args(self, args: Any = None, namespace: Any = None) -> tuple[Any, list[str]]:
        if self._inside:  # parse_known_intermixed_args calls back here
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def add_arguments(history: argparse.ArgumentParser) -> None:
    actions = history.add_subparsers(dest="history_command", metavar="ACTION", required=True,
                                     parser_class=_IntermixedParser)
    listing = actions.add_parser("list", help="conversations, newest first: id, last update, turns, title",
                                 description="Conversations, newest first: id, last update, turns, title.")
    listing.add_argument("--limit", type=_count, default=50, metavar="N", help="show at most N (default: 50)")
    search = actions.add_parser("search", help="turns whose question or answer contain TEXT",
                                description="Turns whose question or answer contain TEXT (any substring, "
                                "case folded; Chinese and Japanese too), newest first.")
    search.add_argument("text", nargs="+", metavar="TEXT", help="what to find (several words are one phrase)")
    search.add_argument("--thinking", action="store_true", help="search the thinking too")
    search.add_argument("--limit", type=_count, default=50, metavar="N", help="show at most N hits (default: 50)")
    export = actions.add_parser(
        "export", usage="%(prog)s [-h] [--no-thinking] [--profile DIR] (ID | --last) PATH",
        help="write a conversation to PATH: .md, .json (transcript), .html or .ipynb (notebook)",
        description="Write a conversation to PATH, in the format its extension names: .md (Markdown), "
        ".json (the dashchat.transcript/2 transcript), .html (self-contained, printable) or .ipynb (a "
        "Jupyter notebook: the executed code as code cells, with their outputs when run locally, and the "
        "answer's Python blocks that were run locally after the answer).")
    export.add_argument("conversation", nargs="?", metavar="ID",
                        help=f"the conversation's id, or its first {MIN_PREFIX} or more characters")
    export.add_argument("path", type=Path, metavar="PATH", help="the file to write")
    export.add_argument("--last", action="store_true", help="the conversation updated last")
    export.add_argument("--no-thinking", action="store_true",
                        help="leave the thinking out (.md, .html and .ipynb)")
    from .history_run import add_arguments as add_writing_actions

    for action in (listing, search, export, *add_writing_actions(actions)):
        action.add_argument("--profile", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                            help="the profile whose history this is (default: the per-user data dir)")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return min(value, 2**62)  # "as many as there are": SQLite's LIMIT takes a 64-bit integer


def run_history(args: argparse.Namespace, profile: Path) -> int:
    from ..config import Config

    _prepare_output()
    path = Config(profile=profile).history_path
    try:
        if args.history_command == "list":
            return _list(path, args.limit)
        if args.history_command == "search":
            return _search(path, " ".join(args.text), args.thinking, args.limit)
        if args.history_command == "export":
            return _export(path, args)
        if args.history_command in ("run", "import"):
            from .history_run import run_command

            return run_command(path, args)
    except _Failure as failure:
        print(f"dashchat: {failure}", file=sys.stderr)
        return failure.code
    raise AssertionError(args.history_command)


@contextmanager
def _opened(path: Path) -> Iterator[History | None]:
    """The history, read-only, or None when this profile has none yet (and then none is created)."""
    from ..store.history import History, HistoryUnavailable, StorageError, check_profile

    history: History | None = None
    try:
        check_profile(path.parent)
        if path.exists():
            history = History.for_reading(path)
    except (HistoryUnavailable, StorageError) as exc:
        raise _Failure(f"cannot open the history: {exc}", EXIT_USAGE) from None
    if history is None:
        yield None
        return
    with closing(history):
        yield history


def _when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def _list(path: Path, limit: int) -> int:
    with _opened(path) as history:
        summaries = history.list_conversations(limit=limit) if history else []
    if not summaries:
        print("No conversations yet.", file=sys.stderr)
        return EXIT_OK
    for s in summaries:
        turns = f"{s.turn_count} turn{'' if s.turn_count == 1 else 's'}"
        print(f"{s.id[:SHORT_ID]}  {_when(s.updated_at)}  {turns:>9}  {s.title or '(untitled)'}")
    return EXIT_OK


def _search(path: Path, text: str, thinking: bool, limit: int) -> int:
    if not text.strip():
        raise _Failure("search needs some text to find", EXIT_USAGE)
    with _opened(path) as history:
        hits = history.search(text, include_thinking=thinking, limit=limit) if history else []
    if not hits:
        print(f"No turn contains {text.strip()!r}.", file=sys.stderr)
        return EXIT_FAILED  # as grep does: scripts can test for a match
    for hit in hits:
        print(f"{hit.conversation_id[:SHORT_ID]}  turn {hit.position + 1}  {_when(hit.updated_at)}  "
              f"{hit.title or '(untitled)'}")
        print(f"    {hit.field}: {hit.snippet}")
    return EXIT_OK


def _export(path: Path, args: argparse.Namespace) -> int:
    from ..export import ExportError, export_to, format_for
    from ..store import conversation_options

    if args.last == (args.conversation is not None):
        raise _Failure("export needs either a conversation ID or --last, and then PATH "
                       "(e.g. dashchat history export --last chat.md)", EXIT_USAGE)
    try:
        fmt = format_for(args.path)
    except ExportError as exc:
        raise _Failure(str(exc), EXIT_USAGE) from None
    if args.no_thinking and fmt == "json":
        raise _Failure("--no-thinking is for .md, .html and .ipynb; a .json transcript always holds the thinking",
                       EXIT_USAGE)
    with _opened(path) as history:
        conversation_id = _resolve(history, args.conversation)
        conversation = history.load(conversation_id) if history else None
        if conversation is not None and history:
            conversation_options.attach(history, conversation)  # its model, system prompt, budget
    if conversation is None:  # deleted between the two reads
        raise _Failure(f"no conversation {conversation_id}", EXIT_FAILED)
    try:
        export_to(args.path, conversation, thinking=not args.no_thinking)
    except OSError as exc:
        raise _Failure(f"export failed: {exc}", EXIT_FAILED) from None
    turns = len(conversation.turns)
    print(f"Wrote {args.path} ({fmt}, {turns} turn{'' if turns == 1 else 's'}): "
          f"{conversation.title or '(untitled)'}")
    return EXIT_OK


def _resolve(history: History | None, given: str | None) -> str:
    """The full id of the conversation meant by `given` (None: the latest)."""
    if given is None:
        latest = history.latest_id() if history else None
        if latest is None:
            raise _Failure("no conversations yet: nothing to export", EXIT_FAILED)
        return latest
    prefix = given.strip()
    matches = history.ids_starting_with(prefix, limit=6) if history and prefix else []
    if prefix in matches:
        return prefix  # a whole id, even if it is also the start of another one
    if len(prefix) < MIN_PREFIX:
        raise _Failure(f"give at least {MIN_PREFIX} characters of the conversation id "
                       f"('dashchat history list' shows them), not {given!r}", EXIT_USAGE)
    if not matches:
        raise _Failure(f"no conversation id starts with {prefix!r} (see 'dashchat history list')", EXIT_FAILED)
    if len(matches) > 1:
        shown = ", ".join(m[: len(prefix) + 4] + "…" for m in matches[:5])
        more = " and more" if len(matches) > 5 else ""
        raise _Failure(f"{prefix!r} starts several conversation ids ({shown}{more}): give more characters",
                       EXIT_USAGE)
    return matches[0]


def _prepare_output() -> None:
    # A console in a legacy code page must not crash on Japanese or Chinese titles.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
