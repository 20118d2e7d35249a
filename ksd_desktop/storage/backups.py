"""Backup copies of the data file in ``cadangan/`` beside it: written safely, checked, pruned.

A backup is made in four steps, so a crash or a kill at any moment leaves either a
complete, checked backup under its final name or only temporary files (names starting with
``.`` and containing ``.sementara``), which :func:`clean_temporary` removes at the next start:

1. SQLite's backup API copies the live database (WAL included) through a connection of its
   own into an uncompressed temporary file (the caller may hold the write lock on its own
   connection: the copy is then exactly the state before the caller writes);
2. ``PRAGMA quick_check`` and the KSD Desktop schema are checked on that copy, and its
   counts taken;
3. the copy is compressed (gzip, about a fifth of the size), written to a second temporary
   file and flushed to disk, and its note (``….json``: reason, time, counts, imported files)
   is written beside the final name;
4. the compressed file is renamed to its final name, in one step.

Names: ``cadangan/<stem>.<reason>-YYYYMMDD-HHMMSS[-n].sqlite3.gz``, reasons
:class:`Reason`. Backups from earlier versions (plain ``.sqlite3``, possibly marked
``.dipulihkan``) are listed and restored too. A retention policy (:class:`RetentionPolicy`)
is applied after each successful backup.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
import sqlite3
import struct
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .errors import CorruptDatabaseError, DiskFullError, StorageError, corrupt_message, os_reason

BACKUP_DIR_NAME = "cadangan"
COMPRESSED = ".gz"
TEMP_MARK = ".sementara"
NOTE_FORMAT = "ksd-desktop/cadangan"
_STAMP = "%Y%m%d-%H%M%S"
_CHUNK = 1024 * 1024
COUNTED = ("forms", "proposals", "partners", "signed_snapshots")
#: Test-only fault injection: with ``KSD_DESKTOP_FAULT=backup-copy`` the process stops in the
#: middle of the backup copy (after writing ``KSD_DESKTOP_FAULT_MARKER``) until it is killed.
FAULT_ENV, FAULT_MARKER_ENV = "KSD_DESKTOP_FAULT", "KSD_DESKTOP_FAULT_MARKER"


class DamagedCopy(StorageError):
    """A copy that fails SQLite's check; ``finding`` is what the check said."""

    def __init__(self, message: str, finding: str):
        super().__init__(message)
        self.finding = finding


class Reason(StrEnum):
    IMPORT = "sebelum-impor"
    UNDO = "sebelum-pembatalan"
    RESTORE = "sebelum-pemulihan"
    MIGRATION = "sebelum-migrasi"
    MANUAL = "manual"
    DAMAGED = "rusak"  # a damaged data file moved aside before a restore (kept, never restored)


REASON_LABELS = {
    Reason.IMPORT: "Sebelum impor",
    Reason.UNDO: "Sebelum pembatalan impor",
    Reason.RESTORE: "Sebelum pemulihan cadangan",
    Reason.MIGRATION: "Sebelum pembaruan struktur data",
    Reason.MANUAL: "Cadangan manual",
    Reason.DAMAGED: "Berkas rusak yang disisihkan",
}


@dataclass(frozen=True)
class RetentionPolicy:
    """Keep the last ``keep_last`` backups and every backup of the last ``keep_days`` days,
    then delete the oldest while all together exceed ``max_total_mb`` (never the newest)."""

    keep_last: int = 10
    keep_days: int = 7
    max_total_mb: int = 500


@dataclass(frozen=True)
class BackupInfo:
    """One backup in ``cadangan/``."""

    path: Path
    reason: Reason
    created_at: dt.datetime  # local time
    files: tuple[str, ...] = ()  # the imported files' names (import backups)
    counts: dict[str, int] = field(default_factory=dict)
    restored_at: str | None = None  # when "Batalkan impor terakhir" restored it
    size: int = 0  # bytes on disk
    data_size: int | None = None  # bytes of the database inside (from the note)
    schema_version: int | None = None

    @property
    def compressed(self) -> bool:
        return self.path.name.endswith(COMPRESSED)

    @property
    def label(self) -> str:
        return REASON_LABELS[self.reason]

    def describe(self) -> str:
        """``impor 2 Desember 2026 pukul 10.15 (dinkes.ksd)``: which import this backup was taken before."""
        from ..domain.dates import format_local_datetime_id

        when = format_local_datetime_id(self.created_at)
        if self.reason == Reason.IMPORT:
            files = ", ".join(self.files) if self.files else "berkas tidak tercatat"
            return f"impor {when} ({files})"
        return f"{self.label.lower()} {when}"


