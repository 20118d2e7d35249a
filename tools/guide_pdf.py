"""Lay out the user guide (tools/guide_source.py blocks) as an A4 PDF with reportlab.

Cover, table of contents, numbered chapters and sections (each a PDF named destination and
bookmark, so the app's F1 opens it by name), figures with numbered captions, note boxes,
tables, a running head with the chapter and "Halaman x dari y" in the footer. The fonts,
colours and page-x-of-y canvas are the official form's (ksd_desktop/services/pdf/kit.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from guide_source import Figure, Guide, Heading, ListBlock, Note, Paragraph, SourceError, TableBlock
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, PropertySet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus.tableofcontents import TableOfContents

from ksd_desktop.paths import resource
from ksd_desktop.services.pdf import kit

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

TITLE = "Panduan Pengguna KSD Desktop"
PUBLISHER = "Pemerintah Kabupaten Banjar"
NAVY = colors.HexColor("#1F3B57")
BLUE = colors.HexColor("#1F5F99")
#: Screenshot pixels to points: the same scale for every figure (UI text the same size
#: throughout), smaller only where a picture would be wider than the text.
PT_PER_PX = 0.42
MAX_FIGURE_H = kit.FRAME_H * 0.62
NOTE_COLOURS = {"Penting": ("#FFF4E0", "#B26A00"), "Perhatian": ("#FDECEA", "#B3261E")}
NOTE_DEFAULT = ("#EAF2FA", "#1F5F99")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    lead_in: ParagraphStyle
    item: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    caption: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    head_cell: ParagraphStyle
    toc_title: ParagraphStyle
    toc: list[PropertySet]  # TableOfContents' levelStyles (ParagraphStyles)


def make_styles() -> Styles:
    base = kit.make_styles().body

    def style(name: str, parent: ParagraphStyle = base, **kw) -> ParagraphStyle:
        return ParagraphStyle(f"guide-{name}", parent=parent, **kw)

    body = style("body", fontSize=10.5, leading=15, spaceAfter=6)
    cell = style("cell", fontSize=9.5, leading=12.5)
    return Styles(
        body=body,
        lead_in=style("lead-in", body, keepWithNext=1),
        item=style("item", body, spaceAfter=2),
        h1=style("h1", fontName=kit.FONT_BOLD, fontSize=19, leading=24, textColor=NAVY, spaceAfter=10),
        h2=style(
            "h2",
            fontName=kit.FONT_BOLD,
            fontSize=13,
            leading=17,
            textColor=NAVY,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        h3=style("h3", fontName=kit.FONT_BOLD, fontSize=11, leading=15, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        caption=style(
            "caption", fontName=kit.FONT_ITALIC, fontSize=9, leading=12, textColor=kit.GREY, alignment=TA_CENTER
        ),
        note=style("note", body, fontSize=10, leading=14, spaceAfter=0),
        cell=cell,
        head_cell=style("head-cell", cell, fontName=kit.FONT_BOLD),
        toc_title=style("toc-title", fontName=kit.FONT_BOLD, fontSize=19, leading=24, textColor=NAVY, spaceAfter=14),
        toc=[
            style(
                "toc0", fontName=kit.FONT_BOLD, fontSize=11, leading=15, spaceBefore=8, leftIndent=0, firstLineIndent=0
            ),
            style("toc1", fontSize=10, leading=14, leftIndent=22, firstLineIndent=0),
        ],
    )


# ----------------------------------------------------------------------------- inline markup


def inline(text: str, headings: dict[str, Heading]) -> str:
    """Source inline markup → reportlab paragraph markup (escaped first)."""
    out = html.escape(text.replace("\\*", "\x00"), quote=False)
    out = re.sub(r"`([^`]+)`", r'<font face="Courier" size="9.5">\1</font>', out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", out)

    def ref(match: re.Match[str]) -> str:
        heading = headings[match.group(1)]
        return f'<a href="#{heading.anchor}" color="#1F5F99">{heading.number} {html.escape(heading.title)}</a>'

    return re.sub(r"\[\[([a-z0-9-]+)\]\]", ref, out).replace("\x00", "*")


# ----------------------------------------------------------------------------- flowables


class AnchoredHeading(RLParagraph):
    """A numbered heading: a named destination at its top, a bookmark, a table-of-contents entry."""

    def __init__(self, text: str, style: ParagraphStyle, heading: Heading):
        super().__init__(text, style)
        self.heading = heading

    def draw(self) -> None:
        h = self.heading
        if h.anchor:
            self.canv.bookmarkHorizontal(h.anchor, 0, self.height + 4)
            self.canv.addOutlineEntry(
                f"{h.number} {h.title}".strip(), h.anchor, level=h.level - 1, closed=h.level > 1 or None
            )
        super().draw()


class FigureBlock(Flowable):
    """A screenshot (with a thin border: a window's edge is often white on white paper) and its caption.

    Shrinks to at least MIN_SHRINK of its size to finish a page rather than leave half of it
    empty; below that it moves to the next page at full size.
    """

    MIN_SHRINK = 0.7
    GAP = 5

    def __init__(self, path: Path, width: float, height: float, caption: RLParagraph):
        super().__init__()
        self.path, self.full_w, self.full_h, self.caption = path, width, height, caption
        self.scale = 1.0
        self.spaceBefore, self.spaceAfter = 6, 12

    def wrap(self, aW, aH):
        _, caption_h = self.caption.wrap(aW, aH)
        room = aH - caption_h - self.GAP
        self.scale = 1.0 if room >= self.full_h or room < self.full_h * self.MIN_SHRINK else room / self.full_h
        self.width, self.height = aW, self.full_h * self.scale + self.GAP + caption_h
        return self.width, self.height

    def split(self, aW, aH):
        return []

    def draw(self) -> None:
        w, h = self.full_w * self.scale, self.full_h * self.scale
        x, y = (self.width - w) / 2, self.height - h
        self.canv.drawImage(str(self.path), x, y, w, h)
        self.canv.setStrokeColor(colors.HexColor("#9AA5B1"))
        self.canv.setLineWidth(0.6)
        self.canv.rect(x, y, w, h, stroke=1, fill=0)
        self.caption.drawOn(self.canv, 0, 0)


class GuideCanvas(Canvas):
    """Writes every bookmark as a named destination too (the catalog's /Dests), so a section can be
    opened by its name: the app's F1, or ``#nameddest=pemetaan`` in a PDF reader."""

    # reportlab's private bookmark names and document (not in its stubs)
    _destinations: dict[str, Any]
    _doc: Any

    def save(self) -> None:
        from reportlab.pdfbase.pdfdoc import PDFDictionary

        if self._destinations:
            self._doc.Catalog.Dests = PDFDictionary(dict(sorted(self._destinations.items())))
        super().save()


class GuideDoc(BaseDocTemplate):
    """Pages: the cover, then content pages; table-of-contents entries from the headings."""

    def __init__(self, out: Path, *, cover, version: str, **kw):
        super().__init__(
            str(out),
            pagesize=(kit.PAGE_W, kit.PAGE_H),
            leftMargin=kit.MARGIN_LEFT,
            rightMargin=kit.MARGIN_RIGHT,
            topMargin=kit.MARGIN_TOP,
            bottomMargin=kit.MARGIN_BOTTOM,
            invariant=1,
            **kw,
        )
        frame = Frame(
            kit.MARGIN_LEFT,
            kit.MARGIN_BOTTOM,
            kit.TEXT_W,
            kit.FRAME_H,
            id="isi",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.chapter, self.version = "", version
        #: pages of the previous pass (multiBuild runs until the table of contents settles)
        self.total_pages = 0
        self.totals_used: set[int] = set()
        self.addPageTemplates(
            [
                PageTemplate("sampul", [frame], onPage=cover),
                PageTemplate("isi", [frame], onPageEnd=self._decorate),
            ]
        )

    def build(self, flowables, *args, **kw) -> None:
        self.chapter = ""
        self.totals_used = set()
        super().build(flowables, *args, **kw)
        self.total_pages = self.page

    def _decorate(self, canvas: Canvas, doc) -> None:
        self.totals_used.add(self.total_pages)
        decorate(canvas, canvas.getPageNumber(), self.total_pages, chapter=self.chapter, version=self.version)

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - reportlab's hook  # noqa: N802 - reportlab's hook
        if isinstance(flowable, AnchoredHeading):
            h = flowable.heading
            if h.level == 1:
                self.chapter = f"{h.number}  {h.title}"
            if h.level <= 2 and h.anchor:
                self.notify("TOCEntry", (h.level - 1, f"{h.number}\u2002{html.escape(h.title)}", self.page, h.anchor))


# ----------------------------------------------------------------------------- building


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    figures: int


def build_pdf(
    guide: Guide, shots: Path, out: Path, *, version: str, edition: str, allow_missing: bool = False
) -> BuildResult:
    """Write the guide to ``out``; ``shots`` holds the screenshots (``NN-name.png``).

    ``allow_missing``: a figure without its screenshot becomes a framed note (the first build,
    before the guide's own viewer can be photographed); otherwise SourceError names them.
    """
    kit.register_fonts()
    check_glyphs(guide)
    styles = make_styles()
    images = find_shots(guide, shots, allow_missing)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = GuideDoc(
        out,
        cover=partial(_cover, version=version, edition=edition),
        version=version,
        title=TITLE,
        author=PUBLISHER,
        subject=f"Panduan pengguna KSD Desktop {version}",
        keywords=f"ksd-panduan-sumber={guide.digest}",
        creator="tools/build_guide.py",
    )
    story = _front(styles) + _story(guide, styles, images)
    with kit.rendering():  # one document at a time; binary image streams (ASCII85 would add a quarter)
        doc.multiBuild(story, canvasmaker=GuideCanvas)
        if doc.totals_used != {doc.total_pages}:  # the last pass printed another page count: once more
            indexes = [f for f in story if f.isIndexing()]
            for flowable in indexes:
                flowable.beforeBuild()
            doc.build(story[:], canvasmaker=GuideCanvas)
            for flowable in indexes:
                flowable.afterBuild()
    from pypdf import PdfReader

    return BuildResult(out, len(PdfReader(str(out)).pages), sum(1 for p in images.values() if p is not None))


def check_glyphs(guide: Guide) -> None:
    """SourceError naming characters the shipped font cannot draw (they would print as empty boxes)."""
    from reportlab.pdfbase import pdfmetrics

    known = cast("TTFont", pdfmetrics.getFont(kit.FONT)).face.charToGlyph  # kit registers TrueType fonts
    texts = []
    for block in guide.blocks:
        if isinstance(block, (Paragraph, Note)):
            texts.append(block.text)
        elif isinstance(block, (Heading, Figure)):
            texts.append(block.title if isinstance(block, Heading) else block.caption)
        elif isinstance(block, ListBlock):
            texts += block.items
        elif isinstance(block, TableBlock):
            texts += [cell for row in block.rows for cell in row]
    missing = sorted({ch for text in texts for ch in text if ord(ch) >= 32 and ord(ch) not in known})
    if missing:
        raise SourceError(
            "huruf berikut tidak ada di fon Liberation Sans dan akan tercetak sebagai kotak kosong: "
            + " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing)
        )


def find_shots(guide: Guide, shots: Path, allow_missing: bool = False) -> dict[str, Path | None]:
    """The screenshot file of every figure; SourceError naming those missing (None for them when allowed)."""
    found: dict[str, Path | None] = {}
    missing = []
    for figure in guide.figures():
        matches = sorted(shots.glob(f"[0-9][0-9]-{figure.shot}.png"))
        found[figure.shot] = matches[-1] if matches else None
        if not matches:
            missing.append(figure.shot)
    if missing and not allow_missing:
        raise SourceError(
            f"gambar layar tidak ada di {shots}: {', '.join(sorted(set(missing)))} "
            "(jalankan build_guide.py tanpa --gambar-lama agar gambar dibuat ulang)"
        )
    return found


def _front(styles: Styles) -> list:
    compact = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    toc = TableOfContents(levelStyles=styles.toc, dotsMinLevel=0, tableStyle=compact)
    return [NextPageTemplate("isi"), PageBreak(), RLParagraph("Daftar Isi", styles.toc_title), toc]


def _story(guide: Guide, styles: Styles, images: dict[str, Path | None]) -> list:
    headings = guide.headings()
    story: list = []
    for block in guide.blocks:
        if isinstance(block, Heading):
            story += _heading(block, styles)
        elif isinstance(block, Paragraph):
            # "Langkah yang dianjurkan:" stays on the page of what it introduces
            style = styles.lead_in if block.text.rstrip().endswith(":") else styles.body
            story.append(RLParagraph(inline(block.text, headings), style))
        elif isinstance(block, ListBlock):
            story.append(_list(block, styles, headings))
        elif isinstance(block, Note):
            story.append(_note(block, styles, headings))
        elif isinstance(block, Figure):
            story.append(_figure(block, images[block.shot], styles))
        elif isinstance(block, TableBlock):
            story.append(_table(block, styles, headings))
    return _lead_ins_with_lists(story)


def _lead_ins_with_lists(story: list) -> list:
    """A lead-in ("Langkah yang dianjurkan:") and the list after it move together (reportlab's
    keepWithNext does not take a ListFlowable along)."""
    out: list = []
    for flowable in story:
        previous = out[-1] if out else None
        if (
            isinstance(flowable, ListFlowable)
            and isinstance(previous, RLParagraph)
            and getattr(previous.style, "keepWithNext", False)
        ):
            out[-1] = KeepTogether([previous, flowable])
        else:
            out.append(flowable)
    return out


def _heading(h: Heading, styles: Styles) -> list:
    title = html.escape(h.title)
    if h.level == 1:
        text = f'<font color="#1F5F99">{h.number}</font>\u2003{title}'
        return [PageBreak(), AnchoredHeading(text, styles.h1, h), _Rule()]
    if h.level == 2:
        return [CondPageBreak(60 * mm), AnchoredHeading(f"{h.number}\u2002{title}", styles.h2, h)]
    return [AnchoredHeading(title, styles.h3, h)]


class _Rule(Flowable):
    """The line under a chapter title."""

    def wrap(self, aW, aH):
        self.width = aW
        return aW, 10

    def draw(self) -> None:
        self.canv.setStrokeColor(BLUE)
        self.canv.setLineWidth(1.2)
        self.canv.line(0, 8, self.width, 8)


def _list(block: ListBlock, styles: Styles, headings: dict[str, Heading]) -> ListFlowable:
    # ListItems: reportlab's ListFlowable takes them, its stubs do not say so
    items: list[Any] = [
        ListItem(RLParagraph(inline(text, headings), styles.item), leftIndent=16) for text in block.items
    ]
    if block.ordered:
        return ListFlowable(
            items,
            bulletType="1",
            bulletFormat="%s.",
            leftIndent=16,
            bulletFontName=kit.FONT,
            bulletFontSize=10.5,
            spaceAfter=6,
        )
    return ListFlowable(
        items, bulletType="bullet", start="•", leftIndent=16, bulletFontName=kit.FONT, bulletFontSize=10.5, spaceAfter=6
    )


def _note(block: Note, styles: Styles, headings: dict[str, Heading]) -> Table:
    fill, bar = NOTE_COLOURS.get(block.label, NOTE_DEFAULT)
    text = f'<font color="{bar}"><b>{html.escape(block.label)}.</b></font> {inline(block.text, headings)}'
    table = Table([[RLParagraph(text, styles.note)]], colWidths=[kit.TEXT_W])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill)),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(bar)),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    table.spaceBefore, table.spaceAfter = 4, 10
    return table


