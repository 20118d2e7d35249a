"""The recap spreadsheet (openpyxl): the year's proposals and the figures, for the TKKSD.

Only ``recap.writer.write_recap_xlsx`` imports this module, inside the function.

Sheets:

- **Ringkasan**: the figures (agencies taking part, proposals, assessment), the split by
  kind over the proposals assessed *sesuai* beside the split over all proposals, the routes
  of the proposals *tidak sesuai*, the agencies that have not submitted, the partners named
  most.
- **Rincian**: the proposals by urusan, by KSDD category (wajib/sukarela), by partner
  category, by stage and by financing, each with its sesuai / tidak sesuai counts (Laporan III.E).
- **Usulan**: one row per proposal of the year, its partners joined with "; " (columns
  ``USULAN_COLUMNS``); autofilter, frozen header row, wrapped long text.
- **Perangkat Daerah**: every counted agency with its form and counts.
- **Calon Mitra**: every partner named, with the proposals and agencies naming it.

Percentages are numbers (46.4, rounded half up to one decimal as in the PDF) formatted
``0.0" %"``: an Indonesian-locale Excel or LibreOffice shows ``46,4 %``, and the value
still computes. Every enumeration is written as its Indonesian label (domain LABELS).
User text is cleaned of characters a spreadsheet cannot hold, cut at Excel's 32,767
characters, and never becomes a formula (a problem typed as ``=1+1`` stays text).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ... import APP_NAME, __version__
from ...domain.dates import format_date_id
from ...domain.models import label
from ...domain.recap import RecapFigures, Share, percent, route_label

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from .context import RecapContext, Steps

ROW_BLOCK = 250  # rows written between two progress reports / cancel checks
MAX_CELL = 32767
PERCENT_FORMAT = '0.0" %"'
#: (header, width in characters, wrap)
USULAN_COLUMNS: list[tuple[str, float, bool]] = [
    ("No", 6, False),
    ("Perangkat Daerah", 30, True),
    ("Kode", 15, False),
    ("Status Formulir", 15, False),
    ("Revisi", 8, False),
    ("Urusan", 28, True),
    ("Permasalahan", 60, True),
    ("Objek", 36, True),
    ("Jenis", 30, True),
    ("Kategori KSDD", 14, False),
    ("Bentuk KSDPK", 26, True),
    ("Calon Mitra", 40, True),
    ("Kategori Mitra", 32, True),
    ("Prioritas", 11, False),
    ("Tahapan", 20, True),
    ("Pembiayaan", 18, True),
    ("Penilaian", 16, False),
    ("Rute Alternatif", 28, True),
    ("Catatan Penilaian", 36, True),
]
AGENCY_COLUMNS = [
    ("No", 6, False),
    ("Kode", 16, False),
    ("Perangkat Daerah", 50, True),
    ("Status Formulir", 16, False),
    ("Revisi", 8, False),
    ("Usulan", 9, False),
    ("Sesuai", 9, False),
    ("Tidak Sesuai", 9, False),
    ("Belum Dinilai", 9, False),
    ("Keterangan", 40, True),
]
PARTNER_COLUMNS = [
    ("No", 6, False),
    ("Calon Mitra", 46, True),
    ("Kategori Mitra", 32, True),
    ("Usulan", 9, False),
    ("Jumlah Perangkat Daerah", 13, False),
    ("Disebut oleh", 60, True),
]

HEAD_FONT = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")


def clean(value: Any) -> Any:
    """A value a cell can hold: text without control characters, at most 32,767 characters."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def put(ws: Worksheet, row: int, column: int, value: Any, *, number_format: str | None = None) -> Cell:
    cell: Cell = ws.cell(row=row, column=column, value=clean(value))
    if isinstance(cell.value, str) and cell.data_type == "f":
        cell.data_type = "s"  # user text starting with "=" is text, never a formula
    if number_format:
        cell.number_format = number_format
    return cell


