"""Export a form as the official PDF: gather what the page needs, write the file atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ...domain.models import Form
from ...storage.letterheads import LetterheadRepository, secretariat_fallback
from ...storage.repositories import FormRepository, ReferenceRepository, SettingsRepository
from ..exchange.keys import own_device_code
from ..files import ExportError, write_atomically
from ..progress import Cancelled, Progress, Steps

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .context import PdfContext


def pdf_context(db: Database, form: Form, *, exported_at: str | None = None) -> PdfContext:
    """Names and letterhead for the PDF, from the reference data and the settings."""
    from ...domain.settings import paper_size
    from .context import PdfContext

    ref, settings = ReferenceRepository(db), SettingsRepository(db)
    agency = next((a for a in ref.agencies() if a.code == form.agency_code), None)
    regions = {r.code: r.name for r in ref.regions()}
    home = settings.get("home_region_code")
    letterhead = LetterheadRepository(db)
    return PdfContext(
        agency_name=agency.name if agency else form.agency_code,
        region_title=str(settings.get("region_title") or ""),
        region_name=regions.get(home, home),
        letterhead_lines=letterhead.kop_lines(form.agency_code, secretariat_fallback(settings, form.agency_code)),
        urusan_names={code: name for code, name, _ in ref.urusan()},
        region_names=regions,
        logo_path=settings.get("logo_path"),
        agency_logo_path=letterhead.get(form.agency_code).logo_path,
        generated_at=exported_at,
        paper=paper_size(settings.get("paper_size")),
        tte=bool(settings.get("tte_mode")),
        device_code=own_device_code(db),
    )


def export_form(
    db: Database,
    form: Form,
    out: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    exported_at: str | None = None,
) -> Path:
    """Write ``form`` as the official PDF to ``out`` (atomically); a cancel writes nothing.
    ``exported_at`` (ISO UTC, default now) fixes the PDF's dates and identifier."""
    return write_form_pdf(
        form, pdf_context(db, form, exported_at=exported_at), out, progress=progress, cancelled=cancelled
    )


def write_form_pdf(
    form: Form,
    context: PdfContext,
    out: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Render and write; needs no database, so the GUI runs it off its thread with the context read."""
    from .form import build_form_pdf

    steps = Steps(2, progress, cancelled)

    def write(handle: BinaryIO) -> None:
        steps.check()
        build_form_pdf(form, context, handle)
        steps.advance()  # a cancel during the render still leaves no file: the temporary one is removed

    path = write_atomically(Path(out), write)
    steps.finish()
    return path


def export_form_pdf(
    db: Database, agency_code: str, year: int, out: str | Path, *, exported_at: str | None = None
) -> Path:
    """Export the agency's form for the year as it stands (draft or signed)."""
    form = FormRepository(db).find(agency_code, year)
    if form is None:
        raise ExportError(
            f"Belum ada formulir {agency_code} tahun {year}. Periksa kode perangkat daerah dan tahun "
            "(kode terlihat di menu Data › Perangkat Daerah, misalnya DINKES)."
        )
    return export_form(db, form, out, exported_at=exported_at)
