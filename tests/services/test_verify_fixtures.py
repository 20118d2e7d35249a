"""PDFs made by every released layout keep verifying (tests/fixtures, see layouts/__init__.py).

layout0-0.1.0-*.pdf were exported by KSD Desktop 0.1.0 (commit 7bde51f); layout1-*.pdf by the
current layout (A4 without logos; F4 in TTE BSrE mode with the lambang and the agency's logo). A change that makes one of these fail changed how a released layout
draws: give the change a new layout version instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ksd_desktop.services.pdf.layouts import CURRENT
from ksd_desktop.services.pdf.verify import Record, Verdict, verify_pdf
from ksd_desktop.storage.repositories import SettingsRepository
from tests.fixtures.make_fixtures import CUSTOM_KOP, FORM_UUID, signed_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_every_layout_has_a_fixture():
    assert {0, CURRENT} <= {int(p.name[6]) for p in FIXTURES.glob("layout*.pdf")}


@pytest.mark.parametrize("name", [f"layout{CURRENT}-signed.pdf", f"layout{CURRENT}-f4-tte-logos.pdf"])
def test_current_layout_fixtures_are_intact(name):
    report = verify_pdf(FIXTURES / name)
    assert report.verdict == Verdict.INTACT and report.ok, report.reasons
    assert report.layout_version == CURRENT and report.form_uuid == FORM_UUID and report.notes == []


def test_a_0_1_0_pdf_with_the_default_kop_is_intact_with_a_note():
    report = verify_pdf(FIXTURES / "layout0-0.1.0-signed.pdf")
    assert report.verdict == Verdict.INTACT and report.ok, report.reasons
    assert report.layout_version == 0
    assert report.notes == [
        "Dibuat oleh KSD Desktop 0.1.0 (tata letak 0); kop dicocokkan dengan kop bawaan KSD Desktop 0.1.0."
    ]


def test_a_0_1_0_pdf_with_another_kop_needs_its_database(tmp_path):
    path = FIXTURES / "layout0-0.1.0-custom-kop.pdf"
    alone = verify_pdf(path)
    assert alone.verdict == Verdict.UNCERTAIN and not alone.ok
    assert "tidak dapat dipastikan" in alone.reasons[0] and alone.changed_pages == [1]
    db = signed_database(tmp_path, CUSTOM_KOP)
    try:
        with_db = verify_pdf(path, db=db)
        SettingsRepository(db).set("letterhead_lines", ["Jl. Lain No. 9"])
        other_kop = verify_pdf(path, db=db)
    finally:
        db.close()
    assert with_db.verdict == Verdict.INTACT and with_db.ok and with_db.record == Record.MATCH
    assert "pengaturan kop di berkas data ini" in with_db.notes[0]
    assert other_kop.verdict == Verdict.UNCERTAIN and other_kop.record == Record.MATCH and not other_kop.ok


def test_a_0_1_0_pdf_with_an_annotation_is_altered_not_uncertain(tmp_path):
    from pypdf import PdfWriter
    from pypdf.annotations import FreeText

    writer = PdfWriter(clone_from=FIXTURES / "layout0-0.1.0-custom-kop.pdf")
    writer.add_annotation(0, FreeText(text="Disetujui", rect=(300, 400, 500, 430)))
    out = tmp_path / "anotasi.pdf"
    writer.write(out)
    report = verify_pdf(out)
    assert report.verdict == Verdict.ALTERED and any("anotasi" in r for r in report.reasons)


def test_a_0_1_0_pdf_signed_later_is_intact(tmp_path):
    from tests.services import pdf_corpus

    certs = pdf_corpus.make_certificates(tmp_path)
    out = tmp_path / "0.1.0-tte.pdf"
    out.write_bytes(pdf_corpus.sign_with_pyhanko((FIXTURES / "layout0-0.1.0-signed.pdf").read_bytes(), certs))
    report = verify_pdf(out)
    assert report.verdict == Verdict.INTACT and report.ok and len(report.signatures) == 1


def test_export_is_deterministic(tmp_path):
    """Same data, same layout version: byte for byte the same PDF."""
    from tests.fixtures.make_fixtures import current

    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    current(first)
    current(second)
    for name in (f"layout{CURRENT}-signed.pdf", f"layout{CURRENT}-f4-tte-logos.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
