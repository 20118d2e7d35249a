"""Backups before an import, and "Batalkan impor terakhir" (undo the last import).

Before :func:`importer.apply` writes anything, the database is copied with SQLite's backup
API (a consistent copy, WAL included, even while the app holds connections) into the
folder ``cadangan/`` beside the database file::

    cadangan/ksd-desktop.sebelum-impor-20240808-101500.sqlite3
    cadangan/ksd-desktop.sebelum-impor-20240808-101500.sqlite3.json   (when, which files)

:func:`undo_last_import` restores the most recent of these that has not been restored yet,
then marks it ``….dipulihkan.sqlite3``, so undoing again goes one import further back.
Restoring is itself undoable by hand: the state just before it is first copied to
``cadangan/ksd-desktop.sebelum-pembatalan-<waktu>.sqlite3``.

Everything done after that import (assessments included) is undone with it; the GUI should
say so and name the import (:func:`last_import_backup`) before asking.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.dates import utc_now_iso, format_local_datetime_id
from ...storage.bundle_store import database_file
from ...storage.database import backup_copy, connect
from ...storage.errors import StorageError, translate_sqlite_error

if TYPE_CHECKING:
    from sqlite_utils import Database

BACKUP_DIR_NAME = "cadangan"
IMPORT_LABEL = "sebelum-impor"
UNDO_LABEL = "sebelum-pembatalan"
RESTORED_MARK = "dipulihkan"
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    """One backup taken before an import."""

    path: Path
    created_at: dt.datetime              # local time, from the file name
    files: tuple[str, ...] = ()          # the imported files' names (from the .json beside it)

    def describe(self) -> str:
        when = format_local_datetime_id(self.created_at)  # 2 Desember 2026 pukul 10.15
        files = ", ".join(self.files) if self.files else "berkas tidak tercatat"
        return f"impor {when} ({files})"


def _note(backup: Path) -> Path:
    """The small JSON note beside a backup: when it was taken and which files were imported."""
    return backup.with_name(backup.name + ".json")


def backup_dir(db_path: str | Path) -> Path:
    """``cadangan/`` beside the database file."""
    return Path(db_path).resolve().parent / BACKUP_DIR_NAME


def _pattern(db_path: Path, label: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}\.{label}-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(db_path.suffix)}$")


def _new_name(db_path: Path, label: str) -> Path:
    folder = backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Folder cadangan tidak dapat dibuat ({folder}): {exc.strerror or exc}. "
                           "Periksa hak akses folder data.") from exc
    stamp = dt.datetime.now().strftime(_STAMP)
    target = folder / f"{db_path.stem}.{label}-{stamp}{db_path.suffix}"
    counter = 2
    while target.exists() or _note(target).exists():
        target = folder / f"{db_path.stem}.{label}-{stamp}-{counter}{db_path.suffix}"
        counter += 1
    return target


def copy_database(db: Database, target: Path) -> Path:
    """A consistent copy; stored as a plain (rollback-journal) file, so reading it later leaves
    no ``-wal``/``-shm`` files beside it. A failure removes the partial copy and raises
    StorageError with an Indonesian message."""
    try:
        backup_copy(db, target)
        copy = sqlite3.connect(str(target))
        try:
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        return target
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise translate_sqlite_error(exc, str(target)) from exc
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise StorageError(f"Cadangan tidak dapat ditulis ({target}): {exc.strerror or exc}. Kosongkan ruang "
                           "penyimpanan atau pilih lokasi lain, lalu coba lagi.") from exc


def backup_before_import(db: Database, files: list[str] | tuple[str, ...] = ()) -> Path | None:
    """Copy the database to ``cadangan/`` before an import; None for an in-memory database."""
    db_path = database_file(db)
    if db_path is None:
        return None
    target = copy_database(db, _new_name(db_path, IMPORT_LABEL))
    try:
        _note(target).write_text(json.dumps(
            {"created_at": utc_now_iso(), "database": db_path.name, "files": list(files)},
            ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        pass  # the note is a convenience; the copy is what matters
    return target


def _listed(db_path: Path, label: str) -> list[tuple[tuple, Path]]:
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path, label)
    found = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match:
            found.append(((match.group(1), int(match.group(2) or 1)), path))
    return sorted(found, reverse=True)


def import_backups(db_path: str | Path) -> list[BackupInfo]:
    """Pre-import backups not yet restored, newest first."""
    db_path = Path(db_path)
    result = []
    for (stamp, _), path in _listed(db_path, IMPORT_LABEL):
        files: tuple[str, ...] = ()
        try:
            note = json.loads(_note(path).read_text(encoding="utf-8"))
            files = tuple(str(f) for f in note.get("files", []))
        except (OSError, ValueError, AttributeError):
            pass
        result.append(BackupInfo(path, dt.datetime.strptime(stamp, _STAMP), files))
    return result


def last_import_backup(db_path: str | Path) -> BackupInfo | None:
    """The backup "Batalkan impor terakhir" would restore (None: nothing to undo)."""
    backups = import_backups(db_path)
    return backups[0] if backups else None


def undo_copies(db_path: str | Path) -> list[Path]:
    """Copies taken just before an undo (newest first), to undo an undo by hand."""
    return [path for _, path in _listed(Path(db_path), UNDO_LABEL)]


def _applied(conn: sqlite3.Connection) -> list[str]:
    from ...storage.migrations import migrations  # sqlite-utils: loaded only when restoring
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY "
                                           "rowid", [migrations.name])]
    except sqlite3.Error:
        return []


def undo_last_import(db_path: str | Path, *, live: Database | None = None) -> Path:
    """Restore the database as it was before the last import; returns the backup restored.

    Safe while the app holds connections: the backup is copied *into* the database file with
    SQLite's backup API in a single step (``pages=-1``), which is one write transaction on
    the destination. Other connections (the main window's, a second window) never see half a
    restore: in WAL mode a reader inside a transaction keeps its snapshot of the old state,
    and its next transaction sees the restored one (SQLite makes every connection reload:
    the backup bumps the schema cookie and change counter). Pass the app's
    own connection as ``live`` to restore through it (it must not be inside a transaction);
    otherwise a connection of our own is opened and closed.

    Before restoring, the backup is checked (SQLite's quick check, a KSD Desktop database of
    the same schema version), and the current state is copied to
    ``cadangan/…sebelum-pembatalan-<waktu>…``. Raises StorageError with an Indonesian message
    when there is nothing to undo or the backup is unusable; the database is then untouched.
    """
    db_path = Path(db_path)
    if live is None and not db_path.is_file():
        raise StorageError(f"Berkas basis data tidak ditemukan: {db_path}")
    info = last_import_backup(db_path)
    if info is None:
        raise StorageError("Belum ada impor yang dapat dibatalkan (tidak ada cadangan sebelum impor di "
                           f"{backup_dir(db_path)}).")
    target = live if live is not None else connect(db_path)
    try:
        if target.conn.in_transaction:
            raise StorageError("Basis data sedang menulis; tunggu sampai selesai, lalu coba lagi.")
        source = _open_backup(info.path)
        try:
            if _applied(source) != _applied(target.conn):
                raise StorageError(f"Cadangan {info.path.name} dibuat oleh versi skema yang berbeda; tidak dapat "
                                   "dipulihkan otomatis.")
            copy_database(target, _new_name(db_path, UNDO_LABEL))
            try:
                source.backup(target.conn, pages=-1)
            except sqlite3.Error as exc:
                raise translate_sqlite_error(exc, str(db_path)) from exc
        finally:
            source.close()
    finally:
        if live is None:
            target.close()
    return _mark_restored(info.path)


def _open_backup(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.Error:
        ok, conn = False, None
    if not ok or not _applied(conn):
        if conn is not None:
            conn.close()
        raise StorageError(f"Cadangan {path.name} rusak atau bukan basis data KSD Desktop; tidak dapat dipulihkan.")
    return conn


def _mark_restored(path: Path) -> Path:
    """Rename ``X.sqlite3`` to ``X.dipulihkan.sqlite3`` (and its note), so it is not restored twice."""
    marked = path.with_name(f"{path.stem}.{RESTORED_MARK}{path.suffix}")
    try:
        path.replace(marked)
        if _note(path).exists():
            _note(path).replace(_note(marked))
    except OSError as exc:
        raise StorageError(f"Data sudah dipulihkan, tetapi cadangan {path.name} tidak dapat ditandai: "
                           f"{exc.strerror or exc}. Jangan membatalkan lagi sebelum memindahkannya.") from exc
    return marked
