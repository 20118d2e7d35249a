"""The pages of the PDF mapping form (A4 portrait), typeset with reportlab: the CURRENT layout.

This module (with kit.py and the domain wording it prints) is the layout whose version is
``layouts.current.LAYOUT_VERSION``: every PDF exported today records that number, and
verification renders its pages again with this code. Changing how a form looks therefore
means a new layout version once the current one has been released (the rule is written in
layouts/__init__.py); tests/fixtures/layout<N>-*.pdf must keep verifying.

Importing this module loads reportlab, so only the layout registry imports it, inside a
function: the main window must not wait for reportlab when it imports the services.

Story: the kop (optional logo, PEMERINTAH KABUPATEN BANJAR, the OPD, the letterhead lines,
a thick-and-thin double rule), the title, A. Identitas, B. Daftar Usulan (header repeated
on every page), C. Uraian Usulan (one key/value table per proposal, kept whole when short,
its header repeated with "(lanjutan)" when it runs over a page), D. Pengesahan (the
Permendagri 1/2023 signature block on the right half, with a blank space reserved for a
wet signature or an electronic signature stamp (TTE) between the jabatan and the name).
Page decorations: footer, running head, draft watermark and, in the footer of the last page
of a signed form, the verification QR code with its caption (away from the signature block,
so that nobody takes it for a BSrE TTE).

Every user string passes through :func:`pdf_kit.esc` before it reaches a Paragraph, every
paragraph may split long words, and tall cells are cut into several rows (``pdf_kit.Grid``),
so no text can break the markup, run out of its cell, be cut off or stop the generator.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer,
    Table,
)

from ...domain.dates import format_date_id
from ...domain.models import FIELD_LABELS, LABELS, Form, Kind, Proposal, label
from ...domain.nip import format_nip
from ...domain import signing as wording
from .kit import (
    FONT, FONT_BOLD, FONT_ITALIC, GREY, HEAD_FILL, LABEL_FILL, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H,
    PAGE_W, TEXT_W, ContinuedTable, DoubleRule, FormCanvas, Grid, Indent, Para, draw_running_head,
    draw_watermark, esc, fit, logo, make_styles, or_dash, plain, qr_code, register_fonts, table_style,
)

if TYPE_CHECKING:
    from .context import PdfContext

LEGAL_BASIS = "Dasar: PP 28/2018 Pasal 5 ayat (1); Permendagri 22/2020 Pasal 5 ayat (1)"
CLOSING = ("Demikian formulir pemetaan kerja sama daerah ini dibuat dengan sebenarnya untuk "
           "dipergunakan sebagaimana mestinya.")
COMPLIANCE_YES = ("Ya, tidak bertentangan dengan ketertiban umum, kesusilaan, kepentingan nasional "
                  "dan peraturan perundang-undangan")
BLANK_PLACE, BLANK_DATE, BLANK_NAME, BLANK_NIP = "." * 28, "." * 36, "." * 52, "." * 40
#: Longest text printed in a place that cannot grow (kop, repeated headers, signature block);
#: the full value is in section C and in the embedded data.
SHORT, LONG = 150, 300
KINDS = frozenset(k.value for k in Kind)
_render_lock = threading.Lock()

#: The form's bottom margin: the footer band holds the QR code on the last page.
MARGIN_BOTTOM = 26 * mm
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
FOOTER_RULE_Y = 23 * mm
FOOTER_TEXT_Y = 19.5 * mm
QR_SIZE = 18 * mm
QR_Y = 3.5 * mm
#: Height of the space kept free in the signature block for a signature or a TTE stamp.
TTE_HEIGHT = 25 * mm
#: Where the verification lives in the application (the caption beside the QR code names it;
#: tests/gui check that the menu really says so).
VERIFY_MENU = "Data › Periksa Keaslian PDF"


def qr_text(form_uuid: str, revision: int | str, content_hash: str | None) -> str:
    """What a phone shows when it scans the QR code: a short Indonesian sentence."""
    return (f"Formulir pemetaan KSD {form_uuid[:8]}, revisi {revision}, {wording.VERIFICATION_LABEL.lower()} "
            f"{(content_hash or '')[:12]}. Periksa keaslian di KSD Desktop.")


def qr_caption(form_uuid: str, revision: int | str, content_hash: str | None) -> tuple[str, str]:
    """The two lines printed beside the QR code."""
    return (f"Kode QR verifikasi (bukan tanda tangan elektronik): formulir {form_uuid[:8]}, revisi {revision}, "
            f"{wording.VERIFICATION_LABEL.lower()} {(content_hash or '')[:12]}.",
            f"Periksa keaslian PDF ini dengan aplikasi KSD Desktop, menu {VERIFY_MENU}.")


@dataclass(frozen=True)
class PageInfo:
    """What every page prints besides the story; ``qr`` only on a signed form."""

    is_draft: bool
    footer_left: str
    running_head: str
    qr: str | None = None
    qr_caption: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class TteBox:
    """The blank space of the signature block, in PDF points on page ``page`` (0-based)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Rendered:
    """The typeset pages (PDF bytes, before the data is attached) and where the TTE space is."""

    pdf: bytes
    tte: TteBox | None


