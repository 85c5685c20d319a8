"""The window's look: quiet panes, clear hierarchy, errors that stand out, in light and dark.

Colours come from a palette per scheme (GitHub's, which is tuned for contrast); sizes are left
to the system font so that text follows the OS's font size. Nothing is told by colour alone:
every state also has its words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QPalette
    from PySide6.QtWidgets import QWidget

LIGHT = {
    "muted": "#57606a", "faint": "#8c959f", "border": "#d0d7de", "divider": "#eaeef2",
    "subtle_bg": "#f6f8fa", "accent": "#0969da", "accent_bg": "#ddf4ff", "accent_border": "#54aeff",
    "accent_fg": "#0a3069", "warn_bg": "#fff8c5", "warn_border": "#d4a72c", "warn_fg": "#4d2d00",
    "error_bg": "#ffebe9", "error_border": "#ff8182", "error_fg": "#82071e", "error": "#cf222e",
    "attention": "#9a6700", "success": "#1a7f37", "thinking": "#424a53",
    "match_bg": "#fff8c5", "match_fg": "#1f2328", "flash_bg": "#ddf4ff",
}
DARK = {
    "muted": "#8b949e", "faint": "#6e7681", "border": "#30363d", "divider": "#21262d",
    "subtle_bg": "#161b22", "accent": "#4493f8", "accent_bg": "#0c2d6b", "accent_border": "#1f6feb",
    "accent_fg": "#cae8ff", "warn_bg": "#3b2e00", "warn_border": "#9e6a03", "warn_fg": "#f2cc60",
    "error_bg": "#3d0f14", "error_border": "#f85149", "error_fg": "#ffa198", "error": "#f85149",
    "attention": "#d29922", "success": "#3fb950", "thinking": "#c9d1d9",
    "match_bg": "#7d5a00", "match_fg": "#f0f6fc", "flash_bg": "#0c2d6b",
}

_TEMPLATE = """
QLabel#paneTitle {{ font-weight: 600; color: {muted}; padding: 2px 2px; letter-spacing: 0.5px; }}
QLabel#paneHint {{ color: {faint}; padding: 16px; }}
QLabel#note {{ color: {muted}; }}
QLabel#banner {{ background: {accent_bg}; border: 1px solid {accent_border}; border-radius: 6px;
    padding: 6px 10px; color: {accent_fg}; }}
QLabel#banner[tone="warning"] {{ background: {warn_bg}; border-color: {warn_border}; color: {warn_fg}; }}
QLabel#errorBanner, QFrame#errorBanner {{ background: {error_bg}; border: 1px solid {error_border};
    border-radius: 6px; padding: 6px 10px; color: {error_fg}; }}
QLabel#noticeText {{ color: {error_fg}; }}
QLabel#welcomeTitle {{ font-weight: 600; }}
QLabel#keyState[ok="true"] {{ color: {success}; }}
QFrame#turnCard {{ background: palette(base); border: 1px solid {border}; border-radius: 8px; }}
QFrame#turnCard[focused="true"] {{ border: 2px solid {accent}; }}
QLabel#roleLabel {{ color: {muted}; font-weight: 600; }}
QLabel#question {{ background: {subtle_bg}; border-left: 3px solid {accent}; padding: 6px 8px; }}
QLabel#outcome {{ color: {muted}; }}
QLabel#outcome[state="error"] {{ color: {error}; }}
QLabel#outcome[state="interrupted"] {{ color: {attention}; }}
QListWidget#conversationList::item {{ padding: 6px 4px; border-bottom: 1px solid {divider}; }}
QListWidget#conversationList::item:selected {{ background: {accent_bg}; color: {accent_fg}; }}
QLabel#turnLabel {{ color: {muted}; font-weight: 600; padding-top: 4px; }}
QFrame#codeBlock {{ border: 1px solid {border}; border-radius: 6px; background: {subtle_bg}; }}
QLabel#codeBlockTitle {{ font-weight: 600; color: {success}; }}
QLabel#outputText {{ background: palette(base); border: 1px solid {border}; border-radius: 4px; padding: 4px 6px; }}
QLabel#outputError {{ color: {error}; background: palette(base); border: 1px solid {error}; border-radius: 4px;
    padding: 4px 6px; }}
