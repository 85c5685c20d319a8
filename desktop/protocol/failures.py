"""Transport failures as the user should read them: the host at fault, the cause in plain words.

With a proxy in the way, a refused or unresolvable connection, a 407 or a failed CONNECT is the
proxy's, and is named as the proxy's (host:port, and where that proxy was configured); the
service is named only for what really happened at the service. The library's own words (often
jargon such as "incomplete chunked read") go to the log, not to the user.
"""

from __future__ import annotations

import errno
import logging
import re
import socket
import ssl
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from .codes import Code
from .errors import ErrorKind, ServiceError
from .proxy import Proxy

log = logging.getLogger("dashchat.protocol")


def loggable_url(url: str) -> str:
    """scheme://host:port/path: no user info, query or fragment, which may hold credentials."""
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{where(parts.hostname, parts.port)}{parts.path}" if parts.scheme else "?"
    except ValueError:
        return "?"


def where(host: str | None, port: int | None) -> str:
    host = host or "?"
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def auth_required(proxy: Proxy | None, target: str, request_id: str | None = None) -> ServiceError:
    """HTTP 407: only a proxy sends it."""
    if proxy is None:
        message = f"A proxy between here and {target} asks for a user name and password (HTTP 407)."
    elif proxy.auth is None:
        message = (f"{proxy.named(True)} asks for a user name and password (HTTP 407), and none "
                   "was given.")
    else:
        message = f"{proxy.named(True)} refused the user name and password given in {proxy.source} (HTTP 407)."
    return ServiceError(Code.PROXY_AUTH_REQUIRED, message, 407, request_id, ErrorKind.NETWORK)


def network_error(
    exc: httpx.HTTPError | httpx.InvalidURL,
    url: str,
    request_id: str | None,
    timeout: httpx.Timeout | None = None,
    http_status: int | None = None,
    proxy: Proxy | None = None,
) -> ServiceError:
    """A transport failure. `http_status` is the response's status when the failure came after
    it (a stream cut or gone silent), else None: nothing came back. `proxy`: the proxy the
    request went through, if any."""
    text = (str(exc) or type(exc).__name__).rstrip(".")  # the messages end their own sentences
    log.info("transport failure (%s): %s", type(exc).__name__, text)
    try:
        parts = urlsplit(url)
        host, at = parts.hostname or url, where(parts.hostname, parts.port)
    except ValueError:
        host = at = url

    def fail(code: str, message: str, kind: ErrorKind = ErrorKind.NETWORK, status: int | None = None) -> ServiceError:
        return ServiceError(code, message, status if status is not None else http_status, request_id, kind)

    if proxy is not None and http_status is None:
        blamed = _proxy_failure(exc, text, proxy, at, timeout, fail)
        if blamed is not None:
            return blamed
    via = f" (through {proxy.named()})" if proxy is not None else ""
    # With an https:// proxy there are two handshakes, the proxy's and the server's through it,
    # and the error does not say which: both are named.
    tls_of = f"{at} or of {proxy.named()}" if proxy is not None and proxy.scheme == "https" else f"{at}{via}"

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return fail(Code.DNS_FAILURE, f"Could not resolve the host name {host} ({cause.strerror or cause}).")
        if isinstance(cause, ssl.SSLCertVerificationError):
            why = cause.verify_message or cause.reason or str(cause)
            return fail(Code.TLS_ERROR, f"The TLS certificate of {tls_of} could not be verified ({why}); "
                        "nothing was sent.")
        if isinstance(cause, ssl.SSLError):
            return fail(Code.TLS_ERROR, f"The TLS handshake with {tls_of} failed ({cause.reason or cause}); "
                        "nothing was sent.")
        if isinstance(cause, ConnectionRefusedError) and isinstance(exc, httpx.ConnectError):
            return fail(Code.CONNECTION_FAILED, f"Could not connect to {at}: the connection was refused "
                        "(nothing is listening there).")
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.ConnectTimeout):
        after = f" after {timeout.connect:g} s" if timeout is not None and timeout.connect else ""
        return fail(Code.CONNECT_TIMEOUT, f"Connecting to {at}{via} timed out{after}.")
    if isinstance(exc, httpx.ProxyError):
        if text.startswith("407"):
            return auth_required(None, at, request_id)
        return fail(Code.PROXY_ERROR, f"A proxy could not open a connection to {at} ({text}).")
    if isinstance(exc, httpx.ConnectError):
        if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return fail(Code.DNS_FAILURE, f"Could not resolve the host name {host} ({text}).")
        if "SSL" in text or "certificate" in text.lower():
            return fail(Code.TLS_ERROR, f"The secure connection to {at} failed: {text}.")
        return fail(Code.CONNECTION_FAILED, f"Could not connect to {at}: {_errno_text(exc) or text}.")
    if isinstance(exc, httpx.ReadTimeout):
        after = f"for {timeout.read:g} s" if timeout is not None and timeout.read else "for too long"
        return fail(Code.IDLE_TIMEOUT, f"{at} sent nothing {after}, longer than the idle timeout; "
                    "the stream was given up.")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        how = "was reset" if _is_reset(exc, text) else "closed"
        if http_status is None:
            return fail(Code.CONNECTION_DROPPED, f"The connection to {at}{via} {how} before any answer came: the "
                        "server, or a proxy or firewall in between, hung up.")
        return fail(Code.CONNECTION_DROPPED, f"The connection to {at}{via} {how} in the middle of the reply, "
                    "before it finished: the server, or a proxy or firewall in between, hung up.")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return fail(Code.INVALID_URL, f"The base URL is not usable: {text}.", ErrorKind.CONFIG)
    return fail(type(exc).__name__, f"{at}: {text}")


