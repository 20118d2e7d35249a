"""The main window's size and layout as the user left them on this computer (QSettings through
gui/ui_state.py, never the data file): the window's geometry, toolbar state, both splitters and
the proposals table's columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtWidgets import QWidget

from .. import ui_state
from ..screen import fit_to_screen, fits_on_screen

#: The size the window opens at the first time, where the screen allows.
PREFERRED_SIZE = QSize(1440, 860)


class Stateful(Protocol):
    """QMainWindow, QSplitter and QHeaderView: their state as bytes, and back."""

    def saveState(self) -> QByteArray: ...  # noqa: N802 - Qt's name

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool: ...  # noqa: N802


def restore_geometry(window: QWidget) -> bool:
    """Size and place ``window`` as it was left; False when nothing is remembered or it no
    longer fits this screen (the caller then sizes it with ``first_size``)."""
    geometry = QSettings().value(ui_state.GEOMETRY)
    return isinstance(geometry, (QByteArray, bytes)) and window.restoreGeometry(geometry) and fits_on_screen(window)


def first_size(window: QWidget) -> bool:
    """As large as the usable area allows up to PREFERRED_SIZE; True when the screen is smaller
    than that (the 1366×768 laptop): the window should then open maximised."""
    size = fit_to_screen(window, PREFERRED_SIZE)
    return size.width() < PREFERRED_SIZE.width() or size.height() < PREFERRED_SIZE.height()


def restore_states(parts: Iterable[tuple[str, Stateful]]) -> None:
    """Each part's state under its key, where one was saved."""
    ui = QSettings()
    for key, part in parts:
        value = ui.value(key)
        if isinstance(value, (QByteArray, bytes)):
            part.restoreState(value)


def save_geometry(window: QWidget, parts: Iterable[tuple[str, Stateful]]) -> None:
    """The window's geometry and each part's state, for the next start."""
    ui = QSettings()
    ui.setValue(ui_state.GEOMETRY, window.saveGeometry())
    for key, part in parts:
        ui.setValue(key, part.saveState())
