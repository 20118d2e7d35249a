"""Backup before every import, and "Batalkan impor terakhir" restoring exactly the state before it."""

from __future__ import annotations

import json

import pytest

from ksd_desktop.services.exchange.backup import (
    backup_dir,
    import_backups,
    last_import_backup,
    undo_copies,
    undo_last_import,
)
from ksd_desktop.services.exchange.bundle import export_bundle
from ksd_desktop.services.integrity import check_database
from ksd_desktop.storage.bundle_store import database_file
from ksd_desktop.storage.database import connect
from ksd_desktop.storage.errors import StorageError
from ksd_desktop.storage.repositories import FormRepository
from tests.services.test_bundle import add_form, import_files, state, target  # noqa: F401

TABLES = ("forms", "proposals", "partners", "signed_snapshots", "audit_log", "settings", "agencies")


def everything(db) -> dict:
    """Every row of the tables an import or an undo could touch."""
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


@pytest.fixture
def bundles(db, tmp_path):
    add_form(db, sign=True)
    first = export_bundle(db, tmp_path / "dinkes.ksd").path
    add_form(db, agency_code="DISDIK")
    second = export_bundle(db, tmp_path / "disdik.ksd", agency_code="DISDIK").path
    return first, second


def target_path(target):
    return database_file(target)


def test_backup_is_taken_before_apply_beside_the_database(target, bundles):
    path = target_path(target)
    add_form(target, agency_code="DPMD")
    before = everything(target)
    _, result = import_files(target, bundles[0])
    assert result.backup.parent == path.parent / "cadangan" == backup_dir(path)
    assert result.backup.name.startswith("ksd.sebelum-impor-") and result.backup.suffix == ".sqlite3"
    note = json.loads(result.backup.with_name(result.backup.name + ".json").read_text(encoding="utf-8"))
    assert note["files"] == ["dinkes.ksd"] and note["database"] == "ksd.sqlite3"
    copy = connect(result.backup, read_only=True)
    try:
        assert everything(copy) == before
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        copy.close()
    assert [b.path for b in import_backups(path)] == [result.backup]
    assert last_import_backup(path).files == ("dinkes.ksd",)
    assert "dinkes.ksd" in last_import_backup(path).describe()


def test_undo_restores_exactly_the_state_before_the_import(target, bundles):
    path = target_path(target)
    add_form(target, agency_code="DPMD")
    before = everything(target)
    _, result = import_files(target, bundles[0])
    assert everything(target) != before
    restored = undo_last_import(path, live=target)
    assert everything(target) == before
    assert restored.name == result.backup.name.replace(".sqlite3", ".dipulihkan.sqlite3") and restored.exists()
    assert not result.backup.exists() and last_import_backup(path) is None
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
    result.backup.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(StorageError, match="rusak atau bukan basis data KSD Desktop"):
        undo_last_import(path, live=target)
    assert everything(target) == after and result.backup.exists()


def test_nothing_written_means_no_backup(target, bundles):
    import_files(target, bundles[0])
    _, again = import_files(target, bundles[0])
    assert again.backup is None and len(import_backups(target_path(target))) == 1


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
