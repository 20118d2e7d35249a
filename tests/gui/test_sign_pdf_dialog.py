"""Signing a PDF from the window: the form menu's item, the masked passphrase, the result."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMessageBox

from ksd_desktop.gui import ensure_app, open_main_window
from ksd_desktop.gui.sign_pdf_dialog import SignPdfDialog
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.pdf.layout import VERIFY_MENU
from ksd_desktop.services.pdf.verify import Verdict, verify_pdf
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form
from tests.gui.test_main_window import _fresh_ui_state  # noqa: F401 (autouse: no UI state between tests)
from tests.services import pdf_corpus
from tests.services.test_signoff import SIGNER


def test_the_qr_caption_names_the_real_menu_item(qtbot, db_path):
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    menus = {
        a.menu().title().replace("&", ""): [x.objectName() for x in a.menu().actions()]
        for a in window.menuBar().actions()
        if a.menu()
    }
    [menu] = [title for title, names in menus.items() if "action_verify_pdf" in names]
    item = window.act["action_verify_pdf"].text().replace("&", "").rstrip("…")
    assert VERIFY_MENU == f"{menu} › {item}"
    [form_menu] = [title for title, names in menus.items() if "action_export_pdf" in names]
    assert "action_sign_pdf" in menus[form_menu] and window.act["action_sign_pdf"].isEnabled()
    window.close()
    window.db.close()


def test_dialog_signs_with_a_masked_passphrase_that_is_not_kept(qtbot, db, tmp_path, monkeypatch):
    ensure_app()
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    pdf = export_form_pdf(db, "DINKES", 2024, tmp_path / "dinkes.pdf")
    certs = pdf_corpus.make_certificates(tmp_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    dialog = SignPdfDialog(None, pdf)
    qtbot.addWidget(dialog)
    assert dialog.out.text() == str(tmp_path / "dinkes-ttd.pdf")
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    dialog.p12.setText(str(certs.p12))
    dialog.passphrase.setText("salah")
    dialog.accept()
    assert "Kata sandi salah" in shown[-1] and dialog.passphrase.text() == "" and dialog.result_path is None
    dialog.passphrase.setText(pdf_corpus.PASSPHRASE.decode())
    dialog.accept()
    assert dialog.result_path == tmp_path / "dinkes-ttd.pdf" and "PDF ditandatangani oleh" in shown[-1]
    assert dialog.passphrase.text() == ""
    assert verify_pdf(dialog.result_path).verdict == Verdict.INTACT
