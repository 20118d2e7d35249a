"""The Laporan Hasil Pemetaan Kerja Sama Daerah as a PDF (A4 or F4), with reportlab.

Only ``recap.writer.write_recap_pdf`` imports this module, inside the function.

The structure of a naskah dinas *laporan*: the kop (PEMERINTAH KABUPATEN BANJAR /
SEKRETARIAT DAERAH / letterhead lines / double rule), the title with its nomor, then
I. Pendahuluan (umum, maksud dan tujuan, ruang lingkup, dasar hukum — regulations named in
full the first time), II. Pelaksanaan Kegiatan (sosialisasi, pendampingan, pleno: editable
per year), III. Hasil (A. ringkasan with the routes, B. komposisi jenis with two charts,
C. rekap per perangkat daerah, D. belum menyampaikan (drafts included), E. rincian by urusan,
wajib/sukarela, partner category, stage and financing, F. calon mitra named most, G. the
proposals whose DPRD approval must be checked, H. tindak lanjut hasil pemetaan tahun sebelumnya
from the follow-up records, when the file has that year), IV. Simpulan dan Saran (editable, defaults
from the figures and Banjar's 2024 recommendations), the closing and the signature blocks
(signer, optional "Mengetahui"; Permendagri 1/2023 Pasal 44), Lampiran I (the proposals per
kind) and Lampiran II (the proposals tidak sesuai with their routes). In TTE BSrE mode the
signature block reserves room for the e-signature visual and every page carries the BSrE
footer. Table headers repeat on every page; long text wraps, and tall cells are cut into
several rows (pdf/kit.py Grid), so nothing is cut off.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from ... import APP_NAME, __version__
from ...domain import law
from ...domain.dates import format_date_id
from ...domain.models import label
from ...domain.recap import (
    AgencyLine,
    KindTable,
    ProposalLine,
    RecapFigures,
    kind_short,
    percent,
    percent_text,
    route_label,
    summary_paragraphs,
)
from ...domain.settings import paper_points
from ..pdf.kit import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    GREY,
    HEAD_FILL,
    LABEL_FILL,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    RULE,
    FormCanvas,
    Grid,
    Para,
    Styles,
    TableCommand,
    esc,
    figure_band,
    fit,
    make_styles,
    one_frame_document,
    or_dash,
    plain,
    register_fonts,
    rendering,
    shorten,
)
from ..pdf.letterhead import Letterhead, letterhead
from .charts import KIND_COLOR, STATUS_COLORS, Bar, hbar_chart, legend, mini_bar
from .sections import LaporanSections
from .textlines import CELL_PAD, STRING_LINES, text_lines, wrap_lines

if TYPE_CHECKING:
    from collections.abc import Callable

    from reportlab.pdfgen.canvas import Canvas

    from .context import RecapContext, Steps

STATUS_SERIES = [
    ("Sesuai kriteria", STATUS_COLORS["sesuai"]),
    ("Tidak sesuai", STATUS_COLORS["tidak_sesuai"]),
    ("Belum dinilai", STATUS_COLORS["belum_dinilai"]),
]
LIST_ROWS_PER_PAGE = 15  # about how many rows of the Lampiran a page holds (progress estimate)
CHECK_EVERY = 200  # records typeset between two cancel checks while the story is built
SHORT = 150
PROBLEM_SHORT = 160  # characters of the problem in the list of proposals tidak sesuai


def estimate_pages(fig: RecapFigures) -> int:
    """About how many pages the report takes (for the progress bar only)."""
    # a row of Lampiran II is about two lines of objek plus its shortened problem (45 characters a line)
    f_lines = sum(3 + min(len(x.problem), PROBLEM_SHORT) / 45 for x in fig.tidak_sesuai_lines)
    return round(8 + len(fig.agencies) / 18 + f_lines * 12.5 / 700 + len(fig.lines) / LIST_ROWS_PER_PAGE)


def report_title(fig: RecapFigures, ctx: RecapContext) -> str:
    return f"{ctx.title} Tahun {fig.year}"


def geometry(paper: str) -> tuple[float, float, float, float]:
    """Page width and height, text width and frame height in points for ``paper`` (A4 or F4)."""
    width, height = paper_points(paper)
    return width, height, width - MARGIN_LEFT - MARGIN_RIGHT, height - MARGIN_TOP - MARGIN_BOTTOM


class RecapLayout(LaporanSections):
    """Builds the flowables of the Laporan."""

    def __init__(self, fig: RecapFigures, ctx: RecapContext, steps: Steps | None = None):
        self.fig, self.ctx, self.s, self.steps = fig, ctx, make_styles(), steps
        self.page_w, self.page_h, self.w, self.frame_h = geometry(ctx.paper)
        self.first = law.FirstMention()
        self.item = ParagraphStyle(
            "ksd-recap-item", parent=self.s.body, leftIndent=12, firstLineIndent=-12, spaceAfter=2
        )
        self.region = plain(ctx.region_name).upper()
        self.big = ParagraphStyle(
            "ksd-recap-big", parent=self.s.body, fontName=FONT_BOLD, fontSize=19, leading=22, alignment=TA_CENTER
        )
        self.small_center = ParagraphStyle(
            "ksd-recap-small", parent=self.s.note, alignment=TA_CENTER, textColor=GREY, fontSize=8, leading=10
        )
        self.sub = ParagraphStyle("ksd-recap-sub", parent=self.s.section, fontSize=10, spaceBefore=6, spaceAfter=4)
        self.text = ParagraphStyle("ksd-recap-text", parent=self.s.body, spaceAfter=3)
        self.total = ParagraphStyle("ksd-recap-total", parent=self.s.cell_center, fontName=FONT_BOLD)
        self.compact = ParagraphStyle("ksd-recap-compact", parent=self.s.cell, fontSize=8.5, leading=10.5)
        self.compact_center = ParagraphStyle("ksd-recap-compact-c", parent=self.compact, alignment=TA_CENTER)
        self.center = ParagraphStyle("ksd-recap-center", parent=self.s.body, alignment=TA_CENTER)

    def p(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        # "46,4 %" never breaks before its sign (reportlab keeps a no-break space together)
        return Para(markup.replace(" %", "\u00a0%"), style or self.s.body)

    def tick(self, record: int) -> None:
        """Let a cancel through while thousands of rows are being typeset."""
        if self.steps is not None and record % CHECK_EVERY == 0:
            self.steps.check()

    def story(self) -> list[Flowable]:
        return [
            *self.kop(),
            *self.title(),
            *self.introduction(),
            *self.activities(),
            CondPageBreak(60 * mm),
            self.p("III. HASIL", self.s.section),
            *self.summary(),
            *self.split(),
            *self.per_agency(),
            *self.not_submitted(),
            *self.breakdown_tables(),
            *self.partners(),
            *self.dprd(),
            *self.previous_followup(),
            *self.conclusion(),
            *self.signatures(),
            *self.appendix(),
            *self.not_suitable(),
        ]

    def previous_followup(self) -> list[Flowable]:
        """III.H: what became of the previous mapping year's proposals (services/followup)."""
        from ..followup.laporan_section import previous_year_section

        return previous_year_section(self)

    # ---- kop and title
    def kop(self) -> list[Flowable]:
        return setda_kop(self.ctx, self.w, self.s)

    def title(self) -> list[Flowable]:
        s, r = self.s, self.ctx.report
        nomor = esc(plain(r.nomor)) or "." * 40
        basis = f"Keadaan data per {esc(format_date_id(self.ctx.today))} · sumber: formulir pemetaan perangkat daerah"
        return [
            self.p("LAPORAN", s.title),
            self.p("HASIL PEMETAAN KERJA SAMA DAERAH", s.title),
            self.p(f"{esc(self.region)} TAHUN {esc(self.fig.year)}", s.title),
            self.p(f"Nomor: {nomor}", self.center),
            Spacer(1, 1.5 * mm),
            self.p(basis, s.basis),
            Spacer(1, 3 * mm),
        ]

    def section(self, text: str, need: float = 45 * mm) -> list[Flowable]:
        """A heading of part III, on a new page unless ``need`` is left (a heading never ends a page)."""
        return [CondPageBreak(need), self.p(text, self.sub)]

    def head_row(self, grid: Grid, names: list[str]) -> list[TableCommand]:
        return grid.shaded_header([self.p(esc(n), self.s.head_cell) for n in names])

    def num(self, value: object, bold: bool = False) -> Paragraph:
        return self.p(esc(value), self.total if bold else self.s.cell_center)

    # ---- A. Ringkasan
    def summary(self) -> list[Flowable]:
        f, s = self.fig, self.s
        boxes = [
            (f"{f.agencies_taking_part} <font size=11>dari {f.agencies_total}</font>", "perangkat daerah ikut serta"),
            (str(f.proposals), "usulan kerja sama"),
            (str(f.sesuai), f"sesuai kriteria ({percent_text(percent(f.sesuai, f.proposals))})"),
            (str(f.tidak_sesuai), f"tidak sesuai ({percent_text(percent(f.tidak_sesuai, f.proposals))})"),
        ]
        if f.belum_dinilai:
            boxes.append((str(f.belum_dinilai), "belum dinilai"))
        band = figure_band(
            [[self.p(big, self.big), self.p(esc(text), self.small_center)] for big, text in boxes], self.w
        )
        out: list[Flowable] = [self.p("A. RINGKASAN", self.sub), band, Spacer(1, 3 * mm)]
        out += [self.p(esc(text), self.text) for text in summary_paragraphs(f, self.ctx.region_name)]
        if f.forms_draft:
            out.append(
                self.p(
                    f"Catatan: {f.forms_draft} formulir masih draf dan belum dihitung; perangkat daerahnya "
                    "tercatat belum menyampaikan sampai formulir itu ditandatangani.",
                    s.note,
                )
            )
        if f.tidak_sesuai:
            heading = self.p("Rute alternatif usulan yang tidak sesuai kriteria", self.sub)
            grid = Grid([9 * mm, self.w - 59 * mm, 22 * mm, 28 * mm])
            extra = self.head_row(grid, ["No.", "Rute Alternatif", "Usulan", "Persentase"])
            for i, r in enumerate(f.routes, 1):
                grid.record(
                    [self.num(i), self.p(esc(route_label(r.key)), s.cell), self.num(r.count), self.num(r.percent_text)]
                )
            grid.record(
                [
                    self.p("", s.cell),
                    self.p("<b>Jumlah</b>", s.cell),
                    self.num(f.tidak_sesuai, True),
                    self.num(percent_text(percent(f.tidak_sesuai, f.tidak_sesuai)), True),
                ]
            )
            extra.append(("BACKGROUND", (0, -1), (-1, -1), LABEL_FILL))
            out += [Spacer(1, 2 * mm), KeepTogether([heading, grid.table(repeat_rows=1, extra=extra)])]
        return out

    # ---- B. Komposisi jenis
    def split(self) -> list[Flowable]:
        f, s = self.fig, self.s
        heading = self.p("B. KOMPOSISI USULAN MENURUT JENIS KERJA SAMA", self.sub)
        if not f.proposals:
            return [CondPageBreak(30 * mm), heading, self.p("Belum ada usulan kerja sama untuk tahun ini.")]
        widths = [9 * mm, 0, 18 * mm, 22 * mm, 18 * mm, 22 * mm]
        widths[1] = self.w - sum(widths)
        grid = Grid(widths)
        hc = s.head_cell
        grid.header(
            [
                self.p("No.", hc),
                self.p("Jenis Kerja Sama", hc),
                self.p(f"Atas usulan sesuai kriteria<br/>(n = {f.sesuai})", hc),
                "",
                self.p(f"Atas seluruh usulan<br/>(n = {f.proposals})", hc),
                "",
            ]
        )
        grid.rows.append(
            ["", "", self.p("Usulan", hc), self.p("Persentase", hc), self.p("Usulan", hc), self.p("Persentase", hc)]
        )
        extra = [
            ("SPAN", (2, 0), (3, 0)),
            ("SPAN", (4, 0), (5, 0)),
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (1, 0), (1, 1)),
            ("BACKGROUND", (0, 0), (-1, 1), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
            ("LINEBELOW", (0, 1), (-1, 1), 0.5, RULE),
            ("LINEBELOW", (2, 0), (-1, 0), 0.5, RULE),
        ]
        for i, (share, whole) in enumerate(zip(f.split_sesuai, f.split_all, strict=True), 1):
            name = f"<b>{esc(kind_short(share.key))}</b> – {esc(label(share.key))}"
            grid.record(
                [
                    self.num(i),
                    self.p(name, s.cell),
                    self.num(share.count),
                    self.num(share.percent_text),
                    self.num(whole.count),
                    self.num(whole.percent_text),
                ]
            )
        grid.record(
            [
                self.p("", s.cell),
                self.p("<b>Jumlah</b>", s.cell),
                self.num(f.sesuai, True),
                self.num(percent_text(percent(f.sesuai, f.sesuai)), True),
                self.num(f.proposals, True),
                self.num(percent_text(percent(f.proposals, f.proposals)), True),
            ]
        )
        extra += [("BACKGROUND", (0, -1), (-1, -1), LABEL_FILL)]
        note = (
            f"Persentase utama dihitung atas {f.sesuai} usulan yang dinilai sesuai kriteria oleh TKKSD; "
            f"kolom kanan menghitung atas seluruh {f.proposals} usulan (termasuk yang tidak sesuai dan "
            "belum dinilai)."
        )
        out: list[Flowable] = [
            KeepTogether([heading, grid.table(repeat_rows=2, extra=extra), Spacer(1, 1.5 * mm), self.p(note, s.note)])
        ]
        if f.sesuai:
            bars = [Bar(kind_short(x.key), (x.count,), f"{x.count} usulan · {x.percent_text}") for x in f.split_sesuai]
            chart = hbar_chart(bars, [("Sesuai kriteria", KIND_COLOR)], self.w, axis_title="jumlah usulan")
            out += [
                KeepTogether(
                    [
                        self.p(
                            f"Grafik 1. Komposisi {f.sesuai} usulan sesuai kriteria menurut jenis kerja sama", self.sub
                        ),
                        chart,
                    ]
                )
            ]
        bars = [
            Bar(kind_short(t.kind), tuple(t.with_status(k) for k in STATUS_COLORS), f"{t.count} usulan")
            for t in f.kind_tables
        ]
        chart = hbar_chart(bars, STATUS_SERIES, self.w, axis_title="jumlah usulan")
        out += [
            KeepTogether(
                [
                    self.p(
                        f"Grafik {2 if f.sesuai else 1}. Hasil penilaian {f.proposals} usulan menurut jenis kerja sama",
                        self.sub,
                    ),
                    chart,
                ]
            )
        ]
        return out

    # ---- C. Per perangkat daerah
    def per_agency(self) -> list[Flowable]:
        f, s = self.fig, self.s
        out = self.section("C. REKAP PER PERANGKAT DAERAH", 60 * mm)
        widths = [8 * mm, 0, 25 * mm, 13 * mm, 13 * mm, 14 * mm, 14 * mm, 26 * mm]
        widths[1] = self.w - sum(widths)
        grid = Grid(widths)
        extra = self.head_row(
            grid, ["No.", "Perangkat Daerah", "Formulir", "Usulan", "Sesuai", "Tidak Sesuai", "Belum Dinilai", "Grafik"]
        )
        maximum = max((a.proposals for a in f.agencies), default=0)
        colours = [c for _, c in STATUS_SERIES]
        for i, a in enumerate(f.agencies, 1):
            state = esc(label(a.form_status)) if a.taking_part else f"<i>{esc(short_state(a))}</i>"
            bar = mini_bar((a.sesuai, a.tidak_sesuai, a.belum_dinilai), maximum, colours, widths[-1] - 6)
            grid.record(
                [
                    self.num(i),
                    self.p(esc(a.name), s.cell),
                    self.p(state, s.cell_center),
                    self.num(a.proposals),
                    self.num(a.sesuai),
                    self.num(a.tidak_sesuai),
                    self.num(a.belum_dinilai),
                    bar,
                ]
            )
        grid.record(
            [
                self.p("", s.cell),
                self.p("<b>Jumlah</b>", s.cell),
                self.p(f"<b>{f.agencies_taking_part} ikut serta</b>", s.cell_center),
                self.num(f.proposals, True),
                self.num(f.sesuai, True),
                self.num(f.tidak_sesuai, True),
                self.num(f.belum_dinilai, True),
                "",
            ]
        )
        extra += [("BACKGROUND", (0, -1), (-1, -1), LABEL_FILL), ("TOPPADDING", (-1, 1), (-1, -1), 4.5)]
        return out + [legend(STATUS_SERIES, self.w), Spacer(1, 1.5 * mm), grid.table(repeat_rows=1, extra=extra)]

    # ---- D. Belum menyampaikan
    def not_submitted(self) -> list[Flowable]:
        f, s = self.fig, self.s
        out = self.section("D. PERANGKAT DAERAH YANG BELUM MENYAMPAIKAN USULAN", 35 * mm)
        if not f.not_submitted:
            return out + [self.p(f"Seluruh {f.agencies_total} perangkat daerah telah menyampaikan usulan.")]
        grid = Grid([9 * mm, self.w - 79 * mm, 70 * mm])
        extra = self.head_row(grid, ["No.", "Perangkat Daerah", "Keterangan"])
        for i, a in enumerate(f.not_submitted, 1):
            grid.record([self.num(i), self.p(esc(a.name), s.cell), self.p(esc(a.state_text), s.cell)])
        intro = (
            f"{len(f.not_submitted)} dari {f.agencies_total} perangkat daerah belum menyampaikan usulan "
            f"kerja sama untuk Tahun {f.year}:"
        )
        return out + [self.p(esc(intro)), Spacer(1, 1.5 * mm), grid.table(repeat_rows=1, extra=extra)]

    # ---- E. Calon mitra
    def partners(self) -> list[Flowable]:
        f, s = self.fig, self.s
        out = self.section("F. CALON MITRA YANG PALING BANYAK DISEBUT", 45 * mm)
        if not f.partners:
            return out + [self.p("Belum ada calon mitra yang disebut dalam usulan.")]
        grid = Grid([9 * mm, 0, 40 * mm, 16 * mm, 24 * mm])
        grid.widths[1] = self.w - sum(grid.widths)
        extra = self.head_row(grid, ["No.", "Calon Mitra", "Kategori Mitra", "Usulan", "Perangkat Daerah"])
        for i, x in enumerate(f.top_partners, 1):
            names = esc(", ".join(x.agency_names), 400)
            grid.record(
                [
                    self.num(i),
                    self.p(f"<b>{esc(x.name, 400)}</b><br/><font size=7.5 color='#555555'>{names}</font>", s.cell),
                    self.p(or_dash(label(x.category)), s.cell),
                    self.num(x.proposals),
                    self.num(x.agencies),
                ]
            )
        note = (
            "Nama mitra diseragamkan (huruf besar/kecil, spasi dan tanda baca) sebelum dihitung; satu usulan "
            "dihitung sekali untuk setiap mitra. Kolom Perangkat Daerah: jumlah perangkat daerah yang "
            "menyebut mitra itu (namanya di bawah nama mitra)."
        )
        return out + [grid.table(repeat_rows=1, extra=extra), Spacer(1, 1.5 * mm), self.p(note, s.note)]

    # ---- F. Tidak sesuai
    def not_suitable(self) -> list[Flowable]:
        f, s = self.fig, self.s
        out = [
            PageBreak(),
            self.p("LAMPIRAN II", s.title),
            self.p(f"{esc(report_title(f, self.ctx).upper())}", s.basis),
            Spacer(1, 4 * mm),
            self.p("DAFTAR USULAN YANG TIDAK SESUAI KRITERIA DAN RUTE ALTERNATIFNYA", s.section),
        ]
        if not f.tidak_sesuai_lines:
            return out + [self.p("Tidak ada usulan yang dinilai tidak sesuai kriteria.")]
        widths = [8 * mm, 22 * mm, 24 * mm, 0, 64 * mm]
        widths[3] = self.w - sum(widths)
        grid = Grid(widths, rule_runs=True)
        extra = self.head_row(
            grid,
            ["No.", "Perangkat Daerah", "Urusan", "Objek dan Permasalahan", "Rute Alternatif dan Catatan Penilaian"],
        )
        c = self.compact
        for i, line in enumerate(f.tidak_sesuai_lines, 1):
            self.tick(i)
            route = f"<b>{esc(route_label(line.review_route))}</b>"
            if plain(line.review_note):
                route += f"<br/><font name='{FONT_ITALIC}'>{esc(line.review_note)}</font>"
            problem = plain(line.problem)
            if len(problem) > PROBLEM_SHORT:
                problem = shorten(problem, PROBLEM_SHORT)
            grid.record(
                [
                    str(i),
                    self.text_cell(line.agency_short, c, widths[1]),
                    self.text_cell(line.urusan_text, c, widths[2]),
                    text_lines([(FONT_BOLD, plain(line.object) or "–"), (FONT, problem or "–")], c, widths[3])
                    or self.p(f"<b>{or_dash(line.object)}</b><br/>{esc(line.problem, PROBLEM_SHORT) or '–'}", c),
                    text_lines(
                        [(FONT_BOLD, route_label(line.review_route)), (FONT_ITALIC, plain(line.review_note))],
                        c,
                        widths[4],
                    )
                    or self.p(route, c),
                ]
            )
        # bare-string cells (text_cell) in the compact style, as the Paragraphs beside them
        extra += [
            ("FONTSIZE", (0, 1), (-1, -1), c.fontSize),
            ("LEADING", (0, 1), (-1, -1), c.leading),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ]
        out.append(grid.table(repeat_rows=1, extra=extra))
        if any(len(plain(line.problem)) > PROBLEM_SHORT for line in f.tidak_sesuai_lines):
            out += [
                Spacer(1, 1.5 * mm),
                self.p(
                    f"Permasalahan yang panjang diringkas sampai {PROBLEM_SHORT} karakter (…); teks lengkapnya ada di "
                    "lembar kerja rekap (lembar Usulan) dan di formulir perangkat daerah.",
                    s.note,
                ),
            ]
        return out

    # ---- Lampiran: a table per kind
    def appendix(self) -> list[Flowable]:
        f, s = self.fig, self.s
        out: list[Flowable] = [
            PageBreak(),
            self.p("LAMPIRAN I", s.title),
            self.p(f"{esc(report_title(f, self.ctx).upper())}", s.basis),
            Spacer(1, 4 * mm),
            self.p("DAFTAR USULAN KERJA SAMA MENURUT JENIS", s.section),
        ]
        if not f.kind_tables:
            return out + [self.p("Belum ada usulan kerja sama untuk tahun ini.")]
        for i, table in enumerate(f.kind_tables, 1):
            out += [CondPageBreak(40 * mm), self.p(self.kind_heading(i, table), self.sub), self.kind_grid(table)]
        return out

    def kind_heading(self, i: int, t: KindTable) -> str:
        parts = [f"{t.with_status('sesuai')} sesuai kriteria", f"{t.with_status('tidak_sesuai')} tidak sesuai"]
        if t.with_status("belum_dinilai"):
            parts.append(f"{t.with_status('belum_dinilai')} belum dinilai")
        return (
            f"{i}. {esc(label(t.kind))} ({esc(kind_short(t.kind))}): {t.count} usulan "
            f"<font name='{FONT}'>({', '.join(parts)})</font>"
        )

    def kind_grid(self, t: KindTable) -> Table:
        widths = [8 * mm, 24 * mm, 30 * mm, 0, 36 * mm, 25 * mm]
        widths[3] = self.w - sum(widths)
        grid = Grid(widths, rule_runs=True)
        extra = self.head_row(grid, ["No.", "Perangkat Daerah", "Urusan", "Objek", "Calon Mitra", "Penilaian"])
        c, w = self.compact, widths
        # one Paragraph per route: the table wraps and draws the same object in every such row
        reviews: dict[str, Paragraph] = {}
        for i, line in enumerate(t.lines, 1):
            self.tick(i)
            partners = self.text_cell(partners_text(line), c, w[4])
            if line.review_status == "tidak_sesuai":
                markup = review_markup(line)
                review: str | Paragraph = reviews.get(markup) or reviews.setdefault(markup, self.p(markup, c))
            else:
                review = self.text_cell(label(line.review_status), c, w[5])
            grid.record(
                [
                    str(i),
                    self.text_cell(line.agency_short, c, w[1]),
                    self.text_cell(line.urusan_text, c, w[2]),
                    self.text_cell(line.object, c, w[3]),
                    partners,
                    review,
                ]
            )
        extra += [
            ("FONTSIZE", (0, 1), (-1, -1), c.fontSize),
            ("LEADING", (0, 1), (-1, -1), c.leading),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ]
        return grid.table(repeat_rows=1, extra=extra)

    def text_cell(self, text: object, style: ParagraphStyle, width: float) -> str | Paragraph:
        """Plain text as a bare string drawn by the table itself, its lines broken here at the
        spaces as a Paragraph breaks them (a long list has thousands of cells: three times faster
        than Paragraphs); the table's LEADING is the style's (``kind_grid``). A word wider than
        the column, a line the Paragraph would draw with its spaces shrunk, or a text of more
        than STRING_LINES lines (Grid cuts tall Paragraphs across rows), stays a Paragraph."""
        value = plain(text) or "–"
        if "\n" not in value and stringWidth(value, style.fontName, style.fontSize) <= width - 2 * CELL_PAD - 1:
            return value
        lines = wrap_lines(
            value, style.fontName, style.fontSize, width - 2 * CELL_PAD, strict=True
        )  # a Paragraph's room
        if lines is not None and len(lines) <= STRING_LINES:
            return "\n".join(lines)
        return self.p(esc(value), style)


