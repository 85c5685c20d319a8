"""Failures as the user should read them: the service's code, its HTTP status, its request id."""

from __future__ import annotations

from enum import StrEnum

from ..records import Record


class ErrorKind(StrEnum):
    SERVICE = "service"  # the service answered with an error code
    NETWORK = "network"  # no answer, or the connection broke
    PROTOCOL = "protocol"  # an answer we cannot read
    CONFIG = "config"  # nothing was sent: the request could not be made


class ServiceError(Record):
    """One failure of one request. Safe to show and to store: never holds the API key."""

    __slots__ = ("code", "message", "http_status", "request_id", "kind")
    __match_args__ = ("code", "message", "http_status", "request_id", "kind")
    code: str
    message: str
    http_status: int | None
    request_id: str | None
    kind: ErrorKind

    def __init__(self, code: str, message: str, http_status: int | None = None, request_id: str | None = None,
                 kind: ErrorKind = ErrorKind.SERVICE) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "http_status", http_status)
        object.__setattr__(self, "request_id", request_id)
        object.__setattr__(self, "kind", kind)
        self.__post_init__()

    def __post_init__(self) -> None:
        if type(self.code) is not str:  # a codes.Code: stored and exported as its plain string
            object.__setattr__(self, "code", str(self.code))

    def __str__(self) -> str:
        return f"{self.headline()}: {self.details()}"

    def headline(self) -> str:
        """"Throttling.RateQuota (HTTP 429)": the code, once, and the real status."""
        status = f"HTTP {self.http_status}" if self.http_status is not None else "no HTTP status"
        return f"{self.code} ({status})"

    def details(self) -> str:
        """The message and the request id, for a view that sets the headline apart."""
        return f"{self.message} [request {self.request_id}]" if self.request_id else self.message

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "http_status": self.http_status,
            "request_id": self.request_id,
            "kind": str(self.kind),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ServiceError:
        status = data.get("http_status")
        request_id = data.get("request_id")
        try:
            kind = ErrorKind(str(data.get("kind", ErrorKind.SERVICE)))
        except ValueError:
            kind = ErrorKind.SERVICE
        return cls(
            code=str(data.get("code") or "Unknown"),
            message=str(data.get("message") or ""),
            http_status=status if isinstance(status, int) else None,
            request_id=request_id if isinstance(request_id, str) else None,
            kind=kind,
        )


class SetupError(ValueError):
    """A setting that makes every request impossible (a proxy, a CA bundle), found before
    anything is sent; `error` (ErrorKind.CONFIG) is what the user reads."""

    def __init__(self, error: ServiceError) -> None:
        super().__init__(error.message)
        self.error = error
