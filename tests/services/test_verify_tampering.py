"""Verification against a corpus of tampered PDFs built here (pypdf, pyHanko, our renderer).

Each class of tampering from issue 9 must give the verdict a person needs: TELAH DIUBAH
(naming the pages) when what the pages say differs from the signed data or something but a
signature was added, RUSAK for files that cannot be read reliably, UTUH for a genuine export
with or without a later PDF signature, and BERBEDA against a database for a coherent forgery.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import NameObject

from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.pdf.sign import sign_pdf
from ksd_desktop.services.pdf.trust import load_certificate_file
from ksd_desktop.services.pdf.verify import Record, Verdict, verify_pdf
from ksd_desktop.storage.database import open_database
from tests.fixtures.make_fixtures import CUSTOM_KOP, signed_database
from tests.services import pdf_corpus as corpus
from tests.services.pdf_corpus import EXPORTED_AT, PASSPHRASE


@dataclass
class Corpus:
    folder: Path
    db_path: Path
    genuine: bytes
    other: bytes
    certs: corpus.Certificates

    def write(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path

    def signed(self) -> bytes:
        """The genuine export signed with ``sign_pdf`` (stamp in the TTE space)."""
        src, out = self.write("asli.pdf", self.genuine), self.folder / "asli-tte.pdf"
        if not out.exists():
            sign_pdf(src, self.certs.p12, PASSPHRASE, out)
        return out.read_bytes()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> Corpus:
    folder = tmp_path_factory.mktemp("tamper")
    db = signed_database(folder, CUSTOM_KOP)
    try:
        genuine = export_form_pdf(db, "DINKES", 2024, folder / "dinkes.pdf", exported_at=EXPORTED_AT).read_bytes()
    finally:
        db.close()
    return Corpus(
        folder,
        folder / "fixture.sqlite3",
        genuine,
        corpus.forged_export(genuine, _other_agency),
        corpus.make_certificates(folder),
    )


def _other_agency(content, payload=None):
    """Another agency's signed form: same layout, other agency, PIC and problems."""
    content["agency_code"] = "DISDIK"
    content["pic_name"] = "Ahmad Fauzi"
    for proposal in content["proposals"]:
        proposal["problem"] = "Kekurangan guru matematika di SMP negeri kecamatan terpencil."


def check(pdfs: Corpus, name: str, data: bytes, **kw):
    return verify_pdf(pdfs.write(name, data), **kw)


def priority_low(content):
    content["proposals"][0]["priority"] = "rendah"


def pic_renamed(content):
    content["pic_name"] = "Budi Santoso"


# ---------------------------------------------------------------------------- genuine files


def test_genuine_export_is_intact(pdfs):
    report = check(pdfs, "asli.pdf", pdfs.genuine)
    assert report.verdict == Verdict.INTACT and report.ok, report.reasons
    assert report.reasons == [] and report.updates == [] and report.layout_version == 1
    assert report.record == Record.NOT_CHECKED


def test_genuine_export_signed_in_the_tte_space_is_intact(pdfs):
    report = check(pdfs, "tte.pdf", pdfs.signed())
    assert report.verdict == Verdict.INTACT and report.ok, report.reasons
    [signature] = report.signatures
    assert signature.intact and signature.whole_file and not signature.broken and not signature.trusted
    assert report.updates == ["pembaruan ke-1: tanda tangan PDF «TTE_KSD_Desktop»"]


def test_a_signature_chaining_to_an_installed_anchor_is_trusted(pdfs):
    data = pdfs.signed()
    trusted = check(pdfs, "tte.pdf", data, anchors=load_certificate_file(pdfs.certs.ca_pem))
    assert trusted.signatures[0].trusted and trusted.trusted_signers and trusted.ok
    other = check(pdfs, "tte.pdf", data, anchors=load_certificate_file(pdfs.certs.other_ca_pem))
    assert not other.signatures[0].trusted and "tidak dapat dipastikan" in " ".join(other.signer_lines())


def _pypdf_repack(data: bytes) -> bytes:
    def edit(writer):
        for page in writer.pages:
            page.compress_content_streams()
        writer.compress_identical_objects()

    return corpus.rewrite(data, edit)


@pytest.mark.parametrize(
    "how",
    ["pypdf", "--object-streams=generate", "--linearize", "--qdf", "--normalize-content=y", "--stream-data=uncompress"],
)
def test_repackaging_does_not_matter(pdfs, how, tmp_path):
    """Object numbers, compression, object streams, linearization, content whitespace."""
    if how == "pypdf":
        data = _pypdf_repack(pdfs.genuine)
    else:
        import shutil
        import subprocess

        if shutil.which("qpdf") is None:
            pytest.skip("qpdf is not installed")
        source = pdfs.write("asli.pdf", pdfs.genuine)
        subprocess.run(["qpdf", how, str(source), str(tmp_path / "q.pdf")], check=True)
        data = (tmp_path / "q.pdf").read_bytes()
    report = check(pdfs, "dikemas-ulang.pdf", data)
    assert report.verdict == Verdict.INTACT and report.ok, (how, report.reasons)


