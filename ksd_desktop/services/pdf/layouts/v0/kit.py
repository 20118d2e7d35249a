"""Layout 0, frozen: the reportlab building blocks of KSD Desktop 0.1.0 (commit 7bde51f).

A verbatim copy of services/pdf/kit.py as released, except that the fonts are registered
under names of their own (KSD0Sans…; the names never reach the PDF). DO NOT EDIT: PDFs
exported by 0.1.0 are verified by rendering them again with this code (see ../__init__.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape as _xml_escape

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from .....paths import resource

# --------------------------------------------------------------------------- fonts

FONT = "KSD0Sans"
FONT_BOLD = "KSD0Sans-Bold"
FONT_ITALIC = "KSD0Sans-Italic"
FONT_BOLD_ITALIC = "KSD0Sans-BoldItalic"
FONT_FILES = {
    FONT: "LiberationSans-Regular.ttf",
    FONT_BOLD: "LiberationSans-Bold.ttf",
    FONT_ITALIC: "LiberationSans-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}
_font_lock = threading.Lock()


def register_fonts() -> None:
    """Register the shipped TTFs once per process; reportlab embeds the glyphs used as subsets."""
    with _font_lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        for name, file_name in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file_name))))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )


# --------------------------------------------------------------------------- page geometry

PAGE_W, PAGE_H = A4
MARGIN_LEFT, MARGIN_RIGHT = 25 * mm, 20 * mm
MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 22 * mm
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
FOOTER_Y = 12 * mm
HEADER_Y = PAGE_H - 12 * mm
#: Text taller than this in one table cell is cut into several rows (page breaks fall between them).
CHUNK_H = 110.0

INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#4D4D4D")
HEAD_FILL = colors.HexColor("#E4E4E4")
LABEL_FILL = colors.HexColor("#F3F3F3")
WATERMARK = "DRAF – BELUM DISAHKAN"

# --------------------------------------------------------------------------- text

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def plain(value: object) -> str:
    """User text made printable: control characters dropped, line breaks normalised."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", text).strip()


