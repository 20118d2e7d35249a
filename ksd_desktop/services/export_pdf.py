"""Export a form as the official PDF: gather what the page needs, write the file atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.models import Form
from ..storage.errors import StorageError
from ..storage.repositories import FormRepository, ReferenceRepository, SettingsRepository

if TYPE_CHECKING:
    from sqlite_utils import Database


class ExportError(StorageError):
    """The PDF could not be written; the message says why and what to do."""


def pdf_context(db: Database, form: Form):
    """Names and letterhead for the PDF, from the reference data and the settings."""
    from .pdf_form import PdfContext
    ref, settings = ReferenceRepository(db), SettingsRepository(db)
    agency = next((a for a in ref.agencies() if a.code == form.agency_code), None)
    regions = {r.code: r.name for r in ref.regions()}
    home = settings.get("home_region_code")
    return PdfContext(
        agency_name=agency.name if agency else form.agency_code,
        region_title=str(settings.get("region_title") or ""),
        region_name=regions.get(home, home),
        letterhead_lines=tuple(settings.get("letterhead_lines") or ()),
        urusan_names={code: name for code, name, _ in ref.urusan()},
        region_names=regions,
        logo_path=settings.get("logo_path"),
    )


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


def export_form(db: Database, form: Form, out: str | Path) -> Path:
    from .pdf_form import build_form_pdf
    context = pdf_context(db, form)
    return write_atomically(Path(out), lambda handle: build_form_pdf(form, context, handle))


def export_form_pdf(db: Database, agency_code: str, year: int, out: str | Path) -> Path:
    """Export the agency's form for the year as it stands (draft or signed)."""
    form = FormRepository(db).find(agency_code, year)
    if form is None:
        raise ExportError(f"Belum ada formulir {agency_code} tahun {year}. Periksa kode perangkat daerah dan tahun "
                          "(kode terlihat di menu Data › Perangkat Daerah, misalnya DINKES).")
    return export_form(db, form, out)
