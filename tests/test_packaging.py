"""The bundle recipes in packaging/ hold together: the files the spec names exist, the icons
exist in every size and their .ico/.icns are well formed, the Linux .desktop and AppStream
files, the macOS Info.plist and the Windows version resource parse. All fast: no build.

The full build (PyInstaller, ~30 s here) and the offscreen smoke test of the bundle run only
with DASHCHAT_TEST_BUNDLE=1 (see packaging/README.md).
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import plistlib
import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import __version__
from tests.support.runs import unavailable

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.github.dashchat"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_icons = load("make_icons")
bundle_files = load("bundle_files")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --- the spec -----------------------------------------------------------------------------

def test_every_file_the_spec_names_exists():
    text = (PACKAGING / "dashchat.spec").read_text(encoding="utf-8")
    paths = re.findall(r'\b(HERE|ROOT)((?:\s*/\s*"[^"]+")+)', text)
    assert len(paths) >= 6
    for base, rest in paths:
        parts = re.findall(r'"([^"]+)"', rest)
        path = (PACKAGING if base == "HERE" else ROOT).joinpath(*parts)
        assert path.exists(), f"packaging/dashchat.spec names {path.relative_to(ROOT)}, which does not exist"
    assert '"entry.py"' in text and "from bundle_files import" in text


def test_spec_is_valid_python():
    ast.parse((PACKAGING / "dashchat.spec").read_text(encoding="utf-8"))


def test_bundle_takes_all_package_data_pip_installs():
    """Whatever pyproject ships as package data (recordings, icons, translations, ...) is in the
    bundle too, at the same place."""
    datas = {(Path(src).resolve(), dest) for src, dest in bundle_files.package_datas(ROOT)}
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]
    assert package_data
    for package, patterns in package_data.items():
        folder = ROOT.joinpath(*package.split("."))
        for pattern in patterns:
            files = sorted(folder.glob(pattern))
            assert files, f"package data {package}: {pattern} matches nothing"
            for path in files:
                dest = path.parent.relative_to(ROOT).as_posix()
                assert (path.resolve(), dest) in datas, f"{path.relative_to(ROOT)} is not in the bundle"
    assert not any(src.suffix == ".pyc" for src, _ in datas)


def test_bundle_ships_the_runner_child_scripts_as_source():
    """Run locally starts another Python on kernel.py and installs netguard.py as its
    sitecustomize, both read as files (desktop/runner/child.py `_source`): a bundle keeps
    modules compiled in an archive, so these must be there as source, where `_source` looks."""
    datas = {(Path(src).resolve(), dest) for src, dest in bundle_files.package_datas(ROOT)}
    runner = ROOT / "desktop" / "runner"
    read = set()
    for path in runner.glob("*.py"):
        read |= set(re.findall(r'_source\("([^"]+)"\)', path.read_text(encoding="utf-8")))
    assert read == {"kernel.py", "netguard.py"}
    for name in read:
        assert ((runner / name).resolve(), "desktop/runner") in datas, f"{name} is not in the bundle"
    # and nothing else of the source is
    shipped = {src.name for src, _ in datas if src.suffix == ".py"}
    assert shipped == read


def test_bundle_takes_every_module_including_those_loaded_by_name():
    modules = bundle_files.package_modules(ROOT)
    assert "desktop" in modules and "desktop.cli.main" in modules and "desktop.ui.app" in modules
    assert "desktop.recordings" in modules  # importlib.resources.files("desktop.recordings")
    for name in modules:
        assert importlib.util.find_spec(name) is not None, name


def test_entry_point_is_the_same_main_as_the_scripts():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"]["dashchat"] == "desktop.cli.main:main"
    assert "from desktop.cli.main import main" in (PACKAGING / "entry.py").read_text(encoding="utf-8")


# --- icons ----------------------------------------------------------------------------------

def test_svg_sources_parse():
    for name in ("dashchat.svg", "dashchat-small.svg"):
        root = ET.parse(ICONS / name).getroot()
        assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"


@pytest.mark.parametrize("size", make_icons.PNG_SIZES)
def test_png_in_every_size(size):
    data = (ICONS / "png" / f"dashchat-{size}.png").read_bytes()
    assert png_size(data) == (size, size)


def test_package_icons_are_the_rendered_ones():
    for size in make_icons.PACKAGE_SIZES:
        shipped = ROOT / "desktop" / "resources" / "icons" / f"dashchat-{size}.png"
        assert shipped.read_bytes() == (ICONS / "png" / f"dashchat-{size}.png").read_bytes()
    assert {16, 32, 48, 256} <= set(make_icons.PACKAGE_SIZES)


def test_ico_holds_every_size():
    data = (ICONS / "dashchat.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _colors, _res, planes, bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        size = width or 256
        assert width == height and planes == 1 and bpp == 32
        entry = data[offset:offset + length]
        assert len(entry) == length
        if entry[:8] == PNG_SIGNATURE:
            assert png_size(entry) == (size, size)
        else:  # BMP: BITMAPINFOHEADER, height doubled for the AND mask
            header, w, h, _planes, bits = struct.unpack_from("<IiiHH", entry)
            assert (header, w, h, bits) == (40, size, 2 * size, 32)
            assert length == 40 + size * size * 4 + ((size + 31) // 32) * 4 * size
        sizes.append(size)
    assert sizes == list(make_icons.ICO_SIZES)
    assert {16, 24, 32, 48, 256} <= set(sizes)


def test_icns_holds_every_size():
    data = (ICONS / "dashchat.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        found[kind] = png_size(data[pos + 8:pos + length])[0]
        pos += length
    assert pos == len(data)
    assert found == {kind: size for kind, size in make_icons.ICNS_TYPES}
    assert {16, 32, 128, 256, 512, 1024} <= set(found.values())


def test_window_icon_has_every_packaged_size(qapp):
    from desktop.ui.app import app_icon

    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert sizes == {(n, n) for n in make_icons.PACKAGE_SIZES}


def test_window_names_the_desktop_file():
    # Wayland shows the icon of the .desktop file whose name the app gives.
    assert f'setDesktopFileName("{APP_ID}")' in (ROOT / "desktop" / "ui" / "app.py").read_text(encoding="utf-8")


# --- metadata -------------------------------------------------------------------------------

def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file():
    entry = desktop_entry()
    assert entry["Type"] == "Application" and entry["Name"] == "dashchat"
    assert entry["Exec"] == "dashchat" and entry["Icon"] == APP_ID and entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")


def test_metainfo():
    root = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "dashchat"
    assert root.findtext("metadata_license") and root.findtext("project_license") == "MIT"
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__, "add a <release> for the new version"
    assert {c.text for c in root.findall("categories/category")} <= set(desktop_entry()["Categories"].split(";"))


@pytest.mark.parametrize("tool, args, name", [
    ("desktop-file-validate", [], f"{APP_ID}.desktop"),
    ("appstreamcli", ["validate", "--no-net", "--pedantic"], f"{APP_ID}.metainfo.xml"),
])
def test_linux_metadata_validators(tool, args, name):
    if shutil.which(tool) is None:
        unavailable(f"{tool} is not installed (apt install desktop-file-utils appstream)")
    proc = subprocess.run([tool, *args, str(PACKAGING / "linux" / name)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_info_plist():
    with open(PACKAGING / "macos" / "Info.plist", "rb") as fh:
        info = plistlib.load(fh)
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleIconFile"] == "dashchat.icns"
    assert info["NSHighResolutionCapable"] is True
    assert info["NSRequiresAquaSystemAppearance"] is False  # follows the system's dark mode
    for key in ("CFBundleShortVersionString", "CFBundleVersion"):  # the spec sets them at build time
        assert re.fullmatch(r"\d+(\.\d+)*", info[key])


def test_windows_version_info_fills_in():
    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    assert "@VERSION@" in text and "@VERSION_TUPLE@" in text
    filled = text.replace("@VERSION_TUPLE@", repr((0, 1, 0, 0))).replace("@VERSION@", __version__)
    tree = ast.parse(filled, mode="eval")
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"
    assert "StringStruct('OriginalFilename', 'dashchat.exe')" in filled


def test_workflow_builds_the_three_oses():
    text = (ROOT / ".github" / "workflows" / "bundles.yml").read_text(encoding="utf-8")
    for needle in ("ubuntu-", "macos-", "windows-", "packaging/dashchat.spec", "packaging/build_linux.sh",
                   "packaging/smoke.py", "actions/upload-artifact@", 'python-version: "3.12"'):
        assert needle in text