def esc(value: object, limit: int | None = None) -> str:
    """User text as Paragraph markup: XML-escaped (& < > and quotes), line breaks kept.

    ``limit`` shortens it (with "…") where a whole value could not fit, e.g. a repeated header.
    """
    text = plain(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = _xml_escape(text, {'"': "&quot;", "'": "&#39;"})
    return text.replace("\n", "<br/>")


def fit(text: str, font: str, size: float, width: float) -> str:
    """Plain text shortened with "…" to fit a width (page headers and footers)."""
    text = " ".join(plain(text).split())
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[: max(0, min(len(text) - 1, int(len(text) * 0.95)))]
    return text.rstrip() + "…"


def or_dash(value: object) -> str:
    """Escaped text, or an en dash for an empty optional field."""
    return esc(value) or "–"


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    head_cell: ParagraphStyle
    kop_region: ParagraphStyle
    kop_agency: ParagraphStyle
    kop_line: ParagraphStyle
    title: ParagraphStyle
    basis: ParagraphStyle
    section: ParagraphStyle
    note: ParagraphStyle
    sign: ParagraphStyle
    sign_name: ParagraphStyle
    qr_note: ParagraphStyle


def make_styles() -> Styles:
    base = ParagraphStyle(
        "ksd-body",
        fontName=FONT,
        fontSize=10,
        leading=13,
        textColor=INK,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )

    def style(name: str, parent: ParagraphStyle = base, **kw) -> ParagraphStyle:
        return ParagraphStyle(f"ksd-{name}", parent=parent, **kw)

    cell = style("cell", fontSize=9, leading=11.5)
    return Styles(
        body=base,
        cell=cell,
        cell_bold=style("cell-bold", cell, fontName=FONT_BOLD),
        cell_center=style("cell-center", cell, alignment=TA_CENTER),
        head_cell=style("head-cell", cell, fontName=FONT_BOLD, alignment=TA_CENTER),
        kop_region=style("kop-region", fontName=FONT_BOLD, fontSize=13, leading=16, alignment=TA_CENTER),
        kop_agency=style("kop-agency", fontName=FONT_BOLD, fontSize=15, leading=18, alignment=TA_CENTER),
        kop_line=style("kop-line", fontSize=9, leading=11.5, alignment=TA_CENTER),
        title=style("title", fontName=FONT_BOLD, fontSize=12, leading=15, alignment=TA_CENTER),
        basis=style("basis", fontName=FONT_ITALIC, fontSize=8.5, leading=11, alignment=TA_CENTER, textColor=GREY),
        section=style("section", fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=9, spaceAfter=5),
        note=style("note", fontSize=8, leading=10, textColor=GREY),
        sign=style("sign", fontSize=10.5, leading=13.5, alignment=TA_LEFT),
        sign_name=style("sign-name", fontName=FONT_BOLD, fontSize=10.5, leading=13.5),
        qr_note=style("qr-note", fontSize=7.5, leading=9.5, textColor=GREY),
    )


# --------------------------------------------------------------------------- tables


class Para(Paragraph):
    """A Paragraph that remembers its last line breaking: reportlab wraps every table cell
    three or four times (measure, keep-together, place, draw) at the same width, and the
    breaking depends on the width alone."""

    def wrap(self, availWidth, availHeight):
        cached = self.__dict__.get("_ksd_wrapped")
        if cached is not None and cached[0] == availWidth:
            self.width, self.height, self.blPara = cached[1], cached[2], cached[3]
            return cached[1], cached[2]
        width, height = super().wrap(availWidth, availHeight)
        self._ksd_wrapped = (availWidth, width, height, self.blPara)
        return width, height


def table_style(commands: list) -> TableStyle:
    """A TableStyle in the form's font (bare strings in cells would otherwise load Helvetica)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            *commands,
        ]
    )


def _pieces(cell: object, width: float) -> list:
    """A tall Paragraph cut into pieces of about CHUNK_H points; anything else as it is.

    The markup is cut at its line breaks first (our markup never opens a tag across a
    ``<br/>``), so a piece never starts with the empty line reportlab leaves when it splits a
    paragraph just after a break; a single line taller than a chunk is split by reportlab.
    """
    if not isinstance(cell, Paragraph):
        return [cell]
    style, text = cell.style, cell.text
    # cheap bound first (average glyph ≥ 0.45 em; markup counts as text): most cells are short
    lines = len(text) * style.fontSize * 0.45 / max(width, 1.0) + text.count("<br/>") + 1
    if lines * style.leading <= CHUNK_H * 1.5 or cell.wrap(width, 1e7)[1] <= CHUNK_H * 1.5:
        return [cell]
    pieces: list = []
    group: list[str] = []
    group_h = 0.0

    def flush() -> None:
        nonlocal group_h
        if group:
            pieces.append(Para("<br/>".join(group), style))
        group.clear()
        group_h = 0.0

    for line in text.split("<br/>"):
        height = Para(line, style).wrap(width, 1e7)[1] if line.strip() else style.leading
        if height > CHUNK_H * 1.25:  # one very long line: let reportlab split it
            flush()
            rest = Para(line, style)
            while rest.wrap(width, 1e7)[1] > CHUNK_H * 1.25:
                parts = rest.split(width, CHUNK_H)
                if len(parts) < 2:
                    break
                pieces.append(parts[0])
                rest = parts[1]
            pieces.append(rest)
            continue
        if group and group_h + height > CHUNK_H:
            flush()
        group.append(line)
        group_h += height
    flush()
    return pieces or [cell]


class Grid:
    """Rows of a ruled table, each record's tall text cut into several rows.

    reportlab cannot move a row taller than a page and its in-row splitting repeats headers
    in the wrong place, so a cell holding a 5,000-character text becomes several rows of one
    record: no rule between them, page breaks fall between them, nothing is ever cut off.
    """

    def __init__(
        self,
        widths: list[float],
        *,
        ruled: bool = True,
        pad_x: float = 3.0,
        pad_top: float = 2.5,
        pad_bottom: float = 3.0,
    ):
        self.widths, self.ruled = widths, ruled
        self.pad_x, self.pad_top, self.pad_bottom = pad_x, pad_top, pad_bottom
        self.rows: list[list] = []
        self.commands: list[tuple] = []

    def header(self, cells: list) -> None:
        self.rows.append(cells)
        if self.ruled:
            self.commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE))

    def record(self, cells: list) -> tuple[int, int]:
        """Add one record; returns its first and last row."""
        pieces = [_pieces(c, w - 2 * self.pad_x) for c, w in zip(cells, self.widths, strict=False)]
        count = max(len(p) for p in pieces)
        start = len(self.rows)
        for i in range(count):
            self.rows.append([p[i] if i < len(p) else "" for p in pieces])
        end = len(self.rows) - 1
        if count > 1:
            self.commands += [
                ("BOTTOMPADDING", (0, start), (-1, end - 1), 0),
                ("TOPPADDING", (0, start + 1), (-1, end), 0),
            ]
        if self.ruled:
            self.commands.append(("LINEBELOW", (0, end), (-1, end), 0.5, RULE))
        return start, end

    def style(self) -> list[tuple]:
        base = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad_top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad_bottom),
        ]
        if self.ruled:
            base += [
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
                ("LINEBEFORE", (0, 0), (-1, -1), 0.5, RULE),
                ("LINEAFTER", (-1, 0), (-1, -1), 0.5, RULE),
                ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, RULE),
            ]
        return base + self.commands

    def table(self, *, repeat_rows: int = 0, extra: list[tuple] = (), cls: type | None = None) -> Table:
        cls = cls or Table
        # ContinuedTable changes its repeated header after a split: re-measure the rows then
        table = cls(
            self.rows,
            colWidths=self.widths,
            repeatRows=repeat_rows,
            longTableOptimize=0 if issubclass(cls, ContinuedTable) else 1,
        )
        table.setStyle(table_style(self.style() + list(extra)))
        return table


class ContinuedTable(Table):
    """A table whose repeated first row reads ``continued_head`` on the following pages."""

    continued_head: Flowable | None = None

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts[1:]:
            part.continued_head = self.continued_head
            if self.continued_head is not None and part._cellvalues:
                # a new row list: the first part shares the original one
                part._cellvalues[0] = [self.continued_head, *part._cellvalues[0][1:]]
        return parts


# --------------------------------------------------------------------------- flowables


class DoubleRule(Flowable):
    """The kop's closing rule: a thick line over a thin one."""

    def __init__(self, width: float):
        super().__init__()
        self.width, self.height = width, 4.2

    def wrap(self, aW, aH):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.black)
        c.setLineWidth(2.2)
        c.line(0, self.height - 1.1, self.width, self.height - 1.1)
        c.setLineWidth(0.7)
        c.line(0, 0.35, self.width, 0.35)


