"""Verification of exported PDFs: the three answers, drafts, foreign files, the CLI, the log.

The tampering corpus is in test_verify_tampering.py; the released layouts' fixtures in
test_verify_fixtures.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pypdf import PdfReader, PdfWriter

from ksd_desktop.cli import run
from ksd_desktop.services.files import ExportError
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.pdf.verify import ATTACHMENT_NAME, Record, Verdict, verify_pdf
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form, make_proposal
from tests.services.test_signoff import SIGNER


@pytest.fixture
def signed_pdf(db, db_path, tmp_path):
    form = make_form(proposals=[make_proposal(1), make_proposal(2, object="Objek kedua & <lainnya>")])
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    return export_form_pdf(db, "DINKES", 2024, tmp_path / "dinkes-2024.pdf")


def rewrite(path, tmp_path, *, content=None, metadata=None):
    """Copy a PDF, changing its embedded data or metadata (what a forger would do)."""
    reader = PdfReader(path)
    writer = PdfWriter(clone_from=reader)
    if content is not None:
        document = json.loads(reader.attachments[ATTACHMENT_NAME][0])
        content(document)
        del writer._root_object["/Names"]
        writer.add_attachment(ATTACHMENT_NAME, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    if metadata is not None:
        writer.add_metadata(metadata)
    out = tmp_path / "diubah.pdf"
    with open(out, "wb") as handle:
        writer.write(handle)
    return out


def test_unaltered_signed_pdf(signed_pdf):
    report = verify_pdf(signed_pdf)
    assert report.verdict == Verdict.INTACT and report.ok, report.reasons
    assert (report.agency_code, report.agency_name, report.year, report.revision) == (
        "DINKES",
        "Dinas Kesehatan",
        2024,
        1,
    )
    assert report.signer_name == "dr. Noor Ifansyah, M.Kes." and report.signatures == []
    lines = report.summary_lines()
    assert lines[1].startswith("Keutuhan: UTUH.") and "Hasil: UTUH" in lines
    assert any(line.startswith("Kecocokan dengan data tercatat: TIDAK DIPERIKSA") for line in lines)
    assert any("Identitas penanda tangan tidak dapat dipastikan dari berkas ini saja" in line for line in lines)
    assert report.document["content"]["proposals"][1]["object"] == "Objek kedua & <lainnya>"


def test_altered_embedded_data_is_detected(signed_pdf, tmp_path):
    def change(document):
        document["content"]["proposals"][0]["problem"] = "Isi diubah setelah ditandatangani oleh pihak lain."

    report = verify_pdf(rewrite(signed_pdf, tmp_path, content=change))
    assert report.verdict == Verdict.ALTERED
    assert "Data formulir di dalam PDF tidak cocok dengan kode verifikasinya." in report.reasons


def test_data_rewritten_with_every_hash_but_the_old_pages_is_detected(signed_pdf, tmp_path):
    """The 0.1.0 hole: attachment, hash and metadata agree with each other, the pages do not."""
    from ksd_desktop.domain.canonical import dumps_canonical, hash_text

    def change(document):
        document["content"]["pic_name"] = "Orang Lain"
        document["content_hash"] = hash_text(dumps_canonical(document["content"]))

    first = rewrite(signed_pdf, tmp_path, content=change)
    forged = json.loads(PdfReader(first).attachments[ATTACHMENT_NAME][0])["content_hash"]
    report = verify_pdf(rewrite(first, tmp_path, metadata={"/KSDContentHash": forged}))
    assert report.verdict == Verdict.ALTERED
    assert 1 in report.changed_pages and any(r.startswith("Halaman 1: isi halaman") for r in report.reasons)


def test_altered_metadata_hash_is_detected(signed_pdf, tmp_path):
    report = verify_pdf(rewrite(signed_pdf, tmp_path, metadata={"/KSDContentHash": "0" * 64}))
    assert report.verdict == Verdict.ALTERED


def test_draft_is_reported_as_draft(db, tmp_path):
    FormRepository(db).save(make_form())
    report = verify_pdf(export_form_pdf(db, "DINKES", 2024, tmp_path / "draf.pdf"))
    assert report.verdict == Verdict.DRAFT and not report.ok


def test_foreign_and_broken_files(tmp_path):
    from reportlab.pdfgen import canvas

    plain = tmp_path / "surat.pdf"
    c = canvas.Canvas(str(plain))
    c.drawString(72, 720, "Surat biasa")
    c.save()
    assert verify_pdf(plain).verdict == Verdict.FOREIGN
    broken = tmp_path / "rusak.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    report = verify_pdf(broken)
    assert report.verdict == Verdict.DAMAGED and report.reasons
    assert verify_pdf(tmp_path / "tidak-ada.pdf").verdict == Verdict.FOREIGN


def test_export_of_missing_form_is_a_clear_error(db, tmp_path):
    with pytest.raises(ExportError, match="Belum ada formulir DISDIK tahun 2024"):
        export_form_pdf(db, "DISDIK", 2024, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_record_match_unrecorded_and_other_revision(db, signed_pdf, tmp_path):
    from ksd_desktop.services.signoff import reopen_form

    assert verify_pdf(signed_pdf, db=db).record == Record.MATCH
    other_db_path = tmp_path / "lain.sqlite3"
    from ksd_desktop.storage.database import open_database

    other = open_database(other_db_path)
    try:
        unrecorded = verify_pdf(signed_pdf, db=other)
    finally:
        other.close()
    assert unrecorded.record == Record.UNRECORDED and unrecorded.ok
    form = FormRepository(db).find("DINKES", 2024)
    reopen_form(db, form.uuid, "Perbaikan data usulan")
    assert verify_pdf(signed_pdf, db=db).record == Record.MATCH  # revision 1 stays on record


def test_another_form_for_the_same_agency_and_year_is_different(db, signed_pdf, tmp_path):
    from ksd_desktop.services.pdf import form as pdf_form
    from tests.services import pdf_corpus

    data = signed_pdf.read_bytes()
    payload = pdf_corpus.payload_of(data)
    payload["content"]["uuid"] = "00000000-0000-4000-8000-000000000000"
    payload["content_hash"] = pdf_form.hash_text(pdf_form.dumps_canonical(payload["content"]))
    forged = tmp_path / "formulir-lain.pdf"
    forged.write_bytes(pdf_form.form_document(payload))
    report = verify_pdf(forged, db=db)
    assert report.verdict == Verdict.INTACT and report.record == Record.DIFFERENT and not report.ok
    assert "tidak pernah ditandatangani di sini" in report.record_notes[0]


def test_cli_export_and_verify(db, db_path, tmp_path, capsys):
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    out = tmp_path / "cli.pdf"
    assert run(["export-pdf", "--db", str(db_path), "--agency", "dinkes", "--year", "2024", str(out)]) == 0
    assert "PDF dibuat" in capsys.readouterr().out
    assert run(["verify", str(out)]) == 0
    assert "Hasil: UTUH" in capsys.readouterr().out
    assert run(["verify", "--db", str(db_path), str(out)]) == 0
    assert "Kecocokan dengan data tercatat: COCOK" in capsys.readouterr().out
    (tmp_path / "bukan.pdf").write_text("bukan pdf")
    assert run(["verify", str(tmp_path / "bukan.pdf")]) == 1
    assert "bukan dokumen KSD Desktop" in capsys.readouterr().err
    (tmp_path / "bukan.pem").write_text("bukan sertifikat")
    assert run(["verify", "--ca", str(tmp_path / "bukan.pem"), str(out)]) == 1
    assert "bukan sertifikat X.509" in capsys.readouterr().err
    assert (
        run(
            [
                "export-pdf",
                "--db",
                str(tmp_path / "tidak-ada.sqlite3"),
                "--agency",
                "DINKES",
                "--year",
                "2024",
                str(tmp_path / "y.pdf"),
            ]
        )
        == 1
    )
    assert "tidak ditemukan" in capsys.readouterr().err


def test_library_warnings_never_reach_the_terminal(signed_pdf, tmp_path):
    """A damaged signature makes pyHanko log warnings and tracebacks: only the log file gets them."""
    data = signed_pdf.read_bytes()
    odd = tmp_path / "aneh.pdf"
    odd.write_bytes(
        data + b"\n1 0 obj\n<< /Type /Catalog /Pages 999 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f"
        b" \ntrailer\n<< /Size 1 /Root 1 0 R /Prev 9 >>\nstartxref\n" + str(len(data)).encode() + b"\n%%EOF\n"
    )
    env = {"KSD_DESKTOP_DATA_DIR": str(tmp_path / "data"), "PYTHONWARNINGS": "always", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "ksd_desktop", "verify", str(odd)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    assert "Keutuhan: RUSAK" in result.stderr
    assert "Traceback" not in result.stderr and "WARNING" not in result.stderr and "Error" not in result.stderr


def test_an_untouched_export_is_its_own_re_render(signed_pdf, monkeypatch):
    """The export's own bytes need no page-by-page or pixel comparison (rerender.py); a file
    that differs by one byte gets both."""
    from ksd_desktop.services.pdf import rerender

    compared: list[bool] = []
    original = rerender.differences
    monkeypatch.setattr(rerender, "differences", lambda *a, **kw: compared.append(True) or original(*a, **kw))
    report = verify_pdf(signed_pdf)
    assert report.verdict == Verdict.INTACT and report.ok and compared == []
    changed = signed_pdf.with_name("satu-bita.pdf")
    data = signed_pdf.read_bytes()
    assert data.count(b"/Keywords ()") == 1
    changed.write_bytes(data.replace(b"/Keywords ()", b"/Keywords() "))  # the same dictionary
    report = verify_pdf(changed)
    assert compared == [True] and report.verdict == Verdict.INTACT, report.reasons