def _figure(figure: Figure, path: Path | None, styles: Styles) -> Flowable:
    caption = RLParagraph(f"<b>Gambar {figure.number}</b>\u2002{html.escape(figure.caption)}", styles.caption)
    if path is None:
        missing = _note(Note("Perhatian", f"gambar layar «{figure.shot}» belum dibuat."), styles, {})
        return KeepTogether([missing, caption])
    with PILImage.open(path) as image:
        px_w, px_h = image.size
    width = min(kit.TEXT_W * (figure.width or 1.0), px_w * PT_PER_PX)
    height = px_h * width / px_w
    if height > MAX_FIGURE_H:
        width, height = width * MAX_FIGURE_H / height, MAX_FIGURE_H
    return FigureBlock(path, width, height, caption)


def _table(block: TableBlock, styles: Styles, headings: dict[str, Heading]) -> Table:
    widths = column_widths(block.rows, kit.TEXT_W)
    grid = kit.Grid(widths, pad_x=5, pad_top=4, pad_bottom=5)
    grid.header([RLParagraph(inline(c, headings), styles.head_cell) for c in block.rows[0]])
    for row in block.rows[1:]:
        grid.record([kit.Para(inline(c, headings), styles.cell) for c in row])
    table = grid.table(repeat_rows=1, extra=[("BACKGROUND", (0, 0), (-1, 0), kit.HEAD_FILL)])
    table.spaceBefore, table.spaceAfter = 4, 10
    return table


