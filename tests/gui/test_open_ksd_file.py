"""A .ksd double-clicked in Explorer (``ksd-desktop [--db F] FILE.ksd``): the window, then the
import preview; and the start's self-test (KSD_DESKTOP_SMOKE) that freeze-check relies on.

Runs the real start in a fresh interpreter, as Explorer would; the self-test answers the
preview dialog (closing it imports nothing) and reports each step on stdout.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

import ksd_desktop.gui.main_window.data_actions as data_actions
from ksd_desktop.gui import ensure_app, ui_state
from ksd_desktop.services.exchange.bundle import export_bundle
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form
from tests.services.test_signoff import SIGNER

ROOT = Path(__file__).resolve().parents[2]


def _start(args: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, KSD_DESKTOP_SMOKE="1", QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    return subprocess.run(
        [sys.executable, "-m", "ksd_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_double_clicked_ksd_file_opens_the_window_then_its_import_preview(db, tmp_path):
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    bundle = tmp_path / "Unduhan Ñ" / "Kiriman DINKES 2024.ksd"
    bundle.parent.mkdir()
    export_bundle(db, bundle)
    receiving = tmp_path / "tkksd.sqlite3"
    open_database(receiving).close()

    done = _start(["--db", str(receiving), str(bundle)])
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    shown = next(i for i, line in enumerate(lines) if "jendela ditampilkan" in line)
    preview = next(i for i, line in enumerate(lines) if "dialog ImportDialog" in line)
    assert shown < preview  # the window first, then the preview over it
    assert "Kiriman DINKES 2024.ksd" in lines[preview] and "DINKES 2024" in lines[preview]
    assert "ikon SVG: ya" in lines[shown]
    assert any("QCollator id_ID): baik" in line for line in lines)
    assert any("tombol Qt: Batal / Ya" in line for line in lines)  # Qt's own buttons in Indonesian
    assert any("panduan pengguna:" in line and "semua bagian F1 ada" in line for line in lines)
    # closing the preview imports nothing
    check = open_database(receiving)
    try:
        assert check.execute("SELECT count(*) FROM forms").fetchone()[0] == 0
    finally:
        check.close()


def test_self_test_reports_a_file_that_cannot_be_opened(tmp_path):
    broken = tmp_path / "rusak.sqlite3"
    broken.write_bytes(b"bukan basis data SQLite" * 100)
    done = _start(["--db", str(broken)])
    assert done.returncode == 1
    assert "dialog QMessageBox" in done.stdout and "tidak dapat dibuka" in done.stdout


def test_save_dialog_path_in_windows_form_with_a_non_ascii_user(qtbot, db, db_path, tmp_path, monkeypatch):
    """Windows' own dialog answers with forward slashes and without the suffix the user left out."""
    ensure_app()
    FormRepository(db).save(make_form())
    folder = tmp_path / "Users" / "Siti Nur'aini Ñoor" / "Documents"
    folder.mkdir(parents=True)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a: (f"{folder.as_posix()}/Rekap Pemetaan 2024", "Lembar kerja Excel (*.xlsx)"),
    )
    written = data_actions.recap(None, str(db_path), 2024)
    assert written == folder / "Rekap Pemetaan 2024.xlsx" and written.stat().st_size > 1000
    assert ui_state.last_folder() == folder
