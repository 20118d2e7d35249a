"""The scenes tools/screenshots.py renders: every screen and dialog, in the states a user sees.

Runs inside the child process that tools/screenshots.py starts for one screen size (Qt
offscreen, a temporary folder as the working directory). Each scene builds its window the
way the app does, shows it, and saves ``widget.grab()``. A window whose frame would not fit
the screen is reported (exit code 1).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget, QWidget, QWizard

from ksd_desktop.gui import ensure_app, open_main_window, show_main_window
from ksd_desktop.gui.screen import fits_on_screen
from ksd_desktop.services.demo import fill_demo
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository

TODAY = dt.date(2024, 8, 8)
#: A draft of the demo (its 2025 forms are drafts): the wizard and the import conflict use it.
DRAFT = ("DISHUB", 2025)


class Shots:
    def __init__(self, out: Path):
        self.out, self.count = out, 0
        self.too_big: list[str] = []

    def take(self, name: str, widget: QWidget) -> None:
        settle()
        self.count += 1
        widget.grab().save(str(self.out / f"{self.count:02d}-{name}.png"))
        window = widget.window()
        if not fits_on_screen(window):
            self.too_big.append(
                f"{name}: {window.frameGeometry().size().toTuple()} > "
                f"{window.screen().availableGeometry().size().toTuple()}"
            )


def settle() -> None:
    """Let pending layouts, timers (scrolling to a revealed field) and paints run."""
    QTest.qWait(150)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    settle()


def child(root: QWidget, name: str) -> QWidget:
    found = [w for w in root.findChildren(QWidget, name) if w.window() is root]
    if not found:
        raise LookupError(name)
    return found[0]


def _answer_message_boxes() -> None:
    """A scene never waits for a person: the static message boxes answer No / OK (and are printed)."""

    def answer(kind, button):
        def show(parent, title, text, *args, **kwargs):
            print(f"  [{kind}] {title}: {text[:90]}")
            return button

        return show

    QMessageBox.question = answer("pertanyaan", QMessageBox.StandardButton.No)  # type: ignore[method-assign]
    for kind in ("warning", "information", "critical"):
        setattr(QMessageBox, kind, answer(kind, QMessageBox.StandardButton.Ok))


def render_all(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    _answer_message_boxes()
    ensure_app().setStyle("Fusion")  # the look closest to Windows 10/11 available offscreen
    empty, demo = Path("kosong.sqlite3").resolve(), Path("demo.sqlite3").resolve()
    open_database(empty).close()
    db = open_database(demo)
    fill_demo(db, proposals=156, seed=2024, today=TODAY)
    db.close()
    shots = Shots(out)
    for scene in SCENES:
        scene(shots, empty, demo)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.close()
        settle()
    for line in shots.too_big:
        print("JENDELA LEBIH BESAR DARI LAYAR:", line)
    return 1 if shots.too_big else 0


# -- main window ----------------------------------------------------------------------------
def main_window_scenes(shots: Shots, empty: Path, demo: Path) -> None:

    loading = show_main_window(demo)  # as the application start shows it (maximised on the laptop)
    shots.take("utama-membuka-berkas", loading)
    loading.close()
    window = open_main_window(empty)
    shots.take("utama-kosong", window)
    window.close()
    window = open_main_window(demo)
    window.select_year(2024)
    window.agencies_view.clearSelection()
    window.proposals_view.selectRow(2)
    shots.take("utama-semua-usulan", window)
    codes = [a.code for a in window.agency_model.rows()]
    window.agencies_view.selectRow(codes.index("DINKES"))
    window.proposals_view.selectRow(0)
    shots.take("utama-satu-perangkat-daerah", window)
    combo = window.filter_bar.combos["kind"]
    combo.showPopup()
    settle()
    shots.take("utama-saring-jenis", combo.view())
    combo.hidePopup()
    window.agencies_view.clearSelection()
    window.select_year(2026)
    shots.take("utama-tahun-kosong", window)
    window.close()


# -- the wizards ----------------------------------------------------------------------------
def form_wizard_scenes(shots: Shots, empty: Path, demo: Path) -> None:
    from ksd_desktop.gui.wizards.common import WizardContext
    from ksd_desktop.gui.wizards.form_wizard import FormPage, FormWizard

    db = open_database(demo)
    ctx = WizardContext.load(db)
    new = FormWizard(db, ctx, year=2024)
    new.show()
    shots.take("wizard-perangkat-daerah", new)
    new.button(QWizard.WizardButton.NextButton).click()
    shots.take("wizard-perangkat-daerah-belum-dipilih", new)
    new.done(0)
    form = FormRepository(db).find(DRAFT[0], DRAFT[1])
    wizard = FormWizard(db, ctx, form=form)
    wizard.show()
    for page, name in (
        (FormPage.PIC, "wizard-pic"),
        (FormPage.PROPOSALS, "wizard-daftar-usulan"),
        (FormPage.SUMMARY, "wizard-ringkasan"),
        (FormPage.SIGN_OFF, "wizard-pengesahan"),
    ):
        wizard.go_to_page(page)
        shots.take(name, wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    shots.take("wizard-pengesahan-belum-lengkap", wizard)
    proposal_scenes(shots, wizard)
    wizard.autosave.discard()
    wizard.done(0)
    db.close()


def proposal_scenes(shots: Shots, wizard) -> None:
    from ksd_desktop.gui.wizards.proposal_wizard import ProposalPage

    wizard.go_to_page(2)
    pw = wizard.open_proposal(None)
    settle()
    shots.take("usulan-urusan", pw)
    pw.button(QWizard.WizardButton.NextButton).click()
    shots.take("usulan-urusan-belum-lengkap", pw)
    pw.done(0)
    settle()
    pw = wizard.open_proposal(0)
    settle()
    pw.go_to_page(ProposalPage.KIND)
    shots.take("usulan-jenis", pw)
    click(child(pw, "kind_KSDD"))
    click(child(pw, "ksdd_category_wajib"))
    settle()
    shots.take("usulan-jenis-ksdd-wajib", pw)
    click(child(pw, "kind_KSDPK"))
    shots.take("usulan-jenis-ksdpk", pw)
    pw.button(QWizard.WizardButton.NextButton).click()
    shots.take("usulan-jenis-ksdpk-belum-lengkap", pw)
    pw.pages[ProposalPage.KIND].load(wizard.form.proposals[0])
    for page, name in (
        (ProposalPage.PARTNERS, "usulan-calon-mitra"),
        (ProposalPage.DETAILS, "usulan-rincian"),
        (ProposalPage.COMPLIANCE, "usulan-pernyataan"),
    ):
        pw.go_to_page(page)
        shots.take(name, pw)
    pw.proposal = pw.current_proposal()  # nothing to confirm on closing
    pw.done(0)
    settle()


# -- dialogs --------------------------------------------------------------------------------
def dialog_scenes(shots: Shots, empty: Path, demo: Path) -> None:
    from ksd_desktop.gui.assess_dialog import AssessDialog, Assessed
    from ksd_desktop.gui.signed_form_view import open_signed_view
    from ksd_desktop.gui.wizards.revision_dialog import RevisionDialog

    db = open_database(demo)
    form = FormRepository(db).find("DINKES", 2024)
    assert form is not None, "the demo has it"
    view = open_signed_view(None, db, form.uuid)
    assert view is not None, "a signed form"
    view.show()
    shots.take("formulir-ditandatangani", view)
    view.close()
    assess = AssessDialog([Assessed("Dinkes", p.seq, p.problem) for p in form.proposals[:3]])
    assess.show()
    shots.take("nilai-usulan", assess)
    assess.close()
    revision = RevisionDialog(form, "Dinas Kesehatan")
    revision.show()
    shots.take("buka-untuk-revisi", revision)
    revision.close()
    settings_scenes(shots, db, demo)
    db.close()
    verify_scenes(shots, demo)
    import_scenes(shots, demo)
    message_scenes(shots)


def settings_scenes(shots: Shots, db, path: Path) -> None:
    from ksd_desktop.gui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(db, path)
    dialog.show()
    shots.take("pengaturan", dialog)
    tabs = dialog.findChildren(QTabWidget, "settings_tabs")
    if tabs:
        for index in range(1, tabs[0].count()):
            tabs[0].setCurrentIndex(index)
            shots.take(f"pengaturan-{index + 1}", dialog)
    dialog.close()


def verify_scenes(shots: Shots, demo: Path) -> None:
    from ksd_desktop.gui.verify_dialog import VerifyDialog
    from ksd_desktop.services.pdf.export import export_form_pdf

    dialog = VerifyDialog()
    dialog.show()
    shots.take("periksa-keaslian-pdf", dialog)
    db = open_database(demo)
    pdf = export_form_pdf(db, "DINKES", 2024, Path("dinkes.pdf").resolve())
    db.close()
    dialog.verify_file(pdf)
    shots.take("periksa-keaslian-pdf-utuh", dialog)
    dialog.close()


def import_scenes(shots: Shots, demo: Path) -> None:
    from functools import partial

    from ksd_desktop.gui.import_dialog import ImportDialog
    from ksd_desktop.gui.worker import database_job
    from ksd_desktop.services.exchange.bundle import export_bundle
    from ksd_desktop.services.exchange.importer import preview

    local = Path("lokal.sqlite3").resolve()
    shutil.copy(demo, local)
    source = open_database(demo)
    form = FormRepository(source).find(*DRAFT)
    assert form is not None, "the demo has it"
    form.proposals[0].priority = "rendah"
    form.proposals[0].object = "Pengelolaan TPA regional bersama (versi perangkat daerah)"
    FormRepository(source).save(form)
    bundle = Path(f"{DRAFT[0]}-{DRAFT[1]}.ksd").resolve()
    export_bundle(source, bundle, agency_code=DRAFT[0], year=DRAFT[1])
    source.close()
    db = open_database(local)
    mine = FormRepository(db).find(*DRAFT)
    assert mine is not None, "copied from the demo"
    mine.pic_name = "Nama diubah di laptop Setda"
    FormRepository(db).save(mine)
    db.close()
    broken = Path("kiriman-rusak.ksd").resolve()
    broken.write_bytes(b"PK\x03\x04 bukan berkas zip yang utuh")
    previews = database_job(str(local), partial(preview, paths=[str(bundle), str(broken)]))(
        lambda *a: None, lambda: False
    )
    dialog = ImportDialog(str(local), previews)
    dialog.show()
    shots.take("impor-pratinjau", dialog)
    top = dialog.tree.topLevelItem(0)
    rows = [top.child(i) for i in range(top.childCount())] if top is not None else []
    conflict = next((row for row in rows if row is not None and row.text(1) == "konflik"), None)  # not the sender's row
    if conflict is not None:
        dialog.tree.setCurrentItem(conflict)
    shots.take("impor-konflik", dialog)
    dialog.close()


def message_scenes(shots: Shots) -> None:
    from ksd_desktop.gui.wizards import _continue_box

    box = _continue_box(None, "Dinas Kesehatan, tahun 2024 (terakhir tersimpan 8 Agustus 2024 pukul 10.15 WITA)")
    box.show()
    shots.take("lanjutkan-pengisian", box)
    box.close()


def guide_scenes(shots: Shots, empty: Path, demo: Path) -> None:
    """The states the user guide shows besides these (tools/screenshot_guide_scenes.py)."""
    from screenshot_guide_scenes import render_guide_scenes

    render_guide_scenes(shots, empty, demo)


SCENES: list[Callable[[Shots, Path, Path], None]] = [
    main_window_scenes,
    form_wizard_scenes,
    dialog_scenes,
    guide_scenes,
]
