"""Which certificate authorities TLS trusts: the operating system's, plus any the user adds.

- By default the OS trust store, through truststore: the Keychain on macOS, the Windows
  certificate store, the system bundle on Linux and the BSDs (so a CA that IT installed on the
  machine is trusted, as in the browser).
- SSL_CERT_FILE (a PEM bundle) and SSL_CERT_DIR (a directory of PEM files) add to that store;
  they never replace it. OpenSSL reads the same variables as a replacement, which would drop
  the system's CAs on Linux, so there the system bundle is loaded explicitly beside them.
- Where truststore cannot load (too old an OS, no ctypes), certifi's bundle stands in for the
  OS store, with the same additions.

Verification is always on; nothing here can turn it off.
"""

from __future__ import annotations

import os
import ssl
import sys
from collections.abc import Mapping
from pathlib import Path

from .codes import Code
from .errors import ErrorKind, ServiceError, SetupError

# Where Linux distributions keep the system bundle, for an OpenSSL built with another default
# directory (a relocatable Python); the same candidates truststore itself tries.
_SYSTEM_BUNDLES = ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
                   "/etc/pki/tls/cert.pem", "/etc/ssl/cert.pem", "/etc/ssl/ca-bundle.pem")


class TrustConfigError(SetupError):
    """SSL_CERT_FILE or SSL_CERT_DIR names something that holds no usable certificate."""


def trust_context(environ: Mapping[str, str] | None = None) -> ssl.SSLContext:
    """A client context that verifies certificates and host names. Raises TrustConfigError."""
    env = os.environ if environ is None else environ
    extra_file = env.get("SSL_CERT_FILE", "").strip()
    extra_dir = env.get("SSL_CERT_DIR", "").strip()
    context = _truststore_context()
    if context is None:
        import certifi

        context = ssl.create_default_context(cafile=certifi.where())
    elif sys.platform not in ("darwin", "win32"):
        # Many systems point these variables at the system store itself (/etc/ssl/certs):
        # that adds nothing, and loading 300 files one by one would cost ~0.1 s per client.
        system = _system_store_paths()
        extra_file = "" if extra_file and os.path.realpath(extra_file) in system else extra_file
        extra_dir = "" if extra_dir and os.path.realpath(extra_dir) in system else extra_dir
        if extra_file or extra_dir:
            _load_system_bundle(context)
    if extra_file:
        _load_file(context, Path(extra_file), "SSL_CERT_FILE")
    if extra_dir:
        _load_dir(context, Path(extra_dir))
    return context


def _system_store_paths() -> set[str]:
    defaults = ssl.get_default_verify_paths()
    paths = (defaults.openssl_cafile, defaults.openssl_capath, *_SYSTEM_BUNDLES, os.path.dirname(_SYSTEM_BUNDLES[0]))
    return {os.path.realpath(path) for path in paths if path and os.path.exists(path)}


def _truststore_context() -> ssl.SSLContext | None:
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception:  # noqa: BLE001 - ImportError, OSError from ctypes, an unsupported OS: certifi then
        return None


def _load_system_bundle(context: ssl.SSLContext) -> None:
    defaults = ssl.get_default_verify_paths()
    # The compiled-in paths, which do not follow SSL_CERT_FILE / SSL_CERT_DIR.
    for path in (defaults.openssl_cafile, *_SYSTEM_BUNDLES):
        if path and os.path.isfile(path):
            context.load_verify_locations(cafile=path)
            break
    if defaults.openssl_capath and os.path.isdir(defaults.openssl_capath):
        context.load_verify_locations(capath=defaults.openssl_capath)


def _refuse(message: str) -> TrustConfigError:
    return TrustConfigError(ServiceError(Code.INVALID_CERTIFICATES, message, None, None, ErrorKind.CONFIG))


def _load_file(context: ssl.SSLContext, path: Path, variable: str) -> None:
    try:
        context.load_verify_locations(cafile=str(path))
    except FileNotFoundError:
        raise _refuse(f"{variable} names {path}, which does not exist.") from None
    except (OSError, ssl.SSLError) as exc:
        why = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or str(exc)
        raise _refuse(f"{variable} names {path}, which holds no usable PEM certificate ({why}).") from None


def _load_dir(context: ssl.SSLContext, directory: Path) -> None:
    # Each file is loaded rather than the directory handed to OpenSSL: truststore on macOS and
    # Windows only sees certificates loaded this way, and the directory need not be hashed.
    if not directory.is_dir():
        raise _refuse(f"SSL_CERT_DIR names {directory}, which is not a directory.")
    loaded = 0
    for path in sorted(directory.iterdir()):
        if path.is_file():
            try:
                context.load_verify_locations(cafile=str(path))
                loaded += 1
            except (OSError, ssl.SSLError):
                continue  # a README, a CRL or a key beside the certificates
    if not loaded:
        raise _refuse(f"SSL_CERT_DIR names {directory}, which holds no PEM certificate.")
