"""Importing the register of agreements from an agency's Excel file: choose, preview, confirm.

The file is read (and checked) off the GUI thread; the preview says how many agreements are
new or updated and lists every cell that could not be read, by row and column. Nothing is
written until the official confirms, and then all rows are written in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from .. import ui_state
from ..worker import run_with_progress

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ...services.followup.agreements_xlsx import ImportPreview


def tr(text: str) -> str:
    return QCoreApplication.translate("RegisterImport", text)


class ImportPreviewDialog(QDialog):
    """objectName ``register_import_preview``."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("register_import_preview")
        self.setWindowTitle(tr("Impor register perjanjian"))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        summary = QLabel(
            tr("<b>%1</b><br/>Berkas: %2").replace("%1", preview.describe()).replace("%2", preview.path), self
        )
        summary.setObjectName("import_summary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        if preview.problems:
            layout.addWidget(
                QLabel(
                    tr(
                        "Isian yang tidak dapat dibaca (baris itu dilewati, perbaiki di Excel lalu "
                        "impor lagi bila perlu):"
                    ),
                    self,
                )
            )
            problems = QPlainTextEdit(self)
            problems.setObjectName("import_problems")
            problems.setReadOnly(True)
            problems.setPlainText("\n".join(preview.problems))
            layout.addWidget(problems, 1)
        else:
            layout.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("&Impor %1 Perjanjian").replace("%1", str(len(preview.rows))))
        ok.setEnabled(bool(preview.rows))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)


def _read_job(db_path: str, path: str):
    def job(progress, cancelled):
        from ...services.followup.agreements_xlsx import read_agreements_xlsx
        from ...storage.database import connect

        db = connect(db_path, read_only=True)
        try:
            return read_agreements_xlsx(db, path)
        finally:
            db.close()

    return job


def import_register(parent: QWidget, db: Database, db_path: str, path: str | None = None) -> bool:
    """Choose an .xlsx file, preview it, and import on confirmation; True when something was written."""
    from ...services.followup.agreements_xlsx import apply_agreements_import

    if not path:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            tr("Pilih lembar kerja register perjanjian"),
            str(ui_state.last_folder()),
            tr("Lembar kerja Excel (*.xlsx)"),
        )
    if not path:
        return False
    try:
        preview = run_with_progress(
            parent, tr("Impor register"), tr("Membaca lembar kerja…"), _read_job(str(db_path), path)
        )
    except UserError as exc:
        QMessageBox.warning(parent, tr("Berkas tidak dapat diimpor"), str(exc))
        return False
    if ImportPreviewDialog(preview, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        count = apply_agreements_import(db, preview)
    except UserError as exc:
        QMessageBox.warning(parent, tr("Impor belum dilakukan"), str(exc))
        return False
    QMessageBox.information(
        parent, tr("Impor selesai"), tr("%1 perjanjian diimpor ke register.").replace("%1", str(count))
    )
    return True
