"""Certificates, for real: the loopback stand-in speaks HTTPS with certificates made by trustme
(valid, expired, for another host), and `dashchat ask` runs as a real process against it.

What the README promises: verification is always on, against the OS trust store (truststore);
SSL_CERT_FILE and SSL_CERT_DIR *add* CAs to that store; certifi stands in where truststore
cannot load. Each failure ends in one line (exit 1, or 2 for an unusable SSL_CERT_FILE) with a
hint that fits it, and nothing is sent before the certificate is accepted.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from desktop.protocol import trust
from tests.support.asking import KEY, ask, assert_failed, log_text
from tests.support.certs import TestCA
from tests.support.fixtures import ServerHandle
from tests.wire import ask_output


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> TestCA:
    return TestCA(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def valid(ca: TestCA) -> Iterator[ServerHandle]:
    with ca.server("valid") as handle:
        yield handle


def where(handle: ServerHandle) -> str:
    return f"127\\.0\\.0\\.1:{handle.port}"


def test_a_server_whose_ca_is_not_trusted_is_refused_before_anything_is_sent(valid: ServerHandle,
                                                                               profile: Path) -> None:
    # The stand-in sends its chain up to the test CA (OpenSSL names the root it does not trust).
    valid.clear()
    outcome = ask(profile, valid.base("power_21"))
    assert_failed(outcome, 1, rf"TLSError \(no HTTP status\): The TLS certificate of {where(valid)} could not be "
                  r"verified \(self-signed certificate in certificate chain\); nothing was sent\.", "SSL_CERT_FILE")
    assert "it is added to the system's" in outcome.hint  # what SSL_CERT_FILE does, said where it helps
    assert valid.requests() == []


def test_ssl_cert_file_adds_the_test_ca(valid: ServerHandle, ca: TestCA, profile: Path) -> None:
    valid.clear()
    outcome = ask(profile, valid.base("power_21"), SSL_CERT_FILE=str(ca.file))
    assert (outcome.status, outcome.stderr) == (0, "")
    assert outcome.stdout == ask_output("power_21")
    [request] = valid.requests()
    assert request["headers"]["authorization"] == f"Bearer {KEY}"


def test_ssl_cert_dir_adds_a_directory_of_pem_files(valid: ServerHandle, ca: TestCA, profile: Path,
                                                    tmp_path: Path) -> None:
    # Not hashed (no c_rehash), with a file that is no certificate beside it: every PEM file counts.
    directory = tmp_path / "cas"
    directory.mkdir()
    shutil.copy(ca.file, directory / "company-root.pem")
    (directory / "README").write_text("not a certificate\n")
    outcome = ask(profile, valid.base("power_21"), SSL_CERT_DIR=str(directory))
    assert (outcome.status, outcome.stderr) == (0, "")
    assert outcome.stdout == ask_output("power_21")


def test_an_expired_certificate_is_named_with_a_hint_about_dates(ca: TestCA, profile: Path) -> None:
    with ca.server("expired") as expired:
        outcome = ask(profile, expired.base("power_21"), SSL_CERT_FILE=str(ca.file))
    assert_failed(outcome, 1, rf"TLSError \(no HTTP status\): The TLS certificate of {where(expired)} could not "
                  r"be verified \(certificate has expired\); nothing was sent\.", "has expired")
    assert "clock" in outcome.hint


def test_a_certificate_for_another_host_is_named_with_a_hint_about_names(ca: TestCA, profile: Path) -> None:
    with ca.server("other-host") as other:
        outcome = ask(profile, other.base("power_21"), SSL_CERT_FILE=str(ca.file))
    # OpenSSL 3 says "IP address mismatch" for an address, "Hostname mismatch" for a name.
    assert_failed(outcome, 1, rf"TLSError \(no HTTP status\): The TLS certificate of {where(other)} could not "
                  r"be verified \((IP address|Hostname) mismatch, certificate is not valid for '127\.0\.0\.1'\.?\); "
                  r"nothing was sent\.", "made for another name")


def test_an_unusable_ssl_cert_file_is_a_setup_error(valid: ServerHandle, profile: Path, tmp_path: Path) -> None:
    valid.clear()
    missing = tmp_path / "no-such-bundle.pem"
    outcome = ask(profile, valid.base("power_21"), SSL_CERT_FILE=str(missing))
    assert_failed(outcome, 2, rf"InvalidCertificates \(no HTTP status\): SSL_CERT_FILE names {missing}, which does "
                  r"not exist\.", "PEM file")
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    outcome = ask(profile, valid.base("power_21"), SSL_CERT_FILE=str(garbage))
    assert_failed(outcome, 2, rf"InvalidCertificates \(no HTTP status\): SSL_CERT_FILE names {garbage}, which "
                  r"holds no usable PEM certificate \(.+\)\.", "PEM file")
    assert valid.requests() == []


def test_the_log_says_nothing_secret_about_a_tls_failure(valid: ServerHandle, profile: Path) -> None:
    ask(profile, valid.base("power_21"))
    text = log_text(profile)
    assert "code=TLSError" in text and KEY not in text


# ----------------------------------------------------------------- the context itself, in process

def handshake(context: ssl.SSLContext, leaf: trustme.LeafCert, host: str = "127.0.0.1") -> None:
    """A TLS handshake over a socket pair against a server presenting `leaf`: returns, or
    raises the client's verification error."""
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    leaf.configure_cert(server_side)
    ours, theirs = socket.socketpair()

    def serve() -> None:
        try:
            with server_side.wrap_socket(theirs, server_side=True):
                pass
        except (ssl.SSLError, OSError):
            pass  # the client refused the certificate

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with context.wrap_socket(ours, server_hostname=host):
            pass
    finally:
        ours.close()
        thread.join(5)
        theirs.close()


