"""Light or dark: the OS's colour scheme by default, or the one chosen in the settings.

Qt ≥ 6.8 can ask the platform for a scheme (`QStyleHints.setColorScheme`); where the platform
cannot switch (some Linux desktops, the offscreen platform), the Fusion style with an explicit
palette does it. The style sheet and code colours follow whichever palette results.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from .style import is_dark

THEMES = ("", "light", "dark")  # "" follows the OS


def dark_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        # Window a step lighter than Base: fields, lists and panes stand out from the chrome.
        role.Window: "#161b22", role.WindowText: "#e6edf3", role.Base: "#0d1117",
        role.AlternateBase: "#161b22", role.ToolTipBase: "#161b22", role.ToolTipText: "#e6edf3",
        role.PlaceholderText: "#6e7681", role.Text: "#e6edf3", role.Button: "#21262d",
        role.ButtonText: "#e6edf3", role.BrightText: "#ffffff", role.Highlight: "#1f6feb",
        role.HighlightedText: "#ffffff", role.Link: "#4493f8", role.LinkVisited: "#a371f7",
        role.Light: "#484f58", role.Midlight: "#30363d", role.Mid: "#3d444d", role.Dark: "#010409",
        role.Shadow: "#010409",
    }
    for r, c in colours.items():
        p.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#6e7681"))
    return p


_original: tuple[str, QPalette] | None = None  # the style and palette before an override


def apply_scheme(app: QApplication, theme: str) -> None:
    global _original
    wanted = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme)
    if wanted is None:  # follow the OS: undo an earlier override, if any
        app.styleHints().unsetColorScheme()
        if _original is not None:
            style, palette = _original
            app.setStyle(style)
            app.setPalette(palette)
            _original = None
        return
    app.styleHints().setColorScheme(wanted)
    if is_dark(app.palette()) == (wanted is Qt.ColorScheme.Dark):
        return
    # The platform could not switch: Fusion with our own palette can.
    if _original is None:
        _original = (app.style().name(), QPalette(app.palette()))
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if wanted is Qt.ColorScheme.Dark else app.style().standardPalette())
