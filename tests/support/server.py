"""A loopback stand-in for DashScope's native endpoint, run as its own process.

    python -m tests.support.server --port 0 [--api-key KEY] [--verbose] [--tls [--cert-dir DIR]]

Prints `PORT <n>` once listening on 127.0.0.1, serves until SIGTERM/SIGINT, exits 0.
With `--tls` it speaks HTTPS with a self-signed certificate made at start (tests/support/tls.py),
written to `--cert-dir` (default: a temporary directory removed at exit): a client that does
not trust that file must fail verification.

It is a separate process on a real socket, not an in-process mock, so that the app's HTTP
stack, its threads and its cancellation are exercised exactly as against the service.

URLs (the app appends the generation path to a base URL that may carry a prefix):
    POST /s/<scenario>[,k=v...]/api/v1/services/aigc/text-generation/generation
    POST /api/v1/services/aigc/text-generation/generation         (scenario power_21)
    POST /s/<scenario>[,k=v...]/compatible-mode/v1/chat/completions  (OpenAI-compatible; also
         .../v1/chat/completions and .../chat/completions; bare: scenario compatible_power_21)
    GET /_health, GET /_requests (JSON list), DELETE /_requests
    PUT /_next[?writes=n1,n2,...][&pause=s]   (body: raw bytes; GET /_next counts, DELETE clears)
Options every stream understands: delay=<s between frames>, split=<bytes per chunk>,
hold=<s to stall after the 3rd frame>. Scenario options are in tests/support/scenarios.py.

`PUT /_next` queues bytes that the next streaming API request (native or compatible, once it
passes the key and request checks) gets verbatim instead of its scenario: HTTP 200, the SSE
content type, one chunk per write of `n1`, `n2`, ... bytes (the rest, if any, in a last write),
`pause` seconds after each write. Queued replies are served first in, first out.
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import ssl
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.support import scenarios, tls
from tests.support.scenarios import OptionError, Options, Plain, Reply, Stream

GENERATION_PATH = "/api/v1/services/aigc/text-generation/generation"
DEFAULT_SCENARIO = "power_21"
# OpenAI-compatible endpoints, longest first: DashScope's compatible mode, a `/v1` server, bare.
COMPATIBLE_PATHS = ("/compatible-mode/v1/chat/completions", "/v1/chat/completions", "/chat/completions")
DEFAULT_COMPATIBLE_SCENARIO = "compatible_power_21"
HOLD_AFTER_FRAMES = 3


class RequestLog:
    """Every API request, for tests to inspect what the app really sent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[dict[str, Any]] = []

    def add(self, item: dict[str, Any]) -> None:
        with self._lock:
            self._items.append(item)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._items)

    def clear(self) -> int:
        with self._lock:
            count = len(self._items)
            self._items.clear()
            return count


