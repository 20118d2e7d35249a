"""The main window's action enablement, as a pure function of what is selected (no window)."""

from __future__ import annotations

from ksd_desktop.gui.main_window.state import (
    WITHOUT_DATA,
    Action,
    AgencySelection,
    FormSelection,
    WindowState,
    chosen_form,
    enablement,
)

DRAFT = FormSelection("f-1", "draft", "DINKES", "Dinas Kesehatan")
SIGNED = FormSelection("f-2", "signed", "DISDIK", "Dinas Pendidikan")


def enabled(state: WindowState) -> set[Action]:
    answer = enablement(state)
    assert set(answer) == set(Action)  # every action has an answer
    return {action for action, on in answer.items() if on}


def test_while_the_data_file_opens_only_what_needs_no_data():
    assert enabled(WindowState(data_open=False)) == set(WITHOUT_DATA)
    assert Action.VERIFY_PDF in WITHOUT_DATA and Action.NEW_MAPPING not in WITHOUT_DATA


def test_nothing_selected():
    on = enabled(WindowState())
    assert {Action.NEW_MAPPING, Action.IMPORT, Action.RECAP, Action.SETTINGS, Action.BACKUP} <= on
    assert not on & {Action.OPEN_MAPPING, Action.SIGN_OFF, Action.REOPEN, Action.EXPORT_PDF, Action.ASSESS}


def test_an_agency_without_a_form_can_only_start_one():
    agency = AgencySelection("DISTAN", "Dinas Pertanian")
    on = enabled(WindowState(agency=agency, form=chosen_form(agency, DRAFT)))
    assert Action.NEW_MAPPING in on
    assert not on & {Action.OPEN_MAPPING, Action.SIGN_OFF, Action.EXPORT_PDF}


def test_a_draft_is_opened_signed_and_exported_a_signed_form_reopened():
    draft = AgencySelection("DINKES", "Dinas Kesehatan", DRAFT)
    on = enabled(WindowState(agency=draft, form=chosen_form(draft, None)))
    assert {Action.OPEN_MAPPING, Action.SIGN_OFF, Action.EXPORT_PDF} <= on
    assert not on & {Action.NEW_MAPPING, Action.REOPEN}
    signed = AgencySelection("DISDIK", "Dinas Pendidikan", SIGNED)
    on = enabled(WindowState(agency=signed, form=chosen_form(signed, None)))
    assert {Action.OPEN_MAPPING, Action.REOPEN, Action.EXPORT_PDF} <= on and Action.SIGN_OFF not in on


def test_without_an_agency_the_selected_proposals_form_counts():
    assert chosen_form(None, SIGNED) is SIGNED
    assert chosen_form(AgencySelection("DISTAN", "Dinas Pertanian"), SIGNED) is None
    on = enabled(WindowState(form=chosen_form(None, SIGNED), proposals_selected=3))
    assert {Action.OPEN_MAPPING, Action.REOPEN, Action.ASSESS, Action.NEW_MAPPING} <= on
