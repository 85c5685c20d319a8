"""The API key and the OS keyring, against a real Secret Service (gnome-keyring on a private
D-Bus), the keyring library's own no-backend case, and the environment override."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop.keys import KEY_ENV, KeyringProblem, KeySource, KeyStore
from desktop.protocol.secret import ApiKey
from tests.support.fixtures import start_server
from tests.support.secret_service import SecretService, in_process, require_secret_service

KEY = "sk-keyring-test-4f1c9a7e2b"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def keyring_here(service: SecretService) -> Iterator[SecretService]:
    with in_process(service):
        yield service


def test_stored_key_reads_back_from_the_keyring_and_can_be_cleared(keyring_here: SecretService, profile: Path) -> None:
    store = KeyStore(profile, environ={})
    assert store.lookup().source is KeySource.NONE
    backend = store.store(ApiKey(KEY))
    assert "SecretService" in backend or "Secret" in backend
    lookup = store.lookup()
    assert lookup.source is KeySource.KEYRING and lookup.key == ApiKey(KEY)
    assert lookup.describe() == f"Using the API key …7e2b from the OS keyring ({backend})."
    assert KEY not in lookup.describe() and KEY not in repr(lookup)
    assert store.delete() is True
    assert store.lookup().key is None
    assert store.delete() is False


def test_keys_are_per_profile(keyring_here: SecretService, tmp_path: Path) -> None:
    a, b = KeyStore(tmp_path / "a", environ={}), KeyStore(tmp_path / "b", environ={})
    a.store(ApiKey(KEY))
    assert b.lookup().key is None
    a.delete()


def test_environment_variable_wins_over_the_keyring(keyring_here: SecretService, profile: Path) -> None:
    KeyStore(profile, environ={}).store(ApiKey(KEY))
    lookup = KeyStore(profile, environ={KEY_ENV: "sk-from-env-0000aaaa"}).lookup()
    assert lookup.source is KeySource.ENVIRONMENT and lookup.key == ApiKey("sk-from-env-0000aaaa")
    assert "environment variable DASHSCOPE_API_KEY" in lookup.describe()
    KeyStore(profile, environ={}).delete()


def test_locked_keyring_is_reported_and_the_stored_key_survives(keyring_here: SecretService, profile: Path) -> None:
    store = KeyStore(profile, environ={})
    store.store(ApiKey(KEY))
    keyring_here.lock()
    try:
        lookup = store.lookup()
        assert lookup.key is None and lookup.problem is not None
        assert lookup.problem.code == "KeyringLocked"
        assert "locked" in lookup.problem.message and "untouched" in lookup.problem.message
        with pytest.raises(KeyringProblem):
            store.store(ApiKey("sk-other-key-123456789"))  # no silent overwrite while locked
    finally:
        keyring_here.unlock()
    assert store.lookup().key == ApiKey(KEY)  # the failed read deleted nothing
    store.delete()


def test_no_backend_is_a_clear_problem_and_nothing_is_written(profile: Path) -> None:
    saved = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # what the keyring library picks on a box with no keyring
    try:
        store = KeyStore(profile, environ={})
        lookup = store.lookup()
        assert lookup.key is None and lookup.problem is not None and lookup.problem.code == "NoKeyring"
        assert "Secret Service" in lookup.problem.message
        with pytest.raises(KeyringProblem) as raised:
            store.store(ApiKey(KEY))
        assert raised.value.code == "NoKeyring"
        store.use_for_session(ApiKey(KEY))  # the user's explicit choice: memory only
        assert store.lookup().source is KeySource.SESSION
        assert not any(KEY.encode() in p.read_bytes() for p in profile.rglob("*") if p.is_file())
    finally:
        keyring.set_keyring(saved)


def _scan(root: Path, needle: bytes, skip: Path | None = None) -> list[Path]:
    hits = []
    for path in root.rglob("*"):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_file() and needle in path.read_bytes():
            hits.append(path)
    return hits


def test_round_trip_through_dbus_run_session_with_no_key_variable(tmp_path: Path) -> None:
    """The issue's 'done when': dbus-run-session + gnome-keyring-daemon --unlock, `key set` from
    stdin, `ask` authenticated by that key alone, and no copy of the key in any file."""
    require_secret_service()
    home = tmp_path / "home"
    profile = home / "profile"
    home.mkdir()
    with start_server(api_key=KEY) as keyed:
        script = (
            "echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
            'printf %s "$(cat key.txt)" | "$PY" -m desktop key set --profile "$P" && rm key.txt && '
            '"$PY" -m desktop key status --profile "$P" && '
            '"$PY" -m desktop ask --profile "$P" --base-url "$BASE" --export "$P/t.json" "What is 123 to the power of 21?"'
        )
        (home / "key.txt").write_text(KEY)  # the key reaches `key set` only through stdin
        env = {k: v for k, v in os.environ.items() if k not in (KEY_ENV, "DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")}
        env.update(HOME=str(home), PY=sys.executable, P=str(profile), BASE=keyed.base("power_21"),
                   PYTHONPATH=str(REPO), XDG_DATA_HOME=str(home / ".local" / "share"))
        result = subprocess.run(["dbus-run-session", "--", "sh", "-c", script], cwd=home, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Stored the API key …7e2b in the OS keyring" in result.stdout
        assert "from the OS keyring" in result.stdout
        assert "77269364466549865653073473388030061522211723" in result.stdout
        [request] = keyed.requests()
        assert request["headers"]["authorization"] == f"Bearer {KEY}"
    assert KEY not in result.stdout + result.stderr
    keyring_store = home / ".local" / "share" / "keyrings"
    assert keyring_store.is_dir()  # gnome-keyring's own (encrypted) store: the only place for it
    assert _scan(home, KEY.encode(), skip=keyring_store) == []
    assert (profile / "history.sqlite3").exists() and (profile / "t.json").exists()


def test_key_commands_from_a_pipe(service: SecretService, tmp_path: Path) -> None:
    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", "key", *args, "--profile", str(tmp_path)],
                              input=stdin, cwd=REPO, env=service.env, capture_output=True, text=True, timeout=60)

    assert run("status").returncode == 1
    empty = run("set", stdin="\n")
    assert empty.returncode == 2 and "nothing was stored" in empty.stderr
    assert run("set", stdin=KEY + "\n").returncode == 0
    status = run("status")
    assert status.returncode == 0 and "…7e2b" in status.stdout and KEY not in status.stdout
    cleared = run("clear")
    assert cleared.returncode == 0 and "Removed" in cleared.stdout
    assert "No API key was stored" in run("clear").stdout


def test_key_set_on_a_terminal_prompts_without_echo(service: SecretService, tmp_path: Path) -> None:
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: `dashchat key set` with the pty as its controlling terminal
        os.chdir(REPO)
        os.execve(sys.executable, [sys.executable, "-m", "desktop", "key", "set", "--profile", str(tmp_path)],
                  service.env)
    seen = b""

    def read_until(marker: bytes, timeout: float = 30) -> None:
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([fd], [], [], timeout)
            assert ready, f"no {marker!r} in {seen!r}"
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk

    read_until(b"input hidden): ")
    os.write(fd, KEY.encode() + b"\n")
    read_until(b"Stored the API key")
    read_until(b"\n", timeout=5)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert KEY.encode() not in seen  # typed, never echoed
    assert b"\xe2\x80\xa67e2b" in seen  # …7e2b


def test_each_connection_profile_has_its_own_key(service: SecretService, tmp_path: Path) -> None:
    """`key set --connection NAME` stores that profile's key beside the first profile's, and
    `ask --connection NAME` sends it, with no DASHSCOPE_API_KEY anywhere."""
    from desktop.config import COMPATIBLE, CUSTOM, Connection
    from desktop.settings import Settings, SettingsStore

    gateway_key = "sk-gateway-key-91aa3c0d"
    with start_server(api_key=gateway_key) as keyed:
        SettingsStore(tmp_path).save(Settings(connections=(
            Connection(),
            Connection(id="gateway", name="Team gateway", protocol=COMPATIBLE, region=CUSTOM,
                       custom_base_url=keyed.base("compatible_power_21") + "/v1"),
        )))

        def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, "-m", "desktop", *args, "--profile", str(tmp_path)],
                                  input=stdin, cwd=REPO, env=service.env, capture_output=True, text=True, timeout=60)

        assert run("key", "set", stdin=KEY + "\n").returncode == 0  # the first profile's
        stored = run("key", "set", "--connection", "Team gateway", stdin=gateway_key + "\n")
        assert stored.returncode == 0, stored.stderr
        assert f"for {tmp_path}, connection 'Team gateway'" in stored.stdout
        assert "…7e2b" in run("key", "status").stdout
        assert "…3c0d" in run("key", "status", "--connection", "team gateway").stdout

        keyed.clear()
        asked = run("ask", "--connection", "Team gateway", "What is 123**21?")
        assert asked.returncode == 0, asked.stderr
        assert keyed.requests()[0]["headers"]["authorization"] == f"Bearer {gateway_key}"

        assert run("key", "clear", "--connection", "Team gateway").returncode == 0
        assert "…7e2b" in run("key", "status").stdout  # the first profile's key is untouched
        refused = run("ask", "--connection", "Team gateway", "What is 123**21?")
        assert refused.returncode == 1 and "invalid_api_key (HTTP 401)" in refused.stderr
        assert run("key", "clear").returncode == 0


def test_the_environment_key_stays_with_dashscope(keyring_here: SecretService, profile: Path) -> None:
    from desktop.keys import environment_applies

    env_key = {KEY_ENV: "sk-from-env-0000aaaa"}
    assert KeyStore(profile, env_key, "intl", use_environment=True).lookup().source is KeySource.ENVIRONMENT
    local = KeyStore(profile, env_key, "local", use_environment=False).lookup()
    assert (local.source, local.key) == (KeySource.NONE, None)
    assert environment_applies("intl", "https://dashscope-intl.aliyuncs.com", {})
    # Whatever the profile, even the first: the key is DashScope's (issue #14, the README's
    # local-server example received it).
    assert not environment_applies("default", "http://127.0.0.1:8000/v1", {})
    assert not environment_applies("local", "http://127.0.0.1:8000/v1", {})
    assert not environment_applies("evil", "https://aliyuncs.com.evil.example/v1", {})
    # Another Alibaba Cloud service's host (a storage bucket anyone can name) is not DashScope.
    assert not environment_applies("default", "https://my-bucket.oss-cn-beijing.aliyuncs.com", {})
    # A host the user lists (a gateway in front of DashScope), by name or name and port.
    listed = {"DASHCHAT_KEY_HOSTS": "gw.corp.example:8443, 127.0.0.1"}
    assert environment_applies("default", "https://gw.corp.example:8443/dashscope", listed)
    assert not environment_applies("default", "https://gw.corp.example/dashscope", listed)  # port 443
    assert environment_applies("local", "http://127.0.0.1:8000/v1", listed)
    assert not environment_applies("local", "http://localhost:8000/v1", listed)
