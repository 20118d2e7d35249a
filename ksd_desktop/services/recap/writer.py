"""The year's recap: "Laporan Hasil Pemetaan Kerja Sama Daerah" as PDF or XLSX.

    figures = build_recap(db, 2024)                  # RecapFigures (domain/recap.py)
    write_recap(db, 2024, "rekap-2024.pdf")          # or .xlsx, chosen by the suffix

The GUI's ``action_recap`` and ``ksd-desktop recap --db PATH --year YYYY OUT`` call
:func:`write_recap`. Long work reports ``progress(done, total)`` and asks ``cancelled()``
between steps (also between pages of the PDF and between blocks of spreadsheet rows); a
cancel raises :class:`RecapCancelled`. The file is written atomically
(``services.files.write_atomically``): a cancel or an error leaves no file, and an existing
file of the same name stays as it was.

reportlab and openpyxl are imported inside the writers only (recap/pdf.py, recap/xlsx.py), so
importing this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from ...domain.monev import MonevFigures
from ...domain.recap import RecapFigures, compute_recap
from ...domain.report import ReportSettings
from ...domain.settings import paper_size
from ...storage.letterheads import secretariat_kop
from ...storage.recap_queries import recap_rows
from ...storage.repositories import ReferenceRepository, ReportSettingsRepository, SettingsRepository
from ..files import write_atomically
from .context import (
    SUFFIXES,
    Cancelled,
    Progress,
    RecapContext,
    RecapError,
    Steps,
)


def recap_context(
    db: Database, *, today: dt.date | None = None, year: int | None = None, report: ReportSettings | None = None
) -> RecapContext:
    """What the Laporan prints besides the figures; ``report`` overrides the stored settings of ``year``."""
    settings = SettingsRepository(db)
    if report is None:
        report = ReportSettingsRepository(db).get(year) if year is not None else ReportSettings()
    home = settings.get("home_region_code")
    region = next((r.name for r in ReferenceRepository(db).regions() if r.code == home), home or "")
    lines, agency_logo = secretariat_kop(db, settings)
    return RecapContext(
        region_title=str(settings.get("region_title") or ""),
        region_name=region,
        letterhead_lines=lines,
        signed_place=str(settings.get("default_signed_place") or ""),
        logo_path=settings.get("logo_path"),
        agency_logo_path=agency_logo,
        today=today or dt.date.today(),
        report=report,
        paper=paper_size(settings.get("paper_size")),
        tte=bool(settings.get("tte_mode")),
    )


def build_recap(db: Database, year: int) -> RecapFigures:
    """The figures of ``year`` (agencies taking part, assessment, split by kind, partners…)."""
    return compute_recap(recap_rows(db, _year(year)))


def _year(year: object) -> int:
    try:
        value = int(str(year))
    except (TypeError, ValueError):
        raise RecapError(f"Tahun rekap tidak valid: {year!r}. Tulis tahun dengan empat angka, misalnya 2024.") from None
    if not 2000 <= value <= 2100:
        raise RecapError(f"Tahun rekap tidak valid: {value}. Tulis tahun dengan empat angka, misalnya 2024.")
    return value


def _prepare(
    db: Database, year: int, steps: Steps, today: dt.date | None, report: ReportSettings | None = None
) -> tuple[RecapFigures, RecapContext]:
    steps.check()
    rows = recap_rows(db, _year(year))
    steps.advance()
    figures = compute_recap(rows)
    context = recap_context(db, today=today, year=_year(year), report=report)
    context = replace(context, previous_followup=previous_followup(db, _year(year), context.today))
    steps.advance()
    return figures, context


def previous_followup(db: Database, year: int, today: dt.date) -> MonevFigures | None:
    """The monev figures of ``year - 1`` (III.H of the Laporan), or None when that year has no proposals."""
    from ..followup.monev import build_monev

    figures = build_monev(db, year - 1, today=today)
    return figures if figures.proposals else None


def write_recap_pdf(
    db: Database,
    year: int,
    out: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: dt.date | None = None,
    report: ReportSettings | None = None,
) -> Path:
    """Write the Laporan (PDF, A4 or F4 per the settings) of ``year`` to ``out``; returns the path."""
    from .pdf import estimate_pages, render_recap_pdf

    steps = Steps(3, progress, cancelled)
    figures, context = _prepare(db, year, steps, today, report)
    steps.grow(estimate_pages(figures))
    path = write_atomically(Path(out), lambda handle: handle.write(render_recap_pdf(figures, context, steps)))
    steps.finish()
    return path


def write_recap_xlsx(
    db: Database,
    year: int,
    out: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: dt.date | None = None,
    report: ReportSettings | None = None,
) -> Path:
    """Write the recap spreadsheet (Ringkasan, Rincian, Usulan, Perangkat Daerah, Calon Mitra)."""
    from .xlsx import ROW_BLOCK, write_workbook

    steps = Steps(3, progress, cancelled)
    figures, context = _prepare(db, year, steps, today, report)
    steps.grow(4 + len(figures.lines) // ROW_BLOCK)
    path = write_atomically(Path(out), lambda handle: write_workbook(figures, context, handle, steps))
    steps.finish()
    return path


def check_recap_path(out: str | Path) -> str:
    """The recap's format by the file's suffix (``pdf`` or ``xlsx``); a clear error otherwise."""
    suffix = Path(out).suffix.lower()
    if suffix not in SUFFIXES:
        shown = f"akhiran {suffix!r}" if suffix else "tanpa akhiran"
        raise RecapError(
            f"Berkas rekap {Path(out).name!r} ({shown}) tidak dikenal. Gunakan akhiran .pdf untuk "
            "laporan atau .xlsx untuk lembar kerja, misalnya rekap-2024.pdf."
        )
    return suffix[1:]


def write_recap(
    db: Database,
    year: int,
    out: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: dt.date | None = None,
    report: ReportSettings | None = None,
) -> Path:
    """Write the recap as PDF or XLSX, chosen by the suffix of ``out``."""
    writer = write_recap_pdf if check_recap_path(out) == "pdf" else write_recap_xlsx
    return writer(db, year, out, progress=progress, cancelled=cancelled, today=today, report=report)


def update_report_settings(db: Database, year: int, values: dict[str, str]) -> ReportSettings:
    """Store the Laporan parts given as flat keys (``nomor``, ``signer_name``, ``mengetahui_nip``,
    ``with_mengetahui`` = ya/tidak …) for ``year``; the others keep their stored values."""
    repo = ReportSettingsRepository(db)
    settings = repo.get(_year(year))
    data = settings.to_json()
    for key, value in values.items():
        if key == "with_mengetahui":
            data[key] = str(value).lower() in ("ya", "1", "true")
        elif key.startswith(("signer_", "mengetahui_")):
            who, field_name = key.split("_", 1)
            data["signer" if who == "signer" else "mengetahui"][field_name] = value
        else:
            data[key] = value
    if data.get("tanggal"):
        try:
            dt.date.fromisoformat(data["tanggal"])
        except ValueError:
            raise RecapError(
                f"Tanggal laporan {data['tanggal']!r} tidak valid; tulis TTTT-BB-HH, misalnya 2024-08-08."
            ) from None
    settings = ReportSettings.from_json(data)
    repo.save(_year(year), settings)
    return settings


def report_editing(db: Database, year: int) -> tuple[ReportSettings, list[str], list[str], list[str]]:
    """What the Isi Laporan dialog shows: the stored settings, the default conclusions and suggestions of
    ``year``'s figures (placeholder text), and the ranks for the pangkat lists."""
    from ...domain.report import default_conclusions, default_suggestions

    figures = build_recap(db, year)
    context = recap_context(db, year=_year(year))
    return (
        context.report,
        default_conclusions(figures, context.region_name),
        default_suggestions(figures),
        ReferenceRepository(db).ranks(),
    )


def save_report_settings(db: Database, year: int, settings: ReportSettings) -> None:
    ReportSettingsRepository(db).save(_year(year), settings)
