"""A real Secret Service for tests: a private D-Bus session bus with gnome-keyring-daemon on it,
in a throwaway HOME, as LAB.md §6 describes. No fake keyring anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.runs import unavailable

PASSWORD = b"test-login-password"
# What the keyring tests run: a bus, the keyring daemon, a probe, and (for the end-to-end test)
# dbus-run-session, which exits 127 without explanation when the shell it starts lacks a tool.
TOOLS = {"dbus-daemon": "dbus-daemon", "dbus-send": "dbus-bin", "dbus-run-session": "dbus-bin",
         "gnome-keyring-daemon": "gnome-keyring"}

# A session bus with no service directories: nothing is activated on demand, so an unlock
# prompt fails at once instead of starting gcr-prompter (which would wait for a display).
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass
class SecretService:
    home: Path
    bus_address: str
    _daemons: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        """Environment for a subprocess that should see this Secret Service (and no key var)."""
        env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
        env.update(HOME=str(self.home), DBUS_SESSION_BUS_ADDRESS=self.bus_address,
                   XDG_DATA_HOME=str(self.home / ".local" / "share"))
        env.pop("PYTHON_KEYRING_BACKEND", None)
        return env

    @property
    def store_dir(self) -> Path:
        """Where gnome-keyring keeps its own (encrypted) files."""
        return self.home / ".local" / "share" / "keyrings"

    def start_keyring(self, unlock: bool = True) -> None:
        command = ["gnome-keyring-daemon", "--components=secrets", "--foreground"]
        command += ["--unlock"] if unlock else []
        daemon = subprocess.Popen(command, env=self.env, stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert daemon.stdin is not None
        if unlock:
            daemon.stdin.write(PASSWORD)
        daemon.stdin.close()
        self._daemons.append(daemon)
        self._wait_for_service()

    def _wait_for_service(self, present: bool = True) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            probe = subprocess.run(
                ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                 "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
                env=self.env, capture_output=True, text=True,
            )
            if ("boolean true" in probe.stdout) == present:
                return
            time.sleep(0.05)
        raise RuntimeError(f"gnome-keyring-daemon did not {'appear on' if present else 'leave'} the test bus")

    def lock(self) -> None:
        """Lock the login collection, as a screen lock or a timeout would."""
        subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.secrets",
             "/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock",
             "array:objpath:/org/freedesktop/secrets/collection/login"],
            env=self.env, check=True, capture_output=True,
        )

    def unlock(self) -> None:
        """Unlock with the login password, as logging in does: restart the daemon with it."""
        self.stop()
        self._daemons = []
        self._wait_for_service(present=False)
        self.start_keyring(unlock=True)

    def stop(self) -> None:
        for daemon in self._daemons:
            daemon.terminate()
        for daemon in self._daemons:
            try:
                daemon.wait(timeout=5)
            except subprocess.TimeoutExpired:
                daemon.kill()


def require_secret_service() -> None:
    """Skip the calling test, naming what to install, where the tools are missing (a failure
    when CI=true)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        packages = " ".join(sorted(set(TOOLS.values())))
        unavailable(f"{', '.join(missing)} not installed: the keyring tests need a real Secret Service "
                    f"(Debian/Ubuntu: apt-get install {packages})")


@contextmanager
def secret_service(unlock: bool = True) -> Iterator[SecretService]:
    require_secret_service()
    home = Path(tempfile.mkdtemp(prefix="dashchat-keyring-"))
    config = home / "bus.conf"
    config.write_text(BUS_CONFIG.format(tmp=home))
    bus = subprocess.Popen(["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert bus.stdout is not None
    service = SecretService(home, bus.stdout.readline().strip())
    try:
        service.start_keyring(unlock=unlock)
        yield service
    finally:
        service.stop()
        bus.terminate()
        bus.wait(timeout=5)
        bus.stdout.close()
        shutil.rmtree(home, ignore_errors=True)


@contextmanager
def in_process(service: SecretService) -> Iterator[None]:
    """Point this process's keyring library at `service` for the duration of the block.

    The backend is set explicitly (the same SecretService backend keyring picks on a Linux
    desktop): keyring caches which backends are viable on first use, so re-detection within one
    test process would depend on which test ran first.
    """
    import keyring
    from keyring.backends import SecretService as secret_service_backend

    saved_env = {k: os.environ.get(k) for k in ("DBUS_SESSION_BUS_ADDRESS", "HOME")}
    saved_backend = keyring.get_keyring()
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = service.bus_address
    os.environ["HOME"] = str(service.home)
    keyring.set_keyring(secret_service_backend.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(saved_backend)
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# -- fixtures (a pytest plugin: tests/conftest.py) ---------------------------------------------

@pytest.fixture(scope="module")
def service() -> Iterator[SecretService]:
    """A real Secret Service on a private bus, one per test module."""
    with secret_service() as s:
        yield s


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """What keyring picks where no OS keyring runs."""
    import keyring
    from keyring.backends import fail

    saved = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(saved)