def setda_kop(ctx: RecapContext, width: float, styles: Styles) -> list[Flowable]:
    """The Setda's kop on the reports (the Laporan, the monev report): the letterhead every
    document shares (pdf/letterhead.py)."""
    head = Letterhead(
        ctx.region_title,
        "Sekretariat Daerah",
        tuple(ctx.letterhead_lines),
        lambang=ctx.logo_path,
        agency_logo=ctx.agency_logo_path,
    )
    return letterhead(head, width, styles)


def short_state(a: AgencyLine) -> str:
    return "Belum ada" if a.form_status is None else "Tanpa usulan"


def partners_text(line: ProposalLine) -> str:
    """The partners as plain text, numbered one a line when there are several (``text_cell``
    draws it as a string, or as a Paragraph with a ``<br/>`` a line: the same lines)."""
    names = [plain(p.name) for p in line.partners if plain(p.name)]
    if len(names) > 1:
        return "\n".join(f"{i}. {n}" for i, n in enumerate(names, 1))
    return names[0] if names else "–"


def review_markup(line: ProposalLine) -> str:
    if line.review_status == "tidak_sesuai":
        return f"Tidak sesuai<br/><font size=8 color='#555555'>({esc(route_label(line.review_route)).lower()})</font>"
    return esc(label(line.review_status))


