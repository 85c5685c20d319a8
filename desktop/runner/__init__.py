"""Running a turn's executed code locally (issue #17): the service runs the code but returns
only the code, never what it printed. No Qt: the window and `dashchat history run` both call
`run_cells` (async) or `run_cells_sync`.

Each run gets a child process in a Python the caller chooses, a fresh temporary working
directory, a time limit, an address-space limit where the OS enforces one, an environment
without credentials, and (unless allowed) Python's sockets refused for any non-loopback host.
This is isolation against accidents, not a sandbox: the code runs as the user, and can read
and write the user's files.
"""

from .process import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    CellResult,
    CellStatus,
    LocalRun,
    RunnerError,
    RunOptions,
    RunResult,
    default_python,
    run_cells,
    run_cells_sync,
)

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT", "CellResult", "CellStatus", "LocalRun", "RunOptions",
           "RunResult", "RunnerError", "default_python", "run_cells", "run_cells_sync"]
