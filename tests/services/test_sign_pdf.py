"""sign-pdf: a PAdES signature from a .p12 file, offline, in the TTE space; only on a UTUH PDF."""

from __future__ import annotations

import io

import pytest

from ksd_desktop.cli import run
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.pdf.layouts import render
from ksd_desktop.services.pdf.sign import SignError, sign_pdf
from ksd_desktop.services.pdf.trust import load_certificate_file
from ksd_desktop.services.pdf.verify import Verdict, verify_pdf
from tests.fixtures.make_fixtures import signed_database
from tests.services import pdf_corpus
from tests.services.pdf_corpus import EXPORTED_AT, PASSPHRASE


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tte")
    db = signed_database(folder)
    try:
        pdf = export_form_pdf(db, "DINKES", 2024, folder / "dinkes.pdf", exported_at=EXPORTED_AT)
    finally:
        db.close()
    return folder, pdf, pdf_corpus.make_certificates(folder)


def test_signed_pdf_keeps_every_byte_verifies_and_stamps_the_tte_space(setup):
    from pyhanko.pdf_utils.reader import PdfFileReader

    folder, pdf, certs = setup
    result = sign_pdf(pdf, certs.p12, PASSPHRASE, folder / "ttd.pdf")
    assert result.visible and result.signer == "dr. Noor Ifansyah, M.Kes. (Pemerintah Kabupaten Banjar)"
    data = result.path.read_bytes()
    assert data.startswith(pdf.read_bytes())
    report = verify_pdf(result.path, anchors=load_certificate_file(certs.ca_pem))
    assert report.verdict == Verdict.INTACT and report.ok and report.trusted_signers
    reader = PdfFileReader(io.BytesIO(data))
    [signature] = reader.embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES baseline
    widget = signature.sig_field["/Kids"][0] if "/Kids" in signature.sig_field else signature.sig_field
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    box = render(pdf_corpus.payload_of(pdf.read_bytes())).tte
    assert box.x0 <= x0 < x1 <= box.x1 and box.y0 <= y0 < y1 <= box.y1


def test_a_second_signature_is_invisible_and_both_verify(setup):
    folder, pdf, certs = setup
    first = sign_pdf(pdf, certs.p12, PASSPHRASE, folder / "satu.pdf")
    second = sign_pdf(first.path, certs.p12, PASSPHRASE, folder / "dua.pdf")
    assert not second.visible
    report = verify_pdf(second.path)
    assert report.verdict == Verdict.INTACT and len(report.signatures) == 2
    assert all(s.intact and s.whole_file for s in report.signatures)


def test_a_form_in_tte_mode_is_stamped_in_its_reserved_space_and_verifies(setup, tmp_path):
    folder, _, certs = setup
    db = signed_database(tmp_path, {"tte_mode": True, "paper_size": "F4"})
    try:
        pdf = export_form_pdf(db, "DINKES", 2024, tmp_path / "tte.pdf", exported_at=EXPORTED_AT)
    finally:
        db.close()
    box = render(pdf_corpus.payload_of(pdf.read_bytes())).tte
    assert box.y1 - box.y0 < 25 * 72 / 25.4  # the TTE space (about 22 mm), not the wet signature's
    result = sign_pdf(pdf, certs.p12, PASSPHRASE, tmp_path / "tte-ttd.pdf")
    report = verify_pdf(result.path, anchors=load_certificate_file(certs.ca_pem))
    assert result.visible and report.verdict == Verdict.INTACT and report.ok


def test_wrong_passphrase_and_bad_files_are_refused(setup):
    folder, pdf, certs = setup
    with pytest.raises(SignError, match="Kata sandi salah"):
        sign_pdf(pdf, certs.p12, b"salah", folder / "x.pdf")
    with pytest.raises(SignError, match="tidak dapat dibaca"):
        sign_pdf(pdf, folder / "tidak-ada.p12", PASSPHRASE, folder / "x.pdf")
    altered = folder / "diubah.pdf"
    altered.write_bytes(pdf_corpus.rewrite(pdf.read_bytes(), lambda w: pdf_corpus.white_box(w, 0)))
    with pytest.raises(SignError, match="TELAH DIUBAH"):
        sign_pdf(altered, certs.p12, PASSPHRASE, folder / "x.pdf")
    assert not (folder / "x.pdf").exists()


def test_cli_sign_pdf_asks_the_passphrase(setup, monkeypatch, capsys):
    folder, pdf, certs = setup
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSPHRASE.decode())
    out = folder / "cli-ttd.pdf"
    assert run(["sign-pdf", str(pdf), "--p12", str(certs.p12), str(out)]) == 0
    assert asked == [f"Kata sandi sertifikat {certs.p12.name}: "]
    assert "PDF ditandatangani oleh dr. Noor Ifansyah" in capsys.readouterr().out
    assert run(["verify", "--ca", str(certs.ca_pem), str(out)]) == 0
    assert "berantai ke sertifikat akar tepercaya" in capsys.readouterr().out
    monkeypatch.setattr("getpass.getpass", lambda prompt: "keliru")
    assert run(["sign-pdf", str(pdf), "--p12", str(certs.p12), str(folder / "y.pdf")]) == 1
    assert "Kata sandi salah" in capsys.readouterr().err