class Indent(Flowable):
    """Shift a flowable to the right (the label : value lines under a section heading)."""

    def __init__(self, inner: Flowable, left: float):
        super().__init__()
        self.inner, self.left = inner, left

    def wrap(self, aW, aH):
        w, h = self.inner.wrap(aW - self.left, aH)
        self.width, self.height = w + self.left, h
        return self.width, h

    def split(self, aW, aH):
        return [Indent(part, self.left) for part in self.inner.split(aW - self.left, aH)]

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self.left, 0)


def logo(path: str | None, max_w: float, max_h: float) -> Flowable | None:
    """The agency's logo scaled to fit, or None when there is none or it cannot be read."""
    if not path:
        return None
    try:
        reader = ImageReader(str(path))
        iw, ih = reader.getSize()
        if iw <= 0 or ih <= 0:
            return None
        scale = min(max_w / iw, max_h / ih)
        return Image(str(path), width=iw * scale, height=ih * scale)
    except Exception:  # noqa: BLE001 - missing, unreadable or exotic file: print without a logo
        return None


def qr_code(payload: str, size: float) -> Flowable:
    """The verification QR code (error correction M, quiet zone of two modules), drawn as
    rectangles straight on the canvas (reportlab's QrCode flowable: fast, no fonts)."""
    return QrCode(payload, width=size, height=size, qrBorder=2, qrLevel="M")


# --------------------------------------------------------------------------- page decorations


@dataclass(frozen=True)
class PageInfo:
    """What every page prints besides the story."""

    is_draft: bool
    footer_left: str
    running_head: str


class FormCanvas(Canvas):
    """Keeps every page until the end, so each footer can say "Halaman x dari y"."""

    def __init__(self, *args, decorate: Callable[[Canvas, int, int], None], **kwargs):
        super().__init__(*args, **kwargs)
        self._ksd_pages: list[dict] = []
        self._ksd_decorate = decorate

    def showPage(self) -> None:
        self._ksd_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = self._ksd_pages
        for number, state in enumerate(pages, 1):
            self.__dict__.update(state)
            self._ksd_decorate(self, number, len(pages))
            Canvas.showPage(self)
        Canvas.save(self)


def page_decorator(info: PageInfo) -> Callable[[Canvas, int, int], None]:
    """Footer, running head (from page 2) and, on a draft, the watermark over the content."""

    def decorate(c: Canvas, number: int, total: int) -> None:
        if info.is_draft:
            c.saveState()
            c.setFillColor(colors.HexColor("#9A9A9A"))
            c.setFillAlpha(0.22)
            c.setFont(FONT_BOLD, 50)
            c.translate(PAGE_W / 2, PAGE_H / 2)
            c.rotate(52)
            c.drawCentredString(0, -18, WATERMARK)
            c.restoreState()
        c.saveState()
        c.setStrokeColor(colors.HexColor("#8C8C8C"))
        c.setLineWidth(0.5)
        c.line(MARGIN_LEFT, FOOTER_Y + 9, PAGE_W - MARGIN_RIGHT, FOOTER_Y + 9)
        c.setFillColor(GREY)
        c.setFont(FONT, 7.5)
        c.drawString(MARGIN_LEFT, FOOTER_Y, fit(info.footer_left, FONT, 7.5, TEXT_W - 80))
        c.setFont(FONT_BOLD, 7.5)
        c.drawRightString(PAGE_W - MARGIN_RIGHT, FOOTER_Y, f"Halaman {number} dari {total}")
        if number > 1:
            c.setFont(FONT, 7.5)
            c.drawRightString(PAGE_W - MARGIN_RIGHT, HEADER_Y, fit(info.running_head, FONT, 7.5, TEXT_W))
            c.line(MARGIN_LEFT, HEADER_Y - 4, PAGE_W - MARGIN_RIGHT, HEADER_Y - 4)
        c.restoreState()

    return decorate