class ReplayQueue:
    """Streams queued by `PUT /_next`, each a list of writes, for the next API requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: deque[tuple[list[bytes], float]] = deque()

    def put(self, writes: list[bytes], pause: float) -> int:
        with self._lock:
            self._items.append((writes, pause))
            return len(self._items)

    def take(self) -> tuple[list[bytes], float] | None:
        with self._lock:
            return self._items.popleft() if self._items else None

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> int:
        with self._lock:
            count = len(self._items)
            self._items.clear()
            return count


def replay_writes(data: bytes, query: str) -> tuple[list[bytes], float]:
    """`writes=3,5&pause=0.001` over `data` -> ([3 bytes, 5 bytes, the rest], 0.001)."""
    params = parse_qs(query, keep_blank_values=True)
    try:
        sizes = [int(n) for n in ",".join(params.get("writes", [])).split(",") if n]
        pause = float(params.get("pause", ["0"])[0])
    except ValueError:
        raise OptionError("writes must be integers separated by commas, pause a number") from None
    if any(n <= 0 for n in sizes) or pause < 0 or sum(sizes) > len(data):
        raise OptionError("writes must be positive and add up to at most the body's length; "
                          "pause must not be negative")
    writes, start = [], 0
    for size in sizes:
        writes.append(data[start:start + size])
        start += size
    if start < len(data):
        writes.append(data[start:])
    return writes, pause


class LoopbackServer(ThreadingHTTPServer):
    # Daemon threads: a handler stalled in `silent` or `hold` must not block shutdown.
    daemon_threads = True
    block_on_close = False

    def __init__(self, port: int, api_key: str | None, verbose: bool,
                 tls_context: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.api_key = api_key
        self.verbose = verbose
        self.log = RequestLog()
        self.replays = ReplayQueue()
        self.tls_context = tls_context

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = super().get_request()
        if self.tls_context is not None:
            # The handshake runs on the handler's thread (Handler.handle), not in accept():
            # a client that rejects the certificate must not stall the accept loop.
            sock = self.tls_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up or refuses the certificate is what TLS tests are for.
        if isinstance(sys.exc_info()[1], ssl.SSLError | ConnectionError):
            return
        super().handle_error(request, client_address)


def parse_route(path: str) -> tuple[str, dict[str, str]] | None:
    """`/s/power_21,delay=0.02/api/...` -> ("power_21", {"delay": "0.02"}); None if no match."""
    if path == GENERATION_PATH:
        return DEFAULT_SCENARIO, {}
    if path in COMPATIBLE_PATHS:
        return DEFAULT_COMPATIBLE_SCENARIO, {}
    suffix = next((s for s in (GENERATION_PATH, *COMPATIBLE_PATHS) if path.endswith(s)), None)
    if not (path.startswith("/s/") and suffix):
        return None
    segment = path[len("/s/"):-len(suffix)]
    if not segment or "/" in segment:
        return None
    # Split before unquoting so that an option value may contain an escaped comma (%2C).
    name, *pairs = segment.split(",")
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise OptionError(f"option {unquote(pair)!r} is not key=value")
        options[unquote(key)] = unquote(value)
    return unquote(name), options


def validate(headers: dict[str, str], body: Any) -> str | None:
    """What the service would reject this request for, or None (checks in the service's spirit)."""
    if headers.get("x-dashscope-sse", "").lower() != "enable":
        return ("The code interpreter only supports streaming output: "
                "header X-DashScope-SSE: enable is required.")
    if not isinstance(body, dict):
        return "Request body must be a JSON object."
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "Required parameter 'model' missing or invalid."
    payload = body.get("input")
    messages = payload.get("messages") if isinstance(payload, dict) else None
    if not isinstance(messages, list) or not messages:
        return "Required parameter 'input.messages' missing or empty."
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("content"), str):
            return f"input.messages[{index}] must be an object with a string 'content'."
        role = message.get("role")
        if role not in ("system", "user", "assistant"):
            return f"input.messages[{index}].role {role!r} is invalid."
        if role == "system" and index != 0:
            return "Only input.messages[0] may have role 'system'."
    params = body.get("parameters")
    if not isinstance(params, dict):
        return "Required parameter 'parameters' missing."
    if not isinstance(params.get("enable_code_interpreter"), bool):
        return "parameters.enable_code_interpreter must be a boolean."
    if params.get("enable_thinking") is not True:
        return "The code interpreter requires parameters.enable_thinking to be true."
    if params.get("result_format") != "message":
        return "The code interpreter requires parameters.result_format to be \"message\"."
    if params.get("incremental_output") is not True:
        return "The incremental_output parameter of this model cannot be set to False."
    if params.get("enable_code_interpreter") and params.get("tools"):
        return "The code interpreter and function calling (tools) cannot be used together."
    return None


def is_compatible_path(path: str) -> bool:
    return path.endswith(COMPATIBLE_PATHS)


def validate_compatible(body: Any) -> str | None:
    """What DashScope's compatible mode would reject a code-interpreter request for, or None."""
    if not isinstance(body, dict):
        return "Request body must be a JSON object."
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "Required parameter 'model' missing or invalid."
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "Required parameter 'messages' missing or empty."
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("content"), str):
            return f"messages[{index}] must be an object with a string 'content'."
        if message.get("role") not in ("system", "user", "assistant"):
            return f"messages[{index}].role {message.get('role')!r} is invalid."
    if body.get("stream") is not True:
        return "The code interpreter only supports streaming output: set 'stream' to true."
    if not isinstance(body.get("stream_options") or {}, dict):
        return "'stream_options' must be an object."
    if body.get("enable_code_interpreter") and body.get("enable_thinking") is not True:
        return "The code interpreter requires 'enable_thinking' to be true."
    if body.get("enable_code_interpreter") and body.get("tools"):
        return "The code interpreter and function calling (tools) cannot be used together."
    return None


def is_plain_compatible_request(body: Any) -> bool:
    """A non-streamed compatible request without the interpreter: the settings' Test."""
    return isinstance(body, dict) and body.get("stream") is not True and not body.get("enable_code_interpreter")


def plain_compatible_result(body: dict[str, Any]) -> dict[str, Any]:
    limit = body.get("max_tokens")
    return {
        "id": "chatcmpl-plain-check-0001", "object": "chat.completion", "model": body["model"],
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "OK"},
                     "finish_reason": "length" if limit == 1 else "stop"}],
        "usage": {"prompt_tokens": 12, "completion_tokens": 1, "total_tokens": 13},
    }


