"""The monev report as a workbook (openpyxl), with the recap's cell helpers (recap/xlsx.py).

Sheets: **Ringkasan** (key figures), **Tahapan per Jenis** (steps reached per kind, with a bar
chart), **Perangkat Daerah**, **Usulan** (every proposal: where it stands, its last step and
agreements), **Perjanjian** (linked to the year's proposals) and **Berakhir 12 Bulan** (the
whole register). Only ``monev.write_monev`` imports this module, inside the function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, BinaryIO, cast

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from ...domain.agreements import STATE_LABELS, TYPE_LABELS
from ...domain.dates import format_date_id
from ...domain.models import label
from ...domain.monev import MonevFigures
from ..recap.xlsx import HEAD_FILL, HEAD_FONT, put, table_sheet
from .monev_tables import DATE_COLUMN, iso_date, proposal_columns, proposal_rows

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ...domain.agreements import Agreement
    from ..progress import Steps
    from ..recap.context import RecapContext

DATE = "DD/MM/YYYY"


def write_monev_workbook(fig: MonevFigures, ctx: RecapContext, handle: BinaryIO, steps: Steps) -> None:
    workbook = Workbook()
    summary(cast("Worksheet", workbook.active), fig, ctx)  # a new workbook's one sheet (openpyxl: any kind, or None)
    by_kind(workbook.create_sheet("Tahapan per Jenis"), fig)
    steps.check()
    table_sheet(
        workbook.create_sheet("Perangkat Daerah"),
        [
            ("No", 6, False),
            ("Kode", 14, False),
            ("Perangkat Daerah", 46, True),
            ("Usulan", 9, False),
            ("Sesuai", 9, False),
            ("Ditindaklanjuti", 14, False),
            ("KSB/NK", 9, False),
            ("PKS", 9, False),
            ("Tidak Dilanjutkan", 13, False),
            (f"Tanpa Langkah ≥{fig.stale_months} Bulan", 16, False),
        ],
        (
            [i, a.code, a.name, a.proposals, a.sesuai, a.with_steps, a.agreement, a.pks, a.not_pursued, a.stale]
            for i, a in enumerate(fig.agencies, 1)
        ),
    )
    proposals(workbook.create_sheet("Usulan"), fig)
    steps.check()
    agreements(workbook.create_sheet("Perjanjian"), fig.agreements, fig)
    agreements(workbook.create_sheet("Berakhir 12 Bulan"), fig.expiring, fig)
    workbook.save(handle)


def summary(ws: Worksheet, fig: MonevFigures, ctx: RecapContext) -> None:
    ws.title = "Ringkasan"
    put(
        ws, 1, 1, f"Monitoring dan Evaluasi Tindak Lanjut Hasil Pemetaan KSD {ctx.region_name} Tahun {fig.year}"
    ).font = HEAD_FONT
    put(ws, 2, 1, f"Keadaan data per {format_date_id(fig.today)}")
    rows = [
        ("Usulan hasil pemetaan", fig.proposals),
        ("Sesuai kriteria", fig.sesuai),
        ("Sudah ditindaklanjuti (ada langkah)", fig.with_steps),
        ("Mencapai KSB/NK", fig.reached_agreement),
        ("Mencapai PKS", fig.reached_pks),
        ("Tidak dilanjutkan", fig.not_pursued),
        ("Sesuai kriteria, belum ada langkah", fig.pending),
        (f"Tanpa langkah ≥ {fig.stale_months} bulan", fig.stale),
        ("Perjanjian terkait usulan tahun ini", len(fig.agreements)),
    ]
    rows += [(f"  perjanjian {v.lower()}", fig.agreement_states.get(k, 0)) for k, v in STATE_LABELS.items()]
    rows.append(("Perjanjian di register yang berakhir dalam 12 bulan", len(fig.expiring)))
    for i, (name, value) in enumerate(rows, 4):
        put(ws, i, 1, name)
        put(ws, i, 2, value)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 52, 12


def by_kind(ws: Worksheet, fig: MonevFigures) -> None:
    row = 1
    for kind in fig.kinds:
        put(ws, row, 1, f"{label(kind.kind)}: {kind.proposals} usulan").font = HEAD_FONT
        put(ws, row + 1, 1, "Tahap").font = HEAD_FONT
        put(ws, row + 1, 2, "Usulan yang mencapai").font = HEAD_FONT
        put(ws, row + 1, 3, "Persentase").font = HEAD_FONT
        for cell in ws[row + 1][:3]:
            cell.fill = HEAD_FILL
        first = row + 2
        for i, count in enumerate(kind.steps):
            put(ws, first + i, 1, count.label + (" (pilihan)" if count.optional else ""))
            put(ws, first + i, 2, count.reached)
            put(
                ws,
                first + i,
                3,
                round(count.reached * 100 / kind.proposals, 1) if kind.proposals else 0,
                number_format='0.0" %"',
            )
        last = first + len(kind.steps) - 1
        chart = BarChart()
        chart.type, chart.style, chart.legend = "bar", 10, None
        chart.title = f"{kind.kind}: tahapan yang dicapai"
        chart.y_axis.title = "usulan"
        chart.add_data(Reference(ws, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        chart.x_axis.scaling.orientation = "maxMin"  # the procedure's order from the top
        chart.height, chart.width = max(5.0, 0.75 * len(kind.steps)), 16
        ws.add_chart(chart, f"E{row}")
        row = max(last + 3, row + int(chart.height * 2) + 2)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 48, 20, 12


def proposals(ws: Worksheet, fig: MonevFigures) -> None:
    count = table_sheet(ws, proposal_columns(fig), proposal_rows(fig))
    for row in range(2, count + 2):
        ws.cell(row=row, column=DATE_COLUMN).number_format = DATE


def agreements(ws: Worksheet, items: Sequence[Agreement], fig: MonevFigures) -> None:
    columns = [
        ("No", 6, False),
        ("Jenis", 26, True),
        ("Nomor", 26, True),
        ("Judul/Objek", 44, True),
        ("Para Pihak", 44, True),
        ("Ditandatangani", 14, False),
        ("Berakhir", 14, False),
        ("Jangka Waktu", 16, False),
        ("Keadaan", 16, False),
        ("Sisa Hari", 10, False),
    ]
    count = table_sheet(
        ws,
        columns,
        (
            [
                i,
                TYPE_LABELS.get(a.doc_type, a.doc_type),
                a.number,
                a.title or a.object,
                "; ".join(a.parties),
                iso_date(a.date_signed),
                a.expiry(),
                a.term_text(),
                STATE_LABELS[a.state(fig.today).value],
                _days_left(a, fig.today),
            ]
            for i, a in enumerate(items, 1)
        ),
    )
    for row in range(2, count + 2):
        for column in (6, 7):
            ws.cell(row=row, column=column).number_format = DATE


def _days_left(agreement: Agreement, today: dt.date) -> int | None:
    end = agreement.expiry()
    return (end - today).days if end else None
