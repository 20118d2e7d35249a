"""The verification dialog: three answers, the details, and the signed form in full."""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.verify_dialog import VerifyDialog
from ksd_desktop.gui.widgets.form_document import FormDocumentView, form_document_html
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form, make_partner, make_proposal
from tests.services import pdf_corpus
from tests.services.test_signoff import SIGNER

#: Set KSD_SCREENSHOTS=folder to keep the dialog's screenshots (1366×728) for a look.
SHOTS = os.environ.get("KSD_SCREENSHOTS")


def signed_pdf(db, tmp_path):
    form = make_form(
        proposals=[
            make_proposal(1),
            make_proposal(
                2,
                kind="KSDD",
                ksdd_category="wajib",
                ksdpk_form=None,
                priority="sedang",
                object="Rujukan pasien lintas batas",
                externality="Pasien Gambut dirujuk ke Banjarbaru.",
                partners=[make_partner(name="Pemerintah Kota Banjarbaru", category="pemda", region_code="63.72")],
            ),
        ]
    )
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    return export_form_pdf(db, "DINKES", 2024, tmp_path / "dinkes.pdf")


def shown(qtbot, db_path=None) -> VerifyDialog:
    ensure_app()
    dialog = VerifyDialog(None, db_path)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 728 - 40)  # the office laptop's screen less the taskbar and title bar
    dialog.show()
    return dialog


def shot(dialog: VerifyDialog, name: str) -> None:
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, f"verify-{name}.png"))
        dialog.tabs.setCurrentIndex(1)
        dialog.grab().save(os.path.join(SHOTS, f"verify-{name}-isi.png"))
        dialog.tabs.setCurrentIndex(0)


def test_dropped_genuine_pdf_is_intact_and_shows_the_form(qtbot, db, db_path, tmp_path):
    dialog = shown(qtbot, db_path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(signed_pdf(db, tmp_path)))])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    dialog.dropEvent(event)  # what Qt calls when a file is released over the dialog
    assert dialog.report is not None and dialog.report.ok
    assert "UTUH" in dialog.verdict.text() and "COCOK" in dialog.record.text()
    assert "TIDAK DAPAT DIPASTIKAN" in dialog.signer.text()
    details = dialog.findChild(type(dialog.details), "verify_details").toPlainText()
    assert "Dinas Kesehatan" in details and "Identitas penanda tangan tidak dapat dipastikan" in details
    document = dialog.findChild(FormDocumentView, "form_document").toPlainText()
    assert "Usulan 2: Rujukan pasien lintas batas" in document and "Pemerintah Kota Banjarbaru" in document
    assert "KSDD – Kerja Sama Daerah dengan Daerah Lain" in document and "Sedang" in document
    assert "dr. Noor Ifansyah, M.Kes." in document and "19700101 199503 1 001" in document
    shot(dialog, "utuh")


def test_altered_pdf_names_its_pages(qtbot, db, tmp_path):
    genuine = signed_pdf(db, tmp_path).read_bytes()

    def low(content):
        content["proposals"][0]["priority"] = "rendah"

    altered = tmp_path / "diubah.pdf"
    altered.write_bytes(pdf_corpus.altered_pages(genuine, low))
    dialog = shown(qtbot)
    dialog.verify_file(altered)
    assert "TELAH DIUBAH" in dialog.verdict.text() and "Halaman yang berbeda" in dialog.verdict.text()
    assert "TIDAK DIPERIKSA" in dialog.record.text()
    shot(dialog, "telah-diubah")


def test_forgery_is_different_from_the_record(qtbot, db, db_path, tmp_path):
    genuine = signed_pdf(db, tmp_path).read_bytes()

    def low(content):
        content["proposals"][0]["priority"] = "rendah"

    forged = tmp_path / "palsu.pdf"
    forged.write_bytes(pdf_corpus.forged_export(genuine, low))
    dialog = shown(qtbot, db_path)
    dialog.verify_file(forged)
    assert "UTUH" in dialog.verdict.text() and "BERBEDA DARI YANG TERCATAT" in dialog.record.text()
    assert not dialog.report.ok and "PDF ini bukan dokumen yang disahkan" in dialog.record.text()
    details = dialog.details.toPlainText()
    assert "Usulan 1 · Prioritas: tercatat «Tinggi», di PDF «Rendah»" in details
    shot(dialog, "berbeda")


def test_chosen_non_pdf_reports_foreign(qtbot, tmp_path, monkeypatch):
    other = tmp_path / "catatan.pdf"
    other.write_text("bukan pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    dialog = shown(qtbot)
    dialog.choose_file()
    assert "BUKAN DOKUMEN KSD DESKTOP" in dialog.verdict.text()
    assert "tidak berisi data formulir" in dialog.document_view.toPlainText()


def test_dialog_fits_the_office_laptop(qtbot):
    dialog = shown(qtbot)
    assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 728 - 40


def test_document_view_escapes_text_and_survives_odd_data(qtbot):
    ensure_app()
    form = make_form(proposals=[make_proposal(1, object="<b>bukan tebal</b> & lain")], pic_name="<i>x</i>")
    html_text = form_document_html(form, agency_name="Dinas Kesehatan")
    assert "&lt;b&gt;bukan tebal&lt;/b&gt; &amp; lain" in html_text and "<i>x</i>" not in html_text
    view = FormDocumentView()
    qtbot.addWidget(view)
    view.set_embedded({"content": {"proposals": "bukan daftar"}, "status": "signed"})
    assert "tidak dapat ditampilkan" in view.toPlainText()
