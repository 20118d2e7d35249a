"""reportlab building blocks of the PDF form: fonts, page geometry, styles, escaping, tables
that never overflow a page (Paragraphs: para.py), the kop's double rule and the page decorations.

Imports reportlab at module level: only the PDF writers (the form's layout.py and
letterhead.py, the recap's and the monev report's pdf modules) import this module, and only
inside the functions that write a PDF. Part of form layout 1 (see layouts/__init__.py).
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Image, PageTemplate, Paragraph, Table, TableStyle

from ...paths import resource
from .para import Para as Para  # the layouts and the reports import it from here
from .para import string_cell

# --------------------------------------------------------------------------- fonts

FONT = "KSDSans"
FONT_BOLD = "KSDSans-Bold"
FONT_ITALIC = "KSDSans-Italic"
FONT_BOLD_ITALIC = "KSDSans-BoldItalic"
FONT_FILES = {
    FONT: "LiberationSans-Regular.ttf",
    FONT_BOLD: "LiberationSans-Bold.ttf",
    FONT_ITALIC: "LiberationSans-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}
_font_lock = threading.Lock()
#: reportlab keeps global state (fonts, rl_config): every PDF writer typesets one document at a time.
RENDER_LOCK = threading.Lock()


@contextmanager
def rendering() -> Iterator[None]:
    """One document at a time (RENDER_LOCK), written with binary (Flate) streams: a quarter
    smaller and faster than reportlab's default ASCII85. Every PDF writer typesets inside it."""
    with RENDER_LOCK:
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = saved


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


def one_frame_document(
    buffer: io.BytesIO, page_w: float, page_h: float, bottom: float, frame_h: float, **info: Any
) -> BaseDocTemplate:
    """A document of pages with one text frame between the margins (``bottom`` above the paper's
    lower edge, ``frame_h`` tall), in reportlab's invariant mode (no clock, no random id: the same
    input gives the same bytes); ``info``: title, author, subject, … as BaseDocTemplate takes them."""
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_w, page_h),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=bottom,
        invariant=1,
        lang="id-ID",
        displayDocTitle=1,
        **info,
    )
    frame = Frame(
        MARGIN_LEFT,
        bottom,
        page_w - MARGIN_LEFT - MARGIN_RIGHT,
        frame_h,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


FOOTER_Y = 12 * mm
HEADER_FROM_TOP = 12 * mm
HEADER_Y = PAGE_H - HEADER_FROM_TOP
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

    ``limit`` shortens it (with "…", after a whole word when one ends in the last fifth) where a
    whole value could not fit, e.g. a repeated header.
    """
    text = plain(value)
    if limit is not None and len(text) > limit:
        text = shorten(text, limit)
    text = _xml_escape(text, {'"': "&quot;", "'": "&#39;"})
    return text.replace("\n", "<br/>")


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, "…" included; cut after a whole word when one
    ends in the last fifth of the room."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.8:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + "…"


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

    def style(name: str, parent: ParagraphStyle = base, **kw: Any) -> ParagraphStyle:
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


#: One TableStyle command: ``("NAME", (col, row), (col, row), *arguments)``.
TableCommand = tuple[Any, ...]


def table_style(commands: Sequence[TableCommand]) -> TableStyle:
    """A TableStyle in the form's font (bare strings in cells would otherwise load Helvetica)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            *commands,
        ]
    )


def figure_band(cells: Sequence[Sequence[Flowable]], width: float) -> Table:
    """The reports' band of key figures: one shaded box a figure across ``width``, white rules
    between them (each cell: the big number, then what it counts)."""
    band = Table([list(cells)], colWidths=[width / len(cells)] * len(cells))
    band.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), LABEL_FILL),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.5, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return band


def _pieces(cell: object, width: float) -> list[Any]:
    """A tall Paragraph cut into pieces of about CHUNK_H points; anything else as it is.

    The markup is cut at its line breaks first (:func:`_markup_lines`), so a piece never
    starts with the empty line reportlab leaves when it splits a paragraph just after a break;
    a single line taller than a chunk is split by reportlab.
    """
    if not isinstance(cell, Paragraph):
        return [cell]
    style, text = cell.style, cell.text
    # cheap bound first (average glyph ≥ 0.45 em; markup counts as text): most cells are short
    lines = len(text) * style.fontSize * 0.45 / max(width, 1.0) + text.count("<br/>") + 1
    if lines * style.leading <= CHUNK_H * 1.5 or cell.wrap(width, 1e7)[1] <= CHUNK_H * 1.5:
        return [cell]
    pieces: list[Any] = []
    group: list[str] = []
    group_h = 0.0

    def flush() -> None:
        nonlocal group_h
        if group:
            pieces.append(Para("<br/>".join(group), style))
        group.clear()
        group_h = 0.0

    for line in _markup_lines(text):
        height = Para(line, style).wrap(width, 1e7)[1] if line.strip() else style.leading
        if height > CHUNK_H * 1.25:  # one very long line: let reportlab split it
            flush()
            rest: Flowable = Para(line, style)
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


