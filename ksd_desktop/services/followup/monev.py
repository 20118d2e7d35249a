"""The monev report of a mapping year: "Laporan Monitoring dan Evaluasi Tindak Lanjut Hasil Pemetaan".

    figures = build_monev(db, 2024)
    write_monev(db, 2024, "monev-2024.pdf")      # or .xlsx, chosen by the suffix

reportlab and openpyxl are imported inside the writers only (monev_pdf.py, monev_xlsx.py). The
file is written atomically; a cancel (``cancelled()``) leaves no file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.monev import MonevFigures, MonevProposal, compute_monev
from ...storage.followup_repo import FollowupRepository
from ...storage.letterheads import secretariat_kop
from ...storage.repositories import ReferenceRepository, SettingsRepository
from ..files import ExportError, write_atomically
from ..progress import Cancelled, Progress, Steps
from ..recap.context import RecapContext
from .procedures import procedures
from .register import DEFAULT_STALE_MONTHS, overview

if TYPE_CHECKING:
    from sqlite_utils import Database

SUFFIXES = (".pdf", ".xlsx")


class MonevError(ExportError):
    """The monev report could not be written; the message says why."""


class MonevCancelled(MonevError):
    def __init__(self, message: str = "Pembuatan laporan monev dibatalkan; tidak ada berkas yang ditulis."):
        super().__init__(message)


class MonevSteps(Steps):
    cancel_error = MonevCancelled


def build_monev(
    db: Database, year: int, *, today: dt.date | None = None, stale_months: int = DEFAULT_STALE_MONTHS
) -> MonevFigures:
    today = today or dt.date.today()
    repo = FollowupRepository(db, device="-")
    rows = overview(db, year, today=today, stale_months=stale_months)
    steps = repo.steps_of_year(year)
    proposals = [
        MonevProposal(
            r.proposal.uuid,
            r.proposal.agency_code,
            r.proposal.agency_name,
            r.proposal.seq,
            r.proposal.kind,
            r.proposal.object,
            r.proposal.review_status,
            tuple(steps.get(r.proposal.uuid, ())),
            r.stale,
        )
        for r in rows
    ]
    register = repo.agreements()
    year_uuids = {p.uuid for p in proposals}
    linked = [a for a in register if year_uuids & set(a.proposal_uuids)]
    return compute_monev(year, proposals, procedures(), linked, register, today=today, stale_months=stale_months)


def report_context(db: Database, today: dt.date) -> RecapContext:
    """The kop and names of the report (the recap's context; built here so that the Laporan,
    which includes a monev section, can import this module without a cycle)."""
    settings = SettingsRepository(db)
    home = settings.get("home_region_code")
    region = next((r.name for r in ReferenceRepository(db).regions() if r.code == home), home or "")
    lines, agency_logo = secretariat_kop(db, settings)  # the Setda's kop, as the Laporan prints it
    return RecapContext(
        region_title=str(settings.get("region_title") or ""),
        region_name=region,
        letterhead_lines=lines,
        signed_place=str(settings.get("default_signed_place") or ""),
        logo_path=settings.get("logo_path"),
        agency_logo_path=agency_logo,
        today=today,
    )


def check_monev_path(out: str | Path) -> str:
    suffix = Path(out).suffix.lower()
    if suffix not in SUFFIXES:
        raise MonevError(
            f"Berkas {Path(out).name!r} tidak dikenal. Gunakan akhiran .pdf untuk laporan atau .xlsx untuk "
            "lembar kerja, misalnya monev-2024.pdf."
        )
    return suffix[1:]


def write_monev(
    db: Database,
    year: int,
    out: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: dt.date | None = None,
    stale_months: int = DEFAULT_STALE_MONTHS,
) -> Path:
    """Write the monev report of ``year`` as PDF or XLSX (by the suffix of ``out``)."""
    fmt = check_monev_path(out)
    steps = MonevSteps(4, progress, cancelled)
    figures = build_monev(db, year, today=today, stale_months=stale_months)
    steps.advance()
    context = report_context(db, figures.today)
    steps.advance()
    if fmt == "pdf":
        from .monev_pdf import render_monev_pdf

        data = render_monev_pdf(figures, context, steps)
        path = write_atomically(Path(out), lambda handle: handle.write(data))
    else:
        from .monev_xlsx import write_monev_workbook

        path = write_atomically(Path(out), lambda handle: write_monev_workbook(figures, context, handle, steps))
    steps.finish()
    return path
