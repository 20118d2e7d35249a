from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.verify_dialog import VerifyDialog
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form
from tests.services.test_signoff import SIGNER


def signed_pdf(db, tmp_path):
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    return export_form_pdf(db, "DINKES", 2024, tmp_path / "dinkes.pdf")


def test_dropped_pdf_is_verified(qtbot, db, tmp_path):
    ensure_app()
    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(signed_pdf(db, tmp_path)))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)  # what Qt calls when a file is released over the dialog
    assert dialog.report is not None and dialog.report.ok
    assert "UTUH" in dialog.verdict.text()
    assert "Dinas Kesehatan" in dialog.findChild(type(dialog.details), "verify_details").toPlainText()


def test_chosen_non_pdf_reports_foreign(qtbot, tmp_path, monkeypatch):
    ensure_app()
    other = tmp_path / "catatan.pdf"
    other.write_text("bukan pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    dialog.choose_file()
    assert "Bukan dokumen KSD Desktop" in dialog.verdict.text()
