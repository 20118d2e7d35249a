"""The pages of the PDF mapping form (A4 or F4 portrait), typeset with reportlab: the CURRENT layout.

This module (with kit.py, letterhead.py and the domain wording it prints) is the layout whose
version is ``layouts.current.LAYOUT_VERSION``: every PDF exported today records that number,
and verification renders its pages again with this code. Changing how a form looks therefore
means a new layout version once the current one has been released (the rule is written in
layouts/__init__.py); tests/fixtures/layout<N>-*.pdf must keep verifying.

Importing this module loads reportlab, so only the layout registry imports it, inside a
function: the main window must not wait for reportlab when it imports the services.

Story: the kop (letterhead.py: the lambang, PEMERINTAH KABUPATEN BANJAR, the OPD, its address
and contact line, its own logo, a thick-and-thin double rule), the title with the legal basis
(regulations named in full the first time: domain.law.FirstMention, one per document),
A. Identitas, B. Daftar Usulan (header repeated on every page; the Objek Kerja Sama the TKKSD
needs), C. Uraian Usulan (one key/value table per proposal, kept whole when short, its header
repeated with "(lanjutan)" when it runs over a page), D. Pengesahan (the Permendagri 1/2023
Pasal 44 signature block of domain.signing on the right half, with a blank space reserved for
a wet signature, or in TTE BSrE mode for the e-signature visual, between the jabatan and the
name). Page decorations: footer, running head, draft watermark, in TTE BSrE mode on a signed
form the BSrE footer, and, in the footer of the last page of a signed form, the verification
QR code with its caption (away from the signature block, so that nobody takes it for a BSrE
TTE). Nothing is printed closer than EDGE (8 mm) to the paper's edge: office printers cannot.

Every user string passes through :func:`pdf_kit.esc` before it reaches a Paragraph, every
paragraph may split long words, and tall cells are cut into several rows (``pdf_kit.Grid``),
so no text can break the markup, run out of its cell, be cut off or stop the generator.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from ...domain import law
from ...domain import signing as wording
from ...domain.dates import format_date_id
from ...domain.models import FIELD_LABELS, LABELS, Form, Kind, Proposal, label
from ...domain.nip import format_nip
from ...domain.recap import kind_short
from ...domain.settings import paper_points
from .kit import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    GREY,
    HEAD_FILL,
    LABEL_FILL,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    ContinuedTable,
    FormCanvas,
    Grid,
    Indent,
    Para,
    draw_running_head,
    draw_watermark,
    esc,
    fit,
    make_styles,
    one_frame_document,
    or_dash,
    plain,
    register_fonts,
    rendering,
    table_style,
)
from .letterhead import Letterhead, letterhead
from .qr import qr_code

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from .context import PdfContext

CLOSING = (
    "Demikian formulir pemetaan kerja sama daerah ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."
)
COMPLIANCE_YES = (
    "Ya, tidak bertentangan dengan ketertiban umum, kesusilaan, kepentingan nasional dan peraturan perundang-undangan"
)
TTE_SIGNED_BY = "Ditandatangani secara elektronik oleh:"
BLANK_PLACE, BLANK_DATE, BLANK_NAME, BLANK_NIP = "." * 28, "." * 36, "." * 52, "." * 40
#: Longest text printed in a place that cannot grow (kop, repeated headers, signature block);
#: the full value is in section C and in the embedded data.
SHORT, LONG = 150, 300
#: The problem in section B is shortened to this many characters (its full text is in section C).
PROBLEM_SHORT = 160
KINDS = frozenset(k.value for k in Kind)

#: Nothing is printed closer than this to an edge of the paper: many office printers cannot.
EDGE = 8 * mm
#: The footer band. The QR code of the last page stands on EDGE at the left margin; the rule
#: (beside the QR code on that page), the footer line and the caption are to its right; the
#: frame starts just above the QR code.
QR_SIZE = 18 * mm
QR_Y = EDGE
FOOTER_RULE_Y = 24.5 * mm
FOOTER_TEXT_Y = FOOTER_RULE_Y - 3.5 * mm
MARGIN_BOTTOM = QR_Y + QR_SIZE + 2 * mm
#: In TTE BSrE mode two lines of the BSrE footer stand above the rule (on every page).
TTE_FOOTER_H = 9 * mm
TTE_FOOTER_SIZE = 6.8
#: Height of the space kept free in the signature block for a wet signature, or in TTE BSrE
#: mode for the e-signature visual the signing tool stamps (about 30 × 22 mm).
SIGN_HEIGHT = 25 * mm
TTE_HEIGHT = 22 * mm
#: Where the verification lives in the application (the caption beside the QR code names it).
VERIFY_MENU = wording.VERIFY_MENU


def qr_text(form_uuid: str, revision: int | str, content_hash: str | None) -> str:
    """What a phone shows when it scans the QR code: a short Indonesian sentence."""
    return (
        f"Formulir pemetaan KSD {form_uuid[:8]}, revisi {revision}, {wording.VERIFICATION_LABEL.lower()} "
        f"{(content_hash or '')[:12]}. Periksa keaslian di KSD Desktop."
    )


@dataclass(frozen=True)
class Geometry:
    """The page of one form: paper size (A4 or F4) and its bottom margin (taller in TTE mode)."""

    width: float
    height: float
    bottom: float

    @property
    def text_w(self) -> float:
        return self.width - MARGIN_LEFT - MARGIN_RIGHT

    @property
    def frame_h(self) -> float:
        return self.height - MARGIN_TOP - self.bottom


def geometry(paper: str, tte: bool) -> Geometry:
    width, height = paper_points(paper)
    return Geometry(width, height, MARGIN_BOTTOM + (TTE_FOOTER_H if tte else 0))


@dataclass(frozen=True)
class PageInfo:
    """What every page prints besides the story; ``qr`` only on a signed form, the BSrE footer
    only on a signed form in TTE mode."""

    is_draft: bool
    footer_left: str
    running_head: str
    qr: str | None = None
    qr_caption: str = ""
    tte_footer: bool = False


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

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
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
        # the legal basis is three or four lines: justified upright type reads better than centred italics
        self.basis = ParagraphStyle("ksd-form-basis", parent=self.s.basis, fontName=FONT, alignment=TA_JUSTIFY)
        self.page = geometry(ctx.paper, ctx.tte)
        self.w = self.page.text_w
        self.first = law.FirstMention()  # regulations in full the first time on this form
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
        return [*self.kop(), *self.title(), *self.identity(), *self.summary(), *self.details(), *self.signature()]

    # ---- kop and title
    def kop(self) -> list[Flowable]:
        ctx = self.ctx
        head = Letterhead(
            ctx.region_title,
            ctx.agency_name,
            tuple(ctx.letterhead_lines or ()),
            lambang=ctx.logo if ctx.logo is not None else ctx.logo_path,
            agency_logo=ctx.agency_logo if ctx.agency_logo is not None else ctx.agency_logo_path,
        )
        return letterhead(head, self.w, self.s)

    def title(self) -> list[Flowable]:
        s = self.s
        return [
            self.p("FORMULIR PEMETAAN KERJA SAMA DAERAH", s.title),
            self.p(f"TAHUN {esc(self.form.year)}", s.title),
            Spacer(1, 2 * mm),
            self.p(esc(law.mapping_basis(self.first)), self.basis),
            Spacer(1, 2 * mm),
        ]

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
        grid = Grid([50 * mm, 4 * mm, self.w - 59 * mm], ruled=False, pad_x=0, pad_top=1, pad_bottom=1.5)
        for key, value in rows:
            grid.record([self.p(key), self.p(":"), self.p(value)])
        return [self.p("A. IDENTITAS", s.section), Indent(grid.table(), 5 * mm)]

    # ---- B. Daftar usulan
    def summary(self) -> list[Flowable]:
        s = self.s
        widths = [9 * mm, 26 * mm, 36 * mm, 0, 17 * mm, 32 * mm]
        widths[3] = self.w - sum(widths)  # 45 mm on A4, 50 mm on F4
        grid = Grid(widths)
        header = ["No.", "Urusan", "Objek Kerja Sama", "Permasalahan / Kebutuhan", "Jenis", "Calon Mitra"]
        extra = grid.shaded_header([self.p(h, s.head_cell) for h in header])
        for p in self.proposals:
            kind = esc(kind_short(p.kind)) if p.kind in KINDS else or_dash(p.kind)
            if p.kind == Kind.KSDD and p.ksdd_category:
                kind += f"<br/>({esc(label(p.ksdd_category)).lower()})"
            names = [esc(x.name) for x in sorted(p.partners, key=lambda x: x.seq) if plain(x.name)]
            partners = (
                "<br/>".join(f"{i}. {n}" for i, n in enumerate(names, 1))
                if len(names) > 1
                else (names[0] if names else "–")
            )
            grid.record(
                [
                    self.p(esc(p.seq), s.cell_center),
                    self.p(self.urusan_text(p.urusan_code), s.cell),
                    self.p(or_dash(p.object), s.cell),
                    self.p(esc(p.problem, PROBLEM_SHORT) or "–", s.cell),
                    self.p(kind, s.cell_center),
                    self.p(partners, s.cell),
                ]
            )
        if not self.proposals:
            grid.record([self.p("Belum ada usulan kerja sama.", s.cell_center), "", "", "", "", ""])
            extra.append(("SPAN", (0, 1), (-1, 1)))
        out: list[Flowable] = [
            CondPageBreak(40 * mm),
            self.p("B. DAFTAR USULAN KERJA SAMA", s.section),
            grid.table(repeat_rows=1, extra=extra),
        ]
        kinds = [k.value for k in Kind if any(p.kind == k for p in self.proposals)]
        notes = []
        if kinds:
            notes.append(
                "Keterangan jenis: " + "; ".join(f"{esc(kind_short(k))} = {esc(LABELS[k])}" for k in kinds) + "."
            )
        if any(len(plain(p.problem)) > PROBLEM_SHORT for p in self.proposals):
            notes.append("Permasalahan yang panjang diringkas (…); teks lengkapnya ada pada bagian C.")
        if notes:
            out += [Spacer(1, 1.5 * mm), self.p(" ".join(notes), s.note)]
        return out

    # ---- C. Uraian usulan
    def details(self) -> list[Flowable]:
        s = self.s
        heading = self.p("C. URAIAN USULAN KERJA SAMA", s.section)
        if not self.proposals:
            return [CondPageBreak(30 * mm), heading, self.p("Belum ada usulan kerja sama.")]
        frame_h = self.page.frame_h
        out: list[Flowable] = []
        for i, proposal in enumerate(self.proposals):
            table = self.proposal_table(proposal)
            _, height = table.wrap(self.w, frame_h)
            rows = table._rowHeights
            if len(rows) > 4 and sum(rows[-3:]) < frame_h / 3:  # no widowed last row or two
                table.setStyle([("NOSPLIT", (0, len(rows) - 3), (-1, len(rows) - 1))])
            first: list[Flowable] = [heading] if i == 0 else [Spacer(1, 4 * mm)]
            if height < frame_h * 0.45:
                out.append(KeepTogether([*first, table]))
            else:
                out += [CondPageBreak(50 * mm), *first, table]
        return out

    def kind_markup(self, kind: str | None) -> str:
        """``KSDPK – Kerja Sama Daerah dengan Pihak Ketiga`` and, small, the provision defining it."""
        if kind not in KINDS:
            return or_dash(kind)
        name, short = LABELS[kind], kind_short(kind)
        text = name if name.lower().startswith(short.lower()) else f"{short} – {name}"
        return f"{esc(text)}<br/><font size=7.5 color='#555555'>{esc(law.kind_citation(kind, self.first))}</font>"

    def proposal_rows(self, p: Proposal) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = [
            ("urusan_code", self.urusan_text(p.urusan_code)),
            ("program", or_dash(p.program)),
            ("problem", or_dash(p.problem)),
            ("potential", or_dash(p.potential)),
            ("object", or_dash(p.object)),
            ("kind", self.kind_markup(p.kind)),
        ]
        if p.kind == Kind.KSDD or p.ksdd_category:
            rows.append(("ksdd_category", or_dash(label(p.ksdd_category))))
        if p.kind == Kind.KSDD or p.externality:
            rows.append(("externality", or_dash(p.externality)))
        if p.kind == Kind.KSDPK or p.ksdpk_form:
            rows.append(("ksdpk_form", or_dash(label(p.ksdpk_form))))
        compliance = (
            f"{COMPLIANCE_YES} ({esc(self.first.cite('object_limits'))}, ketentuan objek kerja sama)"
            if p.compliance_confirmed
            else "Belum dinyatakan"
        )
        return rows + [
            ("partners", self.partners_markup(p)),
            ("benefits", or_dash(p.benefits)),
            ("rpjmd_alignment", or_dash(p.rpjmd_alignment)),
            ("legal_basis", or_dash(p.legal_basis)),
            ("financing", or_dash(label(p.financing))),
            ("priority", or_dash(label(p.priority))),
            ("stage", or_dash(label(p.stage))),
            ("existing_documents", or_dash(p.existing_documents)),
            ("compliance_confirmed", compliance),
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
        grid = Grid([47 * mm, self.w - 47 * mm], pad_x=3.5)
        grid.header([self.p(head, s.cell_bold), ""])
        for key, markup in self.proposal_rows(p):
            grid.record([self.p(esc(FIELD_LABELS[key]), s.cell), self.p(markup, s.cell)])
        table = grid.table(
            repeat_rows=1,
            cls=ContinuedTable,
            extra=[
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL),
            ],
        )
        assert isinstance(table, ContinuedTable)
        table.continued_head = self.p(f"{head} <font name='{FONT_ITALIC}'>(lanjutan)</font>", s.cell_bold)
        return table

    # ---- D. Pengesahan
    def signature(self) -> list[Flowable]:
        s, f, ctx = self.s, self.form, self.ctx
        place = plain(f.signed_place)[:SHORT] or BLANK_PLACE
        date = format_date_id(f.signed_date) if f.signed_date else BLANK_DATE
        block = wording.signature_block(
            agency_name=ctx.agency_name,
            region_name=ctx.region_name,
            position=plain(f.signer_position)[:LONG],
            prefix=f.signer_prefix,
            name=plain(f.signer_name),
            rank=plain(f.signer_rank),
            nip_text=format_nip(f.signer_nip) if plain(f.signer_nip) else "",
            place_date=f"{place}, {date}",
            tte=ctx.tte,
        )
        half = self.w * 0.5
        right: list[Flowable] = [self.p(esc(block.place_date), s.sign)]
        right += [self.p(esc(line), s.sign) for line in block.jabatan]
        if block.tte:  # the signing tool (BSrE's Panter/Besign) stamps its visual in the space
            right += [Spacer(1, 2 * mm), self.p(TTE_SIGNED_BY, s.qr_note), TteSpace(half, TTE_HEIGHT, self.tte)]
        else:
            right.append(TteSpace(half, SIGN_HEIGHT, self.tte))
        name = esc(block.name, LONG)
        right.append(self.p(f"<u>{name}</u>" if name else BLANK_NAME, s.sign_name))
        if block.rank:
            right.append(self.p(esc(block.rank, SHORT), s.sign))
        if block.nip is not None:
            nip = block.nip if block.nip != "NIP." else f"NIP. {BLANK_NIP}"
            right.append(self.p(esc(nip, SHORT), s.sign))
        table = Table([["", right]], colWidths=[half, half])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [KeepTogether([self.p("D. PENGESAHAN", s.section), self.p(CLOSING), Spacer(1, 6 * mm), table])]


def page_decorator(info: PageInfo, page: Geometry) -> Callable[[Canvas, int, int], None]:
    """Footer (with the QR code on the last page of a signed form), the BSrE footer on a signed
    form in TTE mode, running head from page 2 and, on a draft, the watermark over the content."""
    right_x = page.width - MARGIN_RIGHT

    def decorate(c: Canvas, number: int, total: int) -> None:
        if info.is_draft:
            draw_watermark(c, page.width, page.height)
        last_qr = info.qr is not None and number == total
        left = MARGIN_LEFT + (QR_SIZE + 3 * mm if last_qr else 0)
        c.saveState()
        c.setStrokeColor(colors.HexColor("#8C8C8C"))
        c.setLineWidth(0.5)
        c.line(left, FOOTER_RULE_Y, right_x, FOOTER_RULE_Y)
        c.setFillColor(GREY)
        if info.tte_footer:
            c.setFont(FONT_ITALIC, TTE_FOOTER_SIZE)
            y = FOOTER_RULE_Y + 4 * mm  # clear of the QR code's top on the last page
            for line in reversed(law.TTE_FOOTER_LINES):
                c.drawCentredString(
                    MARGIN_LEFT + page.text_w / 2, y, fit(line, FONT_ITALIC, TTE_FOOTER_SIZE, page.text_w)
                )
                y += 3 * mm
        c.setFont(FONT, 7.5)
        c.drawString(left, FOOTER_TEXT_Y, fit(info.footer_left, FONT, 7.5, right_x - left - 80))
        c.setFont(FONT_BOLD, 7.5)
        c.drawRightString(right_x, FOOTER_TEXT_Y, f"Halaman {number} dari {total}")
        if last_qr:
            assert info.qr is not None
            c.setFillColor(colors.black)  # full contrast for the camera
            qr_code(info.qr, QR_SIZE, "L").drawOn(c, MARGIN_LEFT, QR_Y)  # printed: L suffices
            c.setFillColor(GREY)
            c.setFont(FONT, 6.8)
            lines = simpleSplit(info.qr_caption, FONT, 6.8, right_x - left)[:3]
            for i, line in enumerate(lines):
                c.drawString(left, FOOTER_TEXT_Y - 4.2 * mm - i * 3.2 * mm, line)
        c.restoreState()
        if number > 1:
            draw_running_head(c, info.running_head, page.width, page.height)

    return decorate


def render(
    form: Form,
    ctx: PdfContext,
    *,
    info: PageInfo,
    full_hash: str | None,
    metadata: dict[str, str],
    finish: Callable[[Any], None] | None = None,
) -> Rendered:
    """Typeset the form: the PDF bytes and the TTE space. ``finish`` runs on the canvas just
    before the file is written (form.attach adds the data there; verification renders without)."""
    with rendering():
        return _render(form, ctx, info=info, full_hash=full_hash, metadata=metadata, finish=finish)


def _render(
    form: Form,
    ctx: PdfContext,
    *,
    info: PageInfo,
    full_hash: str | None,
    metadata: dict[str, str],
    finish: Callable[[Any], None] | None,
) -> Rendered:
    register_fonts()
    buffer = io.BytesIO()
    page = geometry(ctx.paper, ctx.tte)
    doc = one_frame_document(
        buffer,
        page.width,
        page.height,
        page.bottom,
        page.frame_h,
        title=metadata["title"],
        author=metadata["author"],
        subject=metadata["subject"],
        creator=metadata["creator"],
        producer=metadata["producer"],
        initialFontName=FONT,
    )
    layout = FormLayout(form, ctx, full_hash=full_hash)
    decorate = page_decorator(info, page)
    doc.build(layout.story(), canvasmaker=lambda *a, **kw: FormCanvas(*a, decorate=decorate, finish=finish, **kw))
    return Rendered(buffer.getvalue(), layout.tte[-1] if layout.tte else None)
