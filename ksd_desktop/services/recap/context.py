"""What the recap's writers share: the report's context, its errors and the progress of a job.

Kept apart from writer.py so that the PDF and XLSX writers import it without importing the
writer (which imports them): no cycle, lazy or not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...domain.report import ReportSettings
from ..files import ExportError
from ..progress import Cancelled, JobCancelled, Progress
from ..progress import Steps as _Steps

__all__ = [
    "Cancelled",
    "Progress",
    "RecapCancelled",
    "RecapContext",
    "RecapError",
    "Steps",
    "SUFFIXES",
    "SIGNER_TITLE",
    "SIGNER_UNIT",
]

SUFFIXES = (".pdf", ".xlsx")
SIGNER_UNIT = "Bagian Tata Pemerintahan"
SIGNER_TITLE = ("KEPALA BAGIAN TATA PEMERINTAHAN", "SEKRETARIAT DAERAH")


class RecapError(ExportError):
    """The recap could not be written; the message says why and what to do."""


class RecapCancelled(RecapError, JobCancelled):
    """The user cancelled; nothing was written."""

    def __init__(self, message: str = "Pembuatan rekap dibatalkan; tidak ada berkas yang ditulis."):
        super().__init__(message)


@dataclass(frozen=True)
class RecapContext:
    """What the report prints besides the figures: the kop, names and the date."""

    region_title: str  # "PEMERINTAH KABUPATEN BANJAR"
    region_name: str  # "Kabupaten Banjar"
    letterhead_lines: tuple[str, ...]
    signed_place: str  # "Martapura"
    logo_path: str | None  # the region's lambang (kop, left)
    today: dt.date  # "keadaan data per …"
    report: ReportSettings = field(default_factory=ReportSettings)
    paper: str = "A4"  # "A4" or "F4" (domain/settings.py PAPER_SIZES_MM)
    tte: bool = False  # TTE BSrE mode: reserved space and the BSrE footer
    #: What became of the previous mapping year's proposals (followup/monev.py MonevFigures), printed as
    #: III.H "Tindak lanjut hasil pemetaan tahun sebelumnya"; None when the file has no such year.
    previous_followup: Any = None
    agency_logo_path: str | None = None  # the Sekretariat Daerah's own logo, if it has one (kop, right)

    @property
    def title(self) -> str:
        return f"Laporan Hasil Pemetaan Kerja Sama Daerah {self.region_name}"


class Steps(_Steps):
    """Progress of a recap; a cancel raises :class:`RecapCancelled`."""

    cancel_error = RecapCancelled
