"""Layout 0, frozen: the pages of the form as KSD Desktop 0.1.0 (commit 7bde51f) typeset them.

A verbatim copy of services/pdf/layout.py as released, reading its texts from texts.py (the
domain wording of 0.1.0) instead of the live domain modules. DO NOT EDIT (see ../__init__.py).
"""

from __future__ import annotations

import io
import threading
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from . import texts as wording
from .kit import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    FRAME_H,
    HEAD_FILL,
    LABEL_FILL,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    TEXT_W,
    ContinuedTable,
    DoubleRule,
    FormCanvas,
    Grid,
    Indent,
    PageInfo,
    Para,
    esc,
    logo,
    make_styles,
    or_dash,
    page_decorator,
    plain,
    qr_code,
    register_fonts,
    table_style,
)
from .texts import FIELD_LABELS, LABELS, Kind, format_date_id, format_nip, label

if TYPE_CHECKING:
    from .texts import Form, PdfContext, Proposal

LEGAL_BASIS = "Dasar: PP 28/2018 Pasal 5 ayat (1); Permendagri 22/2020 Pasal 5 ayat (1)"
CLOSING = (
    "Demikian formulir pemetaan kerja sama daerah ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."
)
COMPLIANCE_YES = (
    "Ya, tidak bertentangan dengan ketertiban umum, kesusilaan, kepentingan nasional dan peraturan perundang-undangan"
)
BLANK_PLACE, BLANK_DATE, BLANK_NAME, BLANK_NIP = "." * 28, "." * 36, "." * 52, "." * 40
#: Longest text printed in a place that cannot grow (kop, repeated headers, signature block);
#: the full value is in section C and in the embedded data.
SHORT, LONG = 150, 300
KINDS = frozenset(k.value for k in Kind)
_render_lock = threading.Lock()


