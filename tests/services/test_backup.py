"""Backups: taken before every import (holding the write lock), written safely, checked,
pruned; "Batalkan impor terakhir" restoring the newest valid one; any backup restorable."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import sqlite3

import pytest

from ksd_desktop.services.exchange.backup import (
    Reason,
    backup_dir,
    import_backups,
    last_import_backup,
    list_backups,
    make_backup,
    newest_valid_backup,
    plan_undo,
    restore_backup,
    restore_damaged,
    undo_copies,
    undo_last_import,
)
from ksd_desktop.services.exchange.bundle import export_bundle
from ksd_desktop.services.exchange.importer import apply, preview
from ksd_desktop.services.integrity import check_database
from ksd_desktop.storage import database as database_module
from ksd_desktop.storage.backups import RetentionPolicy, apply_retention, note_path, open_backup
from ksd_desktop.storage.bundle_store import database_file
from ksd_desktop.storage.database import connect, open_database
from ksd_desktop.storage.errors import CorruptDatabaseError, DatabaseLockedError, StorageError
from ksd_desktop.storage.repositories import FormRepository
from tests.services.test_bundle import add_form, import_files, state, target  # noqa: F401

TABLES = ("forms", "proposals", "partners", "signed_snapshots", "audit_log", "settings", "agencies")


def everything(db) -> dict:
    """Every row of the tables an import or an undo could touch."""
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


def damage(path) -> None:
    """Overwrite every page but the first with garbage: SQLite reports the file as malformed."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for offset in range(page, len(data), page):
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def close_and_checkpoint(db) -> None:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


@pytest.fixture
def bundles(db, tmp_path):
    add_form(db, sign=True)
    first = export_bundle(db, tmp_path / "dinkes.ksd").path
    add_form(db, agency_code="DISDIK")
    second = export_bundle(db, tmp_path / "disdik.ksd", agency_code="DISDIK").path
    return first, second


def target_path(target):
    return database_file(target)


def test_backup_is_taken_before_apply_checked_compressed_with_a_note(target, bundles):
    path = target_path(target)
    add_form(target, agency_code="DPMD")
    before = everything(target)
    _, result = import_files(target, bundles[0])
    assert result.backup.parent == path.parent / "cadangan" == backup_dir(path)
    assert result.backup.name.startswith("ksd.sebelum-impor-") and result.backup.name.endswith(".sqlite3.gz")
    assert sorted(p.name for p in backup_dir(path).iterdir()) == [result.backup.name, result.backup.name + ".json"]
    note = json.loads(note_path(result.backup).read_text(encoding="utf-8"))
    assert note["files"] == ["dinkes.ksd"] and note["database"] == "ksd.sqlite3" and note["reason"] == "sebelum-impor"
    assert note["counts"] == {"forms": 1, "proposals": 2, "partners": 3, "signed_snapshots": 0}
    info = last_import_backup(path)
    assert info.path == result.backup and info.files == ("dinkes.ksd",) and "dinkes.ksd" in info.describe()
    assert info.size < info.data_size  # compressed
    with open_backup(info) as opened:
        copy = connect(opened.path, read_only=True)
        try:
            assert everything(copy) == before
            assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        finally:
            copy.close()
    assert [b.path for b in import_backups(path)] == [result.backup]
    assert not list(backup_dir(path).glob(".*"))  # no temporary file left


def test_undo_restores_exactly_the_state_before_the_import(target, bundles):
    path = target_path(target)
    add_form(target, agency_code="DPMD")
    before = everything(target)
    _, result = import_files(target, bundles[0])
    assert everything(target) != before
    restored = undo_last_import(path, live=target)
    assert everything(target) == before
    assert restored.path == result.backup and result.backup.exists()
    assert json.loads(note_path(result.backup).read_text(encoding="utf-8"))["restored_at"]
    assert last_import_backup(path) is None
    assert len(undo_copies(path)) == 1
    assert target.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert check_database(path).sound
    with pytest.raises(StorageError, match="Belum ada impor yang dapat dibatalkan"):
        undo_last_import(path, live=target)


def test_undo_goes_back_one_import_at_a_time(target, bundles):
    path = target_path(target)
    empty = everything(target)
    import_files(target, bundles[0])
    after_first = everything(target)
    import_files(target, bundles[1])
    assert len(import_backups(path)) == 2
    undo_last_import(path, live=target)
    assert everything(target) == after_first
    undo_last_import(path, live=target)
    assert everything(target) == empty


