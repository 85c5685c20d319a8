"""Which proxy a request goes through: one rule for the environment and for Settings.

The proxy named in Settings wins; otherwise HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (lower case
first, as curl and urllib read them), or on macOS and Windows the system's own proxy settings.
NO_PROXY applies to either. Every proxy URL is read the same way wherever it comes from:

- no scheme means http:// (`proxy.corp:3128`, as curl and httpx read the environment);
- socks5h:// is taken as socks5://: httpcore always lets a SOCKS5 proxy resolve host names,
  which is what socks5h asks for, and httpx before 0.28 knows no socks5h;
- SOCKS4, other schemes, a missing host or a port outside 1-65535 are refused with a message
  naming the proxy and where it came from, before anything is sent.

Pure (no httpx): the settings dialog checks a proxy with it before the window loads httpx.
"""

from __future__ import annotations

import ipaddress
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .codes import Code
from .errors import ErrorKind, ServiceError, SetupError

SETTINGS = "the settings"
_DEFAULT_PORTS = {"http": 80, "https": 443, "socks5": 1080}
_SHAPE = "the proxy must look like http://host:port (or https://, socks5://, socks5h://; no scheme means http://)"
# A host name (IDN letters allowed) or an IPv6 literal; no spaces, slashes or quotes.
_HOST = re.compile(r"[\w.-]+|\[[0-9A-Fa-f:.%\w]+\]")


class ProxyConfigError(SetupError):
    """A proxy that cannot be used."""


@dataclass(frozen=True)
class Proxy:
    scheme: str  # http, https or socks5
    host: str
    port: int
    source: str  # "HTTPS_PROXY", "the settings", ...
    username: str | None = None
    password: str | None = None

    @property
    def where(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @property
    def shown(self) -> str:
        """The proxy for messages and logs: never its user name or password."""
        return f"{self.scheme}://{self.where}"

    @property
    def url(self) -> str:
        """Without credentials; `auth` carries them, so no URL string ever holds a password."""
        return self.shown

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.username or "", self.password or "") if self.username or self.password else None

    def named(self, first: bool = False) -> str:
        """"the proxy host:port (from HTTPS_PROXY)"; `first`: capitalised, to open a sentence."""
        return f"{'The' if first else 'the'} proxy {self.where} (from {self.source})"

    def __repr__(self) -> str:
        return f"Proxy({self.shown!r}, source={self.source!r})"


def _refuse(text: str, source: str, why: str) -> ProxyConfigError:
    return ProxyConfigError(ServiceError(
        Code.INVALID_PROXY, f"The proxy in {source} ({shown_proxy(text)}) cannot be used: {why}.",
        None, None, ErrorKind.CONFIG))


def shown_proxy(text: str) -> str:
    """A proxy as the user wrote it, with any user name and password taken out."""
    text = text.strip()
    return re.sub(r"^([^/@]*//)?[^/@]*@", lambda m: (m.group(1) or "") + "[redacted]@", text)


def parse_proxy(text: str, source: str) -> Proxy:
    """One proxy URL, normalised (see the module's docstring). Raises ProxyConfigError."""
    raw = text.strip()
    written = raw if "://" in raw else "http://" + raw
    try:
        parts = urlsplit(written)
    except ValueError:
        raise _refuse(raw, source, _SHAPE) from None
    scheme = parts.scheme.lower()
    if scheme == "socks5h":
        scheme = "socks5"
    if scheme in ("socks4", "socks4a", "socks"):
        raise _refuse(raw, source, "SOCKS4 is not supported; use a socks5:// proxy")
    if scheme not in _DEFAULT_PORTS:
        raise _refuse(raw, source, _SHAPE)
    hostport = parts.netloc.rpartition("@")[2]
    host = parts.hostname or ""
    if not host or not _HOST.fullmatch(hostport.rsplit(":", 1)[0] if not hostport.endswith("]") else hostport):
        raise _refuse(raw, source, _SHAPE)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is None:
        port = _DEFAULT_PORTS[scheme]
    if not 1 <= port <= 65535:
        raise _refuse(raw, source, f"its port ({hostport.rpartition(':')[2]}) is not a number from 1 to 65535")
    return Proxy(scheme, host, port, source,
                 unquote(parts.username) if parts.username is not None else None,
                 unquote(parts.password) if parts.password is not None else None)


def proxy_problem(text: str) -> str | None:
    """Why a proxy typed in Settings cannot be used (a phrase), or None."""
    if not text.strip():
        return None
    try:
        parse_proxy(text, SETTINGS)
    except ProxyConfigError as exc:
        return exc.error.message.split(" cannot be used: ", 1)[1].rstrip(".")
    return None


