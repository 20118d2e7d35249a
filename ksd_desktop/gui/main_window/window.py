"""The main window: every agency, form and proposal of a year at a glance.

Left, the agencies of the home region with the state of their form for the chosen year;
centre, the year's proposals (searched, filtered and sorted in SQLite) above a detail
pane; below, counts and progress. Before the first form, the centre explains the app
and offers the first step. Widgets never touch SQL: they call repositories and queries.

The window can be built before its data file is open (``MainWindow(None, path)``): it
then shows itself "Membuka berkas data…" until ``open_data_file()`` or ``load(db)``, so
the application start shows the window first and reads the file right after. The data
layer (domain, storage, sqlite-utils) is imported then too, not before the first paint.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QMainWindow, QMessageBox, QProgressBar, QSplitter,
    QStackedWidget, QTableView, QToolBar, QVBoxLayout, QWidget,
)

from ... import APP_NAME, __version__
from ...errors import UserError
from .. import ui_state
from .actions import build_actions
from ..icons import icon
from .data_actions import DataActionsMixin
from ..followup.hook import FollowupHook
from .form_mixin import FormActionsMixin
from ..models.agencies import AgencyStatusModel, Column
from ..models.agency_view import AgencyListProxy
from ..models.proposals import Column as ProposalColumn
from ..models.proposals import ProposalTableModel
from ..widgets.detail import ProposalDetailView
from ..widgets.filter_bar import FilterBar
from ..widgets.tables import number, office_table, separator, viewport

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ...storage.queries import ProposalQueries, ProposalRow
    from ...storage.repositories import AgencyStatus, FormRepository, ReferenceRepository, SettingsRepository

#: Actions that need no data file: enabled while it opens.
WORK_WITHOUT_DATA = frozenset({"action_about", "action_quit", "action_find", "action_reset_filters",
                               "action_verify_pdf", "action_sign_pdf"})

#: Default widths of the proposals table's columns (Permasalahan takes the rest).
COLUMN_WIDTHS = {
    ProposalColumn.NO: 44, ProposalColumn.AGENCY: 118, ProposalColumn.URUSAN: 104,
    ProposalColumn.KIND: 62, ProposalColumn.PARTNERS: 146, ProposalColumn.PRIORITY: 70,
    ProposalColumn.STAGE: 92, ProposalColumn.REVIEW: 124,
}


class MainWindow(FormActionsMixin, DataActionsMixin, QMainWindow):
    """Start of every journey: which agency has mapped what, for the chosen year."""

    #: The window has been painted for the first time (the start opens the data file then).
    first_painted = Signal()

    def __init__(self, db: Database | None, db_path: str, parent=None):
        """``db`` None: the window shows "Membuka berkas data…" until ``open_data_file()``."""
        super().__init__(parent)
        self.db: Database | None = None
        self.db_path = db_path
        self.forms: FormRepository | None = None
        self.settings: SettingsRepository | None = None
        self.reference: ReferenceRepository | None = None
        self.queries: ProposalQueries | None = None
        self._refreshing = False
        self._year_total = 0
        self._waiting_actions: list = []
        self._painted = False
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("%1 — Pemetaan Kerja Sama Daerah").replace("%1", APP_NAME))
        self.setWindowIcon(icon("app"))
        self.agency_model = AgencyStatusModel(self)
        self.proposal_model = ProposalTableModel(None, self)
        self.proposal_model.failed.connect(self.show_error)
        self.act = build_actions(self)
        self._connect_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self._build_status_bar()
        self._connect_form_actions()
        self._connect_data_actions()
        self.followup = FollowupHook(self)  # tindak lanjut: menu entries, badge, filter (gui/followup)
        self._restore_layout()
        if db is None:
            self._show_loading()
        else:
            self.load(db)

    # -- construction --------------------------------------------------------------------
    def _connect_actions(self) -> None:
        a = self.act
        a["action_new_mapping"].triggered.connect(self.new_mapping)
        a["action_open_mapping"].triggered.connect(lambda: self.open_mapping())
        a["action_settings"].triggered.connect(self.show_settings)
        a["action_about"].triggered.connect(self.show_about)
        a["action_quit"].triggered.connect(self.close)
        a["action_refresh"].triggered.connect(self.refresh)
        for action in a.values():
            self.addAction(action)  # shortcuts work wherever the focus is

    def _build_menus(self) -> None:
        layout = {
            self.tr("&Berkas"): ["action_settings", "action_backup", "action_undo_import", None, "action_quit"],
            self.tr("&Pemetaan"): ["action_new_mapping", "action_open_mapping", None,
                                   "action_sign_off", "action_reopen", "action_export_pdf", "action_sign_pdf"],
            self.tr("&Data"): ["action_find", "action_reset_filters", "action_refresh", None,
                               "action_assess", None,
                               "action_import", "action_export_bundle", "action_recap", None,
                               "action_verify_pdf"],
            self.tr("Ba&ntuan"): ["action_about"],
        }
        for title, names in layout.items():
            menu = self.menuBar().addMenu(title)
            menu.setToolTipsVisible(True)  # a disabled item says why when hovered
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(self.act[name])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Bilah alat"), self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        toolbar.setIconSize(QSize(28, 28))
        toolbar.setMovable(False)
        for name in ("action_new_mapping", "action_open_mapping", None, "action_sign_off", "action_export_pdf",
                     "action_assess", None, "action_import", "action_export_bundle", "action_recap", "action_verify_pdf", None,
                     "action_backup", "action_settings"):
            toolbar.addSeparator() if name is None else toolbar.addAction(self.act[name])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_central(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self._build_agency_panel())
        self.center = QStackedWidget(self.splitter)
        self.center.setObjectName("center")
        self.empty_state: QWidget | None = None  # built on first need: most starts have data
        self.content = self._build_proposals_panel()
        self.center.addWidget(self.content)
        self.splitter.addWidget(self.center)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 986])
        self.setCentralWidget(self.splitter)

    def _build_agency_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 8, 4, 8)
        self.agencies_title = QLabel(panel)
        self.agencies_title.setObjectName("agencies_title")
        font = self.agencies_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.agencies_title.setFont(font)
        layout.addWidget(self.agencies_title)
        header = QHBoxLayout()
        year_label = QLabel(self.tr("&Tahun pemetaan:"), panel)
        self.year_combo = QComboBox(panel)
        self.year_combo.setObjectName("year")
        year_label.setBuddy(self.year_combo)
        # The years are listed once the data file is open (_fill_years); until then one item,
        # the year last shown (else a blank), so that the combo has its width from the start.
        wanted = QSettings().value(ui_state.YEAR, None)
        self.year_combo.addItem(str(wanted or dt.date.today().year), int(wanted) if wanted else None)
        self.year_combo.setCurrentIndex(0 if wanted else -1)
        self.year_combo.currentIndexChanged.connect(self.refresh)
        header.addWidget(year_label)
        header.addWidget(self.year_combo)
        header.addStretch(1)
        layout.addLayout(header)

        view = self.agencies_view = QTableView(panel)
        view.setObjectName("agencies_table")
        view.setModel(AgencyListProxy(self.agency_model, view))
        office_table(view, [self.act["action_open_mapping"], self.act["action_new_mapping"]])
        view.setColumnHidden(Column.NO, True)  # the official order is the list's order
        head = view.horizontalHeader()
        head.setSectionResizeMode(Column.AGENCY, QHeaderView.ResizeMode.Stretch)
        # Widths from the longest texts, not ResizeToContents: that asks every row at each layout.
        metrics = view.fontMetrics()
        head.resizeSection(Column.STATUS, metrics.horizontalAdvance(self.tr("Ditandatangani, revisi 9")) + 30)
        head.resizeSection(Column.PROPOSALS, metrics.horizontalAdvance(self.tr("Usulan")) + 14)
        view.selectionModel().selectionChanged.connect(self._agency_changed)
        view.activated.connect(self._agency_activated)
        layout.addWidget(view)
        return panel

    def _build_proposals_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(4, 8, 8, 8)
        self.filter_bar = FilterBar(panel)
        self.filter_bar.changed.connect(self._apply_filter)
        self.filter_bar.agency_cleared.connect(self.agencies_view.clearSelection)
        self.filter_bar.reset.setDefault(False)
        self.act["action_find"].triggered.connect(self.filter_bar.focus_search)
        self.act["action_reset_filters"].triggered.connect(self.filter_bar.clear)
        self.search = self.filter_bar.search
        layout.addWidget(self.filter_bar)

        view = self.proposals_view = QTableView(panel)
        view.setObjectName("proposals_table")
        view.setModel(self.proposal_model)
        office_table(view, [self.act["action_open_mapping"]])
        head = view.horizontalHeader()
        head.setStretchLastSection(False)
        for column, width in COLUMN_WIDTHS.items():
            head.resizeSection(column, width)
        head.setSectionResizeMode(ProposalColumn.PROBLEM, QHeaderView.ResizeMode.Stretch)
        head.setSortIndicator(ProposalColumn.NO, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.selectionModel().currentRowChanged.connect(self._proposal_changed)
        view.activated.connect(self._proposal_activated)
        self.no_results = QLabel(viewport(view))
        self.no_results.setObjectName("no_results")
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_results.setWordWrap(True)
        self.no_results.setEnabled(False)  # the style's muted colour, without a style sheet
        self.no_results.hide()
        QVBoxLayout(self.no_results.parentWidget()).addWidget(self.no_results)  # follows the viewport's size

        self.detail = ProposalDetailView(panel)
        self.detail_splitter = QSplitter(Qt.Orientation.Vertical, panel)
        self.detail_splitter.setObjectName("detail_splitter")
        self.detail_splitter.addWidget(view)
        self.detail_splitter.addWidget(self.detail)
        self.detail_splitter.setChildrenCollapsible(False)
        self.detail_splitter.setSizes([420, 280])
        layout.addWidget(self.detail_splitter, 1)
        return panel

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("proposal_count")
        self.review_label = QLabel(self)
        self.review_label.setObjectName("review_summary")
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedSize(110, 12)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progress")
        bar.addWidget(self.count_label, 1)
        self.review_separator = separator(self)
        for widget in (self.review_label, self.review_separator, self.progress_bar, self.progress_label):
            bar.addPermanentWidget(widget)
        for label in (self.count_label, self.review_label, self.progress_label):
            label.setContentsMargins(6, 0, 6, 0)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    # -- loading the data file -----------------------------------------------------------
    def _show_loading(self) -> None:
        """The window before its data file is open: frame, menus, toolbar and empty panels,
        "Membuka berkas data…", and no action that needs the data."""
        text = self.tr("Membuka berkas data…")
        self.agencies_title.setText(self.tr("Perangkat Daerah"))
        self.year_combo.setEnabled(False)
        self.no_results.setText(text)
        self.no_results.show()
        self.count_label.setText(text)
        for widget in (self.review_label, self.review_separator, self.progress_bar, self.progress_label):
            widget.setVisible(False)
        self._waiting_actions = [action for name, action in self.act.items()
                                 if name not in WORK_WITHOUT_DATA and action.isEnabled()]
        for action in self._waiting_actions:
            action.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)

    def open_data_file(self) -> None:
        """Open ``db_path`` (migrated, reference data loaded) and show its data.

        Raises StorageError when the file cannot be opened (the caller tells the user).
        """
        from ...storage.database import open_database
        self.load(open_database(self.db_path))

    def load(self, db: Database) -> None:
        """Show the data of ``db``, an open database (``open_database``)."""
        from ...storage.queries import ProposalQueries
        from ...storage.repositories import FormRepository, ReferenceRepository, SettingsRepository
        self.forms = FormRepository(db)
        self.settings = SettingsRepository(db)
        self.reference = ReferenceRepository(db)
        self.queries = ProposalQueries(db)
        self.db = db
        self.proposal_model.set_queries(self.queries)
        if self._waiting_actions:  # leave the loading state
            for action in self._waiting_actions:
                action.setEnabled(True)
            self._waiting_actions = []
            self.year_combo.setEnabled(True)
            self.progress_bar.setVisible(True)
            self.progress_label.setVisible(True)
            self.unsetCursor()
        self._fill_years()
        self.filter_bar.set_choices()
        self._restore_year()
        self.refresh()

    # -- state ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        """Size, toolbar, splitters and columns as the user left them (QSettings, no data needed)."""
        ui = QSettings()
        geometry = ui.value(ui_state.GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 800)
        for key, restore in ((ui_state.WINDOW_STATE, self.restoreState),
                             (ui_state.MAIN_SPLITTER, self.splitter.restoreState),
                             (ui_state.DETAIL_SPLITTER, self.detail_splitter.restoreState),
                             (ui_state.PROPOSALS_HEADER, self.proposals_view.horizontalHeader().restoreState)):
            value = ui.value(key)
            if isinstance(value, (QByteArray, bytes)):
                restore(value)

    def _fill_years(self) -> None:
        """Every year one can map: next year back to MIN_YEAR (PP 28/2018), newest first."""
        from ...domain.validation import MIN_YEAR
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in range(dt.date.today().year + 1, MIN_YEAR - 1, -1):
            self.year_combo.addItem(str(year), year)
        self.year_combo.blockSignals(False)

    def _restore_year(self) -> None:
        """The year last shown, else the latest year with data; the urusan filter's choices."""
        with self._guard():
            years = self.forms.years()
            wanted = QSettings().value(ui_state.YEAR, None)
            year = int(wanted) if wanted else (max(years) if years else dt.date.today().year)
            self.year_combo.blockSignals(True)
            self.select_year(year)
            self.year_combo.blockSignals(False)
            self.filter_bar.set_urusan(self.reference.urusan())

    def closeEvent(self, event) -> None:
        ui = QSettings()
        ui.setValue(ui_state.GEOMETRY, self.saveGeometry())
        ui.setValue(ui_state.WINDOW_STATE, self.saveState())
        ui.setValue(ui_state.MAIN_SPLITTER, self.splitter.saveState())
        ui.setValue(ui_state.DETAIL_SPLITTER, self.detail_splitter.saveState())
        ui.setValue(ui_state.PROPOSALS_HEADER, self.proposals_view.horizontalHeader().saveState())
        if self.db is not None:  # closed while the file was opening: the year stays as it was
            ui.setValue(ui_state.YEAR, self.year)
        super().closeEvent(event)

    def select_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)

    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    # -- reading the data ----------------------------------------------------------------
    @contextmanager
    def _guard(self):
        """A UserError (data file, refused job) becomes an Indonesian message box, never a traceback."""
        try:
            yield
        except UserError as exc:
            self.show_error(str(exc))

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, message)

    def refresh(self) -> None:
        """Read everything shown again (after a change, a year switch, or F5)."""
        if self.db is None:  # the file is still opening: load() refreshes
            return
        with self._guard():
            self.agencies_title.setText(self.tr("Perangkat Daerah %1").replace("%1", self._region_title()))
            code = self.selected_agency_code()
            self._refreshing = True
            try:
                self.agency_model.set_rows(self.forms.agency_statuses(self.year))
                self._select_agency(code)
            finally:
                self._refreshing = False
            summary = self.queries.year_summary(self.year)
            self._show_progress(summary)
            self.followup.refresh()
            has_forms = self.queries.has_forms()
            if not has_forms and self.empty_state is None:
                from ..widgets.empty_state import EmptyState
                self.empty_state = EmptyState(self.act["action_new_mapping"], self.center)
                self.center.addWidget(self.empty_state)
            self.center.setCurrentWidget(self.content if has_forms else self.empty_state)
            for widget in (self.count_label, self.review_label, self.review_separator):
                widget.setVisible(has_forms)
            self._apply_filter()

    def _region_title(self) -> str:
        title = str(self.settings.get("region_title") or "")
        return title.replace("PEMERINTAH ", "").title()

    def _show_progress(self, summary) -> None:
        done, total = self.agency_model.progress()
        self.progress_label.setText(self.tr("%1 dari %2 perangkat daerah sudah mengisi (tahun %3)")
                                    .replace("%1", str(done)).replace("%2", str(total))
                                    .replace("%3", str(self.year)))
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setToolTip(self.tr("%1 ditandatangani, %2 draf")
                                     .replace("%1", str(summary.forms_signed)).replace("%2", str(summary.forms_draft)))
        pending = summary.proposals - summary.sesuai - summary.tidak_sesuai
        self.review_label.setText(self.tr("Penilaian: %1 sesuai, %2 tidak sesuai, %3 belum dinilai")
                                  .replace("%1", number(summary.sesuai)).replace("%2", number(summary.tidak_sesuai))
                                  .replace("%3", number(pending)))
        self._year_total = summary.proposals

    def _apply_filter(self) -> None:
        """Query the proposals table again, keeping the selected proposal when it is still shown."""
        if self._refreshing or self.db is None:
            return
        from ...storage.queries import ProposalFilter
        with self._guard():
            agency = self.selected_agency()
            kept = self.selected_proposal()
            flt = ProposalFilter(year=self.year, agency_code=agency.code if agency else None,
                                 **self.filter_bar.values(), **self.followup.filter_values())
            self.filter_bar.set_agency(agency.name if agency else None)
            # one agency: its column would repeat the same name on every row
            self.proposals_view.setColumnHidden(ProposalColumn.AGENCY, agency is not None)
            self.proposal_model.set_filter(flt)
            row = self.proposal_model.row_of(kept.id if kept else None)
            if row is not None:
                index = self.proposal_model.index(row, ProposalColumn.NO)
                self.proposals_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.proposals_view.scrollTo(index)
            else:
                self.detail.show_detail(None)
            self._show_counts()
        self._update_actions()

    def _show_counts(self) -> None:
        shown = self.proposal_model.rowCount()
        total = max(self._year_total, shown)
        self.count_label.setText(self.tr("Menampilkan %1 dari %2 usulan tahun %3")
                                 .replace("%1", number(shown)).replace("%2", number(total))
                                 .replace("%3", str(self.year)))
        filtering = self.filter_bar.is_filtering() or self.selected_agency() is not None
        if shown:
            self.no_results.hide()
            return
        self.no_results.setText(self.tr("Tidak ada usulan yang cocok dengan pencarian atau penyaringan.")
                                if filtering else self.tr("Belum ada usulan untuk tahun %1.").replace("%1", str(self.year)))
        self.no_results.show()

    # -- selection -----------------------------------------------------------------------
    def selected_agency(self) -> AgencyStatus | None:
        rows = self.agencies_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.agency_model.rows()[rows[0].row()]

    def selected_agency_code(self) -> str | None:
        agency = self.selected_agency()
        return agency.code if agency else None

    def _select_agency(self, code: str | None) -> None:
        for row, agency in enumerate(self.agency_model.rows()):
            if agency.code == code:
                self.agencies_view.selectRow(row)
                return
        self.agencies_view.clearSelection()

    def selected_proposal(self) -> ProposalRow | None:
        index = self.proposals_view.selectionModel().currentIndex()
        if not index.isValid() or not self.proposals_view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.proposal_model.proposal(index.row())

    def _agency_changed(self) -> None:
        if not self._refreshing:
            self._apply_filter()

    def _proposal_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        with self._guard():
            row = self.proposal_model.proposal(current.row()) if current.isValid() else None
            self.detail.show_detail(self.queries.detail(row.uuid) if row else None)
        self._update_actions()

    # -- actions -------------------------------------------------------------------------
    def show_settings(self) -> None:
        from ..dialogs.settings import SettingsDialog
        with self._guard():
            dialog = SettingsDialog(self.db, self.db_path, self)
            if dialog.exec():
                self.refresh()

    def show_about(self) -> None:
        device = ""
        if self.db is not None:  # the about box also works while the data file is still opening
            from ...services.exchange.devices import own_device
            own = own_device(self.db)
            device = self.tr("<p>Kode perangkat berkas data ini: <b>%1</b> (%2)</p>").replace(
                "%1", own.device_code).replace("%2", self.tr(own.role_label))
        QMessageBox.about(self, self.tr("Tentang KSD Desktop"), self.tr(
            "<h3>%1 %2</h3><p>Aplikasi luring untuk identifikasi dan pemetaan urusan pemerintahan yang "
            "akan dikerjasamakan: wajib bagi kerja sama wajib (PP 28/2018 Pasal 5 ayat (1); Permendagri 22/2020 "
            "Pasal 5 ayat (1)), dianjurkan untuk jenis kerja sama lainnya.</p>"
            "<p>Berkas data: %3</p>").replace("%1", APP_NAME).replace("%2", __version__)
            .replace("%3", str(self.db_path)) + device)
