"""What the test server answers: one function per scenario, selected by the URL prefix.

A scenario gets the request's `Options` (the `k=v` pairs after its name in the URL) and returns
either a `Plain` response or a `Stream` of parts. It only describes the bytes; the server owns
the socket and applies the pacing options every stream understands (`delay`, `split`, `hold`).
Scenarios read their options eagerly, before building any generator, so that the server can
reject a misspelt option before sending a status line.

To add one: write `def my_case(opts: Options) -> Reply` and decorate it with `@scenario`.
Every `desktop/recordings/<name>.sse` is also served as a replay scenario `<name>`.
"""

from __future__ import annotations

import functools
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tests.support import bigstream

RECORDINGS = Path(__file__).resolve().parents[2] / "desktop" / "recordings"
SSE_TYPE = "text/event-stream;charset=UTF-8"
JSON_TYPE = "application/json"

# DashScope's error codes with the status and message the service pairs them with.
ERRORS: dict[str, tuple[int, str]] = {
    "InvalidApiKey": (401, "Invalid API-key provided."),
    "InvalidParameter": (400, "The request parameters are invalid."),
    "DataInspectionFailed": (400, "Input data may contain inappropriate content."),
    "Arrearage": (400, "Access denied, please make sure your account is in good standing."),
    "AccessDenied": (403, "Access denied."),
    "ModelNotFound": (404, "Model not found (qwen3-max-preview)!"),
    "Throttling": (429, "Requests throttling triggered."),
    "Throttling.RateQuota": (429, "Requests rate limit exceeded, please try again later."),
    "Throttling.BurstRate": (429, "Request rate increased too quickly, please try again later."),
    "Throttling.AllocationQuota": (
        429, "Allocated quota exceeded, please increase your quota limit."),
    "InternalError": (500, "An internal error has occured, please try again later or contact "
                           "service support."),
    "ModelUnavailable": (503, "Model is unavailable, please try again later."),
}
_CODE_FOR_STATUS = {400: "InvalidParameter", 401: "InvalidApiKey", 403: "AccessDenied",
                    404: "ModelNotFound", 429: "Throttling.RateQuota", 500: "InternalError",
                    503: "ModelUnavailable"}


class OptionError(ValueError):
    """A scenario option is missing its value, has the wrong type or is unknown."""


class Options:
    """The `k=v` options of one request; remembers which were read so typos are reported.
    `headers` are the request's headers (lower-case names), for scenarios that echo them."""

    def __init__(self, raw: dict[str, str], headers: dict[str, str] | None = None) -> None:
        self._raw = raw
        self._read: set[str] = set()
        self.headers = headers or {}

    def _get(self, key: str) -> str | None:
        self._read.add(key)
        return self._raw.get(key)

    def text(self, key: str, default: str) -> str:
        value = self._get(key)
        return default if value is None else value

    def optional_text(self, key: str) -> str | None:
        return self._get(key)

    def integer(self, key: str, default: int) -> int:
        value = self._get(key)
        try:
            return default if value is None else int(value)
        except ValueError:
            raise OptionError(f"option {key}={value!r} is not an integer") from None

    def number(self, key: str, default: float) -> float:
        value = self._get(key)
        try:
            return default if value is None else float(value)
        except ValueError:
            raise OptionError(f"option {key}={value!r} is not a number") from None

    def unread(self) -> list[str]:
        return sorted(set(self._raw) - self._read)


@dataclass(frozen=True)
class Plain:
    status: int
    body: bytes
    content_type: str = JSON_TYPE


@dataclass(frozen=True)
class Stream:
    """A chunked response; each part is flushed as its own chunk (or `split` pieces)."""

    parts: Iterable[bytes]
    status: int = 200
    content_type: str = SSE_TYPE
    # "drop": close the socket without the terminating zero-length chunk.
    ending: Literal["end", "drop"] = "end"
    # True: each part already carries HTTP's chunked framing (size line, data, CRLF) and is
    # written as it is (`split` then cuts the framed bytes), so that serving costs one write.
    chunked: bool = False