def is_plain_request(headers: dict[str, str], body: Any) -> bool:
    """A non-streamed generation without the interpreter: what the app sends to test a key."""
    params = body.get("parameters") if isinstance(body, dict) else None
    return ("x-dashscope-sse" not in headers and isinstance(params, dict)
            and not params.get("enable_code_interpreter"))


def validate_plain_compatible(body: Any) -> str | None:
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "Required parameter 'model' missing or invalid."
    if not isinstance(body.get("messages"), list) or not body["messages"]:
        return "Required parameter 'messages' missing or empty."
    if body.get("enable_thinking"):
        return "parameter.enable_thinking must be set to false for non-streaming calls"
    return None


def validate_plain(body: Any) -> str | None:
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "Required parameter 'model' missing or invalid."
    payload = body.get("input")
    if not isinstance(payload, dict) or not payload.get("messages"):
        return "Required parameter 'input.messages' missing or empty."
    return None


def plain_result(body: dict[str, Any]) -> dict[str, Any]:
    limit = body["parameters"].get("max_tokens")
    return {
        "output": {"choices": [{"message": {"role": "assistant", "content": "OK"},
                                "finish_reason": "length" if limit == 1 else "stop"}]},
        "usage": {"input_tokens": 12, "output_tokens": 1, "total_tokens": 13},
        "request_id": "plain-check-0001",
    }