@pytest.fixture
def fake_system_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> trustme.CA:
    """A CA standing in for the system's bundle: OpenSSL's compiled-in default file points at it
    (the one thing trust.py loads explicitly when SSL_CERT_FILE is set)."""
    system = trustme.CA(organization_name="stand-in system CA")
    bundle = tmp_path / "system-bundle.pem"
    system.cert_pem.write_to_path(str(bundle))
    real = ssl.get_default_verify_paths()
    monkeypatch.setattr(ssl, "get_default_verify_paths",
                        lambda: real._replace(openssl_cafile=str(bundle), openssl_capath=str(tmp_path / "none")))
    return system


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the Linux (OpenSSL) side of truststore")
def test_ssl_cert_file_adds_to_the_system_store_rather_than_replacing_it(
        ca: TestCA, fake_system_store: trustme.CA, monkeypatch: pytest.MonkeyPatch) -> None:
    # OpenSSL itself reads SSL_CERT_FILE as a replacement: set, it hides the system bundle.
    monkeypatch.setenv("SSL_CERT_FILE", str(ca.file))
    context = trust.trust_context({"SSL_CERT_FILE": str(ca.file)})
    assert type(context).__module__.startswith("truststore")  # the OS store, through truststore
    handshake(context, ca.ca.issue_cert("127.0.0.1"))  # the added CA
    handshake(context, fake_system_store.issue_cert("127.0.0.1"))  # and still the system's
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(context, trustme.CA().issue_cert("127.0.0.1"))  # nothing else


def test_without_truststore_certifi_stands_in_with_the_same_additions(
        ca: TestCA, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "truststore", None)  # importing it now fails
    context = trust.trust_context({"SSL_CERT_FILE": str(ca.file)})
    assert type(context) is ssl.SSLContext
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    import certifi

    assert len(context.get_ca_certs()) == len(ssl.create_default_context(cafile=certifi.where()).get_ca_certs()) + 1
    handshake(context, ca.ca.issue_cert("127.0.0.1"))
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(context, trustme.CA().issue_cert("127.0.0.1"))


def test_host_names_are_checked_whatever_the_store(ca: TestCA) -> None:
    context = trust.trust_context({"SSL_CERT_FILE": str(ca.file)})
    with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
        handshake(context, ca.ca.issue_cert("dashscope.example.org"), host="127.0.0.1")


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the Linux (OpenSSL) side of truststore")
def test_variables_naming_the_system_store_itself_are_not_loaded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many machines set SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt and SSL_CERT_DIR=/etc/ssl/certs:
    loading those 300 files one by one again cost ~0.1 s per client, for nothing."""
    defaults = ssl.get_default_verify_paths()
    bundle = next((p for p in (defaults.openssl_cafile, "/etc/ssl/certs/ca-certificates.crt") if p and
                   Path(p).is_file()), None)
    directory = defaults.openssl_capath if defaults.openssl_capath and Path(defaults.openssl_capath).is_dir() else None
    if bundle is None or directory is None:
        pytest.skip("no system CA bundle and directory here")

    def refuse(*args: object) -> None:
        raise AssertionError("the system store was loaded again")

    monkeypatch.setattr(trust, "_load_file", refuse)
    monkeypatch.setattr(trust, "_load_dir", refuse)
    monkeypatch.setattr(trust, "_load_system_bundle", refuse)
    context = trust.trust_context({"SSL_CERT_FILE": str(Path(bundle).resolve()), "SSL_CERT_DIR": directory})
    assert context.verify_mode is ssl.CERT_REQUIRED
