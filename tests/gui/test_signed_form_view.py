"""Buka on a signed form: the whole form read-only, with Ekspor PDF and Buka untuk Revisi beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

import ksd_desktop.gui.main_window.form_actions as form_actions
import ksd_desktop.gui.signed_form_view as signed_view
from ksd_desktop.gui import ensure_app
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form, make_proposal
from tests.services.test_signoff import head_of


def signed(db):
    form = make_form(proposals=[make_proposal(1), make_proposal(2, object="Rujukan terpadu")])
    FormRepository(db).save(form)
    sign_form(db, form.uuid, head_of(db, form.uuid), today=TODAY)
    return form.uuid


def test_the_document_reads_like_the_signed_form(qtbot, db):
    ensure_app()
    view = signed_view.open_signed_view(None, db, signed(db))
    qtbot.addWidget(view)
    text = view.document.toPlainText()
    for expected in (
        "Formulir Pemetaan Kerja Sama Daerah Tahun 2024",
        "Dinas Kesehatan (DINKES)",
        "Siti Rahmah",
        "Rujukan terpadu",
        "Kepala Dinas Kesehatan",
        "dr. Noor Ifansyah, M.Kes.",
        "19700101 199503 1 001",
        "Martapura, 8 Agustus 2024",
    ):
        assert expected in text, expected
    assert view.document.isReadOnly() and view.document.objectName() == "form_document"  # the verify dialog's
    note = view.findChild(QLabel, "signed_note").text()
    assert "dr. Noor Ifansyah" in note and "8 Agustus 2024" in note and "WITA" in note  # locked, in local time
    assert "Dinas Kesehatan" in view.windowTitle() and "ditandatangani" in view.windowTitle()
    assert view.export_button.text().replace("&", "") == "Ekspor PDF…"
    assert view.reopen_button.text().replace("&", "") == "Buka untuk Revisi…"


def test_a_draft_has_no_read_only_view(db):
    form = make_form()
    FormRepository(db).save(form)
    assert signed_view.open_signed_view(None, db, form.uuid) is None


def test_export_and_reopen_from_the_view(qtbot, db, monkeypatch):
    ensure_app()
    uuid = signed(db)
    calls = []
    monkeypatch.setattr(form_actions, "export_pdf", lambda parent, db_, form_uuid: calls.append(("pdf", form_uuid)))
    monkeypatch.setattr(
        form_actions, "reopen", lambda parent, db_, form_uuid: calls.append(("revisi", form_uuid)) or True
    )
    import ksd_desktop.gui.wizards as wizards

    monkeypatch.setattr(wizards, "run_form_wizard", lambda parent, db_, **kw: calls.append(("wizard", kw["form_uuid"])))
    answers = iter(["export", "reopen"])

    def choose(view):
        qtbot.addWidget(view)
        {"export": view.export_button, "reopen": view.reopen_button}[next(answers)].click()
        return view.result()

    monkeypatch.setattr(signed_view.SignedFormView, "exec", choose)
    assert form_actions.view_signed(None, db, uuid) is False
    assert form_actions.view_signed(None, db, uuid) is True  # a new revision was started and opened
    assert calls == [("pdf", uuid), ("revisi", uuid), ("wizard", uuid)]
