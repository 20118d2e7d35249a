"""Opening the SQLite file: what may be opened, pragmas, locking, backup before migrating.

One file holds everything (data dictionary tables, settings, history). It runs in WAL mode
with ``foreign_keys=ON`` and ``synchronous=FULL``, so a crash or a power cut never leaves
half-written data.

Writing: every write transaction starts with ``BEGIN IMMEDIATE`` (:meth:`KsdDatabase.atomic`,
and the implicit transactions of single statements), so two writers never discover each
other half-way through: the second waits for the first up to :data:`BUSY_TIMEOUT_MS`, and
only then gets :class:`DatabaseLockedError`. While it waits, the functions registered with
:func:`add_lock_wait_hook` are called about ten times a second (the GUI says "menunggu…").

What :func:`open_database` accepts (each refusal is a StorageError with its own message):

- a folder, a file that is not SQLite, or an SQLite file of another program that holds
  tables: refused, never changed (an empty SQLite file is set up as a new data file);
- a missing file: created only when ``create``; a missing folder only when ``create_folder``
  (``init`` and the user's own data folder), so a typo never creates a new empty database;
- a data file of a newer version of the app, or a file or folder that cannot be written:
  opened read-only (``db.read_only``, ``db.read_only_reason``) or, when the caller must
  write (``require_write``), refused with a message;
- a damaged file: :class:`CorruptDatabaseError` (the caller offers the newest valid backup).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Generator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DatabaseNotFoundError,
    ForeignDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    StorageError,
    corrupt_message,
    os_reason,
    translate_sqlite_error,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    class KsdDatabase(Database):
        """What :func:`connect` and :func:`open_database` return, as the type checker sees it: the
        class itself is made by :func:`_database_class` when sqlite-utils is first needed."""

        path: Path | None
        read_only: bool
        read_only_reason: str

        @contextmanager
        def atomic(self, *, wait_ms: int | None = None) -> Generator[Database, None, None]: ...

# sqlite-utils (with click, dateutil and pluggy) and the migrations, which need it, are
# imported when a file is opened, not with this module: the window shows before that.

BUSY_TIMEOUT_MS = 5000
WAIT_STEP_MS = 100
SQLITE_HEADER = b"SQLite format 3\x00"
_wait_hooks: list[Callable[[float | None], None]] = []


def add_lock_wait_hook(hook: Callable[[float | None], None]) -> None:
    """``hook(seconds)`` is called while a write waits for another program's lock;
    ``hook(None)`` when the wait is over (either way)."""
    if hook not in _wait_hooks:
        _wait_hooks.append(hook)


def remove_lock_wait_hook(hook: Callable[[float | None], None]) -> None:
    if hook in _wait_hooks:
        _wait_hooks.remove(hook)


def _notify(elapsed: float | None) -> None:
    for hook in list(_wait_hooks):
        try:
            hook(elapsed)
        except Exception:  # noqa: BLE001 - a display problem must never break a write
            pass


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def begin_immediate(conn: sqlite3.Connection, wait_ms: int | None = None, path: str = "") -> None:
    """``BEGIN IMMEDIATE``, waiting up to ``wait_ms`` (default :data:`BUSY_TIMEOUT_MS`) for another writer."""
    limit = (BUSY_TIMEOUT_MS if wait_ms is None else wait_ms) / 1000
    started = time.monotonic()
    waited = False
    step = min(WAIT_STEP_MS, BUSY_TIMEOUT_MS if wait_ms is None else max(wait_ms, 1))
    conn.execute(f"PRAGMA busy_timeout = {int(step)}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise translate_sqlite_error(exc, path) from exc
                elapsed = time.monotonic() - started
                if elapsed >= limit:
                    raise DatabaseLockedError(
                        f"Berkas data sedang dipakai program lain{f' ({path})' if path else ''} dan masih terkunci "
                        f"setelah ditunggu {limit:.0f} detik. Tutup aplikasi KSD Desktop lain atau program yang "
                        "membuka berkas itu, lalu coba lagi. Tidak ada yang diubah.".replace(" 0 detik", " sebentar")
                    ) from exc
                waited = True
                _notify(elapsed)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if waited:
            _notify(None)


def _database_class() -> type[Database]:
    from sqlite_utils import Database

    class KsdDatabase(Database):
        """sqlite-utils' Database whose transactions start with BEGIN IMMEDIATE (see module docstring)."""

        path: Path | None = None
        read_only: bool = False
        read_only_reason: str = ""

        @contextmanager
        def atomic(self, *, wait_ms: int | None = None) -> Generator[Database, None, None]:
            if self.read_only:
                raise ReadOnlyDatabaseError(
                    self.read_only_reason or "Berkas data dibuka hanya-baca; perubahan tidak dapat disimpan."
                )
            if self.conn.in_transaction:
                with super().atomic():
                    yield self
                return
            begin_immediate(self.conn, wait_ms, str(self.path or ""))
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.rollback()
                raise translate_sqlite_error(exc, str(self.path or "")) from exc

    return KsdDatabase


