"""Non-secret settings, kept with QSettings in an INI file under the profile.

Only QtCore is used, so `dashchat ask` reads the same settings as the window; it reads a plain
file without loading Qt at all (desktop/ini.py), which starts it ~40 ms sooner. The API key is
never among them: it lives in the OS keyring (desktop/keys.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .config import CUSTOM, DEFAULT_CONNECTION, PROTOCOLS, Config, Connection
from .ini import read_plain_ini
from .model.pricing import PriceTable
from .protocol import (
    DEFAULT_MODEL,
    REGION_LABELS,  # the regions a profile may name (desktop/protocol/regions.py)
    GenerationOptions,
    Timeouts,
)
from .records import Record

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from .ini import PlainIni

PRICES_FILE = "prices.json"  # beside settings.ini: a table, which INI keys would mangle


class UnknownConnection(ValueError):
    """A connection profile named on the command line does not exist."""


_TIMEOUTS = Timeouts()


class Settings(Record):
    """The non-secret settings, as stored in the profile's settings.ini. A Record
    (desktop/records.py), not a frozen dataclass: read before the window's first frame (its
    language and theme); copied with `replaced()`."""

    __slots__ = ("connections", "active", "thinking_budget", "connect_timeout", "idle_timeout", "proxy", "language",
                 "theme", "run_python", "run_timeout", "run_network", "enter_sends", "font_zoom")
    __match_args__ = ("connections", "active", "thinking_budget", "connect_timeout", "idle_timeout", "proxy",
                      "language", "theme", "run_python", "run_timeout", "run_network", "enter_sends", "font_zoom")
    connections: tuple[Connection, ...]
    active: str  # the id of the connection the next request uses
    thinking_budget: int | None
    connect_timeout: float
    idle_timeout: float
    proxy: str  # empty: the system's proxy settings
    language: str  # empty: the OS's language
    theme: str  # "", "light" or "dark"; empty: the OS's colour scheme
    # Running executed code locally (desktop/runner): the Python ("" = the default one), the time
    # limit for a run, and whether the code may use the network.
    run_python: str
    run_timeout: float
    run_network: bool
    # The question box: Enter sends (Ctrl+Enter then starts a new line) instead of Ctrl+Enter.
    enter_sends: bool
    # The window's text size, in zoom steps from the default (Ctrl++ / Ctrl+- / Ctrl+0).
    font_zoom: int

    def __init__(self, connections: tuple[Connection, ...] = (Connection(),), active: str = DEFAULT_CONNECTION,
                 thinking_budget: int | None = None, connect_timeout: float = _TIMEOUTS.connect,
                 idle_timeout: float = _TIMEOUTS.idle, proxy: str = "", language: str = "", theme: str = "",
                 run_python: str = "", run_timeout: float = 30.0, run_network: bool = False,
                 enter_sends: bool = False, font_zoom: int = 0) -> None:
        object.__setattr__(self, "connections", connections)
        object.__setattr__(self, "active", active)
        object.__setattr__(self, "thinking_budget", thinking_budget)
        object.__setattr__(self, "connect_timeout", connect_timeout)
        object.__setattr__(self, "idle_timeout", idle_timeout)
        object.__setattr__(self, "proxy", proxy)
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "theme", theme)
        object.__setattr__(self, "run_python", run_python)
        object.__setattr__(self, "run_timeout", run_timeout)
        object.__setattr__(self, "run_network", run_network)
        object.__setattr__(self, "enter_sends", enter_sends)
        object.__setattr__(self, "font_zoom", font_zoom)

    @property
    def connection(self) -> Connection:
        for connection in self.connections:
            if connection.id == self.active:
                return connection
        return self.connections[0] if self.connections else Connection()

    @property
    def base_url(self) -> str:
        return self.connection.base_url

    @property
    def model(self) -> str:
        return self.connection.model

    def find(self, name_or_id: str) -> Connection | None:
        wanted = name_or_id.strip().casefold()
        for connection in self.connections:
            if wanted in (connection.id.casefold(), connection.name.strip().casefold()):
                return connection
        return None

    def with_connection(self, connection: Connection, activate: bool = False) -> Settings:
        """This connection replaces the one with its id, or is added after the others."""
        ids = [c.id for c in self.connections]
        if connection.id in ids:
            connections = tuple(connection if c.id == connection.id else c for c in self.connections)
        else:
            connections = (*self.connections, connection)
        return self.replaced(connections=connections, active=connection.id if activate else self.active)

    def without_connection(self, connection_id: str) -> Settings:
        """The last connection stays; removing the active one activates the first."""
        kept = tuple(c for c in self.connections if c.id != connection_id)
        if not kept:
            return self
        active = self.active if self.active != connection_id else kept[0].id
        return self.replaced(connections=kept, active=active)

    def new_id(self, name: str) -> str:
        """A stable, file-safe id for a new connection named `name` (lowercase ASCII)."""
        stem = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name.lower()).strip("-")
        stem = "-".join(part for part in stem.split("-") if part)[:24] or "connection"
        taken = {c.id for c in self.connections}
        candidate, number = stem, 2
        while candidate in taken:
            candidate, number = f"{stem}-{number}", number + 1
        return candidate

    def config(self, profile: Path, demo: bool = False) -> Config:
        connection = self.connection
        return Config(
            profile=profile,
            base_url=connection.base_url,
            options=GenerationOptions(model=connection.model or DEFAULT_MODEL, thinking_budget=self.thinking_budget),
            timeouts=Timeouts(connect=self.connect_timeout, idle=self.idle_timeout),
            proxy=self.proxy.strip() or None,
            demo=demo,
            protocol=connection.protocol,
            connection=connection.name,
            connection_id=connection.id,
        )


class SettingsStore:
    def __init__(self, profile: Path) -> None:
        self.path = profile / "settings.ini"
        self.prices_path = profile / PRICES_FILE

    def load_prices(self) -> PriceTable:
        """The user's price table (empty until they fill it in; see desktop/model/pricing.py)."""
        try:
            return PriceTable.from_json(self.prices_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return PriceTable()

    def save_prices(self, table: PriceTable) -> None:
        """Raises OSError when the file cannot be written; a half-written file never replaces
        the previous one."""
        self.prices_path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.prices_path.with_name(self.prices_path.name + ".partial")
        partial.write_text(table.to_json(), encoding="utf-8")
        partial.replace(self.prices_path)

    def qsettings(self) -> QSettings:
        """The file through QSettings: for writing (every writer syncs at once), or reading
        what the plain reader declines."""
        from PySide6.QtCore import QSettings

        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def reader(self) -> PlainIni | QSettings:
        """The file's values. A plain file (every file dashchat writes) is read without
        QSettings, before Qt is loaded (the command line) and after (the window: QSettings' type
        and its enums cost its first frame, startup.py); every writer syncs, so the file is
        current. Anything else is read by QSettings itself."""
        return read_plain_ini(self.path) or self.qsettings()

    def load(self) -> Settings:
        if not self.path.exists():
            return Settings()
        q = self.reader()
        d = Settings()
        budget = _int(q.value("generation/thinking_budget", 0))
        connections = tuple(_read_connection(q, connection_id) for connection_id in _ids(q))
        active = str(q.value("connections/active", DEFAULT_CONNECTION))
        return Settings(
            connections=connections,
            active=active if any(c.id == active for c in connections) else connections[0].id,
            thinking_budget=budget if budget and budget > 0 else None,
            connect_timeout=_float(q.value("connection/connect_timeout", d.connect_timeout), d.connect_timeout),
            idle_timeout=_float(q.value("connection/idle_timeout", d.idle_timeout), d.idle_timeout),
            proxy=str(q.value("connection/proxy", d.proxy)),
            language=str(q.value("appearance/language", d.language)),
            theme=str(q.value("appearance/theme", d.theme)),
            run_python=str(q.value("run/python", d.run_python) or ""),
            run_timeout=_float(q.value("run/timeout", d.run_timeout), d.run_timeout),
            run_network=_bool(q.value("run/allow_network", "false")),
            enter_sends=_bool(q.value("input/enter_sends", "false")),
            font_zoom=_zoom(q.value("appearance/font_zoom", 0)),
        )

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        q = self.qsettings()
        ids = {c.id for c in settings.connections}
        for group in q.childGroups():  # connections removed since the last save
            if group.startswith("connection.") and group[len("connection."):] not in ids:
                q.remove(group)
        if DEFAULT_CONNECTION not in ids:  # the first profile's keys, shared with older files
            for key in ("connection/name", "connection/protocol", "connection/region", "connection/custom_base_url",
                        "generation/model"):
                q.remove(key)
        q.setValue("connections/order", ",".join(c.id for c in settings.connections))
        q.setValue("connections/active", settings.connection.id)
        for connection in settings.connections:
            section, model_key = _keys_of(connection.id)
            q.setValue(f"{section}/name", connection.name)
            q.setValue(f"{section}/protocol", connection.protocol)
            q.setValue(f"{section}/region", connection.region)
            q.setValue(f"{section}/custom_base_url", connection.custom_base_url)
            q.setValue(model_key, connection.model)
        q.setValue("connection/connect_timeout", settings.connect_timeout)
        q.setValue("connection/idle_timeout", settings.idle_timeout)
        q.setValue("connection/proxy", settings.proxy)
        q.setValue("appearance/language", settings.language)
        q.setValue("appearance/theme", settings.theme)
        q.setValue("generation/thinking_budget", settings.thinking_budget or 0)
        q.setValue("run/python", settings.run_python)
        q.setValue("run/timeout", settings.run_timeout)
        q.setValue("run/allow_network", "true" if settings.run_network else "false")
        q.setValue("input/enter_sends", "true" if settings.enter_sends else "false")
        q.setValue("appearance/font_zoom", _zoom(settings.font_zoom))
        q.sync()


# The first connection keeps the keys settings.ini had before there were connection profiles
# (`[connection]` and `generation/model`), so older files read as that one connection; every
# other connection has a `[connection.<id>]` section of its own.
def _keys_of(connection_id: str) -> tuple[str, str]:
    if connection_id == DEFAULT_CONNECTION:
        return "connection", "generation/model"
    return f"connection.{connection_id}", f"connection.{connection_id}/model"


def _valid_id(connection_id: str) -> bool:
    return bool(connection_id) and all(ch.isascii() and (ch.isalnum() and not ch.isupper() or ch == "-")
                                       for ch in connection_id)


def _ids(q: PlainIni | QSettings) -> list[str]:
    order = str(q.value("connections/order", DEFAULT_CONNECTION))
    ids: list[str] = []
    for connection_id in (part.strip() for part in order.split(",")):
        if _valid_id(connection_id) and connection_id not in ids:
            ids.append(connection_id)
    return ids or [DEFAULT_CONNECTION]


def _read_connection(q: PlainIni | QSettings, connection_id: str) -> Connection:
    d = Connection()
    section, model_key = _keys_of(connection_id)
    region = str(q.value(f"{section}/region", d.region))
    protocol = str(q.value(f"{section}/protocol", d.protocol))
    return Connection(
        id=connection_id,
        name=str(q.value(f"{section}/name", "") or "").strip() or (d.name if connection_id == DEFAULT_CONNECTION
                                                                   else connection_id),
        protocol=protocol if protocol in PROTOCOLS else d.protocol,
        region=region if region in REGION_LABELS else d.region,
        custom_base_url=str(q.value(f"{section}/custom_base_url", d.custom_base_url)),
        model=str(q.value(model_key, d.model)) or d.model,
    )


def proxy_problem(proxy: str) -> str | None:
    """Why a proxy typed in Settings cannot be used, or None: read exactly as the environment's
    proxies are (no scheme means http://; socks5:// and socks5h:// are welcome)."""
    from .protocol import proxy_problem as problem

    return problem(proxy)


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _bool(value: object) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes")


FONT_ZOOM_LIMIT = 10  # steps either way


def _zoom(value: object) -> int:
    steps = _int(value)
    return max(-FONT_ZOOM_LIMIT, min(FONT_ZOOM_LIMIT, steps)) if steps is not None else 0


def _float(value: object, default: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def with_overrides(settings: Settings, base_url: str | None, model: str | None, idle: float | None,
                   protocol: str | None = None, connection: str | None = None) -> Settings:
    """Command-line options win over the stored settings, for this run only: `connection`
    picks a connection profile by name or id (UnknownConnection if there is none), then the
    other options change that one."""
    if connection:
        chosen = settings.find(connection)
        if chosen is None:
            names = ", ".join(repr(c.name) for c in settings.connections)
            raise UnknownConnection(f"no connection profile named {connection!r} (there are: {names})")
        settings = settings.replaced(active=chosen.id)
    active = settings.connection
    if base_url:
        active = active.replaced(region=CUSTOM, custom_base_url=base_url)
    if model:
        active = active.replaced(model=model)
    if protocol:
        active = active.replaced(protocol=protocol)
    settings = settings.with_connection(active)
    if idle:
        settings = settings.replaced(idle_timeout=idle)
    return settings