def table_sheet(
    ws: Worksheet, columns: Sequence[tuple[str, float, bool]], rows: Iterable[Sequence[Any]], steps: Steps | None = None
) -> int:
    """Header row 1 (bold, filled, frozen, filtered), then ``rows``; returns the row count."""
    for col, (name, width, _) in enumerate(columns, 1):
        cell = put(ws, 1, col, name)
        cell.font, cell.fill, cell.alignment, cell.border = HEAD_FONT, HEAD_FILL, HEAD_ALIGN, BOX
        ws.column_dimensions[get_column_letter(col)].width = width
    # each column's style made once (openpyxl hashes a style object at every assignment), each row's
    # cells made with it and appended whole: a few thousand rows take a third of the time
    styles = []
    for col, (_, _, wrap) in enumerate(columns, 1):
        template = Cell(ws, row=2, column=col)  # never added to the sheet: only its style is kept
        template.alignment = TOP_WRAP if wrap else TOP
        styles.append(template._style)  # type: ignore[attr-defined]  # openpyxl's StyleArray, no public name
    count = 0
    for count, values in enumerate(rows, 1):
        cells = [
            Cell(ws, row=count + 1, column=col, value=clean(value), style_array=copy(style))
            for col, (value, style) in enumerate(zip(values, styles, strict=True), 1)
        ]
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"  # user text starting with "=" is text, never a formula
        ws.append(cells)
        if steps is not None and count % ROW_BLOCK == 0:
            steps.advance()
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    ws.row_dimensions[1].height = 30
    ws.print_title_rows = "1:1"  # printed: the header on every page, A4 landscape
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    return count


def proposal_rows(fig: RecapFigures) -> Iterator[list[Any]]:
    for line in fig.lines:
        yield [
            line.no,
            line.agency_name,
            line.agency_code,
            label(line.form_status),
            line.form_revision,
            line.urusan_text,
            line.problem,
            line.object,
            label(line.kind),
            label(line.ksdd_category),
            label(line.ksdpk_form),
            line.partner_names,
            "; ".join(label(p.category) or "–" for p in line.partners if p.name),
            label(line.priority),
            label(line.stage),
            label(line.financing),
            label(line.review_status),
            route_label(line.review_route) if line.review_status == "tidak_sesuai" else "",
            line.review_note or "",
        ]


class SummaryWriter:
    """The Ringkasan sheet, written top to bottom."""

    def __init__(self, ws: Worksheet):
        self.ws, self.row = ws, 1

    def line(
        self,
        values: list[Any],
        *,
        bold: bool = False,
        fill: PatternFill | None = None,
        percent_cols: tuple[int, ...] = (),
        boxed: bool = True,
        head: bool = False,
        span_to: int | None = None,
    ) -> None:
        """One row from column A; ``span_to`` merges the last value's cell through that column."""
        if span_to:
            last = len(values)
            self.ws.merge_cells(start_row=self.row, start_column=last, end_row=self.row, end_column=span_to)
            for col in range(last + 1, span_to + 1):
                put(self.ws, self.row, col, None).border = BOX if boxed else Border()
        for col, value in enumerate(values, 1):
            fmt = PERCENT_FORMAT if col in percent_cols and isinstance(value, (int, float)) else None
            cell = put(self.ws, self.row, col, value, number_format=fmt)
            cell.alignment = HEAD_ALIGN if head else TOP_WRAP
            if bold or head:
                cell.font = HEAD_FONT
            if head:
                cell.fill = HEAD_FILL
            elif fill:
                cell.fill = fill
            if boxed:
                cell.border = BOX
        self.row += 1

    def heading(self, text: str) -> None:
        self.row += 1
        put(self.ws, self.row, 1, text).font = Font(bold=True, size=12)
        self.row += 1


def share_row(name: str, share: Share, whole: Share) -> list[Any]:
    return [name, share.count, share.percent, whole.count, whole.percent]


