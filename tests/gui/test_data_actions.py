from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

import ksd_desktop.gui.data_actions as data_actions
from ksd_desktop.gui import ensure_app
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form


def test_recap_runs_in_the_background_and_writes_the_file(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    ensure_app()
    FormRepository(db).save(make_form())
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "rekap"), "Lembar kerja Excel (*.xlsx)"))
    written = data_actions.recap(None, str(db_path), 2024)
    assert written == tmp_path / "rekap.xlsx" and written.stat().st_size > 1000
    assert any("Rekap pemetaan tahun 2024 disimpan" in text for _, text in message_boxes)


def test_recap_cancelled_leaves_no_file(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    ensure_app()
    FormRepository(db).save(make_form())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "rekap.pdf"), ""))
    monkeypatch.setattr(data_actions, "run_with_progress",
                        lambda parent, title, label, job: job(lambda *a: None, lambda: True))
    assert data_actions.recap(None, str(db_path), 2024) is None
    assert not (tmp_path / "rekap.pdf").exists()
    assert any(kind == "information" and "dibatalkan" in text for kind, text in message_boxes)
