"""The register of agreements to and from XLSX: round trip, and hostile or careless files."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from ksd_desktop.domain.agreements import Agreement
from ksd_desktop.services.followup.agreements_xlsx import (
    AgreementImportError,
    apply_agreements_import,
    export_agreements_xlsx,
    parse_date,
    parse_term,
    read_agreements_xlsx,
)
from ksd_desktop.services.followup.register import save_agreement
from ksd_desktop.storage.followup_repo import FollowupRepository
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def register(db):
    form = make_form()
    FormRepository(db).save(form)
    pks = Agreement(
        doc_type="PKS",
        number="180/07/PKS/2025",
        title="PKS TPA Regional Banjarbakula",
        object="Pengelolaan sampah regional",
        agency_code="DINKES",
        date_signed="2025-01-20",
        term_years=30,
        parties=["Pemerintah Kabupaten Banjar", "Kementerian PUPR", "Pemerintah Kota Banjarbaru"],
        proposal_uuids=[form.proposals[0].uuid],
        note="=1+1 bukan rumus",
    )
    save_agreement(db, pks, today=TODAY)
    ksb = Agreement(
        doc_type="KSB",
        number="01/KSB/2021",
        title="KSB parkir",
        date_signed="2021-09-01",
        expires_on="2025-08-31",
        parties=["Pemerintah Kabupaten Banjar", "PT Parkir Banua"],
    )
    save_agreement(db, ksb, today=TODAY)
    return db


def test_round_trip_keeps_every_field(register, tmp_path):
    before = {a.uuid: a for a in FollowupRepository(register).agreements()}
    path = export_agreements_xlsx(register, tmp_path / "register.xlsx", today=TODAY)
    sheet = load_workbook(path).active
    assert sheet["B1"].value == "Nomor" and sheet.freeze_panes == "A2"
    assert any(c.value == "DINKES/2024/1" for c in sheet[2])
    assert any(c.value == "=1+1 bukan rumus" and c.data_type == "s" for c in sheet[2])
    preview = read_agreements_xlsx(register, path, today=TODAY)
    assert preview.problems == [] and preview.updated == 2 and preview.new == 0
    apply_agreements_import(register, preview)
    after = {a.uuid: a for a in FollowupRepository(register).agreements()}
    for uuid, old in before.items():
        new = after[uuid]
        for name in (
            "doc_type",
            "number",
            "title",
            "object",
            "parties",
            "agency_code",
            "date_signed",
            "term_years",
            "term_months",
            "expires_on",
            "status",
            "note",
            "proposal_uuids",
        ):
            assert getattr(new, name) == getattr(old, name), name


def agencies_sheet(tmp_path, rows, header=("Jenis", "Nomor Dokumen", "Tentang", "Pihak", "Tgl TTD", "Masa Berlaku")):
    workbook = Workbook()
    ws = workbook.active
    ws.append(["Register kerja sama Dinas Kesehatan"])  # a title row above the header
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    path = tmp_path / "dinas.xlsx"
    workbook.save(path)
    return path


def test_an_agency_sheet_with_its_own_headings_and_bad_cells(db, tmp_path):
    path = agencies_sheet(
        tmp_path,
        [
            (
                "Perjanjian Kerja Sama",
                "445/12/RSUD/2024",
                "Dokter spesialis",
                "Pemkab Banjar; ULM",
                dt.datetime(2024, 3, 15),
                "5 tahun",
            ),
            ("Kontrak", "9/2024", "Pengadaan", "A; B", "15/03/2024", "1 tahun"),
            ("KSB", "7/KSB/2023", "Air minum", "Pemkab Banjar; PDAM", "31/02/2023", "2 tahun"),
            ("MoU", "3/MOU/2022", "Magang", "Pemkab Banjar; Poliban", "15 Maret 2022", "sebentar"),
            (None, None, None, None, None, None),
            ("NK", "5/NK/2024", "Sinergi", "Pemkab Banjar; Kemenkes", "2024-05-02", "18 bulan"),
        ],
    )
    preview = read_agreements_xlsx(db, path, today=TODAY)
    assert [r.row for r in preview.rows] == [3, 8] and preview.skipped == 3
    assert preview.rows[0].agreement.expiry() == dt.date(2029, 3, 14)
    assert preview.rows[1].agreement.term_months == 18
    text = "\n".join(preview.problems)
    assert "Baris 4, kolom A: jenis dokumen «Kontrak» tidak dikenal" in text
    assert "Baris 5, kolom E: tanggal «31/02/2023» tidak dikenali" in text
    assert "Baris 6, kolom F: jangka waktu «sebentar» tidak dikenali" in text
    assert apply_agreements_import(db, preview) == 2
    assert len(FollowupRepository(db).agreements()) == 2


@pytest.mark.parametrize(
    "content, message",
    [
        (b"ini bukan excel", "bukan lembar kerja Excel"),
        (None, "terlalu besar bila dibuka"),
    ],
)
def test_hostile_files_get_a_clear_message(db, tmp_path, content, message):
    path = tmp_path / "jahat.xlsx"
    if content is None:  # a small file that unpacks to a huge one
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (70 * 1024 * 1024))
    else:
        path.write_bytes(content)
    with pytest.raises(AgreementImportError) as refused:
        read_agreements_xlsx(db, path)
    assert message in str(refused.value)


def test_too_large_and_headerless_files(db, tmp_path):
    big = tmp_path / "besar.xlsx"
    with big.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    with pytest.raises(AgreementImportError, match="terlalu besar"):
        read_agreements_xlsx(db, big)
    path = agencies_sheet(tmp_path, [("a", "b")], header=("Nama", "Alamat"))
    with pytest.raises(AgreementImportError, match="tidak memuat baris judul kolom"):
        read_agreements_xlsx(db, path)


def test_cell_parsers():
    assert parse_date("15/03/2024") == parse_date("2024-03-15") == parse_date("15 Maret 2024") == "2024-03-15"
    assert parse_date("15 Mar 2024") == "2024-03-15"
    assert parse_date("32/01/2024") is None and parse_date("kemarin") is None
    assert (
        parse_term("30 tahun") == (30, None) and parse_term("2 thn 6 bln") == (2, 6) and parse_term("") == (None, None)
    )
    assert parse_term("lama") is None
