"""Storage layer: SQLite history under the profile."""

from .history import ConversationSummary, History
from .search import SearchHit

__all__ = ["ConversationSummary", "History", "SearchHit"]