def backup_dir(db_path: str | Path) -> Path:
    """``cadangan/`` beside the database file."""
    return Path(db_path).resolve().parent / BACKUP_DIR_NAME


def note_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def _pattern(db_path: Path) -> re.Pattern[str]:
    reasons = "|".join(re.escape(r.value) for r in Reason)
    return re.compile(
        rf"^{re.escape(db_path.stem)}\.(?P<reason>{reasons})-(?P<stamp>\d{{8}}-\d{{6}})(?:-(?P<n>\d+))?"
        rf"(?P<restored>\.dipulihkan)?{re.escape(db_path.suffix)}(?P<gz>{re.escape(COMPRESSED)})?$"
    )


def _fsync_dir(folder: Path) -> None:
    if os.name != "nt":
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def write_file_atomically(path: Path, data: bytes) -> None:
    """A small file through a temporary name, flushed, then renamed (the note of a backup)."""
    temp = path.with_name(f".{path.name}{TEMP_MARK}")
    with open(temp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)


def _os_error(exc: OSError, what: str) -> StorageError:
    if getattr(exc, "errno", None) == 28:
        return DiskFullError(f"{what}: penyimpanan penuh. Kosongkan ruang penyimpanan, lalu coba lagi.")
    return StorageError(f"{what}: {os_reason(exc)}. Periksa hak akses folder data, lalu coba lagi.")


