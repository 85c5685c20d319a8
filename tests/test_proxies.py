"""Proxies, for real: squid (HTTP forwarding, CONNECT, basic auth) and Dante (SOCKS5) run on
loopback ports from the tests (tests/support/proxies.py), in front of the loopback DashScope
stand-in, and `dashchat ask` runs as a real process. The proxies' own logs prove which way each
request went.

Every proxy failure is named as the proxy's (host:port, and where it was configured: a variable
or the settings) with a hint: down, unresolvable, 407, refusing to connect onwards, or an
unusable URL (exit 2). Scheme-less and socks5h:// proxies work from the environment and from
Settings alike, and NO_PROXY applies to both. No proxy password is printed or written anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import asking, proxies
from tests.support.asking import KEY, Outcome, assert_failed, log_text
from tests.support.certs import TestCA
from tests.support.fixtures import GENERATION_PATH, ServerHandle
from tests.support.proxies import PROXY_PASSWORD, PROXY_USER, Dante, Squid
from tests.wire import ask_output

WRONG_PASSWORD = "Not-the-squid-pw-42"
SECRETS = [KEY, PROXY_PASSWORD, WRONG_PASSWORD]


def ask(profile: Path, base: str, *args: str, secrets: tuple[str, ...] = tuple(SECRETS), **env: str) -> Outcome:
    """`dashchat ask`, then: no key and no proxy password printed or under the profile."""
    return asking.ask(profile, base, *args, secrets=secrets, **env)


@pytest.fixture(scope="module")
def squid(ca: TestCA) -> Iterator[Squid]:
    reason = proxies.missing("squid", "squid")
    if reason:
        pytest.skip(reason)
    with proxies.start_squid(tls=ca.chain_and_key("valid")) as running:
        yield running


@pytest.fixture(scope="module")
def dante() -> Iterator[Dante]:
    reason = proxies.missing("danted", "dante-server")
    if reason:
        pytest.skip(reason)
    with proxies.start_dante() as running:
        yield running


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> TestCA:
    return TestCA(tmp_path_factory.mktemp("proxy-ca"))


@pytest.fixture(scope="module")
def tls(ca: TestCA) -> Iterator[ServerHandle]:
    with ca.server("valid") as handle:
        yield handle


@pytest.fixture
def down() -> int:
    """A loopback port where nothing listens: a proxy that is down."""
    return proxies.free_port()


def succeeded(outcome: Outcome) -> None:
    assert (outcome.status, outcome.stderr) == (0, ""), outcome.stderr
    assert outcome.stdout == ask_output("power_21")


def settings(profile: Path, proxy: str) -> None:
    (profile / "settings.ini").write_text(f"[connection]\nproxy={proxy}\n", encoding="utf-8")


def forwarded(squid: Squid, server: ServerHandle) -> list[str]:
    """squid's access-log lines for the stand-in's generation endpoint, as an HTTP proxy."""
    url = f"POST http://127.0.0.1:{server.port}/s/power_21{GENERATION_PATH}"
    return [line for line in squid.access_log() if url in line]


def tunnelled(squid: Squid, handle: ServerHandle) -> list[str]:
    return [line for line in squid.access_log() if f"CONNECT 127.0.0.1:{handle.port}" in line]


# ------------------------------------------------------------------------------ the happy paths

def test_an_http_proxy_from_the_environment_forwards_the_request(squid: Squid, server: ServerHandle,
                                                                 profile: Path) -> None:
    before = len(forwarded(squid, server))
    outcome = ask(profile, server.base("power_21"), HTTP_PROXY=squid.open_url)
    succeeded(outcome)
    assert len(forwarded(squid, server)) == before + 1
    assert f"via http://127.0.0.1:{squid.open_port} (from HTTP_PROXY)" in log_text(profile)


def test_connect_through_squid_reaches_a_tls_server(squid: Squid, tls: ServerHandle, ca: TestCA,
                                                    profile: Path) -> None:
    before = len(tunnelled(squid, tls))
    outcome = ask(profile, tls.base("power_21"), HTTPS_PROXY=squid.open_url, SSL_CERT_FILE=str(ca.file))
    succeeded(outcome)
    [line] = tunnelled(squid, tls)[before:]
    assert "TCP_TUNNEL/200" in line


def test_an_https_proxy_is_reached_over_tls_verified_like_any_server(squid: Squid, tls: ServerHandle, ca: TestCA,
                                                                      profile: Path) -> None:
    """TLS to the proxy itself (its certificate from the test CA), then CONNECT and TLS to the
    server through it."""
    assert squid.tls_port is not None
    proxy = f"https://127.0.0.1:{squid.tls_port}"
    before = len(tunnelled(squid, tls))
    succeeded(ask(profile, tls.base("power_21"), HTTPS_PROXY=proxy, SSL_CERT_FILE=str(ca.file)))
    assert len(tunnelled(squid, tls)) == before + 1
    outcome = ask(profile, tls.base("power_21"), HTTPS_PROXY=proxy)  # the test CA is not trusted now
    assert_failed(outcome, 1, rf"TLSError \(no HTTP status\): The TLS certificate of 127\.0\.0\.1:{tls.port} or of "
                  rf"the proxy 127\.0\.0\.1:{squid.tls_port} \(from HTTPS_PROXY\) could not be verified \(.+\); "
                  r"nothing was sent\.", "SSL_CERT_FILE")


@pytest.mark.parametrize("where", ["env", "settings"])
def test_a_proxy_without_a_scheme_is_http_from_the_environment_and_from_settings(
        where: str, squid: Squid, server: ServerHandle, profile: Path) -> None:
    bare = f"127.0.0.1:{squid.open_port}"
    before = len(forwarded(squid, server))
    if where == "settings":
        settings(profile, bare)
        outcome = ask(profile, server.base("power_21"))
    else:
        outcome = ask(profile, server.base("power_21"), http_proxy=bare)
    succeeded(outcome)
    assert len(forwarded(squid, server)) == before + 1


# ------------------------------------------------------------------------------ basic auth, 407

# An http:// base goes through the proxy as a forwarded request (the 407 is a response); an
# https:// one through CONNECT (the 407 answers the tunnel).
TARGETS = ["http", "https"]


def target(kind: str, server: ServerHandle, tls: ServerHandle, ca: TestCA) -> tuple[str, dict[str, str]]:
    if kind == "http":
        return server.base("power_21"), {}
    return tls.base("power_21"), {"SSL_CERT_FILE": str(ca.file)}


@pytest.mark.parametrize("kind", TARGETS)
def test_a_proxy_that_wants_a_password_and_got_none_says_407(kind: str, squid: Squid, server: ServerHandle,
                                                              tls: ServerHandle, ca: TestCA, profile: Path) -> None:
    base, env = target(kind, server, tls, ca)
    variable = f"{kind.upper()}_PROXY"
    outcome = ask(profile, base, **{variable: squid.auth_url()}, **env)
    assert_failed(outcome, 1, rf"ProxyAuthRequired \(HTTP 407\): The proxy 127\.0\.0\.1:{squid.auth_port} "
                  rf"\(from {variable}\) asks for a user name and password \(HTTP 407\), and none was given\.",
                  "http://user:password@host:port")


@pytest.mark.parametrize("kind", TARGETS)
def test_a_wrong_proxy_password_says_407_without_showing_it(kind: str, squid: Squid, server: ServerHandle,
                                                             tls: ServerHandle, ca: TestCA, profile: Path) -> None:
    base, env = target(kind, server, tls, ca)
    outcome = ask(profile, base, ALL_PROXY=squid.auth_url(PROXY_USER, WRONG_PASSWORD), **env)
    assert_failed(outcome, 1, rf"ProxyAuthRequired \(HTTP 407\): The proxy 127\.0\.0\.1:{squid.auth_port} "
                  r"\(from ALL_PROXY\) refused the user name and password given in ALL_PROXY \(HTTP 407\)\.",
                  "user name and password")


@pytest.mark.parametrize("kind", TARGETS)
def test_the_right_proxy_password_gets_through_and_is_written_nowhere(
        kind: str, squid: Squid, server: ServerHandle, tls: ServerHandle, ca: TestCA, profile: Path) -> None:
    base, env = target(kind, server, tls, ca)
    before = len(squid.access_log())
    outcome = ask(profile, base, ALL_PROXY=squid.auth_url(PROXY_USER, PROXY_PASSWORD), **env)
    succeeded(outcome)
    assert any(f" {PROXY_USER} " in line for line in squid.access_log()[before:])  # squid saw who asked


def test_the_compatible_protocol_names_the_proxy_the_same_way(squid: Squid, server: ServerHandle,
                                                               profile: Path) -> None:
    outcome = ask(profile, server.base("compatible_power_21"), "--protocol", "compatible",
                  HTTP_PROXY=squid.auth_url(PROXY_USER, WRONG_PASSWORD))
    assert_failed(outcome, 1, rf"ProxyAuthRequired \(HTTP 407\): The proxy 127\.0\.0\.1:{squid.auth_port} "
                  r"\(from HTTP_PROXY\) refused the user name and password given in HTTP_PROXY \(HTTP 407\)\.",
                  "user name and password")
    outcome = ask(profile, server.base("compatible_power_21"), "--protocol", "compatible",
                  HTTP_PROXY=squid.auth_url(PROXY_USER, PROXY_PASSWORD))
    assert (outcome.status, outcome.stderr) == (0, ""), outcome.stderr


# ------------------------------------------------------------------------------------- SOCKS5

def test_all_proxy_socks5_carries_the_request(dante: Dante, server: ServerHandle, profile: Path) -> None:
    outcome = ask(profile, server.base("power_21"), ALL_PROXY=dante.url)
    succeeded(outcome)
    assert re.search(rf"tcp/connect \[: 127\.0\.0\.1\.\d+ 127\.0\.0\.1\.{dante.port} -> .*127\.0\.0\.1\.{server.port}",
                     dante.log())
    assert f"via socks5://127.0.0.1:{dante.port} (from ALL_PROXY)" in log_text(profile)


def test_socks5h_in_https_proxy_reaches_a_tls_server(dante: Dante, tls: ServerHandle, ca: TestCA,
                                                     profile: Path) -> None:
    # socks5h (the proxy resolves names) is read as socks5: httpcore always lets it resolve them.
    outcome = ask(profile, tls.base("power_21"), HTTPS_PROXY=f"socks5h://127.0.0.1:{dante.port}",
                  SSL_CERT_FILE=str(ca.file))
    succeeded(outcome)
    assert re.search(rf"127\.0\.0\.1\.{dante.port} -> .*127\.0\.0\.1\.{tls.port}", dante.log())


def test_a_socks_proxy_in_the_settings_carries_the_request(dante: Dante, server: ServerHandle,
                                                           profile: Path) -> None:
    settings(profile, f"socks5h://127.0.0.1:{dante.port}")
    outcome = ask(profile, server.base("power_21"))
    succeeded(outcome)
    assert f"via socks5://127.0.0.1:{dante.port} (from the settings)" in log_text(profile)


def test_a_socks_proxy_that_cannot_reach_the_server_is_named(dante: Dante, down: int, profile: Path) -> None:
    outcome = ask(profile, f"http://127.0.0.1:{down}", ALL_PROXY=dante.url)
    assert_failed(outcome, 1, rf"ProxyError \(no HTTP status\): The proxy 127\.0\.0\.1:{dante.port} \(from "
                  rf"ALL_PROXY\) could not reach 127\.0\.0\.1:{down} \(connection refused\)\.", "NO_PROXY")


# ------------------------------------------------------------------------------ proxy failures

@pytest.mark.parametrize(("variable", "scheme"), [("HTTPS_PROXY", "http"), ("ALL_PROXY", "socks5"),
                                                  ("settings", "http")])
def test_a_proxy_that_is_down_is_named_not_the_service(variable: str, scheme: str, down: int, tls: ServerHandle,
                                                       ca: TestCA, profile: Path) -> None:
    proxy = f"{scheme}://127.0.0.1:{down}"
    if variable == "settings":
        settings(profile, proxy)
        env = {}
    else:
        env = {variable: proxy}
    tls.clear()
    outcome = ask(profile, tls.base("power_21"), SSL_CERT_FILE=str(ca.file), **env)
    source = "the settings" if variable == "settings" else variable
    assert_failed(outcome, 1, rf"ProxyConnectionFailed \(no HTTP status\): Could not connect to the proxy "
                  rf"127\.0\.0\.1:{down} \(from {source}\): the connection was refused \(nothing is listening "
                  rf"there\); nothing was sent to 127\.0\.0\.1:{tls.port}\.", "Check that the proxy is running")
    assert tls.requests() == []


def test_a_proxy_whose_name_does_not_resolve_is_named(server: ServerHandle, profile: Path) -> None:
    outcome = ask(profile, server.base("power_21"), HTTP_PROXY="http://proxy.dashchat-test.invalid:3128")
    assert_failed(outcome, 1, r"ProxyDNSFailure \(no HTTP status\): Could not resolve the host name of the proxy "
                  r"proxy\.dashchat-test\.invalid:3128 \(from HTTP_PROXY\) \(.+\); nothing was sent to "
                  rf"127\.0\.0\.1:{server.port}\.", "host name")


@pytest.mark.parametrize(("proxy", "why"), [
    ("http://127.0.0.1:70000", r"its port \(70000\) is not a number from 1 to 65535"),
    ("http://127.0.0.1:0", r"its port \(0\) is not a number from 1 to 65535"),
    (f"http://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:99999", r"its port \(99999\) is not a number from 1 to 65535"),
    ("socks4://127.0.0.1:1080", r"SOCKS4 is not supported; use a socks5:// proxy"),
    ("ftp://127.0.0.1:21", r"the proxy must look like http://host:port .+"),
])
@pytest.mark.parametrize("where", ["HTTPS_PROXY", "settings"])
def test_an_unusable_proxy_url_is_a_setup_error_before_anything_is_sent(
        proxy: str, why: str, where: str, tls: ServerHandle, ca: TestCA, profile: Path) -> None:
    if where == "settings":
        settings(profile, proxy)
        env = {}
    else:
        env = {where: proxy}
    tls.clear()
    # Typed in Settings, the password is the user's own text in settings.ini: checked below.
    outcome = ask(profile, tls.base("power_21"), SSL_CERT_FILE=str(ca.file), secrets=(KEY,), **env)
    shown = re.escape(proxy.replace(f"{PROXY_USER}:{PROXY_PASSWORD}", "[redacted]"))
    source = "the settings" if where == "settings" else where
    assert_failed(outcome, 2, rf"InvalidProxy \(no HTTP status\): The proxy in {source} \({shown}\) cannot be "
                  rf"used: {why}\.", "Fix the proxy")
    assert tls.requests() == []
    # A proxy typed in Settings is the user's own text, kept where they put it; nothing else
    # holds its password (HTTPS_PROXY keeps it off the disk altogether).
    for path in profile.rglob("*"):
        if path.is_file() and path.name != "settings.ini":
            assert PROXY_PASSWORD.encode() not in path.read_bytes(), path.name
    assert PROXY_PASSWORD not in outcome.printed


def test_a_proxy_that_will_not_connect_onwards_is_named_with_its_status(squid: Squid, down: int,
                                                                        profile: Path) -> None:
    outcome = ask(profile, f"https://127.0.0.1:{down}", HTTPS_PROXY=squid.open_url)
    assert_failed(outcome, 1, rf"ProxyError \(HTTP 503\): The proxy 127\.0\.0\.1:{squid.open_port} \(from "
                  rf"HTTPS_PROXY\) could not open a connection to 127\.0\.0\.1:{down}: it answered HTTP 503 "
                  r"Service Unavailable\.", "NO_PROXY")


def test_a_proxy_error_page_for_a_forwarded_request_names_the_proxy(squid: Squid, down: int,
                                                                    profile: Path) -> None:
    outcome = ask(profile, f"http://127.0.0.1:{down}", HTTP_PROXY=squid.open_url)
    assert_failed(outcome, 1, rf"HTTP503 \(HTTP 503\): The proxy 127\.0\.0\.1:{squid.open_port} \(from "
                  r"HTTP_PROXY\), or the server behind it, answered HTTP 503 without a DashScope error body: an "
                  r'HTML page titled "ERROR: The requested URL could not be retrieved"\.', "proxy")


# ------------------------------------------------------------------------------------- NO_PROXY

@pytest.mark.parametrize("no_proxy", ["localhost", ".localhost", "localhost:{port}", "127.0.0.0/8", "*"])
@pytest.mark.parametrize("where", ["HTTPS_PROXY", "settings"])
def test_no_proxy_sends_a_host_direct_whichever_way_the_proxy_was_set(
        no_proxy: str, where: str, down: int, server: ServerHandle, profile: Path) -> None:
    """The proxy is down: only a direct connection can succeed."""
    no_proxy = no_proxy.format(port=server.port)
    host = "127.0.0.1" if "/" in no_proxy else "localhost"
    proxy = f"http://127.0.0.1:{down}"
    env = {"NO_PROXY": no_proxy, "HTTP_PROXY": proxy} if where != "settings" else {"NO_PROXY": no_proxy}
    if where == "settings":
        settings(profile, proxy)
    outcome = ask(profile, server.base("power_21").replace("127.0.0.1", host), key_hosts=host, **env)
    succeeded(outcome)


def test_a_host_not_in_no_proxy_still_goes_through_the_proxy(down: int, server: ServerHandle,
                                                             profile: Path) -> None:
    settings(profile, f"127.0.0.1:{down}")
    outcome = ask(profile, server.base("power_21"), NO_PROXY="localhost,example.com:{server.port}")
    assert outcome.status == 1 and outcome.cause.startswith("ProxyConnectionFailed"), outcome.stderr
