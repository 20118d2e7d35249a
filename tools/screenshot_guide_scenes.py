"""Scenes the user guide needs beyond the screens of tools/screenshot_scenes.py.

The About box, the export's choice of scope, signing a PDF with a certificate file, the
Laporan's *Isi Laporan* tabs, the verification of a signed PDF against the data file (COCOK,
a trusted e-signature) and of an altered one (TELAH DIUBAH), the follow-up and the register
of agreements, and the guide's own viewer. Run by tools/screenshots.py like the others (one
process per screen size, a temporary folder); the certificate is a throwaway test CA made
here (tests/services/pdf_corpus.py), never a real one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from screenshot_scenes import Shots, settle

from ksd_desktop.services.demo import fill_demo
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository, SettingsRepository

#: The demo data's "today" (as in tools/screenshot_scenes.py): every laptop's demo is the same data.
TODAY = dt.date(2024, 8, 8)

#: The follow-up's demo steps are dated until mid-2025: its scenes use a data set made "today" after them.
FOLLOWUP_TODAY = dt.date(2025, 8, 8)


def render_guide_scenes(shots: Shots, empty: Path, demo: Path) -> None:
    about_scene(shots, demo)
    import_overview_scene(shots, demo)
    backup_scenes(shots, Path("sekretariat.sqlite3").resolve())
    export_scope_scene(shots, demo)
    report_settings_scenes(shots, demo)
    verify_and_sign_scenes(shots, demo)
    followup_scenes(shots)
    guide_viewer_scene(shots)


def about_scene(shots: Shots, demo: Path) -> None:
    from ksd_desktop.gui.about_dialog import AboutDialog

    db = open_database(demo)
    dialog = AboutDialog(db, str(demo))
    dialog.show()
    dialog.copy_support_info()
    shots.take("tentang", dialog)
    dialog.close()
    db.close()


def import_overview_scene(shots: Shots, demo: Path) -> None:
    """The secretariat imports four files at once, each from an agency's own laptop (its own kode perangkat):
    unchanged, a newer revision, a conflict, a damaged file. Then the same again once the codes are recorded."""
    import shutil
    from functools import partial

    from ksd_desktop.gui.import_dialog import ImportDialog
    from ksd_desktop.gui.worker import database_job
    from ksd_desktop.services.exchange.bundle import export_bundle
    from ksd_desktop.services.exchange.devices import set_role
    from ksd_desktop.services.exchange.importer import preview
    from ksd_desktop.services.signoff import Signer, reopen_form, sign_form

    folder = Path("Kiriman OPD 2024").resolve()
    folder.mkdir(exist_ok=True)
    local = Path("sekretariat.sqlite3").resolve()
    shutil.copy(demo, local)
    files = []
    for code, year in (("DISDIK", 2024), ("DINKES", 2024), ("DISHUB", 2025)):
        db = open_database(Path(f"laptop-{code}.sqlite3").resolve())  # a laptop of its own: its own key
        fill_demo(db, proposals=156, seed=2024, today=TODAY)
        forms = FormRepository(db)
        if code == "DINKES":
            form = forms.find(code, year)
            assert form is not None and form.is_signed
            signer = Signer(
                form.signer_name or "",
                form.signer_nip or "",
                form.signer_rank or "",
                form.signer_position or "",
                form.signed_place or "",
                form.signed_date or "",
                form.signer_prefix or "",
            )
            reopen_form(db, form.uuid, "Menambah rincian target layanan dokter spesialis sesuai rapat TKKSD.")
            revised = forms.get(form.uuid)
            assert revised is not None
            revised.proposals[
                0
            ].benefits = f"{revised.proposals[0].benefits} Waktu tunggu rujukan turun menjadi 3 hari."
            forms.save(revised)
            sign_form(db, form.uuid, signer, today=TODAY)
        if code == "DISHUB":
            draft = forms.find(code, year)
            assert draft is not None
            draft.proposals[0].priority = "rendah"
            forms.save(draft)
        files.append(export_bundle(db, folder / f"ksd-{code}-{year}.ksd", agency_code=code, year=year).path)
        db.close()
    mine = open_database(local)
    set_role(mine, "sekretariat_tkksd")
    here = FormRepository(mine).find("DISHUB", 2025)
    assert here is not None
    here.pic_name = "Nama diubah di laptop Setda"
    FormRepository(mine).save(here)
    mine.close()
    broken = folder / "ksd-DPMD-2024.ksd"
    broken.write_bytes(b"PK\x03\x04 terpotong saat disalin")
    paths = [str(p) for p in (*files, broken)]
    previews = database_job(str(local), partial(preview, paths=paths))(lambda *a: None, lambda: False)
    dialog = ImportDialog(str(local), previews)
    dialog.show()
    dialog.tree.expandAll()
    second = dialog.tree.topLevelItem(1)
    if second is not None:
        dialog.tree.setCurrentItem(second)
    shots.take("impor-pratinjau-banyak", dialog)
    dialog.close()
    changed_key_scene(shots, local, previews, folder)


def changed_key_scene(shots: Shots, local: Path, previews: list, folder: Path) -> None:
    """The codes recorded (the import above applied), a file for DINKES from yet another laptop: shown loudly."""
    from functools import partial

    from ksd_desktop.gui.import_dialog import ImportDialog
    from ksd_desktop.gui.worker import database_job
    from ksd_desktop.services.exchange.bundle import export_bundle
    from ksd_desktop.services.exchange.importer import apply, preview

    db = open_database(local)
    apply(db, previews, backup=False)
    db.close()
    other = open_database(Path("laptop-lain.sqlite3").resolve())
    fill_demo(other, proposals=156, seed=2024, today=TODAY)
    bundle = export_bundle(other, folder / "ksd-DINKES-2024-dari-laptop-lain.ksd", agency_code="DINKES", year=2024).path
    other.close()
    again = database_job(str(local), partial(preview, paths=[str(bundle)]))(lambda *a: None, lambda: False)
    dialog = ImportDialog(str(local), again)
    dialog.show()
    dialog.tree.expandAll()
    first = dialog.tree.topLevelItem(0)
    if first is not None:
        dialog.tree.setCurrentItem(first)
    shots.take("impor-kode-perangkat-berbeda", dialog)
    dialog.close()


def backup_scenes(shots: Shots, path: Path) -> None:
    """Cadangan & Pulihkan on the secretariat's file (a backup before its import, one made by hand), and the
    offer at start-up when the data file is damaged."""
    from ksd_desktop.gui.backup_dialog import BackupDialog, offer_restore_at_start
    from ksd_desktop.services.exchange.backup import backup_before_import, make_backup
    from ksd_desktop.storage.errors import CorruptDatabaseError

    db = open_database(path)
    backup_before_import(db, ["ksd-DISDIK-2024.ksd", "ksd-DINKES-2024.ksd", "ksd-DISHUB-2025.ksd"])
    make_backup(db)
    dialog = BackupDialog(str(path), db)
    dialog.show()
    dialog.table.selectRow(0)
    shots.take("cadangan-pulihkan", dialog)
    dialog.close()
    db.close()

    def shoot(box: QMessageBox) -> int:
        box.show()
        shots.take("berkas-data-rusak", box)
        box.close()
        return 0

    original = QMessageBox.exec
    QMessageBox.exec = shoot  # type: ignore[method-assign,assignment]
    try:
        import sqlite3

        from ksd_desktop.storage.errors import translate_sqlite_error

        error = translate_sqlite_error(sqlite3.DatabaseError("database disk image is malformed"), str(path))
        assert isinstance(error, CorruptDatabaseError)
        offer_restore_at_start(None, str(path), error)
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]


def export_scope_scene(shots: Shots, demo: Path) -> None:
    """Ekspor Berkas Data asks which data: the question box is shot when it would wait for the user."""
    from ksd_desktop.gui.main_window.data_actions import export_bundle

    def shoot(box: QMessageBox) -> int:
        box.show()
        shots.take("ekspor-berkas-data", box)
        box.close()
        return 0

    original = QMessageBox.exec
    QMessageBox.exec = shoot  # type: ignore[method-assign,assignment]
    try:
        export_bundle(None, str(demo), "DINKES", "Dinas Kesehatan", 2024)
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]


def report_settings_scenes(shots: Shots, demo: Path) -> None:
    from PySide6.QtWidgets import QTabWidget

    from ksd_desktop.gui.dialogs.report_settings import ReportSettingsDialog
    from ksd_desktop.services.recap.writer import report_editing

    db = open_database(demo)
    settings, conclusions, suggestions, ranks = report_editing(db, 2024)
    db.close()
    dialog = ReportSettingsDialog(
        2024, settings, default_conclusions=conclusions, default_suggestions=suggestions, ranks=ranks
    )
    dialog.show()
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    for index, name in enumerate(("isi-laporan-umum", "isi-laporan-simpulan", "isi-laporan-penanda-tangan")):
        tabs.setCurrentIndex(index)
        shots.take(name, dialog)
    dialog.close()


def verify_and_sign_scenes(shots: Shots, demo: Path) -> None:
    """A signed form's PDF signed with a certificate file, checked against the data file; then an altered copy."""
    from ksd_desktop.gui.sign_pdf_dialog import SignPdfDialog
    from ksd_desktop.gui.verify_dialog import VerifyDialog
    from ksd_desktop.services.pdf.export import export_form_pdf
    from ksd_desktop.services.pdf.sign import sign_pdf
    from ksd_desktop.services.pdf.trust import anchors_to_setting, load_certificate_file
    from tests.services import pdf_corpus

    folder = Path("Formulir KSD").resolve()
    folder.mkdir(exist_ok=True)
    db = open_database(demo)
    form = FormRepository(db).find("DINKES", 2024)
    assert form is not None and form.signer_name
    certs = pdf_corpus.make_certificates(folder, form.signer_name)  # the certificate is the signer's own
    SettingsRepository(db).set("trust_anchors", anchors_to_setting(load_certificate_file(certs.ca_pem)))
    pdf = export_form_pdf(db, "DINKES", 2024, folder / "Formulir-Pemetaan-KSD-DINKES-2024-rev1.pdf")
    db.close()
    pdf_pages(shots, pdf)
    dialog = SignPdfDialog(None, pdf)
    dialog.p12.setText(str(certs.p12))
    dialog.passphrase.setText("********")
    dialog.show()
    shots.take("tte-sertifikat", dialog)
    dialog.close()
    signed = sign_pdf(pdf, certs.p12, pdf_corpus.PASSPHRASE, folder / "Formulir-Pemetaan-KSD-DINKES-2024-TTE.pdf").path
    verify = VerifyDialog(None, demo)
    verify.show()
    verify.verify_file(signed)
    shots.take("periksa-keaslian-pdf-cocok", verify)
    altered = folder / "Formulir-Pemetaan-KSD-DINKES-2024-diubah.pdf"

    def lower_priority(content: dict) -> None:
        content["proposals"][0]["priority"] = "rendah"

    altered.write_bytes(pdf_corpus.altered_pages(pdf.read_bytes(), lower_priority))
    verify.verify_file(altered)
    shots.take("periksa-keaslian-pdf-diubah", verify)
    verify.close()


