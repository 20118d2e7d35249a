"""*Cadangan & Pulihkan*, the damaged-file offer at start-up, "menunggu…", and autosave retries."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.backup_dialog import BackupDialog, offer_restore_at_start
from ksd_desktop.services.exchange.backup import Reason, list_backups, make_backup
from ksd_desktop.storage import database as database_module
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.errors import CorruptDatabaseError
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form
from tests.services.test_backup import close_and_checkpoint, damage


def _yes(monkeypatch, shown):
    def answer(parent, title, text, *args, **kwargs):
        shown.append(("question", f"{title}: {text}"))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)


def test_dialog_lists_backups_with_indonesian_time_reason_and_counts(qtbot, db, db_path):
    ensure_app()
    make_backup(db)
    FormRepository(db).save(make_form())
    make_backup(db)
    dialog = BackupDialog(str(db_path), db)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Waktu", "Alasan", "Formulir", "Usulan", "Tanda tangan", "Ukuran", "Keterangan"]
    when = table.item(0, 0).text()
    assert (
        " pukul " in when
        and any(month in when for month in ("Januari", "Agustus", "Desember", "Juni"))
        or " pukul " in when
    )
    assert table.item(0, 1).text() == "Cadangan manual"
    assert [table.item(r, 2).text() for r in range(2)] == ["1", "0"] and table.item(0, 3).text() == "1"
    assert "cadangan" in dialog.intro.text() and "2 cadangan" in dialog.intro.text()
    assert dialog.restore_button.isEnabled()


def test_restoring_a_backup_backs_up_the_current_state_first(qtbot, db, db_path, monkeypatch, message_boxes):
    ensure_app()
    make_backup(db)  # empty
    FormRepository(db).save(make_form())
    dialog = BackupDialog(str(db_path), db)
    qtbot.addWidget(dialog)
    restored = []
    dialog.restored.connect(lambda: restored.append(True))
    _yes(monkeypatch, message_boxes)
    dialog.table.selectRow(0)
    assert dialog.restore_selected()
    assert restored and FormRepository(db).find("DINKES", 2024) is None  # the window's connection sees it
    reasons = [b.reason for b in list_backups(db_path)]
    assert reasons == [Reason.RESTORE, Reason.MANUAL] and dialog.table.rowCount() == 2
    assert list_backups(db_path)[0].counts["forms"] == 1
    assert any("Keadaan saat ini dicadangkan lebih dahulu" in text for _, text in message_boxes)


def test_policy_is_stored_and_applied(qtbot, db, db_path, message_boxes):
    ensure_app()
    for _ in range(3):
        make_backup(db)
    dialog = BackupDialog(str(db_path), db)
    qtbot.addWidget(dialog)
    assert (dialog.keep_last.value(), dialog.keep_days.value(), dialog.max_mb.value()) == (10, 7, 500)
    dialog.keep_last.setValue(1)
    dialog.keep_days.setValue(0)
    dialog.save_policy()
    assert dialog.table.rowCount() == 1 and len(list_backups(db_path)) == 1
    from ksd_desktop.storage.repositories import SettingsRepository

    assert SettingsRepository(db).get("backup_keep_last") == 1


def test_dialog_fits_the_office_laptop_screen(qtbot, db, db_path, tmp_path):
    ensure_app()
    FormRepository(db).save(make_form())
    make_backup(db)
    dialog = BackupDialog(str(db_path), db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 728
    assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 728
    assert not dialog.grab().isNull()


def test_a_damaged_file_at_start_offers_the_newest_valid_backup(qtbot, tmp_path, monkeypatch, message_boxes):
    ensure_app()
    path = tmp_path / "ksd.sqlite3"
    db = open_database(path)
    FormRepository(db).save(make_form())
    make_backup(db)
    close_and_checkpoint(db)
    damage(path)
    try:
        open_database(path)
    except CorruptDatabaseError as exc:
        error = exc
    texts = []

    def choose_newest(box):
        texts.append(box.text() + box.informativeText())
        box._clicked = box.buttons()[0]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_newest)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box._clicked)
    assert offer_restore_at_start(None, str(path), error)
    assert "rusak" in texts[0] and "Cadangan sah terbaru" in texts[0] and "aman" not in texts[0]
    db = open_database(path)
    try:
        assert FormRepository(db).find("DINKES", 2024) is not None
    finally:
        db.close()


def test_a_write_waiting_for_another_program_says_so(qtbot, db, db_path, monkeypatch):
    from ksd_desktop.gui import lock_wait

    ensure_app()
    notice = lock_wait.install()
    monkeypatch.setattr(lock_wait, "SHOW_AFTER", 0.2)
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 600)
    other = sqlite3.connect(str(db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    seen = []
    database_module.add_lock_wait_hook(lambda s: seen.append(notice.dialog is not None and notice.dialog.isVisible()))
    try:
        from ksd_desktop.storage.errors import DatabaseLockedError

        try:
            FormRepository(db).save(make_form())
        except DatabaseLockedError as exc:
            assert "sedang dipakai program lain" in str(exc)
    finally:
        other.execute("ROLLBACK")
        other.close()
        database_module._wait_hooks[:] = [h for h in database_module._wait_hooks if h == notice.waiting]
    assert any(seen)
    assert "Menunggu berkas data" in notice.dialog.labelText() and not notice.dialog.isVisible()


def test_autosave_retries_quietly_while_the_file_is_locked(qtbot, db, db_path, monkeypatch):
    from tests.gui.wizard_helpers import fill_pic, new_form_wizard

    ensure_app()
    wizard = new_form_wizard(qtbot, db)
    fill_pic(qtbot, wizard)
    saver = wizard.autosave
    warned = []
    monkeypatch.setattr(wizard, "autosave_failed", lambda message: warned.append(message))
    monkeypatch.setattr(saver, "WAIT_MS", 20)
    other = sqlite3.connect(str(db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        for _ in range(saver.QUIET_FAILURES - 1):
            saver.save_now()
        assert warned == [] and saver.retry.isActive() and saver.failures == saver.QUIET_FAILURES - 1
        saver.save_now()
        assert len(warned) == 1 and "sedang dipakai program lain" in warned[0]
    finally:
        other.execute("ROLLBACK")
        other.close()
    saver.save_now()  # the lock is gone: saved, input intact
    assert saver.failures == 0 and saver.saves >= 1
    assert wizard.current_form().pic_name


def test_a_read_only_data_file_disables_every_action_that_writes():
    from ksd_desktop.gui.main_window.state import WRITING, Action, WindowState, enablement

    enabled = enablement(WindowState(read_only="Berkas data dibuat oleh versi yang lebih baru."))
    assert not any(enabled[action] for action in WRITING)
    assert enabled[Action.BACKUP] and enabled[Action.EXPORT_BUNDLE] and enabled[Action.RECAP]
    assert all(
        enablement(WindowState())[action]
        for action in WRITING - {Action.OPEN_MAPPING, Action.SIGN_OFF, Action.REOPEN, Action.ASSESS}
    )
