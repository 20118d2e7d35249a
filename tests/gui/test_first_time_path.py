"""The very first mapping, as a newcomer makes it: the empty state's *Mulai Pemetaan* (or
*Pemetaan Baru* with no agency chosen), the agency chosen in the wizard, signed at the end.

The jabatan must come from the agency chosen in the wizard, not from the empty agency the
wizard started with ("KEPALA / KABUPATEN BANJAR," was signed and locked that way).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ksd_desktop.gui import open_main_window
from ksd_desktop.gui.main_window.state import Action
from ksd_desktop.gui.wizards.form_wizard import FormPage, FormWizard
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form
from tests.gui.test_form_wizard import add_ksdpk
from tests.gui.wizard_helpers import child, fill_pic, press_finish, press_next, type_into


def drive_first_mapping(qtbot, monkeypatch, seen: dict) -> None:
    """Stand in for the wizard's exec(): fill it in as a person does and sign at the end."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    def run(wizard: FormWizard) -> int:
        qtbot.addWidget(wizard)
        wizard.show()
        type_into(qtbot, child(wizard, "agency_code").lineEdit(), "Dinas Kesehatan")
        press_next(qtbot, wizard)
        fill_pic(qtbot, wizard)
        press_next(qtbot, wizard)
        add_ksdpk(qtbot, wizard)
        press_next(qtbot, wizard)
        press_next(qtbot, wizard)
        assert wizard.currentId() == FormPage.SIGN_OFF
        seen["position"] = child(wizard, "signer_position").text()
        seen["preview"] = child(wizard, "signature_preview").text()
        type_into(qtbot, child(wizard, "signer_name"), "dr. Noor Ifansyah, M.Kes.")
        type_into(qtbot, child(wizard, "signer_nip"), "19700101 199503 1 001")
        type_into(qtbot, child(wizard, "signer_rank").lineEdit(), "IV/c")
        press_finish(qtbot, wizard)
        return wizard.result()

    monkeypatch.setattr(FormWizard, "exec", run)


def assert_signed_as_the_agency_head(db_path, year: int, seen: dict) -> None:
    assert seen["position"] == "Kepala Dinas Kesehatan"
    assert "KEPALA DINAS KESEHATAN" in seen["preview"]
    db = open_database(db_path)
    try:
        form = FormRepository(db).find("DINKES", year)
        assert form is not None and form.is_signed
        assert form.signer_position == "Kepala Dinas Kesehatan"
    finally:
        db.close()


def test_empty_state_start_gives_the_chosen_agencys_jabatan(qtbot, db_path, monkeypatch):
    open_database(db_path).close()
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    seen: dict = {}
    drive_first_mapping(qtbot, monkeypatch, seen)
    window.empty_state.button.click()
    assert_signed_as_the_agency_head(db_path, window.year, seen)


def test_new_mapping_with_no_agency_selected_gives_the_chosen_agencys_jabatan(qtbot, db_path, monkeypatch):
    db = open_database(db_path)
    FormRepository(db).save(make_form(agency_code="DISTAN"))
    db.close()
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    window.agencies_view.clearSelection()
    seen: dict = {}
    drive_first_mapping(qtbot, monkeypatch, seen)
    window.act[Action.NEW_MAPPING].trigger()
    assert_signed_as_the_agency_head(db_path, window.year, seen)
