"""Small things a user notices: Enter in a completer list, a field squashed by its message, English."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWizard

from ksd_desktop.gui.wizards.form_wizard import FormPage
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form
from tests.gui.wizard_helpers import child, new_form_wizard, press_finish

ENGLISH = {
    "OK",
    "Cancel",
    "Next",
    "Back",
    "Finish",
    "Close",
    "Yes",
    "No",
    "Save",
    "Apply",
    "Help",
    "Commit",
    "Done",
    "Continue",
    "Open",
    "Discard",
    "Reset",
}


def at_sign_off(qtbot, db):
    FormRepository(db).save(make_form())
    wizard = new_form_wizard(qtbot, db, form=FormRepository(db).find("DINKES", 2024))
    wizard.go_to_page(FormPage.SIGN_OFF)
    return wizard


def test_enter_in_the_completer_list_chooses_and_does_not_sign(qtbot, db, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    wizard = at_sign_off(qtbot, db)
    wizard.activateWindow()
    qtbot.keyClicks(child(wizard, "signer_name"), "dr. Noor Ifansyah, M.Kes.")
    qtbot.keyClicks(child(wizard, "signer_nip"), "19700101 199503 1 001")
    rank = child(wizard, "signer_rank")  # the last field: with it chosen, the form could be signed
    rank.lineEdit().setFocus()
    qtbot.keyClicks(rank.lineEdit(), "IV/c")
    popup = rank.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert rank.currentText() == "Pembina Utama Muda (IV/c)"
    qtbot.keyClick(wizard, Qt.Key.Key_Return)  # the same Enter, handed on to the wizard (as Windows does)
    assert asked == [] and not wizard.signed  # no "Tanda tangani sekarang?" from choosing a rank
    qtbot.wait(500)
    qtbot.keyClick(wizard, Qt.Key.Key_Return)  # a later Enter is the user's: the default button works
    assert len(asked) == 1 and "Tanda tangani sekarang?" in asked[0]


def test_a_message_never_squashes_its_field(qtbot, db):
    wizard = at_sign_off(qtbot, db)
    nip = child(wizard, "signer_nip")
    height = nip.height()
    qtbot.keyClicks(nip, "1970 0101")
    press_finish(qtbot, wizard)
    QApplication.processEvents()
    assert child(wizard, "signer_nip_message").isVisible()
    assert nip.height() >= min(height, nip.sizeHint().height())  # it was 14 px once


def test_no_english_on_the_wizard_and_the_dialogs(qtbot, db, db_path):
    from ksd_desktop.gui.assess_dialog import AssessDialog, Assessed
    from ksd_desktop.gui.dialogs.settings import SettingsDialog

    wizard = at_sign_off(qtbot, db)
    windows = [wizard, SettingsDialog(db, db_path), AssessDialog([Assessed("Dinkes", 1, "Masalah.")])]
    for window in windows[1:]:
        qtbot.addWidget(window)
        window.show()
    texts = {
        w.text().replace("&", "").strip(" <>")
        for window in windows
        for kind in (QAbstractButton, QLabel)
        for w in window.findChildren(kind)
        if w.isVisible()
    }
    texts |= {
        wizard.buttonText(b).replace("&", "").strip(" <>")
        for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton)
    }
    assert not texts & ENGLISH
