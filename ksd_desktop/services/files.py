"""Writing files safely: through a temporary file in the same folder, renamed into place.

A failure (full disk, a folder that cannot be written, a cancel) never leaves half a file, and
an existing file of the same name stays as it was. Used by the PDF export, bundles and the recap.

A process killed while writing cannot remove its temporary file (``.ksd-XXXX.pdf`` beside
the target). So each temporary file is registered in ``sementara/`` in the user's data
folder while it is written (and held locked on POSIX), and :func:`clean_stale_temporaries`,
run at every start, removes the ones whose writer is gone.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..storage.errors import os_reason
from .errors import ServiceError

REGISTRY_DIR = "sementara"


class ExportError(ServiceError):
    """A file could not be written; the message says why and what to do."""


def _registry() -> Path:
    from ..paths import user_data_dir

    return user_data_dir() / REGISTRY_DIR


def _register(temp: str) -> Path | None:
    """Note the temporary file's path in the registry (best effort: a failure only means no clean-up)."""
    try:
        folder = _registry()
        folder.mkdir(parents=True, exist_ok=True)
        entry = folder / f"{uuid.uuid4().hex}.txt"
        entry.write_text(temp, encoding="utf-8")
        return entry
    except OSError:
        return None


def _lock(handle: int) -> None:
    """Hold an advisory lock on the open temporary file while it is written (POSIX)."""
    if sys.platform != "win32":  # (os.name != "nt"; the type checker reads sys.platform)
        import fcntl

        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass


def _in_use(path: Path) -> bool:
    """Whether a live writer still holds the file (Windows refuses to delete it anyway)."""
    if sys.platform == "win32":
        return False
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def clean_stale_temporaries() -> list[Path]:
    """Remove temporary files of exports interrupted by a crash or a kill; returns them."""
    try:
        entries = list(_registry().glob("*.txt"))
    except OSError:
        return []
    removed = []
    for entry in entries:
        try:
            temp = Path(entry.read_text(encoding="utf-8").strip())
        except OSError:
            continue
        try:
            if temp.name.startswith(".ksd-") and temp.exists():
                if _in_use(temp):
                    continue
                temp.unlink()
                removed.append(temp)
            entry.unlink()
        except OSError:
            continue  # in use (Windows) or not ours to remove: next start
    return removed


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Write through a temporary file in the same folder, so a failure never leaves half a file."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(
            f"{path} adalah folder; sebutkan nama berkas yang akan dibuat, misalnya {path / 'hasil'}"
            f"{path.suffix or '.pdf'}."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".ksd-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise ExportError(
            f"Folder tujuan tidak dapat ditulisi ({path.parent}): {os_reason(exc)}. Pilih folder lain."
        ) from exc
    entry = _register(temp)
    _lock(handle)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary document
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        hint = "Kosongkan ruang penyimpanan" if getattr(exc, "errno", None) == 28 else "Periksa folder tujuan"
        raise ExportError(f"Berkas {path.name} tidak dapat ditulis: {os_reason(exc)}. {hint}, lalu coba lagi.") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    finally:
        if entry is not None:
            try:
                entry.unlink(missing_ok=True)
            except OSError:
                pass
    return path
