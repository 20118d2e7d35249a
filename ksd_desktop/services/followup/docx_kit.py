"""python-docx building blocks of the drafts: an A4 page in the naskah dinas manner (Arial 12,
margins 3/2/2/2 cm), the kop with its double rule, placeholders highlighted in yellow, label : value
blocks, numbered lists, the signature block and page numbers.

Imports python-docx at module level: only drafts.py imports this module, inside the function
that writes a draft (the main window never waits for python-docx).
"""

from __future__ import annotations

import re
from typing import IO, TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

if TYPE_CHECKING:
    from docx.section import Section
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph

FONT = "Arial"
SIZE = 12
_PLACEHOLDER = re.compile(r"(\[isi: [^\]]*\])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _repeat_header(row: _Row) -> None:
    """The header row repeats on every page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def clean(text: object) -> str:
    """Text a DOCX can hold (XML 1.0 has no control characters)."""
    return _CONTROL.sub("", "" if text is None else str(text))


class Draft:
    """One document being written."""

    def __init__(self, title: str, subject: str, keywords: str):
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        style = self.doc.styles["Normal"]
        style.font.name, style.font.size = FONT, Pt(SIZE)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.15
        props = self.doc.core_properties
        props.title, props.subject, props.keywords = clean(title), clean(subject), clean(keywords)
        props.author = props.last_modified_by = "KSD Desktop"
        props.comments = "Draf yang disusun otomatis dari hasil pemetaan; lengkapi bagian bertanda [isi: …]."
        self._page_numbers(section)

    # ---- text
    def runs(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        caps: bool = False,
    ) -> None:
        """Add ``text`` to ``paragraph``; every ``[isi: …]`` becomes a highlighted run."""
        for piece in _PLACEHOLDER.split(clean(text)):
            if not piece:
                continue
            run = paragraph.add_run(piece.upper() if caps and not piece.startswith("[isi:") else piece)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
            if piece.startswith("[isi:"):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def para(
        self,
        text: str = "",
        *,
        align: str = "justify",
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        indent_cm: float = 0.0,
        first_line_cm: float = 0.0,
        before: float = 0,
        after: float = 6,
        caps: bool = False,
        keep_next: bool = False,
    ) -> Paragraph:
        p = self.doc.add_paragraph()
        p.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        fmt = p.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(indent_cm), Cm(first_line_cm)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = keep_next
        if text:
            self.runs(p, text, bold=bold, italic=italic, size=size, caps=caps)
        return p

    def heading(self, text: str, *, before: float = 10) -> None:
        self.para(text, align="left", bold=True, before=before, after=4, keep_next=True)

    def numbered(self, items: list[str], *, indent_cm: float = 0.6, style: str = "decimal") -> None:
        """``1. …`` (or ``a. …``) items with a hanging indent, typed out (no Word list definitions)."""
        for index, item in enumerate(items):
            mark = f"{index + 1}." if style == "decimal" else f"{chr(ord('a') + index % 26)}."
            p = self.para(after=3, indent_cm=indent_cm + 0.7, first_line_cm=-0.7)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(indent_cm + 0.7))
            self.runs(p, f"{mark}\t{item}")

    def fields(
        self,
        rows: list[tuple[str, str]],
        *,
        label_cm: float = 3.0,
        indent_cm: float = 0.0,
        beside_first: str = "",
        beside_cm: float = 6.0,
    ) -> None:
        """``Nomor    : …`` lines: a borderless table so wrapped values stay aligned; ``beside_first`` is
        set right-aligned on the first line (the place and date of a letter, on the Nomor line)."""
        columns = 3 if beside_first else 2
        table = self.doc.add_table(rows=0, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for index, (name, value) in enumerate(rows):
            cells = table.add_row().cells
            self.runs(cells[0].paragraphs[0], name)
            p = cells[1].paragraphs[0]
            p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Cm(0.3), Cm(-0.3)
            self.runs(p, f": {value}")
            if beside_first and index == 0:
                cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self.runs(cells[2].paragraphs[0], beside_first)
        value_cm = 16.0 - indent_cm - label_cm - (beside_cm if beside_first else 0)
        self._widths(table, [label_cm, value_cm] + ([beside_cm] if beside_first else []))
        if indent_cm:
            self._indent_table(table, indent_cm)

    def grid(self, header: list[str], rows: list[list[str]], widths_cm: list[float]) -> None:
        """A ruled table (Lampiran)."""
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self.runs(cell.paragraphs[0], text, bold=True, size=11)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _repeat_header(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=False):
                lines = clean(text).split("\n")
                self.runs(cell.paragraphs[0], lines[0], size=11)
                for line in lines[1:]:
                    self.runs(cell.add_paragraph(), line, size=11)
        self._widths(table, widths_cm)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def new_section(self) -> None:
        self.doc.add_section(WD_SECTION.NEW_PAGE)

    # ---- naskah dinas parts
    def kop(self, lines: list[tuple[str, float, bool]], logo_path: str | None = None) -> None:
        """The letterhead: optional logo left, centred lines (text, size, bold), closed by a double rule."""
        table = self.doc.add_table(rows=1, cols=2 if logo_path else 1)
        text_cell = table.rows[0].cells[-1]
        if logo_path:
            logo_cell = table.rows[0].cells[0]
            try:
                logo_cell.paragraphs[0].add_run().add_picture(str(logo_path), height=Cm(2.4))
            except Exception:  # noqa: BLE001 - missing or unreadable logo: the kop prints without it
                pass
        self._widths(table, [2.6, 13.4] if logo_path else [16.0])
        first = True
        for text, size, bold in lines:
            p = text_cell.paragraphs[0] if first else text_cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.runs(p, text, bold=bold, size=size)
            first = False
        rule = self.para(after=10)
        self._bottom_border(rule)

    def signature(self, lines_above: list[str], name: str, below: list[str], *, left_cm: float = 8.5) -> None:
        """The signature block on the right half: place/date, jabatan, space to sign, name, rank, NIP."""
        for text in lines_above:
            self.para(text, align="left", indent_cm=left_cm, after=0, keep_next=True)
        for _ in range(3):
            self.para(align="left", indent_cm=left_cm, after=0, keep_next=True)
        p = self.para(align="left", indent_cm=left_cm, after=0, keep_next=bool(below))
        self.runs(p, name, bold=True)
        for run in p.runs:
            run.font.underline = not name.startswith("[isi:")
        for text in below:
            self.para(text, align="left", indent_cm=left_cm, after=0)

    def save(self, handle: str | IO[bytes]) -> None:
        self.doc.save(handle)

    # ---- low level
    def _bottom_border(self, paragraph: Paragraph) -> None:
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "24"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def no_number_on_first_page(self) -> None:
        """A cover page carries no page number."""
        self.doc.sections[0].different_first_page_header_footer = True

    def _widths(self, table: Table, widths_cm: list[float]) -> None:
        """Fixed column widths that Word and LibreOffice both honour (grid and every cell)."""
        table.autofit = False
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
        for column, width in zip(table.columns, widths_cm, strict=False):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=False):
                cell.width = Cm(width)

    def _indent_table(self, table: Table, indent_cm: float) -> None:
        tbl_pr = table._tbl.tblPr
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(int(indent_cm * 567)))
        ind.set(qn("w:type"), "dxa")
        tbl_pr.append(ind)

    def _page_numbers(self, section: Section) -> None:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        p._p.append(field)
