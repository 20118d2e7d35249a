"""What the main window's form actions do: sign off, reopen, export the PDF, verify a PDF.

Each function takes the parent window and the database, talks to the user in Indonesian,
and returns whether anything changed, so the window only has to refresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...errors import UserError
from ...storage.repositories import FormRepository
from .. import ui_state
from ..worker import run_with_progress

if TYPE_CHECKING:
    from ...storage.database import KsdDatabase


def tr(text: str) -> str:
    return QCoreApplication.translate("FormActions", text)


def sign_off(parent: QWidget, db: KsdDatabase, form_uuid: str) -> bool:
    """Open the form wizard at its sign-off page; after signing, offer the PDF at once."""
    from ..wizards import run_form_wizard

    changed = run_form_wizard(parent, db, form_uuid=form_uuid, sign_off=True)
    form = FormRepository(db).get(form_uuid)
    if changed and form is not None and form.is_signed:
        answer = QMessageBox.question(
            parent,
            tr("Formulir ditandatangani"),
            tr(
                "Formulir sudah ditandatangani dan terkunci (revisi %1). Ekspor PDF-nya sekarang untuk dicetak atau "
                "ditandatangani elektronik (BSrE)?"
            ).replace("%1", str(form.revision)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            export_pdf(parent, db, form_uuid)
    return changed


def reopen(parent: QWidget, db: KsdDatabase, form_uuid: str) -> bool:
    from ..wizards import run_reopen_form

    return run_reopen_form(parent, db, form_uuid)


def suggested_name(agency_code: str, year: int, revision: int, signed: bool) -> str:
    state = f"rev{revision}" if signed else "draf"
    return f"Formulir-Pemetaan-KSD-{agency_code}-{year}-{state}.pdf"


def export_pdf(parent: QWidget, db: KsdDatabase, form_uuid: str) -> Path | None:
    """Ask where to save, write the PDF atomically (off the GUI thread, cancellable), offer to open it."""
    from ...services.pdf.export import pdf_context, write_form_pdf
    from ...services.progress import JobCancelled

    form = FormRepository(db).get(form_uuid)
    if form is None:
        return None
    default = str(ui_state.last_folder() / suggested_name(form.agency_code, form.year, form.revision, form.is_signed))
    path, _ = QFileDialog.getSaveFileName(parent, tr("Simpan PDF formulir"), default, tr("Dokumen PDF (*.pdf)"))
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        context = pdf_context(db, form)  # read here: the render needs no database connection
        written = run_with_progress(
            parent,
            tr("Ekspor PDF"),
            tr("Menyusun PDF formulir…"),
            lambda progress, cancelled: write_form_pdf(form, context, path, progress=progress, cancelled=cancelled),
        )
    except JobCancelled:
        return None
    except UserError as exc:
        QMessageBox.warning(parent, tr("PDF belum dibuat"), str(exc))
        return None
    ui_state.remember_folder(written)
    note = (
        tr("PDF ini draf bertanda «DRAF – BELUM DISAHKAN».")
        if not form.is_signed
        else tr(
            "PDF tidak dienkripsi sehingga dapat ditandatangani elektronik dengan aplikasi BSrE (Panter/Besign) atau "
            "menu Pemetaan › Tanda Tangani PDF dengan Sertifikat."
        )
    )
    answer = QMessageBox.question(
        parent,
        tr("PDF dibuat"),
        tr("PDF disimpan di:\n%1\n\n%2\n\nBuka PDF sekarang?").replace("%1", str(written)).replace("%2", note),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
    return written


def verify(parent: QWidget, db_path: str | None = None, path: str | None = None) -> None:
    """The verification dialog; with the open data file's path it also answers *Kecocokan*."""
    from ..verify_dialog import VerifyDialog

    dialog = VerifyDialog(parent, db_path)
    if path:
        dialog.verify_file(path)
    dialog.exec()


def view_signed(parent: QWidget, db: KsdDatabase, form_uuid: str) -> bool:
    """Show a signed form read-only, with *Ekspor PDF* and *Buka untuk Revisi* beside it.

    Reopening asks for the reason, then opens the new draft revision in the wizard.
    True when the data changed (a revision was started).
    """
    from ..signed_form_view import open_signed_view

    view = open_signed_view(parent, db, form_uuid)
    if view is None:
        return False
    view.exec()
    if view.chosen == "export":
        export_pdf(parent, db, form_uuid)
        return False
    if view.chosen == "reopen" and reopen(parent, db, form_uuid):
        from ..wizards import run_form_wizard

        run_form_wizard(parent, db, form_uuid=form_uuid)
        return True
    return False