def test_invisible_pyhanko_signature_like_bsre_keeps_intact(pdfs):
    report = check(pdfs, "bsre.pdf", corpus.sign_with_pyhanko(pdfs.genuine, pdfs.certs))
    assert report.verdict == Verdict.INTACT and report.ok, report.reasons
    assert report.signatures[0].field == "TTE_BSrE"


# ---------------------------------------------------------------------------- what the pages say


@pytest.mark.parametrize(
    ("case", "build", "marker"),
    [
        ("prioritas Tinggi→Rendah", lambda d: corpus.altered_pages(d, priority_low), "Usulan 1:"),
        ("nama PIC", lambda d: corpus.altered_pages(d, pic_renamed), "A. IDENTITAS"),
        ("teks di aliran isi", lambda d: corpus.edit_text_bytes(d, 0), "A. IDENTITAS"),
        ("kotak putih", lambda d: corpus.rewrite(d, lambda w: corpus.white_box(w, 1)), 2),
        ("kotak putih (pembaruan)", lambda d: corpus.incremental(d, lambda w: corpus.white_box(w, 1)), 2),
        ("CropBox menyembunyikan tabel", lambda d: corpus.rewrite(d, lambda w: corpus.crop_box(w, 0)), "A. IDENTITAS"),
    ],
)
def test_pages_that_say_something_else_are_altered(pdfs, case, build, marker):
    data = build(pdfs.genuine)
    report = check(pdfs, "diubah.pdf", data)
    assert report.verdict == Verdict.ALTERED and not report.ok, case
    page = marker if isinstance(marker, int) else corpus.page_with(pdfs.genuine, marker) + 1
    assert page in report.changed_pages, (case, report.changed_pages, report.reasons)
    assert any(f"Halaman {page}" in r for r in report.reasons)


def test_the_same_edit_as_an_incremental_update_is_altered_and_named(pdfs):
    forged = corpus.altered_pages(pdfs.genuine, priority_low)
    index = corpus.page_with(pdfs.genuine, "Usulan 1:")
    source = PdfReader(io.BytesIO(forged)).pages[index]

    def edit(writer):
        page = writer.pages[index]
        page[NameObject("/Contents")] = writer._add_object(source["/Contents"].get_object().clone(writer))
        page[NameObject("/Resources")] = source["/Resources"].clone(writer)

    report = check(pdfs, "inkremental.pdf", corpus.incremental(pdfs.genuine, edit))
    assert report.verdict == Verdict.ALTERED and index + 1 in report.changed_pages
    assert report.updates == ["pembaruan ke-1: perubahan yang bukan tanda tangan"]
    assert any("Pembaruan ke-1" in r and "halaman" in r for r in report.reasons)


@pytest.mark.parametrize(
    ("case", "edit", "words"),
    [
        ("anotasi", lambda w: corpus.free_text(w, 0), "anotasi tambahan (FreeText)"),
        ("halaman ditambah", lambda w: w.add_blank_page(), "Jumlah halaman {more}"),
        ("halaman dihapus", lambda w: w.remove_page(1), "Jumlah halaman {fewer}"),
        ("OpenAction JavaScript", corpus.open_action_js, "tindakan otomatis saat dokumen dibuka"),
        ("pohon nama JavaScript", corpus.javascript_names, "JavaScript ditambahkan"),
        ("judul dokumen", lambda w: w.add_metadata({"/Title": "Formulir Dinas Lain"}), "Judul dokumen"),
    ],
)
@pytest.mark.parametrize("how", ["ditulis ulang", "pembaruan inkremental"])
def test_additions_are_altered(pdfs, case, edit, words, how):
    build = corpus.rewrite if how == "ditulis ulang" else corpus.incremental
    report = check(pdfs, "tambahan.pdf", build(pdfs.genuine, edit))
    assert report.verdict == Verdict.ALTERED and not report.ok, (case, how)
    pages = len(PdfReader(io.BytesIO(pdfs.genuine)).pages)
    words = words.format(more=pages + 1, fewer=pages - 1)
    assert any(words in r for r in report.reasons), (case, how, report.reasons)


@pytest.mark.parametrize("replace", [False, True])
def test_another_agencys_pages_before_our_last_page_are_altered(pdfs, replace):
    report = check(pdfs, "campuran.pdf", corpus.other_pages_in_front(pdfs.genuine, pdfs.other, replace=replace))
    assert report.verdict == Verdict.ALTERED
    assert 1 in report.changed_pages or any("Jumlah halaman" in r for r in report.reasons)


# ---------------------------------------------------------------------------- signatures


def test_content_appended_after_a_signature_is_altered(pdfs):
    data = corpus.incremental(pdfs.signed(), lambda w: corpus.white_box(w, 1))
    report = check(pdfs, "sesudah-tte.pdf", data)
    assert report.verdict == Verdict.ALTERED and not report.ok
    [signature] = report.signatures
    assert not signature.whole_file and signature.broken
    assert any("Pembaruan ke-2" in r for r in report.reasons)


