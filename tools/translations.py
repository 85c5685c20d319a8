"""Qt's translation workflow for dashchat.

    python tools/translations.py update    # collect tr() strings into resources/translations/*.ts
    python tools/translations.py release   # compile them into desktop/translations/*.qm

`update` keeps existing translations and drops strings no longer in the code; translators then
edit the .ts files (Qt Linguist: `pyside6-linguist`). The compiled .qm files are committed so
that an install from source has them without Qt's tools.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "desktop" / "ui").glob("*.py"))
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = ROOT / "desktop" / "translations"
LANGUAGES = ("en", "zh_CN", "zh_TW", "ja", "id")


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or str(Path(sys.executable).with_name(f"pyside6-{name}"))
    return found


def update() -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = TS_DIR / f"dashchat_{lang}.ts"
        subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", "-source-language", "en",
                        "-target-language", lang, *map(str, SOURCES), "-ts", str(ts)], check=True)


def release() -> None:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        subprocess.run([tool("lrelease"), "-silent", str(TS_DIR / f"dashchat_{lang}.ts"),
                        "-qm", str(QM_DIR / f"dashchat_{lang}.qm")], check=True)


if __name__ == "__main__":
    {"update": update, "release": release}[sys.argv[1] if len(sys.argv) > 1 else "update"]()
