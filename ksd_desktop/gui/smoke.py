"""Self-test of a start (``KSD_DESKTOP_SMOKE=1``): open, show, report, quit.

``python3 tasks.py freeze-check`` starts the frozen app this way (offscreen) to prove that
the Qt plugins load, the window paints and the data file opens; the frozen-app benchmark
times it. Each step prints one line on stdout; a dialog that would wait for a person is
reported (class, title, text) and closed. Exit code 0 when the window showed its data;
the normal start's codes otherwise (1: the data file could not be opened).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex

    from .main_window.window import MainWindow

from . import SMOKE_ENV as ENV

#: A start that has not finished by then is reported and ended (exit code 3).
TIMEOUT_S = 120


def requested() -> bool:
    return os.environ.get(ENV) == "1"


def say(text: str) -> None:
    if sys.stdout is not None:
        print(f"[{time.perf_counter():.3f}] {text}", flush=True)


class SmokeRun(QObject):
    """Watches a start: reports the first paint, answers dialogs, reports the data, quits."""

    def __init__(self, app: QApplication, window: MainWindow):
        super().__init__(app)
        self.app, self.window = app, window
        self._seen: set[int] = set()
        window.first_painted.connect(self._painted)
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._close_dialogs)
        self._poll.start()
        QTimer.singleShot(TIMEOUT_S * 1000, self._timeout)

    def _painted(self) -> None:
        icon = self.window.windowIcon()
        svg = b"svg" in [f.data() for f in QImageReader.supportedImageFormats()]
        say(
            f"jendela ditampilkan: «{self.window.windowTitle()}», platform {QGuiApplication.platformName()}, "
            f"gaya {self.app.style().name()}, ikon SVG: {'ya' if svg and not icon.pixmap(16, 16).isNull() else 'TIDAK'}"
        )

    def _close_dialogs(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog) or id(dialog) in self._seen:
            return
        self._seen.add(id(dialog))
        if isinstance(dialog, QMessageBox):
            text = f": {' '.join(dialog.text().split())}"
        else:
            rows = [f"{name} = {' / '.join(cells)}" for name, cells in _item_views(dialog)]
            text = f": {'; '.join(rows)}" if rows else ""
        say(f"dialog {type(dialog).__name__} ({dialog.objectName() or '-'}) «{dialog.windowTitle()}»{text}")
        QTimer.singleShot(0, cast(QDialog, dialog).reject)  # modal widgets here are dialogs

    def finish(self) -> None:
        """The start is complete (data shown, files offered for import): report and quit."""
        tables = [
            f"{view.objectName() or type(view).__name__}: {view.model().rowCount()} baris"
            for view in _views(self.window)
        ]
        status = [
            " ".join(label.text().split())
            for label in self.window.statusBar().findChildren(QLabel)
            if label.isVisible() and label.text().strip()
        ]
        say(f"data ditampilkan: {'; '.join(tables)}")
        say(f"bilah status: {' | '.join(status)}")
        say(f"urutan nama (QCollator id_ID): {collation_check()}")
        say(f"panduan pengguna: {guide_check()}")
        say(
            f"tombol Qt: {QApplication.translate('QPlatformTheme', 'Cancel')} / "
            f"{QApplication.translate('QPlatformTheme', '&Yes').replace('&', '')}"
        )
        self._poll.stop()
        self.app.exit(0)

    def _timeout(self) -> None:
        say(f"WAKTU HABIS: jendela belum selesai dibuka setelah {TIMEOUT_S} detik")
        self.app.exit(3)


def _views(widget: QWidget) -> list[QAbstractItemView]:
    return [
        view
        for view in widget.findChildren(QAbstractItemView)
        if view.isVisible() and view.model() is not None and not isinstance(view, QHeaderView)
    ]


def _item_views(widget: QWidget, rows: int = 3) -> list[tuple[str, list[str]]]:
    """Each visible list or table of ``widget``: its name and the first column of its first rows."""
    found = []
    for view in _views(widget):
        model = view.model()
        cells = []
        for r in range(min(rows, model.rowCount())):
            index = model.index(r, 0)
            children = [_cell(model.index(c, 0, index)) for c in range(min(rows, model.rowCount(index)))]
            cells.append(_cell(index) + (f" ({', '.join(children)})" if children else ""))
        found.append((view.objectName() or type(view).__name__, cells))
    return found


def _cell(index: QModelIndex | QPersistentModelIndex) -> str:
    return " ".join(str(index.data() or "").split())


def guide_check() -> str:
    """The shipped user guide opens with pdfium and has the sections F1 opens (Bantuan › Panduan Pengguna)."""
    from ..errors import UserError
    from ..services.diagnostics import build_info
    from ..services.guide import GuideDocument, guide_path
    from .help_topics import all_topics

    try:
        document = GuideDocument(guide_path())
    except UserError as exc:
        return f"TIDAK DAPAT DIBUKA: {exc}"
    try:
        missing = sorted(t for t in all_topics() if document.destination(t) is None)
        pages = document.page_count
    finally:
        document.close()
    found = "semua bagian F1 ada" if not missing else f"BAGIAN HILANG: {', '.join(missing)}"
    return f"{pages} halaman, {found}; {build_info().describe()}"


def collation_check() -> str:
    """Indonesian names in the order a person expects (case and accents aside), as Qt sorts them."""
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator, QLocale, Qt

    names = ["bappedalitbang", "Dinas Kesehatan", "dinas pendidikan", "Édukasi", "Ekonomi", "kecamatan Aluh-Aluh"]
    collator = QCollator(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    ordered = sorted(reversed(names), key=cmp_to_key(collator.compare))
    return ("baik: " if ordered == names else "SALAH: ") + ", ".join(ordered)
