"""The monev report as an A4 PDF, with the recap's building blocks (pdf/kit.py, recap/charts.py).

Only ``monev.write_monev`` imports this module, inside the function.

Story: the kop, the title, A. Ringkasan (key figures and sentences), B. Tahapan yang dicapai
menurut jenis kerja sama (a chart and a table per kind), C. Rekap per perangkat daerah,
D. Perjanjian kerja sama (by state, the list), E. Perjanjian yang berakhir dalam 12 bulan
(the whole register), F. Usulan tanpa langkah N bulan, the signature block, and a Lampiran
listing every proposal with where it stands.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

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
from ...domain.agreements import STATE_LABELS
from ...domain.dates import format_date_id
from ...domain.models import label
from ...domain.monev import MonevFigures
from ..pdf.kit import (
    FONT_BOLD,
    FRAME_H,
    LABEL_FILL,
    MARGIN_BOTTOM,
    PAGE_H,
    PAGE_W,
    TEXT_W,
    FormCanvas,
    Grid,
    PageInfo,
    Para,
    TableCommand,
    esc,
    figure_band,
    make_styles,
    one_frame_document,
    page_decorator,
    plain,
    register_fonts,
    rendering,
    table_style,
)
from ..pdf.layout import BLANK_DATE, BLANK_NAME, BLANK_NIP
from ..recap.charts import Bar, hbar_chart
from ..recap.pdf import setda_kop
from .procedures import step_label, step_short

if TYPE_CHECKING:
    from ...domain.agreements import Agreement
    from ..progress import Steps
    from ..recap.context import RecapContext

STEP_COLOR = colors.HexColor("#1F4E79")
KIND_SHORT = {"SINERGI": "Sinergi", "KSDD": "KSDD", "KSDPK": "KSDPK", "KSDPL": "KSDPL", "KSDLL": "KSDLL"}
CHECK_EVERY = 100
CHUNK = 40  # records per table of a long list


def title_of(fig: MonevFigures, ctx: RecapContext) -> str:
    return f"Laporan Monev Tindak Lanjut Hasil Pemetaan KSD {ctx.region_name} Tahun {fig.year}"


def pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}".replace(".", ",") + "\u00a0%" if whole else "–"


class MonevLayout:
    def __init__(self, fig: MonevFigures, ctx: RecapContext, steps: Steps | None = None):
        self.fig, self.ctx, self.s, self.steps = fig, ctx, make_styles(), steps
        self.big = ParagraphStyle(
            "ksd-monev-big", parent=self.s.body, fontName=FONT_BOLD, fontSize=17, leading=20, alignment=TA_CENTER
        )
        self.small = ParagraphStyle(
            "ksd-monev-small", parent=self.s.note, alignment=TA_CENTER, fontSize=7.5, leading=9.5
        )
        self.sub = ParagraphStyle("ksd-monev-sub", parent=self.s.section, fontSize=10, spaceBefore=6, spaceAfter=4)
        self.text = ParagraphStyle("ksd-monev-text", parent=self.s.body, spaceAfter=3)
        self.total = ParagraphStyle("ksd-monev-total", parent=self.s.cell_center, fontName=FONT_BOLD)
        self.compact = ParagraphStyle("ksd-monev-compact", parent=self.s.cell, fontSize=8.5, leading=10.5)

    def p(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Para(markup, style or self.s.body)

    def num(self, value: object, bold: bool = False) -> Paragraph:
        return self.p(esc(value), self.total if bold else self.s.cell_center)

    def head(self, grid: Grid, names: list[str]) -> list[TableCommand]:
        return grid.shaded_header([self.p(esc(n), self.s.head_cell) for n in names])

    def chunked(
        self,
        widths: list[float],
        names: list[str],
        records: Iterable[list[Any]],
        extra_style: list[TableCommand] | None = None,
    ) -> list[Flowable]:
        """One ruled table per CHUNK records (header repeated): reportlab measures a split table again
        for every page, so one table of thousands of rows takes minutes; short tables take seconds."""
        out: list[Flowable] = []
        grid = None
        extra: list[TableCommand] = []
        for i, cells in enumerate(records):
            if grid is None or i % CHUNK == 0:
                if grid is not None:
                    out.append(grid.table(repeat_rows=1, extra=extra))
                grid = Grid(widths)
                extra = self.head(grid, names) + list(extra_style or [])
            self.tick(i + 1)
            grid.record(cells)
        if grid is not None:
            out.append(grid.table(repeat_rows=1, extra=extra))
        return out

    def text_cell(self, text: str, width: float) -> str | Paragraph:
        """A bare string when it fits one line of the compact style, else a wrapping Paragraph."""
        value = plain(text) or "–"
        style = self.compact
        if stringWidth(value, style.fontName, style.fontSize) <= width - 7:
            return value
        return self.p(esc(value), style)

    def section(self, text: str, need: float = 45 * mm) -> list[Flowable]:
        return [CondPageBreak(need), self.p(text, self.s.section)]

    def tick(self, i: int) -> None:
        if self.steps is not None and i % CHECK_EVERY == 0:
            self.steps.check()

    def story(self) -> list[Flowable]:
        return [
            *self.kop(),
            *self.title(),
            *self.summary(),
            *self.by_kind(),
            *self.by_agency(),
            *self.agreements(),
            *self.expiring(),
            *self.stale(),
            *self.signature(),
            *self.appendix(),
        ]

    def kop(self) -> list[Flowable]:
        return setda_kop(self.ctx, TEXT_W, self.s)

    def title(self) -> list[Flowable]:
        s = self.s
        return [
            self.p("LAPORAN MONITORING DAN EVALUASI", s.title),
            self.p("TINDAK LANJUT HASIL PEMETAAN KERJA SAMA DAERAH", s.title),
            self.p(f"{esc(plain(self.ctx.region_name).upper())} TAHUN {self.fig.year}", s.title),
            Spacer(1, 1.5 * mm),
            self.p(
                f"Keadaan data per {esc(format_date_id(self.fig.today))} · sumber: catatan tindak lanjut dan "
                "register perjanjian KSD Desktop",
                s.basis,
            ),
            Spacer(1, 3 * mm),
        ]

    # ---- A
    def summary(self) -> list[Flowable]:
        f, s = self.fig, self.s
        base = f.sesuai or f.proposals
        boxes = [
            (str(f.proposals), "usulan hasil pemetaan"),
            (str(f.sesuai), "sesuai kriteria"),
            (str(f.with_steps), f"sudah ditindaklanjuti ({pct(f.with_steps, base)})"),
            (str(f.reached_agreement), "mencapai KSB/NK"),
            (str(f.reached_pks), "mencapai PKS"),
            (str(f.stale), f"tanpa langkah ≥ {f.stale_months} bulan"),
        ]
        band = figure_band([[self.p(big, self.big), self.p(esc(text), self.small)] for big, text in boxes], TEXT_W)
        out: list[Flowable] = [self.p("A. RINGKASAN", s.section), band, Spacer(1, 3 * mm)]
        sentences = [
            f"Dari {f.proposals} usulan hasil pemetaan tahun {f.year}, {f.sesuai} dinilai sesuai kriteria oleh TKKSD. "
            f"Sebanyak {f.with_steps} usulan telah memiliki catatan tindak lanjut, {f.reached_agreement} di antaranya "
            f"telah sampai pada Kesepakatan Bersama atau Nota Kesepakatan dan {f.reached_pks} pada Perjanjian Kerja "
            f"Sama.",
            f"{f.not_pursued} usulan dicatat tidak dilanjutkan; {f.pending} usulan sesuai kriteria belum memiliki "
            f"langkah tindak lanjut, dan {f.stale} usulan sesuai kriteria tidak mencatat langkah baru selama "
            f"{f.stale_months} bulan atau lebih.",
        ]
        states = f.agreement_states
        if f.agreements:
            sentences.append(
                f"{len(f.agreements)} perjanjian terkait usulan tahun ini tercatat di register: "
                + ", ".join(f"{states.get(k, 0)} {STATE_LABELS[k].lower()}" for k in STATE_LABELS if states.get(k))
                + "."
            )
        if f.expiring:
            sentences.append(
                f"Di seluruh register, {len(f.expiring)} perjanjian berakhir dalam 12 bulan ke depan (bagian E)."
            )
        return out + [self.p(esc(x), self.text) for x in sentences]

    # ---- B
    def by_kind(self) -> list[Flowable]:
        f, s = self.fig, self.s
        out = self.section("B. TAHAPAN YANG DICAPAI MENURUT JENIS KERJA SAMA")
        if not f.kinds:
            return out + [self.p("Belum ada usulan untuk tahun ini.")]
        out.append(
            self.p(
                esc(
                    "Satu usulan dihitung mencapai sebuah tahap bila tahap itu dicatat atau bila tahap "
                    "sesudahnya yang mensyaratkannya dicatat (PKS berarti KSB sudah dicapai). Tahap pilihan "
                    "(persetujuan DPRD, PKS Sinergi) dihitung hanya bila dicatat. Dasar: usulan sesuai "
                    "kriteria ditambah usulan lain yang memiliki catatan tindak lanjut."
                ),
                s.note,
            )
        )
        for number, kind in enumerate(f.kinds, 1):
            bars = [
                Bar(
                    c.short + (" (pilihan)" if c.optional else ""),
                    (c.reached,),
                    f"{c.reached} · {pct(c.reached, kind.proposals)}",
                )
                for c in kind.steps
            ]
            chart = hbar_chart(bars, [("Usulan", STEP_COLOR)], TEXT_W, axis_title="jumlah usulan")
            heading = self.p(
                f"{number}. {esc(label(kind.kind))} ({KIND_SHORT.get(kind.kind, kind.kind)}): "
                f"{kind.proposals} usulan, {kind.with_steps} ditindaklanjuti, {kind.not_pursued} tidak "
                "dilanjutkan",
                self.sub,
            )
            out += [KeepTogether([heading, chart]), Spacer(1, 2 * mm)]
        return out

    # ---- C
    def by_agency(self) -> list[Flowable]:
        f, s = self.fig, self.s
        out = self.section("C. REKAP PER PERANGKAT DAERAH", 60 * mm)
        widths = [8 * mm, 0, 13 * mm, 13 * mm, 15 * mm, 14 * mm, 11 * mm, 19 * mm, 19 * mm]
        widths[1] = TEXT_W - sum(widths)
        grid = Grid(widths)
        extra = self.head(
            grid,
            [
                "No.",
                "Perangkat Daerah",
                "Usulan",
                "Sesuai",
                "Ada langkah",
                "KSB/NK",
                "PKS",
                "Tidak dilanjutkan",
                f"Tanpa langkah ≥ {f.stale_months} bulan",
            ],
        )
        for i, a in enumerate(f.agencies, 1):
            grid.record(
                [
                    self.num(i),
                    self.p(esc(a.name), s.cell),
                    self.num(a.proposals),
                    self.num(a.sesuai),
                    self.num(a.with_steps),
                    self.num(a.agreement),
                    self.num(a.pks),
                    self.num(a.not_pursued),
                    self.num(a.stale),
                ]
            )
        grid.record(
            [
                self.p("", s.cell),
                self.p("<b>Jumlah</b>", s.cell),
                self.num(f.proposals, True),
                self.num(f.sesuai, True),
                self.num(f.with_steps, True),
                self.num(f.reached_agreement, True),
                self.num(f.reached_pks, True),
                self.num(f.not_pursued, True),
                self.num(f.stale, True),
            ]
        )
        extra.append(("BACKGROUND", (0, -1), (-1, -1), LABEL_FILL))
        return out + [grid.table(repeat_rows=1, extra=extra)]

    def agreement_grid(self, agreements: Sequence[Agreement], *, with_days: bool = False) -> list[Flowable]:
        s, c = self.s, self.compact
        widths = [8 * mm, 20 * mm, 0, 22 * mm, 24 * mm, 24 * mm]
        widths[2] = TEXT_W - sum(widths)

        def records() -> Iterator[list[Any]]:
            for i, a in enumerate(agreements, 1):
                end = a.expiry()
                tail = (
                    f"{(end - self.fig.today).days} hari"
                    if with_days and end
                    else STATE_LABELS[a.state(self.fig.today).value]
                )
                body = (
                    f"<b>{esc(a.number)}</b><br/>{esc(a.title or a.object, 300)}<br/>"
                    f"<font size=7.5 color='#555555'>{esc('; '.join(a.parties), 300)}</font>"
                )
                yield [
                    self.num(i),
                    self.p(esc(a.doc_type if a.doc_type != "MOU" else "MoU"), s.cell_center),
                    self.p(body, c),
                    self.p(esc(format_date_id(a.date_signed)), s.cell_center),
                    self.p(esc(format_date_id(end)) if end else "tanpa batas", s.cell_center),
                    self.p(esc(tail), s.cell_center),
                ]

        return self.chunked(
            widths,
            [
                "No.",
                "Jenis",
                "Nomor, Judul dan Para Pihak",
                "Tanggal tanda tangan",
                "Berakhir",
                "Sisa waktu" if with_days else "Keadaan",
            ],
            records(),
        )

    # ---- D
    def agreements(self) -> list[Flowable]:
        f = self.fig
        out = self.section("D. PERJANJIAN KERJA SAMA TERKAIT USULAN TAHUN INI", 45 * mm)
        if not f.agreements:
            return out + [self.p("Belum ada perjanjian yang ditautkan ke usulan tahun ini.")]
        states = ", ".join(f"{f.agreement_states.get(k, 0)} {v.lower()}" for k, v in STATE_LABELS.items())
        return out + [
            self.p(esc(f"{len(f.agreements)} perjanjian: {states}."), self.text),
            *self.agreement_grid(f.agreements),
        ]

    # ---- E
    def expiring(self) -> list[Flowable]:
        f = self.fig
        out = self.section("E. PERJANJIAN YANG BERAKHIR DALAM 12 BULAN (SELURUH REGISTER)", 40 * mm)
        if not f.expiring:
            return out + [self.p("Tidak ada perjanjian di register yang berakhir dalam 12 bulan ke depan.")]
        intro = (
            "Perjanjian berikut perlu diputuskan: diperpanjang (dengan adendum atau perjanjian baru) atau "
            "diakhiri, dan dicatat di register."
        )
        return out + [self.p(esc(intro), self.text), *self.agreement_grid(f.expiring, with_days=True)]

    # ---- F
    def stale(self) -> list[Flowable]:
        f, s, c = self.fig, self.s, self.compact
        out = self.section(f"F. USULAN SESUAI KRITERIA TANPA LANGKAH SELAMA {f.stale_months} BULAN ATAU LEBIH", 40 * mm)
        lines = [x for x in f.lines if x.proposal.stale]
        if not lines:
            return out + [self.p("Tidak ada.")]
        widths = [8 * mm, 34 * mm, 0, 32 * mm, 22 * mm]
        widths[2] = TEXT_W - sum(widths)
        records = (
            [
                self.num(i),
                self.p(esc(x.proposal.agency_name), c),
                self.p(f"{x.proposal.seq}. {esc(x.proposal.object, 300)}", c),
                self.p(esc(step_label(x.standing.current) or "belum ada"), c),
                self.p(esc(format_date_id(x.standing.last_date)) or "–", s.cell_center),
            ]
            for i, x in enumerate(lines, 1)
        )
        return out + self.chunked(widths, ["No.", "Perangkat Daerah", "Objek", "Langkah terakhir", "Tanggal"], records)

    def signature(self) -> list[Flowable]:
        s = self.s
        closing = (
            "Demikian laporan monitoring dan evaluasi tindak lanjut hasil pemetaan kerja sama daerah ini disusun "
            "sebagai bahan Tim Koordinasi Kerja Sama Daerah."
        )
        place = esc(self.ctx.signed_place) or "." * 28
        right: list[Flowable] = [
            self.p(f"{place}, {BLANK_DATE}", s.sign),
            self.p("KEPALA BAGIAN PEMERINTAHAN", s.sign),
            self.p("SEKRETARIAT DAERAH", s.sign),
            self.p(f"{esc(plain(self.ctx.region_name).upper())},", s.sign),
            Spacer(1, 22 * mm),
            self.p(BLANK_NAME, s.sign_name),
            self.p(BLANK_NAME, s.sign),
            self.p(f"NIP. {BLANK_NIP}", s.sign),
        ]
        table = Table([["", right]], colWidths=[TEXT_W * 0.5, TEXT_W * 0.5])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [KeepTogether([Spacer(1, 5 * mm), self.p(closing), Spacer(1, 6 * mm), table])]

    def appendix(self) -> list[Flowable]:
        f, s, c = self.fig, self.s, self.compact
        out: list[Flowable] = [
            PageBreak(),
            self.p("LAMPIRAN", s.title),
            self.p(esc(title_of(f, self.ctx).upper()), s.basis),
            Spacer(1, 3 * mm),
            self.p("KEDUDUKAN TINDAK LANJUT SETIAP USULAN", s.section),
        ]
        if not f.lines:
            return out + [self.p("Belum ada usulan untuk tahun ini.")]
        widths = [8 * mm, 30 * mm, 14 * mm, 0, 24 * mm, 34 * mm, 20 * mm]
        widths[3] = TEXT_W - sum(widths)

        def records() -> Iterator[list[Any]]:
            for i, line in enumerate(f.lines, 1):
                p = line.proposal
                docs = "".join(
                    f"<br/><font size=7.5 color='#555555'>{esc(a.doc_type)} {esc(a.number, 80)}</font>"
                    for a in line.agreements
                )
                # short one-line cells as bare strings: drawn by the table, three times faster than Paragraphs
                yield [
                    str(i),
                    self.text_cell(p.agency_name, widths[1]),
                    KIND_SHORT.get(p.kind, p.kind),
                    self.p(f"{p.seq}. {esc(p.object, 300)}", c),
                    self.text_cell(label(p.review_status), widths[4]),
                    self.p(esc(step_short(line.standing.current) or "belum ada") + docs, c),
                    self.text_cell(format_date_id(line.standing.last_date) or "–", widths[6]),
                ]

        return out + self.chunked(
            widths,
            ["No.", "Perangkat Daerah", "Jenis", "Objek", "Penilaian", "Tahap terakhir", "Tanggal"],
            records(),
            [("FONTSIZE", (0, 1), (-1, -1), c.fontSize), ("ALIGN", (0, 1), (0, -1), "CENTER")],
        )


def render_monev_pdf(fig: MonevFigures, ctx: RecapContext, steps: Steps) -> bytes:
    with rendering():
        return _render(fig, ctx, steps)


def _render(fig: MonevFigures, ctx: RecapContext, steps: Steps) -> bytes:
    register_fonts()
    title = title_of(fig, ctx)
    buffer = io.BytesIO()
    doc = one_frame_document(
        buffer,
        PAGE_W,
        PAGE_H,
        MARGIN_BOTTOM,
        FRAME_H,
        title=title,
        author=f"Bagian Pemerintahan Sekretariat Daerah {ctx.region_name}",
        subject="Monitoring dan evaluasi tindak lanjut hasil pemetaan kerja sama daerah",
        creator=f"{APP_NAME} {__version__}",
        producer=f"{APP_NAME} {__version__}",
    )
    story = MonevLayout(fig, ctx, steps).story()
    steps.advance()

    def on_progress(kind: str, value: int) -> None:
        if kind in ("PAGE", "PROGRESS"):
            steps.check()

    doc.setProgressCallBack(on_progress)
    info = PageInfo(
        is_draft=False, running_head=title, footer_left=f"{APP_NAME} · keadaan data per {format_date_id(fig.today)}"
    )
    decorate = page_decorator(info)
    doc.build(story, canvasmaker=lambda *a, **kw: FormCanvas(*a, decorate=decorate, **kw))
    return buffer.getvalue()
