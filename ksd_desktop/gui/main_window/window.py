"""The main window: every agency, form and proposal of a year at a glance.

Left, the agencies of the home region with the state of their form for the chosen year;
centre, the year's proposals (searched, filtered and sorted in SQLite) above a detail
pane; below, counts and progress. Before the first form, the centre explains the app
and offers the first step. Widgets never touch SQL: they call repositories and queries.

The window can be built before its data file is open (``MainWindow(None, path)``): it
then shows only its frame, menus and "Membuka berkas data…" until ``open_data_file()``
builds the rest (toolbar, panels, status bar: ``build()``) and shows the data, so the
application start paints the window about as soon as a bare Qt window
(benchmarks/bench_main_window.py). Nothing before that first paint imports the panels,
the data layer or Qt's ``Qt`` namespace (93 enumerations, some 30 ms); ``build()`` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, QSize, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from ... import APP_NAME
from ...errors import UserError
from .. import ui_state
from ..drops import FileDropMixin
from ..icons import app_icon
from ..screen import fit_to_screen, fits_on_screen
from .actions import apply_state, build_actions
from .state import Action, AgencySelection, FormSelection, WindowState, chosen_form

if TYPE_CHECKING:
    from ...storage.database import KsdDatabase
    from ...storage.queries import ProposalQueries, ProposalRow
    from ...storage.repositories import AgencyStatus, FormRepository, ReferenceRepository, SettingsRepository
    from .data_actions import DataController

# The panels, their models, the controllers and the follow-up hook are imported by build(),
# after the first paint (see the module docstring).

#: The size the window opens at the first time, where the screen allows.
PREFERRED_SIZE = QSize(1440, 860)


class MainWindow(FileDropMixin, QMainWindow):
    """Start of every journey: which agency has mapped what, for the chosen year."""

    DROP_SUFFIXES = (".ksd", ".pdf")

    #: The window has been painted for the first time (the start opens the data file then).
    first_painted = Signal()
    #: ``open_data_file`` has painted the file's data (benchmarks/bench_main_window.py times it).
    data_shown = Signal()
    #: The usual opening (migrations, backups, reference data) begins: after ``data_shown`` when the
    #: data could be painted first, else before any of it; what it logs must reach the log file.
    opening_file = Signal()

    def __init__(self, db: KsdDatabase | None, db_path: str, parent: QWidget | None = None):
        """``db`` None: the window shows "Membuka berkas data…" until ``open_data_file()``."""
        super().__init__(parent)
        self.db: KsdDatabase | None = None
        self.db_path = db_path
        self.forms: FormRepository | None = None
        self.settings: SettingsRepository | None = None
        self.reference: ReferenceRepository | None = None
        self.queries: ProposalQueries | None = None
        self._refreshing = False
        self._year_total = 0
        self._painted = False
        self._built = False
        #: Show maximised (the first start on a screen smaller than PREFERRED_SIZE): show_main_window does.
        self.start_maximized = False
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("%1 — Pemetaan Kerja Sama Daerah").replace("%1", APP_NAME))
        self.setWindowIcon(app_icon())
        self.act = build_actions(self)
        self._build_menus()
        self._restore_geometry(later=db is None)
        if db is None:
            self._show_starting()
        else:
            self.build()
            self.load(db)

    # -- construction --------------------------------------------------------------------
    def build(self) -> None:
        """Everything below the menus, once: toolbar, panels, status bar, the follow-up hook."""
        if self._built:
            return
        self._built = True
        from ..followup.hook import FollowupHook
        from ..models.agencies import AgencyStatusModel
        from ..models.proposals import ProposalTableModel
        from .form_controller import FormController

        self.agency_model = AgencyStatusModel(self)
        self.proposal_model = ProposalTableModel(None, self)
        self.proposal_model.failed.connect(self.show_error)
        self.form_actions = FormController(self, self)
        self._data_actions: DataController | None = None  # the data_actions property: made when first used
        self.statusBar().clearMessage()
        self._build_toolbar()
        self._build_central()
        self._build_status_bar()
        self._connect_actions()
        self.setAcceptDrops(True)
        self.followup = FollowupHook(self)  # tindak lanjut: menu entries, badge, filter (gui/followup)
        # F1 in every dialog opens the guide's section for it (gui/help_topics.py), installed once the
        # event loop runs again: importing it touches Qt's namespace (~45 ms) before the data is shown
        QTimer.singleShot(0, _install_help_key)
        self._restore_layout()
        if self.db is None:
            self._show_loading()
        if self.isVisible():  # Qt shows what a layout adds to a shown window one event later: now,
            for widget in (self.centralWidget(), self.toolbar):  # so the next paint has them
                if widget is not None:
                    widget.show()

    def _show_starting(self) -> None:
        """Before build(): the frame and menus, "Membuka berkas data…" in the middle and below,
        only the actions that need no data (no Qt enumeration is touched: see the module docstring)."""
        text = self.tr("Membuka berkas data…")
        centre = QWidget(self)
        column = QVBoxLayout(centre)
        row = QHBoxLayout()
        note = QLabel(text, centre)
        note.setObjectName("starting_note")
        note.setEnabled(False)  # the style's muted colour, as the table's note
        for stretch, widget in ((1, None), (0, note), (1, None)):
            row.addWidget(widget) if widget is not None else row.addStretch(stretch)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.setCentralWidget(centre)
        self.statusBar().showMessage(text)
        apply_state(self.act, WindowState(data_open=False), 0)

    def _connect_actions(self) -> None:
        forms = self.form_actions

        def data(name: str):  # the data actions' controller is made on first use (data_actions)
            return lambda: getattr(self.data_actions, name)()

        slots = {
            Action.NEW_MAPPING: forms.new_mapping,
            Action.OPEN_MAPPING: forms.open_mapping,
            Action.SIGN_OFF: forms.sign_off,
            Action.REOPEN: forms.reopen,
            Action.EXPORT_PDF: forms.export_pdf,
            Action.VERIFY_PDF: forms.verify_pdf,
            Action.SIGN_PDF: forms.sign_pdf,
            Action.ASSESS: forms.assess,
            Action.IMPORT: data("import_files"),
            Action.UNDO_IMPORT: data("undo_import"),
            Action.EXPORT_BUNDLE: data("export_bundle"),
            Action.RECAP: data("recap"),
            Action.BACKUP: data("backup"),
            Action.SETTINGS: self.show_settings,
            Action.ABOUT: self.show_about,
            Action.GUIDE: self.show_guide,
            Action.QUIT: self.close,
            Action.FIND: self.filter_bar.focus_search,
            Action.RESET_FILTERS: self.filter_bar.clear,
            Action.REFRESH: self.refresh,
        }
        for action, slot in slots.items():
            self.act[action].triggered.connect(slot)
        for qaction in self.act.values():
            self.addAction(qaction)  # shortcuts work wherever the focus is
        from PySide6.QtWidgets import QAbstractItemView

        self.proposals_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # after the selection itself changed (currentRowChanged comes before it): every action, not only ours
        self.proposals_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        for action in (Action.ASSESS, Action.SIGN_OFF, Action.EXPORT_PDF):
            self.proposals_view.addAction(self.act[action])

    @property
    def data_actions(self):
        """The data actions' controller (recap, bundles, import, backup), made when first used: its
        module brings the file and message dialogs, not needed to show the data."""
        if self._data_actions is None:
            from .data_actions import DataController

            self._data_actions = DataController(self, self)
        return self._data_actions

    def files_dropped(self, paths: list[str]) -> None:
        self.import_files(paths)

    def import_files(self, paths: list[str]) -> None:
        """Preview and import ``paths`` (files dropped, or a .ksd double-clicked in Explorer)."""
        self.build()
        self.data_actions.import_files(paths)

    def _build_menus(self) -> None:
        a = Action
        layout: dict[str, list[Action | None]] = {
            self.tr("&Berkas"): [a.SETTINGS, a.BACKUP, a.UNDO_IMPORT, None, a.QUIT],
            self.tr("&Pemetaan"): [a.NEW_MAPPING, a.OPEN_MAPPING, None, a.SIGN_OFF, a.REOPEN, a.EXPORT_PDF, a.SIGN_PDF],
            self.tr("&Data"): [
                a.FIND,
                a.RESET_FILTERS,
                a.REFRESH,
                None,
                a.ASSESS,
                None,
                a.IMPORT,
                a.EXPORT_BUNDLE,
                a.RECAP,
                None,
                a.VERIFY_PDF,
            ],
            self.tr("Ba&ntuan"): [a.GUIDE, None, a.ABOUT],
        }
        for title, names in layout.items():
            menu = self.menuBar().addMenu(title)
            menu.setToolTipsVisible(True)  # a disabled item says why when hovered
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(self.act[name])

    def _build_toolbar(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QToolBar

        toolbar = QToolBar(self.tr("Bilah alat"), self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        toolbar.setIconSize(QSize(28, 28))
        toolbar.setMovable(False)
        a = Action
        for name in (
            a.NEW_MAPPING,
            a.OPEN_MAPPING,
            None,
            a.SIGN_OFF,
            a.EXPORT_PDF,
            a.ASSESS,
            None,
            a.IMPORT,
            a.EXPORT_BUNDLE,
            a.RECAP,
            a.VERIFY_PDF,
            None,
            a.BACKUP,
            a.SETTINGS,
        ):
            toolbar.addSeparator() if name is None else toolbar.addAction(self.act[name])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_central(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget

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
        self.splitter.setSizes([340, 1026])
        self.setCentralWidget(self.splitter)

    def _build_agency_panel(self) -> QWidget:
        from .panels import AgencyPanel

        panel = AgencyPanel(self.agency_model, [self.act[Action.OPEN_MAPPING], self.act[Action.NEW_MAPPING]], self)
        self.agencies_title, self.year_combo, self.agencies_view = panel.title, panel.year_combo, panel.view
        self.year_combo.currentIndexChanged.connect(self.refresh)
        self.agencies_view.selectionModel().selectionChanged.connect(self._agency_changed)
        self.agencies_view.activated.connect(self._agency_activated)
        return panel

    def _build_proposals_panel(self) -> QWidget:
        from .panels import ProposalsPanel

        panel = self.proposals_panel = ProposalsPanel(self.proposal_model, [self.act[Action.OPEN_MAPPING]], self)
        self.filter_bar, self.search = panel.filter_bar, panel.filter_bar.search
        self.proposals_view, self.no_results, self.detail = panel.view, panel.no_results, panel.detail
        self.detail_splitter = panel.detail_splitter
        self.filter_bar.changed.connect(self._apply_filter)
        self.filter_bar.agency_cleared.connect(self.agencies_view.clearSelection)
        self.proposals_view.selectionModel().currentRowChanged.connect(self._proposal_changed)
        self.proposals_view.activated.connect(self._proposal_activated)
        return panel

    def _build_status_bar(self) -> None:
        from PySide6.QtWidgets import QProgressBar

        from ..widgets.tables import separator

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

    def paintEvent(self, event) -> None:
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
        self.proposals_panel.show_note(text)
        self.count_label.setText(text)
        for widget in (self.review_label, self.review_separator, self.progress_bar, self.progress_label):
            widget.setVisible(False)
        apply_state(self.act, WindowState(data_open=False), 0)
        from PySide6.QtCore import Qt

        self.setCursor(Qt.CursorShape.BusyCursor)

    def open_data_file(self) -> None:
        """Open ``db_path`` (migrated, reference data loaded) and show its data.

        When the file needs nothing done to it, its data is read and painted first through a
        plain read-only connection (storage/quick_open.py), and the file is then opened the
        usual way (sqlite-utils, migrations, reference data) behind the data on the screen.
        Raises StorageError (a UserError) when the file cannot be opened (the caller tells the user).
        A file that cannot be written (or comes from a newer version) opens read-only; only the
        user's own data folder is created when missing.
        """
        import sqlite3
        from pathlib import Path

        from ...storage.quick_open import open_for_display

        self.build()
        shown = open_for_display(self.db_path)
        if shown is not None:
            try:
                self.load(cast("KsdDatabase", shown))  # a display-only connection answers the same reads
                self.repaint()  # the data on the screen now; the rest of the opening comes after
                self.data_shown.emit()
            except (UserError, sqlite3.Error):  # anything unusual: the usual opening below says what
                shown.close()
                shown = None
        from ...paths import default_db_path
        from ...storage.database import open_database
        from ..lock_wait import install

        self.opening_file.emit()
        install()
        own_folder = Path(self.db_path).resolve() == default_db_path().resolve()
        try:
            db = open_database(self.db_path, create_folder=own_folder, require_write=False)
        finally:
            if shown is not None:
                shown.close()
        if shown is not None and self.db is cast("KsdDatabase", shown):
            self._adopt(db)
        else:
            self.load(db)
            self.repaint()
            self.data_shown.emit()

    def load(self, db: KsdDatabase) -> None:
        """Show the data of ``db``, an open database (``open_database``, or ``open_for_display``)."""
        self.build()
        from ...storage.queries import ProposalQueries
        from ...storage.repositories import FormRepository, ReferenceRepository, SettingsRepository

        # a display-only connection never writes: the device id (stored on first need) waits for _adopt
        self.forms = FormRepository(db, device="-" if getattr(db, "display_only", False) else None)
        self.settings = SettingsRepository(db)
        self.reference = ReferenceRepository(db)
        self.queries = ProposalQueries(db)
        self.db = db
        if getattr(db, "read_only", False):
            self.setWindowTitle(self.tr("%1 — Pemetaan Kerja Sama Daerah (hanya-baca)").replace("%1", APP_NAME))
        self.proposal_model.set_queries(self.queries)
        if not self.year_combo.isEnabled():  # leave the loading state
            self.year_combo.setEnabled(True)
            self.progress_bar.setVisible(True)
            self.progress_label.setVisible(True)
            self.unsetCursor()
        self._fill_years()
        self.filter_bar.set_choices()
        self._restore_year()
        self.refresh()

    def _adopt(self, db: KsdDatabase) -> None:
        """Go on with ``db`` (``open_database``) where the display-only connection showed the same
        data: nothing is read again but the follow-up's badge, which waited for it."""
        from ...storage.repositories import FormRepository, ReferenceRepository, SettingsRepository

        self.forms = FormRepository(db)
        self.settings = SettingsRepository(db)
        self.reference = ReferenceRepository(db)
        assert self.queries is not None
        self.queries.db = db
        self.db = db
        if getattr(db, "read_only", False):
            self.setWindowTitle(self.tr("%1 — Pemetaan Kerja Sama Daerah (hanya-baca)").replace("%1", APP_NAME))
        with self.guard():
            self.followup.refresh()
        self._update_actions()

    # -- state ---------------------------------------------------------------------------
    def _restore_geometry(self, *, later: bool) -> None:
        """Size and place as the user left them (QSettings, no data needed); ``later``: a
        window to maximise is maximised when shown (``start_maximized``), not here."""
        geometry = QSettings().value(ui_state.GEOMETRY)
        if (
            not isinstance(geometry, (QByteArray, bytes))
            or not self.restoreGeometry(geometry)
            or not fits_on_screen(self)
        ):
            self._first_size(later=later)

    def _restore_layout(self) -> None:
        """Toolbar, splitters and columns as the user left them (QSettings, no data needed)."""
        ui = QSettings()
        for key, restore in (
            (ui_state.WINDOW_STATE, self.restoreState),
            (ui_state.MAIN_SPLITTER, self.splitter.restoreState),
            (ui_state.DETAIL_SPLITTER, self.detail_splitter.restoreState),
            (ui_state.PROPOSALS_HEADER, self.proposals_view.horizontalHeader().restoreState),
        ):
            value = ui.value(key)
            if isinstance(value, (QByteArray, bytes)):
                restore(value)

    def _first_size(self, *, later: bool = False) -> None:
        """No size remembered (or it no longer fits this screen): as large as the usable area
        allows up to PREFERRED_SIZE, maximised on a screen smaller than that (the 1366×768 laptop)."""
        size = fit_to_screen(self, PREFERRED_SIZE)
        if size.width() < PREFERRED_SIZE.width() or size.height() < PREFERRED_SIZE.height():
            if later:  # setWindowState needs the Qt namespace: see the module docstring
                self.start_maximized = True
                return
            from PySide6.QtCore import Qt

            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _fill_years(self) -> None:
        """Every year one can map: next year back to MIN_YEAR (PP 28/2018), newest first."""
        from ...domain.models import MIN_YEAR  # not domain.validation: the rules are not needed to show data

        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in range(dt.date.today().year + 1, MIN_YEAR - 1, -1):
            self.year_combo.addItem(str(year), year)
        self.year_combo.blockSignals(False)

    def _restore_year(self) -> None:
        """The year last shown, else the latest year with data; the urusan filter's choices."""
        assert self.forms is not None and self.reference is not None
        with self.guard():
            years = self.forms.years()
            wanted = QSettings().value(ui_state.YEAR, None)
            year = int(str(wanted)) if wanted else (max(years) if years else dt.date.today().year)
            self.year_combo.blockSignals(True)
            self.select_year(year)
            self.year_combo.blockSignals(False)
            self.filter_bar.set_urusan(self.reference.urusan())

    def closeEvent(self, event) -> None:
        ui = QSettings()
        ui.setValue(ui_state.GEOMETRY, self.saveGeometry())
        if self._built:  # closed before build(): the rest of the layout stays as it was
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
    def guard(self) -> Iterator[None]:
        """A UserError (data file, refused job) becomes an Indonesian message box, never a traceback.

        Not while the display-only connection shows the data: ``open_data_file`` then opens the
        file the usual way, which explains the problem once."""
        try:
            yield
        except UserError as exc:
            if getattr(self.db, "display_only", False):
                raise
            self.show_error(str(exc))

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, message)

    def refresh(self) -> None:
        """Read everything shown again (after a change, a year switch, or F5)."""
        if self.db is None:  # the file is still opening: load() refreshes
            return
        assert self.forms is not None and self.queries is not None
        with self.guard():
            self.agencies_title.setText(self.tr("Perangkat Daerah %1").replace("%1", self._region_title()))
            self.detail.zone = self.settings.get("timezone") if self.settings is not None else None
            code = self.selected_agency_code()
            self._refreshing = True
            try:
                self.agency_model.set_rows(self.forms.agency_statuses(self.year))
                self._select_agency(code)
            finally:
                self._refreshing = False
            summary = self.queries.year_summary(self.year)
            self._show_progress(summary)
            if not getattr(self.db, "display_only", False):  # the badge waits for the file's full opening
                self.followup.refresh()
            has_forms = self.queries.has_forms()
            if not has_forms and self.empty_state is None:
                from ..widgets.empty_state import EmptyState

                self.empty_state = EmptyState(self.act[Action.NEW_MAPPING], self.center)
                self.center.addWidget(self.empty_state)
            self.center.setCurrentWidget(self.content if has_forms or self.empty_state is None else self.empty_state)
            for widget in (self.count_label, self.review_label, self.review_separator):
                widget.setVisible(has_forms)
            self._apply_filter()

    def _region_title(self) -> str:
        title = str(self.settings.get("region_title") or "") if self.settings is not None else ""
        return title.replace("PEMERINTAH ", "").title()

    def _show_progress(self, summary) -> None:
        from ..widgets.tables import number

        done, total = self.agency_model.progress()
        # short enough for the 1280 logical pixels of 1920×1080 at 150 %; the year is beside the list
        self.progress_label.setText(
            self.tr("%1 dari %2 perangkat daerah sudah mengisi").replace("%1", str(done)).replace("%2", str(total))
        )
        self.progress_label.setToolTip(self.tr("Formulir tahun %1").replace("%1", str(self.year)))
        # QProgressBar.setValue repaints at once, and with the panels not yet drawn that painted the
        # whole window (28 ms) before refresh() was done: here it only marks the bar for the next paint
        self.progress_bar.setUpdatesEnabled(False)
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setUpdatesEnabled(True)
        self.progress_bar.setToolTip(
            self.tr("%1 ditandatangani, %2 draf")
            .replace("%1", str(summary.forms_signed))
            .replace("%2", str(summary.forms_draft))
        )
        pending = summary.proposals - summary.sesuai - summary.tidak_sesuai
        self.review_label.setText(
            self.tr("Penilaian: %1 sesuai · %2 tidak sesuai · %3 belum")
            .replace("%1", number(summary.sesuai))
            .replace("%2", number(summary.tidak_sesuai))
            .replace("%3", number(pending))
        )
        self.review_label.setToolTip(
            self.tr("Hasil penilaian Sekretariat TKKSD atas usulan tahun %1; «belum»: belum dinilai").replace(
                "%1", str(self.year)
            )
        )
        self._year_total = summary.proposals

    def _apply_filter(self) -> None:
        """Query the proposals table again, keeping the selected proposal when it is still shown."""
        if self._refreshing or self.db is None:
            return
        from PySide6.QtCore import QItemSelectionModel

        from ...storage.queries import ProposalFilter
        from ..models.proposals import Column as ProposalColumn

        with self.guard():
            agency = self.selected_agency()
            kept = self.selected_proposal()
            flt = ProposalFilter(
                year=self.year,
                agency_code=agency.code if agency else None,
                **self.filter_bar.values(),
                **self.followup.filter_values(),
            )
            self.filter_bar.set_agency(agency.name if agency else None)
            # one agency: its column would repeat the same name on every row
            self.proposals_view.setColumnHidden(ProposalColumn.AGENCY, agency is not None)
            self.proposal_model.set_filter(flt)
            row = self.proposal_model.row_of(kept.id if kept else None)
            if row is not None:
                index = self.proposal_model.index(row, ProposalColumn.NO)
                self.proposals_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.proposals_view.scrollTo(index)
            else:
                self.detail.show_detail(None)
            self._show_counts()
        self._update_actions()

    def _show_counts(self) -> None:
        from ..widgets.tables import number

        shown = self.proposal_model.rowCount()
        total = max(self._year_total, shown)
        self.count_label.setText(
            self.tr("Menampilkan %1 dari %2 usulan tahun %3")
            .replace("%1", number(shown))
            .replace("%2", number(total))
            .replace("%3", str(self.year))
        )
        filtering = self.filter_bar.is_filtering() or self.selected_agency() is not None
        if shown:
            self.proposals_panel.hide_note()
        elif filtering:
            self.proposals_panel.show_note(
                self.tr("Tidak ada usulan yang cocok dengan pencarian atau penyaringan."),
                self.act[Action.RESET_FILTERS],
                self.tr("Atur Ulang Penyaringan"),
            )
        else:  # an empty year: say so, and offer its first step
            self.proposals_panel.show_note(
                self.tr("Belum ada usulan untuk tahun %1.").replace("%1", str(self.year)),
                self.act[Action.NEW_MAPPING],
                self.tr("Mulai Pemetaan Tahun %1").replace("%1", str(self.year)),
            )

    # -- selection -----------------------------------------------------------------------
    def selected_agency(self) -> AgencyStatus | None:
        rows = self.agencies_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.agency_model.rows()[rows[0].row()]

    def selected_agency_code(self) -> str | None:
        agency = self.selected_agency()
        return agency.code if agency else None

    def agency_selection(self) -> AgencySelection | None:
        agency = self.selected_agency()
        if agency is None:
            return None
        form = (
            FormSelection(agency.form_uuid, agency.status or "draft", agency.code, agency.name)
            if agency.form_uuid
            else None
        )
        return AgencySelection(agency.code, agency.name, form)

    def selected_form(self) -> FormSelection | None:
        """The form the form actions work on: the chosen agency's, else the selected proposal's."""
        proposal = self.selected_proposal()
        proposal_form = (
            FormSelection(proposal.form_uuid, proposal.form_status, proposal.agency_code, proposal.agency_name)
            if proposal is not None
            else None
        )
        return chosen_form(self.agency_selection(), proposal_form)

    def selected_proposals(self) -> list[ProposalRow]:
        rows = sorted({index.row() for index in self.proposals_view.selectionModel().selectedRows()})
        found = [self.proposal_model.proposal(row) for row in rows]
        return [p for p in found if p is not None]

    @contextmanager
    def keep_current_proposal(self) -> Iterator[None]:
        keep = self.proposals_view.selectionModel().currentIndex()
        yield
        if keep.isValid():
            self.proposals_view.setCurrentIndex(self.proposal_model.index(keep.row(), 0, QModelIndex()))

    def state(self) -> WindowState:
        """What the actions depend on now."""
        if self.db is None:
            return WindowState(data_open=False)
        return WindowState(
            agency=self.agency_selection(),
            form=self.selected_form(),
            proposals_selected=len(self.selected_proposals()),
            read_only=getattr(self.db, "read_only_reason", "") if getattr(self.db, "read_only", False) else "",
        )

    def _update_actions(self) -> None:
        apply_state(self.act, self.state(), self.year if self.db is not None else 0)

    def _agency_activated(self, index: QModelIndex) -> None:
        """Double-click (or Enter) on an agency: open its form, or start one."""
        agency = self.agency_model.rows()[index.row()]
        self.form_actions.open_form(agency.code, agency.form_uuid, agency.status)

    def _proposal_activated(self, index: QModelIndex) -> None:
        row = self.proposal_model.proposal(index.row())
        if row is not None:
            self.form_actions.open_form(row.agency_code, row.form_uuid, row.form_status)

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
        with self.guard():
            row = self.proposal_model.proposal(current.row()) if current.isValid() else None
            self.detail.show_detail(self.queries.detail(row.uuid) if row and self.queries else None)
        self._update_actions()

    # -- actions -------------------------------------------------------------------------
    def show_settings(self) -> None:
        from ..dialogs.settings import SettingsDialog

        if self.db is None:
            return
        with self.guard():
            dialog = SettingsDialog(self.db, self.db_path, self)
            if dialog.exec():
                self.refresh()

    def show_about(self) -> None:
        from ..about_dialog import AboutDialog

        AboutDialog(self.db, self.db_path, self).exec()

    def show_guide(self) -> None:
        """F1 or Bantuan › Panduan Pengguna: the guide at the section for where the user is in this window."""
        from ..help_topics import current_widget, show_help

        show_help(current_widget(self))


def _install_help_key() -> None:
    from ..help_topics import install_help_key

    install_help_key()
