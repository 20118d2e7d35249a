"""Each agency's kop: shipped values, the user's edits over them, and what the PDF export prints."""

from __future__ import annotations

from pypdf import PdfReader

import ksd_desktop.storage.letterheads as letterheads
from ksd_desktop.domain.letterhead import AgencyLetterhead, letterhead_problems
from ksd_desktop.services.pdf.export import export_form_pdf, pdf_context
from ksd_desktop.storage.letterheads import LetterheadRepository
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form

DINKES = AgencyLetterhead("DINKES", "Jl. Sukaramai No. 5, Martapura 70614", "(0511) 4721234",
                          "dinkes@banjarkab.go.id", "dinkes.banjarkab.go.id")


def test_the_kop_lines_follow_the_naskah_dinas_order():
    assert DINKES.lines() == ("Jl. Sukaramai No. 5, Martapura 70614",
                              "Telepon (0511) 4721234, Laman dinkes.banjarkab.go.id, Pos-el dinkes@banjarkab.go.id")
    assert AgencyLetterhead("X", phone="0511 1234567").lines() == ("Telepon 0511 1234567",)
    assert AgencyLetterhead("X").is_empty()
    assert AgencyLetterhead("X", website=" HTTPS://Dinkes.go.id/ ").cleaned().website == "Dinkes.go.id"


def test_wrong_contacts_are_named():
    wrong = letterhead_problems(AgencyLetterhead("X", phone="telp kantor", email="a@", website="bukan laman"))
    assert set(wrong) == {"phone", "email", "website"}
    assert letterhead_problems(DINKES) == {}


def test_user_values_over_the_shipped_ones(db, monkeypatch):
    shipped = {"DINKES": {"address": "Alamat dari data rujukan", "phone": "(0511) 111111"}}
    monkeypatch.setattr(letterheads, "shipped_letterheads", lambda: shipped)
    repo = LetterheadRepository(db)
    assert repo.get("DINKES").address == "Alamat dari data rujukan"
    repo.save_many([AgencyLetterhead("DINKES", "Alamat yang dibetulkan", "(0511) 111111", "", "")])
    stored = db.execute("SELECT address, phone, email FROM agency_letterheads").fetchall()
    assert stored == [("Alamat yang dibetulkan", None, None)]  # the phone still follows the reference data
    shipped["DINKES"]["phone"] = "(0511) 222222"  # a later release corrects the telephone
    assert repo.get("DINKES").lines() == ("Alamat yang dibetulkan", "Telepon (0511) 222222")
    repo.save_many([AgencyLetterhead("DINKES", "Alamat yang dibetulkan", "", "", "")])  # the user clears it
    assert repo.get("DINKES").phone == ""
    repo.save_many([AgencyLetterhead("DINKES", "Alamat dari data rujukan", "(0511) 222222")])
    assert db.execute("SELECT count(*) FROM agency_letterheads").fetchone()[0] == 0  # back to the reference


def test_the_form_pdf_carries_its_own_agencys_kop(db, tmp_path):
    form = make_form()
    FormRepository(db).save(form)
    assert pdf_context(db, form).letterhead_lines == ()  # never the Setda's address on Dinkes's form
    assert pdf_context(db, make_form(agency_code="SETDA")).letterhead_lines[0].startswith("Jl. A. Yani No. 03")
    LetterheadRepository(db).save_many([DINKES])
    context = pdf_context(db, form)
    assert context.letterhead_lines == DINKES.lines() and context.agency_logo_path is None
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(export_form_pdf(db, "DINKES", 2024, tmp_path / "f.pdf")).pages)
    assert "Jl. Sukaramai No. 5, Martapura 70614" in text and "Pos-el dinkes@banjarkab.go.id" in text
    assert "Jl. A. Yani No. 03" not in text