QLabel#runState {{ color: {muted}; }}
QLabel#runState[error="true"] {{ color: {error}; }}
QLabel#versionLabel {{ color: {muted}; padding: 0 2px; }}
QLabel#protocolNote {{ color: {muted}; border: 1px dashed {border}; border-radius: 6px; padding: 8px; }}
QLabel#silenceLive {{ color: {muted}; padding: 4px 8px; font-style: italic; }}
QLabel#silenceEntry {{ color: {success}; border: 1px solid {border}; border-radius: 6px; background: {subtle_bg};
    padding: 6px 8px; font-weight: 600; }}
QPlainTextEdit#thinkingPane {{ color: {thinking}; }}
QFrame#turnCard[flash="true"] {{ border: 2px solid {accent}; background: {flash_bg}; }}
QToolButton#copyCodeBlock {{ background: palette(base); border: 1px solid {border}; border-radius: 4px;
    padding: 1px 6px; color: {muted}; }}
QToolButton#copyCodeBlock:hover {{ border-color: {accent_border}; color: {accent}; }}
QToolButton#closeNotice {{ border: none; padding: 2px 6px; color: {error_fg}; font-weight: 600; }}
QToolButton#closeNotice:hover {{ background: {error_border}; color: palette(base); border-radius: 4px; }}
QSplitter::handle {{ background: transparent; }}
QSplitter::handle:hover, QSplitter::handle:pressed {{ background: {accent_border}; }}
QSplitter::handle:horizontal {{ width: 7px; }}
QSplitter::handle:vertical {{ height: 7px; }}
QLineEdit, QPlainTextEdit, QListWidget {{ border: 1px solid {border}; border-radius: 4px; }}
QLineEdit {{ padding: 3px 5px; background: palette(base); }}
QPushButton {{ border: 1px solid {border}; border-radius: 6px; padding: 4px 12px; background: palette(button);
    color: palette(button-text); min-height: 18px; }}
QPushButton:hover {{ border-color: {accent_border}; }}
QPushButton:pressed {{ background: {subtle_bg}; }}
QPushButton:disabled {{ color: {faint}; }}
QPushButton:default {{ border-color: {accent}; }}
QLineEdit:focus, QPlainTextEdit:focus, QListWidget:focus, QPushButton:focus,
QAbstractScrollArea#answerPane:focus, QAbstractScrollArea#codePane:focus {{ border: 2px solid {accent}; }}
QLineEdit:focus {{ padding: 2px 4px; }}
QPushButton:focus {{ padding: 3px 11px; }}
QToolButton:focus, QToolButton#closeNotice:focus, QToolButton#copyCodeBlock:focus {{
    border: 2px solid {accent}; border-radius: 4px; padding: 1px 4px; }}
QCheckBox:focus, QRadioButton:focus {{ color: {accent}; }}
"""


def is_dark(palette: QPalette) -> bool:
    return palette.window().color().lightnessF() < 0.5


def colours(palette: QPalette) -> dict[str, str]:
    return DARK if is_dark(palette) else LIGHT


def colour(palette: QPalette, name: str) -> QColor:
    return QColor(colours(palette)[name])


def style_sheet(palette: QPalette) -> str:
    return _TEMPLATE.format(**colours(palette))


def scaled_font(widget: QWidget, factor: float) -> QFont:
    """The widget's font, scaled: relative sizes follow the OS's font size setting."""
    # Imported here: the window's first frame scales no font, and QFont's type costs ~7 M
    # instructions to build (startup.py).
    from PySide6.QtGui import QFont

    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    return font
