"""Errors the user can cause with a data file, each with a formal Indonesian message."""

from __future__ import annotations

from ..errors import UserError


class StorageError(UserError):
    """A problem with the data file that the user can act on; ``str()`` is the message."""


class DatabaseNotFoundError(StorageError):
    pass


class NotADatabaseError(StorageError):
    pass


class DatabaseLockedError(StorageError):
    pass


class FormLockedError(StorageError):
    pass


class DiskFullError(StorageError):
    pass


def translate_sqlite_error(exc: Exception, path: str = "") -> StorageError:
    """Turn a sqlite3 error into a message that says what happened and what to do."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(
            f"Berkas data sedang dipakai program lain{where}. Tutup aplikasi KSD Desktop lain "
            "atau program yang membuka berkas itu, lalu coba lagi.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return NotADatabaseError(
            f"Berkas{where} bukan basis data KSD Desktop atau sudah rusak. Pulihkan dari cadangan "
            "(menu Berkas › Cadangkan/Pulihkan) atau pilih berkas lain.")
    if "disk" in text and ("full" in text or "i/o" in text) or "database or disk is full" in text:
        return DiskFullError(
            f"Penyimpanan penuh atau tidak dapat ditulisi{where}. Kosongkan ruang penyimpanan, lalu "
            "coba lagi; data yang belum tersimpan tidak ditulis sebagian.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(
            f"Berkas data tidak dapat dibuka untuk ditulisi{where}. Periksa hak akses folder atau "
            "pilih lokasi data lain.")
    if "signed" in text or "ditandatangani" in text or "hanya boleh ditambah" in text:
        return FormLockedError(str(exc))
    return StorageError(f"Kesalahan basis data{where}: {exc}")
