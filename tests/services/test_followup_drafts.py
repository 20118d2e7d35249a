"""Drafts of the next documents: DOCX read back with python-docx, the proposal's facts present."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from ksd_desktop.services.followup.drafts import DraftError, write_draft
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form, make_partner, make_proposal, sign_fields


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def proposal(db):
    proposal = make_proposal(
        legal_basis="Permenkes 1/2020\x07",
        program="Program Pemenuhan Upaya Kesehatan",
        potential="RSUD memiliki ruang rawat anak 24 tempat tidur.",
    )
    form = sign_fields(make_form([proposal]))
    FormRepository(db).save(form)
    return proposal


def test_kak_is_prefilled_from_the_proposal(db, proposal, tmp_path):
    path = write_draft(db, proposal.uuid, "kak", tmp_path / "kak.docx")
    document = docx.Document(str(path))
    text = all_text(document)
    for expected in (
        proposal.problem,
        "Pendayagunaan dokter spesialis".lower(),
        "Waktu tunggu layanan spesialis",
        "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah",
        "Permenkes 1/2020",
        "Universitas Lambung Mangkurat",
        "Pembiayaan ditanggung bersama",
        "PEMERINTAH KABUPATEN BANJAR",
        "DINAS KESEHATAN",
        "dr. Noor Ifansyah, M.Kes.",
        "NIP 19700101 199503 1 001",
        "F. PARA PIHAK DAN PERAN PARA PIHAK",
        "RSUD memiliki ruang rawat anak",
    ):
        assert expected in text, expected
    assert "\x07" not in text
    highlighted = [
        r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert highlighted and all(h.startswith("[isi:") for h in highlighted)
    assert f"ksd-proposal:{proposal.uuid}" in document.core_properties.keywords


def test_offer_letter_in_the_naskah_dinas_manner(db, proposal, tmp_path):
    document = docx.Document(str(write_draft(db, proposal.uuid, "surat_penawaran", tmp_path / "surat.docx")))
    text = all_text(document)
    for expected in (
        "BUPATI BANJAR",
        "Nomor",
        "Sifat",
        ": Biasa",
        "Lampiran",
        ": 1 (satu) berkas",
        "Hal",
        "Penawaran Kerja Sama Pendayagunaan dokter spesialis",
        "Yth. Rektor Universitas Lambung",
        "Tembusan:",
        "Gubernur Kalimantan Selatan",
        "Ketua DPRD Kabupaten Banjar",
        "RENCANA KERJA SAMA",
        "Martapura, [isi: tanggal]",
        proposal.problem,
        "Peran para pihak",
    ):
        assert expected in text, expected


def test_feasibility_outline_only_for_ksdpk(db, proposal, tmp_path):
    document = docx.Document(str(write_draft(db, proposal.uuid, "studi_kelayakan", tmp_path / "sk.docx")))
    text = all_text(document)
    for expected in (
        "STUDI KELAYAKAN",
        "BAB III KAJIAN KELAYAKAN",
        "3.2 Aspek Ekonomi dan Keuangan",
        "LEMBAR PENGESAHAN",
        "Kerja sama penyediaan pelayanan publik".split()[-1],
        proposal.problem,
    ):
        assert expected in text, expected
    other = make_proposal(
        seq=2,
        kind="SINERGI",
        ksdpk_form=None,
        partners=[make_partner(name="Kementerian Kesehatan", category="kementerian_lembaga")],
    )
    form = FormRepository(db).get(proposal.form_uuid)
    form.proposals.append(other)
    FormRepository(db).save(form)
    with pytest.raises(DraftError):
        write_draft(db, other.uuid, "studi_kelayakan", tmp_path / "no.docx")
    with pytest.raises(DraftError):
        write_draft(db, proposal.uuid, "kak", tmp_path / "kak.pdf")
    assert not (tmp_path / "no.docx").exists()
