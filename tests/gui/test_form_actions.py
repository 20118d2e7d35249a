from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

import ksd_desktop.gui.main_window.form_actions as actions
from ksd_desktop.gui import ensure_app
from ksd_desktop.services.pdf.verify import verify_pdf
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form
from tests.services.test_signoff import SIGNER


def test_export_pdf_suggests_a_name_and_writes_the_file(qtbot, db, tmp_path, monkeypatch, message_boxes):
    ensure_app()
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    asked = {}

    def save_dialog(parent, title, default, filters):
        asked["default"] = default
        return str(tmp_path / "hasil"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    written = actions.export_pdf(None, db, form.uuid)
    assert asked["default"].endswith("Formulir-Pemetaan-KSD-DINKES-2024-rev1.pdf")
    assert written == tmp_path / "hasil.pdf" and verify_pdf(written).ok
    assert any("Buka PDF sekarang?" in text for _, text in message_boxes)


def test_export_to_unwritable_folder_is_a_clear_message(qtbot, db, tmp_path, monkeypatch, message_boxes):
    ensure_app()
    FormRepository(db).save(make_form())
    blocker = tmp_path / "berkas-biasa"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(blocker / "sub" / "f.pdf"), ""))
    form = FormRepository(db).find("DINKES", 2024)
    assert actions.export_pdf(None, db, form.uuid) is None
    assert any(kind == "warning" and "tidak dapat ditulisi" in text for kind, text in message_boxes)


def test_cancelled_save_dialog_writes_nothing(qtbot, db, monkeypatch):
    ensure_app()
    FormRepository(db).save(make_form())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert actions.export_pdf(None, db, FormRepository(db).find("DINKES", 2024).uuid) is None