class Pacing:
    """The stream options that are about timing and chunking, not content."""

    def __init__(self, opts: Options) -> None:
        self.delay = opts.number("delay", 0.0)
        self.split = opts.integer("split", 0)
        self.hold = opts.number("hold", 0.0)
        if self.split < 0 or self.delay < 0 or self.hold < 0:
            raise OptionError("delay, split and hold must not be negative")

    def pieces(self, part: bytes) -> Iterator[bytes]:
        if self.split <= 0:
            yield part
            return
        for start in range(0, len(part), self.split):
            yield part[start:start + self.split]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked streams and keep-alive
    server: LoopbackServer

    def setup(self) -> None:
        super().setup()
        # Without this, Nagle would merge the small chunks that `split` is meant to exercise.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self) -> None:
        if isinstance(self.connection, ssl.SSLSocket):
            try:
                self.connection.do_handshake()
            except (ssl.SSLError, OSError):
                self.close_connection = True  # e.g. the client did not trust the certificate
                return
        super().handle()

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    # ------------------------------------------------------------ routing

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path
        raw = self._read_body()
        if path == "/_health":
            self._plain(Plain(200, b"ok", "text/plain; charset=utf-8"))
            return
        if path == "/_requests":
            self._control_requests()
            return
        if path == "/_next":
            self._control_next(raw)
            return

        text = raw.decode("utf-8", errors="replace")
        try:
            body: Any = json.loads(text)
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.log.add({"method": self.command, "path": self.path, "headers": headers,
                             "body": body if body is not None else text, "raw": text,
                             "time": time.time()})
        self._api(path, headers, body)

    def _control_requests(self) -> None:
        if self.command == "GET":
            self._plain(Plain(200, scenarios.json_bytes(self.server.log.snapshot())))
        elif self.command == "DELETE":
            cleared = self.server.log.clear()
            self._plain(Plain(200, scenarios.json_bytes({"cleared": cleared})))
        else:
            self._error(405, "MethodNotAllowed", f"{self.command} /_requests is not supported.")

    def _control_next(self, raw: bytes) -> None:
        replays = self.server.replays
        if self.command == "PUT":
            try:
                writes, pause = replay_writes(raw, urlsplit(self.path).query)
            except OptionError as exc:
                self._error(400, "TestServer.BadOption", str(exc))
                return
            self._plain(Plain(200, scenarios.json_bytes({"queued": replays.put(writes, pause)})))
        elif self.command == "GET":
            self._plain(Plain(200, scenarios.json_bytes({"queued": len(replays)})))
        elif self.command == "DELETE":
            self._plain(Plain(200, scenarios.json_bytes({"cleared": replays.clear()})))
        else:
            self._error(405, "MethodNotAllowed", f"{self.command} /_next is not supported.")

    def _api(self, path: str, headers: dict[str, str], body: Any) -> None:
        compatible = is_compatible_path(path)
        key = self.server.api_key
        if key is not None and headers.get("authorization") != f"Bearer {key}":
            if compatible:
                self._compatible_error(401, "invalid_api_key")
            else:
                self._error(401, "InvalidApiKey")
            return
        try:
            route = parse_route(path)
        except OptionError as exc:
            self._error(400, "TestServer.BadOption", str(exc))
            return
        if route is None:
            self._error(404, "InvalidURL", f"No such endpoint: {path}")
            return
        name, raw_options = route
        if self.command != "POST":
            self._error(405, "MethodNotAllowed", "Only POST is supported here.")
            return
        scenario = scenarios.find(name)
        if scenario is None:
            self._error(404, "TestServer.UnknownScenario",
                        f"Unknown scenario {name!r}; known: {', '.join(scenarios.names())}")
            return
        if compatible:
            plain = is_plain_compatible_request(body)
        else:
            plain = is_plain_request(headers, body)
        if compatible and plain:
            problem = validate_plain_compatible(body)
        elif compatible:
            problem = validate_compatible(body)
        else:
            problem = validate_plain(body) if plain else validate(headers, body)
        if problem is not None:
            if compatible:
                self._compatible_error(400, "invalid_parameter_error", problem)
            else:
                self._error(400, "InvalidParameter", problem)
            return
        queued = None if plain else self.server.replays.take()
        if queued is not None:
            self._replay(*queued)
            return
        opts = Options(raw_options, headers)
        try:
            pacing = Pacing(opts)
            reply: Reply = scenario(opts)
            if opts.unread():
                raise OptionError(f"unknown option(s) for {name}: {', '.join(opts.unread())}")
        except OptionError as exc:
            self._error(400, "TestServer.BadOption", str(exc))
            return
        if isinstance(reply, Plain):
            self._plain(reply)
        elif plain:  # a non-streamed request (the settings' key test) to a streaming scenario
            result = plain_compatible_result(body) if compatible else plain_result(body)
            self._plain(Plain(200, scenarios.json_bytes(result)))
        else:
            self._stream(reply, pacing)

    # ------------------------------------------------------------ I/O

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = bytearray()
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                data += self.rfile.read(size)
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailers
                pass
            return bytes(data)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _error(self, status: int, code: str, message: str | None = None) -> None:
        self._plain(Plain(status, scenarios.json_bytes(scenarios.error_body(code, message))))

    def _compatible_error(self, status: int, code: str, message: str | None = None) -> None:
        body = scenarios.compatible_error_body(code, message)
        self._plain(Plain(status, scenarios.json_bytes(body)))

    def _plain(self, reply: Plain) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def _replay(self, writes: list[bytes], pause: float) -> None:
        """A stream queued by `PUT /_next`: each write its own chunk, flushed, then `pause`."""
        self.send_response(200)
        self.send_header("Content-Type", scenarios.SSE_TYPE)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        try:
            for piece in writes:
                self.wfile.write(b"%x\r\n%b\r\n" % (len(piece), piece))
                if pause:
                    time.sleep(pause)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _stream(self, reply: Stream, pacing: Pacing) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        try:
            if reply.chunked and reply.ending == "end" and not (pacing.delay or pacing.split or pacing.hold):
                # Benchmarks (the `big` scenario): bytes framed beforehand, one sendall each.
                send = self.connection.sendall
                for part in reply.parts:
                    send(part)
                self.wfile.write(b"0\r\n\r\n")
                return
            for index, part in enumerate(reply.parts, start=1):
                if index > 1 and pacing.delay:
                    time.sleep(pacing.delay)
                for piece in pacing.pieces(part):
                    # One write per chunk: the socket writer is unbuffered, so this is the flush.
                    self.wfile.write(piece if reply.chunked else b"%x\r\n%b\r\n" % (len(piece), piece))
                if index == HOLD_AFTER_FRAMES and pacing.hold:
                    time.sleep(pacing.hold)
            if reply.ending == "drop":
                # Returning with close_connection set closes the socket with no final chunk.
                self.close_connection = True
                return
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away (Stop, timeout): not an error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--api-key", default=None,
                        help="require 'Authorization: Bearer KEY', else 401 InvalidApiKey")
    parser.add_argument("--verbose", action="store_true", help="log requests to stderr")
    parser.add_argument("--tls", action="store_true", help="HTTPS with a self-signed certificate")
    parser.add_argument("--cert-dir", default=None, help="with --tls: where to write cert.pem and key.pem")
    args = parser.parse_args(argv)

    context: ssl.SSLContext | None = None
    scratch: tempfile.TemporaryDirectory[str] | None = None
    if args.tls:
        if args.cert_dir is None:
            scratch = tempfile.TemporaryDirectory(prefix="dashchat-tls-")
        cert, key = tls.make_certificate(Path(args.cert_dir or scratch.name))  # type: ignore[union-attr]
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
    httpd = LoopbackServer(args.port, args.api_key, args.verbose, context)

    def stop(signum: int, frame: object) -> None:
        # shutdown() waits for serve_forever() to return, so it must run on another thread.
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"PORT {httpd.server_address[1]}", flush=True)
    try:
        httpd.serve_forever(poll_interval=0.1)
    finally:
        httpd.server_close()
        if scratch is not None:
            scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
