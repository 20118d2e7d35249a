"""The whole journey through the widgets: a form with three proposals of different kinds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from ksd_desktop.gui.wizards.form_wizard import FormPage
from ksd_desktop.gui.wizards.proposal_wizard import ProposalPage
from ksd_desktop.storage.repositories import FormRepository
from tests.gui.wizard_helpers import (
    child,
    click,
    confirm_compliance,
    fill_details,
    fill_partner,
    fill_pic,
    fill_urusan_page,
    new_form_wizard,
    open_new_proposal,
    press_finish,
    press_next,
    type_into,
)


def add_ksdpk(qtbot, wizard):
    pw = open_new_proposal(qtbot, wizard)
    fill_urusan_page(
        qtbot,
        pw,
        "Kesehatan",
        "Cakupan layanan dokter spesialis anak di RSUD Ratu Zalecha baru 40 persen dari kebutuhan.",
        program="Program Pemenuhan Upaya Kesehatan Perorangan",
    )
    press_next(qtbot, pw)
    click(qtbot, child(pw, "kind_KSDPK"))
    type_into(qtbot, child(pw, "ksdpk_form"), "Penyediaan")
    press_next(qtbot, pw)
    fill_partner(qtbot, pw, "Universitas Lambung Mangkurat", category_text="Perguruan")
    press_next(qtbot, pw)
    fill_details(
        qtbot,
        pw,
        "Pendayagunaan dokter spesialis anak",
        "Waktu tunggu layanan spesialis anak turun menjadi 7 hari.",
        "Bersama",
        "Tinggi",
    )
    press_next(qtbot, pw)
    confirm_compliance(qtbot, pw)
    press_finish(qtbot, pw)
    assert wizard.proposal_wizard is None


def add_ksdd_wajib(qtbot, wizard):
    pw = open_new_proposal(qtbot, wizard)
    fill_urusan_page(
        qtbot,
        pw,
        "Lingkungan Hidup",
        "Volume sampah Martapura dan Banjarbaru melebihi kapasitas TPA yang ada sejak 2023.",
    )
    press_next(qtbot, pw)
    click(qtbot, child(pw, "kind_KSDD"))
    click(qtbot, child(pw, "ksdd_category_wajib"))
    type_into(qtbot, child(pw, "externality"), "Sampah kedua daerah dibuang ke TPA Regional Banjarbakula yang sama.")
    press_next(qtbot, pw)
    fill_partner(qtbot, pw, "Pemerintah Kota Banjarbaru", region_text="Banjarbaru")
    click(qtbot, child(pw, "add_partner"))
    fill_partner(qtbot, pw, "Pemerintah Provinsi Kalimantan Selatan", region_text="Provinsi Kalimantan Selatan")
    press_next(qtbot, pw)
    fill_details(
        qtbot, pw, "Pengelolaan TPA Regional", "Seluruh sampah terangkut ke TPA regional pada 2026.", "APBD", "Sedang"
    )
    press_next(qtbot, pw)
    confirm_compliance(qtbot, pw)
    press_finish(qtbot, pw)


def add_sinergi(qtbot, wizard):
    pw = open_new_proposal(qtbot, wizard)
    fill_urusan_page(
        qtbot,
        pw,
        "1.02 Kesehatan",
        "Prevalensi stunting Kabupaten Banjar 24,1 persen, di atas target nasional 14 persen.",
    )
    press_next(qtbot, pw)
    click(qtbot, child(pw, "kind_SINERGI"))
    press_next(qtbot, pw)
    fill_partner(qtbot, pw, "Kementerian Kesehatan Republik Indonesia")  # the only category is pre-selected
    press_next(qtbot, pw)
    fill_details(
        qtbot, pw, "Percepatan penurunan stunting", "Prevalensi stunting turun menjadi 14 persen.", "Bersama", "Tinggi"
    )
    press_next(qtbot, pw)
    confirm_compliance(qtbot, pw)
    press_finish(qtbot, pw)


def test_fill_whole_form_with_three_kinds(qtbot, db):
    wizard = new_form_wizard(qtbot, db)
    assert wizard.windowTitle() == "Pemetaan Kerja Sama Daerah" and wizard.objectName() == "form_wizard"
    type_into(qtbot, child(wizard, "agency_code").lineEdit(), "Kesehatan")
    year = child(wizard, "year")
    year.setFocus()
    qtbot.keyClick(year, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(year, "2024")
    assert year.value() == 2024
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.PIC
    fill_pic(qtbot, wizard)
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.PROPOSALS
    add_ksdpk(qtbot, wizard)
    add_ksdd_wajib(qtbot, wizard)
    add_sinergi(qtbot, wizard)
    assert wizard.pages[FormPage.PROPOSALS].count() == 3
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.SUMMARY
    assert "Formulir siap ditandatangani" in child(wizard, "form_summary").toPlainText()
    press_finish(qtbot, wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted

    form = FormRepository(db).find("DINKES", 2024)
    assert (form.pic_name, form.pic_email, form.status) == ("Siti Rahmah", "dinkes@banjarkab.go.id", "draft")
    kinds = [(p.seq, p.kind, p.urusan_code) for p in form.proposals]
    assert kinds == [(1, "KSDPK", "1.02"), (2, "KSDD", "2.11"), (3, "SINERGI", "1.02")]
    ksdpk, ksdd, sinergi = form.proposals
    assert (ksdpk.ksdpk_form, ksdpk.financing, ksdpk.priority) == ("pelayanan_publik", "bersama", "tinggi")
    assert [(p.name, p.category) for p in ksdpk.partners] == [("Universitas Lambung Mangkurat", "perguruan_tinggi")]
    assert ksdd.ksdd_category == "wajib" and ksdd.externality.startswith("Sampah kedua daerah")
    assert [(p.category, p.region_code) for p in ksdd.partners] == [("pemda", "63.72"), ("pemda", "63")]
    assert sinergi.partners[0].category == "kementerian_lembaga"
    assert all(p.compliance_confirmed for p in form.proposals)
    assert db.execute("SELECT count(*) FROM wizard_sessions").fetchone()[0] == 0


def test_existing_form_opens_instead_of_duplicate(qtbot, db):
    from tests.conftest import make_form

    FormRepository(db).save(make_form())
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.PIC
    assert "sudah ada" in child(wizard, "existing_note").text()
    assert child(wizard, "pic_name").text() == "Siti Rahmah"
    assert not child(wizard, "agency_code").isEnabled()


def test_signed_form_is_not_reopened_by_the_wizard(qtbot, db):
    from ksd_desktop.services.signoff import sign_form
    from tests.conftest import TODAY, make_form
    from tests.services.test_signoff import SIGNER

    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.AGENCY
    assert "sudah ditandatangani" in child(wizard, "existing_note").text()


def test_back_never_loses_input(qtbot, db):
    wizard = new_form_wizard(qtbot, db, agency_code="DISDIK", year=2024)
    press_next(qtbot, wizard)
    fill_pic(qtbot, wizard, name="Nor Hidayah")
    press_next(qtbot, wizard)
    pw = open_new_proposal(qtbot, wizard)
    fill_urusan_page(qtbot, pw, "Pendidikan", "Kekurangan guru SD di Kecamatan Aranio dan Paramasan.")
    press_next(qtbot, pw)
    click(qtbot, child(pw, "kind_SINERGI"))
    press_next(qtbot, pw)
    fill_partner(qtbot, pw, "Kementerian Pendidikan Dasar dan Menengah")
    click(qtbot, pw.button(QWizard.WizardButton.BackButton))
    click(qtbot, pw.button(QWizard.WizardButton.BackButton))
    assert pw.currentId() == ProposalPage.URUSAN
    assert "Aranio" in child(pw, "problem").toPlainText()
    press_next(qtbot, pw)
    assert child(pw, "kind_SINERGI").isChecked()
    press_next(qtbot, pw)
    assert child(pw, "name").text() == "Kementerian Pendidikan Dasar dan Menengah"
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton)) if not pw.isVisible() else None
    assert wizard.current_form().pic_name == "Nor Hidayah"


def test_delete_asks_for_confirmation(qtbot, db, monkeypatch):
    from tests.conftest import make_form, make_proposal

    FormRepository(db).save(make_form(proposals=[make_proposal(1), make_proposal(2, object="Objek kedua")]))
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), next(answers))[1])
    proposals = wizard.pages[FormPage.PROPOSALS]
    proposals.select_row(0)
    click(qtbot, child(wizard, "delete_proposal"))
    assert proposals.count() == 2 and "Hapus usulan 1?" in asked[0]
    click(qtbot, child(wizard, "delete_proposal"))
    assert proposals.count() == 1
    assert [(p.seq, p.object) for p in wizard.form.proposals] == [(1, "Objek kedua")]


def test_duplicate_and_reorder(qtbot, db):
    from tests.conftest import make_form, make_proposal

    FormRepository(db).save(make_form(proposals=[make_proposal(1), make_proposal(2, object="Objek kedua")]))
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    proposals = wizard.pages[FormPage.PROPOSALS]
    proposals.select_row(1)
    click(qtbot, child(wizard, "move_up"))
    click(qtbot, child(wizard, "duplicate_proposal"))
    objects = [(p.seq, p.object) for p in wizard.form.proposals]
    assert objects == [(1, "Objek kedua"), (2, "Objek kedua"), (3, "Pendayagunaan dokter spesialis")]
    assert len({p.uuid for p in wizard.form.proposals}) == 3
    press_next(qtbot, wizard)
    press_finish(qtbot, wizard)
    saved = FormRepository(db).find("DINKES", 2024)
    assert [p.object for p in saved.proposals] == ["Objek kedua", "Objek kedua", "Pendayagunaan dokter spesialis"]


def test_summary_links_jump_to_the_field(qtbot, db):
    from tests.conftest import make_form, make_proposal

    form = make_form(proposals=[make_proposal(1, compliance_confirmed=False)])
    FormRepository(db).save(form)
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    for _ in range(3):
        press_next(qtbot, wizard)
    summary = child(wizard, "form_summary")
    assert "Usulan 1 · Pernyataan kesesuaian" in summary.toPlainText()
    wizard.follow_link(f"proposal:{form.proposals[0].uuid}:compliance_confirmed:")
    pw = wizard.proposal_wizard
    assert pw.currentId() == ProposalPage.COMPLIANCE
    wizard.follow_link("form:pic_email")
    assert wizard.currentId() == FormPage.PIC or pw.isVisible()
