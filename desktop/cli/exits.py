"""One exit-status policy for `dashchat ask`, `history`, `key` and the window with `--quit`.

    0    done
    1    the service or the network failed (one line on stderr says why)
    2    a usage or configuration problem (bad option, no key, unusable profile)
    3    the reply was shown (and exported if asked) but could not be saved to the history
    128+N  stopped by signal N: 130 SIGINT (Ctrl+C), 143 SIGTERM, 129 SIGHUP; what arrived is kept
"""

from __future__ import annotations

import signal

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_SAVED = 3
EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130


def for_signal(signum: int) -> int:
    """The status a shell reports for a process ended by signal `signum` (130, 143, 129…)."""
    return 128 + int(signum)


def stop_signals() -> list[signal.Signals]:
    """The signals that stop dashchat cleanly on this platform: the stream ends, the partial turn
    is saved as interrupted, a requested export is written. SIGBREAK is what Windows sends for
    Ctrl+Break and, through the C runtime, for closing the console window."""
    names = ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")
    return [getattr(signal, name) for name in names if hasattr(signal, name)]
