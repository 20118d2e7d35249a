"""Driving the wizards the way a person does: typing and clicking."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QWidget, QWizard

from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.wizards.common import WizardContext
from ksd_desktop.gui.wizards.form_wizard import FormWizard


def type_into(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def click(qtbot, widget: QWidget) -> None:
    """Click where a person would: radio buttons and check boxes on their indicator, others in the middle."""
    if isinstance(widget, (QRadioButton, QCheckBox)):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def press_next(qtbot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def press_finish(qtbot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def child(wizard: QWidget, name: str) -> QWidget:
    found = [w for w in wizard.findChildren(QWidget, name) if w.window() is wizard]
    assert found, f"no widget named {name}"
    return found[0]


def new_form_wizard(qtbot, db, **kwargs) -> FormWizard:
    ensure_app()
    wizard = FormWizard(db, WizardContext.load(db), **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def fill_pic(
    qtbot,
    wizard,
    name="Siti Rahmah",
    position="Analis Kebijakan Ahli Muda",
    phone="0812-5123-4567",
    email="dinkes@banjarkab.go.id",
) -> None:
    type_into(qtbot, child(wizard, "pic_name"), name)
    type_into(qtbot, child(wizard, "pic_position"), position)
    type_into(qtbot, child(wizard, "pic_phone"), phone)
    type_into(qtbot, child(wizard, "pic_email"), email)


def open_new_proposal(qtbot, wizard):
    click(qtbot, child(wizard, "add_proposal"))
    proposal = wizard.proposal_wizard
    assert proposal is not None and proposal.isVisible()
    return proposal


def fill_urusan_page(qtbot, pw, urusan_text: str, problem: str, program: str = "") -> None:
    type_into(qtbot, child(pw, "urusan_code").lineEdit(), urusan_text)
    if program:
        type_into(qtbot, child(pw, "program"), program)
    type_into(qtbot, child(pw, "problem"), problem)


def fill_partner(qtbot, pw, name: str, category_text: str | None = None, region_text: str | None = None) -> None:
    type_into(qtbot, child(pw, "name"), name)
    if category_text:
        type_into(qtbot, child(pw, "category"), category_text)
    if region_text:
        combo = child(pw, "region_code")
        combo.lineEdit().clear()
        type_into(qtbot, combo.lineEdit(), region_text)


def fill_details(qtbot, pw, obj: str, benefits: str, financing: str, priority: str) -> None:
    type_into(qtbot, child(pw, "object"), obj)
    type_into(qtbot, child(pw, "benefits"), benefits)
    type_into(qtbot, child(pw, "financing"), financing)
    type_into(qtbot, child(pw, "priority"), priority)


def confirm_compliance(qtbot, pw) -> None:
    for key in ("ketertiban_umum", "kesusilaan", "kepentingan_nasional", "peraturan"):
        click(qtbot, child(pw, f"compliance_{key}"))


def settle() -> None:
    QApplication.processEvents()