def test_undo_uses_the_newest_valid_backup_and_says_which(target, bundles):
    """A damaged newest backup (here: truncated) is passed over, named, and the one before restored."""
    path = target_path(target)
    empty = everything(target)
    import_files(target, bundles[0])
    _, second = import_files(target, bundles[1])
    second.backup.write_bytes(second.backup.read_bytes()[:200])
    plan = plan_undo(path)
    assert plan.backup.files == ("dinkes.ksd",) and [b.path for b, _ in plan.skipped] == [second.backup]
    assert "disdik.ksd" in plan.describe_skipped() and "dilewati" in plan.describe_skipped()
    restored = undo_last_import(path, live=target, plan=plan)
    assert restored.files == ("dinkes.ksd",) and everything(target) == empty


def test_undo_is_safe_while_the_app_holds_a_connection(target, bundles):
    """A separate connection restores; the app's open connection then reads the restored data."""
    path = target_path(target)
    before = everything(target)
    import_files(target, bundles[0])
    FormRepository(target).get(FormRepository(target).find("DINKES", 2024).uuid)  # the app is reading
    undo_last_import(path)  # its own connection, as the CLI does
    assert everything(target) == before
    assert FormRepository(target).find("DINKES", 2024) is None
    add_form(target, agency_code="DISDIK")  # and keeps working on the same connection
    assert FormRepository(target).find("DISDIK", 2024) is not None


def test_undo_refuses_in_a_transaction_or_from_a_damaged_backup(target, bundles):
    path = target_path(target)
    _, result = import_files(target, bundles[0])
    after = everything(target)
    target.conn.execute("BEGIN")
    with pytest.raises(StorageError, match="sedang menulis"):
        undo_last_import(path, live=target)
    target.conn.execute("ROLLBACK")
    with gzip.open(result.backup, "wb") as out:  # a complete gzip holding no SQLite database
        out.write(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(StorageError, match="tidak dapat dibatalkan: cadangan impor .* dilewati"):
        undo_last_import(path, live=target)
    assert everything(target) == after and result.backup.exists()


def test_nothing_written_means_no_backup(target, bundles):
    import_files(target, bundles[0])
    _, again = import_files(target, bundles[0])
    assert again.backup is None and len(import_backups(target_path(target))) == 1


def test_an_import_refused_for_a_lock_leaves_no_backup(target, bundles, monkeypatch):
    """Another program holds the write lock past the wait: nothing written, no backup, no temporary file."""
    path = target_path(target)
    previews = preview(target, [bundles[0]])
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 300)
    try:
        with pytest.raises(DatabaseLockedError, match="sedang dipakai program lain"):
            apply(target, previews)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not backup_dir(path).exists() or list(backup_dir(path).iterdir()) == []
    assert FormRepository(target).find("DINKES", 2024) is None


def test_an_import_whose_files_all_fail_keeps_no_backup(target, bundles):
    path = target_path(target)
    previews = preview(target, [bundles[0]])
    target.execute("CREATE TRIGGER refuse_forms BEFORE INSERT ON forms BEGIN SELECT RAISE(ABORT, 'ditolak uji'); END")
    result = apply(target, previews)
    assert not result.ok and result.backup is None
    assert list(backup_dir(path).glob("*.gz")) == []


def test_a_reader_in_the_middle_of_a_transaction_sees_all_or_nothing(target, bundles):
    """While the app is inside a read transaction, it keeps the imported state; after it, the restored one."""
    path = target_path(target)
    import_files(target, bundles[0])
    target.conn.execute("BEGIN")
    assert target.execute("SELECT count(*) FROM forms").fetchone()[0] == 1
    undo_last_import(path)
    assert target.execute("SELECT count(*) FROM forms").fetchone()[0] == 1  # its snapshot is unchanged
    target.conn.execute("COMMIT")
    assert target.execute("SELECT count(*) FROM forms").fetchone()[0] == 0


