"""Start-up policy: what the window's first frame waits for, and what waits for it. One place,
so that a new import or a new piece of work is placed on purpose; `benchmarks/bench_stream.py
--only startup` (start-up to first paint against a plain-PySide6 skeleton of the same window)
guards it, not figures in comments.

1. Before Qt (`import_before_qt`, the first thing ui/app.py does): the pure-Python modules the
   window needs. Once PySide6 is loaded, its import hook (shibokensupport.feature, PYSIDE-2029)
   reads the source of every module imported after it; imported first, they skip that. The
   window's own modules import PySide6 and come after it: `skip_source_scan` tells the hook
   what it would find in them, so it reads none of dashchat's files.

2. Before the first frame, and only that: the window's widgets, its style sheet, the settings'
   language and theme, the history (the sidebar lists it) and the conversation list. Qt's enum
   types are built the first time their class is touched, so classes only a later action needs
   (the sidebar's row painter, dialogs, the Markdown view) are imported where they are used.

3. After the first frame (ui/app.py runs Qt's loop until it is painted, `paint_first`):
   - on the loop's first turn: asyncio and the qasync loop, the window icon (QIcon's type
     costs ~2 ms to build), the log file, the HTTP client (`session.prepare`), the key lookup
     (`check_key_on_start`), Run locally (`LocalRuns`); `session.prepare` also starts a worker
     thread importing what the first request needs (desktop/protocol/transport.py
     FIRST_REQUEST: httpcore, anyio's backend, h11…), which that request waits for without
     blocking the loop, so the first answer does not start with a pause;
   - on idle: the Markdown view and Pygments' Python lexer (`warm_up` below, shortly after
     the pane shows), a first card and code block (first_card.py), the sidebar's row painter
     (`warm_sidebar` below), the rest of a long conversation being opened (conversation_builder);
   - on use: Settings, Export, Import, the shortcuts dialog (shortcuts_dialog.py), the system
     prompt editor (system_prompt.py), the welcome dialog, history search (store/search.py), the
     key store (keys.py), the answer block scanner (model/answer_code.py imports it on first scan).

4. What a module costs as it is imported counts too. A class that subclasses a Qt class makes
   PySide6 build that type then (a dialog defined beside a widget of the first frame), so
   dialogs live in modules of their own. So does `from PySide6.QtGui import QFont` at the top of
   a module (QFont ~7 M instructions, QTextFormat ~11 M, QIcon ~11 M, QPainter ~5 M): a class
   the first frame does not use is imported where it is used, and a call that makes PySide6
   weigh an overload taking one (QAction(text, parent) builds QIcon) is avoided on this path;
   tests/test_startup_entry.py lists those that must not be built by the first paint. So
   settings.ini is read by desktop/ini.py's plain reader (not QSettings, whose type, enums and
   parse the first frame would pay), the status bar's fields keep QLabel's size policy (no
   QSizePolicy), and a delayed call before the first frame runs on a QTimer of its own
   (QTimer.singleShot(ms, receiver, callable) builds QMetaMethod's enums). A
   @dataclass compiles its generated methods at import, ~2-7 M instructions a class: the value
   classes made before the first frame are Records (desktop/records.py) or written out (Turn,
   Step, Conversation); ids come from model/ids.py, not the uuid module (which runs
   platform.system()). Measure with callgrind to the first paint, not wall time.

Nothing here imports Qt.
"""

from __future__ import annotations

import importlib
import os

# Pure Python, needed before the first frame (or by what runs right after it), imported ahead of
# PySide6. The session brings the model, the protocol's types and the history store with it.
BEFORE_QT = (
    "desktop.session",
    "desktop.settings",
    "desktop.cli.exits",
    "desktop.ui.display_check",  # the X11 libraries are checked before Qt starts (ctypes, under X11 only)
    "signal",  # the stop signals (ui/signals.py; their wake-up pipe needs no socket module but on Windows)
)


def skip_source_scan() -> None:
    """Tell PySide6's import hook that dashchat's modules use PySide6, so it does not read their
    source to find out. Called once PySide6 is loaded, before the window's modules are imported.

    The hook (shibokensupport.feature.feature_imported, PYSIDE-2029) records in
    `pyside_feature_dict` whether each newly imported module uses PySide6 (0: it does, and
    takes no `__feature__` switch; -1: it does not), by reading the module's whole source with
    inspect.getsource and looking for "PySide6": ~35 files of the window before its first
    frame, more on idle. dashchat selects no `__feature__`, so 0 is right for all of its modules,
    which is what the hook would find for those that import PySide6 and is harmless for the rest.
    The dictionary is PySide6's own, not an API: if it is not there (another version), nothing
    is done and the hook reads the sources as before (tests/test_startup_entry.py notices)."""
    import sys

    feature = sys.modules.get("shibokensupport.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(known, dict):
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the desktop package
    for folder, folders, files in os.walk(root):
        if "__init__.py" not in files:  # data (translations, icons), __pycache__
            folders.clear()
            continue
        inside = os.path.relpath(folder, root)
        package = "desktop" if inside == os.curdir else "desktop." + inside.replace(os.sep, ".")
        known.setdefault(package, 0)
        for name in files:
            if name.endswith(".py") and name != "__init__.py":
                known.setdefault(f"{package}.{name[:-3]}", 0)


def import_before_qt() -> None:
    """Import BEFORE_QT (a no-op for those already imported)."""
    for name in BEFORE_QT:
        importlib.import_module(name)
    from .display_check import uses_xcb

    if uses_xcb(os.environ):
        importlib.import_module("ctypes")  # the X11 check loads the libraries with it


# The Markdown view (and with it the block scanner and the code theme) is imported with the first
# card, or by this warm-up, whichever comes first: an empty window shows no answer. The
# interpreter's answers hold Python, so its lexer is loaded this long after the Answer pane first
# shows (answer_pane.AnswerPane.showEvent), while the user types, not during the first answer.
WARM_UP_LANG = "python"
WARM_UP_DELAY_MS = 250


def warm_up() -> None:
    from .markdown_view import warm_lexer

    warm_lexer(WARM_UP_LANG)


def warm_sidebar() -> None:
    """The sidebar's row painter (sidebar_rows.py) and the item-view style types it builds
    (QStyle, QStyleOptionViewItem, QStyledItemDelegate: 32 enum types, 8-15 ms here), which the
    sidebar otherwise imports with its first row: at the end of the first answer in a new
    profile, where it was the worst stall of the benchmark's 400-row table."""
    importlib.import_module("desktop.ui.sidebar_rows")
