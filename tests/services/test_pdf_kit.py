"""The form's Paragraphs take their fragments from the parse of their shape (kit._frags): the
fragments must be exactly those reportlab's own parser makes, or the pages would change."""

from __future__ import annotations

import random

import pytest

from ksd_desktop.services.pdf.kit import Para, esc, make_styles, register_fonts

TRICKY = [
    "", " ", "a", "A & B", "a<br/>b", "<br/>", "a<br/><br/>b", " a <br/> b ", "x&amp;y&lt;z&gt;", "&#39;&quot;",
    "a&unknown;b", "<b>Nama</b>", "Usulan 1: <font name='KSDSans-Italic'>(lanjutan)</font>",
    "1. <b>N</b><br/><font size=8.5 color='#444444'>kontak</font>", "a  b\n c", "–“”… é ü",
]


def texts() -> list[str]:
    rnd = random.Random(15)
    alphabet = [*"ab cd  ef&<>\"';#xéü–“”…\t\n", "&amp;", "<br/>", " \n ", "  "]
    out = list(TRICKY)
    for _ in range(400):
        raw = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        out += [esc(raw), raw.replace("\n", "<br/>").replace("<>", "")]
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
    assert compared > 700


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