class TteSpace(Flowable):
    """Blank space for the signature or a TTE stamp; remembers where it was drawn."""

    def __init__(self, width: float, height: float, found: list[TteBox]):
        super().__init__()
        self.width, self.height, self.found = width, height, found

    def wrap(self, aW, aH):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        (x0, y0), (x1, y1) = c.absolutePosition(0, 0), c.absolutePosition(self.width, self.height)
        self.found.append(TteBox(c.getPageNumber() - 1, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))


class FormLayout:
    """Builds the flowables of one form."""

    def __init__(self, form: Form, ctx: PdfContext, *, full_hash: str | None = None):
        self.form, self.ctx = form, ctx
        self.signed = form.status == "signed"
        self.full_hash = full_hash
        self.s = make_styles()
        self.proposals = sorted(form.proposals, key=lambda x: x.seq)
        self.tte: list[TteBox] = []

    def p(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Para(markup, style or self.s.body)

    def urusan_text(self, code: str | None) -> str:
        name = self.ctx.urusan_names.get(code or "")
        return or_dash(f"{code} {name}" if name else code)

    def region_text(self, code: str | None) -> str:
        name = self.ctx.region_names.get(code or "")
        return esc(f"{name} ({code})" if name else code)

    def story(self) -> list[Flowable]:
        return [*self.kop(), *self.title(), *self.identity(), *self.summary(), *self.details(),
                *self.signature()]

    # ---- kop and title
    def kop(self) -> list[Flowable]:
        s = self.s
        side = 26 * mm
        middle = TEXT_W - 2 * side
        agency = plain(self.ctx.agency_name).upper()[:SHORT]
        agency_style = s.kop_agency
        width = pdfmetrics.stringWidth(agency, FONT_BOLD, agency_style.fontSize)
        if width > middle:  # long OPD names: smaller type over two or three lines
            size = 13 if width * 13 / 15 <= 2 * middle else 11.5
            agency_style = ParagraphStyle("ksd-kop-agency-small", parent=agency_style, fontSize=size,
                                          leading=size * 1.2)
        lines: list[Flowable] = [self.p(esc(plain(self.ctx.region_title).upper(), SHORT), s.kop_region),
                                 self.p(esc(agency), agency_style)]
        letterhead = [line for line in (plain(x) for x in self.ctx.letterhead_lines or ()) if line]
        lines += [self.p(esc(line, SHORT), s.kop_line) for line in letterhead[:4]]
        image = logo(self.ctx.logo if self.ctx.logo is not None else self.ctx.logo_path, side - 3 * mm, 24 * mm)
        table = Table([[image or "", lines, ""]], colWidths=[side, middle, side])
        table.setStyle(table_style([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        return [table, Spacer(1, 2.5 * mm), DoubleRule(TEXT_W), Spacer(1, 6 * mm)]

    def title(self) -> list[Flowable]:
        s = self.s
        return [self.p("FORMULIR PEMETAAN KERJA SAMA DAERAH", s.title),
                self.p(f"TAHUN {esc(self.form.year)}", s.title),
                Spacer(1, 1.5 * mm), self.p(LEGAL_BASIS, s.basis), Spacer(1, 3 * mm)]

    # ---- A. Identitas
    def identity(self) -> list[Flowable]:
        f, s = self.form, self.s
        rows: list[tuple[str, str]] = [
            ("Perangkat Daerah", or_dash(self.ctx.agency_name)),
            (FIELD_LABELS["year"], or_dash(f.year)),
            (FIELD_LABELS["pic_name"], or_dash(f.pic_name)),
            (FIELD_LABELS["pic_position"], or_dash(f.pic_position)),
            (FIELD_LABELS["pic_phone"], or_dash(f.pic_phone)),
            (FIELD_LABELS["pic_email"], or_dash(f.pic_email)),
            (FIELD_LABELS["status"], "Ditandatangani" if self.signed else "Draf (belum disahkan)"),
            (FIELD_LABELS["revision"], esc(f.revision)),
        ]
        if (f.revision or 1) > 1:
            rows.append((FIELD_LABELS["revision_reason"], or_dash(f.revision_reason)))
        rows.append(("Jumlah usulan", f"{len(self.proposals)} usulan"))
        if self.signed and self.full_hash:
            rows.append((FIELD_LABELS["content_hash"], f"<font size=8>{esc(self.full_hash)}</font>"))
        grid = Grid([50 * mm, 4 * mm, TEXT_W - 59 * mm], ruled=False, pad_x=0, pad_top=1, pad_bottom=1.5)
        for key, value in rows:
            grid.record([self.p(key), self.p(":"), self.p(value)])
        return [self.p("A. IDENTITAS", s.section), Indent(grid.table(), 5 * mm)]

    # ---- B. Daftar usulan
    def summary(self) -> list[Flowable]:
        s = self.s
        widths = [9 * mm, 30 * mm, 0, 19 * mm, 32 * mm, 15 * mm]
        widths[2] = TEXT_W - sum(widths)
        grid = Grid(widths)
        header = ["No.", "Urusan", "Permasalahan / Kebutuhan", "Jenis", "Calon Mitra", "Prioritas"]
        grid.header([self.p(h, s.head_cell) for h in header])
        extra: list[tuple] = [("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
        for p in self.proposals:
            kind = or_dash(p.kind)
            if p.kind == Kind.KSDD and p.ksdd_category:
                kind += f"<br/>({esc(label(p.ksdd_category)).lower()})"
            names = [esc(x.name) for x in sorted(p.partners, key=lambda x: x.seq) if plain(x.name)]
            partners = ("<br/>".join(f"{i}. {n}" for i, n in enumerate(names, 1)) if len(names) > 1
                        else (names[0] if names else "–"))
            grid.record([
                self.p(esc(p.seq), s.cell_center), self.p(self.urusan_text(p.urusan_code), s.cell),
                self.p(or_dash(p.problem), s.cell), self.p(kind, s.cell_center),
                self.p(partners, s.cell), self.p(or_dash(label(p.priority)), s.cell_center),
            ])
        if not self.proposals:
            grid.record([self.p("Belum ada usulan kerja sama.", s.cell_center), "", "", "", "", ""])
            extra.append(("SPAN", (0, 1), (-1, 1)))
        out: list[Flowable] = [CondPageBreak(40 * mm), self.p("B. DAFTAR USULAN KERJA SAMA", s.section),
                               grid.table(repeat_rows=1, extra=extra)]
        kinds = [k.value for k in Kind if any(p.kind == k for p in self.proposals)]
        if kinds:
            legend = "; ".join(f"{k} = {esc(LABELS[k])}" for k in kinds)
            out += [Spacer(1, 1.5 * mm), self.p(f"Keterangan jenis: {legend}.", s.note)]
        return out

    # ---- C. Uraian usulan
    def details(self) -> list[Flowable]:
        s = self.s
        heading = self.p("C. URAIAN USULAN KERJA SAMA", s.section)
        if not self.proposals:
            return [CondPageBreak(30 * mm), heading, self.p("Belum ada usulan kerja sama.")]
        out: list[Flowable] = []
        for i, proposal in enumerate(self.proposals):
            table = self.proposal_table(proposal)
            _, height = table.wrap(TEXT_W, FRAME_H)
            rows = table._rowHeights
            if len(rows) > 4 and sum(rows[-3:]) < FRAME_H / 3:  # no widowed last row or two
                table.setStyle([("NOSPLIT", (0, len(rows) - 3), (-1, len(rows) - 1))])
            first: list[Flowable] = [heading] if i == 0 else [Spacer(1, 4 * mm)]
            if height < FRAME_H * 0.45:
                out.append(KeepTogether([*first, table]))
            else:
                out += [CondPageBreak(50 * mm), *first, table]
        return out

    def proposal_rows(self, p: Proposal) -> list[tuple[str, str]]:
        kind = esc(f"{p.kind} – {LABELS[p.kind]}") if p.kind in KINDS else or_dash(p.kind)
        rows: list[tuple[str, str]] = [
            ("urusan_code", self.urusan_text(p.urusan_code)),
            ("program", or_dash(p.program)),
            ("problem", or_dash(p.problem)),
            ("potential", or_dash(p.potential)),
            ("object", or_dash(p.object)),
            ("kind", kind),
        ]
        if p.kind == Kind.KSDD or p.ksdd_category:
            rows.append(("ksdd_category", or_dash(label(p.ksdd_category))))
        if p.kind == Kind.KSDD or p.externality:
            rows.append(("externality", or_dash(p.externality)))
        if p.kind == Kind.KSDPK or p.ksdpk_form:
            rows.append(("ksdpk_form", or_dash(label(p.ksdpk_form))))
        return rows + [
            ("partners", self.partners_markup(p)),
            ("benefits", or_dash(p.benefits)),
            ("rpjmd_alignment", or_dash(p.rpjmd_alignment)),
            ("legal_basis", or_dash(p.legal_basis)),
            ("financing", or_dash(label(p.financing))),
            ("priority", or_dash(label(p.priority))),
            ("stage", or_dash(label(p.stage))),
            ("existing_documents", or_dash(p.existing_documents)),
            ("compliance_confirmed", COMPLIANCE_YES if p.compliance_confirmed else "Belum dinyatakan"),
            ("notes", or_dash(p.notes)),
        ]

    def partners_markup(self, p: Proposal) -> str:
        partners = sorted(p.partners, key=lambda x: x.seq)
        items = []
        for i, x in enumerate(partners, 1):
            parts = [esc(label(x.category))] if x.category else []
            if x.region_code:
                parts.append(f"wilayah {self.region_text(x.region_code)}")
            if plain(x.contact):
                parts.append(f"kontak: {esc(x.contact)}")
            detail = f"<br/><font size=8.5 color='#444444'>{'; '.join(parts)}</font>" if parts else ""
            number = f"{i}. " if len(partners) > 1 else ""
            items.append(f"{number}<b>{or_dash(x.name)}</b>{detail}")
        return "<br/>".join(items) or "–"

    def proposal_table(self, p: Proposal) -> ContinuedTable:
        s = self.s
        head = f"Usulan {esc(p.seq)}: {esc(p.object, SHORT) or '–'}"
        grid = Grid([47 * mm, TEXT_W - 47 * mm], pad_x=3.5)
        grid.header([self.p(head, s.cell_bold), ""])
        for key, markup in self.proposal_rows(p):
            grid.record([self.p(esc(FIELD_LABELS[key]), s.cell), self.p(markup, s.cell)])
        table = grid.table(repeat_rows=1, cls=ContinuedTable, extra=[
            ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL),
        ])
        table.continued_head = self.p(f"{head} <font name='{FONT_ITALIC}'>(lanjutan)</font>", s.cell_bold)
        return table

    # ---- D. Pengesahan
    def signature(self) -> list[Flowable]:
        s, f, ctx = self.s, self.form, self.ctx
        place = esc(f.signed_place, SHORT) or BLANK_PLACE
        date = esc(format_date_id(f.signed_date)) if f.signed_date else BLANK_DATE
        right: list[Flowable] = [self.p(f"{place}, {date}", s.sign)]
        lines = wording.jabatan_lines(ctx.agency_name, ctx.region_name, plain(f.signer_position)[:LONG],
                                      f.signer_prefix)
        right += [self.p(esc(line), s.sign) for line in lines]
        right.append(TteSpace(TEXT_W * 0.5, TTE_HEIGHT, self.tte))
        name = esc(f.signer_name, LONG)
        right.append(self.p(f"<u>{name}</u>" if name else BLANK_NAME, s.sign_name))
        if wording.shows_rank_and_nip(ctx.agency_name, ctx.region_name, f.signer_position, f.signer_prefix):
            if plain(f.signer_rank):
                right.append(self.p(esc(f.signer_rank, SHORT), s.sign))
            nip = esc(format_nip(f.signer_nip), SHORT) if plain(f.signer_nip) else BLANK_NIP
            right.append(self.p(f"NIP. {nip}", s.sign))
        table = Table([["", right]], colWidths=[TEXT_W * 0.5, TEXT_W * 0.5])
        table.setStyle(table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        return [KeepTogether([self.p("D. PENGESAHAN", s.section), self.p(CLOSING), Spacer(1, 6 * mm),
                              table])]


def page_decorator(info: PageInfo) -> Callable:
    """Footer (with the QR code on the last page of a signed form), running head from page 2
    and, on a draft, the watermark over the content."""
    def decorate(c, number: int, total: int) -> None:
        if info.is_draft:
            draw_watermark(c)
        last_qr = info.qr is not None and number == total
        left = MARGIN_LEFT + (QR_SIZE + 3 * mm if last_qr else 0)
        c.saveState()
        c.setStrokeColor(colors.HexColor("#8C8C8C"))
        c.setLineWidth(0.5)
        c.line(MARGIN_LEFT, FOOTER_RULE_Y, PAGE_W - MARGIN_RIGHT, FOOTER_RULE_Y)
        c.setFillColor(GREY)
        c.setFont(FONT, 7.5)
        c.drawString(left, FOOTER_TEXT_Y, fit(info.footer_left, FONT, 7.5, PAGE_W - MARGIN_RIGHT - left - 80))
        c.setFont(FONT_BOLD, 7.5)
        c.drawRightString(PAGE_W - MARGIN_RIGHT, FOOTER_TEXT_Y, f"Halaman {number} dari {total}")
        if last_qr:
            qr_code(info.qr, QR_SIZE, "L").drawOn(c, MARGIN_LEFT, QR_Y)  # printed: L suffices
            c.setFont(FONT, 6.8)
            width = PAGE_W - MARGIN_RIGHT - left
            for i, line in enumerate(info.qr_caption):
                c.drawString(left, FOOTER_TEXT_Y - 4.2 * mm - i * 3.4 * mm, fit(line, FONT, 6.8, width))
        c.restoreState()
        if number > 1:
            draw_running_head(c, info.running_head)
    return decorate


def render(form: Form, ctx: PdfContext, *, info: PageInfo, full_hash: str | None,
           metadata: dict[str, str]) -> Rendered:
    """Typeset the form: the PDF bytes (before pdf_form attaches the data) and the TTE space."""
    with _render_lock:  # reportlab keeps global state (fonts, rl_config): one document at a time
        saved = rl_config.useA85
        rl_config.useA85 = 0  # binary (Flate) streams: a quarter smaller and faster than ASCII85
        try:
            return _render(form, ctx, info=info, full_hash=full_hash, metadata=metadata)
        finally:
            rl_config.useA85 = saved


def _render(form: Form, ctx: PdfContext, *, info: PageInfo, full_hash: str | None,
            metadata: dict[str, str]) -> Rendered:
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=metadata["title"], author=metadata["author"], subject=metadata["subject"],
        creator=metadata["creator"], producer=metadata["producer"], invariant=1, initialFontName=FONT,
        lang="id-ID", displayDocTitle=1,
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_W, FRAME_H, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    layout = FormLayout(form, ctx, full_hash=full_hash)
    decorate = page_decorator(info)
    doc.build(layout.story(), canvasmaker=lambda *a, **kw: FormCanvas(*a, decorate=decorate, **kw))
    return Rendered(buffer.getvalue(), layout.tte[-1] if layout.tte else None)
