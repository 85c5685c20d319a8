"""Python highlighting for the executed-code blocks, from Pygments tokens."""

from __future__ import annotations

from functools import lru_cache

from pygments.lexers import PythonLexer
from pygments.token import Comment, Keyword, Name, Number, Operator, String, Token, _TokenType
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# GitHub-like colours that stay readable on a light background.
_STYLE: list[tuple[_TokenType, str, bool]] = [
    (Keyword, "#cf222e", False),
    (Name.Builtin, "#8250df", False),
    (Name.Function, "#8250df", False),
    (Name.Class, "#953800", True),
    (String, "#0a3069", False),
    (Number, "#0550ae", False),
    (Comment, "#6e7781", False),
    (Operator, "#cf222e", False),
]


@lru_cache(maxsize=64)
def _format(token: _TokenType) -> QTextCharFormat | None:
    for kind, colour, bold in _STYLE:
        if token in kind:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            return fmt
    return None


class PythonHighlighter(QSyntaxHighlighter):
    """Highlights one line at a time: executed snippets are short, and multi-line strings are
    rare enough there that per-line lexing reads well."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._lexer = PythonLexer(stripnl=False, ensurenl=False)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        position = 0
        for token, value in self._lexer.get_tokens(text):
            fmt = _format(token) if token is not Token.Text else None
            if fmt is not None:
                self.setFormat(position, len(value), fmt)
            position += len(value)
