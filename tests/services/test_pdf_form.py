"""The official PDF mapping form: content, embedded data, metadata, draft marks, nasty text."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from ksd_desktop import __version__
from ksd_desktop.domain.canonical import CANONICAL_VERSION, content_hash, short_hash, signed_version
from ksd_desktop.domain.signing import jabatan_lines, principal_title, shows_rank_and_nip, verification_text
from ksd_desktop.services.pdf import layout as pdf_layout
from ksd_desktop.services.pdf.form import EMBEDDED_NAME, PdfContext, build_form_pdf
from ksd_desktop.services.pdf.layout import qr_text
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form, make_partner, make_proposal, sign_fields
from tests.services.test_signoff import SIGNER

GENERATED_AT = "2024-08-08T02:30:00Z"
NASTY = "Tanda & < > “kutip” – é ‘a’ \"b\" 'c' <b>bukan tebal</b> &amp; 😀 中 \x00\x07\ttab"


def context(**overrides) -> PdfContext:
    values = {
        "agency_name": "Dinas Kesehatan",
        "region_title": "PEMERINTAH KABUPATEN BANJAR",
        "region_name": "Kabupaten Banjar",
        "letterhead_lines": ("Jl. A. Yani No. 03, Martapura, Kalimantan Selatan 70614",),
        "urusan_names": {"1.02": "Kesehatan"},
        "region_names": {"63.72": "Kota Banjarbaru"},
        "generated_at": GENERATED_AT,
    }
    values.update(overrides)
    return PdfContext(**values)


def signed(form):
    """A signed domain form (what sign_form produces), without the database."""
    sign_fields(form)
    form.status, form.content_hash = "signed", content_hash(form)
    return form


def build(form, tmp_path, name="formulir.pdf", **ctx) -> tuple[PdfReader, str]:
    path = tmp_path / name
    build_form_pdf(form, context(**ctx), path)
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def embedded(reader: PdfReader) -> dict:
    [data] = reader.attachments[EMBEDDED_NAME]
    return json.loads(data.decode("utf-8"))


def test_signed_form_from_the_database(db, tmp_path):
    proposals = [
        make_proposal(1),
        make_proposal(2, problem="Belum ada sistem rujukan terpadu antar-puskesmas.", object="Rujukan terpadu"),
    ]
    form = make_form(proposals=proposals)
    FormRepository(db).save(form)
    form = sign_form(db, form.uuid, SIGNER, today=TODAY)
    reader, text = build(form, tmp_path)
    body = flat(text)
    assert "FORMULIR PEMETAAN KERJA SAMA DAERAH" in body and "TAHUN 2024" in body
    assert "PEMERINTAH KABUPATEN BANJAR" in body and "DINAS KESEHATAN" in body and "Dinas Kesehatan" in body
    for proposal in proposals:
        assert flat(proposal.problem)[:40] in body
    assert "dr. Noor Ifansyah, M.Kes." in body and "NIP. 19700101 199503 1 001" in body
    assert "Pembina Utama Muda (IV/c)" in body and "Martapura, 8 Agustus 2024" in body
    assert "KEPALA DINAS KESEHATAN KABUPATEN BANJAR," in body
    assert "Ditandatangani" in body and "DRAF" not in body
    pages = len(reader.pages)
    assert f"Halaman 1 dari {pages}" in body and f"Halaman {pages} dari {pages}" in body
    assert f"Formulir {form.uuid[:8]}" in body and "Revisi 1" in body
    assert f"Kode verifikasi: {short_hash(form.content_hash)}" in body
    caption = verification_text(form.uuid, 1, form.content_hash)
    assert caption in body
    assert "menu Data › Periksa Keaslian PDF" in caption and "bukan tanda tangan elektronik" in caption


def test_text_reads_in_order(tmp_path):
    _, text = build(signed(make_form()), tmp_path)
    body = flat(text)
    marks = [
        "PEMERINTAH KABUPATEN BANJAR",
        "FORMULIR PEMETAAN",
        "Pemetaan urusan pemerintahan",
        "A. IDENTITAS",
        "B. DAFTAR USULAN KERJA SAMA",
        "C. URAIAN USULAN KERJA SAMA",
        "D. PENGESAHAN",
        "NIP.",
    ]
    positions = [body.index(mark) for mark in marks]
    assert positions == sorted(positions)


def test_embedded_json_round_trips_and_its_hash_matches(db, tmp_path):
    form = make_form(proposals=[make_proposal(1), make_proposal(2, object="Objek & <kedua>")])
    FormRepository(db).save(form)
    form = sign_form(db, form.uuid, SIGNER, today=TODAY)
    reader, _ = build(form, tmp_path)
    document = embedded(reader)
    assert set(document) == {
        "format",
        "format_version",
        "layout_version",
        "status",
        "content",
        "content_hash",
        "agency_name",
        "exported_at",
        "render",
    }
    assert (document["format"], document["format_version"], document["status"]) == ("ksd-desktop/form", 2, "signed")
    assert document["layout_version"] == 1
    render = document["render"]
    assert render["urusan_names"] == {"1.02": "Kesehatan"} and render["region_names"] == {}  # only what is used
    assert (render["paper"], render["logo"], render["exported_at"]) == ("A4", None, GENERATED_AT)
    assert render["app_version"] == f"KSD Desktop {__version__}" and render["region_name"] == "Kabupaten Banjar"
    assert document["agency_name"] == "Dinas Kesehatan" and document["exported_at"] == GENERATED_AT
    canonical = json.dumps(document["content"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    recomputed = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert recomputed == document["content_hash"] == form.content_hash
    assert document["content"]["uuid"] == form.uuid
    assert document["content"]["proposals"][1]["object"] == "Objek & <kedua>"
    root = reader.trailer["/Root"]
    [spec] = root["/AF"]
    assert spec.get_object()["/AFRelationship"] == "/Data"
    assert spec.get_object()["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"


def test_metadata(tmp_path):
    form = signed(make_form())
    reader, _ = build(form, tmp_path)
    meta = reader.metadata
    assert meta["/Title"] == "Formulir Pemetaan Kerja Sama Daerah Dinas Kesehatan Tahun 2024"
    assert meta["/Author"] == "Dinas Kesehatan"
    assert meta["/Subject"] == "Pemetaan Kerja Sama Daerah (PP 28/2018 Pasal 5)"
    assert meta["/Creator"] == f"KSD Desktop {__version__}"
    assert (meta["/KSDFormUUID"], meta["/KSDRevision"], meta["/KSDStatus"]) == (form.uuid, "1", "signed")
    assert meta["/KSDContentHash"] == form.content_hash
    assert meta["/CreationDate"] == "D:20240808023000Z"


def test_qr_code_holds_the_verification_text(tmp_path, monkeypatch):
    payloads = []
    original = pdf_layout.qr_code
    monkeypatch.setattr(pdf_layout, "qr_code", lambda text, size, level: payloads.append(text) or original(text, size))
    form = signed(make_form())
    form.revision = 2
    form.content_hash = content_hash(form)
    build(form, tmp_path)
    text = f"Formulir pemetaan KSD {form.uuid[:8]}, revisi 2, kode verifikasi {form.content_hash[:12]}. "
    assert payloads == [text + "Periksa keaslian di KSD Desktop."] == [qr_text(form.uuid, 2, form.content_hash)]


def test_qr_code_scans_when_a_reader_is_installed(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    pdfium = pytest.importorskip("pypdfium2")
    form = signed(make_form())
    build(form, tmp_path)
    document = pdfium.PdfDocument(str(tmp_path / "formulir.pdf"))
    try:
        image = document[len(document) - 1].render(scale=1.5).to_pil()  # 108 dpi
    finally:
        document.close()
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [qr_text(form.uuid, 1, form.content_hash)]


def test_draft_has_watermark_on_every_page_and_no_qr(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_layout, "qr_code", lambda *a: pytest.fail("a draft has no QR code"))
    form = make_form(proposals=[make_proposal(i) for i in range(1, 9)])
    reader, text = build(form, tmp_path)
    assert len(reader.pages) > 1
    for page in reader.pages:
        page_text = page.extract_text()
        assert "DRAF – BELUM DISAHKAN" in page_text and "Kode verifikasi: – (draf)" in page_text
    body = flat(text)
    assert "Kode QR verifikasi" not in body and "Draf (belum disahkan)" in body
    assert "KEPALA DINAS KESEHATAN" in body and "NIP. ....." in body  # blank lines to fill by hand
    document = embedded(reader)
    assert document["status"] == "draft" and document["content_hash"] == content_hash(form, CANONICAL_VERSION)
    meta = reader.metadata
    assert meta["/KSDStatus"] == "draft" and meta["/KSDContentHash"] == content_hash(form, CANONICAL_VERSION)


def test_draft_prints_entered_signer_values(tmp_path):
    form = sign_fields(make_form())
    _, text = build(form, tmp_path)
    body = flat(text)
    assert "Martapura, 8 Agustus 2024" in body and "NIP. 19700101 199503 1 001" in body
    assert "DRAF – BELUM DISAHKAN" in text


def test_long_form_repeats_the_table_header_and_numbers_pages(tmp_path):
    proposals = [
        make_proposal(i, problem=f"Permasalahan nomor {i}: " + "kebutuhan layanan kesehatan " * 8) for i in range(1, 61)
    ]
    reader, text = build(signed(make_form(proposals=proposals)), tmp_path)
    pages = len(reader.pages)
    assert pages > 10
    body = flat(text)
    assert f"Halaman 1 dari {pages}" in body and f"Halaman {pages} dari {pages}" in body
    assert all(f"Permasalahan nomor {i}:" in body for i in range(1, 61))
    header = "No. Urusan Objek Kerja Sama Permasalahan / Kebutuhan Jenis Calon Mitra"
    assert sum(header in flat(p.extract_text()) for p in reader.pages) >= 2  # repeated on the next page
    assert "(lanjutan)" in body


def test_form_with_text_longer_than_a_page_is_never_cut_off(tmp_path):
    words = " ".join(f"kata{i}" for i in range(900))  # ~ 7,000 characters
    form = signed(make_form(proposals=[make_proposal(1, problem=words, potential=words)]))
    _, text = build(form, tmp_path)
    body = flat(text)
    assert body.count("kata899") == 2  # problem and potential in section C (section B shortens the problem)
    assert body.count("kata450") == 2 and "kata22 kata23…" in body and "diringkas (…)" in body


NASTY_CASES = {
    "special characters": lambda: make_form(
        proposals=[
            make_proposal(
                1,
                problem="Masalah " + NASTY,
                object=NASTY,
                notes=NASTY,
                partners=[make_partner(name=NASTY, contact=NASTY)],
            )
        ],
        pic_name=NASTY,
        revision=2,
        revision_reason=NASTY,
    ),
    "5000-character problem": lambda: make_form(
        proposals=[make_proposal(1, problem=("Masalah panjang. " * 300)[:5000])]
    ),
    "300-character word": lambda: make_form(
        proposals=[
            make_proposal(
                1,
                problem="A" * 300,
                object="B" * 300,
                program="C" * 300,
                partners=[make_partner(name="D" * 300, contact="E" * 300)],
            )
        ],
        pic_email="x" * 300 + "@banjarkab.go.id",
    ),
    "60 proposals": lambda: make_form(proposals=[make_proposal(i) for i in range(1, 61)]),
    "0 proposals": lambda: make_form(proposals=[]),
    "10 partners": lambda: make_form(
        proposals=[
            make_proposal(1, partners=[make_partner(seq=i, name=f"Universitas Mitra {i}") for i in range(1, 11)])
        ]
    ),
    "empty optional fields": lambda: make_form(
        proposals=[
            make_proposal(
                1,
                partners=[],
                program=None,
                potential=None,
                rpjmd_alignment=None,
                legal_basis=None,
                existing_documents=None,
                notes=None,
                ksdpk_form=None,
                kind="",
                priority="",
                financing="",
                urusan_code="",
                benefits="",
                object="",
            )
        ],
        pic_phone=None,
        pic_email=None,
        pic_name="",
        pic_position="",
    ),
    "many lines": lambda: make_form(proposals=[make_proposal(1, problem="\n".join(["baris"] * 400))]),
}


@pytest.mark.parametrize("case", NASTY_CASES)
@pytest.mark.parametrize("status", ["draft", "signed"])
def test_nasty_text_never_breaks_the_generator(case, status, tmp_path):
    form = NASTY_CASES[case]()
    if status == "signed":
        form = signed(form)
        form.signer_name = NASTY if case == "special characters" else "X" * 400
        form.content_hash = content_hash(form)
    reader, text = build(form, tmp_path, agency_name="Dinas Kesehatan & <Lab> “Uji”")
    assert len(reader.pages) >= 1 and "Halaman 1 dari" in text
    assert embedded(reader)["content_hash"] == content_hash(form, signed_version(form))
    if case == "special characters":
        body = flat(text)
        assert "Tanda & < > “kutip” – é ‘a’ \"b\" 'c' <b>bukan tebal</b> &amp;" in body
        assert "DINAS KESEHATAN & <LAB> “UJI”" in body


def test_logo_is_optional_and_a_broken_one_is_ignored(tmp_path):
    from PIL import Image

    good = tmp_path / "logo.png"
    Image.new("RGB", (120, 150), (20, 110, 60)).save(good)
    broken = tmp_path / "rusak.png"
    broken.write_bytes(b"bukan gambar")
    form = signed(make_form())
    with_logo, _ = build(form, tmp_path, "a.pdf", logo_path=str(good))
    assert any("/XObject" in page["/Resources"] for page in with_logo.pages[:1])
    for path in (str(broken), str(tmp_path / "tidak-ada.png"), None):
        _, text = build(form, tmp_path, "b.pdf", logo_path=path)
        assert "DINAS KESEHATAN" in text


def test_pdf_is_unencrypted_unsigned_and_unrestricted(tmp_path):
    reader, _ = build(signed(make_form()), tmp_path)
    raw = (tmp_path / "formulir.pdf").read_bytes()
    assert not reader.is_encrypted and "/Encrypt" not in reader.trailer
    root = reader.trailer["/Root"]
    assert "/Perms" not in root and "/AcroForm" not in root
    assert b"/ByteRange" not in raw and b"/Sig" not in raw


def test_fonts_are_embedded(tmp_path):
    reader, _ = build(signed(make_form()), tmp_path)
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(re.sub(r"^/([A-Z]{6}\+)?", "", font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"]
    assert names and all(name.startswith("LiberationSans") for name in names)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_written_file_is_readable_by_others_like_any_document(tmp_path):
    build_form_pdf(make_form(), context(), str(tmp_path / "draf.pdf"))
    assert (tmp_path / "draf.pdf").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["draf.pdf"]  # no temporary file left


def test_writes_to_a_binary_stream(tmp_path):
    stream = io.BytesIO()
    build_form_pdf(signed(make_form()), context(), stream)
    assert stream.getvalue().startswith(b"%PDF") and EMBEDDED_NAME in PdfReader(stream).attachments


def test_signed_form_without_hash_is_refused(tmp_path):
    form = sign_fields(make_form())
    form.status = "signed"
    with pytest.raises(ValueError, match="kode verifikasi"):
        build_form_pdf(form, context(), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_signed_later_keeps_the_data(tmp_path):
    """A BSrE signature is an incremental update: our attachment and metadata survive it."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    form = signed(make_form())
    reader, _ = build(form, tmp_path)
    original = (tmp_path / "formulir.pdf").read_bytes()
    out = io.BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(original)),
        signers.PdfSignatureMetadata(field_name="TTE_BSrE"),
        signer=make_test_signer(tmp_path),
        output=out,
    )
    assert out.getvalue().startswith(original)
    after = PdfReader(out)
    assert embedded(after) == embedded(reader)
    assert after.metadata["/KSDContentHash"] == form.content_hash


