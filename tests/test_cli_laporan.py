"""`ksd-desktop demo` then `ksd-desktop recap`: Banjar's published 2024 figures, exactly (issue 14)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ksd_desktop.cli import run
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import SettingsRepository


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("laporan") / "demo.sqlite3"
    assert run(["demo", "--db", str(path)]) == 0
    return path


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_demo_then_recap_gives_banjar_2024(demo_path, tmp_path, capsys):
    out = tmp_path / "laporan-2024.pdf"
    assert run(["recap", "--db", str(demo_path), "--year", "2024", str(out)]) == 0
    text = text_of(out)
    for needle in (
        "27 dari 27",
        "156 usulan kerja sama",
        "125 usulan (80,1 %) sesuai kriteria",
        "31 usulan (19,9 %) tidak sesuai",
        "46,4 % Sinergi (58), 38,4 % KSDPK (48) dan 15,2 % KSDD (19)",
        "Seluruh 27 perangkat daerah telah menyampaikan usulan",
        "20 Februari 2024",
        "8 Agustus 2024",
    ):
        assert needle in text, needle
    xlsx = load_workbook(run_xlsx(demo_path, tmp_path))
    values = {row[0].value: row for row in xlsx["Ringkasan"].iter_rows() if row[0].value}
    assert [
        values[k][2].value
        for k in (
            "Sinergi Program Pembangunan Pusat dan Daerah",
            "Kerja Sama Daerah dengan Pihak Ketiga",
            "Kerja Sama Daerah dengan Daerah Lain",
        )
    ] == [46.4, 38.4, 15.2]
    assert values["Usulan kerja sama"][1].value == 156 and values["Sesuai kriteria"][1].value == 125
    assert values["Tidak sesuai"][1].value == 31
    assert "Rincian" in xlsx.sheetnames


def run_xlsx(path, tmp_path):
    out = tmp_path / "rekap.xlsx"
    assert run(["recap", "--db", str(path), "--year", "2024", str(out)]) == 0
    return out


def test_2025_drafts_count_as_not_submitted(demo_path, tmp_path):
    out = tmp_path / "laporan-2025.pdf"
    assert run(["recap", "--db", str(demo_path), "--year", "2025", str(out)]) == 0
    text = text_of(out)
    assert "0 dari 27" in text and "Formulir masih draf, belum ditandatangani (2 usulan)" in text


def test_f4_tte_and_signatories_from_the_command_line(demo_path, tmp_path):
    db = open_database(demo_path)
    SettingsRepository(db).set_many({"paper_size": "F4", "tte_mode": True})
    db.close()
    out = tmp_path / "f4.pdf"
    try:
        assert (
            run(
                [
                    "recap",
                    "--db",
                    str(demo_path),
                    "--year",
                    "2024",
                    "--nomor",
                    "000.1/45/Pem",
                    "--mengetahui",
                    "ya",
                    "--mengetahui-awalan",
                    "Pj.",
                    "--mengetahui-nama",
                    "Drs. H. M. Hilman, M.Si.",
                    "--mengetahui-nip",
                    "197001011995031001",
                    str(out),
                ]
            )
            == 0
        )
    finally:
        db = open_database(demo_path)
        SettingsRepository(db).set_many({"paper_size": "A4", "tte_mode": False})
        db.close()
    reader = PdfReader(out)
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (215, 330)
    text = text_of(out)
    assert "Nomor: 000.1/45/Pem" in text and "Mengetahui," in text and "Pj. SEKRETARIS DAERAH" in text
    assert "H. M. Hilman" in text and "Drs. H. M. Hilman" not in text and "19700101 199503 1 001" not in text
    assert text.count("Balai Sertifikasi Elektronik (BSrE), BSSN") == len(reader.pages)
    assert "Ditandatangani secara elektronik oleh:" in text
    a4 = tmp_path / "a4.pdf"
    assert run(["recap", "--db", str(demo_path), "--year", "2024", str(a4)]) == 0
    assert "BSrE" not in text_of(a4)  # the footer only in TTE mode
