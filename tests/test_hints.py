"""hint_for: what the user can do about each failure, as the terminal and the window show it."""

from __future__ import annotations

import pytest

from desktop.protocol.errors import ErrorKind, ServiceError
from desktop.protocol.hints import hint_for, region_of
from desktop.protocol.request import REGIONS

BEIJING = REGIONS["beijing"]
SINGAPORE = REGIONS["singapore"]
US = REGIONS["us-virginia"]
GATEWAY = "https://gw.example.com/dashscope"


def err(code: str, status: int | None, kind: ErrorKind = ErrorKind.SERVICE) -> ServiceError:
    return ServiceError(code, "message", status, "req-1", kind)


@pytest.mark.parametrize(("url", "region"), [
    (BEIJING, "beijing"), (BEIJING + "/", "beijing"), ("HTTPS://DashScope.AliyunCS.com", "beijing"),
    (SINGAPORE, "singapore"), (US + "/api", "us-virginia"), (GATEWAY, None), ("http://127.0.0.1:8000", None),
    ("not a url", None), ("http://[::1", None),
])
def test_region_of_base_url(url: str, region: str | None) -> None:
    assert region_of(url) == region


@pytest.mark.parametrize(("base", "name"), [(SINGAPORE, "Singapore"), (US, "US (Virginia)")])
def test_401_against_another_region_says_beijing_and_region_bound_keys(base: str, name: str) -> None:
    hint = hint_for(err("InvalidApiKey", 401), base)
    assert hint is not None
    assert "documented for the Beijing region" in hint and f"is the {name} region" in hint
    assert "bound to the region they were created in" in hint and BEIJING in hint


def test_401_in_beijing_says_keys_are_region_bound() -> None:
    hint = hint_for(err("InvalidApiKey", 401), BEIJING)
    assert hint is not None and "bound to the region" in hint
    assert "this base URL is the" not in hint  # no wrong claim about the region in use


@pytest.mark.parametrize("base", [GATEWAY, "http://localhost:8000/v1", "http://127.0.0.1:8000"])
@pytest.mark.parametrize("protocol", ["native", "compatible"])
def test_401_from_any_other_host_gets_no_region_advice(base: str, protocol: str) -> None:
    """Regions and Beijing are DashScope's; a gateway or a local server has its own keys (and
    DASHSCOPE_API_KEY never goes there), whichever protocol it speaks."""
    for code in ("InvalidApiKey", "Unauthorized", "HTTP401"):
        hint = hint_for(err(code, 401), base, protocol)
        assert hint is not None and "add one to this connection profile" in hint
        assert "region" not in hint and "Beijing" not in hint and "DASHSCOPE_API_KEY goes only" in hint


def test_an_unlabelled_401_from_the_service_is_an_auth_problem_too() -> None:
    hint = hint_for(err("Unauthorized", 401), BEIJING)
    assert hint is not None and "API key" in hint


@pytest.mark.parametrize(("code", "status", "phrases"), [
    ("Arrearage", 400, ["overdue payment", "Billing"]),
    ("DataInspectionFailed", 400, ["content inspection", "Rephrase"]),
    ("Throttling", 429, ["wait", "retry"]),
    ("Throttling.RateQuota", 429, ["wait", "retry"]),
    ("Throttling.BurstRate", 429, ["too quickly", "retry"]),
    ("Throttling.AllocationQuota", 429, ["quota", "console"]),
    ("AccessDenied", 403, ["activated"]),
    ("ModelNotFound", 404, ["model name"]),
    ("InvalidParameter", 400, ["parameter"]),
    ("InternalError", 500, ["retry", "request id"]),
    ("ModelUnavailable", 503, ["retry in a minute"]),
    ("HTTP502", 502, ["did not come from DashScope", "proxy"]),
    ("HTTP429", 429, ["wait"]),
    ("NotAnEventStream", 200, ["captive portal"]),
    ("ConnectionFailed", None, ["base URL", "proxy"]),
    ("ConnectTimeout", None, ["firewall"]),
    ("ProxyError", None, ["HTTPS_PROXY"]),
    ("DNSFailure", None, ["typos"]),
    ("TLSError", None, ["SSL_CERT_FILE", "always on"]),
    ("IdleTimeout", 200, ["idle timeout"]),
    ("ConnectionDropped", 200, ["kept", "retry"]),
    ("IncompleteStream", 200, ["kept", "retry"]),
    ("MalformedFrame", 200, ["kept", "retry"]),
    ("InvalidURL", None, ["https://"]),
])
def test_each_failure_has_an_actionable_hint(code: str, status: int | None, phrases: list[str]) -> None:
    hint = hint_for(err(code, status), BEIJING)
    assert hint is not None
    for phrase in phrases:
        assert phrase in hint


@pytest.mark.parametrize("code", ["AccessDenied", "ModelNotFound"])
def test_403_and_404_in_another_region_point_at_beijing(code: str) -> None:
    hint = hint_for(err(code, 403 if code == "AccessDenied" else 404), SINGAPORE)
    assert hint is not None and "Beijing" in hint and "Singapore" in hint


@pytest.mark.parametrize(("code", "status"), [("MissingApiKey", None), ("InvalidApiKeyFormat", None),
                                              ("HTTP301", 301), ("SomethingNew", None)])
def test_no_hint_when_there_is_nothing_to_add(code: str, status: int | None) -> None:
    assert hint_for(err(code, status, ErrorKind.CONFIG), BEIJING) is None


def test_hints_are_one_line_and_never_repeat_the_message() -> None:
    for code, status in [("InvalidApiKey", 401), ("Arrearage", 400), ("TLSError", None), ("HTTP502", 502)]:
        for base in (BEIJING, SINGAPORE, GATEWAY):
            hint = hint_for(ServiceError(code, "UNIQUE-MESSAGE", status), base)
            assert hint is not None and "\n" not in hint and "UNIQUE-MESSAGE" not in hint


LOCAL = "http://127.0.0.1:8000/v1"


@pytest.mark.parametrize(("code", "status", "phrase"), [
    ("invalid_api_key", 401, "add one to this connection profile"),
    ("HTTP401", 401, "add one to this connection profile"),
    ("NotFoundError", 404, "/v1/models"),
    ("HTTP405", 405, "usually ending in /v1"),
])
def test_a_compatible_server_that_is_not_dashscope_gets_its_own_hints(code: str, status: int, phrase: str) -> None:
    hint = hint_for(ServiceError(code, "m", status, None), LOCAL, "compatible")
    assert hint is not None and phrase in hint
    assert "region" not in hint and "Model Studio" not in hint


def test_dashscope_compatible_mode_keeps_the_dashscope_hints() -> None:
    hint = hint_for(ServiceError("invalid_api_key", "m", 401, None), SINGAPORE, "compatible")
    assert hint is not None and "Beijing" in hint
    # Throttling and the rest are the same whatever the server.
    assert hint_for(ServiceError("limit_requests", "m", 429, None), LOCAL, "compatible") == hint_for(
        ServiceError("limit_requests", "m", 429, None), BEIJING)
