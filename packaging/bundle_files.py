"""What of the `desktop` package goes into a bundle: shared by packaging/dashchat.spec and
tests/test_packaging.py.

The package loads some of its parts at run time in ways PyInstaller's import analysis cannot see
(`importlib.resources.files("desktop.recordings")`; the translations and icons as files next to
the modules, desktop/ui/i18n.py and app.py); so the bundle takes every module and every data
file of the source tree, and new ones need no change here.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = "desktop"
# Not needed at run time.
SKIP_SUFFIXES = (".py", ".pyc", ".pyo", ".md")
# Except these: scripts another Python runs (the local runner's kernel and the network guard it
# installs as sitecustomize, read by desktop/runner/child.py `_source`), shipped as source.
CHILD_SCRIPTS = ("runner/kernel.py", "runner/netguard.py")


def package_modules(root: Path) -> list[str]:
    """Every module and package under desktop/, dotted."""
    base = root / PACKAGE
    names = []
    for path in sorted(base.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def package_datas(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder in the bundle) for every data file under desktop/."""
    base = root / PACKAGE
    scripts = {base / name for name in CHILD_SCRIPTS}
    datas = []
    for path in sorted(base.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if path.suffix in SKIP_SUFFIXES and path not in scripts:
            continue
        datas.append((str(path), path.parent.relative_to(root).as_posix()))
    return datas


def ui_languages(root: Path) -> list[str]:
    """The languages dashchat ships a translation for (desktop/translations/dashchat_<lang>.qm):
    the bundle keeps Qt's own `qtbase_<lang>.qm` for these and drops the rest."""
    return sorted(p.stem.removeprefix("dashchat_") for p in (root / PACKAGE / "translations").glob("dashchat_*.qm"))