# -- listing -------------------------------------------------------------------------------------
def _read_note(path: Path) -> dict[str, Any]:
    try:
        note = json.loads(note_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return note if isinstance(note, dict) else {}


def list_backups(db_path: str | Path, reasons: tuple[Reason, ...] | None = None) -> list[BackupInfo]:
    """Every backup of this data file, newest first (``reasons`` narrows the list)."""
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found: list[tuple[tuple[str, int, int], BackupInfo]] = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if not match:
            continue
        reason = Reason(match["reason"])
        if reasons is not None and reason not in reasons:
            continue
        note = _read_note(path)
        counts, files = note.get("counts"), note.get("files")
        counts = counts if isinstance(counts, dict) else {}
        files = files if isinstance(files, list) else []
        restored = note.get("restored_at") or ("ya" if match["restored"] else None)
        try:
            stat = path.stat()
        except OSError:
            continue
        size = stat.st_size
        created = dt.datetime.strptime(match["stamp"], _STAMP)
        info = BackupInfo(
            path,
            reason,
            created,
            tuple(str(f) for f in files),
            {k: int(v) for k, v in counts.items() if isinstance(v, int)},
            restored,
            size,
            note.get("data_size") if isinstance(note.get("data_size"), int) else None,
            note.get("schema_version") if isinstance(note.get("schema_version"), int) else None,
        )
        # within one second, the order the backups were completed in (renamed last)
        found.append(((match["stamp"], stat.st_mtime_ns, int(match["n"] or 1)), info))
    return [info for _, info in sorted(found, key=lambda item: item[0], reverse=True)]


def looks_complete(info: BackupInfo) -> bool:
    """A cheap check without reading the whole file: a gzip file whose trailer holds the size
    the note recorded (a truncated copy fails), or a plain SQLite file with its header."""
    try:
        with open(info.path, "rb") as handle:
            head = handle.read(16)
            if not info.compressed:
                return head == b"SQLite format 3\x00"
            if head[:2] != b"\x1f\x8b":
                return False
            handle.seek(-4, os.SEEK_END)
            isize = struct.unpack("<I", handle.read(4))[0]
    except OSError:
        return False
    return info.data_size is None or isize == info.data_size % 2**32


# -- writing -------------------------------------------------------------------------------------
def _new_name(db_path: Path, reason: Reason) -> Path:
    folder = backup_dir(db_path)
    stamp = dt.datetime.now().strftime(_STAMP)
    base = f"{db_path.stem}.{reason.value}-{stamp}"
    target = folder / f"{base}{db_path.suffix}{COMPRESSED}"
    counter = 2
    while target.exists() or note_path(target).exists():
        target = folder / f"{base}-{counter}{db_path.suffix}{COMPRESSED}"
        counter += 1
    return target


def _fault_point(name: str) -> None:
    if os.environ.get(FAULT_ENV) == name:
        marker = os.environ.get(FAULT_MARKER_ENV)
        if marker:
            Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(120)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    try:
        return [
            r[0]
            for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'ksd_desktop' ORDER BY id")
        ]
    except sqlite3.Error:
        return []


def inspect_copy(path: Path) -> tuple[dict[str, int], list[str]]:
    """Check an uncompressed copy (quick check, our schema); its counts and applied migrations.
    Raises StorageError naming the problem."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"Salinan {path.name} tidak dapat dibuka: {exc}.") from exc
    try:
        result = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            raise DamagedCopy(f"Salinan {path.name} rusak (pemeriksaan SQLite: {result[0][0]}).", result[0][0])
        applied = applied_migrations(conn)
        if not applied:
            raise StorageError(f"Salinan {path.name} bukan basis data KSD Desktop.")
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        return counts, applied
    except sqlite3.DatabaseError as exc:
        raise DamagedCopy(f"Salinan {path.name} rusak atau tidak dapat dibaca ({exc}).", str(exc)) from exc
    finally:
        conn.close()


def _copy_live(db_path: Path, target: Path) -> None:
    """SQLite backup API through a read connection of our own (the caller may hold the write lock)."""
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        dest = sqlite3.connect(str(target))
        try:

            def progress(status: int, remaining: int, total: int) -> None:
                if total - remaining <= 64:  # after the first step, the copy half-written
                    _fault_point("backup-copy")

            source.backup(dest, pages=64, progress=progress)
            dest.execute("PRAGMA journal_mode = DELETE")  # reading the copy later leaves no -wal/-shm
        finally:
            dest.close()
    finally:
        source.close()


def _compress(source: Path, target: Path) -> None:
    with open(source, "rb") as raw, open(target, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=1, fileobj=out, mtime=0) as packed:
            shutil.copyfileobj(raw, packed, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def create_backup(
    db_path: str | Path,
    reason: Reason,
    *,
    files: tuple[str, ...] | list[str] = (),
    policy: RetentionPolicy | None = None,
) -> BackupInfo:
    """Copy the data file at ``db_path`` to ``cadangan/`` (see the module docstring); returns it.

    Raises StorageError (nothing left under a final name) when the copy cannot be made or
    does not pass the check. ``policy``: the retention applied afterwards (None: none).
    """
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        final = _new_name(db_path, reason)
    except OSError as exc:
        raise _os_error(exc, f"Folder cadangan tidak dapat dibuat ({folder})") from exc
    plain = folder / f".{final.name}{TEMP_MARK}.sqlite3"
    packed = folder / f".{final.name}{TEMP_MARK}"
    try:
        try:
            _copy_live(db_path, plain)
        except sqlite3.Error as exc:
            from .errors import translate_sqlite_error

            raise translate_sqlite_error(exc, str(db_path)) from exc
        try:
            counts, applied = inspect_copy(plain)
        except DamagedCopy as exc:  # a page-for-page copy: the data file itself is damaged
            raise CorruptDatabaseError(corrupt_message(str(db_path), exc.finding[:120]), str(db_path)) from exc
        schema = len(applied)
        data_size = plain.stat().st_size
        _compress(plain, packed)
        note = {
            "format": NOTE_FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "reason": reason.value,
            "database": db_path.name,
            "files": list(files),
            "counts": counts,
            "schema_version": schema,
            "data_size": data_size,
            "restored_at": None,
        }
        write_file_atomically(note_path(final), json.dumps(note, ensure_ascii=False, indent=1).encode("utf-8"))
        os.replace(packed, final)
        _fsync_dir(folder)
    except OSError as exc:
        note_path(final).unlink(missing_ok=True)
        raise _os_error(exc, f"Cadangan tidak dapat ditulis ({final.name})") from exc
    except BaseException:
        note_path(final).unlink(missing_ok=True)
        raise
    finally:
        for temp in (plain, packed, plain.with_name(plain.name + "-journal")):
            try:
                temp.unlink(missing_ok=True)
            except OSError:
                pass
    info = BackupInfo(
        final,
        reason,
        dt.datetime.strptime(final.name.split(f".{reason.value}-")[1][:15], _STAMP),
        tuple(files),
        counts,
        None,
        final.stat().st_size,
        data_size,
        schema,
    )
    if policy is not None:
        apply_retention(db_path, policy, protect=(final,))
    return info


def mark_restored(info: BackupInfo) -> None:
    """Record in the note that the backup was restored (undo then goes one import further back)."""
    note = _read_note(info.path) or {"format": NOTE_FORMAT, "reason": info.reason.value, "files": list(info.files)}
    note["restored_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        write_file_atomically(note_path(info.path), json.dumps(note, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError as exc:
        raise StorageError(
            f"Data sudah dipulihkan, tetapi catatan cadangan {info.path.name} tidak dapat diperbarui: "
            f"{os_reason(exc)}. Jangan membatalkan impor lagi sebelum memeriksa folder "
            f"{info.path.parent}."
        ) from exc


# -- reading a backup back -----------------------------------------------------------------------
class OpenedBackup:
    """A backup made readable: the plain SQLite file (a temporary one for a compressed backup)."""

    def __init__(self, info: BackupInfo):
        self.info = info
        self.temp: Path | None = None
        self.path = info.path

    def __enter__(self) -> OpenedBackup:
        if self.info.compressed:
            # the process id in the name: clean_temporary() leaves a living reader's copy alone
            self.temp = self.info.path.with_name(f".{self.info.path.name}{TEMP_MARK}-baca-{os.getpid()}.sqlite3")
            try:
                with gzip.open(self.info.path, "rb") as packed, open(self.temp, "wb") as out:
                    shutil.copyfileobj(packed, out, _CHUNK)
            except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
                self._drop()
                if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
                    raise _os_error(exc, f"Cadangan {self.info.path.name} tidak dapat dibuka") from exc
                raise StorageError(
                    f"Cadangan {self.info.path.name} rusak (berkas terpotong atau berubah); tidak dapat dipulihkan."
                ) from exc
            self.path = self.temp
        return self

    def check(self) -> tuple[dict[str, int], list[str]]:
        """Quick check and schema: counts and applied migrations; StorageError when unusable."""
        try:
            return inspect_copy(self.path)
        except StorageError as exc:
            raise StorageError(
                f"Cadangan {self.info.path.name} rusak atau bukan basis data KSD Desktop; tidak dapat dipulihkan."
            ) from exc

    def _drop(self) -> None:
        if self.temp is not None:
            for temp in (self.temp, self.temp.with_name(self.temp.name + "-journal")):
                try:
                    temp.unlink(missing_ok=True)
                except OSError:
                    pass

    def __exit__(self, *exc: object) -> None:
        self._drop()


def open_backup(info: BackupInfo) -> OpenedBackup:
    return OpenedBackup(info)


# -- retention and clean-up ------------------------------------------------------------------------
def apply_retention(
    db_path: str | Path, policy: RetentionPolicy, *, now: dt.datetime | None = None, protect: tuple[Path, ...] = ()
) -> list[Path]:
    """Delete the backups the policy does not keep (with their notes); returns them."""
    now = now or dt.datetime.now()
    backups = [b for b in list_backups(db_path) if b.reason != Reason.DAMAGED]
    keep: list[BackupInfo] = []
    drop: list[BackupInfo] = []
    for index, info in enumerate(backups):
        recent = now - info.created_at <= dt.timedelta(days=policy.keep_days)
        (keep if index < policy.keep_last or recent or info.path in protect else drop).append(info)
    limit = policy.max_total_mb * 1024 * 1024
    total = sum(b.size for b in keep)
    for info in reversed(keep[1:]):  # oldest first; the newest always stays
        if total <= limit:
            break
        if info.path in protect:
            continue
        keep.remove(info)
        drop.append(info)
        total -= info.size
    removed = []
    for info in drop:
        try:
            info.path.unlink(missing_ok=True)
            note_path(info.path).unlink(missing_ok=True)
            removed.append(info.path)
        except OSError:
            pass  # a backup in use (Windows) stays until the next time
    return removed


_READER = re.compile(rf"{re.escape(TEMP_MARK)}-baca-(\d+)\.sqlite3")


def _living_reader(name: str) -> bool:
    """Whether a temporary copy belongs to a process that is still running (POSIX; on Windows an
    open file cannot be removed anyway)."""
    found = _READER.search(name)
    if not found or os.name == "nt":
        return False
    try:
        os.kill(int(found[1]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def clean_temporary(db_path: str | Path) -> list[Path]:
    """Remove what an interrupted backup or restore left in ``cadangan/``: temporary files and
    notes without their backup. Call it holding the write lock (no backup is being made); a
    backup being read back by a running process is left alone."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    removed = []
    for path in folder.iterdir():
        orphan = (
            path.name.endswith(".json")
            and not path.with_name(path.name[:-5]).exists()
            and not path.name.startswith(".")
        )
        temporary = path.name.startswith(".") and TEMP_MARK in path.name and not _living_reader(path.name)
        if temporary or orphan:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def total_size(db_path: str | Path) -> int:
    """Bytes used by the backups of this data file."""
    return sum(b.size for b in list_backups(db_path))
