"""The real entry point (`dashchat --profile DIR`) up to the window's first paint, in a fresh
interpreter: what startup.py (and cli/main.py's window_args) keep off that path stays off it, and
what they move after the first frame still happens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_ENTRY = r"""
import argparse, json, sys
built = []
_init = argparse.ArgumentParser.__init__

def counting_init(self, *args, **kwargs):
    built.append(kwargs.get("prog") or (args[0] if args else None))
    _init(self, *args, **kwargs)

argparse.ArgumentParser.__init__ = counting_init
from desktop.ui import app
from desktop.cli.main import main

_paint_first = app.paint_first
seen = {}

def paint_first(window, timeout_ms=500):
    _paint_first(window, timeout_ms)
    from PySide6 import QtCore, QtGui, QtWidgets
    built_types = {name for module in (QtCore, QtGui, QtWidgets) for name in vars(module)}
    seen.update(parsers=list(built), visible=window.isVisible(),
                loaded=sorted(m for m in ("socket", "ctypes") if m in sys.modules),
                qt_types=sorted(built_types & set(sys.argv[-1].split(","))))
    window.close()

app.paint_first = paint_first
code = main(sys.argv[1:-1])
seen.update(code=code, icon=not app.QApplication.instance().windowIcon().isNull())
print(json.dumps(seen))
"""


# Qt classes whose Python types PySide6 builds on first use (their enums with them, 1-11 M
# instructions each) and that an empty window's first frame does not need (startup.py): the
# code highlighter's and the thinking pane's text formats, fonts (made when zoomed, scaled or
# bold), a cut status field's painter, the icon of an action without one, Qt's own translations
# (not for English), a sidebar row, the answer's cursor and the Answer pane's scroll bar (watched
# from the first card); QSettings (settings.ini as dashchat writes it is read by desktop/ini.py),
# QSizePolicy (the status bar's fields keep QLabel's), QMetaMethod (built by
# QTimer.singleShot(ms, receiver, callable)).
_NOT_BEFORE_THE_FIRST_FRAME = ("QFont", "QIcon", "QTextFormat", "QTextCharFormat", "QSyntaxHighlighter", "QPainter",
                               "QTextDocument", "QLibraryInfo", "QListWidgetItem", "QRectF", "QTextCursor",
                               "QScrollBar", "QSettings", "QSizePolicy", "QMetaMethod")
# What a closed window leaves in the profile's settings.ini (window_state.save_state).
_SAVED_STATE = """[window]
code=true
geometry="0,0,800,800"
maximized=false
panes="137,350,279"
side="347,266"
thinking=true
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the stop signals' wake-up pipe is a socket on Windows")
def test_the_window_paints_before_it_builds_a_parser_or_loads_sockets(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "profile").mkdir()
    (tmp_path / "profile" / "settings.ini").write_text(_SAVED_STATE, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", _ENTRY, "--profile", str(tmp_path / "profile"),
                           ",".join(_NOT_BEFORE_THE_FIRST_FRAME)], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["visible"] is True
    assert seen["parsers"] == []  # `--profile DIR` is read without argparse's parsers
    assert seen["loaded"] == []  # no socket module (the stop signals use a pipe), no ctypes (not under X11)
    assert seen["qt_types"] == []
    assert seen["code"] == 0
    assert seen["icon"] is True  # the window icon, set once the first frame is painted


_SCANNED = r"""
import json, sys
scanned = []

class Record:
    def find_spec(self, name, path, target=None):
        if name == "PySide6.QtWidgets":  # ui/app.py imports it right after QtCore, whose import hook is in place
            sys.meta_path.remove(self)
            feature = sys.modules["shibokensupport.feature"]
            uses = feature._mod_uses_pyside

            def recording(module):
                scanned.append(module.__name__)
                return uses(module)

            feature._mod_uses_pyside = recording
        return None

sys.meta_path.insert(0, Record())
from desktop.cli import main  # the entry point
from desktop.ui import app  # the window's modules
import desktop.ui.markdown_view  # and one imported later, with the first answer
import colorsys  # a module of someone else's, new to this process: the hook still reads it
print(json.dumps(scanned))
"""


def test_pyside_does_not_read_the_source_of_dashchats_modules(tmp_path: Path) -> None:
    """PySide6's import hook reads the whole source of every module imported after it
    (startup.skip_source_scan): dashchat's own are registered before, so none is read. If a
    PySide6 release moves what skip_source_scan relies on, this fails rather than the start-up
    slowing silently."""
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", _SCANNED], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    scanned = json.loads(done.stdout.strip().splitlines()[-1])
    assert "colorsys" in scanned
    assert [name for name in scanned if name.split(".")[0] == "desktop"] == []
