"""A throwaway self-signed certificate for the test server's `--tls` mode.

Made with the `cryptography` package when it is installed, else with `openssl req`. The
certificate names 127.0.0.1 and localhost and is its own CA, so a client that trusts it (via
`SSL_CERT_FILE`) verifies the server, and any other client fails verification, as it must.
A test that needs another certificate (expired, for another host, from its own CA) writes it
into the directory first.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

CERT_NAME = "cert.pem"
KEY_NAME = "key.pem"


def available() -> str | None:
    """How a certificate can be made here ("cryptography" or "openssl"), or None."""
    if importlib.util.find_spec("cryptography") is not None:
        return "cryptography"
    if shutil.which("openssl"):
        return "openssl"
    return None


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """Write cert.pem and key.pem into `directory`; returns their paths. If both are there
    already (a test's own chain, e.g. made by trustme: the leaf, then its CA), they are used as
    they are."""
    directory.mkdir(parents=True, exist_ok=True)
    cert, key = directory / CERT_NAME, directory / KEY_NAME
    if cert.is_file() and key.is_file():
        return cert, key
    how = available()
    if how == "cryptography":
        _with_cryptography(cert, key)
    elif how == "openssl":
        _with_openssl(cert, key)
    else:
        raise RuntimeError("--tls needs the cryptography package or the openssl command")
    return cert, key


def _with_openssl(cert: Path, key: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=30,
    )


def _with_cryptography(cert_path: Path, key_path: Path) -> None:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
