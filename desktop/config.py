"""Where things live and what the next request uses. No Qt: the terminal and the window share it."""

from __future__ import annotations

from pathlib import Path

# NATIVE, COMPATIBLE, PROTOCOLS, CUSTOM and is_dashscope are the app's names too (re-exported).
from .protocol import COMPATIBLE as COMPATIBLE
from .protocol import CUSTOM as CUSTOM
from .protocol import DEFAULT_BASE_URL, DEFAULT_MODEL, DEFAULT_REGION, REGIONS, GenerationOptions, Timeouts, spec_of
from .protocol import NATIVE as NATIVE
from .protocol import PROTOCOLS as PROTOCOLS
from .protocol import is_dashscope as is_dashscope
from .records import Record

APP_NAME = "dashchat"

DEFAULT_CONNECTION = "default"


def key_required(protocol: str, base_url: str) -> bool:
    """DashScope always needs a key; a local or third-party OpenAI-compatible server may not
    (vLLM and Ollama accept requests without one), so there a missing key is not an error: the
    request goes without an Authorization header and the server says if it wants one."""
    return (protocol in PROTOCOLS and spec_of(protocol).always_needs_key) or is_dashscope(base_url)


class Connection(Record):
    """A connection profile: where requests go, how they are spoken, which model answers. Its
    key lives in the OS keyring under the profile's id (desktop/keys.py), never here. A Record
    (desktop/records.py), not a frozen dataclass: made before the window's first frame; copied
    with `replaced()`."""

    __slots__ = ("id", "name", "protocol", "region", "custom_base_url", "model")
    __match_args__ = ("id", "name", "protocol", "region", "custom_base_url", "model")
    id: str
    name: str
    protocol: str
    region: str  # or CUSTOM
    custom_base_url: str
    model: str

    def __init__(self, id: str = DEFAULT_CONNECTION, name: str = "DashScope", protocol: str = NATIVE,  # noqa: A002
                 region: str = DEFAULT_REGION, custom_base_url: str = "", model: str = DEFAULT_MODEL) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "protocol", protocol)
        object.__setattr__(self, "region", region)
        object.__setattr__(self, "custom_base_url", custom_base_url)
        object.__setattr__(self, "model", model)

    @property
    def base_url(self) -> str:
        if self.region == CUSTOM and self.custom_base_url.strip():
            return self.custom_base_url.strip()
        return REGIONS.get(self.region, DEFAULT_BASE_URL)


def default_profile() -> Path:
    # Per-user data dir: ~/.local/share/dashchat, ~/Library/Application Support/dashchat,
    # %LOCALAPPDATA%\dashchat. Imported here: a run given --profile never needs it.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class Config(Record):
    """What one run uses: where its profile lives and what the next request is sent with. A
    Record (desktop/records.py), not a dataclass: made before the window's first frame; copied
    with `replaced()`."""

    __slots__ = ("profile", "base_url", "options", "timeouts", "proxy", "demo", "protocol", "connection",
                 "connection_id")
    __match_args__ = ("profile", "base_url", "options", "timeouts", "proxy", "demo", "protocol", "connection",
                      "connection_id")
    profile: Path
    base_url: str
    options: GenerationOptions
    timeouts: Timeouts
    proxy: str | None  # None: the system's proxy settings
    demo: bool
    protocol: str
    connection: str  # the connection profile's name, recorded with each turn
    connection_id: str  # whose key in the keyring

    def __init__(self, profile: Path | None = None, base_url: str = DEFAULT_BASE_URL,
                 options: GenerationOptions | None = None, timeouts: Timeouts | None = None, proxy: str | None = None,
                 demo: bool = False, protocol: str = NATIVE, connection: str = "",
                 connection_id: str = DEFAULT_CONNECTION) -> None:
        object.__setattr__(self, "profile", default_profile() if profile is None else profile)
        object.__setattr__(self, "base_url", base_url)
        object.__setattr__(self, "options", GenerationOptions() if options is None else options)
        object.__setattr__(self, "timeouts", Timeouts() if timeouts is None else timeouts)
        object.__setattr__(self, "proxy", proxy)
        object.__setattr__(self, "demo", demo)
        object.__setattr__(self, "protocol", protocol)
        object.__setattr__(self, "connection", connection)
        object.__setattr__(self, "connection_id", connection_id)

    @property
    def key_required(self) -> bool:
        return key_required(self.protocol, self.base_url)

    @property
    def history_path(self) -> Path:
        return self.profile / "history.sqlite3"

