"""Non-secret settings, kept with QSettings in an INI file under the profile.

Only QtCore is used, so `dashchat ask` reads the same settings as the window; it reads a plain
file without loading Qt at all (desktop/ini.py), which starts it ~40 ms sooner. The API key is
never among them: it lives in the OS keyring (desktop/keys.py).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .ini import read_plain_ini
from .protocol.request import DEFAULT_MODEL, REGIONS, GenerationOptions, Timeouts

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

CUSTOM = "custom"
REGION_LABELS = {
    "beijing": "China (Beijing)",
    "singapore": "Singapore",
    "us-virginia": "US (Virginia)",
    CUSTOM: "Custom base URL",
}


@dataclass(frozen=True)
class Settings:
    region: str = "beijing"
    custom_base_url: str = ""
    model: str = DEFAULT_MODEL
    thinking_budget: int | None = None
    connect_timeout: float = Timeouts().connect
    idle_timeout: float = Timeouts().idle
    proxy: str = ""  # empty: the system's proxy settings
    language: str = ""  # empty: the OS's language
    theme: str = ""  # "", "light" or "dark"; empty: the OS's colour scheme

    @property
    def base_url(self) -> str:
        if self.region == CUSTOM and self.custom_base_url.strip():
            return self.custom_base_url.strip()
        return REGIONS.get(self.region, REGIONS["beijing"])

    def config(self, profile: Path, demo: bool = False) -> Config:
        return Config(
            profile=profile,
            base_url=self.base_url,
            options=GenerationOptions(model=self.model or DEFAULT_MODEL, thinking_budget=self.thinking_budget),
            timeouts=Timeouts(connect=self.connect_timeout, idle=self.idle_timeout),
            proxy=self.proxy.strip() or None,
            demo=demo,
        )


class SettingsStore:
    def __init__(self, profile: Path) -> None:
        self.path = profile / "settings.ini"

    def _qsettings(self) -> QSettings:
        from PySide6.QtCore import QSettings

        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def load(self) -> Settings:
        if not self.path.exists():
            return Settings()
        # Before QtCore is loaded (the command line; the window, before it imports Qt), a plain
        # file is read without it.
        q = None if "PySide6.QtCore" in sys.modules else read_plain_ini(self.path)
        q = q or self._qsettings()
        d = Settings()
        region = str(q.value("connection/region", d.region))
        budget = _int(q.value("generation/thinking_budget", 0))
        return Settings(
            region=region if region in REGION_LABELS else d.region,
            custom_base_url=str(q.value("connection/custom_base_url", d.custom_base_url)),
            model=str(q.value("generation/model", d.model)) or d.model,
            thinking_budget=budget if budget and budget > 0 else None,
            connect_timeout=_float(q.value("connection/connect_timeout", d.connect_timeout), d.connect_timeout),
            idle_timeout=_float(q.value("connection/idle_timeout", d.idle_timeout), d.idle_timeout),
            proxy=str(q.value("connection/proxy", d.proxy)),
            language=str(q.value("appearance/language", d.language)),
            theme=str(q.value("appearance/theme", d.theme)),
        )

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        q = self._qsettings()
        q.setValue("connection/region", settings.region)
        q.setValue("connection/custom_base_url", settings.custom_base_url)
        q.setValue("connection/connect_timeout", settings.connect_timeout)
        q.setValue("connection/idle_timeout", settings.idle_timeout)
        q.setValue("connection/proxy", settings.proxy)
        q.setValue("appearance/language", settings.language)
        q.setValue("appearance/theme", settings.theme)
        q.setValue("generation/model", settings.model)
        q.setValue("generation/thinking_budget", settings.thinking_budget or 0)
        q.sync()


def proxy_problem(proxy: str) -> str | None:
    """Why a proxy URL cannot be used, or None."""
    from urllib.parse import urlsplit

    if not proxy.strip():
        return None
    try:
        parts = urlsplit(proxy.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "the proxy is not a valid URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "the proxy must look like http://host:port (HTTP or HTTPS proxies)"
    return None


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _float(value: object, default: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def with_overrides(settings: Settings, base_url: str | None, model: str | None, idle: float | None) -> Settings:
    """Command-line options win over the stored settings, for this run only."""
    if base_url:
        settings = replace(settings, region=CUSTOM, custom_base_url=base_url)
    if model:
        settings = replace(settings, model=model)
    if idle:
        settings = replace(settings, idle_timeout=idle)
    return settings