def column_widths(rows: list[list[str]], total: float) -> list[float]:
    """Widths by the longest text of each column (bounded), so short columns stay narrow."""
    longest = [max(min(len(row[i]), 70) for row in rows) for i in range(len(rows[0]))]
    weights = [max(n, 8) for n in longest]
    return [total * w / sum(weights) for w in weights]


# ----------------------------------------------------------------------------- page decoration


def _cover(c: Canvas, doc, *, version: str, edition: str) -> None:
    """The cover: band, app icon, title, audience, version; the publisher at the foot."""
    w, h = kit.PAGE_W, kit.PAGE_H
    c.saveState()
    c.setFillColor(NAVY)
    c.rect(0, h - 95 * mm, w, 95 * mm, stroke=0, fill=1)
    c.setFillColor(BLUE)
    c.rect(0, h - 98 * mm, w, 3 * mm, stroke=0, fill=1)
    icon = resource("icons", "app-256.png")
    c.drawImage(str(icon), kit.MARGIN_LEFT, h - 78 * mm, 46 * mm, 46 * mm, mask="auto")
    c.setFillColor(colors.white)
    c.setFont(kit.FONT, 15)
    c.drawString(kit.MARGIN_LEFT + 54 * mm, h - 44 * mm, "PANDUAN PENGGUNA")
    c.setFont(kit.FONT_BOLD, 34)
    c.drawString(kit.MARGIN_LEFT + 54 * mm, h - 60 * mm, "KSD Desktop")
    c.setFont(kit.FONT, 12.5)
    c.drawString(kit.MARGIN_LEFT + 54 * mm, h - 70 * mm, "Aplikasi Pemetaan Kerja Sama Daerah")
    styles = make_styles()
    audience = ParagraphStyle(
        "cover-audience", parent=styles.body, fontSize=12.5, leading=17, leftIndent=14, bulletIndent=2, spaceAfter=5
    )
    y = h - 118 * mm
    y -= _draw(c, "<b>Untuk:</b>", ParagraphStyle("cover-for", parent=audience, leftIndent=0), y)
    for line in (
        "Petugas dan kepala perangkat daerah yang mengisi dan mengesahkan formulir pemetaan;",
        "Sekretariat Tim Koordinasi Kerja Sama Daerah (TKKSD), Bagian Pemerintahan Sekretariat Daerah;",
        "Petugas TI yang memasang dan merawat aplikasi.",
    ):
        y -= _draw(c, line, audience, y, bullet="•")
    y -= 14 * mm
    note = ParagraphStyle("cover-note", parent=styles.body, fontSize=10.5, leading=15, textColor=kit.GREY)
    _draw(
        c,
        "Pemetaan urusan pemerintahan yang akan dikerjasamakan menurut PP 28/2018 dan Permendagri 22/2020. "
        "Aplikasi bekerja sepenuhnya tanpa internet; panduan ini juga dapat dibuka dari menu <i>Bantuan</i> "
        "(tombol F1).",
        note,
        y,
    )
    c.setStrokeColor(colors.HexColor("#8C8C8C"))
    c.setLineWidth(0.5)
    c.line(kit.MARGIN_LEFT, 40 * mm, w - kit.MARGIN_RIGHT, 40 * mm)
    c.setFillColor(kit.INK)
    c.setFont(kit.FONT_BOLD, 12)
    c.drawString(kit.MARGIN_LEFT, 31 * mm, PUBLISHER.upper())
    c.setFont(kit.FONT, 10.5)
    c.drawString(kit.MARGIN_LEFT, 25 * mm, f"Untuk KSD Desktop versi {version} · {edition}")
    c.restoreState()


