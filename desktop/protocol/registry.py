"""The protocols dashchat speaks, each once: its id (stored in settings.ini and with each turn),
its labels, its default model, and where its request URL, its stream, its connection check and
its hints live.

The session, `dashchat --protocol`, Settings and the connection check read this table; adding a
protocol means one entry here and the modules it names. The functions are loaded on first use
(they bring httpx), so reading the table at start-up costs nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any, cast

from ..records import Record

if TYPE_CHECKING:
    import httpx

    from .errors import ServiceError
    from .events import Event
    from .request import GenerationOptions, Message
    from .secret import ApiKey

DEFAULT_MODEL = "qwen3-max-preview"

# DashScope's own protocol (the only one that returns the executed code) and the
# OpenAI-compatible one (compatible.py).
NATIVE = "native"
COMPATIBLE = "compatible"


def _load(where: str) -> Any:
    module, _, name = where.partition(":")
    return getattr(importlib.import_module(module, __package__), name)


class ProtocolSpec(Record):
    __slots__ = ("id", "label", "summary", "default_model", "returns_code", "always_needs_key", "url_of", "streamer",
                 "check_body_of", "check_reply", "server_hints")
    __match_args__ = ("id", "label", "summary", "default_model", "returns_code", "always_needs_key", "url_of",
                      "streamer", "check_body_of", "check_reply", "server_hints")
    id: str  # stored: never renamed
    label: str  # Settings ▸ Connection (translated by the window)
    summary: str  # `dashchat --help`
    default_model: str
    returns_code: bool  # the executed code and the interpreter count
    always_needs_key: bool  # False: a local server may take requests without one
    # "module:function", relative to this package, loaded on first use:
    url_of: str  # (base_url) -> the request URL
    streamer: str  # (client, base_url, key, messages, options) -> events
    check_body_of: str  # (model) -> the body of a one-token request
    check_reply: str  # (data, url) -> (error or None, request id) of the check's 200 answer
    server_hints: str  # (error) -> a hint for a server that is not DashScope's, or None

    def __init__(self, id: str, label: str, summary: str, default_model: str, returns_code: bool,
                 always_needs_key: bool, url_of: str, streamer: str, check_body_of: str, check_reply: str,
                 server_hints: str) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "summary", summary)
        object.__setattr__(self, "default_model", default_model)
        object.__setattr__(self, "returns_code", returns_code)
        object.__setattr__(self, "always_needs_key", always_needs_key)
        object.__setattr__(self, "url_of", url_of)
        object.__setattr__(self, "streamer", streamer)
        object.__setattr__(self, "check_body_of", check_body_of)
        object.__setattr__(self, "check_reply", check_reply)
        object.__setattr__(self, "server_hints", server_hints)

    def url(self, base_url: str) -> str:
        return cast("Callable[[str], str]", _load(self.url_of))(base_url)

    def stream(self, client: httpx.AsyncClient, base_url: str, key: ApiKey | None, messages: list[Message],
               options: GenerationOptions) -> AsyncGenerator[Event, None]:
        function = cast("Callable[..., AsyncGenerator[Event, None]]", _load(self.streamer))
        return function(client, base_url, key, messages, options)

    def check_body(self, model: str) -> dict[str, object]:
        return cast("Callable[[str], dict[str, object]]", _load(self.check_body_of))(model)

    def read_check_reply(self, data: object, url: str) -> tuple[ServiceError | None, str | None]:
        reader = cast("Callable[[object, str], tuple[ServiceError | None, str | None]]", _load(self.check_reply))
        return reader(data, url)

    def hint(self, error: ServiceError) -> str | None:
        return cast("Callable[[ServiceError], str | None]", _load(self.server_hints))(error)


NATIVE_SPEC = ProtocolSpec(
    id=NATIVE,
    label="DashScope native — shows the executed code",
    summary="DashScope's own protocol, the only one that returns the executed code",
    default_model=DEFAULT_MODEL,
    returns_code=True,
    always_needs_key=True,
    url_of=".request:native_url",
    streamer=".client:stream_native",
    check_body_of=".check:check_body",
    check_reply=".check:native_reply",
    server_hints=".hints:gateway_hint",
)
COMPATIBLE_SPEC = ProtocolSpec(
    id=COMPATIBLE,
    label="OpenAI-compatible — no executed code",
    summary="the OpenAI-compatible one (DashScope's compatible mode, vLLM, Ollama, LM Studio, gateways)",
    default_model=DEFAULT_MODEL,
    returns_code=False,
    always_needs_key=False,
    url_of=".compatible:compatible_url",
    streamer=".compatible:stream_compatible",
    check_body_of=".check:compatible_check_body",
    check_reply=".check:compatible_reply",
    server_hints=".hints:openai_server_hint",
)

ALL: tuple[ProtocolSpec, ...] = (NATIVE_SPEC, COMPATIBLE_SPEC)
BY_ID: dict[str, ProtocolSpec] = {spec.id: spec for spec in ALL}
PROTOCOLS: tuple[str, ...] = tuple(BY_ID)


def spec_of(protocol: str) -> ProtocolSpec:
    """A protocol by its id; an unknown id (an old or hand-edited file) is the native one."""
    return BY_ID.get(protocol, NATIVE_SPEC)
