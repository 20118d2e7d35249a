"""Every icon of the interface, loaded in one place from resources/icons/ (drawn for the app).

Icons are SVG, so they stay sharp at any scaling; ``dot()`` paints the small status
markers of the tables. Loaded icons are cached: a table asks for them on every repaint.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ..paths import resource

#: Status colours shared by the tables and the detail pane.
COLOURS = {
    "none": "#9aa0a6", "draft": "#e8a317", "signed": "#1e8e3e",
    "belum_dinilai": "#9aa0a6", "sesuai": "#1e8e3e", "tidak_sesuai": "#c0392b",
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
def dot(colour: str, size: int = 12) -> QIcon:
    """A round status marker in ``colour`` (a key of COLOURS or a colour name)."""
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
