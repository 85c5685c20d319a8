"""The native DashScope request for the code interpreter, exactly as PROTOCOL.md describes it."""

from __future__ import annotations

from typing import Any

from ..records import Record

# The protocols and the regions are tables of their own (registry.py, regions.py); their names
# stay importable from here for the modules that build requests.
from .regions import DEFAULT_BASE_URL as DEFAULT_BASE_URL
from .regions import REGIONS as REGIONS
from .registry import COMPATIBLE as COMPATIBLE
from .registry import DEFAULT_MODEL as DEFAULT_MODEL
from .registry import NATIVE as NATIVE
from .registry import PROTOCOLS as PROTOCOLS

NATIVE_PATH = "/api/v1/services/aigc/text-generation/generation"


def is_dashscope(base_url: str) -> bool:
    """A DashScope endpoint (any region: dashscope.aliyuncs.com, dashscope-intl..., or a name
    under them), as opposed to a gateway, a local server, or another Alibaba Cloud service's
    host: *.aliyuncs.com also names storage buckets anyone can create, which must never be
    sent the key."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(base_url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    labels = host.split(".")
    return (len(labels) >= 3 and labels[-2:] == ["aliyuncs", "com"]
            and (labels[-3] == "dashscope" or labels[-3].startswith("dashscope-")))

Message = dict[str, str]


class Timeouts(Record):
    __slots__ = ("connect", "idle")
    __match_args__ = ("connect", "idle")
    connect: float
    # The stream may go quiet while the interpreter runs; the service itself gives up at
    # about 300 s per request, so silence longer than that means the connection is dead.
    idle: float

    def __init__(self, connect: float = 15.0, idle: float = 300.0) -> None:
        object.__setattr__(self, "connect", connect)
        object.__setattr__(self, "idle", idle)


class GenerationOptions(Record):
    """What a user may tune. None leaves the service's default in place."""

    __slots__ = ("model", "thinking_budget", "temperature", "top_p", "max_tokens", "seed", "enable_search")
    __match_args__ = ("model", "thinking_budget", "temperature", "top_p", "max_tokens", "seed", "enable_search")
    model: str
    thinking_budget: int | None
    temperature: float | None
    top_p: float | None
    max_tokens: int | None
    seed: int | None
    enable_search: bool | None

    def __init__(self, model: str = DEFAULT_MODEL, thinking_budget: int | None = None, temperature: float | None = None,
                 top_p: float | None = None, max_tokens: int | None = None, seed: int | None = None,
                 enable_search: bool | None = None) -> None:
        object.__setattr__(self, "model", model)
        object.__setattr__(self, "thinking_budget", thinking_budget)
        object.__setattr__(self, "temperature", temperature)
        object.__setattr__(self, "top_p", top_p)
        object.__setattr__(self, "max_tokens", max_tokens)
        object.__setattr__(self, "seed", seed)
        object.__setattr__(self, "enable_search", enable_search)

    def chosen(self) -> dict[str, Any]:
        """The optional parameters the user set (the service's defaults stand for the rest)."""
        return _chosen(self)


def _chosen(options: GenerationOptions) -> dict[str, Any]:
    fields = ("thinking_budget", "temperature", "top_p", "max_tokens", "seed", "enable_search")
    return {name: getattr(options, name) for name in fields if getattr(options, name) is not None}


def native_url(base_url: str) -> str:
    """`https://gw.example/proxy` -> `https://gw.example/proxy/api/v1/services/...`: a gateway's
    path prefix is kept, and so is a query string (`?code=...`, which some gateways want), which
    must follow the path rather than swallow it."""
    head, sep, query = base_url.strip().partition("#")[0].partition("?")
    return head.rstrip("/") + NATIVE_PATH + sep + query


def native_headers() -> dict[str, str]:
    # Authorization is added by the client at send time, so that no structure built here
    # ever holds the key.
    return {
        "Content-Type": "application/json",
        "Accept": "text/event-stream",
        "X-DashScope-SSE": "enable",
        "Cache-Control": "no-store",
    }


def native_body(messages: list[Message], options: GenerationOptions) -> dict[str, Any]:
    # The interpreter works only in thinking mode, only streamed, only with result_format
    # "message"; thinking mode accepts only incremental_output true.
    parameters: dict[str, Any] = {
        "enable_code_interpreter": True,
        "enable_thinking": True,
        "result_format": "message",
        "incremental_output": True,
    }
    parameters.update(options.chosen())
    return {"model": options.model, "input": {"messages": messages}, "parameters": parameters}
