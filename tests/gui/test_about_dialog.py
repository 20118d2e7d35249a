"""Tentang KSD Desktop: version and build, kode perangkat (or "belum tersedia"), paths, info for IT."""

from __future__ import annotations

import json
import sys

import pytest
from PySide6.QtWidgets import QApplication

import ksd_desktop
from ksd_desktop.gui.about_dialog import AboutDialog
from ksd_desktop.services import diagnostics
from ksd_desktop.services.demo import fill_demo
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def _fresh_build_info():
    diagnostics.build_info.cache_clear()
    yield
    diagnostics.build_info.cache_clear()


def test_about_shows_version_paths_and_copies_a_summary_for_it(qtbot, db, db_path):
    fill_demo(db, proposals=40, seed=2024, today=TODAY)
    dialog = AboutDialog(db, str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert f"Versi {ksd_desktop.__version__}" in dialog.version_label.text()
    assert str(db_path) in dialog.path_label.text()
    from ksd_desktop.services.exchange.devices import own_device

    own = own_device(db)
    assert dialog.device_label.text() == f"{own.device_code} ({own.role_label})"
    dialog.copy_button.click()
    text = QApplication.clipboard().text()
    assert text.splitlines()[1:] == dialog.support_info().splitlines()[1:]  # the first line has the time
    for expected in (
        f"Versi {ksd_desktop.__version__}",
        f"Kode perangkat: {own.device_code}",
        "kode perangkat pengirim yang tercatat: 0",
        "Python: ",
        "Qt (saat berjalan): ",
        "PySide6: ",
        "reportlab: ",
        "pypdf: ",
        "pyHanko: ",
        "SQLite: ",
        f"Berkas data: {db_path}",
        "Folder cadangan: ",
        "Versi skema: ",
        "forms: 27",
        "proposals: 40",
        "Sistem operasi: ",
    ):
        assert expected in text, expected
    assert "tidak diketahui" not in text.split("Versi pustaka:")[1].split("Lokasi:")[0]
    assert "Info disalin" in dialog.copied.text()
    assert dialog.width() <= 1366 and dialog.height() <= 728  # the office laptop's screen


def test_about_while_the_data_file_is_still_opening(qtbot, db_path):
    dialog = AboutDialog(None, str(db_path))
    qtbot.addWidget(dialog)
    assert dialog.device_label.text() == "belum tersedia"
    assert "berkas data belum terbuka" in dialog.support_info()


def test_a_key_that_cannot_be_read_says_belum_tersedia(qtbot, db, db_path, monkeypatch):
    from ksd_desktop.storage.errors import StorageError

    def unreadable(database):
        raise StorageError("Kunci perangkat tidak dapat dibaca.")

    monkeypatch.setattr("ksd_desktop.services.exchange.devices.own_device", unreadable)
    dialog = AboutDialog(db, str(db_path))
    qtbot.addWidget(dialog)
    assert dialog.device_label.text() == "belum tersedia"
    assert "Kode perangkat: belum tersedia" in dialog.support_info()


def test_a_frozen_build_reports_its_build_date_commit_and_libraries(tmp_path, monkeypatch):
    resources = tmp_path / "resources"
    (resources / "reference").mkdir(parents=True)
    (resources / diagnostics.BUILD_INFO_FILE).write_text(
        json.dumps(
            {
                "version": "0.2.0",
                "built": "2026-12-02T05:31:35+00:00",
                "commit": "1a2b3c4",
                "libraries": {"reportlab": "5.1.0"},
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(diagnostics, "resource_dir", lambda: resources)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    info = diagnostics.build_info()
    assert info.describe() == "Versi 0.2.0, dibangun 2 Desember 2026 (commit 1a2b3c4)"
    monkeypatch.setattr(diagnostics.importlib.metadata, "version", _no_metadata)  # as in a frozen app
    assert diagnostics.library_versions(info)["reportlab"] == "5.1.0"
    assert diagnostics.library_versions(info)["pypdf"] == "tidak diketahui"


def _no_metadata(name):
    raise diagnostics.importlib.metadata.PackageNotFoundError(name)
