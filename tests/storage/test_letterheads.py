"""Each agency's kop: shipped values, the user's edits kept over a refresh, and what the PDF export prints."""

from __future__ import annotations

from pypdf import PdfReader

from ksd_desktop.domain.letterhead import AgencyLetterhead, letterhead_problems
from ksd_desktop.services.pdf.export import export_form_pdf, pdf_context
from ksd_desktop.storage.letterheads import LetterheadRepository
from ksd_desktop.storage.reference import refresh_reference_data
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form

DINKES = AgencyLetterhead(
    "DINKES",
    "Jl. Sukaramai No. 5, Martapura 70614",
    "(0511) 4721234",
    "dinkes@banjarkab.go.id",
    "dinkes.banjarkab.go.id",
)


def test_the_kop_lines_follow_the_naskah_dinas_order():
    assert DINKES.lines() == (
        "Jl. Sukaramai No. 5, Martapura 70614",
        "Telepon (0511) 4721234, Laman dinkes.banjarkab.go.id, Pos-el dinkes@banjarkab.go.id",
    )
    assert AgencyLetterhead("X", phone="0511 1234567").lines() == ("Telepon 0511 1234567",)
    assert AgencyLetterhead("X").is_empty()
    assert AgencyLetterhead("X", website=" HTTPS://Dinkes.go.id/ ").cleaned().website == "Dinkes.go.id"


def test_wrong_contacts_are_named():
    wrong = letterhead_problems(AgencyLetterhead("X", phone="telp kantor", email="a@", website="bukan laman"))
    assert set(wrong) == {"phone", "email", "website"}
    assert letterhead_problems(DINKES) == {}


def test_the_users_kop_survives_a_refresh_of_the_reference_data(db):
    repo = LetterheadRepository(db)
    shipped = repo.get("DINKES")
    assert shipped.address == "Martapura, Kalimantan Selatan" and "address" in repo.unsure()["DINKES"]
    repo.save_many([DINKES])
    refresh_reference_data(db, force=True)  # the next release's reference data
    assert repo.get("DINKES") == DINKES and "DINKES" not in repo.unsure()
    assert repo.get("SETDA").address.startswith("Jl. A. Yani No. 03")  # untouched ones stay as shipped


def test_the_form_pdf_carries_its_own_agencys_kop(db, tmp_path):
    form = make_form()
    FormRepository(db).save(form)
    assert pdf_context(db, form).letterhead_lines == ("Martapura, Kalimantan Selatan",)  # never the Setda's address
    assert pdf_context(db, make_form(agency_code="SETDA")).letterhead_lines == (
        "Jl. A. Yani No. 03, Martapura, Kalimantan Selatan 70614",
        "Laman banjarkab.go.id",
    )
    LetterheadRepository(db).save_many([DINKES])
    context = pdf_context(db, form)
    assert context.letterhead_lines == DINKES.lines() and context.agency_logo_path is None
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(export_form_pdf(db, "DINKES", 2024, tmp_path / "f.pdf")).pages
    )
    assert "Jl. Sukaramai No. 5, Martapura 70614" in text and "Pos-el dinkes@banjarkab.go.id" in text
    assert "Jl. A. Yani No. 03" not in text
