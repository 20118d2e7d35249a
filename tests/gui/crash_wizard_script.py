"""Run by test_autosave.py in a separate process: type into the wizard, wait for autosave, then hang.

The test kills this process (SIGKILL) and checks that nothing typed before the last
autosave was lost.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.wizards.common import WizardContext
from ksd_desktop.gui.wizards.form_wizard import FormWizard
from ksd_desktop.storage.database import open_database


def child(window: QWidget, name: str) -> QWidget:
    return next(w for w in window.findChildren(QWidget, name) if w.window() is window)


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def main(db_path: str) -> None:
    ensure_app()
    db = open_database(db_path)
    wizard = FormWizard(db, WizardContext.load(db), agency_code="DINKES", year=2024)
    wizard.show()
    wizard.next()
    QTest.keyClicks(child(wizard, "pic_name"), "Gusti Rahmat Hidayat")
    QTest.keyClicks(child(wizard, "pic_position"), "Perencana Ahli Pertama")
    wizard.next()
    wizard.open_proposal(None)
    proposal = wizard.proposal_wizard
    QTest.keyClicks(child(proposal, "urusan_code").lineEdit(), "Kesehatan")
    QTest.keyClicks(child(proposal, "problem"), "Puskesmas Aranio belum memiliki dokter gigi sejak 2022.")
    pump(AUTOSAVE_WAIT)  # no page change: only the typing timer saves this
    print("SIAP", flush=True)
    while True:
        pump(1)


AUTOSAVE_WAIT = 3.0

if __name__ == "__main__":
    main(sys.argv[1])
