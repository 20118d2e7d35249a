"""Every window fits the office laptop (1366×728 usable) and 1920×1080 at 125 % and 150 %
(1536×816 and 1280×672 logical pixels); no wizard page has a required field out of sight.

The usable area is set per case (``screen.available_area``); the offscreen test screen itself
is the laptop's. Layouts are in logical pixels, so 150 % differs from 100 % only by the area.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

import ksd_desktop.gui.screen as screen
from ksd_desktop.gui import ensure_app, open_main_window
from ksd_desktop.gui.screen import fits_on_screen
from ksd_desktop.gui.wizards.common import FIELD_HOLDER, ValidatingPage, WizardContext
from ksd_desktop.gui.wizards.form_wizard import FormPage, FormWizard
from ksd_desktop.gui.wizards.proposal_wizard import ProposalPage
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form, make_proposal
from tests.gui.wizard_helpers import child, click

AREAS = {"laptop": QRect(0, 0, 1366, 728), "fhd125": QRect(0, 0, 1536, 816), "fhd150": QRect(0, 0, 1280, 672)}


@pytest.fixture(params=list(AREAS))
def area(request, monkeypatch) -> QRect:
    monkeypatch.setattr(screen, "available_area", lambda widget: AREAS[request.param])
    ensure_app()
    return AREAS[request.param]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def out_of_sight(page: ValidatingPage) -> list[str]:
    """The required fields of ``page`` (shown ones) that lie outside its scroll area's viewport."""
    settle()
    viewport = page.scroll_area.viewport()
    hidden = []
    for key, widget in page.fields.items():
        if not page.labels.get(key, "").endswith("*") or not widget.isVisibleTo(page):
            continue
        holder = widget.parentWidget() if widget.parentWidget().property(FIELD_HOLDER) else widget
        buttons = [b for b in holder.findChildren(QRadioButton) if b.isVisibleTo(page)]
        if buttons:  # a group of choices: the one chosen (or the first) is where the eye must find it
            holder = next((b for b in buttons if b.isChecked()), buttons[0])
        rect = QRect(holder.mapTo(viewport, QPoint(0, 0)), holder.size())
        if not viewport.rect().contains(rect):
            hidden.append(key)
    return hidden


def check_window(window: QWidget) -> None:
    settle()
    assert fits_on_screen(window), f"{window.objectName()} {window.frameGeometry()} larger than the screen"


def test_the_form_wizard_pages(qtbot, db, area):
    form = make_form(proposals=[make_proposal(1), make_proposal(2)])
    FormRepository(db).save(form)
    wizard = FormWizard(db, WizardContext.load(db), form=FormRepository(db).get(form.uuid))
    qtbot.addWidget(wizard)
    wizard.show()
    check_window(wizard)
    for page in FormPage:
        wizard.go_to_page(page)
        assert out_of_sight(wizard.pages[page]) == [], f"page {page.name}"
    wizard.accept()  # Tanda Tangani with nothing filled in: every message shown, still in sight
    assert out_of_sight(wizard.pages[FormPage.SIGN_OFF])[:1] in ([], ["signer_name"])
    focused = QApplication.focusWidget()
    assert focused is child(wizard, "signer_name") or focused is None


def test_the_proposal_wizard_pages_and_what_a_kind_reveals(qtbot, db, area):
    FormRepository(db).save(make_form())
    wizard = FormWizard(db, WizardContext.load(db), form=FormRepository(db).find("DINKES", 2024))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to_page(FormPage.PROPOSALS)
    pw = wizard.open_proposal(0)
    check_window(pw)
    assert pw.geometry() == wizard.geometry()  # over the form wizard: one row of buttons in sight
    for page in ProposalPage:
        pw.go_to_page(page)
        qtbot.waitUntil(lambda page=page: out_of_sight(pw.pages[page]) == [], timeout=2000)
    pw.go_to_page(ProposalPage.KIND)
    kind = pw.pages[ProposalPage.KIND]
    for choice, revealed in (
        ("kind_KSDD", ["ksdd_category"]),
        ("ksdd_category_wajib", ["externality"]),
        ("kind_KSDPK", ["ksdpk_form"]),
    ):
        click(qtbot, child(pw, choice))
        qtbot.waitUntil(lambda revealed=revealed: all(k not in out_of_sight(kind) for k in revealed), timeout=2000)
    assert QApplication.focusWidget() is child(pw, "ksdpk_form")  # a mouse choice: the revealed field has the focus


def test_alt_letter_scrolls_to_the_field_it_focuses(qtbot, db, area):
    FormRepository(db).save(make_form())
    wizard = FormWizard(db, WizardContext.load(db), form=FormRepository(db).find("DINKES", 2024))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to_page(FormPage.PROPOSALS)
    pw = wizard.open_proposal(0)
    pw.go_to_page(ProposalPage.KIND)
    kind = pw.pages[ProposalPage.KIND]
    click(qtbot, child(pw, "kind_KSDD"))
    kind.scroll_area.verticalScrollBar().setValue(0)
    settle()
    child(pw, "ksdd_category_sukarela").setFocus()  # what Alt+U does
    viewport = kind.scroll_area.viewport()
    target = child(pw, "ksdd_category_sukarela")
    qtbot.waitUntil(
        lambda: viewport.rect().contains(QRect(target.mapTo(viewport, QPoint(0, 0)), target.size())), timeout=2000
    )


def test_the_main_window_and_the_dialogs(qtbot, db_path, area):
    from ksd_desktop.gui.assess_dialog import AssessDialog, Assessed
    from ksd_desktop.gui.dialogs.settings import SettingsDialog
    from ksd_desktop.gui.signed_form_view import FormNames, SignedFormView

    window = open_main_window(db_path)
    qtbot.addWidget(window)
    check_window(window)
    assert window.statusBar().isVisible() and window.statusBar().geometry().bottom() <= window.height()
    dialogs = [
        SettingsDialog(window.db, db_path, window),
        AssessDialog([Assessed("Dinkes", n, "Permasalahan " * 30) for n in range(1, 12)], window),
        SignedFormView(make_form(), FormNames("Dinas Kesehatan"), None, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        check_window(dialog)
        dialog.close()
