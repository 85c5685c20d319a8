"""Protocol layer: requests and streamed events for DashScope. Imports neither Qt nor sqlite."""

from .client import Timeouts, make_client, stream_native
from .errors import ErrorKind, ServiceError
from .events import (
    AnswerDelta,
    CodeCall,
    Event,
    Failed,
    Finished,
    RequestStarted,
    ThinkingDelta,
    Usage,
    UsageUpdate,
)
from .hints import hint_for
from .request import (
    DEFAULT_BASE_URL,
    DEFAULT_MODEL,
    REGIONS,
    GenerationOptions,
    Message,
)
from .secret import ApiKey

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MODEL",
    "REGIONS",
    "AnswerDelta",
    "ApiKey",
    "CodeCall",
    "ErrorKind",
    "Event",
    "Failed",
    "Finished",
    "GenerationOptions",
    "Message",
    "RequestStarted",
    "ServiceError",
    "ThinkingDelta",
    "Timeouts",
    "Usage",
    "UsageUpdate",
    "hint_for",
    "make_client",
    "stream_native",
]
