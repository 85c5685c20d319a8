"""The log file under the profile, with every secret redacted before it is written.

    setup_logging(profile) -> profile/logs/dashchat.log   (rotating, 1 MB x 3 old files)

Records of the `dashchat` loggers and of httpx/httpcore go there. A filter on the handler
rewrites each record before any formatting reaches the disk: the message with its arguments,
the exception traceback and the stack are rendered, then scrubbed of `Authorization` values,
of anything shaped like a DashScope key (`sk-` and 16+ word characters), of URL query strings
(gateways take tokens there), of the user name and password of any URL (httpx's own
"HTTP Request: POST http://user:pass@host/..." line quotes the base URL whole) and of every
secret registered at runtime (each `ApiKey`, and the password of a base URL or a proxy,
registers itself). No Qt, no sqlite.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from pathlib import Path

from .protocol import redact_userinfo, register_secret, registered_secrets

__all__ = ["LOG_NAME", "RedactingFilter", "redact", "register_secret", "setup_logging"]

LOG_NAME = "dashchat.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
LOGGERS = ("dashchat", "httpx", "httpcore")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"

# "Authorization: Bearer x", "authorization=Bearer x", "'Authorization': 'Bearer x'",
# b"authorization", b"Bearer x" (httpcore's header tuples): the value up to a quote, a comma
# or the end of the line. Bearer tokens on their own too.
_AUTHORIZATION = re.compile(r"""(?i)(authorization['"]?\s*[:=,]\s*(?:b?['"])?)(?!\[redacted\])([^\s'",}\]][^'"\r\n,}\]]*)""")
_BEARER = re.compile(r"(?i)(bearer\s+)(?!\[redacted\])([^\s'\",}\]]+)")
_KEY_SHAPE = re.compile(r"sk-[A-Za-z0-9_\-]{16,}")
# A URL's query string (httpx logs whole URLs): gateways take tokens there.
_QUERY = re.compile(r"""(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#'"]*)\?[^\s#'"]*""")

_lock = threading.Lock()
_installed: logging.Handler | None = None


def redact(text: str) -> str:
    for secret in registered_secrets():
        text = text.replace(secret, REDACTED)
    text = redact_userinfo(text)
    text = _AUTHORIZATION.sub(lambda m: m.group(1) + REDACTED, text)
    text = _BEARER.sub(lambda m: m.group(1) + REDACTED, text)
    text = _QUERY.sub(lambda m: m.group(1) + "?" + REDACTED, text)
    return _KEY_SHAPE.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Renders a record's message, traceback and stack once, redacted; the formatter then uses
    the rendered text (it never formats `exc_info` again once `exc_text` is set)."""

    def __init__(self) -> None:
        super().__init__()
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        # The traceback is now text; dropping the live exception keeps other handlers (and
        # their formatters) from rendering it again, unredacted.
        record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        # A full disk or a read-only profile must not print "--- Logging error ---" and a
        # traceback to stderr: `dashchat ask` promises one error line there. The record is lost.
        pass


def setup_logging(profile: Path, level: int = logging.INFO) -> Path:
    """Send the app's and httpx's log records to `profile/logs/dashchat.log`; returns the path.
    Calling it again (another profile, a test) replaces the earlier file handler. Raises
    OSError only when the logs folder cannot be created."""
    global _installed
    path = profile / "logs" / LOG_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = _QuietRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                        encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    handler.setLevel(level)
    with _lock:
        previous, _installed = _installed, handler
        for name in LOGGERS:
            logger = logging.getLogger(name)
            if previous is not None:
                logger.removeHandler(previous)
            logger.addHandler(handler)
            if logger.level == logging.NOTSET or logger.level > level:
                logger.setLevel(level)
    if previous is not None:
        previous.close()
    return path


def teardown_logging() -> None:
    """Remove and close the file handler (tests; the app keeps it until exit)."""
    global _installed
    with _lock:
        handler, _installed = _installed, None
        if handler is not None:
            for name in LOGGERS:
                logging.getLogger(name).removeHandler(handler)
    if handler is not None:
        handler.close()