_KsdDatabase: type[Database] | None = None


def _wrap(conn: sqlite3.Connection, path: Path | None, read_only: bool, reason: str = "") -> KsdDatabase:
    global _KsdDatabase
    if _KsdDatabase is None:
        _KsdDatabase = _database_class()
    # the class made at run time is the KsdDatabase declared for the type checker above
    db = cast("KsdDatabase", _KsdDatabase(conn, execute_plugins=False))
    db.path, db.read_only, db.read_only_reason = path, read_only, reason
    return db


def is_read_only(db: Database) -> bool:
    return bool(getattr(db, "read_only", False))


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise NotADatabaseError(
            f"{path} adalah folder, bukan berkas data. Sebutkan berkas .sqlite3 di dalamnya, "
            f"misalnya {path / 'ksd-desktop.sqlite3'}."
        )
    if path.exists() and not path.is_file():
        raise NotADatabaseError(
            f"{path} bukan berkas biasa (misalnya perangkat atau pipa), jadi tidak dapat menjadi "
            "berkas data. Sebutkan berkas .sqlite3."
        )
    if path.exists() and path.stat().st_size > 0:
        try:
            with path.open("rb") as handle:
                head = handle.read(16)
        except OSError as exc:
            raise StorageError(
                f"Berkas {path} tidak dapat dibaca: {os_reason(exc)}. Periksa hak akses berkas."
            ) from exc
        if head != SQLITE_HEADER:
            raise NotADatabaseError(
                f"Berkas {path} bukan basis data KSD Desktop (bukan berkas SQLite). Berkas tidak diubah. "
                "Pilih berkas .sqlite3 yang benar atau buat basis data baru."
            )


def _wal_pending(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Read-only, also in a folder that cannot be written (where WAL cannot make its -shm file)."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "unable to open" not in text and "readonly" not in text:
            raise
        if _wal_pending(path):
            raise ReadOnlyDatabaseError(
                f"Berkas data {path} ada di folder yang hanya dapat dibaca dan masih menyimpan perubahan terakhir di "
                f"berkas {path.name}-wal. Salin berkas data beserta berkas -wal-nya ke folder yang dapat ditulisi, "
                "lalu buka dari sana."
            ) from exc
    # nothing waits in a -wal file: the main file is complete, read it as it is
    conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    tables = _tables(conn)
    if tables and "_sqlite_migrations" not in tables:
        shown = ", ".join(tables[:4]) + (", …" if len(tables) > 4 else "")
        raise ForeignDatabaseError(
            f"Berkas {path} adalah basis data SQLite milik program lain (berisi tabel {shown}), bukan basis data "
            "KSD Desktop. Berkas tidak diubah. Pilih berkas data KSD Desktop, atau sebutkan nama berkas baru untuk "
            "membuat basis data baru."
        )


def connect(path: str | Path, *, read_only: bool = False) -> KsdDatabase:
    """Open a connection with the project's pragmas; raises StorageError with a clear message.

    An SQLite file of another program is refused before anything is written to it.
    """
    path = Path(path)
    _check_path(path)
    conn = None
    try:
        if read_only:
            conn = _open_read_only(path)
            conn.execute("PRAGMA query_only = 1")
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level="IMMEDIATE")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _refuse_foreign(conn, path)
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise translate_sqlite_error(exc, str(path)) from exc
    except StorageError:
        if conn is not None:
            conn.close()
        raise
    return _wrap(conn, path, read_only)


def backup_copy(db: Database, target: Path) -> Path:
    """Copy the live database (WAL included) to ``target`` with SQLite's backup API.

    ``db`` must not be inside a transaction (SQLite cannot copy from a connection that is
    writing); storage/backups.py copies through a connection of its own instead.
    """
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


def newer_than_app(db: Database) -> bool:
    """Whether the file records migrations this version of the app does not know."""
    from .migrations import registered_names

    known = set(registered_names())
    if not db["_sqlite_migrations"].exists():
        return False
    return any(
        r[0] not in known for r in db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'ksd_desktop'")
    )


NEWER_MESSAGE = (
    "Berkas data {path} dibuat oleh versi KSD Desktop yang lebih baru. Perbarui aplikasi ini ke versi "
    "terbaru; sampai saat itu berkas hanya dapat dibaca dan tidak diubah."
)


