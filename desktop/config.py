"""Where things live and what the next request uses. No Qt: the terminal and the window share it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .protocol.request import DEFAULT_BASE_URL, GenerationOptions, Timeouts

APP_NAME = "dashchat"


def default_profile() -> Path:
    # Per-user data dir: ~/.local/share/dashchat, ~/Library/Application Support/dashchat,
    # %LOCALAPPDATA%\dashchat. Imported here: a run given --profile never needs it.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Config:
    profile: Path = field(default_factory=default_profile)
    base_url: str = DEFAULT_BASE_URL
    options: GenerationOptions = field(default_factory=GenerationOptions)
    timeouts: Timeouts = field(default_factory=Timeouts)
    proxy: str | None = None  # None: the system's proxy settings
    demo: bool = False

    @property
    def history_path(self) -> Path:
        return self.profile / "history.sqlite3"

