"""The main window's data actions: recap, data bundles, import, backup.

Functions of (parent window, data file path, …) that talk to the user in Indonesian and
run long work off the GUI thread (each job opens its own connection to the data file);
``DataController`` calls them for the window.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton, QWidget

from ...errors import UserError
from .. import ui_state
from ..followup.common import offer_open
from ..worker import database_job, run_with_progress
from .port import WindowPort


def tr(text: str) -> str:
    return QCoreApplication.translate("DataActions", text)


def edit_report_settings(parent: QWidget | None, db_path: str, year: int) -> bool:
    """The Isi Laporan dialog for ``year`` (dates, conclusions, signatories); False when cancelled."""
    from ...services.recap.writer import report_editing, save_report_settings
    from ...storage.database import connect
    from ..dialogs.report_settings import ReportSettingsDialog

    try:
        db = connect(db_path)
        try:
            settings, conclusions, suggestions, ranks = report_editing(db, year)
            dialog = ReportSettingsDialog(
                year,
                settings,
                default_conclusions=conclusions,
                default_suggestions=suggestions,
                ranks=ranks,
                parent=parent,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            save_report_settings(db, year, dialog.settings())
        finally:
            db.close()
    except UserError as exc:
        QMessageBox.warning(parent, tr("Isi laporan belum disimpan"), str(exc))
        return False
    return True


def recap(parent: QWidget, db_path: str, year: int) -> Path | None:
    """Ask where to save the year's recap (PDF or XLSX); for the PDF Laporan, let its editable parts be
    checked (Isi Laporan); build it with progress, offer to open it."""
    from ...services.progress import JobCancelled
    from ...services.recap.writer import write_recap

    pdf_filter, xlsx_filter = tr("Laporan PDF (*.pdf)"), tr("Lembar kerja Excel (*.xlsx)")
    default = str(ui_state.last_folder() / f"Rekap-Pemetaan-KSD-{year}.pdf")
    path, chosen = QFileDialog.getSaveFileName(
        parent, tr("Simpan rekap pemetaan tahun %1").replace("%1", str(year)), default, f"{pdf_filter};;{xlsx_filter}"
    )
    if not path:
        return None
    if not path.lower().endswith((".pdf", ".xlsx")):
        path += ".xlsx" if chosen == xlsx_filter else ".pdf"
    if path.lower().endswith(".pdf") and not edit_report_settings(parent, db_path, year):
        return None
    try:
        written = run_with_progress(
            parent,
            tr("Rekap pemetaan"),
            tr("Menyusun rekap pemetaan tahun %1…").replace("%1", str(year)),
            database_job(db_path, partial(write_recap, year=year, out=path)),
        )
    except JobCancelled as exc:
        QMessageBox.information(parent, tr("Rekap dibatalkan"), str(exc))
        return None
    except UserError as exc:
        QMessageBox.warning(parent, tr("Rekap belum dibuat"), str(exc))
        return None
    ui_state.remember_folder(written)
    offer_open(parent, written, tr("Rekap pemetaan tahun %1 disimpan.").replace("%1", str(year)))
    return written


def export_bundle(
    parent: QWidget | None, db_path: str, agency_code: str | None, agency_name: str | None, year: int
) -> Path | None:
    """Ask the scope and the target, write the .ksd data file (to send to the TKKSD secretariat)."""
    from ...domain.device import role_label
    from ...services.exchange.bundle import default_bundle_name
    from ...services.exchange.bundle import export_bundle as write_bundle
    from ...services.progress import JobCancelled

    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Ekspor Berkas Data"),
        tr(
            "Data mana yang diekspor ke berkas data (.ksd)? Berkas ini dikirim ke Sekretariat TKKSD lewat flash disk, "
            "surel, atau WhatsApp, lalu diimpor di sana."
        ),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("export_scope")
    scopes: list[tuple[QPushButton, str | None, int | None]] = []
    if agency_code:
        scopes.append(
            (
                box.addButton(
                    tr("%1, tahun %2").replace("%1", agency_name or agency_code).replace("%2", str(year)),
                    QMessageBox.ButtonRole.AcceptRole,
                ),
                agency_code,
                year,
            )
        )
    scopes.append(
        (
            box.addButton(
                tr("Semua perangkat daerah, tahun %1").replace("%1", str(year)), QMessageBox.ButtonRole.AcceptRole
            ),
            None,
            year,
        )
    )
    scopes.append((box.addButton(tr("Seluruh basis data"), QMessageBox.ButtonRole.AcceptRole), None, None))
    box.setDefaultButton(scopes[0][0])
    box.exec()
    chosen = next(((code, y) for button, code, y in scopes if box.clickedButton() is button), None)
    if chosen is None:
        return None
    code, chosen_year = chosen
    default = str(ui_state.last_folder() / default_bundle_name(code, chosen_year))
    path, _ = QFileDialog.getSaveFileName(parent, tr("Simpan berkas data"), default, tr("Berkas data KSD (*.ksd)"))
    if not path:
        return None
    if not path.lower().endswith(".ksd"):
        path += ".ksd"
    try:
        summary = run_with_progress(
            parent,
            tr("Ekspor"),
            tr("Menyusun berkas data…"),
            database_job(db_path, partial(write_bundle, out=path, agency_code=code, year=chosen_year)),
        )
    except JobCancelled:
        return None
    except UserError as exc:
        QMessageBox.warning(parent, tr("Berkas data belum dibuat"), str(exc))
        return None
    ui_state.remember_folder(summary.path)
    QMessageBox.information(
        parent,
        tr("Berkas data dibuat"),
        tr(
            "%1\n\n%2\n\nBerkas ditandatangani dengan kode perangkat %3 (%4). Bila penerima menanyakannya, bacakan kode "
            "ini; ia mencocokkannya sebelum mencatat kode perangkat Anda."
        )
        .replace("%1", summary.describe())
        .replace("%2", str(summary.path))
        .replace("%3", summary.device_code)
        .replace("%4", tr(role_label(summary.manifest["sender"]["role"]))),
    )
    return summary.path


def choose_and_import(parent: QWidget, db_path: str, paths: list[str] | None = None) -> bool:
    """Pick (or take dropped) .ksd and PDF files and import them; True when data changed."""
    from ..import_dialog import import_files

    if not paths:
        paths, _ = QFileDialog.getOpenFileNames(
            parent,
            tr("Pilih berkas data atau PDF formulir"),
            str(ui_state.last_folder()),
            tr("Berkas data dan PDF formulir (*.ksd *.pdf);;Semua berkas (*)"),
        )
    return import_files(parent, db_path, list(paths)) if paths else False


def undo_last_import(parent: QWidget, db, db_path: str) -> bool:
    """'Batalkan Impor Terakhir': restore the newest valid backup taken before an import, after
    asking (naming it, and any damaged backup passed over)."""
    from ...services.exchange.backup import plan_undo
    from ...services.exchange.backup import undo_last_import as undo

    plan = plan_undo(db_path)
    if plan.backup is None:
        text = tr("Belum ada impor yang dapat dibatalkan.")
        if plan.skipped:
            text = tr("Impor terakhir tidak dapat dibatalkan: %1.").replace("%1", plan.describe_skipped())
        QMessageBox.information(parent, tr("Batalkan impor terakhir"), text)
        return False
    question = tr(
        "Pulihkan data seperti sebelum %1?\n\nSemua perubahan sesudah impor itu, termasuk penilaian, ikut "
        "dibatalkan. Keadaan saat ini tetap disimpan sebagai cadangan."
    ).replace("%1", plan.backup.describe())
    if plan.skipped:
        question += "\n\n" + tr("Perhatian: %1, jadi impor sesudahnya ikut dibatalkan.").replace(
            "%1", plan.describe_skipped()
        )
    answer = QMessageBox.question(
        parent,
        tr("Batalkan impor terakhir"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        restored = undo(db_path, live=db, plan=plan)
    except UserError as exc:
        QMessageBox.warning(parent, tr("Impor belum dibatalkan"), str(exc))
        return False
    QMessageBox.information(
        parent, tr("Impor dibatalkan"), tr("Data dipulihkan seperti sebelum %1.").replace("%1", restored.describe())
    )
    return True


def backup_now(parent: QWidget, db, db_path: str) -> Path | None:
    """Copy the live data file (WAL included, checked) to a file the user chooses, e.g. on a flash disk."""
    from ..backup_dialog import copy_data_file

    return copy_data_file(parent, db_path)


class DataController:
    """Import (also by dropping files on the window), export bundle, recap, backup, undo import."""

    def __init__(self, parent: QWidget, window: WindowPort):
        self.parent, self.window = parent, window

    def import_files(self, paths: list[str] | None = None) -> None:
        db = self.window.db
        if db is not None and getattr(db, "read_only", False):  # files dropped on a read-only window
            QMessageBox.information(
                self.parent, tr("Impor"), tr("Berkas data dibuka hanya-baca: %1").replace("%1", db.read_only_reason)
            )
            return
        if choose_and_import(self.parent, self.window.db_path, paths):
            self.window.refresh()

    def export_bundle(self) -> None:
        agency = self.window.agency_selection()
        export_bundle(
            self.parent,
            self.window.db_path,
            agency.code if agency else None,
            agency.name if agency else None,
            self.window.year,
        )

    def recap(self) -> None:
        """The year's recap; an empty year is said to be empty before anything is written."""
        year, queries = self.window.year, self.window.queries
        if queries is not None and queries.year_summary(year).proposals == 0:
            answer = QMessageBox.question(
                self.parent,
                tr("Rekap pemetaan tahun %1").replace("%1", str(year)),
                tr(
                    "Belum ada usulan untuk tahun %1, sehingga rekapnya akan kosong (semua angka nol). Pilih tahun lain "
                    "di daftar Tahun pemetaan, atau impor dahulu berkas data perangkat daerah.\n\nTetap buat rekap "
                    "kosong?"
                ).replace("%1", str(year)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        recap(self.parent, self.window.db_path, year)

    def backup(self) -> None:
        """*Cadangan & Pulihkan*: list, make and restore backups, set the retention policy."""
        from ..backup_dialog import show_backups

        if show_backups(self.parent, self.window.db_path, self.window.db):
            self.window.refresh()

    def undo_import(self) -> None:
        if undo_last_import(self.parent, self.window.db, self.window.db_path):
            self.window.refresh()
