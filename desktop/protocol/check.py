"""One cheap request that proves a key, a region and a model work together.

Not the code interpreter (that runs a sandbox and thinks at length): the same endpoint with
thinking off, no stream and `max_tokens` 1, so a test costs a handful of tokens. For an
OpenAI-compatible connection, the same on its `/chat/completions`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from .client import http_error, key_problem, proxy_for, scrub
from .codes import Code
from .errors import ErrorKind, ServiceError, SetupError
from .failures import network_error
from .registry import NATIVE, spec_of
from .secret import ApiKey


@dataclass(frozen=True, slots=True)
class CheckResult:
    error: ServiceError | None
    request_id: str | None
    seconds: float

    @property
    def ok(self) -> bool:
        return self.error is None


def check_body(model: str) -> dict[str, object]:
    return {
        "model": model,
        "input": {"messages": [{"role": "user", "content": "Reply with OK."}]},
        "parameters": {"result_format": "message", "max_tokens": 1, "enable_thinking": False},
    }


def compatible_check_body(model: str) -> dict[str, object]:
    return {"model": model, "messages": [{"role": "user", "content": "Reply with OK."}], "max_tokens": 1,
            "stream": False, "enable_thinking": False}


async def check_connection(client: httpx.AsyncClient, base_url: str, key: ApiKey | None, model: str,
                           protocol: str = NATIVE) -> CheckResult:
    """`key` None: a server that needs none (asked without an Authorization header)."""
    unsendable = key_problem(key) if key is not None else None
    if unsendable is not None:
        return CheckResult(unsendable, None, 0.0)
    spec = spec_of(protocol)
    url = spec.url(base_url)
    body = spec.check_body(model)
    headers = {"Content-Type": "application/json"}
    if key is not None:
        headers["Authorization"] = f"Bearer {key.reveal()}"
    started = time.monotonic()
    proxy = proxy_for(client, url)
    try:
        async with client.stream("POST", url, headers=headers, json=body) as response:
            if response.status_code != 200:
                error = scrub(await http_error(response, proxy), key)
                return CheckResult(error, error.request_id, time.monotonic() - started)
            await response.aread()
            try:
                data = response.json()
            except ValueError:
                data = None
    except SetupError as exc:
        return CheckResult(exc.error, None, time.monotonic() - started)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        error = network_error(exc, url, None, client.timeout, proxy=proxy)
        return CheckResult(scrub(error, key), None, time.monotonic() - started)
    seconds = time.monotonic() - started
    failure, request_id = spec.read_check_reply(data, url)
    return CheckResult(failure, request_id, seconds)


def native_reply(data: object, url: str) -> tuple[ServiceError | None, str | None]:
    """The error (None if it is one) and the request id of a 200 answer to the native check."""
    if not isinstance(data, dict) or not isinstance(data.get("output"), dict):
        return ServiceError(Code.UNEXPECTED_RESPONSE, "The server answered 200 but not with a DashScope result.",
                            200, None, ErrorKind.PROTOCOL), None
    request_id = data.get("request_id")
    return None, request_id if isinstance(request_id, str) else None


def compatible_reply(data: object, url: str) -> tuple[ServiceError | None, str | None]:
    """The same for an OpenAI-compatible chat completion."""
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        return ServiceError(Code.UNEXPECTED_RESPONSE, "The server answered 200 but not with a chat completion "
                            f"(is {url} an OpenAI-compatible endpoint?).", 200, None, ErrorKind.PROTOCOL), None
    request_id = data.get("id")
    return None, request_id if isinstance(request_id, str) else None