def migrate(db: Database, path: Path) -> Path | None:
    """Apply pending migrations, all in one transaction; an existing database is first backed
    up to ``cadangan/`` (reason ``sebelum-migrasi``). Returns the backup, or None."""
    from .backups import Reason, RetentionPolicy, create_backup
    from .migrations import migrations

    if not pending_migrations(db):
        return None
    copy = None
    with db.atomic():  # the write lock: no other program migrates or writes meanwhile
        if not migrations.pending(db):
            return None
        if migrations.applied(db):
            copy = create_backup(path, Reason.MIGRATION, policy=RetentionPolicy()).path
        try:
            migrations.apply(db)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(path)) from exc
    return copy


def _clean_leftovers(db: KsdDatabase, path: Path) -> None:
    """Temporary files of an interrupted backup or restore, removed when nobody is writing."""
    from .backups import clean_temporary

    try:
        with db.atomic(wait_ms=0):
            clean_temporary(path)
    except (StorageError, OSError):
        pass  # another program is writing (perhaps a backup): next time


def open_database(
    path: str | Path,
    *,
    create: bool = True,
    load_reference: bool = True,
    create_folder: bool = False,
    require_write: bool = True,
) -> KsdDatabase:
    """Open (or create) the application database, migrated and with reference data loaded.

    See the module docstring for what is accepted. With ``require_write=False`` a file that
    cannot be written (or comes from a newer version) opens read-only instead of failing.
    """
    path = Path(path)
    _check_path(path)
    if not path.exists():
        if not create:
            raise DatabaseNotFoundError(
                f"Berkas data tidak ditemukan: {path}. Periksa nama dan lokasinya, atau buat "
                f"basis data baru dengan: ksd-desktop init --db {path}"
            )
        if not path.parent.is_dir():
            if not create_folder:
                raise DatabaseNotFoundError(
                    f"Folder {path.parent} tidak ada. Periksa penulisan lokasi berkas data; folder hanya dibuat "
                    f"otomatis oleh: ksd-desktop init --db {path}"
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"Folder data tidak dapat dibuat ({path.parent}): {os_reason(exc)}. Pilih lokasi data lain."
                ) from exc
    try:
        return _open(path, load_reference=load_reference, require_write=require_write)
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, str(path)) from exc


def _writable(path: Path) -> bool:
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def _open(path: Path, *, load_reference: bool, require_write: bool) -> KsdDatabase:
    reason, newer = "", False
    db: KsdDatabase | None = None
    if not _writable(path):
        if not path.exists():
            raise ReadOnlyDatabaseError(
                f"Folder {path.parent} tidak dapat ditulisi, jadi berkas data baru tidak dapat "
                "dibuat di sana. Pilih folder lain."
            )
        reason = (
            f"Berkas data {path} hanya dapat dibaca (hak akses berkas atau foldernya); perubahan tidak dapat "
            "disimpan. Minta hak tulis kepada petugas TI atau salin berkas ke folder lain."
        )
    else:
        try:
            db = connect(path)
        except ReadOnlyDatabaseError as exc:
            reason = str(exc)
        else:
            if newer_than_app(db):
                db.close()
                db, newer, reason = None, True, NEWER_MESSAGE.format(path=path)
    if reason:
        db = connect(path, read_only=True)
        if not newer and newer_than_app(db):
            newer, reason = True, NEWER_MESSAGE.format(path=path)
        if require_write or (not newer and pending_migrations(db)):
            db.close()
            if require_write:
                raise (NewerDatabaseError if newer else ReadOnlyDatabaseError)(
                    reason + " Perintah ini perlu mengubah berkas data, jadi tidak dijalankan."
                )
            raise ReadOnlyDatabaseError(
                f"Berkas data {path} berasal dari versi KSD Desktop yang lebih lama dan perlu diperbarui, tetapi hanya "
                "dapat dibaca. Salin berkas ke folder yang dapat ditulisi dan buka dari sana sekali."
            )
        db.read_only, db.read_only_reason = True, reason
        return db
    assert db is not None  # no reason to read only: connect() above opened it for writing
    try:
        _clean_leftovers(db, path)
        migrate(db, path)
        if load_reference:
            from .reference import refresh_reference_data

            refresh_reference_data(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise translate_sqlite_error(exc, str(path)) from exc
    except BaseException:
        db.close()
        raise
    return db


def quick_check(db: Database) -> str | None:
    """None when SQLite's quick check finds nothing; otherwise its first finding."""
    try:
        rows = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else rows[0]


def require_sound(db: Database, path: Path) -> None:
    """Raise CorruptDatabaseError when SQLite's quick check finds damage."""
    finding = quick_check(db)
    if finding is not None:
        raise CorruptDatabaseError(corrupt_message(str(path), finding[:120]), str(path))
