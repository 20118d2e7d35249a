"""The form's Paragraphs take their fragments from the parse of their shape (para._frags): the
fragments must be exactly those reportlab's own parser makes, or the pages would change."""

from __future__ import annotations

import random

import pytest

from ksd_desktop.services.pdf.kit import Para, esc, make_styles, register_fonts

TRICKY = [
    "",
    " ",
    "a",
    "A & B",
    "a<br/>b",
    "<br/>",
    "a<br/><br/>b",
    " a <br/> b ",
    "x&amp;y&lt;z&gt;",
    "&#39;&quot;",
    "a&unknown;b",
    "<b>Nama</b>",
    "Usulan 1: <font name='KSDSans-Italic'>(lanjutan)</font>",
    "1. <b>N</b><br/><font size=8.5 color='#444444'>kontak</font>",
    "a  b\n c",
    "–“”… é ü",
]


def texts() -> list[str]:
    rnd = random.Random(15)
    alphabet = [*"ab cd  ef&<>\"';#xéü–“”…\t\n", "&amp;", "<br/>", " \n ", "  "]
    out = list(TRICKY)
    # the layout's own tags around escaped user text (partners, kinds, the continued head …)
    tags = [
        "<b>{}</b>",
        "<u>{}</u>",
        "<font size=8.5 color='#444444'>{}</font>",
        "<font size=8>{}</font>",
        "{} <font name='KSDSans-Italic'>(lanjutan)</font>",
        "<font size=7.5 color='#555555'>{}</font>",
    ]
    for _ in range(400):
        raw = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        out += [esc(raw), raw.replace("\n", "<br/>").replace("<>", "")]
        parts = [
            rnd.choice(tags).format(esc(rnd.choice(["", "Nama Mitra", raw[:12], " a  b "])))
            for _ in range(rnd.randint(1, 4))
        ]
        out.append(rnd.choice(["", "1. ", "<br/>"]).join(parts))
    return out


def fragments(paragraph) -> list[dict]:
    return [dict(f.__dict__) for f in paragraph.frags]


@pytest.mark.parametrize("style_name", ["body", "cell", "cell_bold", "cell_center", "sign_name"])
def test_fragments_are_the_parsers(style_name):
    from reportlab.platypus import Paragraph

    register_fonts()
    style = getattr(make_styles(), style_name)
    compared = 0
    for text in texts():
        try:
            reference = Paragraph(text, style)
        except ValueError:  # markup reportlab refuses: ours is refused the same way
            with pytest.raises(ValueError):
                Para(text, style)
            continue
        mine = Para(text, style)
        assert (mine.text, fragments(mine)) == (reference.text, fragments(reference)), text
        compared += 1
    assert compared > 1000


def test_a_child_style_does_not_take_its_parents_fragments():
    """ParagraphStyle(parent=…) copies the parent's attributes, the shape cache too."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    register_fonts()
    parent = make_styles().cell
    Para("Jl. Sukaramai No. 5", parent)  # fills the parent's cache for this shape
    child = ParagraphStyle("smaller", parent=parent, fontSize=7.5, leading=9.6)
    mine, reference = Para("Telepon (0511) 4721234", child), Paragraph("Telepon (0511) 4721234", child)
    assert fragments(mine) == fragments(reference) and mine.frags[0].fontSize == 7.5


def test_plain_cells_are_drawn_as_strings_with_the_same_pixels():
    """A Grid draws a plain cell as a string of its lines as reportlab breaks them: where the
    Paragraph would draw them, in its font, size, colour and alignment (pdfium sees the same
    pixels), and the row heights stay."""
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from ksd_desktop.services.pdf import kit

    register_fonts()
    s = make_styles()
    cells = [("Urusan", s.cell), ("Pembiayaan", s.cell), ("1", s.cell_center), ("Ya", s.body), ("Jenis", s.head_cell)]
    long = "Teks panjang yang tidak muat pada satu baris sel yang sempit ini " * 2

    def page(strings: bool) -> tuple[bytes, list[float]]:
        grid = kit.Grid([30 * mm, 60 * mm])
        for text, style in cells:
            grid.record([kit.Para(text, style), kit.Para(long, s.cell)])
        if not strings:  # the same rows, every cell a Paragraph
            grid.rows = [[kit.Para(text, style), kit.Para(long, s.cell)] for text, style in cells]
            grid.strings = []
        else:
            assert [row[0] for row in grid.rows] == [text for text, _ in cells]
            assert all(isinstance(row[1], str) and row[1].count("\n") >= 2 for row in grid.rows)  # several lines
        table = grid.table()
        out = io.BytesIO()
        canvas = Canvas(out, pagesize=(120 * mm, 120 * mm), invariant=1)
        table.wrapOn(canvas, 100 * mm, 100 * mm)
        table.drawOn(canvas, 5 * mm, 5 * mm)
        canvas.save()
        bitmap = pdfium.PdfDocument(out.getvalue())[0].render(scale=3)
        return bytes(bitmap.buffer), list(table._rowHeights)

    assert page(True) == page(False)


def test_what_is_not_plain_text_stays_a_paragraph():
    from ksd_desktop.services.pdf import kit

    register_fonts()
    s = make_styles()
    assert kit.string_cell(kit.Para("Pembiayaan", s.cell), 100) == "Pembiayaan"
    assert kit.string_cell(kit.Para("sangat panjang " * 20, s.cell), 100).count("\n") >= 5
    for markup in ("<b>Nama</b>", "A &amp; B", "a<br/>b", "Rp\u00a01.000"):
        assert kit.string_cell(kit.Para(markup, s.cell), 100) is None, markup
    assert kit.string_cell("teks", 100) is None


def test_a_tall_cell_with_a_tag_across_a_line_break_is_cut_whole():
    """A partner's contact of several lines sits in one <font> across its <br/>s: cutting the
    tall cell into rows closes the tag at each cut and opens it again (it used to raise)."""
    from ksd_desktop.services.pdf import kit

    register_fonts()
    style = make_styles().cell
    partner = "<b>Mitra</b><br/><font size=8.5 color='#444444'>kontak: baris satu<br/>baris dua</font>"
    cell = kit.Para("<br/>".join(f"{i}. {partner}" for i in range(1, 15)), style)
    pieces = kit._pieces(cell, 120)
    assert len(pieces) > 1 and all(isinstance(p, kit.Para) for p in pieces)
    assert all(p.text.count("<font") == p.text.count("</font>") for p in pieces)
    assert sum(p.wrap(120, 1e7)[1] for p in pieces) >= cell.wrap(120, 1e7)[1] - 1e-6
    assert kit._markup_lines("a<br/><b>b</b><br/>") == ["a", "<b>b</b>", ""]  # as str.split without such a tag
