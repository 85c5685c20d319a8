"""`dashchat`: the window by default, `dashchat ask TEXT` in a terminal."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

from .. import __version__
from ..protocol import DEFAULT_BASE_URL, DEFAULT_MODEL, PROTOCOLS, spec_of
from .exits import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Parser  # noqa: F401 - the policy, re-exported

# What only some commands need (the settings, httpx, Qt) is imported where it is used. Opening
# the window with its own options spelled in full builds no parser at all (window_args).
if TYPE_CHECKING:
    from ..config import Config

COMMANDS = ("ask", "key", "history")


class UsageErrors(Protocol):
    """What reports a usage error: the parser, or for the window's fast path, the parser built
    only then."""

    def error(self, message: str) -> NoReturn: ...


def _add_common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    # Options are accepted before and after the subcommand; in the subcommand they default
    # to SUPPRESS so that a value given before it is not overwritten by the default.
    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument("--profile", type=Path, default=default(None), metavar="DIR",
                        help="where settings and history live (default: the per-user data dir)")
    parser.add_argument("--base-url", type=_base_url, default=default(None), metavar="URL",
                        help=f"service base URL, may carry a path prefix (default: {DEFAULT_BASE_URL})")
    parser.add_argument("--model", default=default(None), metavar="NAME", help=f"model (default: {DEFAULT_MODEL})")
    parser.add_argument("--connection", default=default(None), metavar="NAME",
                        help="use this connection profile (by name, as in Settings) instead of the active one")
    parser.add_argument("--protocol", choices=PROTOCOLS, default=default(None),
                        help="; ".join(f"{p}: {spec_of(p).summary}" for p in PROTOCOLS)
                        + ", for the base URL given or the connection's")
    parser.add_argument("--demo", action="store_true", default=default(False),
                        help="replay a recorded conversation: no key, no network")
    parser.add_argument("--export", type=_export_path, default=default(None), metavar="PATH",
                        help="write the conversation after the reply ends (.json, .md, .html or .ipynb)")
    parser.add_argument("--idle-timeout", type=_positive, default=default(None), metavar="SECONDS",
                        help="give up when the stream sends nothing for this long (default: 300; the "
                        "interpreter can run silently for a while)")


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {text!r}")
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a base URL (None if it can): http(s), a host, a port in range."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
        port = parts.port  # ValueError when out of range or not a number
    except ValueError as exc:
        return f"{url!r} is not a usable URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"{url!r} must start with https:// (or http:// for a local server)"
    if not parts.hostname:
        return f"{url!r} names no host"
    if port == 0:
        return f"{url!r} has port 0"
    return None


def _base_url(text: str) -> str:
    problem = url_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


def _export_path(text: str) -> Path:
    from ..export import ExportError, check_target

    path = Path(text)
    try:
        check_target(path)
    except ExportError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return path


class _NotForTheWindow(Exception):
    """The window's parser met what only the full parser can judge (or word an error for)."""


class _WindowParser(Parser):
    parsed = False

    def error(self, message: str) -> NoReturn:
        if not self.parsed:
            raise _NotForTheWindow(message)
        build_parser().error(message)  # after parsing (main()'s own checks): the full usage, exit 2


class _ParserOnError:
    """The window read without a parser (window_args): a usage error found afterwards (by
    main()'s own checks) builds the full parser to report it, with the usual line and exit 2."""

    def error(self, message: str) -> NoReturn:
        build_parser().error(message)


def _protocol(text: str) -> str:
    if text not in PROTOCOLS:
        raise ValueError(text)
    return text