class FormLayout:
    """Builds the flowables of one form."""

    def __init__(self, form: Form, ctx: PdfContext, *, qr_payload: str | None, full_hash: str | None):
        self.form, self.ctx = form, ctx
        self.signed = form.status == "signed"
        self.qr_payload, self.full_hash = qr_payload, full_hash
        self.s = make_styles()
        self.proposals = sorted(form.proposals, key=lambda x: x.seq)

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
        s = self.s
        side = 26 * mm
        middle = TEXT_W - 2 * side
        agency = plain(self.ctx.agency_name).upper()[:SHORT]
        agency_style = s.kop_agency
        width = pdfmetrics.stringWidth(agency, FONT_BOLD, agency_style.fontSize)
        if width > middle:  # long OPD names: smaller type over two or three lines
            size = 13 if width * 13 / 15 <= 2 * middle else 11.5
            agency_style = ParagraphStyle(
                "ksd-kop-agency-small", parent=agency_style, fontSize=size, leading=size * 1.2
            )
        lines: list[Flowable] = [
            self.p(esc(plain(self.ctx.region_title).upper(), SHORT), s.kop_region),
            self.p(esc(agency), agency_style),
        ]
        letterhead = [line for line in (plain(x) for x in self.ctx.letterhead_lines or ()) if line]
        lines += [self.p(esc(line, SHORT), s.kop_line) for line in letterhead[:4]]
        image = logo(self.ctx.logo_path, side - 3 * mm, 24 * mm)
        table = Table([[image or "", lines, ""]], colWidths=[side, middle, side])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return [table, Spacer(1, 2.5 * mm), DoubleRule(TEXT_W), Spacer(1, 6 * mm)]

    def title(self) -> list[Flowable]:
        s = self.s
        return [
            self.p("FORMULIR PEMETAAN KERJA SAMA DAERAH", s.title),
            self.p(f"TAHUN {esc(self.form.year)}", s.title),
            Spacer(1, 1.5 * mm),
            self.p(LEGAL_BASIS, s.basis),
            Spacer(1, 3 * mm),
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
            partners = (
                "<br/>".join(f"{i}. {n}" for i, n in enumerate(names, 1))
                if len(names) > 1
                else (names[0] if names else "–")
            )
            grid.record(
                [
                    self.p(esc(p.seq), s.cell_center),
                    self.p(self.urusan_text(p.urusan_code), s.cell),
                    self.p(or_dash(p.problem), s.cell),
                    self.p(kind, s.cell_center),
                    self.p(partners, s.cell),
                    self.p(or_dash(label(p.priority)), s.cell_center),
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
        table = grid.table(
            repeat_rows=1,
            cls=ContinuedTable,
            extra=[
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL),
            ],
        )
        table.continued_head = self.p(f"{head} <font name='{FONT_ITALIC}'>(lanjutan)</font>", s.cell_bold)
        return table

    # ---- D. Pengesahan
    def signature(self) -> list[Flowable]:
        s, f, ctx = self.s, self.form, self.ctx
        place = esc(f.signed_place, SHORT) or BLANK_PLACE
        date = esc(format_date_id(f.signed_date)) if f.signed_date else BLANK_DATE
        right: list[Flowable] = [self.p(f"{place}, {date}", s.sign)]
        lines = wording.jabatan_lines(
            ctx.agency_name, ctx.region_name, plain(f.signer_position)[:LONG], f.signer_prefix
        )
        right += [self.p(esc(line), s.sign) for line in lines]
        right.append(Spacer(1, 25 * mm))
        name = esc(f.signer_name, LONG)
        right.append(self.p(f"<u>{name}</u>" if name else BLANK_NAME, s.sign_name))
        if wording.shows_rank_and_nip(ctx.agency_name, ctx.region_name, f.signer_position, f.signer_prefix):
            if plain(f.signer_rank):
                right.append(self.p(esc(f.signer_rank, SHORT), s.sign))
            nip = esc(format_nip(f.signer_nip), SHORT) if plain(f.signer_nip) else BLANK_NIP
            right.append(self.p(f"NIP. {nip}", s.sign))
        if self.signed and self.qr_payload:
            left: list[Flowable] = [
                qr_code(self.qr_payload, 30 * mm),
                Spacer(1, 1.5 * mm),
                self.p(esc(wording.verification_note(f.uuid, f.revision, f.content_hash)), s.qr_note),
            ]
        else:
            left = [
                self.p("Kode QR verifikasi dicetak setelah formulir ditandatangani (revisi ini masih draf).", s.qr_note)
            ]
        left_w = 62 * mm
        table = Table([[left, "", right]], colWidths=[left_w, TEXT_W * 0.5 - left_w, TEXT_W * 0.5])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                    ("VALIGN", (1, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [KeepTogether([self.p("D. PENGESAHAN", s.section), self.p(CLOSING), Spacer(1, 6 * mm), table])]


def render(
    form: Form,
    ctx: PdfContext,
    *,
    info: PageInfo,
    qr_payload: str | None,
    full_hash: str | None,
    metadata: dict[str, str],
) -> bytes:
    """Typeset the form; returns the PDF bytes (before pdf_form attaches the data)."""
    with _render_lock:  # reportlab keeps global state (fonts, rl_config): one document at a time
        saved = rl_config.useA85
        rl_config.useA85 = 0  # binary (Flate) streams: a quarter smaller and faster than ASCII85
        try:
            return _render(form, ctx, info=info, qr_payload=qr_payload, full_hash=full_hash, metadata=metadata)
        finally:
            rl_config.useA85 = saved


def _render(
    form: Form,
    ctx: PdfContext,
    *,
    info: PageInfo,
    qr_payload: str | None,
    full_hash: str | None,
    metadata: dict[str, str],
) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=metadata["title"],
        author=metadata["author"],
        subject=metadata["subject"],
        creator=metadata["creator"],
        producer=metadata["producer"],
        invariant=1,
        initialFontName=FONT,
        lang="id-ID",
        displayDocTitle=1,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_W,
        FRAME_H,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = FormLayout(form, ctx, qr_payload=qr_payload, full_hash=full_hash).story()
    decorate = page_decorator(info)
    doc.build(story, canvasmaker=lambda *a, **kw: FormCanvas(*a, decorate=decorate, **kw))
    return buffer.getvalue()