def test_bytes_edited_inside_the_signed_range_break_the_signature(pdfs):
    report = check(pdfs, "byte.pdf", corpus.flip_signed_byte(pdfs.signed()))
    assert report.verdict != Verdict.INTACT and not report.ok
    assert report.signatures and report.signatures[0].broken and not report.signatures[0].intact


def test_a_visible_signature_over_the_form_text_is_altered(pdfs):
    data = corpus.sign_with_pyhanko(pdfs.genuine, pdfs.certs, box=(80, 560, 520, 700))  # over a table
    report = check(pdfs, "stempel.pdf", data)
    assert report.verdict == Verdict.ALTERED
    assert any("menutupi isi formulir" in r for r in report.reasons)


def test_a_visible_signature_on_blank_paper_keeps_intact(pdfs):
    data = corpus.sign_with_pyhanko(pdfs.genuine, pdfs.certs, box=(300, 110, 520, 190))  # below the block
    report = check(pdfs, "stempel-kosong.pdf", data)
    assert report.verdict == Verdict.INTACT and report.ok, report.reasons


def test_the_second_look_sees_what_pdfium_draws(pdfs):
    """The pixel comparison on its own: another PDF as the 'file' differs on the edited page."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from ksd_desktop.services.pdf.pages import read_view
    from ksd_desktop.services.pdf.pixels import compare_pixels

    altered = corpus.altered_pages(pdfs.genuine, pic_renamed)
    view = read_view(PdfFileReader(io.BytesIO(pdfs.genuine), strict=True))
    found = compare_pixels(altered, pdfs.genuine, view, None)
    assert [d.page for d in found] == [1] and found[0].kind == "pixels"
    assert compare_pixels(pdfs.genuine, pdfs.genuine, view, None) == []


# ---------------------------------------------------------------------------- forgery and the record


def test_coherent_forgery_is_intact_alone_but_different_from_the_record(pdfs):
    forged = corpus.forged_export(pdfs.genuine, priority_low)
    alone = check(pdfs, "palsu.pdf", forged)
    assert alone.verdict == Verdict.INTACT and alone.record == Record.NOT_CHECKED
    assert "tidak dapat dipastikan" in " ".join(alone.signer_lines())
    db = open_database(pdfs.db_path, create=False)
    try:
        against = check(pdfs, "palsu.pdf", forged, db=db)
        genuine = check(pdfs, "asli.pdf", pdfs.genuine, db=db)
    finally:
        db.close()
    assert against.verdict == Verdict.INTACT and against.record == Record.DIFFERENT and not against.ok
    assert any("Prioritas" in n and "Tinggi" in n and "Rendah" in n for n in against.record_notes)
    assert genuine.record == Record.MATCH and genuine.ok


# ---------------------------------------------------------------------------- damaged and hostile files


def test_a_file_that_needs_repair_is_damaged(pdfs):
    data = pdfs.genuine
    at = data.rindex(b"startxref")
    broken = data[:at] + b"startxref\n12345\n%%EOF\n"
    report = check(pdfs, "rusak.pdf", broken)
    assert report.verdict == Verdict.DAMAGED and "rusak" in report.reasons[0]


def test_a_huge_mediabox_is_refused(pdfs):
    report = check(pdfs, "raksasa.pdf", corpus.huge_mediabox(pdfs.genuine))
    assert report.verdict == Verdict.DAMAGED and "ukuran halamannya tidak wajar" in report.reasons[0]


@pytest.mark.parametrize(
    ("raw", "verdict"),
    [
        (b'{"format": "ksd-desktop/form", "content": ' + b"[" * 5000 + b"]" * 5000 + b"}", Verdict.DAMAGED),
        (
            json.dumps({"format": "ksd-desktop/form", "status": "signed", "content": {"pic_name": "\ud800"}}).encode(),
            Verdict.FOREIGN,
        ),
        (b'{"format": "ksd-desktop/form", "content": {"pic_name": "\xff\xfe"}}', Verdict.FOREIGN),
        (b" " * 5_000_000, Verdict.DAMAGED),
    ],
)
def test_hostile_attachments_get_a_clear_verdict(pdfs, raw, verdict):
    report = check(pdfs, "lampiran.pdf", corpus.with_attachment(pdfs.genuine, raw))
    assert report.verdict == verdict and report.reasons and not report.ok


def test_a_self_drawing_xobject_gives_a_verdict(pdfs):
    report = check(pdfs, "rekursi.pdf", corpus.rewrite(pdfs.genuine, corpus.recursive_xobject))
    assert report.verdict == Verdict.ALTERED and 1 in report.changed_pages


def test_an_encrypted_pdf_is_refused(pdfs):
    def encrypt(writer):
        writer.encrypt("", "pemilik")

    report = check(pdfs, "terkunci.pdf", corpus.rewrite(pdfs.genuine, encrypt))
    assert report.verdict in (Verdict.DAMAGED, Verdict.FOREIGN) and not report.ok