@dataclass(frozen=True)
class ProxyRoutes:
    """The proxies of one client. `by_scheme` maps "http", "https" and "all" (ALL_PROXY) to a
    proxy, or to the error that made it unusable (raised only if a request would use it)."""

    by_scheme: Mapping[str, Proxy | ProxyConfigError]
    no_proxy: tuple[str, ...] = ()

    def for_url(self, url: str) -> Proxy | None:
        """The proxy a request to `url` goes through, None for a direct connection. Raises
        ProxyConfigError when that proxy is unusable."""
        try:
            parts = urlsplit(url)
            host, port = (parts.hostname or "").lower(), parts.port
        except ValueError:
            return None  # the request itself fails on this URL, with its own message
        chosen = self.by_scheme.get(parts.scheme.lower()) or self.by_scheme.get("all")
        if isinstance(chosen, ProxyConfigError):
            raise chosen  # even for a NO_PROXY host: a broken setting is said, not half-used
        if not host or bypassed(host, port, self.no_proxy):
            return None
        return chosen

    def proxy_of(self, url: str) -> Proxy | None:
        """`for_url` that never raises: which proxy to blame for a failure."""
        try:
            return self.for_url(url)
        except ProxyConfigError:
            return None

    @property
    def proxies(self) -> list[Proxy]:
        return [p for p in self.by_scheme.values() if isinstance(p, Proxy)]


def proxy_routes(setting: str | None, environ: Mapping[str, str] | None = None) -> ProxyRoutes:
    """The Settings proxy (for every scheme) if there is one, else the environment's."""
    env = os.environ if environ is None else environ
    no_proxy = _no_proxy(env)
    if setting and setting.strip():
        return ProxyRoutes({"all": _parsed(setting, SETTINGS)}, no_proxy)
    found: dict[str, Proxy | ProxyConfigError] = {}
    for scheme in ("http", "https", "all"):
        for name in (f"{scheme}_proxy", f"{scheme.upper()}_PROXY"):
            value = env.get(name, "").strip()
            if value:
                found[scheme] = _parsed(value, name)
                break
    if not found and environ is None and sys.platform in ("darwin", "win32"):
        found = _system_proxies()
    return ProxyRoutes(found, no_proxy)


def _parsed(text: str, source: str) -> Proxy | ProxyConfigError:
    try:
        return parse_proxy(text, source)
    except ProxyConfigError as exc:
        return exc


def _system_proxies() -> dict[str, Proxy | ProxyConfigError]:
    # macOS's System Settings and Windows' Internet Options, as urllib reads them.
    from urllib.request import getproxies

    return {scheme: _parsed(value, "the system's proxy settings")
            for scheme, value in getproxies().items() if scheme in ("http", "https", "all") and value}


def _no_proxy(env: Mapping[str, str]) -> tuple[str, ...]:
    value = env.get("no_proxy", "") or env.get("NO_PROXY", "")
    return tuple(entry.strip().lower() for entry in value.split(",") if entry.strip())


def bypassed(host: str, port: int | None, no_proxy: tuple[str, ...]) -> bool:
    """Whether NO_PROXY sends `host` direct, as curl reads it: `*`; a name, which also covers its
    subdomains (a leading `.` or `*.` changes nothing); an IP address or a CIDR range; any of
    them with `:port` to apply to that port only."""
    host = host.strip("[]").rstrip(".").lower()
    address = _address(host)
    for entry in no_proxy:
        if entry == "*":
            return True
        name, entry_port = host_and_port(entry)
        if entry_port is not None and entry_port != port:
            continue
        if "/" in name:
            try:
                if address is not None and address in ipaddress.ip_network(name, strict=False):
                    return True
            except ValueError:
                pass
            continue
        name = name.removeprefix("*").lstrip(".").rstrip(".")
        if not name:
            continue
        wanted = _address(name)
        if wanted is not None or address is not None:
            if wanted == address:
                return True
        elif host == name or host.endswith("." + name):
            return True
    return False


def host_and_port(entry: str) -> tuple[str, int | None]:
    """`host`, `host:port`, `[v6]` or `[v6]:port` -> (host, port or None)."""
    entry = entry.strip()
    if entry.startswith("["):  # [::1]:8080 or [::1]
        inside, _, rest = entry[1:].partition("]")
        return inside, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    if entry.count(":") == 1:
        name, _, port = entry.partition(":")
        if port.isdigit():
            return name, int(port)
    return entry, None


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None
