"""Network off for code dashchat runs locally: a seatbelt, not a sandbox.

Standard library only (Python 3.8+), never imported by dashchat itself: the runner copies it as
`sitecustomize.py` into a private directory on the child's PYTHONPATH, so that it also applies to
Python processes the code starts (DASHCHAT_NETWORK=off), and the built-in kernel installs it
directly as well. For a Jupyter kernel, which dashchat does not start itself, it also sets the
address-space limit (DASHCHAT_MEMORY_LIMIT, bytes).

It replaces Python's own socket entry points (`socket.socket.connect`, `connect_ex`, `sendto`,
`sendmsg`, `getaddrinfo`, `gethostbyname`, ...) with versions that refuse any host that is not
loopback (127.0.0.0/8, ::1, localhost); Unix-domain sockets are left alone. Code that goes
around Python's socket module (ctypes, a C extension with its own sockets, `curl` in a
subprocess, a Python started with -S or -I) is NOT stopped, nor is a proxy listening on
loopback. It stops accidents (`pip install`, `requests.get`, a dataset download), not an
adversary.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from typing import Any

MESSAGE = ("network access is off for code dashchat runs locally "
           "(dashchat history run --allow-network turns it on)")
_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_loopback_host(host: object) -> bool:
    if host is None:
        return True  # getaddrinfo(None, port): the local host
    if isinstance(host, (bytes, bytearray)):
        host = bytes(host).decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip().lower().rstrip(".")
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.split("%", 1)[0].strip("[]")).is_loopback
    except ValueError:
        return False


def _allowed(family: int, address: object) -> bool:
    if family not in (socket.AF_INET, getattr(socket, "AF_INET6", -1)):
        return True  # Unix-domain and other local families
    host = address[0] if isinstance(address, tuple) and address else address
    return is_loopback_host(host)


def _refuse() -> PermissionError:
    return PermissionError(errno.EACCES, MESSAGE)


def install() -> None:
    """Patch the socket module (once; later calls do nothing)."""
    if getattr(socket, "_dashchat_network_off", False):
        return
    cls = socket.socket
    connect, connect_ex, sendto = cls.connect, cls.connect_ex, cls.sendto
    sendmsg = getattr(cls, "sendmsg", None)
    getaddrinfo, gethostbyname, gethostbyname_ex = socket.getaddrinfo, socket.gethostbyname, socket.gethostbyname_ex

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if not _allowed(self.family, address):
            raise _refuse()
        return connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if not _allowed(self.family, address):
            raise _refuse()
        return connect_ex(self, address)

    def guarded_sendto(self: socket.socket, data: Any, *rest: Any) -> int:
        if rest and not _allowed(self.family, rest[-1]):
            raise _refuse()
        return sendto(self, data, *rest)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_loopback_host(host):
            raise socket.gaierror(getattr(socket, "EAI_NONAME", -2), MESSAGE)
        return getaddrinfo(host, *args, **kwargs)

    def guarded_gethostbyname(host: str) -> str:
        if not is_loopback_host(host):
            raise socket.gaierror(getattr(socket, "EAI_NONAME", -2), MESSAGE)
        return gethostbyname(host)

    def guarded_gethostbyname_ex(host: str) -> tuple[str, list[str], list[str]]:
        if not is_loopback_host(host):
            raise socket.gaierror(getattr(socket, "EAI_NONAME", -2), MESSAGE)
        return gethostbyname_ex(host)

    # Replacing the class's methods is the point (mypy's method-assign guards against it).
    methods: dict[str, Any] = {"connect": guarded_connect, "connect_ex": guarded_connect_ex, "sendto": guarded_sendto}
    if sendmsg is not None:
        original_sendmsg = sendmsg

        def guarded_sendmsg(self: socket.socket, buffers: Any, *rest: Any) -> int:
            if len(rest) >= 3 and rest[2] is not None and not _allowed(self.family, rest[2]):
                raise _refuse()
            return int(original_sendmsg(self, buffers, *rest))

        methods["sendmsg"] = guarded_sendmsg
    for name, method in methods.items():
        setattr(cls, name, method)
    socket.getaddrinfo = guarded_getaddrinfo
    socket.gethostbyname = guarded_gethostbyname
    socket.gethostbyname_ex = guarded_gethostbyname_ex
    socket._dashchat_network_off = True  # type: ignore[attr-defined]  # our marker on the stdlib module


def _chain_next_sitecustomize() -> None:
    """Run the sitecustomize this file shadows (a distribution's or a virtualenv's), if any."""
    import importlib.machinery
    import importlib.util
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    rest = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:
        return  # Windows
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        value = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (value, value))
    except (ValueError, OSError):
        pass


if __name__ == "sitecustomize":
    import os

    if os.environ.get("DASHCHAT_NETWORK") == "off":
        install()
    if os.environ.get("DASHCHAT_MEMORY_LIMIT", "").isdigit() and int(os.environ["DASHCHAT_MEMORY_LIMIT"]) > 0:
        _limit_memory(int(os.environ["DASHCHAT_MEMORY_LIMIT"]))  # for a kernel dashchat does not start itself
    try:
        _chain_next_sitecustomize()
    except Exception:  # noqa: BLE001 - theirs failing must not stop the interpreter
        pass
