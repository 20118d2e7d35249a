"""Each rule blocks Next, with its message beside the field it concerns."""

from __future__ import annotations

from ksd_desktop.gui.wizards.form_wizard import FormPage
from ksd_desktop.gui.wizards.proposal_wizard import ProposalPage
from tests.gui.wizard_helpers import (
    child,
    click,
    fill_details,
    fill_partner,
    fill_pic,
    fill_urusan_page,
    new_form_wizard,
    open_new_proposal,
    press_next,
    type_into,
)

PROBLEM = "Kekurangan dokter spesialis anak di RSUD Ratu Zalecha Martapura."


def next_enabled(wizard) -> bool:
    from PySide6.QtWidgets import QWizard

    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def message(wizard, key: str) -> str:
    label = child(wizard, f"{key}_message")
    return label.text() if label.isVisible() else ""


def at_proposals(qtbot, db):
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    fill_pic(qtbot, wizard)
    press_next(qtbot, wizard)
    return wizard


def at_kind_page(qtbot, db):
    wizard = at_proposals(qtbot, db)
    pw = open_new_proposal(qtbot, wizard)
    fill_urusan_page(qtbot, pw, "Kesehatan", PROBLEM)
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.KIND
    return wizard, pw


def blocked(qtbot, wizard, page, *keys) -> None:
    """*Lanjut* stays on ``page``; each key's field says what is missing, and so does the line under the page."""
    press_next(qtbot, wizard)
    assert wizard.currentId() == page
    for key in keys:
        assert message(wizard, key), f"no message beside {key}"
    assert "Belum dapat dilanjutkan" in wizard.currentPage().legend.text()


def test_agency_required(qtbot, db):
    wizard = new_form_wizard(qtbot, db)
    assert next_enabled(wizard)  # never a silently disabled button
    assert "wajib diisi" in wizard.currentPage().legend.text()  # the * explained on the page
    blocked(qtbot, wizard, FormPage.AGENCY, "agency_code")
    assert "Perangkat Daerah" in wizard.currentPage().legend.text()
    type_into(qtbot, child(wizard, "agency_code").lineEdit(), "Pertanian")
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.PIC


def test_pic_required_fields_are_listed_when_next_is_pressed(qtbot, db):
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    blocked(qtbot, wizard, FormPage.PIC, "pic_name", "pic_position")
    type_into(qtbot, child(wizard, "pic_name"), "Siti Rahmah")
    blocked(qtbot, wizard, FormPage.PIC, "pic_position")
    assert message(wizard, "pic_name") == ""
    type_into(qtbot, child(wizard, "pic_position"), "Analis")
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.PROPOSALS


def test_bad_email_and_phone_block_next_with_messages(qtbot, db):
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    fill_pic(qtbot, wizard, phone="telp kantor", email="dinkes@")
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.PIC
    assert "Alamat surel tidak valid" in message(wizard, "pic_email")
    assert "Nomor telepon hanya boleh berisi angka" in message(wizard, "pic_phone")
    email = child(wizard, "pic_email")
    email.clear()
    type_into(qtbot, email, "dinkes@banjarkab.go.id")
    assert message(wizard, "pic_email") == ""  # the message goes as soon as the field is edited
    phone = child(wizard, "pic_phone")
    phone.clear()
    press_next(qtbot, wizard)
    assert wizard.currentId() == FormPage.PROPOSALS


def test_short_problem_blocks_next(qtbot, db):
    wizard = at_proposals(qtbot, db)
    pw = open_new_proposal(qtbot, wizard)
    blocked(qtbot, pw, ProposalPage.URUSAN, "urusan_code", "problem")
    fill_urusan_page(qtbot, pw, "Kesehatan", "Kurang dokter")
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.URUSAN
    assert "terlalu singkat (13 karakter)" in message(pw, "problem")


def test_unknown_urusan_text_is_not_an_urusan(qtbot, db):
    wizard = at_proposals(qtbot, db)
    pw = open_new_proposal(qtbot, wizard)
    fill_urusan_page(qtbot, pw, "Urusan yang tidak ada", PROBLEM)
    blocked(qtbot, pw, ProposalPage.URUSAN, "urusan_code")


def test_kind_must_be_chosen(qtbot, db):
    _, pw = at_kind_page(qtbot, db)
    blocked(qtbot, pw, ProposalPage.KIND, "kind")
    click(qtbot, child(pw, "kind_SINERGI"))
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.PARTNERS


def test_ksdd_needs_category_and_wajib_needs_externality(qtbot, db):
    _, pw = at_kind_page(qtbot, db)
    click(qtbot, child(pw, "kind_KSDD"))
    assert child(pw, "ksdd_category").isVisible()
    blocked(qtbot, pw, ProposalPage.KIND, "ksdd_category")
    click(qtbot, child(pw, "ksdd_category_wajib"))
    assert child(pw, "externality").isVisible()
    blocked(qtbot, pw, ProposalPage.KIND, "externality")
    click(qtbot, child(pw, "ksdd_category_sukarela"))
    assert not child(pw, "externality").isVisible()
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.PARTNERS


