"""dashchat: a desktop client for Qwen's code interpreter on DashScope."""

__version__ = "0.1.0"
