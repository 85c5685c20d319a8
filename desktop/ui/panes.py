"""The Thinking and Executed-code panes. They append; they never re-render what is shown.

The window imports them from here: the Thinking pane (thinking_pane.py), the Executed code pane
and its blocks (code_pane.py), and the helpers the panes and the Answer pane share
(pane_helpers.py).
"""

from __future__ import annotations

from .code_pane import CodeBlock, CodePane
from .pane_helpers import COPIED_MS, at_bottom, confirm_copy, monospace_font, question_snippet
from .thinking_pane import ThinkingPane

__all__ = ["COPIED_MS", "CodeBlock", "CodePane", "ThinkingPane", "at_bottom", "confirm_copy", "monospace_font",
           "question_snippet"]
