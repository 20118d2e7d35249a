"""The whole mapping can be done without a mouse: Tab, typing, Space, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from ksd_desktop.storage.repositories import FormRepository
from tests.gui.wizard_helpers import new_form_wizard

NEXT, FINISH = "__qt__passive_wizardbutton1", "qt_wizard_finish"


def focused():
    return QApplication.focusWidget()


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def tab_to(qtbot, name: str, limit: int = 40) -> None:
    """Press Tab until the widget named ``name`` has the focus (fails if Tab never reaches it)."""
    for _ in range(limit):
        widget = focused()
        if widget is not None and widget.objectName() == name:
            return
        owner = widget.parentWidget() if widget is not None and widget.objectName() == "" else None
        if owner is not None and owner.objectName() == name:  # an editable combo's line edit
            return
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; stuck at {focused().objectName() if focused() else None}")


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def press(qtbot, key) -> None:
    qtbot.keyClick(focused(), key)


def test_form_with_a_proposal_by_keyboard_only(qtbot, db):
    wizard = new_form_wizard(qtbot, db, agency_code="DPRKPLH", year=2024)
    activate(qtbot, wizard)
    tab_to(qtbot, NEXT)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, "pic_name")
    type_text(qtbot, "Ahmad Fauzan Noor")
    tab_to(qtbot, "pic_position")
    type_text(qtbot, "Penelaah Teknis Kebijakan")
    press(qtbot, Qt.Key.Key_Return)  # Enter in a line edit presses the default button (Lanjut)
    assert wizard.currentId() == 2
    tab_to(qtbot, "add_proposal")
    press(qtbot, Qt.Key.Key_Space)
    pw = wizard.proposal_wizard
    activate(qtbot, pw)
    tab_to(qtbot, "urusan_code")
    type_text(qtbot, "Lingkungan")
    tab_to(qtbot, "problem")
    type_text(qtbot, "Sungai Martapura tercemar limbah domestik dari permukiman bantaran.")
    tab_to(qtbot, NEXT)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, "kind_SINERGI")  # radio buttons: Tab enters the group, arrows choose
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert focused().objectName() == "kind_KSDPK" and focused().isChecked()
    tab_to(qtbot, "ksdpk_form")
    type_text(qtbot, "Penyediaan")
    tab_to(qtbot, NEXT)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, "name")
    type_text(qtbot, "Universitas Lambung Mangkurat")
    tab_to(qtbot, "category")
    type_text(qtbot, "Perguruan")
    tab_to(qtbot, NEXT)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, "object")
    type_text(qtbot, "Kajian dan pemantauan kualitas air sungai")
    tab_to(qtbot, "benefits")
    type_text(qtbot, "Indeks kualitas air naik menjadi 55 pada 2026.")
    tab_to(qtbot, "financing")
    type_text(qtbot, "Mitra")
    tab_to(qtbot, "priority")
    type_text(qtbot, "Sedang")
    tab_to(qtbot, NEXT)
    press(qtbot, Qt.Key.Key_Space)
    for key in ("ketertiban_umum", "kesusilaan", "kepentingan_nasional", "peraturan"):
        tab_to(qtbot, f"compliance_{key}")
        press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, FINISH)
    press(qtbot, Qt.Key.Key_Space)
    assert wizard.proposal_wizard is None
    activate(qtbot, wizard)
    tab_to(qtbot, NEXT)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, FINISH)
    press(qtbot, Qt.Key.Key_Space)
    assert wizard.result() == QWizard.DialogCode.Accepted
    form = FormRepository(db).find("DPRKPLH", 2024)
    [proposal] = form.proposals
    assert (proposal.urusan_code, proposal.kind, proposal.ksdpk_form) == ("2.11", "KSDPK", "pelayanan_publik")
    assert (proposal.financing, proposal.priority, proposal.compliance_confirmed) == ("mitra", "sedang", True)
    assert proposal.partners[0].category == "perguruan_tinggi"
