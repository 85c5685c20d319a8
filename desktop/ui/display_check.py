"""Before Qt starts on Linux: are the X11 libraries its xcb platform plugin needs installed?

Without them Qt aborts the process (status 134) with a message that names only one of them
("xcb-cursor0 is needed"), even when others are missing too. This check names every missing one
and the packages to install, in one line, and the window exits with 2 instead. No Qt here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# What Qt 6's libqxcb.so and libQt6XcbQpa.so link to (ldd), with the packages that hold each:
# (soname, Debian/Ubuntu, Fedora).
XCB_LIBRARIES = (
    ("libxcb.so.1", "libxcb1", "libxcb"),
    ("libX11.so.6", "libx11-6", "libX11"),
    ("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    ("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    ("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    ("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    ("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    ("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    ("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    ("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    ("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    ("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    ("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    ("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    ("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
)


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Qt will pick its xcb plugin: Linux, an X display, no Wayland one, no other platform asked."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "").strip()
    if asked and not asked.startswith("xcb"):
        return False
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def _bundled_dirs() -> list[Path]:
    """Where a frozen bundle or the PySide6 wheel may carry libraries of its own."""
    dirs: list[Path] = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen))
    from importlib.util import find_spec

    spec = find_spec("PySide6")
    for location in (spec.submodule_search_locations or []) if spec else []:
        dirs.append(Path(location) / "Qt" / "lib")
    return dirs


def _loadable(soname: str) -> bool:
    if any((folder / soname).exists() for folder in _bundled_dirs()):
        return True
    import ctypes  # only where the check runs (Linux under X11)

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(loadable: Callable[[str], bool] = _loadable) -> list[tuple[str, str, str]]:
    return [entry for entry in XCB_LIBRARIES if not loadable(entry[0])]


def display_problem(environ: Mapping[str, str] | None = None,
                    loadable: Callable[[str], bool] = _loadable) -> str | None:
    """One line saying which X11 libraries are missing and how to install them, or None."""
    environ = os.environ if environ is None else environ
    if not uses_xcb(environ):
        return None
    missing = missing_libraries(loadable)
    if not missing:
        return None
    names = ", ".join(soname for soname, _, _ in missing)
    debian = " ".join(dict.fromkeys(deb for _, deb, _ in missing))
    fedora = " ".join(dict.fromkeys(fed for _, _, fed in missing))
    return (f"dashchat: the window needs X11 libraries that are not installed ({names}); install them with "
            f"'sudo apt install {debian}' (Debian, Ubuntu) or 'sudo dnf install {fedora}' (Fedora), "
            "or run under Wayland")
