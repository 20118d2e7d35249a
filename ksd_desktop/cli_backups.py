"""The command line's backup commands: ``undo-import``, ``backups``, ``restore``, and the
offer of the newest valid backup when a data file is damaged (see cli.py for the others)."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK = 0


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def open_for_restoring(path: Path):
    """The data file a restore writes into: must exist, be ours, writable; checked by SQLite."""
    from .storage.database import open_database, require_sound
    from .storage.errors import DatabaseNotFoundError

    if not path.exists():
        raise DatabaseNotFoundError(f"Berkas data tidak ditemukan: {path}. Periksa nama dan lokasinya.")
    db = open_database(path, create=False, load_reference=False)
    try:
        require_sound(db, path)
    except BaseException:
        db.close()
        raise
    return db


def cmd_undo_import(path: Path) -> int:
    from .services.exchange.backup import plan_undo, undo_copies, undo_last_import

    db = open_for_restoring(path)
    try:
        plan = plan_undo(path)
        if plan.skipped:
            _err(f"Catatan: {plan.describe_skipped()}.")
        restored = undo_last_import(path, live=db, plan=plan)
    finally:
        db.close()
    print(f"Impor dibatalkan: basis data dipulihkan seperti sebelum {restored.describe()}.")
    print(f"  Cadangan yang dipulihkan: {restored.path}")
    copies = undo_copies(path)
    if copies:
        print(f"  Keadaan sebelum pembatalan disimpan di: {copies[0]}")
    return EXIT_OK


def describe_backup(info) -> str:
    """One line for a backup: when (local time, Indonesian), why, and what it holds."""
    from .domain.dates import format_local_datetime_id, format_size_id

    counts = info.counts
    held = (
        (
            f"{counts.get('forms', 0)} formulir, {counts.get('proposals', 0)} usulan, "
            f"{counts.get('signed_snapshots', 0)} rekaman tanda tangan"
        )
        if counts
        else "isi tidak tercatat"
    )
    files = f"; berkas: {', '.join(info.files)}" if info.files else ""
    restored = "; sudah dipulihkan" if info.restored_at else ""
    size = format_size_id(info.size)
    return (
        f"{format_local_datetime_id(info.created_at, with_day=True)} · {info.label} · {held}{files}{restored} · {size}"
    )


def cmd_backups(path: Path) -> int:
    from .domain.dates import format_size_id
    from .services.exchange.backup import backup_dir, list_backups

    backups = list_backups(path)
    if not backups:
        print(f"Belum ada cadangan di {backup_dir(path)}.")
        return EXIT_OK
    print(f"Cadangan berkas data {path} (terbaru lebih dahulu), di {backup_dir(path)}:")
    for info in backups:
        print(f"  {info.path.name}")
        print(f"      {describe_backup(info)}")
    print(f"Jumlah: {len(backups)} cadangan, {format_size_id(sum(b.size for b in backups))}.")
    print(f"Pulihkan dengan: ksd-desktop restore --db {path} NAMA-CADANGAN")
    return EXIT_OK


def _chosen_backup(path: Path, name: str | None):
    from .services.exchange.backup import backup_dir, list_backups, newest_valid_backup
    from .storage.errors import StorageError

    if name is None:
        info = newest_valid_backup(path)
        if info is None:
            raise StorageError(f"Tidak ada cadangan yang sah di {backup_dir(path)}; tidak ada yang dipulihkan.")
        return info
    wanted = Path(name).name
    info = next((b for b in list_backups(path) if b.path.name == wanted), None)
    if info is None:
        raise StorageError(
            f"Cadangan «{wanted}» tidak ada di {backup_dir(path)}. Lihat daftarnya dengan: "
            f"ksd-desktop backups --db {path}"
        )
    return info


def cmd_restore(path: Path, name: str | None) -> int:
    from .services.exchange.backup import restore_backup, restore_damaged
    from .storage.errors import CorruptDatabaseError, NotADatabaseError

    if path.is_dir():
        raise NotADatabaseError(f"{path} adalah folder, bukan berkas data.")
    info = _chosen_backup(path, name)
    try:
        db = open_for_restoring(path) if path.exists() else None
    except CorruptDatabaseError:
        db = None
    if db is None:
        damaged = restore_damaged(path, info)
        print(f"Berkas data dipulihkan dari cadangan {info.path.name} ({describe_backup(info)}).")
        if damaged.exists():
            print(f"  Berkas yang rusak disimpan di: {damaged}")
        return EXIT_OK
    try:
        before = restore_backup(path, info, live=db)
    finally:
        db.close()
    print(f"Berkas data dipulihkan dari cadangan {info.path.name} ({describe_backup(info)}).")
    print(f"  Keadaan sebelum pemulihan disimpan di: {before.path}")
    return EXIT_OK


def offer_backup(path: Path) -> None:
    from .services.exchange.backup import backup_dir, newest_valid_backup

    try:
        info = newest_valid_backup(path)
    except Exception:  # noqa: BLE001 - the offer is a help; the failure is already reported
        info = None
    if info is None:
        _err(
            f"Tidak ada cadangan yang sah di {backup_dir(path)}. Bila ada salinan lain (misalnya di flash disk), "
            "pakai salinan itu dengan --db."
        )
        return
    _err(f"Cadangan sah terbaru: {info.path}")
    _err(f"  ({describe_backup(info)})")
    _err(f"Pulihkan dengan: ksd-desktop restore --db {path}")
