"""Protocol layer: requests and streamed events for DashScope. Imports neither Qt nor sqlite.

The names below are loaded on first use (PEP 562), so that importing one light module of the
layer (`request`, `events`, `errors`) does not import httpx with `client`: the window paints
before it needs httpx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .client import make_client, stream_native
    from .compatible import compatible_url, stream_compatible
    from .errors import ErrorKind, ServiceError
    from .events import (
        AnswerDelta,
        CodeCall,
        Event,
        Failed,
        Finished,
        RequestStarted,
        ThinkingDelta,
        Usage,
        UsageUpdate,
    )
    from .hints import hint_for
    from .request import (
        DEFAULT_BASE_URL,
        DEFAULT_MODEL,
        REGIONS,
        GenerationOptions,
        Message,
        Timeouts,
    )
    from .secret import ApiKey

_HOMES = {
    "client": ("make_client", "stream_native"),
    "compatible": ("compatible_url", "stream_compatible"),
    "errors": ("ErrorKind", "ServiceError"),
    "events": ("AnswerDelta", "CodeCall", "Event", "Failed", "Finished", "RequestStarted", "ThinkingDelta",
               "Usage", "UsageUpdate"),
    "hints": ("hint_for",),
    "request": ("DEFAULT_BASE_URL", "DEFAULT_MODEL", "REGIONS", "GenerationOptions", "Message", "Timeouts"),
    "secret": ("ApiKey",),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MODEL",
    "REGIONS",
    "AnswerDelta",
    "ApiKey",
    "CodeCall",
    "ErrorKind",
    "Event",
    "Failed",
    "Finished",
    "GenerationOptions",
    "Message",
    "RequestStarted",
    "ServiceError",
    "ThinkingDelta",
    "Timeouts",
    "Usage",
    "UsageUpdate",
    "compatible_url", "stream_compatible",
    "hint_for",
    "make_client",
    "stream_native",
]


def __getattr__(name: str) -> object:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
