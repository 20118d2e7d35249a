"""Backups before an import, "Batalkan impor terakhir", and restoring any backup.

Before :func:`importer.apply` writes anything (holding the write lock, so nothing else
changes the file meanwhile) the database is copied into ``cadangan/`` beside it, safely and
checked (storage/backups.py)::

    cadangan/ksd-desktop.sebelum-impor-20240808-101500.sqlite3.gz
    cadangan/ksd-desktop.sebelum-impor-20240808-101500.sqlite3.gz.json   (reason, counts, files)

:func:`undo_last_import` restores the newest *valid* import backup not restored yet (a
damaged one is skipped and named: :func:`plan_undo`), then records in its note that it was
restored, so undoing again goes one import further back. :func:`restore_backup` restores any
backup (the *Cadangan & Pulihkan* dialog, ``ksd-desktop restore``). Either way the state just
before is first backed up itself (``sebelum-pembatalan`` / ``sebelum-pemulihan``), so a
restore can be undone the same way. :func:`restore_damaged` replaces a data file SQLite
reports as damaged (the damaged file is kept in ``cadangan/`` as ``….rusak-<waktu>…``).

Everything done after the backup (assessments included) is undone with it; the GUI says so
and names the backup before asking.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...storage.backups import (
    REASON_LABELS,
    TEMP_MARK,
    BackupInfo,
    Reason,
    RetentionPolicy,
    apply_retention,
    backup_dir,
    create_backup,
    inspect_copy,
    list_backups,
    looks_complete,
    mark_restored,
    open_backup,
)
from ...storage.bundle_store import database_file
from ...storage.database import connect, migrate, pending_migrations
from ...storage.errors import ReadOnlyDatabaseError, StorageError, os_reason, translate_sqlite_error
from ...storage.migrations import registered_names
from ...storage.repositories import SettingsRepository

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = [
    "REASON_LABELS",
    "BackupInfo",
    "Reason",
    "RetentionPolicy",
    "UndoPlan",
    "backup_before_import",
    "backup_dir",
    "copy_database",
    "import_backups",
    "last_import_backup",
    "list_backups",
    "make_backup",
    "newest_valid_backup",
    "plan_undo",
    "restore_backup",
    "restore_damaged",
    "retention_policy",
    "undo_copies",
    "undo_last_import",
]

BACKUP_DIR_NAME = "cadangan"


def retention_policy(db: Database | None) -> RetentionPolicy:
    """The retention policy stored in the data file's settings (defaults: domain/settings.py)."""
    if db is None:
        return RetentionPolicy()
    try:
        settings = SettingsRepository(db)
        return RetentionPolicy(
            max(1, int(settings.get("backup_keep_last"))),
            max(0, int(settings.get("backup_keep_days"))),
            max(1, int(settings.get("backup_max_mb"))),
        )
    except (StorageError, sqlite3.Error, TypeError, ValueError):
        return RetentionPolicy()


def backup_before_import(db: Database, files: list[str] | tuple[str, ...] = ()) -> Path | None:
    """Back up the database before an import; None for an in-memory database.

    Call it holding the write lock (``importer.apply`` does), so the copy is exactly the state
    the import starts from."""
    db_path = database_file(db)
    if db_path is None:
        return None
    return create_backup(db_path, Reason.IMPORT, files=tuple(files), policy=retention_policy(db)).path


def make_backup(db: Database, reason: Reason = Reason.MANUAL) -> BackupInfo:
    """A backup in ``cadangan/`` now (waiting for another writer to finish first)."""
    db_path = database_file(db)
    if db_path is None:
        raise StorageError("Basis data di memori tidak dapat dicadangkan.")
    with db.atomic():
        return create_backup(db_path, reason, policy=retention_policy(db))


def import_backups(db_path: str | Path) -> list[BackupInfo]:
    """Import backups not restored yet, newest first."""
    return [b for b in list_backups(db_path, (Reason.IMPORT,)) if not b.restored_at]


def last_import_backup(db_path: str | Path) -> BackupInfo | None:
    """The newest import backup not restored yet that looks complete (None: nothing to undo)."""
    return next((b for b in import_backups(db_path) if looks_complete(b)), None)


def undo_copies(db_path: str | Path) -> list[Path]:
    """Copies taken just before an undo (newest first), to undo an undo."""
    return [b.path for b in list_backups(db_path, (Reason.UNDO,))]


def _validate(info: BackupInfo) -> str | None:
    """None when the backup can be restored; otherwise why not."""
    if not looks_complete(info):
        return "berkas tidak lengkap atau rusak"
    try:
        with open_backup(info) as opened:
            _, applied = opened.check()
    except StorageError as exc:
        return str(exc)
    if not set(applied) <= set(registered_names()):
        return "dibuat oleh versi KSD Desktop yang lebih baru"
    return None


@dataclass
class UndoPlan:
    """What "Batalkan impor terakhir" would restore, and the damaged backups it passes over."""

    backup: BackupInfo | None
    skipped: list[tuple[BackupInfo, str]] = field(default_factory=list)

    def describe_skipped(self) -> str:
        return "; ".join(f"cadangan {b.describe()} dilewati ({why})" for b, why in self.skipped)


def plan_undo(db_path: str | Path) -> UndoPlan:
    plan = UndoPlan(None)
    for info in import_backups(db_path):
        problem = _validate(info)
        if problem is None:
            plan.backup = info
            break
        plan.skipped.append((info, problem))
    return plan