_BREAK_OR_TAG = re.compile(r"<br/>|<(/?)([A-Za-z]+)[^<>]*?(/?)>")


def _markup_lines(text: str) -> list[str]:
    """The markup's lines, split at ``<br/>``, each well-formed: a tag open across a break (a
    partner's contact of several lines, in its small grey type) is closed at the end of the
    line and opened again on the next. Without such a tag: ``text.split("<br/>")``."""
    lines: list[str] = []
    opened: list[tuple[str, str]] = []  # (name, opening tag)
    start, carried = 0, ""
    for match in _BREAK_OR_TAG.finditer(text):
        if match.group(0) == "<br/>":
            closing = "".join(f"</{name}>" for name, _ in reversed(opened))
            lines.append(carried + text[start : match.start()] + closing)
            carried, start = "".join(tag for _, tag in opened), match.end()
        elif match.group(1):
            if opened and opened[-1][0] == match.group(2):
                opened.pop()
        elif not match.group(3):
            opened.append((match.group(2), match.group(0)))
    lines.append(carried + text[start:])
    return lines


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
        rule_runs: bool = False,
    ):
        self.widths, self.ruled = widths, ruled
        # rule_runs: the rules under consecutive one-row records as one command (a long list
        # splits over many pages and reportlab re-maps every command at every split); the same
        # lines, drawn in another order. Off for the form (its stream stays as signed).
        self.rule_runs = rule_runs
        self.ruled_rows: list[int] = []
        self.pad_x, self.pad_top, self.pad_bottom = pad_x, pad_top, pad_bottom
        self.rows: list[list[Any]] = []
        self.commands: list[TableCommand] = []
        self.strings: list[tuple[int, int, ParagraphStyle]] = []  # (column, row, style) drawn as strings

    def header(self, cells: list[Any]) -> None:
        self.rows.append(cells)
        if self.ruled:
            self.commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE))

    def shaded_header(self, cells: list[Any]) -> list[TableCommand]:
        """``header``, shaded and centred vertically: returns the style commands to give ``table``."""
        self.header(cells)
        return [("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]

    def record(self, cells: list[Any]) -> tuple[int, int]:
        """Add one record; returns its first and last row."""
        pieces = [_pieces(c, w - 2 * self.pad_x) for c, w in zip(cells, self.widths, strict=False)]
        count = max(len(p) for p in pieces)
        start = len(self.rows)
        for i in range(count):
            self.rows.append([p[i] if i < len(p) else "" for p in pieces])
        if count == 1:
            row = self.rows[start]
            for col, cell in enumerate(row):
                line = string_cell(cell, self.widths[col] - 2 * self.pad_x)
                if line is not None:
                    row[col] = line
                    self.strings.append((col, start, cell.style))
        end = len(self.rows) - 1
        if count > 1:
            self.commands += [
                ("BOTTOMPADDING", (0, start), (-1, end - 1), 0),
                ("TOPPADDING", (0, start + 1), (-1, end), 0),
            ]
        if self.ruled and self.rule_runs:
            self.ruled_rows.append(end)
        elif self.ruled:
            self.commands.append(("LINEBELOW", (0, end), (-1, end), 0.5, RULE))
        return start, end

    def style(self) -> list[TableCommand]:
        base: list[TableCommand] = [
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
        return base + self.commands + self._rule_commands() + self._string_commands()

    def _rule_commands(self) -> list[TableCommand]:
        """The rules under the records (``rule_runs``), one command per run of consecutive rows."""
        out: list[TableCommand] = []
        first = last = -2
        for row in [*self.ruled_rows, -2]:
            if row == last + 1:
                last = row
                continue
            if first >= 0:
                out.append(("LINEBELOW", (0, first), (-1, last), 0.5, RULE))
            first = last = row
        return out

    def _string_commands(self) -> list[TableCommand]:
        """The font, size, leading, colour and alignment of the cells drawn as strings, by runs
        of rows in one column and style (a label column is one run per table)."""
        out: list[TableCommand] = []
        runs: list[list[Any]] = []  # [column, first row, last row, style]
        for col, row, style in sorted(self.strings, key=lambda x: (x[0], x[1])):
            last = runs[-1] if runs else None
            if last and last[0] == col and last[2] == row - 1 and last[3] is style:
                last[2] = row
            else:
                runs.append([col, row, row, style])
        for col, first, last, style in runs:
            cells = (col, first), (col, last)
            out += [
                ("FONTNAME", *cells, style.fontName),
                ("FONTSIZE", *cells, style.fontSize),
                ("LEADING", *cells, style.leading),
                ("TEXTCOLOR", *cells, style.textColor),
                ("ALIGN", *cells, "CENTER" if style.alignment == TA_CENTER else "LEFT"),
            ]
        return out

    def table(
        self, *, repeat_rows: int = 0, extra: Sequence[TableCommand] = (), cls: type[Table] | None = None
    ) -> Table:
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
    # reportlab's private cell matrix and row heights (pinned in pyproject.toml), not in its stubs
    _cellvalues: list[list[Any]]
    _rowHeights: list[float]  # noqa: N815 - reportlab's own attribute name

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for part in parts[1:]:
            assert isinstance(part, ContinuedTable)  # reportlab splits a table into its own class
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

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
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

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = self.inner.wrap(aW - self.left, aH)
        self.width, self.height = w + self.left, h
        return self.width, h

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return [Indent(part, self.left) for part in self.inner.split(aW - self.left, aH)]

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self.left, 0)


def logo(source: str | bytes | None, max_w: float, max_h: float) -> Flowable | None:
    """The logo (a file path, or the PNG/JPEG bytes a form's attachment carries) scaled to
    fit, or None when there is none, it cannot be read or it has too many pixels."""
    if not source:
        return None
    image_source: str | io.BytesIO
    try:
        if isinstance(source, bytes):
            from PIL import Image as PILImage

            from .context import MAX_LOGO_PIXELS

            with PILImage.open(io.BytesIO(source)) as probe:  # reads the header only
                if probe.width * probe.height > MAX_LOGO_PIXELS or probe.format not in ("PNG", "JPEG"):
                    return None
            reader, image_source = ImageReader(io.BytesIO(source)), io.BytesIO(source)
        else:
            reader, image_source = ImageReader(str(source)), str(source)
        iw, ih = reader.getSize()
        if iw <= 0 or ih <= 0:
            return None
        scale = min(max_w / iw, max_h / ih)
        return Image(image_source, width=iw * scale, height=ih * scale)
    except Exception:  # noqa: BLE001 - missing, unreadable or exotic file: print without a logo
        return None


# --------------------------------------------------------------------------- page decorations


@dataclass(frozen=True)
class PageInfo:
    """What every page prints besides the story."""

    is_draft: bool
    footer_left: str
    running_head: str


class FormCanvas(Canvas):
    """Keeps every page until the end, so each footer can say "Halaman x dari y"; ``finish``
    runs just before the file is written."""

    def __init__(
        self,
        *args: Any,
        decorate: Callable[[Canvas, int, int], None],
        finish: Callable[[Canvas], None] | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self._ksd_pages: list[dict[str, Any]] = []
        self._ksd_decorate = decorate
        self._ksd_finish = finish

    def showPage(self) -> None:
        self._ksd_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab private, not in the stubs (pinned in pyproject.toml)

    def save(self) -> None:
        pages = self._ksd_pages
        for number, state in enumerate(pages, 1):
            self.__dict__.update(state)
            self._ksd_decorate(self, number, len(pages))
            Canvas.showPage(self)
        if self._ksd_finish is not None:
            self._ksd_finish(self)
        Canvas.save(self)


def draw_watermark(c: Canvas, page_w: float = PAGE_W, page_h: float = PAGE_H) -> None:
    """The draft mark across the page (any paper size), over the content."""
    c.saveState()
    c.setFillColor(colors.HexColor("#9A9A9A"))
    c.setFillAlpha(0.22)
    c.setFont(FONT_BOLD, 50)
    c.translate(page_w / 2, page_h / 2)
    c.rotate(52)
    c.drawCentredString(0, -18, WATERMARK)
    c.restoreState()


def draw_running_head(c: Canvas, text: str, page_w: float = PAGE_W, page_h: float = PAGE_H) -> None:
    """The running head of the pages after the first (right-aligned, ruled below), 12 mm from the top."""
    header_y = page_h - HEADER_FROM_TOP
    c.saveState()
    c.setStrokeColor(colors.HexColor("#8C8C8C"))
    c.setLineWidth(0.5)
    c.setFillColor(GREY)
    c.setFont(FONT, 7.5)
    c.drawRightString(page_w - MARGIN_RIGHT, header_y, fit(text, FONT, 7.5, page_w - MARGIN_LEFT - MARGIN_RIGHT))
    c.line(MARGIN_LEFT, header_y - 4, page_w - MARGIN_RIGHT, header_y - 4)
    c.restoreState()


def page_decorator(info: PageInfo) -> Callable[[Canvas, int, int], None]:
    """Footer, running head (from page 2) and, on a draft, the watermark over the content."""

    def decorate(c: Canvas, number: int, total: int) -> None:
        if info.is_draft:
            draw_watermark(c)
        c.saveState()
        c.setStrokeColor(colors.HexColor("#8C8C8C"))
        c.setLineWidth(0.5)
        c.line(MARGIN_LEFT, FOOTER_Y + 9, PAGE_W - MARGIN_RIGHT, FOOTER_Y + 9)
        c.setFillColor(GREY)
        c.setFont(FONT, 7.5)
        c.drawString(MARGIN_LEFT, FOOTER_Y, fit(info.footer_left, FONT, 7.5, TEXT_W - 80))
        c.setFont(FONT_BOLD, 7.5)
        c.drawRightString(PAGE_W - MARGIN_RIGHT, FOOTER_Y, f"Halaman {number} dari {total}")
        c.restoreState()
        if number > 1:
            draw_running_head(c, info.running_head)

    return decorate
