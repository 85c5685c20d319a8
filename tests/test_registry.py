"""The protocol registry, the region table and dashchat's own error codes: each written once,
and what reads them (the command line, the connection check, the hints, the settings, the
stored errors) gets the same as before."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from desktop.cli.main import build_parser
from desktop.config import CUSTOM, Connection, key_required
from desktop.protocol import (
    COMPATIBLE,
    NATIVE,
    PROTOCOLS,
    REGION_LABELS,
    Code,
    ErrorKind,
    ServiceError,
    hint_for,
    region_of,
    spec_of,
)
from desktop.protocol import regions as region_table
from desktop.protocol.check import compatible_reply, native_reply
from desktop.ui import i18n


def test_stored_codes_are_the_plain_strings_they_always_were() -> None:
    error = ServiceError(Code.IDLE_TIMEOUT, "quiet for too long", None, "req-1", ErrorKind.NETWORK)
    assert type(error.code) is str and error.code == "IdleTimeout"
    stored = json.dumps(error.to_dict())
    assert '"code": "IdleTimeout"' in stored
    assert ServiceError.from_dict(json.loads(stored)) == error
    assert str(error) == "IdleTimeout (no HTTP status): quiet for too long [request req-1]"


def test_the_command_line_offers_the_registry_protocols() -> None:
    parser = build_parser()
    assert parser.parse_args(["--protocol", "compatible"]).protocol == COMPATIBLE
    with pytest.raises(SystemExit):
        parser.parse_args(["--protocol", "anthropic"])
    assert PROTOCOLS == (NATIVE, COMPATIBLE)
    def unwrapped(text: str) -> str:  # argparse wraps lines, and after a hyphen too
        return "".join(text.split())

    for protocol in PROTOCOLS:
        assert unwrapped(f"{protocol}: {spec_of(protocol).summary}") in unwrapped(parser.format_help())


@pytest.mark.parametrize(("protocol", "base", "url"), [
    (NATIVE, "https://gw.example/p?code=1",
     "https://gw.example/p/api/v1/services/aigc/text-generation/generation?code=1"),
    (COMPATIBLE, "http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1/chat/completions"),
    (COMPATIBLE, "https://dashscope.aliyuncs.com", "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"),
])
def test_each_protocol_builds_its_own_request_url(protocol: str, base: str, url: str) -> None:
    assert spec_of(protocol).url(base) == url


def test_the_connection_check_reads_each_protocol_s_answer() -> None:
    url = "http://127.0.0.1:8000/v1/chat/completions"
    assert native_reply({"output": {"text": "OK"}, "request_id": "r-1"}, url) == (None, "r-1")
    assert compatible_reply({"id": "chatcmpl-1", "choices": []}, url) == (None, "chatcmpl-1")
    error, request_id = compatible_reply({"output": {}}, url)
    assert request_id is None and error is not None and error.code == "UnexpectedResponse"
    assert url in error.message and error.kind is ErrorKind.PROTOCOL
    error, _ = native_reply([], url)
    assert error is not None and error.message == "The server answered 200 but not with a DashScope result."


def test_a_local_server_may_go_without_a_key_but_dashscope_never() -> None:
    assert key_required(NATIVE, "http://127.0.0.1:8000")
    assert not key_required(COMPATIBLE, "http://127.0.0.1:8000/v1")
    assert key_required(COMPATIBLE, "https://dashscope.aliyuncs.com/compatible-mode/v1")
    assert not key_required("unknown", "http://127.0.0.1:8000")


def test_the_region_table_feeds_profiles_and_hints() -> None:
    assert [r.id for r in region_table.ALL] == ["beijing", "singapore", "us-virginia"]
    assert list(REGION_LABELS) == [*(r.id for r in region_table.ALL), CUSTOM]
    for region in region_table.ALL:
        assert Connection(region=region.id).base_url == region.url
        assert region_of(region.url + "/") is region
    assert region_of("https://gw.example") is None
    rejected = ServiceError("InvalidApiKey", "Invalid API-key provided.", 401)
    hint = hint_for(rejected, region_table.SINGAPORE.url)
    assert hint is not None and "this base URL is the Singapore region" in hint
    assert "(Beijing, Singapore or US (Virginia))" in (hint_for(rejected, region_table.BEIJING.url) or "")


def test_every_table_label_is_translated(qapp: QApplication) -> None:
    """The settings' combo boxes translate the tables' labels: each must be in the catalogues."""
    labels = [spec_of(p).label for p in PROTOCOLS] + list(REGION_LABELS.values())
    saved = QLocale()  # install() sets the default locale too: later tests must not inherit Japanese
    translators = i18n.install(qapp, "ja")
    try:
        for label in labels:
            assert QCoreApplication.translate("SettingsDialog", label) != label, label
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(saved)
