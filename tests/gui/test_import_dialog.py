"""Import through the GUI: preview, conflict side by side, decisions, apply, undo."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QMessageBox

import ksd_desktop.gui.import_dialog as import_module
import ksd_desktop.gui.main_window.data_actions as data_actions
from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.import_dialog import ImportDialog
from ksd_desktop.gui.worker import database_job
from ksd_desktop.services.exchange.bundle import export_bundle
from ksd_desktop.services.exchange.importer import preview
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form, make_proposal


def previews(db_path, paths):
    job = database_job(str(db_path), partial(preview, paths=[str(p) for p in paths]))
    return job(lambda *a: None, lambda: False)


def agency_bundle(tmp_path, name="kiriman", **form_values):
    source = open_database(tmp_path / f"{name}.sqlite3")
    form = make_form(proposals=[make_proposal(1), make_proposal(2, object="Objek kedua")], **form_values)
    FormRepository(source).save(form)
    out = tmp_path / f"{name}.ksd"
    export_bundle(source, out)
    source.close()
    return form, out


def test_preview_then_apply_imports_the_forms(qtbot, db, db_path, tmp_path):
    ensure_app()
    form, bundle = agency_bundle(tmp_path)
    broken = tmp_path / "rusak.ksd"
    broken.write_bytes(b"PK\x03\x04 bukan zip")
    dialog = ImportDialog(str(db_path), previews(db_path, [bundle, broken]))
    qtbot.addWidget(dialog)
    assert "1 berkas ditolak" in dialog.intro.text() and "2 formulir" not in dialog.intro.text()
    assert dialog.tree.topLevelItem(1).text(1) == "Ditolak" and "rusak.ksd" in dialog.tree.topLevelItem(1).text(2)
    assert dialog.tree.topLevelItem(0).text(1) == "Dapat diimpor"
    assert FormRepository(db).get(form.uuid) is None  # nothing written by the preview
    dialog.apply()
    assert FormRepository(db).get(form.uuid) is not None
    assert "✔ kiriman.ksd" in dialog.outcome.text() and "Cadangan sebelum impor" in dialog.outcome.text()
    assert not dialog.apply_button.isEnabled()


def test_conflict_is_shown_side_by_side_and_decided_by_the_user(qtbot, db, db_path, tmp_path):
    ensure_app()
    form, bundle = agency_bundle(tmp_path)
    local = FormRepository(db)
    local.save(form)
    mine = local.get(form.uuid)
    mine.pic_name = "Nama diubah di laptop Setda"
    local.save(mine)
    source = open_database(tmp_path / "kiriman.sqlite3")
    theirs = FormRepository(source).get(form.uuid)
    theirs.proposals[0].object = "Objek versi perangkat daerah"
    FormRepository(source).save(theirs)
    export_bundle(source, bundle)
    source.close()
    dialog = ImportDialog(str(db_path), previews(db_path, [bundle]))
    qtbot.addWidget(dialog)
    conflict = dialog.tree.topLevelItem(0).child(1)  # child 0: the sender and its kode perangkat
    assert "konflik" in conflict.text(1).lower()
    dialog.tree.setCurrentItem(conflict)
    assert dialog.conflict_box.isVisibleTo(dialog)
    cells = {
        (dialog.diff.item(r, 1).text(), dialog.diff.item(r, 2).text(), dialog.diff.item(r, 3).text())
        for r in range(dialog.diff.rowCount())
    }
    assert any(
        local == "Pendayagunaan dokter spesialis" and incoming == "Objek versi perangkat daerah"
        for _, local, incoming in cells
    )
    assert dialog.keep.isChecked() or dialog.take.isChecked()
    dialog.keep.setChecked(True)
    dialog.apply()
    kept = local.get(form.uuid)
    assert (
        kept.pic_name == "Nama diubah di laptop Setda" and kept.proposals[0].object == "Pendayagunaan dokter spesialis"
    )


def test_undo_last_import_from_the_gui(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    ensure_app()
    form, bundle = agency_bundle(tmp_path)
    dialog = ImportDialog(str(db_path), previews(db_path, [bundle]))
    qtbot.addWidget(dialog)
    dialog.apply()
    assert FormRepository(db).get(form.uuid) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert data_actions.undo_last_import(None, db, str(db_path))
    assert FormRepository(db).get(form.uuid) is None


def test_import_files_runs_preview_in_the_background(qtbot, db, db_path, tmp_path, monkeypatch):
    ensure_app()
    form, bundle = agency_bundle(tmp_path)
    shown = []

    def fake_exec(dialog):
        shown.append(dialog)
        qtbot.addWidget(dialog)
        dialog.apply()
        return 0

    monkeypatch.setattr(import_module.ImportDialog, "exec", fake_exec)
    assert data_actions.choose_and_import(None, str(db_path), [str(bundle)])
    assert shown and FormRepository(db).get(form.uuid) is not None


def test_new_known_and_changed_kode_perangkat(qtbot, db, db_path, tmp_path):
    from ksd_desktop.services.exchange.keys import own_device_code

    ensure_app()
    form, bundle = agency_bundle(tmp_path)
    dialog = ImportDialog(str(db_path), previews(db_path, [bundle]))
    qtbot.addWidget(dialog)
    sender_line = dialog.tree.topLevelItem(0).child(0)
    source = open_database(tmp_path / "kiriman.sqlite3")
    code = own_device_code(source)
    source.close()
    # a new key: selected at once, recorded unless the user says otherwise
    assert dialog.tree.currentItem() is sender_line and dialog.sender_panel.isVisibleTo(dialog)
    assert dialog.sender_panel.code.text() == code and sender_line.text(1) == "baru: catat?"
    assert (
        dialog.sender_panel.record.isChecked()
        and f"Catat kode perangkat {code} untuk DINKES" in dialog.sender_panel.record.text()
    )
    assert "1 kode perangkat akan dicatat" in dialog.intro.text()
    dialog.sender_panel.skip.click()
    assert dialog.previews[0].sender.decision.value == "skip" and dialog.tree.topLevelItem(0).text(1) == "Tidak diimpor"
    assert not dialog.apply_button.isEnabled()
    dialog.sender_panel.record.click()
    dialog.apply()
    assert FormRepository(db).get(form.uuid) is not None
    assert "1 formulir ditambahkan atau diperbarui; kode perangkat dicatat untuk DINKES" in dialog.outcome.text()
    # known now
    again = ImportDialog(str(db_path), previews(db_path, [bundle]))
    qtbot.addWidget(again)
    assert again.tree.topLevelItem(0).child(0).text(1) == "tercatat"
    again.tree.setCurrentItem(again.tree.topLevelItem(0))
    assert (
        not again.sender_panel.record.isVisibleTo(again)
        and "sesuai dengan yang tercatat" in again.sender_panel.note.text()
    )
    # a bundle of the same form from another laptop: loud, and nothing ticked
    other = open_database(tmp_path / "laptop-lain.sqlite3")
    FormRepository(other).save(make_form(year=2023))
    export_bundle(other, tmp_path / "lain.ksd")
    other.close()
    changed = ImportDialog(str(db_path), previews(db_path, [tmp_path / "lain.ksd"]))
    qtbot.addWidget(changed)
    panel = changed.sender_panel
    assert "KODE PERANGKAT BERBEDA DARI YANG TERCATAT" in panel.note.text() and f"DINKES: {code}" in panel.note.text()
    assert not panel.record.isChecked() and not panel.skip.isChecked()
    assert changed.tree.topLevelItem(0).text(1) == "Perlu keputusan"
    assert "1 berkas dengan kode perangkat yang perlu Anda putuskan" in changed.intro.text()
    changed.apply()
    assert "belum diputuskan" in changed.outcome.text()
    assert FormRepository(db).find("DINKES", 2023) is None
