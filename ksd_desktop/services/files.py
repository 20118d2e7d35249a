"""Writing files safely: through a temporary file in the same folder, renamed into place.

A failure (full disk, a folder that cannot be written, a cancel) never leaves half a file, and
an existing file of the same name stays as it was. Used by the PDF export, bundles and the recap.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ServiceError


class ExportError(ServiceError):
    """A file could not be written; the message says why and what to do."""


def write_atomically(path: Path, write) -> Path:
    """Write through a temporary file in the same folder, so a failure never leaves half a file."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".ksd-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise ExportError(f"Folder tujuan tidak dapat ditulisi ({path.parent}): {exc.strerror or exc}. "
                          "Pilih folder lain.") from exc
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
        raise ExportError(f"Berkas {path.name} tidak dapat ditulis: {exc.strerror or exc}. {hint}, lalu coba lagi.") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
