"""The rows of the monev's "Usulan" sheet, shared by the monev workbook and the Laporan's workbook
(which adds it as "Tindak Lanjut <tahun>"). No openpyxl here: each writer lays the rows out with
its own ``table_sheet`` (recap/xlsx.py), so neither writer imports the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ...domain.models import label
from ...domain.monev import MonevFigures
from .procedures import step_label

DATE_COLUMN = 8  # 1-based column of the last step's date (number format DD/MM/YYYY)


def proposal_columns(fig: MonevFigures) -> list[tuple[str, float, bool]]:
    return [
        ("No", 6, False),
        ("Perangkat Daerah", 30, True),
        ("No. Usulan", 9, False),
        ("Jenis", 10, False),
        ("Objek", 44, True),
        ("Penilaian", 16, False),
        ("Tahap Terakhir", 30, True),
        ("Tanggal Langkah Terakhir", 14, False),
        ("Jumlah Langkah", 10, False),
        ("Perjanjian", 40, True),
        (f"Tanpa Langkah ≥{fig.stale_months} Bulan", 14, False),
    ]


def proposal_rows(fig: MonevFigures) -> Iterator[list[Any]]:
    for i, x in enumerate(fig.lines, 1):
        yield [
            i,
            x.proposal.agency_name,
            x.proposal.seq,
            x.proposal.kind,
            x.proposal.object,
            label(x.proposal.review_status),
            step_label(x.standing.current) or "belum ada",
            iso_date(x.standing.last_date),
            x.standing.steps,
            "; ".join(f"{a.doc_type} {a.number}" for a in x.agreements),
            "ya" if x.proposal.stale else "",
        ]


def iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