def test_ksdpk_needs_form(qtbot, db):
    _, pw = at_kind_page(qtbot, db)
    click(qtbot, child(pw, "kind_KSDPK"))
    blocked(qtbot, pw, ProposalPage.KIND, "ksdpk_form")
    type_into(qtbot, child(pw, "ksdpk_form"), "Investasi")
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.PARTNERS


def test_wajib_with_non_neighbour_blocked_and_sukarela_suggested(qtbot, db):
    _, pw = at_kind_page(qtbot, db)
    click(qtbot, child(pw, "kind_KSDD"))
    click(qtbot, child(pw, "ksdd_category_wajib"))
    type_into(qtbot, child(pw, "externality"), "Wabah penyakit menular lintas daerah.")
    press_next(qtbot, pw)
    fill_partner(qtbot, pw, "Pemerintah Kabupaten Hulu Sungai Tengah", region_text="Hulu Sungai Tengah")
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.PARTNERS
    text = message(pw, "region_code")
    assert "tidak berbatasan" in text and "sukarela" in text


def test_home_region_is_not_offered_and_neighbours_are_marked(qtbot, db):
    _, pw = at_kind_page(qtbot, db)
    click(qtbot, child(pw, "kind_KSDD"))
    click(qtbot, child(pw, "ksdd_category_sukarela"))
    press_next(qtbot, pw)
    combo = child(pw, "region_code")
    items = [combo.itemText(i) for i in range(combo.count())]
    assert not any("(63.03)" in item for item in items)
    assert "Kota Banjarbaru (63.72) — berbatasan" in items
    assert "Kabupaten Hulu Sungai Tengah (63.07)" in items


def test_partner_categories_follow_the_kind(qtbot, db):
    _, pw = at_kind_page(qtbot, db)
    click(qtbot, child(pw, "kind_KSDPK"))
    type_into(qtbot, child(pw, "ksdpk_form"), "Investasi")
    press_next(qtbot, pw)
    combo = child(pw, "category")
    offered = {combo.itemData(i) for i in range(combo.count())} - {None}
    assert offered == {"bumn_bumd", "badan_usaha", "perseorangan", "ormas", "perguruan_tinggi"}
    blocked(qtbot, pw, ProposalPage.PARTNERS, "name", "category")
    assert "(mitra 1)" in pw.currentPage().legend.text()
    fill_partner(qtbot, pw, "Bank Kalsel", category_text="BUMN")
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.DETAILS


def test_details_required(qtbot, db):
    _, pw = at_kind_page(qtbot, db)
    click(qtbot, child(pw, "kind_SINERGI"))
    press_next(qtbot, pw)
    fill_partner(qtbot, pw, "Kementerian Kesehatan")
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.DETAILS
    blocked(qtbot, pw, ProposalPage.DETAILS, "object", "benefits", "financing", "priority")
    fill_details(qtbot, pw, "Penurunan stunting", "Stunting turun menjadi 14 persen.", "APBD", "Tinggi")
    press_next(qtbot, pw)
    assert pw.currentId() == ProposalPage.COMPLIANCE


def test_compliance_must_be_confirmed_to_save_the_proposal(qtbot, db):
    wizard, pw = at_kind_page(qtbot, db)
    click(qtbot, child(pw, "kind_SINERGI"))
    press_next(qtbot, pw)
    fill_partner(qtbot, pw, "Kementerian Kesehatan")
    press_next(qtbot, pw)
    fill_details(qtbot, pw, "Penurunan stunting", "Stunting turun menjadi 14 persen.", "APBD", "Tinggi")
    press_next(qtbot, pw)
    assert "Masih perlu diperbaiki" in child(pw, "proposal_summary").toPlainText()
    from tests.gui.wizard_helpers import confirm_compliance, press_finish

    press_finish(qtbot, pw)  # nothing ticked: not saved, and the page says why
    assert wizard.proposal_wizard is pw and pw.currentId() == ProposalPage.COMPLIANCE
    assert "Konfirmasikan" in message(pw, "compliance_confirmed")
    assert "Pernyataan kesesuaian" in pw.currentPage().legend.text()
    confirm_compliance(qtbot, pw)
    press_finish(qtbot, pw)
    assert wizard.proposal_wizard is None
    assert child(wizard, "proposals").topLevelItem(0).text(1) == "✔"


def test_an_unconfirmed_proposal_from_elsewhere_is_marked_in_the_list(qtbot, db):
    from ksd_desktop.storage.repositories import FormRepository
    from tests.conftest import make_form, make_proposal

    form = make_form(proposals=[make_proposal(1, compliance_confirmed=False)])
    FormRepository(db).save(form)
    wizard = new_form_wizard(qtbot, db, form=FormRepository(db).get(form.uuid))
    item = child(wizard, "proposals").topLevelItem(0)
    assert item.text(1).startswith("⚠") and "Konfirmasikan" in item.toolTip(1)
