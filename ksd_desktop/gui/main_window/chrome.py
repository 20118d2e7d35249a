"""The main window's chrome: its menus, its toolbar and its status bar (counts, assessment,
progress of the year). Widgets only: the window (window.py) gives them its actions and figures.

The menus are made before the window's first paint and touch no Qt enumeration (see window.py's
docstring); the toolbar and the status bar come with ``build()``, after that paint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QMainWindow

from .state import Action

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QToolBar

    from ...storage.queries import YearSummary

_A = Action
#: The toolbar's actions in order (None: a separator).
TOOLBAR: tuple[Action | None, ...] = (
    _A.NEW_MAPPING, _A.OPEN_MAPPING, None, _A.SIGN_OFF, _A.EXPORT_PDF, _A.ASSESS, None,
    _A.IMPORT, _A.EXPORT_BUNDLE, _A.RECAP, _A.VERIFY_PDF, None, _A.BACKUP, _A.SETTINGS,
)  # fmt: skip


def build_menus(window: QMainWindow, act: Mapping[Action, QAction]) -> None:
    """The menu bar; every item shows its tooltip, so a disabled one says why when hovered."""
    tr = window.tr
    menus: dict[str, tuple[Action | None, ...]] = {
        tr("&Berkas"): (_A.SETTINGS, _A.BACKUP, _A.UNDO_IMPORT, None, _A.QUIT),
        tr("&Pemetaan"): (_A.NEW_MAPPING, _A.OPEN_MAPPING, None, _A.SIGN_OFF, _A.REOPEN, _A.EXPORT_PDF, _A.SIGN_PDF),
        tr("&Data"): (
            _A.FIND,
            _A.RESET_FILTERS,
            _A.REFRESH,
            None,
            _A.ASSESS,
            None,
            _A.IMPORT,
            _A.EXPORT_BUNDLE,
            _A.RECAP,
            None,
            _A.VERIFY_PDF,
        ),  # fmt: skip
        tr("Ba&ntuan"): (_A.GUIDE, None, _A.ABOUT),
    }
    for title, names in menus.items():
        menu = window.menuBar().addMenu(title)
        menu.setToolTipsVisible(True)
        for name in names:
            menu.addSeparator() if name is None else menu.addAction(act[name])


def build_toolbar(window: QMainWindow, act: Mapping[Action, QAction]) -> QToolBar:
    """The toolbar (text under 28 px icons, fixed at the top)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolBar

    toolbar = QToolBar(window.tr("Bilah alat"), window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    toolbar.setIconSize(QSize(28, 28))
    toolbar.setMovable(False)
    for name in TOOLBAR:
        toolbar.addSeparator() if name is None else toolbar.addAction(act[name])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar


class StatusBar:
    """The status bar's parts: the proposals shown (left); the assessment and the year's progress
    (right). ``window.tr`` translates their texts (the window's translation context)."""

    def __init__(self, window: QMainWindow) -> None:
        from PySide6.QtWidgets import QProgressBar

        from ..widgets.tables import separator

        self.window = window
        self.count_label = QLabel(window)
        self.count_label.setObjectName("proposal_count")
        self.review_label = QLabel(window)
        self.review_label.setObjectName("review_summary")
        self.progress_bar = QProgressBar(window)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedSize(110, 12)
        self.progress_label = QLabel(window)
        self.progress_label.setObjectName("progress")
        bar = window.statusBar()
        bar.addWidget(self.count_label, 1)
        self.review_separator = separator(window)
        for widget in (self.review_label, self.review_separator, self.progress_bar, self.progress_label):
            bar.addPermanentWidget(widget)
        for label in (self.count_label, self.review_label, self.progress_label):
            label.setContentsMargins(6, 0, 6, 0)

    def show_progress(self, summary: YearSummary, done: int, total: int, year: int) -> None:
        """How many agencies have filled in their form for ``year``, and the assessment so far."""
        from ..widgets.tables import number

        tr = self.window.tr
        # short enough for the 1280 logical pixels of 1920×1080 at 150 %; the year is beside the list
        self.progress_label.setText(
            tr("%1 dari %2 perangkat daerah sudah mengisi").replace("%1", str(done)).replace("%2", str(total))
        )
        self.progress_label.setToolTip(tr("Formulir tahun %1").replace("%1", str(year)))
        # QProgressBar.setValue repaints at once, and with the panels not yet drawn that painted the
        # whole window (28 ms) before refresh() was done: here it only marks the bar for the next paint
        self.progress_bar.setUpdatesEnabled(False)
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setUpdatesEnabled(True)
        self.progress_bar.setToolTip(
            tr("%1 ditandatangani, %2 draf")
            .replace("%1", str(summary.forms_signed))
            .replace("%2", str(summary.forms_draft))
        )
        pending = summary.proposals - summary.sesuai - summary.tidak_sesuai
        self.review_label.setText(
            tr("Penilaian: %1 sesuai · %2 tidak sesuai · %3 belum")
            .replace("%1", number(summary.sesuai))
            .replace("%2", number(summary.tidak_sesuai))
            .replace("%3", number(pending))
        )
        self.review_label.setToolTip(
            tr("Hasil penilaian Sekretariat TKKSD atas usulan tahun %1; «belum»: belum dinilai").replace(
                "%1", str(year)
            )
        )
