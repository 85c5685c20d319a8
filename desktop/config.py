"""Where things live and what the next request uses. No Qt: the terminal and the window share it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# NATIVE, COMPATIBLE, PROTOCOLS, CUSTOM and is_dashscope are the app's names too (re-exported).
from .protocol import COMPATIBLE as COMPATIBLE
from .protocol import CUSTOM as CUSTOM
from .protocol import DEFAULT_BASE_URL, DEFAULT_MODEL, DEFAULT_REGION, REGIONS, GenerationOptions, Timeouts, spec_of
from .protocol import NATIVE as NATIVE
from .protocol import PROTOCOLS as PROTOCOLS
from .protocol import is_dashscope as is_dashscope

APP_NAME = "dashchat"

DEFAULT_CONNECTION = "default"


def key_required(protocol: str, base_url: str) -> bool:
    """DashScope always needs a key; a local or third-party OpenAI-compatible server may not
    (vLLM and Ollama accept requests without one), so there a missing key is not an error: the
    request goes without an Authorization header and the server says if it wants one."""
    return (protocol in PROTOCOLS and spec_of(protocol).always_needs_key) or is_dashscope(base_url)


@dataclass(frozen=True)
class Connection:
    """A connection profile: where requests go, how they are spoken, which model answers. Its
    key lives in the OS keyring under the profile's id (desktop/keys.py), never here."""

    id: str = DEFAULT_CONNECTION
    name: str = "DashScope"
    protocol: str = NATIVE
    region: str = DEFAULT_REGION  # or CUSTOM
    custom_base_url: str = ""
    model: str = DEFAULT_MODEL

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


@dataclass(frozen=True)
class Config:
    """What one run uses: where its profile lives and what the next request is sent with.
    (Each dataclass has a docstring: one without gets a generated one, from inspect.signature,
    as its module is imported, a cost paid before the window's first frame.)"""

    profile: Path = field(default_factory=default_profile)
    base_url: str = DEFAULT_BASE_URL
    options: GenerationOptions = field(default_factory=GenerationOptions)
    timeouts: Timeouts = field(default_factory=Timeouts)
    proxy: str | None = None  # None: the system's proxy settings
    demo: bool = False
    protocol: str = NATIVE
    connection: str = ""  # the connection profile's name, recorded with each turn
    connection_id: str = DEFAULT_CONNECTION  # whose key in the keyring

    @property
    def key_required(self) -> bool:
        return key_required(self.protocol, self.base_url)

    @property
    def history_path(self) -> Path:
        return self.profile / "history.sqlite3"