def test_any_backup_restores_after_backing_up_the_current_state(target, bundles):
    path = target_path(target)
    manual = make_backup(target)
    assert manual.reason == Reason.MANUAL and manual.counts["forms"] == 0
    import_files(target, bundles[0])
    after = everything(target)
    safety = restore_backup(path, manual, live=target)
    assert target.execute("SELECT count(*) FROM forms").fetchone()[0] == 0
    assert safety.reason == Reason.RESTORE and safety.counts["forms"] == 1
    restore_backup(path, safety, live=target)  # and the restore itself can be undone
    assert everything(target)["forms"] == after["forms"]


def test_a_damaged_data_file_is_reported_and_restored_from_the_newest_valid_backup(tmp_path, bundles):
    path = tmp_path / "kantor" / "ksd.sqlite3"
    db = open_database(path, create_folder=True)
    before = everything(db)
    import_files(db, bundles[0])
    close_and_checkpoint(db)
    damage(path)
    with pytest.raises(CorruptDatabaseError, match="rusak") as caught:
        open_database(path).close()
    assert caught.value.exit_code == 4 and "aman" not in str(caught.value)
    info = newest_valid_backup(path)
    assert info.reason == Reason.IMPORT
    damaged = restore_damaged(path, info)
    assert damaged.parent == backup_dir(path) and ".rusak-" in damaged.name and damaged.exists()
    db = open_database(path)
    try:
        assert everything(db) == before and check_database(path).sound
    finally:
        db.close()
    assert newest_valid_backup(path).reason == Reason.IMPORT  # the damaged file is never offered


def test_retention_keeps_the_last_ones_and_recent_ones_within_a_size_cap(tmp_path):
    path = tmp_path / "ksd.sqlite3"
    folder = backup_dir(path)
    folder.mkdir()
    now = dt.datetime(2024, 8, 20, 12, 0, 0)
    ages = [0, 1, 2, 3, 10, 20, 30, 40]  # days
    for age in ages:
        stamp = (now - dt.timedelta(days=age)).strftime("%Y%m%d-%H%M%S")
        (folder / f"ksd.sebelum-impor-{stamp}.sqlite3.gz").write_bytes(b"\x1f\x8b" + b"x" * 1024 * 300)
    (folder / "ksd.rusak-20240101-000000.sqlite3").write_bytes(b"SQLite format 3\x00")
    removed = apply_retention(path, RetentionPolicy(keep_last=5, keep_days=7, max_total_mb=100), now=now)
    left = sorted(b.created_at for b in list_backups(path) if b.reason == Reason.IMPORT)
    assert len(removed) == 3 and [(now - c).days for c in reversed(left)] == [0, 1, 2, 3, 10]
    apply_retention(path, RetentionPolicy(keep_last=5, keep_days=7, max_total_mb=1), now=now)
    left = [b for b in list_backups(path) if b.reason == Reason.IMPORT]
    assert [(now - b.created_at).days for b in left] == [0, 1, 2]  # under 1 MB, newest kept
    assert (folder / "ksd.rusak-20240101-000000.sqlite3").exists()  # a damaged file is never pruned


def test_leftovers_of_an_interrupted_backup_are_removed_at_the_next_start(tmp_path):
    path = tmp_path / "ksd.sqlite3"
    open_database(path).close()
    folder = backup_dir(path)
    folder.mkdir()
    leftovers = [
        folder / ".ksd.sebelum-impor-20240808-101500.sqlite3.gz.sementara.sqlite3",
        folder / ".ksd.sebelum-impor-20240808-101500.sqlite3.gz.sementara",
        folder / "ksd.sebelum-impor-20240808-101500.sqlite3.gz.json",
    ]  # a note without its backup
    for leftover in leftovers:
        leftover.write_bytes(b"x" * 100)
    gone_reader = folder / ".ksd.manual-20240808-101500.sqlite3.gz.sementara-baca-999999999.sqlite3"
    leftovers.append(gone_reader)
    gone_reader.write_bytes(b"x")
    kept = folder / "ksd.manual-20240808-101500.sqlite3.gz"
    kept.write_bytes(b"\x1f\x8b")
    living_reader = folder / f".{kept.name}.sementara-baca-{os.getpid()}.sqlite3"  # being restored right now
    living_reader.write_bytes(b"x")
    open_database(path).close()
    assert [p for p in leftovers if p.exists()] == [] and kept.exists()
    assert living_reader.exists() or os.name == "nt"
