from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

import ksd_desktop.gui.main_window.data_actions as data_actions
from ksd_desktop.gui import ensure_app
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form


def test_recap_runs_in_the_background_and_writes_the_file(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    ensure_app()
    FormRepository(db).save(make_form())
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "rekap"), "Lembar kerja Excel (*.xlsx)")
    )
    written = data_actions.recap(None, str(db_path), 2024)
    assert written == tmp_path / "rekap.xlsx" and written.stat().st_size > 1000
    assert any("Rekap pemetaan tahun 2024 disimpan" in text for _, text in message_boxes)


def test_recap_cancelled_leaves_no_file(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    ensure_app()
    FormRepository(db).save(make_form())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "rekap.pdf"), ""))
    monkeypatch.setattr(data_actions, "edit_report_settings", lambda parent, path, year: True)
    monkeypatch.setattr(
        data_actions, "run_with_progress", lambda parent, title, label, job: job(lambda *a: None, lambda: True)
    )
    assert data_actions.recap(None, str(db_path), 2024) is None
    assert not (tmp_path / "rekap.pdf").exists()
    assert any(kind == "information" and "dibatalkan" in text for kind, text in message_boxes)


def test_backup_now_copies_the_live_file(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    from ksd_desktop.storage.database import open_database

    ensure_app()
    FormRepository(db).save(make_form())
    target = tmp_path / "flashdisk" / "cadangan.sqlite3"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    assert data_actions.backup_now(None, db, str(db_path)) == target
    copy = open_database(target, create=False)
    assert FormRepository(copy).find("DINKES", 2024) is not None
    copy.close()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(db_path), ""))
    assert data_actions.backup_now(None, db, str(db_path)) is None  # never over the data file itself


def test_export_bundle_asks_scope_and_writes(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    from PySide6.QtWidgets import QMessageBox

    ensure_app()
    FormRepository(db).save(make_form())

    def choose_first(box):
        box._clicked = box.buttons()[0]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_first)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box._clicked)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "kirim"), ""))
    written = data_actions.export_bundle(None, str(db_path), "DINKES", "Dinas Kesehatan", 2024)
    assert written == tmp_path / "kirim.ksd" and written.stat().st_size > 0
    from ksd_desktop.services.exchange.keys import own_device_code

    [confirmation] = [text for kind, text in message_boxes if text.startswith("Berkas data dibuat")]
    assert f"Berkas ditandatangani dengan kode perangkat {own_device_code(db)} (Perangkat Daerah)" in confirmation


def test_report_settings_dialog_fits_and_returns_what_was_typed(qtbot, tmp_path):
    from ksd_desktop.domain.report import ReportSettings
    from ksd_desktop.gui.dialogs.report_settings import ReportSettingsDialog

    ensure_app()
    dialog = ReportSettingsDialog(
        2024,
        ReportSettings(sosialisasi="20 Februari 2024"),
        default_conclusions=["Sebanyak 27 dari 27 perangkat daerah …"],
        default_suggestions=["Menyusun SOP."],
        ranks=["Pembina (IV/a)"],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 728
    dialog.nomor.setText("000.1/45/Pem")
    dialog.with_mengetahui.setChecked(True)
    dialog.mengetahui_fields["prefix"].setCurrentIndex(dialog.mengetahui_fields["prefix"].findData("Pj."))
    dialog.mengetahui_fields["name"].setText("Drs. H. M. Hilman, M.Si.")
    dialog.grab().save(str(tmp_path / "isi-laporan.png"))
    settings = dialog.settings()
    assert (settings.nomor, settings.sosialisasi, settings.with_mengetahui) == (
        "000.1/45/Pem",
        "20 Februari 2024",
        True,
    )
    assert (settings.mengetahui.prefix, settings.mengetahui.name) == ("Pj.", "Drs. H. M. Hilman, M.Si.")
    assert settings.signer.position == "Kepala Bagian Tata Pemerintahan" and settings.simpulan == ""
    assert "Sebanyak 27" in dialog.simpulan.placeholderText()
