"""The loopback DashScope stand-in (tests/support/server.py) behind certificates made by trustme:
one test CA, and a server certificate from it that is valid, expired, or made for another host.

    ca = TestCA(directory)                  # ca.file: the CA's PEM, for SSL_CERT_FILE
    with ca.server("valid") as handle: ...  # handle.base(...) speaks HTTPS with that certificate
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import trustme

from tests.support import tls
from tests.support.fixtures import ServerHandle, start_server

KINDS = ("valid", "expired", "other-host")


class TestCA:
    __test__ = False  # not a test class, whatever its name

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.ca = trustme.CA(organization_name="dashchat test CA")
        self.file = directory / "test-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.file))

    def _leaf(self, kind: str) -> trustme.LeafCert:
        now = datetime.datetime.now(datetime.UTC)
        if kind == "valid":
            return self.ca.issue_cert("127.0.0.1", "localhost")
        if kind == "expired":
            return self.ca.issue_cert("127.0.0.1", "localhost", not_before=now - datetime.timedelta(days=30),
                                      not_after=now - datetime.timedelta(days=1))
        if kind == "other-host":
            return self.ca.issue_cert("dashscope.example.org")
        raise ValueError(kind)

    def chain_and_key(self, kind: str) -> tuple[Path, Path]:
        """A `kind` certificate's chain (up to the CA) and key, as files, for another server."""
        leaf = self._leaf(kind)
        chain, key = self.directory / f"{kind}-chain.pem", self.directory / f"{kind}-key.pem"
        chain.write_bytes(b"".join(blob.bytes() for blob in leaf.cert_chain_pems) + self.ca.cert_pem.bytes())
        leaf.private_key_pem.write_to_path(str(key))
        return chain, key

    @contextmanager
    def server(self, kind: str) -> Iterator[ServerHandle]:
        """The stand-in speaking HTTPS with a `kind` certificate (the chain it sends ends in the
        CA, so `handle.cert` verifies it for the control requests of a valid one)."""
        cert_dir = self.directory / kind
        cert_dir.mkdir(exist_ok=True)
        chain, key = self.chain_and_key(kind)
        (cert_dir / tls.CERT_NAME).write_bytes(chain.read_bytes())
        (cert_dir / tls.KEY_NAME).write_bytes(key.read_bytes())
        with start_server(cert_dir=cert_dir) as handle:
            yield handle
