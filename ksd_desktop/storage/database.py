"""Opening the SQLite file: pragmas, friendly errors, backup before migrating, reference data.

One file holds everything (data dictionary tables, settings, history). It runs in WAL
mode with ``foreign_keys=ON``, ``synchronous=FULL`` and a busy timeout, so a crash or a
power cut never leaves half-written data and a second window waits briefly instead of
failing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DatabaseNotFoundError, NotADatabaseError, StorageError, translate_sqlite_error

if TYPE_CHECKING:
    from sqlite_utils import Database

# sqlite-utils (with click, dateutil and pluggy) and the migrations, which need it, are
# imported when a file is opened, not with this module: the window shows before that.

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


def _check_header(path: Path) -> None:
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_HEADER:
                raise NotADatabaseError(
                    f"Berkas {path} bukan basis data KSD Desktop (bukan berkas SQLite). "
                    "Pilih berkas .sqlite3 yang benar atau buat basis data baru.")


def connect(path: str | Path, *, read_only: bool = False) -> Database:
    """Open a connection with the project's pragmas; raises StorageError with a clear message."""
    from sqlite_utils import Database
    path = Path(path)
    _check_header(path)
    try:
        if read_only:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, str(path)) from exc
    return Database(conn, execute_plugins=False)


def backup_copy(db: Database, target: Path) -> Path:
    """Copy the live database (WAL included) to ``target`` with SQLite's backup API."""
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def pending_migrations(db: Database) -> list[str]:
    from .migrations import migrations
    return [m.name for m in migrations.pending(db)]


def schema_version(db: Database) -> int:
    from .migrations import migrations
    return len(migrations.applied(db))


def migrate(db: Database, path: Path) -> Path | None:
    """Apply pending migrations; an existing database is first copied aside.

    Returns the path of the copy, or None when nothing needed copying.
    """
    from .migrations import migrations
    pending = pending_migrations(db)
    if not pending:
        return None
    copy = None
    if migrations.applied(db):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = backup_copy(db, path.with_name(f"{path.stem}.sebelum-migrasi-{stamp}{path.suffix}"))
    try:
        migrations.apply(db)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, str(path)) from exc
    return copy


def open_database(path: str | Path, *, create: bool = True, load_reference: bool = True) -> Database:
    """Open (or create) the application database, migrated and with reference data loaded."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise DatabaseNotFoundError(f"Berkas basis data tidak ditemukan: {path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"Folder data tidak dapat dibuat ({path.parent}): {exc.strerror}. "
                               "Pilih lokasi data lain.") from exc
    db = connect(path)
    try:
        migrate(db, path)
        if load_reference:
            from .reference import refresh_reference_data
            refresh_reference_data(db)
    except BaseException:
        db.close()
        raise
    return db
