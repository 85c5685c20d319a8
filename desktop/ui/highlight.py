"""Pygments tokens as Qt character formats: one theme for the answer's fenced code and for the
executed-code blocks, light or dark after the palette.

Pygments itself (~8 ms of imports, and the PySide6 import hook reading each of its modules) is
imported when the first code is highlighted, not when the window is built: an empty window has
no code to colour, and the Answer pane warms the Python lexer once it is idle (answer_pane.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

if TYPE_CHECKING:
    from pygments.lexer import Lexer
    from pygments.token import _TokenType
    from PySide6.QtGui import QPalette, QTextDocument


@lru_cache(maxsize=64)
def lexer_for(lang: str) -> Lexer | None:
    # No guessing from content: pygments.guess_lexer tries every lexer and is slow.
    if not lang:
        return None
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


class CodeTheme:
    """A Pygments style as Qt formats, cached per token type."""

    def __init__(self, palette: QPalette, style: str | None = None) -> None:
        from pygments.styles import get_style_by_name
        from pygments.token import Token
        from PySide6.QtGui import QFontDatabase

        dark = palette.base().color().lightnessF() < 0.5
        self._style = get_style_by_name(style or ("monokai" if dark else "friendly"))
        self.mono: QFont = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.plain = QTextCharFormat()
        self.plain.setFontFamilies([self.mono.family(), "monospace"])
        self.plain.setFontFixedPitch(True)
        plain_color = self._style.style_for_token(Token.Text)["color"]
        if plain_color:
            self.plain.setForeground(QColor("#" + plain_color))
        self.background = QColor(self._style.background_color or "#f6f8fa")
        self.border = self.background.darker(112)
        self._formats: dict[_TokenType, QTextCharFormat] = {}

    def format(self, ttype: _TokenType) -> QTextCharFormat:
        fmt = self._formats.get(ttype)
        if fmt is None:
            style = self._style.style_for_token(ttype)
            fmt = QTextCharFormat(self.plain)
            if style["color"]:
                fmt.setForeground(QColor("#" + style["color"]))
            if style["bold"]:
                fmt.setFontWeight(QFont.Weight.Bold)
            if style["italic"]:
                fmt.setFontItalic(True)
            if style["underline"]:
                fmt.setFontUnderline(True)
            # Identical styles share one format object, so that runs of them can be merged.
            for other in self._formats.values():
                if other == fmt:
                    fmt = other
                    break
            self._formats[ttype] = fmt
        return fmt


class PythonHighlighter(QSyntaxHighlighter):
    """Highlights executed snippets line by line: they are short, and multi-line strings are
    rare enough there that per-line lexing reads well."""

    def __init__(self, document: QTextDocument, theme: CodeTheme) -> None:
        from pygments.token import Text

        super().__init__(document)
        self._theme = theme
        self._lexer = lexer_for("python")
        self._text = Text

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        if self._lexer is None:
            return
        position = 0
        for token, value in self._lexer.get_tokens(text):
            if token is not self._text:
                self.setFormat(position, len(value), self._theme.format(token))
            position += len(value)


_THEMES: dict[tuple[bool, str | None], CodeTheme] = {}


def shared_theme(palette: QPalette, style: str | None = None) -> CodeTheme:
    """One theme per look, shared by every code block in the window."""
    key = (palette.base().color().lightnessF() < 0.5, style)
    if key not in _THEMES:
        _THEMES[key] = CodeTheme(palette, style)
    return _THEMES[key]
