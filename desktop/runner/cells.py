"""What a local run is asked and what it answers, for both runners (process.py, the built-in
one, and jupyter.py): the options, the cells' results, the error for code that could not be run
at all, and the Python to run it in.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ..model.output import Output

DEFAULT_TIMEOUT = 30.0  # seconds, for the whole run
DEFAULT_MEMORY_MB = 2048


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
