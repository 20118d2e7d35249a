"""Render the app icon and the .ksd file icon from their SVG sources (run after editing them).

    .venv/bin/python tools/make_app_icons.py

Writes, from resources/icons/app.svg (app-16.svg for 16 px, drawn on the pixel grid) and
resources/icons/ksd-file.svg:

- resources/icons/app.ico and ksd-file.ico: 16, 20, 24, 32, 40, 48, 64 px as 32-bit bitmaps
  and 256 px as PNG (the layout every Windows version, PyInstaller and makensis read);
- resources/icons/app-16.png, app-32.png, app-48.png, app-256.png;
- installer/images/wizard.bmp (164×314, the installer's welcome and finish pages) and
  header.bmp (150×57, the other pages).

Renders with Qt's SVG renderer offscreen; the outputs are committed (the build needs no
renderer). tests/test_app_icon.py checks that they match their sources' sizes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path
from typing import cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
IMAGES = ROOT / "installer" / "images"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
PNG_SIZES = (16, 32, 48, 256)
BLUE = "#1f5f99"


def render(svg: Path, size: int, width: int | None = None) -> QImage:
    image = QImage(width or size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter, QRectF(0, 0, width or size, size))
    painter.end()
    return image


def _png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6's stub says bytes; Qt takes only str
    return bytes(buffer.data().data())


def _dib(image: QImage) -> bytes:
    """A 32-bit BGRA bitmap as ICO stores it: bottom-up rows, then a 1-bit AND mask."""
    size = image.width()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA in memory (little-endian)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = [bytes(cast(memoryview, image.constScanLine(y)))[: size * 4] for y in range(size - 1, -1, -1)]
    mask_row = ((size + 31) // 32) * 4
    mask = b""
    for y in range(size - 1, -1, -1):
        row = bytearray(mask_row)
        for x in range(size):
            if image.pixelColor(x, y).alpha() == 0:
                row[x // 8] |= 0x80 >> (x % 8)
        mask += bytes(row)
    return header + b"".join(rows) + mask


def write_ico(path: Path, images: list[QImage]) -> None:
    entries, payloads = [], []
    offset = 6 + 16 * len(images)
    for image in images:
        size = image.width()
        data = _png(image) if size >= 256 else _dib(image)
        entries.append(struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset))
        payloads.append(data)
        offset += len(data)
    path.write_bytes(struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(payloads))


def icon_images(source: Path, small: Path | None = None) -> list[QImage]:
    return [render(small if small is not None and size == 16 else source, size) for size in ICO_SIZES]


def installer_bitmap(width: int, height: int, *, title: bool) -> QImage:
    """The installer's side picture (welcome/finish) or header picture: the icon on the app's blue."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(BLUE) if title else QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if title:
        icon = render(ICONS / "app.svg", 96)
        painter.drawImage((width - 96) // 2, 48, icon)
        painter.setPen(QColor("#ffffff"))
        font = QFont("Liberation Sans")
        font.setPixelSize(20)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(0, 160, width, 30), int(Qt.AlignmentFlag.AlignHCenter), "KSD Desktop")
        font.setPixelSize(11)
        font.setBold(False)
        painter.setFont(font)
        painter.drawText(
            QRectF(10, 192, width - 20, 60),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
            "Pemetaan Kerja Sama Daerah",
        )
    else:
        painter.drawImage(width - 48 - 6, (height - 48) // 2, render(ICONS / "app.svg", 48))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs it)
    from PySide6.QtGui import QFontDatabase

    for font in (ROOT / "resources" / "fonts").glob("LiberationSans-*.ttf"):
        QFontDatabase.addApplicationFont(str(font))
    write_ico(ICONS / "app.ico", icon_images(ICONS / "app.svg", ICONS / "app-16.svg"))
    write_ico(ICONS / "ksd-file.ico", icon_images(ICONS / "ksd-file.svg"))
    for size in PNG_SIZES:
        render(ICONS / ("app-16.svg" if size == 16 else "app.svg"), size).save(str(ICONS / f"app-{size}.png"))
    IMAGES.mkdir(parents=True, exist_ok=True)
    # PySide6's stub says the format is bytes; Qt takes only str
    installer_bitmap(164, 314, title=True).save(str(IMAGES / "wizard.bmp"), "BMP")  # type: ignore[call-overload]
    installer_bitmap(150, 57, title=False).save(str(IMAGES / "header.bmp"), "BMP")  # type: ignore[call-overload]
    for path in [
        ICONS / "app.ico",
        ICONS / "ksd-file.ico",
        *(ICONS / f"app-{s}.png" for s in PNG_SIZES),
        IMAGES / "wizard.bmp",
        IMAGES / "header.bmp",
    ]:
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bita")
    return 0


if __name__ == "__main__":
    sys.exit(main())
