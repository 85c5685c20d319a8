"""dashchat's own error codes: the `code` of a `ServiceError` that no server sent.

The service's codes (`InvalidApiKey`, `Throttling.RateQuota`, ...) come from the wire; these
name what dashchat itself found (a refused connection, a cut stream, an unusable proxy, no key).
The values are stored in the history and written to exports: they never change.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # The network, on the way to the server.
    CONNECTION_FAILED = "ConnectionFailed"
    CONNECT_TIMEOUT = "ConnectTimeout"
    DNS_FAILURE = "DNSFailure"
    TLS_ERROR = "TLSError"
    # The stream, once it started.
    IDLE_TIMEOUT = "IdleTimeout"
    CONNECTION_DROPPED = "ConnectionDropped"
    INCOMPLETE_STREAM = "IncompleteStream"
    MALFORMED_FRAME = "MalformedFrame"
    NOT_AN_EVENT_STREAM = "NotAnEventStream"
    UNEXPECTED_RESPONSE = "UnexpectedResponse"
    UNEXPECTED_ERROR = "UnexpectedError"
    UNKNOWN_ERROR = "UnknownError"
    # A proxy between.
    INVALID_PROXY = "InvalidProxy"
    PROXY_AUTH_REQUIRED = "ProxyAuthRequired"
    PROXY_CONNECTION_FAILED = "ProxyConnectionFailed"
    PROXY_DNS_FAILURE = "ProxyDNSFailure"
    PROXY_ERROR = "ProxyError"
    PROXY_TIMEOUT = "ProxyTimeout"
    # Settings that make a request impossible before anything is sent.
    INVALID_URL = "InvalidURL"
    INVALID_CERTIFICATES = "InvalidCertificates"
    INVALID_API_KEY_FORMAT = "InvalidApiKeyFormat"
    MISSING_API_KEY = "MissingApiKey"
    # The OS keyring (desktop/keys.py); a key that cannot be read fails the request with these.
    NO_KEYRING = "NoKeyring"
    INSECURE_KEYRING = "InsecureKeyring"
    KEYRING_LOCKED = "KeyringLocked"
    KEYRING_UNAVAILABLE = "KeyringUnavailable"
    KEYRING_ERROR = "KeyringError"


# Keyring problems that mean nothing can have been stored by dashchat: deleting is then a no-op.
NOTHING_STORED = frozenset({Code.NO_KEYRING, Code.INSECURE_KEYRING})
