"""Storage layer: SQLite history under the profile."""

from .history import ConversationSummary, History

__all__ = ["ConversationSummary", "History"]
