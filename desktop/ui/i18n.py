"""The window's language: the OS's by default, or the one chosen in the settings.

Qt's own workflow: every user-visible string goes through `tr()`; `pyside6-lupdate` collects
them into `resources/translations/dashchat_<lang>.ts`; `pyside6-lrelease` compiles those into
`desktop/translations/*.qm`, shipped with the package (tools/translations.py does both). Qt's
own `qtbase` translations are loaded too, for its standard dialogs and buttons.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

# The compiled translations, package data of `desktop.translations`. Found next to this file, as
# the window's icons are (ui/app.py), so frozen bundles find them too; importlib.resources would
# cost ~3 ms of imports before the window's first paint.
QM_DIR = Path(__file__).resolve().parent.parent / "translations"

# English is the source language; its .qm only supplies plural forms ("1 turn", "2 turns").
LANGUAGES = {
    "en": "English",
    "zh_CN": "简体中文",
    "zh_TW": "繁體中文",
    "ja": "日本語",
    "id": "Bahasa Indonesia",
}


def system_language(ui_languages: list[str] | None = None) -> str:
    """The first of the OS's preferred languages that dashchat speaks, else English."""
    for tag in ui_languages if ui_languages is not None else QLocale.system().uiLanguages():
        parts = tag.replace("_", "-").split("-")
        lang = parts[0].lower()
        rest = {p.upper() for p in parts[1:]} | {p.title() for p in parts[1:]}
        if lang == "zh":
            return "zh_TW" if rest & {"HANT", "Hant", "TW", "HK", "MO"} else "zh_CN"
        if lang in ("id", "in"):  # "in" is Java's old code for Indonesian
            return "id"
        if lang in ("ja", "en"):
            return lang
    return "en"


def choose(override: str | None) -> str:
    return override if override in LANGUAGES else system_language()


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load dashchat's and Qt's translations for `language`. The returned translators must be
    kept alive for as long as they are in use."""
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    data = QM_DIR / f"dashchat_{language}.qm"
    if data.is_file() and ours.load(str(data)):
        app.installTranslator(ours)
        installed.append(ours)
    if language != "en":
        from PySide6.QtCore import QLibraryInfo  # not for English: its type waits (startup.py)

        qt = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", folder):
            app.installTranslator(qt)
            installed.append(qt)
    QLocale.setDefault(QLocale(language))
    return installed