Reply = Plain | Stream
Scenario = Callable[[Options], Reply]
SCENARIOS: dict[str, Scenario] = {}


def scenario(fn: Scenario) -> Scenario:
    SCENARIOS[fn.__name__] = fn
    return fn


def find(name: str) -> Scenario | None:
    if name in SCENARIOS:
        return SCENARIOS[name]
    if name.isidentifier() and (RECORDINGS / f"{name}.sse").is_file():
        return functools.partial(_replay, name)
    return None


def names() -> list[str]:
    return sorted(set(SCENARIOS) | {p.stem for p in RECORDINGS.glob("*.sse")})


# ---------------------------------------------------------------- building blocks

def new_request_id() -> str:
    return str(uuid.uuid4())


def error_body(code: str, message: str | None = None, request_id: str | None = None) -> dict:
    if message is None:
        known = _lookup(code)
        message = known[1] if known else "An error occurred."
    return {"code": code, "message": message, "request_id": request_id or new_request_id()}


def json_bytes(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error_frame(frame_id: int, status: int, body: dict) -> bytes:
    return (f"id:{frame_id}\nevent:error\n:HTTP_STATUS/{status}\ndata:".encode()
            + json_bytes(body) + b"\n\n")


def _lookup(code: str) -> tuple[int, str] | None:
    return ERRORS.get(code) or ERRORS.get(code.split(".")[0])


def _error_from_opts(opts: Options, status: int, code: str,
                     request_id: str | None = None) -> tuple[int, dict]:
    """`status` and `code` options override the defaults; given one, the other follows from it.
    `message` and `request_id` options replace the body's message and request id."""
    request_id = opts.optional_text("request_id") or request_id
    code_opt = opts.optional_text("code")
    status_opt = opts.integer("status", 0)
    if code_opt:
        code = code_opt
        known = _lookup(code)
        status = status_opt or (known[0] if known else status)
    elif status_opt:
        status, code = status_opt, _CODE_FOR_STATUS.get(status_opt, "InternalError")
    return status, error_body(code, opts.optional_text("message"), request_id)


@functools.cache
def recording(name: str) -> tuple[bytes, ...]:
    """The frames of a recording, each with its blank-line terminator, as written on the wire."""
    data = (RECORDINGS / f"{name}.sse").read_bytes()
    return tuple(frame + b"\n\n" for frame in data.split(b"\n\n") if frame)


def recording_request_id(name: str) -> str:
    first = recording(name)[0].decode("utf-8")
    data = first[first.index("\ndata:") + 6:]
    return str(json.loads(data)["request_id"])


def _source(opts: Options) -> tuple[str, tuple[bytes, ...]]:
    name = opts.text("source", "power_21")
    if not (RECORDINGS / f"{name}.sse").is_file():
        raise OptionError(f"no recording named {name!r}")
    return name, recording(name)


# ---------------------------------------------------------------- scenarios

def _replay(name: str, opts: Options) -> Reply:
    return Stream(recording(name))


@scenario
def http_error(opts: Options) -> Reply:
    """A plain HTTP error, e.g. `http_error,status=429,code=Throttling.RateQuota`."""
    status, body = _error_from_opts(opts, 500, "InternalError")
    return Plain(status, json_bytes(body))


@scenario
def error_frame_first(opts: Options) -> Reply:
    """HTTP 200 whose only frame is an error frame (the status is only in the comment)."""
    status, body = _error_from_opts(opts, 429, "Throttling.AllocationQuota")
    return Stream([error_frame(1, status, body)])


@scenario
def error_after(opts: Options) -> Reply:
    """n good frames (30: into phase-two thinking; 50: mid-answer), then an error frame."""
    name, frames = _source(opts)
    n = opts.integer("n", 30)
    status, body = _error_from_opts(opts, 429, "Throttling.AllocationQuota",
                                    recording_request_id(name))
    return Stream([*frames[:n], error_frame(n + 1, status, body)])


@scenario
def drop_after(opts: Options) -> Reply:
    """n good frames, then the socket closes mid-body (no terminating chunk)."""
    _, frames = _source(opts)
    return Stream(frames[:opts.integer("n", 46)], ending="drop")


@scenario
def sse_as_json(opts: Options) -> Reply:
    """A 4xx whose body is an SSE error frame although labelled application/json."""
    status, body = _error_from_opts(opts, 400, "InvalidParameter")
    return Plain(status, error_frame(1, status, body), JSON_TYPE)


@scenario
def html_502(opts: Options) -> Reply:
    """A reverse proxy's error page instead of anything DashScope would send."""
    status = opts.integer("status", 502)
    reason = {502: "Bad Gateway", 503: "Service Temporarily Unavailable",
              504: "Gateway Time-out"}.get(status, "Error")
    page = (f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
            f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
            "</body>\r\n</html>\r\n")
    return Plain(status, page.encode(), "text/html")


@scenario
def malformed(opts: Options) -> Reply:
    """n good frames, an extra frame whose JSON is cut in half, then ALL the remaining frames.

    The broken frame is a truncated copy of frame n+1 (same id) inserted before the real one,
    so a client that skips it still gets the complete transcript.
    """
    _, frames = _source(opts)
    n = opts.integer("n", 5)
    if not 0 <= n < len(frames):
        raise OptionError(f"n must be in [0, {len(frames) - 1}]")
    head, sep, data = frames[n].partition(b"\ndata:")
    broken = head + sep + data[: len(data) // 2].rstrip(b"\n") + b"\n\n"
    return Stream([*frames[:n], broken, *frames[n:]])


@scenario
def silent(opts: Options) -> Reply:
    """`after` frames, then no bytes for `silence` seconds with the connection open, then the rest."""
    _, frames = _source(opts)
    after = opts.integer("after", 3)
    silence = opts.number("silence", 60.0)

    def parts() -> Iterator[bytes]:
        yield from frames[:after]
        time.sleep(silence)
        yield from frames[after:]

    return Stream(parts())


@scenario
def big(opts: Options) -> Reply:
    """A long generated answer for benchmarks, in several shapes (prose, one paragraph, digits, a
    token without spaces, a table) and chunkings (~64 KiB or one frame per chunk): options in
    tests/support/bigstream.py."""
    return Stream(bigstream.parts(opts), chunked=True)


@scenario
def json_200(opts: Options) -> Reply:
    """HTTP 200 labelled application/json whose body is a DashScope error, not a stream (some
    gateways answer so)."""
    _, body = _error_from_opts(opts, 200, "InvalidParameter")
    return Plain(200, json_bytes(body), JSON_TYPE)


@scenario
def echo_key(opts: Options) -> Reply:
    """401 whose message quotes the request's Authorization header back (gateways do): the
    client must not show, store or log the key even when the server repeats it. With `tail=n`,
    only the key's last n characters are echoed, in the message, the code and the request id
    (as a gateway that "helpfully" names the key it rejected)."""
    sent = opts.headers.get("authorization", "")
    tail = opts.integer("tail", 0)
    status, body = _error_from_opts(opts, 401, "InvalidApiKey")
    if tail:
        end = sent[-tail:]
        body.update(code=f"InvalidApiKey.{end}", request_id=f"req-{end}",
                    message=f"Invalid API-key provided: the key ending in {end} is not valid here.")
    else:
        body["message"] = f"Invalid API-key provided: {sent.removeprefix('Bearer ')} (header: {sent})"
    return Plain(status, json_bytes(body))


def _odd(data: dict, index: int, last: bool) -> dict:
    """One frame with fields a newer service might add and optional fields left out."""
    data = json.loads(json.dumps(data))
    data["new_top_level"] = {"nested": [1, "two", None]}
    if index > 0:
        data.pop("request_id", None)
    output = data["output"]
    output["search_info"] = {"results": []}
    choice = output["choices"][0]
    choice["logprobs"] = None
    if not last:
        choice.pop("finish_reason", None)  # missing instead of "null"
    message = choice["message"]
    message.pop("role", None)
    message["annotations"] = []
    for key in ("content", "reasoning_content"):
        if message.get(key) == "":
            message.pop(key)
    for call in output.get("tool_info", []):
        call["id"] = f"call_{index}"
        call["code_interpreter"]["language"] = "python"
    usage = data.get("usage")
    if usage is not None:
        usage["prompt_tokens_details"] = {"cached_tokens": 0}
        if index % 2 and not last:
            del data["usage"]  # usage is cumulative: a frame without it loses nothing
    return data


@scenario
def odd_fields(opts: Options) -> Reply:
    """A recording (`source`) with unknown fields at every level, optional fields missing, and
    keep-alive comments, `retry:` lines and empty `ping` frames in between: a tolerant client
    shows exactly the recording's reply."""
    name, frames = _source(opts)
    parts: list[bytes] = [b": keep-alive\nretry:3000\n\n"]
    for index, frame in enumerate(frames):
        head, _, data = frame.partition(b"\ndata:")
        odd = _odd(json.loads(data), index, index == len(frames) - 1)
        parts.append(head + b"\nunknown-field:x\ndata:" + json_bytes(odd) + b"\n\n")
        if index % 10 == 0:
            parts.append(b"event:ping\ndata:\n\n: ping\n\n")
    return Stream(parts)


# ---------------------------------------------------------------- OpenAI-compatible mode
# Served on .../chat/completions (tests/support/server.py). Frames are `data: {...}`, errors use
# the OpenAI envelope {"error": {"message", "type", "param", "code"}, "request_id"}.

COMPATIBLE_RECORDING = "compatible_power_21"
# The compatible mode's error codes with the status, type and message it pairs them with.
COMPATIBLE_ERRORS: dict[str, tuple[int, str, str]] = {
    "invalid_parameter_error": (400, "invalid_request_error", "The request parameters are invalid."),
    "invalid_api_key": (401, "invalid_request_error", "Incorrect API key provided."),
    "model_not_found": (404, "invalid_request_error",
                        "The model `qwen3-max-preview` does not exist or you do not have access to it."),
    "limit_requests": (429, "limit_requests", "You exceeded your current requests list."),
    "insufficient_quota": (429, "insufficient_quota",
                           "You exceeded your current quota, please check your plan and billing details."),
    "internal_error": (500, "internal_error", "An internal error has occured, please try again later."),
}
_COMPATIBLE_CODE_FOR_STATUS = {known[0]: code for code, known in reversed(COMPATIBLE_ERRORS.items())}


def compatible_error_body(code: str, message: str | None = None, request_id: str | None = None,
                          error_type: str | None = None) -> dict:
    known = COMPATIBLE_ERRORS.get(code)
    return {"error": {"message": message or (known[2] if known else "An error occurred."),
                      "type": error_type or (known[1] if known else "invalid_request_error"),
                      "param": None, "code": code},
            "request_id": request_id or new_request_id()}


def _compatible_error_from_opts(opts: Options, status: int, code: str) -> tuple[int, dict]:
    """Like `_error_from_opts`, in the envelope. A numeric `code` (`code=400`) is sent as a
    number, with `type` (default BadRequestError), as vLLM does."""
    code_opt = opts.optional_text("code")
    status_opt = opts.integer("status", 0)
    if code_opt:
        code = code_opt
        known = COMPATIBLE_ERRORS.get(code)
        status = status_opt or (known[0] if known else int(code) if code.isdigit() else status)
    elif status_opt:
        status, code = status_opt, _COMPATIBLE_CODE_FOR_STATUS.get(status_opt, "internal_error")
    body = compatible_error_body(code, opts.optional_text("message"), opts.optional_text("request_id"),
                                 opts.optional_text("type"))
    if code.isdigit():
        body["error"]["code"] = int(code)
        body["error"]["type"] = opts.optional_text("type") or "BadRequestError"
    return status, body


def _compatible_frames(opts: Options) -> tuple[bytes, ...]:
    """The compatible recording; `field=reasoning` renames `reasoning_content` in every chunk's
    delta to `reasoning` (newer vLLM), keeping key order and everything else."""
    frames = recording(COMPATIBLE_RECORDING)
    field = opts.text("field", "reasoning_content")
    if field == "reasoning_content":
        return frames
    if field != "reasoning":
        raise OptionError("field must be reasoning_content or reasoning")
    renamed = []
    for frame in frames:
        data = frame[len(b"data: "):].strip()
        if data == b"[DONE]":
            renamed.append(frame)
            continue
        chunk = json.loads(data)
        for choice in chunk["choices"]:
            choice["delta"] = {("reasoning" if k == "reasoning_content" else k): v
                               for k, v in choice["delta"].items()}
        renamed.append(b"data: " + json_bytes(chunk) + b"\n\n")
    return tuple(renamed)


# The recording's first chunk after the interpreter ran: its thinking says "Let me construct this
# function call." (chunks 40-43), then, once the code has run, "The user asked ... and I used
# Python code" (44 on). The live service is silent between the two.
COMPATIBLE_CODE_RAN_BEFORE = 44


def _silent_before(frames: tuple[bytes, ...], index: int, seconds: float) -> Iterator[bytes]:
    for number, frame in enumerate(frames):
        if number == index and seconds:
            time.sleep(seconds)
        yield frame


@scenario
def compatible_power_21(opts: Options) -> Reply:
    """The compatible recording as is (`field=reasoning`: the vLLM variant); `gap=<s>`: silent
    that long where the interpreter ran, as the live service is; `usage=0`: without the final
    usage chunk."""
    gap = opts.number("gap", 0.0)
    if gap < 0:
        raise OptionError("gap must not be negative")
    frames = _compatible_frames(opts)
    if opts.integer("usage", 1) == 0:  # a server that ignores stream_options.include_usage
        frames = tuple(f for f in frames if b'"choices":[]' not in f)
    return Stream(_silent_before(frames, COMPATIBLE_CODE_RAN_BEFORE, gap))


@scenario
def compatible_error(opts: Options) -> Reply:
    """An HTTP error with the OpenAI envelope, e.g. `compatible_error,status=429,code=limit_requests`."""
    status, body = _compatible_error_from_opts(opts, 429, "limit_requests")
    return Plain(status, json_bytes(body))


@scenario
def compatible_error_frame(opts: Options) -> Reply:
    """HTTP 200, n chunks of the recording, then `data: {"error": {...}}` and `data: [DONE]`
    (what vLLM sends when generation fails mid-stream)."""
    n = opts.integer("n", 10)
    _, body = _compatible_error_from_opts(opts, 429, "limit_requests")
    frames = _compatible_frames(opts)[:n]
    return Stream([*frames, b"data: " + json_bytes(body) + b"\n\n", b"data: [DONE]\n\n"])


@scenario
def compatible_dashscope_error_frame(opts: Options) -> Reply:
    """HTTP 200, n chunks, then a native-style `event:error` frame with its `:HTTP_STATUS/429`
    comment: DashScope's own error frame leaking into the compatible mode."""
    n = opts.integer("n", 5)
    status, body = _error_from_opts(opts, 429, "Throttling.AllocationQuota")
    return Stream([*_compatible_frames(opts)[:n], error_frame(n + 1, status, body)])