def newest_valid_backup(db_path: str | Path) -> BackupInfo | None:
    """The newest backup of any reason that passes SQLite's check (for a damaged data file)."""
    for info in list_backups(db_path):
        if info.reason != Reason.DAMAGED and _validate(info) is None:
            return info
    return None


def undo_last_import(db_path: str | Path, *, live: Database | None = None, plan: UndoPlan | None = None) -> BackupInfo:
    """Restore the database as it was before the last import; returns the backup restored.

    ``plan`` (from :func:`plan_undo`, shown to the user first) fixes which backup; by default
    the newest valid one. Raises StorageError with an Indonesian message when there is
    nothing to undo or no import backup is usable; the database is then untouched.
    """
    db_path = Path(db_path)
    if live is None and not db_path.is_file():
        raise StorageError(f"Berkas data tidak ditemukan: {db_path}")
    plan = plan or plan_undo(db_path)
    if plan.backup is None:
        if plan.skipped:
            raise StorageError("Impor terakhir tidak dapat dibatalkan: " + plan.describe_skipped() + ".")
        raise StorageError(
            f"Belum ada impor yang dapat dibatalkan (tidak ada cadangan sebelum impor di {backup_dir(db_path)})."
        )
    restore_backup(db_path, plan.backup, live=live, safety=Reason.UNDO)
    mark_restored(plan.backup)
    return plan.backup


def restore_backup(
    db_path: str | Path, info: BackupInfo, *, live: Database | None = None, safety: Reason = Reason.RESTORE
) -> BackupInfo:
    """Restore ``info`` into the data file; returns the backup of the state just before.

    Safe while the app holds connections: the backup is copied *into* the database file with
    SQLite's backup API in a single step (``pages=-1``), one write transaction on the
    destination; a reader inside a transaction keeps its snapshot, its next one sees the
    restored data. Pass the app's own connection as ``live`` (not inside a transaction). A
    backup of an older schema is migrated after restoring; one of a newer version is refused.
    """
    db_path = Path(db_path)
    if info.reason == Reason.DAMAGED:
        raise StorageError(f"{info.path.name} adalah berkas rusak yang disisihkan; berkas itu tidak dapat dipulihkan.")
    target = live if live is not None else connect(db_path)
    try:
        if getattr(target, "read_only", False):
            raise ReadOnlyDatabaseError(
                getattr(target, "read_only_reason", "") or "Berkas data dibuka hanya-baca; tidak dapat dipulihkan."
            )
        if target.conn.in_transaction:
            raise StorageError("Basis data sedang menulis; tunggu sampai selesai, lalu coba lagi.")
        with open_backup(info) as opened:
            _, applied = opened.check()
            if not set(applied) <= set(registered_names()):
                raise StorageError(
                    f"Cadangan {info.path.name} dibuat oleh versi KSD Desktop yang lebih baru; perbarui "
                    "aplikasi untuk memulihkannya."
                )
            with target.atomic():  # nobody writes while the state before is copied
                before = create_backup(db_path, safety)
            source = sqlite3.connect(f"{opened.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                source.backup(target.conn, pages=-1)
            except sqlite3.Error as exc:
                raise translate_sqlite_error(exc, str(db_path)) from exc
            finally:
                source.close()
        target.execute("PRAGMA journal_mode = WAL")
        if pending_migrations(target):
            migrate(target, db_path)
        apply_retention(db_path, retention_policy(target), protect=(before.path, info.path))
    finally:
        if live is None:
            target.close()
    return before


def restore_damaged(db_path: str | Path, info: BackupInfo) -> Path:
    """Replace a data file SQLite reports as damaged with ``info``; returns where the damaged
    file was put (``cadangan/…rusak-<waktu>…``, never deleted). No connection may be open on it."""
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    with open_backup(info) as opened:
        opened.check()
        temp = folder / f".{db_path.name}{TEMP_MARK}-pulih.sqlite3"
        try:
            shutil.copyfile(opened.path, temp)
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise StorageError(
                f"Cadangan tidak dapat disalin ke folder data: {os_reason(exc)}. Kosongkan ruang "
                "penyimpanan, lalu coba lagi."
            ) from exc
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    damaged = folder / f"{db_path.stem}.{Reason.DAMAGED.value}-{stamp}{db_path.suffix}"
    try:
        for extra in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + extra)
            if side.exists():
                os.replace(side, damaged.with_name(damaged.name + extra))
        if db_path.exists():
            os.replace(db_path, damaged)
        os.replace(temp, db_path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StorageError(
            f"Berkas data tidak dapat diganti ({os_reason(exc)}). Tutup semua jendela KSD Desktop "
            "dan program lain yang membuka berkas itu, lalu coba lagi."
        ) from exc
    return damaged


def copy_database(db: Database, target: Path) -> Path:
    """A checked, plain (uncompressed) copy at ``target``, e.g. on a flash disk: written to a
    temporary name beside it, checked, then renamed, so ``target`` is never half a copy."""
    target = Path(target)
    source_path = database_file(db)
    temp = target.with_name(f".{target.name}{TEMP_MARK}")
    try:
        dest = sqlite3.connect(str(temp))
        try:
            if source_path is not None:
                source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
                try:
                    source.backup(dest)
                finally:
                    source.close()
            else:
                db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        inspect_copy(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
        return target
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, str(target)) from exc
    except OSError as exc:
        raise StorageError(
            f"Cadangan tidak dapat ditulis ({target}): {os_reason(exc)}. Kosongkan ruang "
            "penyimpanan atau pilih lokasi lain, lalu coba lagi."
        ) from exc
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
