"""The main window's data actions: recap, data bundles, import, backup.

Functions of (parent window, data file path, …) that talk to the user in Indonesian and
run long work off the GUI thread (each job opens its own connection to the data file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..storage.errors import StorageError
from .worker import run_with_progress

LAST_FOLDER_KEY = "export/last_folder"


def tr(text: str) -> str:
    return QCoreApplication.translate("DataActions", text)


def _folder() -> Path:
    return Path(QSettings().value(LAST_FOLDER_KEY, str(Path.home())))


def _remember(path: Path) -> None:
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))


def _offer_open(parent: QWidget, path: Path, text: str) -> None:
    answer = QMessageBox.question(parent, tr("Berkas dibuat"), tr("%1\n\n%2\n\nBuka berkasnya sekarang?")
                                  .replace("%1", text).replace("%2", str(path)),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _recap_job(db_path: str, year: int, out: str):
    def job(progress, cancelled):
        from ..services.recap import write_recap
        from ..storage.database import connect
        db = connect(db_path, read_only=True)
        try:
            return write_recap(db, year, out, progress=progress, cancelled=cancelled)
        finally:
            db.close()
    return job


def recap(parent: QWidget, db_path: str, year: int) -> Path | None:
    """Ask where to save the year's recap (PDF or XLSX), build it with progress, offer to open it."""
    from ..services.recap import RecapCancelled
    pdf_filter, xlsx_filter = tr("Laporan PDF (*.pdf)"), tr("Lembar kerja Excel (*.xlsx)")
    default = str(_folder() / f"Rekap-Pemetaan-KSD-{year}.pdf")
    path, chosen = QFileDialog.getSaveFileName(parent, tr("Simpan rekap pemetaan tahun %1").replace("%1", str(year)),
                                               default, f"{pdf_filter};;{xlsx_filter}")
    if not path:
        return None
    if not path.lower().endswith((".pdf", ".xlsx")):
        path += ".xlsx" if chosen == xlsx_filter else ".pdf"
    try:
        written = run_with_progress(parent, tr("Rekap pemetaan"), tr("Menyusun rekap pemetaan tahun %1…")
                                    .replace("%1", str(year)), _recap_job(db_path, year, path))
    except RecapCancelled as exc:
        QMessageBox.information(parent, tr("Rekap dibatalkan"), str(exc))
        return None
    except StorageError as exc:
        QMessageBox.warning(parent, tr("Rekap belum dibuat"), str(exc))
        return None
    _remember(written)
    _offer_open(parent, written, tr("Rekap pemetaan tahun %1 disimpan.").replace("%1", str(year)))
    return written