# The window's options, as window_args reads them: those taking a value, with its conversion
# (the same as build_parser's), and the switches.
_WINDOW_VALUES: dict[str, Callable[[str], object]] = {
    "--profile": Path, "--base-url": _base_url, "--model": str, "--connection": str, "--protocol": _protocol,
    "--export": _export_path, "--idle-timeout": _positive, "--ask": str,
}
_WINDOW_SWITCHES = ("--demo", "--quit")


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options read without building a parser (its help texts, translation look-ups
    and formatter: ~6.5 M instructions, 1.5-2 ms, before Qt even loads), when every argument is
    one of them spelled in full (`--profile DIR` or `--profile=DIR`) with a value the parser would
    take; the same Namespace the window's parser gives. None for anything else (an abbreviation,
    help, a command, a value that starts with "-" or that the parser would refuse), which the
    parsers then read, or word the error for."""
    values: dict[str, object] = {"profile": None, "base_url": None, "model": None, "connection": None,
                                 "protocol": None, "demo": False, "export": None, "idle_timeout": None,
                                 "ask": None, "quit": False, "command": None}
    rest = list(argv)
    while rest:
        option, given, text = rest.pop(0).partition("=")
        if option in _WINDOW_SWITCHES and not given:
            values[option[2:]] = True
            continue
        convert = _WINDOW_VALUES.get(option)
        if convert is None:
            return None
        if not given:
            if not rest or rest[0].startswith("-"):
                return None
            text = rest.pop(0)
        try:
            values[option[2:].replace("-", "_")] = convert(text)
        except (argparse.ArgumentTypeError, TypeError, ValueError):
            return None
    return argparse.Namespace(**values)


def build_parser(window_only: bool = False) -> argparse.ArgumentParser:
    """The command line. `window_only`: without the subcommands, whose parsers take a few ms to
    build on every start; main() falls back to the full parser for anything it cannot parse."""
    parser = (_WindowParser if window_only else Parser)(
        prog="dashchat",
        description="Chat with Qwen's code interpreter on Alibaba Cloud Model Studio (DashScope). "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"dashchat {__version__}")
    _add_common(parser, suppress=False)
    parser.add_argument("--ask", metavar="TEXT", help="window: send TEXT at start")
    parser.add_argument("--quit", action="store_true",
                        help="window: close when that reply ends (exit status as for 'ask')")
    if window_only:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = commands.add_parser("ask", help="ask in the terminal: thinking, executed code, answer, usage")
    _add_common(ask, suppress=True)
    ask.add_argument("text", nargs="*", metavar="TEXT", help="the question (read from stdin when absent)")
    ask.add_argument("--continue", dest="continue_", action="store_true",
                     help="continue the latest conversation")
    ask.add_argument("--answer-only", action="store_true", help="print only the answer (for scripts)")
    ask.add_argument("--system", metavar="TEXT", help="the conversation's system prompt, kept with it (--continue "
                     "keeps it; \"\" removes it)")

    key = commands.add_parser("key", help="the API key in the OS keyring: set, status, clear")
    key_commands = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    for name, text in (
        ("set", "store a key (read from stdin when it is not a terminal; prompted without echo when it is)"),
        ("status", "say where the key comes from (shows at most its last 4 characters)"),
        ("clear", "remove the stored key"),
    ):
        action = key_commands.add_parser(name, help=text, description=text)
        action.add_argument("--profile", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                            help="the profile whose key this is (default: the per-user data dir)")
        action.add_argument("--connection", default=argparse.SUPPRESS, metavar="NAME",
                            help="the connection profile whose key this is (default: the active one)")
    from .history import add_arguments as add_history_arguments

    add_history_arguments(commands.add_parser(
        "history", help="stored conversations: list, search, export, run, import"))
    return parser


def profile_of(args: argparse.Namespace) -> Path:
    if args.profile:
        profile: Path = args.profile
        return profile
    from ..config import default_profile

    return default_profile()


def config_from(args: argparse.Namespace, parser: UsageErrors) -> Config:
    """The stored settings of the profile, with this run's command-line options on top."""
    from ..settings import SettingsStore, UnknownConnection, with_overrides

    profile = profile_of(args)
    try:
        settings = with_overrides(SettingsStore(profile).load(), args.base_url, args.model, args.idle_timeout,
                                  getattr(args, "protocol", None), getattr(args, "connection", None))
    except UnknownConnection as exc:
        parser.error(str(exc))
    config = settings.config(profile, demo=bool(args.demo))
    problem = None if config.demo else url_problem(config.base_url)
    if problem is not None:  # a hand-edited settings.ini: refused before anything is sent
        parser.error(f"the connection's base URL {problem}; fix it in Settings or with --base-url")
    return config


def _check_text(parser: UsageErrors, args: argparse.Namespace) -> None:
    """Text that goes into a request must be real text: an argument that was not valid UTF-8
    reaches Python as lone surrogates, which no request can carry."""
    for name in ("text", "ask", "model", "base_url", "connection"):
        value = getattr(args, name, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and not _encodable(item):
                shown = item.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
                option = "the question" if name == "text" else f"--{name.replace('_', '-')}"
                parser.error(f"{option} is not valid UTF-8 text: {shown[:60]!r}")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse(argv: Sequence[str] | None = None) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """The parser and the parsed arguments. Opening the window (no command, the common case)
    needs only the top-level options: those are tried first, with the full parser (help, usage,
    errors, commands) built only when they are not enough."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # A command (or help) is for the full parser at once: `ask` should not build two parsers.
    if not any(arg in ("-h", "--help", *COMMANDS) for arg in argv):
        parser = build_parser(window_only=True)
        assert isinstance(parser, _WindowParser)
        try:
            args, rest = parser.parse_known_args(argv)
        except _NotForTheWindow:
            pass
        else:
            if not rest:
                parser.parsed = True
                return parser, args
    parser = build_parser()
    return parser, parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    window = None if any(arg in ("-h", "--help", *COMMANDS) for arg in argv) else window_args(argv)
    if window is not None:
        return _window(_ParserOnError(), window)
    parser, args = parse(argv)
    if args.command is None:
        return _window(parser, args)
    _check_text(parser, args)
    from ..logs import setup_logging

    with contextlib.suppress(OSError):  # a read-only profile must not stop the app
        setup_logging(profile_of(args))
    if args.command == "key":
        from .key import run_key

        return run_key(args.key_command, profile_of(args), getattr(args, "connection", None), parser)
    if args.command == "history":
        from .history import run_history

        return run_history(args, profile_of(args))
    if args.ask or args.quit:
        parser.error("--ask and --quit are for the window; 'ask' takes the question itself")
    from .ask import run_ask

    return run_ask(args, config_from(args, parser), parser)


def _window(parser: UsageErrors, args: argparse.Namespace) -> int:
    _check_text(parser, args)
    if args.quit and not args.ask:
        parser.error("--quit needs --ask TEXT")
    # What the window needs besides Qt comes first: the settings (read from the file without
    # Qt), the pipeline and its history. Once PySide6 is loaded, its import hook reads the
    # source of every module imported after it (shibokensupport.feature, PYSIDE-2029):
    # imported before, these start ~25 ms sooner and take ~6 MB less.
    config = config_from(args, parser)
    for module in ("..session",):
        importlib.import_module(module, __package__)
    from ..ui.app import run_window

    # The window sets up its log file itself, once it is painted (nothing logs before).
    return run_window(config, ask=args.ask, quit_after=args.quit, export=args.export)