def pdf_pages(shots: Shots, pdf: Path) -> None:
    """The exported form's first and last pages as a reader shows them (drawn by pdfium, 100 dpi)."""
    from PySide6.QtGui import QImage

    from ksd_desktop.services.guide import GuideDocument

    document = GuideDocument(pdf)  # any PDF: the guide's page renderer
    try:
        for index, name in ((0, "pdf-formulir-halaman-pertama"), (document.page_count - 1, "pdf-formulir-pengesahan")):
            pixels = document.render(index, 100 / 72)
            image = QImage(pixels.data, pixels.width, pixels.height, pixels.stride, QImage.Format.Format_RGB888)
            shots.count += 1
            image.save(str(shots.out / f"{shots.count:02d}-{name}.png"))
    finally:
        document.close()


def followup_scenes(shots: Shots) -> None:
    from ksd_desktop.gui.followup.timeline_dialog import TimelineDialog
    from ksd_desktop.gui.followup.window import FollowupWindow
    from ksd_desktop.storage.followup_repo import FollowupRepository

    path = Path("tindak-lanjut.sqlite3").resolve()
    db = open_database(path)
    fill_demo(db, proposals=156, seed=2024, today=FOLLOWUP_TODAY)
    window = FollowupWindow(db, str(path), 2024)
    window.show()
    shots.take("tindak-lanjut", window)
    window.tabs.setCurrentIndex(1)
    shots.take("register-perjanjian", window)
    window.close()
    steps = FollowupRepository(db).steps_of_year(2024)
    form = FormRepository(db).find("DPRKPLH", 2024)
    uuid = next((p.uuid for p in form.proposals if p.uuid in steps), None) if form else None
    uuid = uuid or max(steps, key=lambda u: len(steps[u]))
    timeline = TimelineDialog(db, str(path), uuid)
    timeline.show()
    shots.take("tindak-lanjut-usulan", timeline)
    timeline.close()
    db.close()


def guide_viewer_scene(shots: Shots) -> None:
    """The guide open at a section (the guide as last built: the viewer shows the shipped PDF)."""
    from ksd_desktop.gui.guide_viewer import open_guide
    from ksd_desktop.services.guide import guide_path

    try:
        guide_path()
    except Exception:  # noqa: BLE001 - no guide built yet: nothing to show
        print("  (panduan belum dibuat: gambar penampil panduan dilewati)")
        return
    viewer = open_guide("periksa-arti", None)
    if viewer is not None:
        settle()
        viewer.open_section("periksa-arti")
        shots.take("panduan", viewer)
        viewer.close()
