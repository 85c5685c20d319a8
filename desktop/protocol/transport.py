"""The HTTP transport under every client: each request direct or through its proxy, as
`ProxyRoutes` decides, with one TLS context (desktop/protocol/trust.py) for servers and proxies.

httpx can route by itself (`mounts`, `trust_env`), but with its own reading of NO_PROXY and of
the proxy variables, and only for the environment. Routing here keeps one rule for Settings
and the environment, and the rule that sent a request is the one that names the proxy when
that request fails.
"""

from __future__ import annotations

import contextlib
import importlib
import ssl
import threading

import httpx

from .codes import Code
from .errors import ErrorKind, ServiceError
from .proxy import Proxy, ProxyConfigError, ProxyRoutes

# What the first request imports, beyond httpx itself: the connection pool (httpcore, h11),
# the asyncio backend anyio loads by name on first use, the SOCKS support. In the window, doing
# that on the event loop paused it for 0.1-0.3 s at the start of the first answer (PySide6's
# import hook reads each module's source as well); `warm_imports` does it on a worker thread.
FIRST_REQUEST = ("httpcore", "h11", "anyio", "anyio._backends._asyncio", "anyio.streams.tls", "sniffio",
                 "socksio", "certifi")


def warm_imports() -> threading.Thread:
    """Import FIRST_REQUEST on a daemon thread, started now. The caller waits for it (without
    blocking its loop) before a request, so that no module is imported by two threads at once."""

    def run() -> None:
        for name in FIRST_REQUEST:
            with contextlib.suppress(ImportError):  # an optional part (socksio) may be missing
                importlib.import_module(name)

    thread = threading.Thread(target=run, name="dashchat-warm-imports", daemon=True)
    thread.start()
    return thread


class RoutingTransport(httpx.AsyncBaseTransport):
    def __init__(self, routes: ProxyRoutes, ssl_context: ssl.SSLContext) -> None:
        self.routes = routes
        self._ssl = ssl_context
        self._pools: dict[Proxy | None, httpx.AsyncHTTPTransport] = {}

    def _pool(self, proxy: Proxy | None) -> httpx.AsyncHTTPTransport:
        pool = self._pools.get(proxy)
        if pool is None:
            via = None
            if proxy is not None:
                try:
                    via = httpx.Proxy(proxy.url, auth=proxy.auth,
                                      ssl_context=self._ssl if proxy.scheme == "https" else None)
                except ValueError as exc:  # a host name httpx reads otherwise than urllib does
                    raise ProxyConfigError(ServiceError(
                        Code.INVALID_PROXY, f"The proxy in {proxy.source} ({proxy.shown}) cannot be used: {exc}.",
                        None, None, ErrorKind.CONFIG)) from None
            pool = httpx.AsyncHTTPTransport(verify=self._ssl, trust_env=False, proxy=via)
            self._pools[proxy] = pool
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # Raises ProxyConfigError for an unusable proxy: the caller reports it, nothing is sent.
        proxy = self.routes.for_url(str(request.url))
        return await self._pool(proxy).handle_async_request(request)

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()