def write_summary(ws: Worksheet, fig: RecapFigures, ctx: RecapContext) -> None:
    for col, width in zip("ABCDEF", (50, 14, 18, 18, 18, 40), strict=True):
        ws.column_dimensions[col].width = width
    w = SummaryWriter(ws)
    put(ws, 1, 1, f"{ctx.title} Tahun {fig.year}").font = Font(bold=True, size=14)
    put(ws, 2, 1, f"Keadaan data per {format_date_id(ctx.today)} · {APP_NAME} {__version__}").font = Font(
        italic=True, color="555555"
    )
    w.row = 3

    w.heading("Ringkasan")
    w.line(["Uraian", "Jumlah", "Persentase", "Keterangan"], head=True, span_to=6)
    share = {s.key: s for s in fig.assessment}
    rows = [
        (
            "Perangkat daerah seluruhnya",
            fig.agencies_total,
            None,
            "perangkat daerah aktif (ditambah yang ikut serta lalu dinonaktifkan)",
        ),
        (
            "Perangkat daerah yang ikut serta",
            fig.agencies_taking_part,
            percent(fig.agencies_taking_part, fig.agencies_total),
            "memiliki formulir tahun ini dengan sekurang-kurangnya satu usulan",
        ),
        ("Formulir ditandatangani", fig.forms_signed, None, "dari perangkat daerah yang ikut serta"),
        (
            "Formulir draf",
            fig.forms_draft,
            None,
            "belum ditandatangani: dihitung belum menyampaikan, usulannya tidak dihitung",
        ),
        ("Usulan kerja sama", fig.proposals, percent(fig.proposals, fig.proposals), ""),
        (label("sesuai"), fig.sesuai, share["sesuai"].percent, "atas seluruh usulan"),
        (label("tidak_sesuai"), fig.tidak_sesuai, share["tidak_sesuai"].percent, "atas seluruh usulan"),
        (label("belum_dinilai"), fig.belum_dinilai, share["belum_dinilai"].percent, "atas seluruh usulan"),
    ]
    for row in rows:
        w.line(list(row), percent_cols=(3,), span_to=6)

    w.heading("Komposisi usulan menurut jenis kerja sama")
    w.line(
        [
            "Jenis Kerja Sama",
            "Usulan sesuai kriteria",
            "Persentase atas usulan sesuai kriteria",
            "Seluruh usulan",
            "Persentase atas seluruh usulan",
        ],
        head=True,
    )
    for s, whole in zip(fig.split_sesuai, fig.split_all, strict=True):
        w.line(share_row(label(s.key), s, whole), percent_cols=(3, 5))
    w.line(
        ["Jumlah", fig.sesuai, percent(fig.sesuai, fig.sesuai), fig.proposals, percent(fig.proposals, fig.proposals)],
        bold=True,
        fill=TOTAL_FILL,
        percent_cols=(3, 5),
    )
    put(
        ws,
        w.row,
        1,
        f"Persentase utama dihitung atas {fig.sesuai} usulan yang dinilai sesuai kriteria; "
        f"kolom E atas seluruh {fig.proposals} usulan.",
    ).font = Font(italic=True, color="555555")
    w.row += 1

    w.heading("Rute alternatif usulan yang tidak sesuai kriteria")
    w.line(["Rute Alternatif", "Usulan", "Persentase atas usulan tidak sesuai"], head=True)
    for r in fig.routes:
        w.line([route_label(r.key), r.count, r.percent], percent_cols=(3,))
    w.line(
        ["Jumlah", fig.tidak_sesuai, percent(fig.tidak_sesuai, fig.tidak_sesuai)],
        bold=True,
        fill=TOTAL_FILL,
        percent_cols=(3,),
    )

    w.heading("Perangkat daerah yang belum menyampaikan usulan")
    if fig.not_submitted:
        w.line(["Perangkat Daerah", "Kode", "Keterangan"], head=True, span_to=6)
        for a in fig.not_submitted:
            w.line([a.name, a.code, a.state_text], span_to=6)
    else:
        put(ws, w.row, 1, "Seluruh perangkat daerah telah menyampaikan usulan.")
        w.row += 1

    w.heading("Calon mitra yang paling banyak disebut (10 teratas)")
    if fig.partners:
        w.line(
            ["Calon Mitra", "Usulan", "Jumlah Perangkat Daerah", "Kategori Mitra", "Disebut oleh"], head=True, span_to=6
        )
        for x in fig.top_partners:
            w.line([x.name, x.proposals, x.agencies, label(x.category), ", ".join(x.agency_names)], span_to=6)
    else:
        put(ws, w.row, 1, "Belum ada calon mitra yang disebut.")
    ws.sheet_view.showGridLines = False


