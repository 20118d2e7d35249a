"""Every icon of the interface, loaded in one place from resources/icons/ (drawn for the app).

Icons are SVG, so they stay sharp at any scaling; ``dot()`` paints the small status
markers of the tables. Loaded icons are cached: a table asks for them on every repaint.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from ..paths import resource

#: Status colours shared by the tables and the detail pane.
COLOURS = {
    "none": "#9aa0a6",
    "draft": "#e8a317",
    "signed": "#1e8e3e",
    "belum_dinilai": "#9aa0a6",
    "sesuai": "#1e8e3e",
    "tidak_sesuai": "#c0392b",
}


@cache
def _icon_dir() -> Path:
    return resource("icons")  # found once, not for each of the window's icons


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if the file is missing)."""
    path = _icon_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


@cache
def app_icon() -> QIcon:
    """The window's icon from the app icon's PNG renderings (tools/make_app_icons.py): loading
    them needs no SVG engine before the main window's first paint; else ``icon("app")``."""
    found = QIcon()
    for size in (16, 32, 48, 256):
        path = _icon_dir() / f"app-{size}.png"
        if path.exists():
            found.addFile(str(path))
    return found if not found.isNull() else icon("app")


@cache
def dot(colour: str, size: int = 12) -> QIcon:
    """A round status marker in ``colour`` (a key of COLOURS or a colour name)."""
    # imported here: Qt builds the whole Qt namespace (gui/main_window/window.py), and the
    # painting classes are not needed before the main window's first paint
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap

    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x: crisp on high-DPI screens too
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(COLOURS.get(colour, colour)))
    painter.drawEllipse(QRectF(size * 0.2, size * 0.2, size * 0.6, size * 0.6))
    painter.end()
    return QIcon(pixmap)