def make_test_signer(tmp_path):
    """A throwaway self-signed certificate standing in for a BSrE one."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Penandatangan Uji")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=7))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = tmp_path / "uji.key", tmp_path / "uji.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return signers.SimpleSigner.load(str(key_file), str(cert_file))


@pytest.mark.parametrize(
    ("agency", "position", "prefix", "expected"),
    [
        ("Dinas Kesehatan", "Kepala Dinas Kesehatan", "", ["KEPALA DINAS KESEHATAN", "KABUPATEN BANJAR,"]),
        (
            "Dinas Kesehatan",
            "Kepala Dinas Kesehatan Kabupaten Banjar",
            "",
            ["KEPALA DINAS KESEHATAN", "KABUPATEN BANJAR,"],
        ),
        ("Dinas Kesehatan", "Sekretaris", "a.n.", ["a.n. KEPALA DINAS KESEHATAN", "KABUPATEN BANJAR", "SEKRETARIS,"]),
        ("Dinas Kesehatan", "Kepala Dinas Kesehatan", "Plt.", ["Plt. KEPALA DINAS KESEHATAN", "KABUPATEN BANJAR,"]),
        (
            "Dinas Kesehatan",
            "Kepala Bidang Pelayanan Kesehatan",
            "Plh.",
            ["Plh. KEPALA DINAS KESEHATAN", "KABUPATEN BANJAR", "KEPALA BIDANG PELAYANAN KESEHATAN,"],
        ),
        ("Sekretariat Daerah", "", "", ["SEKRETARIS DAERAH", "KABUPATEN BANJAR,"]),
        (
            "Sekretariat Daerah",
            "Asisten Pemerintahan dan Kesejahteraan Rakyat",
            "a.n.",
            ["a.n. SEKRETARIS DAERAH", "KABUPATEN BANJAR", "ASISTEN PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT,"],
        ),
        ("Inspektorat Daerah", None, "", ["INSPEKTUR DAERAH", "KABUPATEN BANJAR,"]),
    ],
)
def test_signature_block_jabatan(agency, position, prefix, expected):
    assert jabatan_lines(agency, "Kabupaten Banjar", position, prefix) == expected


def test_sekda_in_person_writes_no_rank_or_nip():
    assert principal_title("Kecamatan Martapura") == "CAMAT MARTAPURA"
    assert not shows_rank_and_nip("Sekretariat Daerah", "Kabupaten Banjar", "Sekretaris Daerah", "")
    assert shows_rank_and_nip("Sekretariat Daerah", "Kabupaten Banjar", "Sekretaris Daerah", "Plt.")
    assert shows_rank_and_nip("Dinas Kesehatan", "Kabupaten Banjar", "Kepala Dinas Kesehatan", "")


def test_importing_the_module_loads_neither_reportlab_nor_pypdf():
    code = (
        "import sys, ksd_desktop.services.pdf.form, ksd_desktop.domain.signing; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pypdf', 'PIL'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
