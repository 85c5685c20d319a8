"""DashScope's regions, once: the id a profile stores, the base URL, the label Settings shows
and the short name hints use. API keys are bound to the region that issued them; the code
interpreter is documented for Beijing only."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..records import Record


class Region(Record):
    __slots__ = ("id", "url", "label", "name")
    __match_args__ = ("id", "url", "label", "name")
    id: str  # stored in settings.ini: never renamed
    url: str
    label: str  # Settings ▸ Connection (translated by the window)
    name: str  # in a sentence: "the Singapore region"

    def __init__(self, id: str, url: str, label: str, name: str) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "name", name)


BEIJING = Region("beijing", "https://dashscope.aliyuncs.com", "China (Beijing)", "Beijing")
SINGAPORE = Region("singapore", "https://dashscope-intl.aliyuncs.com", "Singapore", "Singapore")
US_VIRGINIA = Region("us-virginia", "https://dashscope-us.aliyuncs.com", "US (Virginia)", "US (Virginia)")
ALL: tuple[Region, ...] = (BEIJING, SINGAPORE, US_VIRGINIA)
BY_ID: dict[str, Region] = {region.id: region for region in ALL}

# The region of a connection with its own base URL (a gateway, a local server).
CUSTOM = "custom"
CUSTOM_LABEL = "Custom base URL"
DEFAULT_REGION = BEIJING.id

REGIONS: dict[str, str] = {region.id: region.url for region in ALL}
REGION_LABELS: dict[str, str] = {**{region.id: region.label for region in ALL}, CUSTOM: CUSTOM_LABEL}
DEFAULT_BASE_URL = BEIJING.url


def region_of(base_url: str) -> Region | None:
    """The DashScope region a base URL points at, None for any other address (a gateway, a
    proxy, a test server)."""
    try:
        host = (urlsplit(base_url.strip()).hostname or "").lower()
    except ValueError:
        return None
    for region in ALL:
        if host == urlsplit(region.url).hostname:
            return region
    return None