def _draw(c: Canvas, text: str, style: ParagraphStyle, top: float, bullet: str | None = None) -> float:
    """A wrapped paragraph drawn with its top at ``top``; returns the height used."""
    para = RLParagraph(f"<bullet>{bullet}</bullet>{text}" if bullet else text, style)
    _, height = para.wrap(kit.TEXT_W, kit.FRAME_H)
    para.drawOn(c, kit.MARGIN_LEFT, top - height)
    return height + style.spaceAfter


def decorate(c: Canvas, number: int, total: int, *, chapter: str, version: str) -> None:
    """Running head (chapter) and footer (title, Halaman x dari y) on every page but the cover."""
    c.saveState()
    c.setStrokeColor(colors.HexColor("#8C8C8C"))
    c.setLineWidth(0.5)
    c.setFillColor(kit.GREY)
    c.setFont(kit.FONT, 8)
    if chapter:
        c.drawRightString(kit.PAGE_W - kit.MARGIN_RIGHT, kit.HEADER_Y, kit.fit(chapter, kit.FONT, 8, kit.TEXT_W))
        c.line(kit.MARGIN_LEFT, kit.HEADER_Y - 4, kit.PAGE_W - kit.MARGIN_RIGHT, kit.HEADER_Y - 4)
    c.line(kit.MARGIN_LEFT, kit.FOOTER_Y + 9, kit.PAGE_W - kit.MARGIN_RIGHT, kit.FOOTER_Y + 9)
    c.drawString(kit.MARGIN_LEFT, kit.FOOTER_Y, f"{TITLE} · versi {version}")
    c.setFont(kit.FONT_BOLD, 8)
    c.drawRightString(kit.PAGE_W - kit.MARGIN_RIGHT, kit.FOOTER_Y, f"Halaman {number} dari {total}")
    c.restoreState()
