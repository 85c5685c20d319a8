"""The HTTP transport under every client: each request direct or through its proxy, as
`ProxyRoutes` decides, with one TLS context (desktop/protocol/trust.py) for servers and proxies.

httpx can route by itself (`mounts`, `trust_env`), but with its own reading of NO_PROXY and of
the proxy variables, and only for the environment. Routing here keeps one rule for Settings
and the environment, and the rule that sent a request is the one that names the proxy when
that request fails.
"""

from __future__ import annotations

import ssl

import httpx

from .errors import ErrorKind, ServiceError
from .proxy import Proxy, ProxyConfigError, ProxyRoutes


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
                        "InvalidProxy", f"The proxy in {proxy.source} ({proxy.shown}) cannot be used: {exc}.",
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
