"""The follow-up screens on a real SQLite file: the one view, a proposal's timeline, the dialogs,
and the main window's badge and filter."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog

from ksd_desktop.gui import ensure_app, open_main_window
from ksd_desktop.gui.followup import agreement_dialog, step_dialog, timeline_dialog
from ksd_desktop.gui.followup import window as followup_window
from ksd_desktop.gui.followup.xlsx_import import ImportPreviewDialog, import_register
from ksd_desktop.services.followup.procedures import procedure
from ksd_desktop.services.followup.steps import timeline
from ksd_desktop.storage.followup_repo import FollowupRepository
from tests.services.followup_data import TODAY, build_year


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    ensure_app()
    QSettings().clear()
    for cls in (followup_window.FollowupWindow, timeline_dialog.TimelineDialog, step_dialog.StepDialog):
        monkeypatch.setattr(cls, "today", lambda self: TODAY)
    yield
    QSettings().clear()


@pytest.fixture
def year(db):
    return build_year(db)


def test_one_view_of_every_proposal_and_the_register(qtbot, db, db_path, year):
    view = followup_window.FollowupWindow(db, str(db_path), 2024)
    qtbot.addWidget(view)
    assert view.overview_proxy.rowCount() == 5
    view.overview_state.setCurrentIndex(view.overview_state.findData("stale"))
    stale = {view.overview_proxy.index(r, 3).data() for r in range(view.overview_proxy.rowCount())}
    assert stale == {"Penanganan banjir Sungai Martapura", "Pendayagunaan dokter spesialis"}
    view.overview_state.setCurrentIndex(view.overview_state.findData("pks"))
    assert view.overview_proxy.rowCount() == 1
    view.overview_state.setCurrentIndex(0)
    view.search.setText("banjarbakula")
    assert view.overview_proxy.rowCount() == 1
    assert "tanpa langkah ≥ 6 bulan" in view.overview_summary.text()
    assert view.register_proxy.rowCount() == 3
    view.register_state.setCurrentIndex(view.register_state.findData("12"))
    assert [view.register_proxy.index(r, 1).data() for r in range(view.register_proxy.rowCount())] == ["12/MOU/2020"]
    assert view.width() <= 1366 and view.height() <= 728


def test_record_a_pks_from_the_timeline_refused_then_accepted(qtbot, db, db_path, year):
    uuid = year["Pendayagunaan dokter spesialis"]
    dialog = timeline_dialog.TimelineDialog(db, str(db_path), uuid)
    qtbot.addWidget(dialog)
    assert dialog.steps.rowCount() == 2 and dialog.draft_actions["studi_kelayakan"].isEnabled()  # KSDPK
    step = step_dialog.StepDialog(
        db, timeline(db, uuid), procedure("KSDPK"), dialog, region_government="Pemerintah Kabupaten Banjar"
    )
    qtbot.addWidget(step)
    step.step.setCurrentIndex(step.step.findData("pks"))
    step.date.setDate(QDate(2025, 3, 1))
    step.document_number.setText("445/9/PKS/2025")
    step.term_years.setValue(25)
    assert "2050" in step.computed_end.text()  # 25 years, never capped
    step.accept()
    assert step.result() != QDialog.DialogCode.Accepted
    assert "memerlukan langkah «Penandatanganan Kesepakatan Bersama (KSB)»" in step.message.text()
    step.exception_reason.setPlainText("KSB dan PKS dijadikan satu naskah atas saran Bagian Hukum")
    step.accept()
    assert step.result() == QDialog.DialogCode.Accepted
    dialog.reload()
    assert [s.step for s in dialog.line.steps][-1] == "pks"
    pks = dialog.line.agreements[0]
    assert pks.expiry() == dt.date(2050, 2, 28) and pks.parties[0] == "Pemerintah Kabupaten Banjar"


def test_draft_from_the_timeline(qtbot, db, db_path, year, tmp_path, monkeypatch, message_boxes):
    dialog = timeline_dialog.TimelineDialog(db, str(db_path), year["Pendayagunaan dokter spesialis"])
    qtbot.addWidget(dialog)
    target = tmp_path / "kak"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    written = dialog.make_draft("kak")
    assert written == tmp_path / "kak.docx" and written.stat().st_size > 5000
    assert any("Draf Kerangka Acuan Kerja disimpan" in text for _, text in message_boxes)


def test_agreement_dialog_saves_and_refuses(qtbot, db, year):
    dialog = agreement_dialog.AgreementDialog(db, year=2024)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "Nomor dokumen wajib diisi" in dialog.message.text()
    dialog.number.setText("9/NK/2024")
    dialog.doc_type.setCurrentIndex(dialog.doc_type.findData("NK"))
    dialog.title.setText("Nota Kesepakatan penanganan banjir")
    dialog.parties.setPlainText("Pemerintah Kabupaten Banjar\nKementerian PUPR")
    dialog.date_signed.setDate(QDate(2024, 11, 5))
    dialog.written_end.setChecked(True)
    dialog.expires_on.setDate(QDate(2029, 11, 4))
    dialog._add_link(None, year["Penanganan banjir Sungai Martapura"])
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = FollowupRepository(db).find_agreement("NK", "9/NK/2024")
    assert saved.proposal_uuids == [year["Penanganan banjir Sungai Martapura"]]
    assert saved.expiry() == dt.date(2029, 11, 4)


def test_import_register_with_preview(qtbot, db, db_path, year, tmp_path, monkeypatch, message_boxes):
    book = Workbook()
    book.active.append(["Jenis", "Nomor", "Judul", "Para Pihak", "Tanggal Ditandatangani", "Jangka Waktu"])
    book.active.append(["PKS", "1/PKS/2023", "Air minum", "Pemkab Banjar; PDAM", "01/02/2023", "3 tahun"])
    book.active.append(["PKS", "2/PKS/2023", "Rusak", "Pemkab Banjar; PDAM", "31/02/2023", "3 tahun"])
    path = tmp_path / "dinas.xlsx"
    book.save(path)
    shown = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Accepted)
    assert import_register(None, db, str(db_path), str(path))
    assert "Baris 3, kolom E" in shown[0].findChild(object, "import_problems").toPlainText()
    assert FollowupRepository(db).find_agreement("PKS", "1/PKS/2023") is not None


def test_main_window_badge_menu_and_filter(qtbot, db, db_path, year, monkeypatch):
    from ksd_desktop.gui.followup.hook import FollowupHook

    monkeypatch.setattr(FollowupHook, "today", lambda self: TODAY)
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    badge = window.followup.badge
    assert (
        badge.isVisible()
        and "1 perjanjian segera berakhir" in badge.text()
        and "2 usulan tanpa langkah" in badge.text()
    )
    assert window.findChild(object, "action_followup") in window.proposals_view.actions()
    before = window.proposal_model.rowCount()
    window.followup.filter_item.setChecked(True)
    assert window.proposal_model.rowCount() == 2 < before and "Disaring" in badge.text()
    window.act["action_reset_filters"].trigger()
    assert window.proposal_model.rowCount() == before
    window.db.close()
