"""Real proxy servers on loopback ports, for the proxy tests: squid (HTTP proxy, CONNECT, basic
auth) and Dante (SOCKS5), both from Debian (`apt-get install squid dante-server`; .ci/run
installs them). Each runs in the foreground with its own configuration in a temporary
directory, and its own log there, which the tests read to prove the path a request took.

    with start_squid() as squid:      # squid.open_url: no auth; squid.auth_url(user, password)
        ...                           # squid.access_log(): the access log's lines
    with start_dante() as dante:      # dante.url: socks5://127.0.0.1:<port>; dante.log()

When the binary is missing, `missing("squid")` says so; the fixtures then skip with that reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Daemons live in sbin, which a normal user's PATH may not include.
_SBIN = ("/usr/sbin", "/sbin", "/usr/local/sbin")
START_TIMEOUT = 20.0
PROXY_USER = "alice"
PROXY_PASSWORD = "Squid-s3cret-Pw"  # shaped unlike anything else in the tests, to scan for


def binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for directory in _SBIN:
        candidate = Path(directory) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def missing(name: str, package: str) -> str | None:
    """Why the tests that need `name` cannot run here, or None."""
    if binary(name) is None:
        return f"{name} is not installed here (Debian: apt-get install {package}; .ci/run installs it)"
    if name == "squid" and (shutil.which("openssl") is None or not Path("/usr/lib/squid/basic_ncsa_auth").exists()):
        return "squid's basic_ncsa_auth or the openssl command (for its password file) is missing"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the proxy exited with {process.returncode}: {_tail(log)}")
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the proxy did not listen on {port} within {START_TIMEOUT} s: {_tail(log)}")


def _tail(path: Path) -> str:
    try:
        return path.read_text(errors="replace")[-2000:]
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    # The proxy was started in a session of its own: its helpers (squid's auth program, Dante's
    # children) go with it.
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            break
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(process.pid, signal.SIGKILL)  # stragglers of the group, if any
    except (ProcessLookupError, PermissionError):
        pass


def _scratch(prefix: str) -> Path:
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    # Run as root, squid and Dante drop to an unprivileged user that must write its logs here.
    directory.chmod(0o777)
    return directory


# ------------------------------------------------------------------------------------- squid

@dataclass
class Squid:
    open_port: int  # no authentication
    auth_port: int  # basic authentication (alice / PROXY_PASSWORD)
    directory: Path
    tls_port: int | None = None  # an https:// proxy (TLS to the proxy itself), no authentication

    @property
    def open_url(self) -> str:
        return f"http://127.0.0.1:{self.open_port}"

    def auth_url(self, user: str | None = None, password: str | None = None) -> str:
        userinfo = f"{user}:{password}@" if user is not None else ""
        return f"http://{userinfo}127.0.0.1:{self.auth_port}"

    def access_log(self) -> list[str]:
        path = self.directory / "access.log"
        return path.read_text(errors="replace").splitlines() if path.exists() else []


def _apr1(password: str) -> str:
    done = subprocess.run(["openssl", "passwd", "-apr1", password], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@contextmanager
def start_squid(tls: tuple[Path, Path] | None = None) -> Iterator[Squid]:
    """`tls`: a certificate chain and key for an extra https:// port (`Squid.tls_port`)."""
    squid = binary("squid")
    helper = Path("/usr/lib/squid/basic_ncsa_auth")
    if squid is None:
        raise RuntimeError(missing("squid", "squid"))
    directory = _scratch("dashchat-squid-")
    open_port, auth_port = free_port(), free_port()
    tls_port = free_port() if tls is not None else None
    tls_line = ""
    if tls is not None:
        chain, key = directory / "proxy-chain.pem", directory / "proxy-key.pem"
        chain.write_bytes(tls[0].read_bytes())
        key.write_bytes(tls[1].read_bytes())
        chain.chmod(0o644)
        key.chmod(0o644)  # read by squid's unprivileged user, in a throwaway directory
        tls_line = f"https_port 127.0.0.1:{tls_port} name=tls tls-cert={chain} tls-key={key}"
    passwords = directory / "passwd"
    passwords.write_text(f"{PROXY_USER}:{_apr1(PROXY_PASSWORD)}\n")
    passwords.chmod(0o644)
    config = directory / "squid.conf"
    config.write_text(f"""
http_port 127.0.0.1:{open_port} name=open
http_port 127.0.0.1:{auth_port} name=auth
{tls_line}
visible_hostname dashchat-test-squid
pid_filename {directory}/squid.pid
access_log stdio:{directory}/access.log
cache_log {directory}/cache.log
cache_store_log none
netdb_filename none
coredump_dir {directory}
pinger_enable off
cache deny all
cache_mem 8 MB
shutdown_lifetime 0 seconds
auth_param basic program {helper} {passwords}
auth_param basic realm dashchat-test
auth_param basic children 2 startup=1 idle=1
acl openport myportname open
acl authport myportname auth
acl tlsport myportname tls
acl authed proxy_auth REQUIRED
http_access allow localhost openport
http_access allow localhost tlsport
http_access allow localhost authport authed
http_access deny all
""")
    log = directory / "cache.log"
    with open(directory / "stderr.log", "wb") as errors:
        process = subprocess.Popen([squid, "-N", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=errors,
                                   start_new_session=True)
    try:
        _wait_listening(open_port, process, log)
        _wait_listening(auth_port, process, log)
        if tls_port is not None:
            _wait_listening(tls_port, process, log)
        yield Squid(open_port, auth_port, directory, tls_port)
    finally:
        _stop(process)
        shutil.rmtree(directory, ignore_errors=True)


# ------------------------------------------------------------------------------------- Dante

@dataclass
class Dante:
    port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"socks5://127.0.0.1:{self.port}"

    def log(self) -> str:
        path = self.directory / "danted.log"
        return path.read_text(errors="replace") if path.exists() else ""


@contextmanager
def start_dante() -> Iterator[Dante]:
    danted = binary("danted")
    if danted is None:
        raise RuntimeError(missing("danted", "dante-server"))
    directory = _scratch("dashchat-dante-")
    port = free_port()
    config = directory / "danted.conf"
    # As root Dante must be told whom to become; as anyone else it stays who it is.
    users = "user.unprivileged: nobody\n" if os.geteuid() == 0 else ""
    config.write_text(f"""
logoutput: {directory}/danted.log
internal: 127.0.0.1 port = {port}
external: 127.0.0.1
socksmethod: none
clientmethod: none
{users}
client pass {{
  from: 127.0.0.0/8 to: 0.0.0.0/0
  log: connect error
}}
socks pass {{
  from: 127.0.0.0/8 to: 0.0.0.0/0
  command: connect
  log: connect error
}}
""")
    with open(directory / "stderr.log", "wb") as errors:
        process = subprocess.Popen([danted, "-f", str(config), "-N", "1", "-p", str(directory / "danted.pid")],
                                   stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True)
    try:
        _wait_listening(port, process, directory / "danted.log")
        yield Dante(port, directory)
    finally:
        _stop(process)
        shutil.rmtree(directory, ignore_errors=True)