class _Fail(Protocol):
    """transport_failure's `fail`: the ServiceError for a code and a message."""

    def __call__(self, code: str, message: str, kind: ErrorKind = ..., status: int | None = ...) -> ServiceError: ...


def _proxy_failure(exc: BaseException, text: str, proxy: Proxy, target: str, timeout: httpx.Timeout | None,
                   fail: _Fail) -> ServiceError | None:
    """The failure, if it was the proxy's: before any answer, every connection goes to the
    proxy, and only the proxy says 407 or fails a CONNECT or a SOCKS request."""
    named, subject = proxy.named(), proxy.named(True)
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return fail(Code.PROXY_DNS_FAILURE, f"Could not resolve the host name of {named} "
                        f"({cause.strerror or cause}); nothing was sent to {target}.")
        if isinstance(cause, ssl.SSLError):
            return None  # the TLS of the service, through the tunnel: its certificate is the question
        if isinstance(cause, ConnectionRefusedError) and isinstance(exc, httpx.ConnectError):
            return fail(Code.PROXY_CONNECTION_FAILED, f"Could not connect to {named}: the connection was refused "
                        f"(nothing is listening there); nothing was sent to {target}.")
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.ConnectTimeout):
        after = f" after {timeout.connect:g} s" if timeout is not None and timeout.connect else ""
        return fail(Code.PROXY_TIMEOUT, f"Connecting to {target} through {named} timed out{after}.")
    if isinstance(exc, httpx.ProxyError):
        status = re.match(r"(\d{3})\b\s*(.*)", text)
        if status is not None and status.group(1) == "407":
            return auth_required(proxy, target)
        if status is not None:
            code, reason = status.group(1), status.group(2).strip()
            return fail(Code.PROXY_ERROR, f"{subject} could not open a connection to {target}: it "
                        f"answered HTTP {code}{' ' + reason if reason else ''}.", status=int(code))
        lower = text.lower()
        if "username/password" in lower:
            told = "refused the user name and password given" if proxy.auth else "asks for a user name and password"
            return fail(Code.PROXY_AUTH_REQUIRED, f"{subject} {told} (SOCKS5).")
        if "could not connect" in lower:
            why = text.rpartition(":")[2].strip().rstrip(".").lower() or "no reason given"
            return fail(Code.PROXY_ERROR, f"{subject} could not reach {target} ({why}).")
        return fail(Code.PROXY_ERROR, f"{subject} failed: {text}.")
    if isinstance(exc, httpx.ConnectError):
        return fail(Code.PROXY_CONNECTION_FAILED, f"Could not connect to {named}: {_errno_text(exc) or text}; "
                    f"nothing was sent to {target}.")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return fail(Code.PROXY_ERROR, f"{subject} closed the connection before {target} answered "
                    "(is it a proxy of that kind?).")
    return None


def _is_reset(exc: BaseException, text: str) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionResetError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "reset" in text.lower()


def _errno_text(exc: BaseException) -> str | None:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ECONNRESET):
            return cause.strerror
        cause = cause.__cause__ or cause.__context__
    return None
