"""Storage layer: SQLite history under the profile."""

from typing import TYPE_CHECKING

from .history import ConversationSummary, History

if TYPE_CHECKING:
    from .search import SearchHit

__all__ = ["ConversationSummary", "History", "SearchHit"]


def __getattr__(name: str) -> object:
    # The search module (and its SearchHit) is imported on first use, not with the history that
    # the window opens before its first frame (PEP 562).
    if name == "SearchHit":
        from .search import SearchHit

        return SearchHit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