def render_recap_pdf(fig: RecapFigures, ctx: RecapContext, steps: Steps) -> bytes:
    """Typeset the report; checks ``steps`` for a cancel between flowables and pages."""
    with rendering():
        return _render(fig, ctx, steps)


def _render(fig: RecapFigures, ctx: RecapContext, steps: Steps) -> bytes:
    register_fonts()
    title = report_title(fig, ctx)
    page_w, page_h, text_w, frame_h = geometry(ctx.paper)
    bottom = MARGIN_BOTTOM + (TTE_FOOTER_H if ctx.tte else 0)
    buffer = io.BytesIO()
    doc = one_frame_document(
        buffer,
        page_w,
        page_h,
        bottom,
        frame_h - (bottom - MARGIN_BOTTOM),
        title=title,
        author=f"Bagian Tata Pemerintahan Sekretariat Daerah {ctx.region_name}",
        subject="Laporan hasil pemetaan kerja sama daerah",
        creator=f"{APP_NAME} {__version__}",
        producer=f"{APP_NAME} {__version__}",
        initialFontName=FONT,
    )
    story = RecapLayout(fig, ctx, steps).story()
    steps.advance()

    def on_progress(kind: str, value: int) -> None:
        if kind == "PAGE":
            steps.advance()
        elif kind == "PROGRESS":
            steps.check()

    doc.setProgressCallBack(on_progress)
    footer = f"{APP_NAME} · keadaan data per {format_date_id(ctx.today)}"
    decorate = laporan_decorator(page_w, page_h, title, footer, ctx.tte)
    doc.build(story, canvasmaker=lambda *a, **kw: FormCanvas(*a, decorate=decorate, **kw))
    return buffer.getvalue()