def write_breakdowns(ws: Worksheet, fig: RecapFigures) -> None:
    """The Rincian sheet: one table per breakdown, one below the other."""
    for col, width in zip("ABCDE", (8, 60, 12, 12, 14), strict=True):
        ws.column_dimensions[col].width = width
    w = SummaryWriter(ws)
    put(ws, 1, 1, f"Rincian usulan Tahun {fig.year}").font = Font(bold=True, size=14)
    w.row = 2
    for b in fig.breakdowns:
        w.heading(b.title)
        w.line(["No", b.title.split(" menurut ")[-1].capitalize(), "Usulan", "Sesuai", "Tidak sesuai"], head=True)
        for i, row in enumerate(b.rows, 1):
            w.line([i, row.label, row.total, row.sesuai, row.tidak_sesuai])
        if b.note:
            put(ws, w.row, 2, b.note).font = Font(italic=True, color="555555")
            w.row += 1
    ws.sheet_view.showGridLines = False


def write_workbook(fig: RecapFigures, ctx: RecapContext, handle: BinaryIO, steps: Steps) -> None:
    """Build the workbook and save it to ``handle``; checks ``steps`` between blocks of rows."""
    wb = Workbook()
    summary = cast("Worksheet", wb.active)  # a new workbook's one sheet (openpyxl types it as any kind, or None)
    summary.title = "Ringkasan"
    write_summary(summary, fig, ctx)
    write_breakdowns(wb.create_sheet("Rincian"), fig)
    steps.advance()

    table_sheet(wb.create_sheet("Usulan"), USULAN_COLUMNS, proposal_rows(fig), steps)
    steps.advance()
    table_sheet(
        wb.create_sheet("Perangkat Daerah"),
        AGENCY_COLUMNS,
        (
            [
                i,
                a.code,
                a.name,
                label(a.form_status) or "–",
                a.form_revision,
                a.proposals,
                a.sesuai,
                a.tidak_sesuai,
                a.belum_dinilai,
                "" if a.taking_part else a.state_text,
            ]
            for i, a in enumerate(fig.agencies, 1)
        ),
    )
    table_sheet(
        wb.create_sheet("Calon Mitra"),
        PARTNER_COLUMNS,
        (
            [i, x.name, label(x.category), x.proposals, x.agencies, ", ".join(x.agency_names)]
            for i, x in enumerate(fig.partners, 1)
        ),
    )
    steps.advance()
    if ctx.previous_followup is not None:  # III.H of the Laporan: the previous year's proposals, where they stand
        from ..followup import monev_tables

        previous = ctx.previous_followup
        sheet = wb.create_sheet(f"Tindak Lanjut {previous.year}")
        count = table_sheet(sheet, monev_tables.proposal_columns(previous), monev_tables.proposal_rows(previous))
        for row in range(2, count + 2):
            sheet.cell(row=row, column=monev_tables.DATE_COLUMN).number_format = "DD/MM/YYYY"

    wb.properties.title = f"{ctx.title} Tahun {fig.year}"
    wb.properties.subject = "Rekap pemetaan kerja sama daerah"
    wb.properties.creator = f"{APP_NAME} {__version__}"
    wb.properties.language = "id-ID"
    wb.save(handle)
