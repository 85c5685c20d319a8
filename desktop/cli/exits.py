"""One exit-status policy for `dashchat ask`, `history`, `key` and the window with `--quit`.

    0    done
    1    the service or the network failed (one line on stderr says why)
    2    a usage or configuration problem (bad option, no key, unusable profile)
    3    the reply was shown (and exported if asked) but could not be saved to the history
    128+N  stopped by signal N: 130 SIGINT (Ctrl+C), 143 SIGTERM, 129 SIGHUP; what arrived is kept
    141    standard output was closed by its reader (`dashchat ask … | head -2`), as POSIX tools
           end on SIGPIPE; nothing is printed
"""

from __future__ import annotations

import argparse
import signal
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from ..protocol import ServiceError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_SAVED = 3
EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE (13) on every POSIX system; Windows has no SIGPIPE


class Parser(argparse.ArgumentParser):
    """A usage error is one line on stderr (and exit 2), as scripts expect of every failure;
    the full usage is one `--help` away. (Here, not in main.py, so that the subcommands' modules,
    which main imports, need not import main.)"""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


def for_signal(signum: int) -> int:
    """The status a shell reports for a process ended by signal `signum` (130, 143, 129…)."""
    return 128 + int(signum)


def stop_signals() -> list[signal.Signals]:
    """The signals that stop dashchat cleanly on this platform: the stream ends, the partial turn
    is saved as interrupted, a requested export is written. SIGBREAK is what Windows sends for
    Ctrl+Break and, through the C runtime, for closing the console window."""
    names = ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")
    return [getattr(signal, name) for name in names if hasattr(signal, name)]


def error_line(error: ServiceError, base_url: str, protocol: str) -> str:
    """The one stderr line a failed reply ends with, from `ask` and the window with --quit alike:
    the cause, then what to do about it."""
    from ..protocol import hint_for

    hint = hint_for(error, base_url, protocol)
    return f"dashchat: error: {error}" + (f" Hint: {hint}" if hint else "")
