"""qasync's event loop, with the async-generator hooks asyncio's own loops install.

qasync 0.28 never calls `sys.set_asyncgen_hooks`, so an async generator left early (Stop,
an error) is finalized by the garbage collector outside the loop: "async generator ignored
GeneratorExit" / "no running event loop" (LAB.md §2). Installing the loop's own hooks for the
time it runs, as `BaseEventLoop.run_forever` does, lets the loop close them properly.
"""

from __future__ import annotations

import sys
from typing import Any

import qasync


class EventLoop(qasync.QEventLoop):
    _saved_hooks: Any = None

    def _before_run_forever(self) -> None:
        super()._before_run_forever()
        self._saved_hooks = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(
            firstiter=self._asyncgen_firstiter_hook, finalizer=self._asyncgen_finalizer_hook
        )

    def _after_run_forever(self) -> None:
        if self._saved_hooks is not None:
            sys.set_asyncgen_hooks(*self._saved_hooks)
            self._saved_hooks = None
        super()._after_run_forever()
