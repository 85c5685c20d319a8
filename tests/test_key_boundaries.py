"""Where secrets may go, through `dashchat ask` as a real process against the loopback stand-in:

- DASHSCOPE_API_KEY goes to DashScope's own hosts only, whatever the connection profile (the
  README's local-server example used to receive it), unless the user lists a host in
  DASHCHAT_KEY_HOSTS;
- what a server echoes (message, code, request id) is shown and stored without the key or any
  4+ character tail of it;
- a base URL's user name and password reach neither the log, the history, an export nor the
  screen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.protocol.errors import ServiceError
from desktop.protocol.secret import ApiKey
from tests.support.asking import KEY, ask, assert_failed, assert_nowhere, log_text
from tests.support.fixtures import ServerHandle
from tests.wire import ask_output


def local(server: ServerHandle, scenario: str) -> str:
    """The stand-in as "another server": `localhost` is not in DASHCHAT_KEY_HOSTS."""
    return server.base(scenario).replace("127.0.0.1", "localhost")


def test_the_readme_local_server_example_does_not_get_the_dashscope_key(server: ServerHandle,
                                                                        profile: Path) -> None:
    """`ask --protocol compatible --base-url http://localhost:8000/v1` with DASHSCOPE_API_KEY set."""
    server.clear()
    outcome = ask(profile, local(server, "compatible_power_21") + "/v1", "--protocol", "compatible", key_hosts="")
    assert (outcome.status, outcome.stderr) == (0, ""), outcome.stderr
    [request] = server.requests()
    assert "authorization" not in request["headers"]
    assert KEY not in json.dumps(request)


@pytest.mark.parametrize("how", ["--base-url", "first profile in settings.ini", "named profile"])
def test_the_native_protocol_to_another_host_says_why_there_is_no_key(how: str, server: ServerHandle,
                                                                     profile: Path) -> None:
    """Whatever the profile: the first one pointed at a local server is no exception."""
    server.clear()
    base = local(server, "power_21")
    if how == "--base-url":
        outcome = ask(profile, base, key_hosts="")
    else:
        from desktop.config import CUSTOM, Connection
        from desktop.settings import Settings, SettingsStore

        ours = Connection(region=CUSTOM, custom_base_url=base)
        if how.startswith("first"):
            SettingsStore(profile).save(Settings(connections=(ours,)))
        else:
            gateway = Connection(id="gw", name="Gateway", region=CUSTOM, custom_base_url=base)
            SettingsStore(profile).save(Settings(connections=(Connection(), gateway), active="gw"))
        outcome = ask(profile, None, key_hosts="")
    assert_failed(outcome, 2, r"MissingApiKey \(no HTTP status\): DASHSCOPE_API_KEY is set, but it is only ever "
                  r"sent to DashScope's own hosts, and localhost is not one\. .+ add it to DASHCHAT_KEY_HOSTS\.", "")
    assert server.requests() == []  # nothing was sent at all


def test_a_host_the_user_lists_gets_the_key(server: ServerHandle, profile: Path) -> None:
    server.clear()
    outcome = ask(profile, local(server, "power_21"), key_hosts=f"localhost:{server.port}")
    assert (outcome.status, outcome.stdout) == (0, ask_output("power_21")), outcome.stderr
    assert server.requests()[0]["headers"]["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize("tail", [4, 6, 12])
def test_an_echoed_tail_of_the_key_is_shown_and_stored_nowhere(tail: int, server: ServerHandle, profile: Path,
                                                               tmp_path: Path) -> None:
    export = tmp_path / "t.json"
    outcome = ask(profile, server.base(f"echo_key,tail={tail}"), "--export", str(export))
    assert_failed(outcome, 1, r"InvalidApiKey\.\[redacted\] \(HTTP 401\): Invalid API-key provided: the key ending "
                  r"in \[redacted\] is not valid here\. \[request req-\[redacted\]\]", "add one to this connection")
    assert_nowhere(profile, outcome, [KEY, KEY[-tail:], KEY[-4:]])
    assert KEY[-4:] not in export.read_text(encoding="utf-8")
    assert KEY[-4:] not in log_text(profile) and "code=InvalidApiKey.[redacted]" in log_text(profile)


def test_credentials_in_the_base_url_are_written_nowhere(server: ServerHandle, profile: Path,
                                                         tmp_path: Path) -> None:
    password = "Gw-Pa55word-77"
    base = server.base("power_21").replace("http://", f"http://gwuser:{password}@")
    export = tmp_path / "t.md"
    outcome = ask(profile, base, "--export", str(export))
    assert outcome.status == 0, outcome.stderr
    # httpx's own "HTTP Request: POST <url>" line quotes the URL: its user info is redacted.
    text = log_text(profile)
    assert "HTTP Request: POST http://[redacted]@127.0.0.1:" in text and "gwuser" not in text
    failing = ask(profile, base.replace("power_21", "http_error,status=503"), "--continue")
    assert failing.status == 1
    assert_nowhere(profile, failing, [password, KEY])
    assert_nowhere(profile, outcome, [password, KEY])
    assert password not in export.read_text(encoding="utf-8")


# --------------------------------------------------------------------- scrub, in process

def test_scrub_takes_out_the_key_and_every_tail_of_four_or_more() -> None:
    from desktop.protocol.client import scrub

    key = ApiKey("sk-scrub0123456789abcdWXYZ")
    error = ServiceError(
        "Bad.WXYZ", "key sk-scrub0123456789abcdWXYZ, or …cdWXYZ, or XYZ, at http://u:p@gw.example/x", 401,
        "rid-dWXYZ")
    clean = scrub(error, key)
    assert clean.code == "Bad.[redacted]"
    assert clean.message == "key [redacted], or …[redacted], or XYZ, at http://[redacted]@gw.example/x"
    assert clean.request_id == "rid-[redacted]"
    untouched = ServiceError("InternalError", "nothing to hide", 500, "req-1")
    assert scrub(untouched, key) is untouched
