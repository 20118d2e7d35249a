"""One kop for every document (services/pdf/letterhead.py): the form, the Laporan and the monev report."""

from __future__ import annotations

import io

from pypdf import PdfReader

from ksd_desktop.domain.letterhead import AgencyLetterhead
from ksd_desktop.services.followup.monev import write_monev
from ksd_desktop.services.recap.writer import write_recap_pdf
from ksd_desktop.storage.letterheads import LetterheadRepository
from tests.conftest import TODAY

CONTACT = "Telepon (0511) 4721234, Laman dinkes.banjarkab.go.id, Pos-el dinkes@banjarkab.go.id"


def kop_lines(head, width_mm: float = 165) -> list[str]:
    """The text lines of a page holding only the kop, as a reader extracts them."""
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from ksd_desktop.services.pdf.kit import make_styles, register_fonts
    from ksd_desktop.services.pdf.letterhead import letterhead

    register_fonts()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, leftMargin=25 * mm, rightMargin=20 * mm).build(
        letterhead(head, width_mm * mm, make_styles())
    )
    return [" ".join(line.split()) for line in PdfReader(buffer).pages[0].extract_text().splitlines() if line.strip()]


def logo(tmp_path, name: str) -> str:
    from PIL import Image

    path = tmp_path / name
    Image.new("RGB", (100, 120), (20, 110, 60)).save(path)
    return str(path)


def test_the_contact_line_keeps_to_one_line_between_two_logos(tmp_path):
    from ksd_desktop.services.pdf.letterhead import Letterhead

    head = Letterhead(
        "PEMERINTAH KABUPATEN BANJAR",
        "Dinas Kesehatan",
        ("Jl. Sukaramai No. 5, Martapura 70614", CONTACT),
        lambang=logo(tmp_path, "l.png"),
        agency_logo=logo(tmp_path, "a.png"),
    )
    assert kop_lines(head) == [
        "PEMERINTAH KABUPATEN BANJAR",
        "DINAS KESEHATAN",
        "Jl. Sukaramai No. 5, Martapura 70614",
        CONTACT,
    ]


def test_a_line_too_long_between_the_logos_uses_the_whole_width(tmp_path):
    from ksd_desktop.services.pdf.letterhead import Letterhead

    long_contact = CONTACT.replace("dinkes", "dinaskesehatan") + ", Faksimile (0511) 4721235"
    head = Letterhead(
        "PEMERINTAH KABUPATEN BANJAR",
        "Dinas Kesehatan",
        (long_contact, ""),
        lambang=logo(tmp_path, "l.png"),
        agency_logo=logo(tmp_path, "a.png"),
    )
    assert kop_lines(head)[-1] == long_contact  # one line, under the logos
    empty = Letterhead("PEMERINTAH KABUPATEN BANJAR", "Dinas Kesehatan", ("", "  "))
    assert kop_lines(empty) == ["PEMERINTAH KABUPATEN BANJAR", "DINAS KESEHATAN"]  # empty parts left out


def test_the_laporan_and_the_monev_report_carry_the_setdas_own_kop(db, tmp_path):
    LetterheadRepository(db).save_many(
        [
            AgencyLetterhead(
                "SETDA",
                "Jl. A. Yani No. 03, Martapura 70614",
                "(0511) 4721111",
                "setda@banjarkab.go.id",
                "banjarkab.go.id",
            )
        ]
    )
    expected = [
        "PEMERINTAH KABUPATEN BANJAR",
        "SEKRETARIAT DAERAH",
        "Jl. A. Yani No. 03, Martapura 70614",
        "Telepon (0511) 4721111, Laman banjarkab.go.id, Pos-el setda@banjarkab.go.id",
    ]
    for pdf in (
        write_recap_pdf(db, 2024, tmp_path / "laporan.pdf", today=TODAY),
        write_monev(db, 2024, tmp_path / "monev.pdf", today=TODAY),
    ):
        lines = [" ".join(x.split()) for x in PdfReader(pdf).pages[0].extract_text().splitlines() if x.strip()]
        assert lines[:4] == expected, pdf.name