TTE_FOOTER_H = 11 * mm


def laporan_decorator(
    page_w: float, page_h: float, running_head: str, footer_left: str, tte: bool
) -> Callable[[Canvas, int, int], None]:
    """Footer, running head from page 2 and, in TTE BSrE mode, the BSrE footer (any paper size)."""
    footer_y, header_y = 12 * mm, page_h - 12 * mm
    text_w = page_w - MARGIN_LEFT - MARGIN_RIGHT

    def decorate(c: Canvas, number: int, total: int) -> None:
        c.saveState()
        c.setStrokeColor(colors.HexColor("#8C8C8C"))
        c.setLineWidth(0.5)
        c.setFillColor(GREY)
        if tte:
            y = footer_y + 13
            c.setFont(FONT_ITALIC, 6.8)
            for line in reversed(law.TTE_FOOTER_LINES):
                c.drawCentredString(page_w / 2, y, fit(line, FONT_ITALIC, 6.8, text_w))
                y += 8.5
        c.line(MARGIN_LEFT, footer_y + 9, page_w - MARGIN_RIGHT, footer_y + 9)
        c.setFont(FONT, 7.5)
        c.drawString(MARGIN_LEFT, footer_y, fit(footer_left, FONT, 7.5, text_w - 80))
        c.setFont(FONT_BOLD, 7.5)
        c.drawRightString(page_w - MARGIN_RIGHT, footer_y, f"Halaman {number} dari {total}")
        if number > 1:
            c.setFont(FONT, 7.5)
            c.drawRightString(page_w - MARGIN_RIGHT, header_y, fit(running_head, FONT, 7.5, text_w))
            c.line(MARGIN_LEFT, header_y - 4, page_w - MARGIN_RIGHT, header_y - 4)
        c.restoreState()

    return decorate
