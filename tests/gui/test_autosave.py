"""Autosave and recovery: a killed process loses at most the last few seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ksd_desktop.gui.wizards as wizards
from ksd_desktop.gui.wizards.form_wizard import FormPage
from ksd_desktop.gui.wizards.proposal_wizard import ProposalPage
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from ksd_desktop.storage.sessions import WizardSessionRepository
from tests.gui.wizard_helpers import child, fill_pic, new_form_wizard, press_next, type_into

SCRIPT = Path(__file__).with_name("crash_wizard_script.py")


@pytest.fixture(scope="module")
def _killed_template(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("killed") / "ksd.sqlite3"
    open_database(db_path).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPT), str(db_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "SIAP", proc.stderr.read()
    finally:
        proc.kill()  # SIGKILL: no cleanup, no closeEvent, no atexit
        proc.wait(timeout=30)
    return db_path


@pytest.fixture
def killed_session(_killed_template, tmp_path):
    """A fresh copy (WAL included, via SQLite's backup) of the database the killed process left."""
    import sqlite3

    target = tmp_path / "ksd.sqlite3"
    source, dest = sqlite3.connect(_killed_template), sqlite3.connect(target)
    source.backup(dest)
    source.close()
    dest.close()
    return target


def test_draft_survives_the_process_being_killed(qtbot, killed_session, monkeypatch):
    db = open_database(killed_session)
    sessions = WizardSessionRepository(db).unfinished()
    assert len(sessions) == 1 and sessions[0].agency_code == "DINKES" and sessions[0].year == 2024
    assert FormRepository(db).find("DINKES", 2024) is None  # never silently turned into a form

    offered, opened = [], []
    monkeypatch.setattr(wizards, "_ask_continue", lambda parent, text: (offered.append(text), "resume")[1])
    monkeypatch.setattr(
        wizards, "_exec", lambda wizard: (opened.append(wizard), qtbot.addWidget(wizard), wizard.show(), False)[3]
    )
    wizards.offer_unfinished(None, db)

    assert "Dinas Kesehatan, tahun 2024" in offered[0]
    wizard = opened[0]
    assert wizard.currentId() == FormPage.PROPOSALS
    assert wizard.current_form().pic_name == "Gusti Rahmat Hidayat"
    proposal = wizard.proposal_wizard
    assert proposal is not None and proposal.currentId() == ProposalPage.URUSAN
    assert child(proposal, "problem").toPlainText() == "Puskesmas Aranio belum memiliki dokter gigi sejak 2022."
    assert proposal.current_proposal().urusan_code == "1.02"
    db.close()


def test_startup_asks_explicitly_before_restoring(qtbot, killed_session, message_boxes):
    from ksd_desktop.gui import offer_recovery, open_main_window

    window = open_main_window(killed_session)
    qtbot.addWidget(window)
    offer_recovery(window)
    assert any(kind == "exec" and text.startswith("Lanjutkan pengisian?") for kind, text in message_boxes)
    # answered "Nanti": the session is kept for next time
    assert len(WizardSessionRepository(window.db).unfinished()) == 1


def test_discarding_an_unfinished_session(qtbot, killed_session, monkeypatch):
    db = open_database(killed_session)
    monkeypatch.setattr(wizards, "_ask_continue", lambda parent, text: "discard")
    wizards.offer_unfinished(None, db)
    assert WizardSessionRepository(db).unfinished() == []
    db.close()


def test_page_change_saves_and_saving_the_draft_clears_the_session(qtbot, db):
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    fill_pic(qtbot, wizard)
    sessions = WizardSessionRepository(db)
    assert sessions.unfinished() == []  # typing alone waits for the timer
    press_next(qtbot, wizard)
    state = sessions.load(wizard.session_id)
    assert state["form"]["pic_name"] == "Siti Rahmah" and state["page"] == FormPage.PROPOSALS
    type_into(qtbot, child(wizard, "proposals"), "")
    wizard.next()
    from tests.gui.wizard_helpers import press_finish

    press_finish(qtbot, wizard)
    assert sessions.unfinished() == []
    assert FormRepository(db).find("DINKES", 2024).pic_name == "Siti Rahmah"


def test_typing_is_saved_after_a_pause(qtbot, db):
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    wizard.autosave.timer.setInterval(100)
    press_next(qtbot, wizard)
    type_into(qtbot, child(wizard, "pic_name"), "Nor Hidayah")
    sessions = WizardSessionRepository(db)
    qtbot.waitUntil(lambda: sessions.load(wizard.session_id) is not None, timeout=3000)
    assert sessions.load(wizard.session_id)["form"]["pic_name"] == "Nor Hidayah"


def test_cancel_asks_and_discard_removes_the_session(qtbot, db, message_boxes):
    wizard = new_form_wizard(qtbot, db, agency_code="DINKES", year=2024)
    press_next(qtbot, wizard)
    fill_pic(qtbot, wizard)
    press_next(qtbot, wizard)
    wizard.reject()  # the fixture answers "Buang Perubahan"
    assert any(text.startswith("Tutup pemetaan") for _, text in message_boxes)
    assert WizardSessionRepository(db).unfinished() == []
    assert FormRepository(db).find("DINKES", 2024) is None
