"""The frozen bundles' entry point: `dashchat` (the window, or `ask`/`key`/`history` in a terminal)."""

import os
import sys

# A windowed Windows executable has no console: sys.stdout and sys.stderr are None there, and
# anything that writes to them (argparse, logging) must not fail. `dashchat-cli.exe` has them.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app

from desktop.cli.main import main  # noqa: E402

sys.exit(main())
