"""What the window remembers between runs, per profile: its size and place, its splitters, which
side panes are shown, and the folder of the last export. Kept in the profile's settings.ini (groups [window] and [export]) as
plain strings, so that the command line's Qt-free reader (desktop/ini.py) still reads the file.

A saved place is only used if it is still on a screen: a window saved on a monitor that has since
been unplugged, or at a resolution that shrank, comes back whole on a screen that exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from ..records import Record
from ..settings import SettingsStore

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from ..ini import PlainIni

# A saved place is kept if at least this much of the window's width and its top edge (the
# title bar, to grab it by) are on one screen.
MIN_VISIBLE = 120


class WindowState(Record):
    __slots__ = ("geometry", "maximized", "panes", "side", "thinking_shown", "code_shown")
    __match_args__ = ("geometry", "maximized", "panes", "side", "thinking_shown", "code_shown")
    geometry: QRect | None  # the normal (not maximized) frame position and size
    maximized: bool
    panes: tuple[int, ...]  # the horizontal splitter: sidebar, answer, thinking + code
    side: tuple[int, ...]  # the vertical splitter: thinking, code
    thinking_shown: bool  # View ▸ Show Thinking
    code_shown: bool  # View ▸ Show Executed code

    def __init__(self, geometry: QRect | None = None, maximized: bool = False, panes: tuple[int, ...] = (),
                 side: tuple[int, ...] = (), thinking_shown: bool = True, code_shown: bool = True) -> None:
        object.__setattr__(self, "geometry", geometry)
        object.__setattr__(self, "maximized", maximized)
        object.__setattr__(self, "panes", panes)
        object.__setattr__(self, "side", side)
        object.__setattr__(self, "thinking_shown", thinking_shown)
        object.__setattr__(self, "code_shown", code_shown)


def _ints(value: object) -> tuple[int, ...]:
    try:
        numbers = tuple(int(part) for part in str(value or "").split(",") if part.strip())
    except ValueError:
        return ()
    return numbers


def _settings(profile: Path) -> QSettings:
    return SettingsStore(profile).qsettings()  # for writing


def _read(profile: Path) -> PlainIni | QSettings:
    # As SettingsStore.load reads it: without QSettings when plain (the writers below sync).
    return SettingsStore(profile).reader()


def load_state(profile: Path) -> WindowState:
    if not (profile / "settings.ini").exists():
        return WindowState()
    q = _read(profile)
    rect = _ints(q.value("window/geometry", ""))
    geometry = QRect(*rect) if len(rect) == 4 and rect[2] > 0 and rect[3] > 0 else None
    return WindowState(
        geometry=geometry,
        maximized=str(q.value("window/maximized", "false")).lower() == "true",
        panes=_ints(q.value("window/panes", "")),
        side=_ints(q.value("window/side", "")),
        thinking_shown=str(q.value("window/thinking", "true")).lower() != "false",
        code_shown=str(q.value("window/code", "true")).lower() != "false",
    )


def save_state(profile: Path, state: WindowState) -> None:
    q = _settings(profile)
    if state.geometry is not None:
        g = state.geometry
        q.setValue("window/geometry", f"{g.x()},{g.y()},{g.width()},{g.height()}")
    q.setValue("window/maximized", "true" if state.maximized else "false")
    q.setValue("window/panes", ",".join(str(n) for n in state.panes))
    q.setValue("window/side", ",".join(str(n) for n in state.side))
    q.setValue("window/thinking", "true" if state.thinking_shown else "false")
    q.setValue("window/code", "true" if state.code_shown else "false")
    q.sync()


def on_screen(saved: QRect, screens: list[QRect] | None = None) -> QRect:
    """Where to put a window saved at `saved`: there, if enough of it is on a screen that still
    exists; else the same size (shrunk to fit) centred on the screen it overlaps most, or the
    primary one (the first of `screens`)."""
    if screens is None:
        primary_screen = QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not primary_screen]
        ordered = ([primary_screen] if primary_screen is not None else []) + others
        screens = [s.availableGeometry() for s in ordered]
    if not screens:
        return saved
    for area in screens:
        overlap = area.intersected(saved)
        top_visible = area.top() <= saved.top() <= area.bottom() - 20
        if overlap.width() >= min(MIN_VISIBLE, saved.width()) and top_visible:
            # On this screen: only shrink what no longer fits, and pull it in if it hangs off.
            width, height = min(saved.width(), area.width()), min(saved.height(), area.height())
            x = min(max(saved.x(), area.left()), area.right() + 1 - width)
            y = min(max(saved.y(), area.top()), area.bottom() + 1 - height)
            return QRect(x, y, width, height)
    target = screens[0]
    overlaps = [(s.intersected(saved).width() * s.intersected(saved).height(), i) for i, s in enumerate(screens)]
    best, index = max(overlaps)
    if best > 0:
        target = screens[index]
    width, height = min(saved.width(), target.width()), min(saved.height(), target.height())
    return QRect(target.x() + (target.width() - width) // 2, target.y() + (target.height() - height) // 2,
                 width, height)


def export_folder(profile: Path) -> Path:
    """The folder of the last export, if it still exists; else the user's Documents folder."""
    if (profile / "settings.ini").exists():
        saved = str(_read(profile).value("export/folder", "") or "")
        if saved and Path(saved).is_dir():
            return Path(saved)
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_export_folder(profile: Path, folder: Path) -> None:
    q = _settings(profile)
    q.setValue("export/folder", str(folder))
    q.sync()
