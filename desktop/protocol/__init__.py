"""Protocol layer: requests and streamed events for DashScope and OpenAI-compatible servers.
Imports neither Qt nor sqlite.

This is the layer's public surface: code outside `desktop/protocol` imports from
`desktop.protocol`, not from its modules. The names are loaded on first use (PEP 562), so that
naming a light one (`ErrorKind`, `NATIVE`, `REGIONS`) does not import httpx with `client`: the
window paints and `dashchat --help` answers before either needs httpx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .check import CheckResult, check_connection
    from .client import make_client, stream_native
    from .codes import NOTHING_STORED, Code
    from .compatible import compatible_url, stream_compatible
    from .errors import ErrorKind, ServiceError, SetupError
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
    from .hints import hint_for, retryable
    from .proxy import host_and_port, proxy_problem
    from .regions import CUSTOM, DEFAULT_BASE_URL, DEFAULT_REGION, REGION_LABELS, REGIONS, Region, region_of
    from .registry import COMPATIBLE, DEFAULT_MODEL, NATIVE, PROTOCOLS, ProtocolSpec, spec_of
    from .request import GenerationOptions, Message, Timeouts, is_dashscope
    from .secret import ApiKey, redact_userinfo, register_secret, registered_secrets
    from .transport import warm_imports

_HOMES = {
    "check": ("CheckResult", "check_connection"),
    "client": ("make_client", "stream_native"),
    "codes": ("NOTHING_STORED", "Code"),
    "compatible": ("compatible_url", "stream_compatible"),
    "errors": ("ErrorKind", "ServiceError", "SetupError"),
    "events": ("AnswerDelta", "CodeCall", "Event", "Failed", "Finished", "RequestStarted", "ThinkingDelta",
               "Usage", "UsageUpdate"),
    "hints": ("hint_for", "retryable"),
    "proxy": ("host_and_port", "proxy_problem"),
    "regions": ("CUSTOM", "DEFAULT_BASE_URL", "DEFAULT_REGION", "REGION_LABELS", "REGIONS", "Region", "region_of"),
    "registry": ("COMPATIBLE", "DEFAULT_MODEL", "NATIVE", "PROTOCOLS", "ProtocolSpec", "spec_of"),
    "request": ("GenerationOptions", "Message", "Timeouts", "is_dashscope"),
    "secret": ("ApiKey", "redact_userinfo", "register_secret", "registered_secrets"),
    "transport": ("warm_imports",),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "COMPATIBLE",
    "CUSTOM",
    "DEFAULT_BASE_URL",
    "DEFAULT_MODEL",
    "DEFAULT_REGION",
    "NATIVE",
    "NOTHING_STORED",
    "PROTOCOLS",
    "REGIONS",
    "REGION_LABELS",
    "AnswerDelta",
    "ApiKey",
    "CheckResult",
    "Code",
    "CodeCall",
    "ErrorKind",
    "Event",
    "Failed",
    "Finished",
    "GenerationOptions",
    "Message",
    "ProtocolSpec",
    "Region",
    "RequestStarted",
    "ServiceError",
    "SetupError",
    "ThinkingDelta",
    "Timeouts",
    "Usage",
    "UsageUpdate",
    "check_connection",
    "compatible_url",
    "hint_for",
    "host_and_port",
    "is_dashscope",
    "make_client",
    "proxy_problem",
    "redact_userinfo",
    "region_of",
    "register_secret",
    "registered_secrets",
    "retryable",
    "spec_of",
    "stream_compatible",
    "stream_native",
    "warm_imports",
]


def __getattr__(name: str) -> object:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
