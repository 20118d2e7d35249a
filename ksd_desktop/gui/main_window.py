"""The main window: the agencies of the home region and their form status for a year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMainWindow, QMessageBox,
    QTableView, QVBoxLayout, QWidget,
)
from sqlite_utils import Database

from .. import APP_NAME, __version__
from ..domain.validation import MIN_YEAR
from ..storage.repositories import FormRepository, SettingsRepository
from .models.agencies import AgencyStatusModel, Column


class MainWindow(QMainWindow):
    """Start of every journey: which agency has mapped what, for the chosen year."""

    def __init__(self, db: Database, db_path: str, parent=None):
        super().__init__(parent)
        self.db, self.db_path = db, db_path
        self.forms = FormRepository(db)
        self.settings = SettingsRepository(db)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("%1 — Pemetaan Kerja Sama Daerah").replace("%1", APP_NAME))
        self.agency_model = AgencyStatusModel(self)
        self._build_menus()
        self._build_central()
        self._restore_state()
        self.refresh()

    def _build_menus(self) -> None:
        menu_file = self.menuBar().addMenu(self.tr("&Berkas"))
        quit_action = QAction(self.tr("&Keluar"), self)
        quit_action.setObjectName("action_quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu_file.addAction(quit_action)
        menu_help = self.menuBar().addMenu(self.tr("Ba&ntuan"))
        about = QAction(self.tr("&Tentang KSD Desktop"), self)
        about.setObjectName("action_about")
        about.triggered.connect(self.show_about)
        menu_help.addAction(about)

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        header = QHBoxLayout()
        title = QLabel(self.tr("<b>Perangkat Daerah %1</b>").replace("%1", self._region_title()), central)
        title.setObjectName("agencies_title")
        header.addWidget(title)
        header.addStretch(1)
        year_label = QLabel(self.tr("&Tahun pemetaan:"), central)
        self.year_combo = QComboBox(central)
        self.year_combo.setObjectName("year")
        year_label.setBuddy(self.year_combo)
        for year in range(dt.date.today().year + 1, MIN_YEAR - 1, -1):
            self.year_combo.addItem(str(year), year)
        self.year_combo.currentIndexChanged.connect(self.refresh)
        header.addWidget(year_label)
        header.addWidget(self.year_combo)
        layout.addLayout(header)

        self.agencies_view = QTableView(central)
        self.agencies_view.setObjectName("agencies_table")
        self.agencies_view.setModel(self.agency_model)
        self.agencies_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agencies_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agencies_view.setAlternatingRowColors(True)
        self.agencies_view.verticalHeader().hide()
        self.agencies_view.setWordWrap(False)
        head = self.agencies_view.horizontalHeader()
        head.setSectionResizeMode(Column.NO, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(Column.AGENCY, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(Column.PROPOSALS, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.agencies_view)
        self.setCentralWidget(central)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progress")
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().showMessage(self.tr("Berkas data: %1").replace("%1", str(self.db_path)))

    def _region_title(self) -> str:
        title = str(self.settings.get("region_title") or "")
        return title.replace("PEMERINTAH ", "").title()

    def _restore_state(self) -> None:
        ui = QSettings()
        geometry = ui.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        years = self.forms.years()
        wanted = ui.value("main_window/year", None)
        year = int(wanted) if wanted else (max(years) if years else dt.date.today().year)
        self.select_year(year)

    def select_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)

    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def refresh(self) -> None:
        self.agency_model.set_rows(self.forms.agency_statuses(self.year))
        done, total = self.agency_model.progress()
        self.progress_label.setText(self.tr("%1 dari %2 perangkat daerah sudah mengisi (tahun %3)")
                                    .replace("%1", str(done)).replace("%2", str(total))
                                    .replace("%3", str(self.year)))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("Tentang KSD Desktop"), self.tr(
            "<h3>%1 %2</h3><p>Aplikasi luring untuk identifikasi dan pemetaan urusan pemerintahan yang "
            "akan dikerjasamakan (PP 28/2018 Pasal 5; Permendagri 22/2020 Pasal 5).</p>"
            "<p>Berkas data: %3</p>").replace("%1", APP_NAME).replace("%2", __version__)
            .replace("%3", str(self.db_path)))

    def closeEvent(self, event) -> None:  # noqa: N802
        ui = QSettings()
        ui.setValue("main_window/geometry", self.saveGeometry())
        ui.setValue("main_window/year", self.year)
        super().closeEvent(event)
