"""run_form_wizard, what every Buka / Pemetaan Baru / Tanda Tangani goes through: an autosaved
session of the same form is resumed, postponed or discarded first; a signed form is never
edited; sign-off opens at the sign-off page."""

from __future__ import annotations

import pytest

import ksd_desktop.gui.wizards as wizards
from ksd_desktop.domain.serialize import form_to_dict
from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.wizards.form_wizard import STATE_VERSION, FormPage
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.repositories import FormRepository
from ksd_desktop.storage.sessions import WizardSessionRepository
from tests.conftest import TODAY, make_form
from tests.services.test_signoff import head_of


@pytest.fixture
def opened(qtbot, monkeypatch):
    """The wizards run_form_wizard would exec(), shown instead; exec() answers "not saved"."""
    shown = []

    def exec_(wizard):
        qtbot.addWidget(wizard)
        wizard.show()
        shown.append(wizard)
        return False

    monkeypatch.setattr(wizards, "_exec", exec_)
    ensure_app()
    return shown


@pytest.fixture
def answer(monkeypatch):
    """What the user answers to "Lanjutkan pengisian?" (and what was asked)."""
    asked: list[str] = []
    choice = {"value": "resume"}
    monkeypatch.setattr(wizards, "_ask_continue", lambda parent, text: (asked.append(text), choice["value"])[1])
    choice["asked"] = asked
    return choice


def autosaved(db, form, pic_name: str) -> str:
    """An autosaved session of ``form`` (as a crash leaves it) with the PIC's name changed."""
    state_form = form_to_dict(form)
    state_form["pic_name"] = pic_name
    sessions = WizardSessionRepository(db)
    sessions.save(
        "sesi-1",
        {"version": STATE_VERSION, "form": state_form, "page": FormPage.PIC, "proposal": None},
        form_uuid=form.uuid,
        agency_code=form.agency_code,
        year=form.year,
        page=FormPage.PIC,
    )
    return "sesi-1"


def saved_form(db):
    form = make_form()
    FormRepository(db).save(form)
    return FormRepository(db).get(form.uuid)


def test_resume_opens_the_autosaved_input(db, opened, answer):
    form = saved_form(db)
    autosaved(db, form, "Nama dari sesi")
    wizards.run_form_wizard(None, db, form_uuid=form.uuid)
    assert "Dinas Kesehatan, tahun 2024" in answer["asked"][0] and "WITA" in answer["asked"][0]
    [wizard] = opened
    assert wizard.session_id == "sesi-1" and wizard.currentId() == FormPage.PIC
    assert wizard.current_form().pic_name == "Nama dari sesi"


def test_later_opens_nothing_and_keeps_the_session(db, opened, answer):
    form = saved_form(db)
    autosaved(db, form, "Nama dari sesi")
    answer["value"] = "later"
    assert wizards.run_form_wizard(None, db, form_uuid=form.uuid) is False
    assert opened == [] and len(WizardSessionRepository(db).unfinished()) == 1


def test_discard_drops_the_session_and_opens_the_saved_form(db, opened, answer):
    form = saved_form(db)
    autosaved(db, form, "Nama dari sesi")
    answer["value"] = "discard"
    wizards.run_form_wizard(None, db, agency_code="DINKES", year=2024)
    assert WizardSessionRepository(db).unfinished() == []
    [wizard] = opened
    assert wizard.session_id != "sesi-1" and wizard.current_form().pic_name == form.pic_name


def test_a_signed_form_is_never_opened_for_editing(db, opened, answer, message_boxes):
    form = saved_form(db)
    sign_form(db, form.uuid, head_of(db, form.uuid), today=TODAY)
    assert wizards.run_form_wizard(None, db, form_uuid=form.uuid) is False
    assert opened == [] and answer["asked"] == []
    kind, text = message_boxes[-1]
    assert kind == "information" and "sudah ditandatangani (revisi 1)" in text and "revisi" in text


def test_sign_off_opens_at_the_sign_off_page(db, opened, answer):
    form = saved_form(db)
    wizards.run_form_wizard(None, db, form_uuid=form.uuid, sign_off=True)
    [wizard] = opened
    assert wizard.currentId() == FormPage.SIGN_OFF
    wizard.back()  # the earlier pages are in its history
    assert wizard.currentId() == FormPage.SUMMARY


def test_a_database_error_is_a_message_not_a_traceback(db, opened, message_boxes, monkeypatch):
    from ksd_desktop.storage.errors import StorageError

    def locked(_db):
        raise StorageError("Berkas data sedang dikunci oleh program lain.")

    monkeypatch.setattr(wizards.WizardContext, "load", staticmethod(locked))
    assert wizards.run_form_wizard(None, db, agency_code="DINKES", year=2024) is False
    assert message_boxes[-1] == ("warning", "Basis data: Berkas data sedang dikunci oleh program lain.")
    assert opened == []
