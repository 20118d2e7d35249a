"""Errors the user can cause with a data file, each with a formal Indonesian message.

Each class carries the command line's exit code (``exit_code``): 1 the command could not do
its job, 3 the data file is in use by another program (try again later), 4 the data file is
damaged (restore it from a backup).
"""

from __future__ import annotations

from ..errors import EXIT_CORRUPT, EXIT_FAILED, EXIT_LOCKED, UserError


class StorageError(UserError):
    """A problem with the data file that the user can act on; ``str()`` is the message."""

    exit_code = EXIT_FAILED


class DatabaseNotFoundError(StorageError):
    pass


class NotADatabaseError(StorageError):
    """Not a KSD Desktop data file: not SQLite at all, or a folder."""


class ForeignDatabaseError(NotADatabaseError):
    """An SQLite file of another program: refused, never converted."""


class NewerDatabaseError(StorageError):
    """Written by a newer version of the app: only read, never written."""


class ReadOnlyDatabaseError(StorageError):
    """The file or its folder cannot be written, and the command needs to write."""


class CorruptDatabaseError(StorageError):
    """SQLite found the file damaged; ``path`` is the data file (for the backup offer)."""

    exit_code = EXIT_CORRUPT

    def __init__(self, message: str, path: str = ""):
        super().__init__(message)
        self.path = path


class DatabaseLockedError(StorageError):
    exit_code = EXIT_LOCKED


class FormLockedError(StorageError):
    pass


class DiskFullError(StorageError):
    pass


_OS_REASONS = {
    "ENOENT": "berkas atau folder tidak ada",
    "EACCES": "tidak ada hak akses",
    "EPERM": "tidak diizinkan",
    "ENOSPC": "penyimpanan penuh",
    "EDQUOT": "kuota penyimpanan habis",
    "EISDIR": "itu sebuah folder",
    "ENOTDIR": "bagian jalurnya bukan folder",
    "ENAMETOOLONG": "nama atau jalurnya terlalu panjang",
    "EROFS": "penyimpanan hanya dapat dibaca",
    "EBUSY": "sedang dipakai program lain",
    "EIO": "kesalahan baca/tulis",
    "EEXIST": "sudah ada",
    "EINVAL": "nama tidak sah",
    "EMFILE": "terlalu banyak berkas terbuka",
    "ELOOP": "tautan berputar",
    "EXDEV": "beda perangkat penyimpanan",
}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Indonesian (its own text is English or local)."""
    import errno

    name = errno.errorcode.get(getattr(exc, "errno", None) or -1, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    if getattr(exc, "winerror", None) in (32, 33):
        return "sedang dipakai program lain"
    return exc.strerror or str(exc)


def corrupt_message(path: str, detail: str = "") -> str:
    where = f" {path}" if path else ""
    why = f" ({detail})" if detail else ""
    return (
        f"Berkas data{where} rusak{why}: SQLite tidak dapat membacanya dengan utuh, jadi data di dalamnya mungkin "
        "tidak lengkap. Jangan lanjutkan bekerja dengan berkas ini; pulihkan dari cadangan."
    )


def translate_sqlite_error(exc: Exception, path: str = "") -> StorageError:
    """Turn a sqlite3 error into a message that says what happened and what to do."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(
            f"Berkas data sedang dipakai program lain{where} dan tetap terkunci setelah ditunggu. Tutup aplikasi "
            "KSD Desktop lain atau program yang membuka berkas itu, lalu coba lagi."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return CorruptDatabaseError(corrupt_message(path, "struktur berkas tidak sah"), path)
    if "database or disk is full" in text or ("disk" in text and "full" in text):
        return DiskFullError(
            f"Penyimpanan penuh{where}. Kosongkan ruang penyimpanan, lalu coba lagi; perubahan yang gagal tidak "
            "ditulis sebagian."
        )
    if "disk i/o error" in text:
        return DiskFullError(
            f"Penyimpanan gagal dibaca atau ditulisi{where} (kesalahan baca/tulis). Bila berkas data ada di flash "
            "disk atau folder jaringan, pastikan masih terpasang, lalu coba lagi; perubahan yang gagal tidak ditulis "
            "sebagian."
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabaseError(
            f"Berkas data hanya dapat dibaca{where}: berkas atau foldernya tidak boleh ditulisi. Perubahan tidak "
            "disimpan. Minta hak tulis kepada petugas TI atau salin berkas ke folder lain."
        )
    if "unable to open" in text:
        return StorageError(
            f"Berkas data tidak dapat dibuka{where}. Periksa bahwa foldernya ada dan dapat diakses, lalu coba lagi."
        )
    if "no such table" in text or "no such column" in text:
        return NotADatabaseError(
            f"Berkas data{where} tidak memiliki struktur KSD Desktop yang lengkap (tabel atau kolom tidak ada): "
            "berkas mungkin rusak atau dibuat program lain. Pulihkan dari cadangan atau pilih berkas lain."
        )
    if "signed" in text or "ditandatangani" in text or "hanya boleh ditambah" in text:
        return FormLockedError(str(exc))
    if "constraint failed" in text:
        return StorageError(
            f"Perubahan ditolak oleh aturan basis data{where} (data ganda atau rujukan yang tidak ada); tidak ada "
            "yang ditulis. Muat ulang data, lalu coba lagi."
        )
    return StorageError(f"Basis data menolak perintah{where} (SQLite: {exc}); tidak ada yang ditulis sebagian.")
