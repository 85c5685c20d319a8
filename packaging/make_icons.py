"""Render dashchat's app icon from its SVG to every file the bundles and the window need.

    python packaging/make_icons.py

Reads `resources/icons/dashchat.svg` (and `dashchat-small.svg`, a simpler drawing for 16 and
24 px where the full one blurs) and writes, overwriting:

- `resources/icons/png/dashchat-<N>.png` for N in 16 ... 1024 (the Linux hicolor sizes too);
- `resources/icons/dashchat.ico` for Windows: 16 ... 256, BMP entries below 256 and a PNG
  entry at 256, the layout Windows' own tools write;
- `resources/icons/dashchat.icns` for macOS: PNG entries 16 ... 1024 (1x and 2x);
- `desktop/resources/icons/dashchat-<N>.png` (16 ... 256), package data: the running window's icon.

Needs only PySide6 (QtSvg ships in PySide6-Essentials). The outputs are committed, so a build
does not need to run this; run it again after changing the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "dashchat.svg"
SVG_SMALL = ICONS / "dashchat-small.svg"
PNG_DIR = ICONS / "png"
PACKAGE_DIR = ROOT / "desktop" / "resources" / "icons"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PACKAGE_SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL_BELOW = 32  # sizes under this use the simplified drawing
# ICNS entry types holding PNG data, and the pixel size of each.
ICNS_TYPES = (
    (b"icp4", 16), (b"ic11", 32),    # 16x16, 16x16@2x
    (b"icp5", 32), (b"ic12", 64),    # 32x32, 32x32@2x
    (b"icp6", 64),                   # 64x64
    (b"ic07", 128), (b"ic13", 256),  # 128x128, 128x128@2x
    (b"ic08", 256), (b"ic14", 512),  # 256x256, 256x256@2x
    (b"ic09", 512), (b"ic10", 1024),  # 512x512, 512x512@2x
)


def render(size: int):
    """The icon as a QImage of size x size (ARGB32, not premultiplied)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG_SMALL if size < SMALL_BELOW else SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read the SVG for {size} px")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("make_icons: PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image) -> bytes:
    """An ICO's BMP entry: BITMAPINFOHEADER, 32-bit BGRA rows bottom-up, then the AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(size - 1, -1, -1):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)  # 0xAARRGGBB
            row += struct.pack("<I", argb)  # little-endian: B, G, R, A
        rows.append(bytes(row))
    mask_row = bytes(((size + 31) // 32) * 4)  # all 0: the alpha channel decides
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: dict[int, object]) -> bytes:
    entries = [(size, png_bytes(images[size]) if size >= 256 else dib_bytes(images[size])) for size in ICO_SIZES]
    out = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        side = 0 if size >= 256 else size  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in entries)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path.relative_to(ROOT)}  {len(data):>7} bytes")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - kept alive
    images = {size: render(size) for size in PNG_SIZES}
    pngs = {size: png_bytes(image) for size, image in images.items()}
    for size in PNG_SIZES:
        write(PNG_DIR / f"dashchat-{size}.png", pngs[size])
    for size in PACKAGE_SIZES:
        write(PACKAGE_DIR / f"dashchat-{size}.png", pngs[size])
    write(ICONS / "dashchat.ico", ico_bytes(images))
    write(ICONS / "dashchat.icns", icns_bytes(pngs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
