"""Form layout 1 as issues 13 and 14 decided it: A4/F4 paper and the TTE BSrE mode recorded in the
render block, the agency's own kop and logo, the Permendagri 1/2023 Pasal 44 signature block, the
citations, the shared letterhead, and nothing printed within 8 mm of the paper's edge."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from ksd_desktop.domain import law
from ksd_desktop.domain.letterhead import AgencyLetterhead
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.pdf.verify import Verdict, verify_pdf
from ksd_desktop.services.signoff import Signer, sign_form
from ksd_desktop.storage.letterheads import LetterheadRepository
from ksd_desktop.storage.repositories import FormRepository, SettingsRepository
from tests.conftest import TODAY, make_form, make_partner, make_proposal
from tests.services import pdf_corpus
from tests.services.test_signoff import SIGNER

EXPORTED_AT = "2024-08-08T02:30:00Z"
F4_POINTS = (215 * 72 / 25.4, 330 * 72 / 25.4)


def png(path, size, colour):
    from PIL import Image

    Image.new("RGB", size, colour).save(path)
    return path


@pytest.fixture
def dinkes(db):
    """A signed Dinkes form: a KSDPK and a KSDD wajib proposal."""
    form = make_form(
        proposals=[
            make_proposal(1),
            make_proposal(
                2,
                kind="KSDD",
                ksdd_category="wajib",
                ksdpk_form=None,
                object="Rujukan terpadu",
                externality="Pasien Gambut dirujuk ke Banjarbaru.",
                partners=[make_partner(name="Pemerintah Kota Banjarbaru", category="pemda", region_code="63.72")],
            ),
        ]
    )
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    return db


def export(db, tmp_path, name="f.pdf", agency="DINKES", **settings):
    SettingsRepository(db).set_many(settings)
    return export_form_pdf(db, agency, 2024, tmp_path / name, exported_at=EXPORTED_AT)


def texts(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def with_render(path, tmp_path, **changes):
    """The PDF with its render block changed (the content and its hash untouched)."""
    data = path.read_bytes()
    payload = pdf_corpus.payload_of(data)
    payload["render"].update(changes)
    out = tmp_path / "diubah.pdf"
    out.write_bytes(pdf_corpus.with_attachment(data, json.dumps(payload, ensure_ascii=False).encode("utf-8")))
    return out


def test_f4_paper_is_recorded_and_a_changed_paper_is_altered(dinkes, tmp_path):
    path = export(dinkes, tmp_path, paper_size="F4")
    reader = PdfReader(path)
    assert all(
        tuple(float(v) for v in page.mediabox[2:]) == pytest.approx(F4_POINTS, abs=0.01) for page in reader.pages
    )
    assert pdf_corpus.payload_of(path.read_bytes())["render"]["paper"] == "F4"
    assert verify_pdf(path).verdict == Verdict.INTACT
    forged = verify_pdf(with_render(path, tmp_path, paper="A4"))
    assert forged.verdict == Verdict.ALTERED and forged.changed_pages == list(range(1, len(reader.pages) + 1))
    assert verify_pdf(with_render(path, tmp_path, paper="Letter")).verdict == Verdict.DAMAGED


def test_tte_mode_reserves_the_space_prints_the_bsre_footer_and_is_recorded(dinkes, tmp_path):
    plain_pdf = export(dinkes, tmp_path, "biasa.pdf")
    tte_pdf = export(dinkes, tmp_path, "tte.pdf", tte_mode=True)
    plain_pages, tte_pages = texts(plain_pdf), texts(tte_pdf)
    assert not any("secara elektronik" in page for page in plain_pages)
    assert all(law.TTE_FOOTER in page and "UU ITE" in page for page in tte_pages)  # every page
    assert "KABUPATEN BANJAR, Ditandatangani secara elektronik oleh: dr. Noor Ifansyah, M.Kes." in tte_pages[-1]
    assert pdf_corpus.payload_of(tte_pdf.read_bytes())["render"]["tte"] is True
    assert verify_pdf(tte_pdf).verdict == Verdict.INTACT
    forged = verify_pdf(with_render(tte_pdf, tmp_path, tte=False))
    assert forged.verdict == Verdict.ALTERED and 1 in forged.changed_pages
    assert verify_pdf(with_render(tte_pdf, tmp_path, tte="ya")).verdict == Verdict.DAMAGED


def test_a_draft_in_tte_mode_claims_no_electronic_signature(db, tmp_path):
    FormRepository(db).save(make_form(proposals=[make_proposal(1)]))
    pages = texts(export(db, tmp_path, tte_mode=True))
    assert "Ditandatangani secara elektronik oleh:" in pages[-1] and not any(law.TTE_FOOTER in p for p in pages)


def test_the_agencys_kop_and_both_logos_are_printed_and_recorded(dinkes, tmp_path):
    lambang = png(tmp_path / "lambang.png", (90, 110), (20, 110, 60))
    logo = png(tmp_path / "logo.png", (100, 100), (20, 90, 160))
    LetterheadRepository(dinkes).save_many(
        [
            AgencyLetterhead(
                "DINKES",
                "Jl. Sukaramai No. 5, Martapura 70614",
                "(0511) 4721234",
                "dinkes@banjarkab.go.id",
                "dinkes.banjarkab.go.id",
                str(logo),
            )
        ]
    )
    path = export(dinkes, tmp_path, logo_path=str(lambang))
    first = texts(path)[0]
    assert (
        "PEMERINTAH KABUPATEN BANJAR DINAS KESEHATAN Jl. Sukaramai No. 5, Martapura 70614 Telepon (0511) "
        "4721234, Laman dinkes.banjarkab.go.id, Pos-el dinkes@banjarkab.go.id FORMULIR PEMETAAN"
    ) in first
    render = pdf_corpus.payload_of(path.read_bytes())["render"]
    import base64

    assert base64.b64decode(render["agency_logo"]["data"]) == logo.read_bytes()
    assert base64.b64decode(render["logo"]["data"]) == lambang.read_bytes()
    assert len(PdfReader(path).pages[0]["/Resources"]["/XObject"]) == 2
    assert verify_pdf(path).verdict == Verdict.INTACT
    logo.unlink()  # verification needs nothing of this computer
    assert verify_pdf(path).verdict == Verdict.INTACT
    dropped = verify_pdf(with_render(path, tmp_path, agency_logo=None))
    assert dropped.verdict == Verdict.ALTERED and dropped.changed_pages == [1]
    bogus = {"mime": "image/png", "data": base64.b64encode(b"bukan gambar").decode()}
    assert verify_pdf(with_render(path, tmp_path, agency_logo=bogus)).verdict == Verdict.DAMAGED


@pytest.mark.parametrize(("status", "settings"), [("signed", {"tte_mode": True}), ("draft", {"paper_size": "F4"})])
def test_nothing_is_printed_within_8_mm_of_the_paper_edge(db, tmp_path, status, settings):
    """Office printers leave a margin unprinted: the QR code, footers and watermark stay inside it."""
    pdfium = pytest.importorskip("pypdfium2")
    form = make_form(proposals=[make_proposal(i) for i in range(1, 4)])
    FormRepository(db).save(form)
    if status == "signed":
        sign_form(db, form.uuid, SIGNER, today=TODAY)
    path = export(db, tmp_path, logo_path=str(png(tmp_path / "l.png", (300, 300), (0, 0, 0))), **settings)
    scale = 2  # 144 dpi
    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=scale, grayscale=True).to_pil().convert("L")
            edge = int(7.5 * mm * scale)  # 8 mm, less half a millimetre of anti-aliasing
            w, h = image.size
            for box in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h)):
                assert image.crop(box).getextrema()[0] == 255, (status, index + 1, box)
    finally:
        document.close()


def test_a_pj_sekretaris_daerah_writes_no_gelar_nip_or_pangkat(db, tmp_path):
    form = make_form(agency_code="SETDA", proposals=[make_proposal(1)])
    FormRepository(db).save(form)
    sign_form(
        db,
        form.uuid,
        Signer(
            name="Dr. H. Mokhamad Hilman, S.STP., M.Si.",
            nip="19760101 199512 1 001",
            rank="Pembina Utama Muda (IV/c)",
            position="Sekretaris Daerah",
            place="Martapura",
            date="2024-08-08",
            prefix="Pj.",
        ),
        today=TODAY,
    )
    last = texts(export(db, tmp_path, agency="SETDA"))[-1]
    assert "Pj. SEKRETARIS DAERAH KABUPATEN BANJAR, H. Mokhamad Hilman Formulir" in last
    assert "NIP" not in last and "Pembina" not in last and "M.Si." not in last


def test_regulations_are_named_in_full_once_and_cited_where_the_form_relies_on_them(dinkes, tmp_path):
    body = " ".join(texts(export(dinkes, tmp_path)))
    assert body.count(law.full_name("PP28_2018")) == 1 and body.count(law.full_name("PERMENDAGRI22_2020")) == 1
    assert "diwajibkan bagi daerah yang akan melaksanakan kerja sama wajib" in body
    assert "peraturan perundang-undangan (PP 28/2018, ketentuan objek kerja sama)" in body
    assert "KSDPK – Kerja Sama Daerah dengan Pihak Ketiga Pasal 1 angka 3 PP 28/2018; Permendagri 22/2020" in body
    assert "No. Urusan Objek Kerja Sama Permasalahan / Kebutuhan Jenis Calon Mitra" in body
    assert "Sidik isi" not in body and "Pasal 363" not in body


def test_the_footer_names_the_exporting_laptops_kode_perangkat_and_verify_reports_it(dinkes, tmp_path):
    from ksd_desktop.services.exchange.keys import own_device_code

    code = own_device_code(dinkes)
    path = export(dinkes, tmp_path)
    assert all(f"Kode perangkat: {code}" in page for page in texts(path))  # every page's footer
    assert pdf_corpus.payload_of(path.read_bytes())["render"]["device_code"] == code
    report = verify_pdf(path)
    assert report.verdict == Verdict.INTACT and report.device_code == code
    assert any(code in line for line in report.summary_lines())
    forged = verify_pdf(with_render(path, tmp_path, device_code="AAAA-BBBB"))
    assert forged.verdict == Verdict.ALTERED  # another laptop's code over this laptop's pages
    assert verify_pdf(with_render(path, tmp_path, device_code="<script>")).verdict == Verdict.DAMAGED
