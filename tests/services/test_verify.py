"""Verification of exported PDFs: unaltered, altered, drafts, foreign files, later PDF signatures."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader, PdfWriter

from ksd_desktop.cli import run
from ksd_desktop.services.files import ExportError
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.services.pdf.verify import ATTACHMENT_NAME, Verdict, verify_pdf
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
        writer._root_object["/Names"]["/EmbeddedFiles"]  # noqa: B018 - exists
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
    assert report.verdict == Verdict.INTACT, report.reasons
    assert (report.agency_code, report.agency_name, report.year, report.revision) == ("DINKES", "Dinas Kesehatan", 2024, 1)
    assert report.signer_name == "dr. Noor Ifansyah, M.Kes." and report.signatures == []
    assert "Hasil: UTUH" in report.summary_lines()


def test_altered_embedded_data_is_detected(signed_pdf, tmp_path):
    def change(document):
        document["content"]["proposals"][0]["problem"] = "Isi diubah setelah ditandatangani oleh pihak lain."
    report = verify_pdf(rewrite(signed_pdf, tmp_path, content=change))
    assert report.verdict == Verdict.ALTERED
    assert any("tidak cocok" in r or "berbeda" in r for r in report.reasons)


def test_altered_hash_everywhere_but_the_qr_is_detected(signed_pdf, tmp_path):
    def change(document):
        document["content"]["pic_name"] = "Orang Lain"
        from ksd_desktop.domain.canonical import dumps_canonical, hash_text
        document["content_hash"] = hash_text(dumps_canonical(document["content"]))
    first = rewrite(signed_pdf, tmp_path, content=change)
    forged = json.loads(PdfReader(first).attachments[ATTACHMENT_NAME][0])["content_hash"]
    report = verify_pdf(rewrite(first, tmp_path, metadata={"/KSDContentHash": forged}))
    assert report.verdict == Verdict.ALTERED
    assert report.reasons == ["Kode QR tidak cocok dengan data formulir."]


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
    assert report.verdict == Verdict.FOREIGN and report.reasons
    assert verify_pdf(tmp_path / "tidak-ada.pdf").verdict == Verdict.FOREIGN


def test_export_of_missing_form_is_a_clear_error(db, tmp_path):
    with pytest.raises(ExportError, match="Belum ada formulir DISDIK tahun 2024"):
        export_form_pdf(db, "DISDIK", 2024, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def _test_signer(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kepala Dinas Uji"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kabupaten Banjar (uji)")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    key_file, cert_file = tmp_path / "uji.key", tmp_path / "uji.crt"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    from pyhanko.sign import signers
    return signers.SimpleSigner.load(str(key_file), str(cert_file))


def test_pdf_signed_afterwards_still_verifies(signed_pdf, tmp_path):
    """Like a BSrE e-signature (Panter/Besign): an incremental update on our unsigned PDF."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    original = signed_pdf.read_bytes()
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(original))
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="TTE_BSrE"), signer=_test_signer(tmp_path),
                     output=out)
    signed = tmp_path / "ditandatangani-elektronik.pdf"
    signed.write_bytes(out.getvalue())
    assert signed.read_bytes().startswith(original)  # an incremental update keeps every original byte
    report = verify_pdf(signed)
    assert report.verdict == Verdict.INTACT, report.reasons
    [signature] = report.signatures
    assert signature.field == "TTE_BSrE" and signature.intact and signature.whole_file
    assert "Kepala Dinas Uji" in signature.signer


def test_cli_export_and_verify(db, db_path, tmp_path, capsys):
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    out = tmp_path / "cli.pdf"
    assert run(["export-pdf", "--db", str(db_path), "--agency", "dinkes", "--year", "2024", str(out)]) == 0
    assert "PDF dibuat" in capsys.readouterr().out
    assert run(["verify", str(out)]) == 0
    assert "Hasil: UTUH" in capsys.readouterr().out
    (tmp_path / "bukan.pdf").write_text("bukan pdf")
    assert run(["verify", str(tmp_path / "bukan.pdf")]) == 1
    assert "bukan dokumen KSD Desktop" in capsys.readouterr().err
    assert run(["export-pdf", "--db", str(tmp_path / "tidak-ada.sqlite3"), "--agency", "DINKES", "--year", "2024",
                str(tmp_path / "y.pdf")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
