"""The secretariat's one view: what became of every proposal of a year, and the register.

Tab **Tindak Lanjut Usulan**: every proposal of the chosen year with its last step and date,
its agreements, and whether it has been without a step for N months; filters by kind,
state and text; a double click opens the proposal's follow-up. Tab **Register Perjanjian**:
every KSB, NK, PKS and MoU with its term, expiry and state, filtered to those ending within
6 or 12 months; add, change, delete, import from and export to Excel. **Laporan Monev**
writes the year's monitoring report (PDF or XLSX).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.agreements import State
from ...domain.models import Kind, label
from ...errors import UserError
from .. import ui_state
from ..widgets.tables import number, office_table
from ..worker import run_with_progress
from .common import offer_open
from .models import RowsModel, agreements_model, overview_model

if TYPE_CHECKING:
    from sqlite_utils import Database

#: State filter of the overview: key → (label, test on an OverviewRow)
OVERVIEW_STATES = {
    "": "Semua usulan",
    "stale": "Tanpa langkah selama N bulan",
    "none": "Belum ada langkah",
    "agreement": "Sudah KSB/NK/PKS",
    "pks": "Sudah PKS",
    "ended": "Berakhir/tidak dilanjutkan",
}
REGISTER_STATES = {
    "": "Semua perjanjian",
    "6": "Berakhir dalam 6 bulan",
    "12": "Berakhir dalam 12 bulan",
    "berlaku": "Berlaku",
    "berakhir": "Sudah berakhir",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("FollowupWindow", text)


class RowFilter(QSortFilterProxyModel):
    """Filters the rows of a RowsModel with a Python predicate; sorts with the columns' sort keys."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.test = lambda row: True
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_test(self, test) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10: invalidateFilter() is deprecated
            self.beginFilterChange()
            self.test = test
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.test = test
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802 (Qt API)
        model = cast(RowsModel, self.sourceModel())  # _table() sets a RowsModel
        return self.test(model.row(source_row))

    def lessThan(self, left, right) -> bool:  # noqa: N802 (Qt API)
        a, b = left.data(Qt.ItemDataRole.UserRole), right.data(Qt.ItemDataRole.UserRole)
        if a is None or b is None:
            return a is None and b is not None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def _table(parent: QWidget, name: str, model: RowsModel) -> tuple[QTableView, RowFilter]:
    proxy = RowFilter(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    office_table(view, [])
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the given order until a click
    view.setSortingEnabled(True)
    return view, proxy


class FollowupWindow(QDialog):
    """objectName ``followup_window``."""

    def __init__(
        self,
        db: Database,
        db_path: str,
        year: int,
        parent: QWidget | None = None,
        *,
        tab: str = "overview",
        state: str = "",
    ):
        super().__init__(parent)
        self.db, self.db_path, self.changed = db, str(db_path), False
        self.setObjectName("followup_window")
        self.setWindowTitle(tr("Tindak Lanjut dan Register Perjanjian"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        from ..screen import fit_to_screen

        fit_to_screen(self, QSize(1280, 680))  # 1920×1080 at 150 % leaves 1280×672 (frame included)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("followup_tabs")
        self.tabs.addTab(self._overview_tab(year), tr("Tindak Lanjut &Usulan"))
        self.tabs.addTab(self._register_tab(), tr("&Register Perjanjian"))
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        self.monev_button = QPushButton(tr("Laporan &Monev…"), self)
        self.monev_button.setObjectName("monev_report")
        self.monev_button.setToolTip(
            tr("Laporan monitoring dan evaluasi tindak lanjut hasil pemetaan tahun terpilih (PDF atau lembar kerja)")
        )
        self.monev_button.clicked.connect(self.monev_report)
        close = QPushButton(tr("&Tutup"), self)
        close.clicked.connect(self.accept)
        bottom.addWidget(self.monev_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        if tab == "register":
            self.tabs.setCurrentIndex(1)
            self.register_state.setCurrentIndex(max(0, self.register_state.findData(state)))
        else:
            self.overview_state.setCurrentIndex(max(0, self.overview_state.findData(state)))
        self.reload()

    def today(self) -> dt.date:
        return dt.date.today()

    # -- the overview --------------------------------------------------------------------
    def _overview_tab(self, year: int) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.year = QComboBox(page)
        self.year.setObjectName("followup_year")
        for value in range(dt.date.today().year + 1, 2017, -1):
            self.year.addItem(str(value), value)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.kind = QComboBox(page)
        self.kind.setObjectName("followup_kind")
        self.kind.addItem(tr("Semua jenis"), "")
        for kind in Kind:
            self.kind.addItem(kind.value, kind.value)
            self.kind.setItemData(self.kind.count() - 1, label(kind.value), Qt.ItemDataRole.ToolTipRole)
        self.overview_state = QComboBox(page)
        self.overview_state.setObjectName("followup_state")
        for key, text in OVERVIEW_STATES.items():
            self.overview_state.addItem(tr(text), key)
        self.months = QSpinBox(page)
        self.months.setObjectName("stale_months")
        self.months.setRange(1, 36)
        self.months.setValue(6)
        self.months.setSuffix(tr(" bulan"))
        self.months.setToolTip(
            tr(
                "Usulan sesuai kriteria tanpa langkah baru selama sekian bulan (sejak langkah "
                "terakhir, atau sejak formulirnya ditandatangani)"
            )
        )
        self.search = QLineEdit(page)
        self.search.setObjectName("followup_search")
        self.search.setPlaceholderText(tr("Cari perangkat daerah, objek, nomor perjanjian…"))
        self.search.setClearButtonEnabled(True)
        for text, widget in (
            (tr("&Tahun pemetaan:"), self.year),
            (tr("&Jenis:"), self.kind),
            (tr("&Keadaan:"), self.overview_state),
            (tr("N ="), self.months),
        ):
            caption = QLabel(text, page)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)
        self.overview = overview_model(self)
        self.overview_view, self.overview_proxy = _table(page, "followup_table", self.overview)
        head = self.overview_view.horizontalHeader()
        for column, width in enumerate((190, 40, 64, 300, 120, 290, 126, 170)):
            head.resizeSection(column, width)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.overview_view.doubleClicked.connect(lambda *_: self.open_selected())
        layout.addWidget(self.overview_view, 1)
        row = QHBoxLayout()
        self.overview_summary = QLabel(page)
        self.overview_summary.setObjectName("followup_summary")
        self.overview_summary.setWordWrap(True)
        open_button = QPushButton(tr("&Buka Tindak Lanjut…"), page)
        open_button.setObjectName("open_timeline")
        open_button.clicked.connect(self.open_selected)
        row.addWidget(self.overview_summary, 1)
        row.addWidget(open_button)
        layout.addLayout(row)
        self.year.currentIndexChanged.connect(self.reload)
        self.months.valueChanged.connect(self.reload)
        for signal in (self.kind.currentIndexChanged, self.overview_state.currentIndexChanged, self.search.textChanged):
            signal.connect(self._filter_overview)
        return page

    def _filter_overview(self, *_args) -> None:
        kind, state = self.kind.currentData(), self.overview_state.currentData()
        words = self.search.text().casefold().split()

        def test(r) -> bool:
            if kind and r.proposal.kind != kind:
                return False
            checks = {
                "stale": r.stale,
                "none": not r.standing.steps,
                "agreement": bool({"ksb", "nk", "pks"} & r.reached) or bool(r.agreements),
                "pks": "pks" in r.reached,
                "ended": r.standing.ended,
            }
            if state and not checks[state]:
                return False
            text = " ".join(
                [
                    r.proposal.agency_name,
                    r.proposal.object,
                    r.proposal.partners,
                    *(f"{a.doc_type} {a.number}" for a in r.agreements),
                ]
            ).casefold()
            return all(w in text for w in words)

        self.overview_proxy.set_test(test)
        self._summarise()

    def _summarise(self) -> None:
        rows = self.overview.rows()
        shown = self.overview_proxy.rowCount()
        stepped = sum(1 for r in rows if r.standing.steps)
        agreed = sum(1 for r in rows if r.agreements)
        stale = sum(1 for r in rows if r.stale)
        self.overview_summary.setText(
            tr(
                "Menampilkan %1 dari %2 usulan tahun %3 · %4 sudah ada langkah · %5 dengan perjanjian · %6 tanpa "
                "langkah ≥ %7 bulan"
            )
            .replace("%1", number(shown))
            .replace("%2", number(len(rows)))
            .replace("%3", str(self.year.currentData()))
            .replace("%4", number(stepped))
            .replace("%5", number(agreed))
            .replace("%6", number(stale))
            .replace("%7", str(self.months.value()))
        )

    def open_selected(self) -> None:
        from .timeline_dialog import open_timeline

        rows = self.overview_view.selectionModel().selectedRows()
        if not rows:
            return
        row = self.overview.row(self.overview_proxy.mapToSource(rows[0]).row())
        if open_timeline(self, self.db, self.db_path, row.proposal.uuid):
            self.changed = True
            self.reload()

    # -- the register --------------------------------------------------------------------
    def _register_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.register_state = QComboBox(page)
        self.register_state.setObjectName("register_state")
        for key, text in REGISTER_STATES.items():
            self.register_state.addItem(tr(text), key)
        self.register_search = QLineEdit(page)
        self.register_search.setObjectName("register_search")
        self.register_search.setPlaceholderText(tr("Cari nomor, judul, pihak…"))
        self.register_search.setClearButtonEnabled(True)
        caption = QLabel(tr("&Tampilkan:"), page)
        caption.setBuddy(self.register_state)
        bar.addWidget(caption)
        bar.addWidget(self.register_state)
        bar.addWidget(self.register_search, 1)
        layout.addLayout(bar)
        self.register = agreements_model(self.today, self)
        self.register_view, self.register_proxy = _table(page, "register_table", self.register)
        head = self.register_view.horizontalHeader()
        for column, width in enumerate((52, 170, 260, 250, 118, 110, 118, 76, 120, 60)):
            head.resizeSection(column, width)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.register_view.doubleClicked.connect(lambda *_: self.edit_agreement())
        layout.addWidget(self.register_view, 1)
        row = QHBoxLayout()
        self.register_summary = QLabel(page)
        self.register_summary.setObjectName("register_summary")
        row.addWidget(self.register_summary, 1)
        for text, name, slot in (
            (tr("T&ambah…"), "add_agreement", self.add_agreement),
            (tr("&Ubah…"), "edit_agreement", self.edit_agreement),
            (tr("&Hapus…"), "delete_agreement", self.delete_agreement),
            (tr("&Impor XLSX…"), "import_agreements", self.import_xlsx),
            (tr("&Ekspor XLSX…"), "export_agreements", self.export_xlsx),
        ):
            button = QPushButton(text, page)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout.addLayout(row)
        self.register_state.currentIndexChanged.connect(self._filter_register)
        self.register_search.textChanged.connect(self._filter_register)
        return page

    def _filter_register(self, *_args) -> None:
        state, today = self.register_state.currentData(), self.today()
        words = self.register_search.text().casefold().split()

        def test(a) -> bool:
            if state in ("6", "12") and a.state(today, int(state)) != State.SEGERA_BERAKHIR:
                return False
            if state == "berlaku" and a.state(today) not in (State.BERLAKU, State.SEGERA_BERAKHIR):
                return False
            if state == "berakhir" and a.state(today) != State.BERAKHIR:
                return False
            text = " ".join([a.doc_type, a.number, a.title, a.object, *a.parties]).casefold()
            return all(w in text for w in words)

        self.register_proxy.set_test(test)
        rows = self.register.rows()
        soon = sum(1 for a in rows if a.state(today, 12) == State.SEGERA_BERAKHIR)
        self.register_summary.setText(
            tr("Menampilkan %1 dari %2 perjanjian · %3 berakhir dalam 12 bulan")
            .replace("%1", number(self.register_proxy.rowCount()))
            .replace("%2", number(len(rows)))
            .replace("%3", number(soon))
        )

    def selected_agreement(self):
        rows = self.register_view.selectionModel().selectedRows()
        return self.register.row(self.register_proxy.mapToSource(rows[0]).row()) if rows else None

    def _agreement_dialog(self, agreement=None) -> None:
        from .agreement_dialog import AgreementDialog

        dialog = AgreementDialog(self.db, self, agreement=agreement, year=self.year.currentData())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            if dialog.warnings:
                QMessageBox.information(
                    self,
                    tr("Perjanjian disimpan"),
                    tr("Perjanjian disimpan, dengan catatan:\n%1").replace(
                        "%1", "\n".join(f"- {w.message}" for w in dialog.warnings)
                    ),
                )
        self.reload()

    def add_agreement(self) -> None:
        self._agreement_dialog()

    def edit_agreement(self) -> None:
        agreement = self.selected_agreement()
        if agreement is not None:
            self._agreement_dialog(agreement)

    def delete_agreement(self) -> None:
        from ...services.followup.register import delete_agreement

        agreement = self.selected_agreement()
        if agreement is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Hapus perjanjian"),
            tr(
                "Hapus %1 nomor %2 dari register? Langkah tindak lanjut yang mencatatnya tetap ada; riwayat perubahan "
                "menyimpan isinya."
            )
            .replace("%1", agreement.doc_type)
            .replace("%2", agreement.number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_agreement(self.db, agreement.uuid)
        except UserError as exc:
            QMessageBox.warning(self, tr("Perjanjian belum dihapus"), str(exc))
            return
        self.changed = True
        self.reload()

    def import_xlsx(self) -> None:
        from .xlsx_import import import_register

        if import_register(self, self.db, self.db_path):
            self.changed = True
            self.reload()

    def export_xlsx(self) -> None:
        default = str(ui_state.last_folder() / f"Register-Perjanjian-KSD-{self.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Ekspor register perjanjian"), default, tr("Lembar kerja Excel (*.xlsx)")
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self._run(
            tr("Ekspor register"),
            tr("Menyusun lembar kerja…"),
            _export_job(self.db_path, path),
            tr("Register perjanjian disimpan."),
        )

    def monev_report(self) -> None:
        year = self.year.currentData()
        pdf_filter, xlsx_filter = tr("Laporan PDF (*.pdf)"), tr("Lembar kerja Excel (*.xlsx)")
        default = str(ui_state.last_folder() / f"Monev-Tindak-Lanjut-KSD-{year}.pdf")
        path, chosen = QFileDialog.getSaveFileName(
            self, tr("Simpan laporan monev tahun %1").replace("%1", str(year)), default, f"{pdf_filter};;{xlsx_filter}"
        )
        if not path:
            return
        if not path.lower().endswith((".pdf", ".xlsx")):
            path += ".xlsx" if chosen == xlsx_filter else ".pdf"
        self._run(
            tr("Laporan monev"),
            tr("Menyusun laporan monev tahun %1…").replace("%1", str(year)),
            _monev_job(self.db_path, year, path, self.months.value()),
            tr("Laporan monev tahun %1 disimpan.").replace("%1", str(year)),
        )

    def _run(self, title: str, label_text: str, job, done_text: str) -> Path | None:
        try:
            written = run_with_progress(self, title, label_text, job)
        except UserError as exc:
            QMessageBox.warning(self, title, str(exc))
            return None
        ui_state.remember_folder(written)
        offer_open(self, written, done_text)
        return written

    # -- reading -------------------------------------------------------------------------
    def reload(self, *_args) -> None:
        from ...services.followup.register import overview
        from ...storage.followup_repo import FollowupRepository

        try:
            self.overview.set_rows(
                overview(self.db, self.year.currentData(), today=self.today(), stale_months=self.months.value())
            )
            self.register.set_rows(FollowupRepository(self.db).agreements())
        except UserError as exc:
            QMessageBox.warning(self, tr("Tindak lanjut"), str(exc))
        self._filter_overview()
        self._filter_register()


def _export_job(db_path: str, out: str):
    def job(progress, cancelled):
        from ...services.followup.agreements_xlsx import export_agreements_xlsx
        from ...storage.database import connect

        db = connect(db_path, read_only=True)
        try:
            return export_agreements_xlsx(db, out)
        finally:
            db.close()

    return job


def _monev_job(db_path: str, year: int, out: str, months: int):
    def job(progress, cancelled):
        from ...services.followup.monev import write_monev
        from ...storage.database import connect

        db = connect(db_path, read_only=True)
        try:
            return write_monev(db, year, out, progress=progress, cancelled=cancelled, stale_months=months)
        finally:
            db.close()

    return job


def open_followup(
    parent: QWidget, db: Database, db_path: str, year: int, *, tab: str = "overview", state: str = ""
) -> bool:
    """Show the window; True when something was changed."""
    window = FollowupWindow(db, db_path, year, parent, tab=tab, state=state)
    window.exec()
    return window.changed
