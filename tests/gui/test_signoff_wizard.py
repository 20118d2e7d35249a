"""Sign-off in the wizard's last page, refusal with a way to each error, and reopening."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWizard

import ksd_desktop.gui.wizards.revision_dialog as revision
from ksd_desktop.gui.wizards import run_reopen_form
from ksd_desktop.gui.wizards.form_wizard import FormPage
from ksd_desktop.gui.wizards.proposal_wizard import ProposalPage
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form, make_proposal
from tests.gui.wizard_helpers import child, new_form_wizard, press_finish, type_into


def open_at_sign_off(qtbot, db, form):
    FormRepository(db).save(form)
    wizard = new_form_wizard(qtbot, db, form=FormRepository(db).get(form.uuid))
    wizard.go_to_page(FormPage.SIGN_OFF)
    assert wizard.currentId() == FormPage.SIGN_OFF
    return wizard


def fill_signer(qtbot, wizard, nip="19700101 199503 1 001"):
    type_into(qtbot, child(wizard, "signer_name"), "dr. Noor Ifansyah, M.Kes.")
    type_into(qtbot, child(wizard, "signer_nip"), nip)
    type_into(qtbot, child(wizard, "signer_rank").lineEdit(), "IV/c")


def say_yes(monkeypatch, asked):
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), QMessageBox.StandardButton.Yes)[1]
    )


def test_sign_off_locks_the_form(qtbot, db, monkeypatch):
    wizard = open_at_sign_off(qtbot, db, make_form())
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text().replace("&", "") == "Tanda Tangani" and finish.isEnabled()
    press_finish(qtbot, wizard)  # nothing filled in yet: what is missing is listed, nothing is signed
    legend = wizard.pages[FormPage.SIGN_OFF].legend.text()
    assert not wizard.signed and "Nama Penandatangan" in legend and "NIP" in legend
    assert "Isi nama penandatangan" in child(wizard, "signer_name_message").text()
    assert child(wizard, "signer_position").text() == "Kepala Dinas Kesehatan"
    assert child(wizard, "signed_place").text() == "Martapura"
    fill_signer(qtbot, wizard)
    assert "lahir 1 Januari 1970" in wizard.pages[FormPage.SIGN_OFF].hints["signer_nip"].text()
    preview = child(wizard, "signature_preview").text()
    assert "KEPALA DINAS KESEHATAN" in preview and "NIP. 19700101 199503 1 001" in preview
    asked = []
    say_yes(monkeypatch, asked)
    press_finish(qtbot, wizard)
    assert "terkunci" in asked[0]
    assert wizard.result() == QDialog.DialogCode.Accepted and wizard.signed
    form = FormRepository(db).find("DINKES", 2024)
    assert (form.status, form.signer_nip, form.signer_rank) == (
        "signed",
        "197001011995031001",
        "Pembina Utama Muda (IV/c)",
    )
    assert len(FormRepository(db).snapshots(form.uuid)) == 1


def test_wrong_nip_shown_beside_the_field(qtbot, db, monkeypatch):
    wizard = open_at_sign_off(qtbot, db, make_form())
    fill_signer(qtbot, wizard, nip="1970 0101")
    say_yes(monkeypatch, [])
    press_finish(qtbot, wizard)
    assert wizard.result() != QDialog.DialogCode.Accepted
    assert "18 angka" in child(wizard, "signer_nip_message").text()
    assert FormRepository(db).find("DINKES", 2024).status == "draft"


def test_form_with_errors_cannot_be_signed_and_each_error_is_a_link(qtbot, db, monkeypatch):
    form = make_form(proposals=[make_proposal(1, compliance_confirmed=False)])
    wizard = open_at_sign_off(qtbot, db, form)
    fill_signer(qtbot, wizard)
    say_yes(monkeypatch, [])
    press_finish(qtbot, wizard)
    problems = child(wizard, "signing_problems")
    assert problems.isVisible() and "Usulan 1 · Pernyataan kesesuaian" in problems.toPlainText()
    assert FormRepository(db).find("DINKES", 2024).status == "draft"
    wizard.follow_link(f"proposal:{form.proposals[0].uuid}:compliance_confirmed:")
    assert wizard.proposal_wizard.currentId() == ProposalPage.COMPLIANCE


def test_reopen_for_revision(qtbot, db, monkeypatch):
    wizard = open_at_sign_off(qtbot, db, make_form())
    fill_signer(qtbot, wizard)
    say_yes(monkeypatch, [])
    press_finish(qtbot, wizard)
    form = FormRepository(db).find("DINKES", 2024)

    def fill_and_accept(dialog):
        qtbot.addWidget(dialog)
        dialog.accept()  # too short: refused with a message beside the field
        assert "sekurang-kurangnya 10 karakter" in dialog.message.text()
        type_into(qtbot, dialog.reason, "Menambah usulan air minum hasil rapat TKKSD.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(revision.RevisionDialog, "exec", fill_and_accept)
    assert run_reopen_form(None, db, form.uuid)
    reopened = FormRepository(db).get(form.uuid)
    assert (reopened.status, reopened.revision, reopened.revision_reason) == (
        "draft",
        2,
        "Menambah usulan air minum hasil rapat TKKSD.",
    )
    assert [s["revision"] for s in FormRepository(db).snapshots(form.uuid)] == [1]
