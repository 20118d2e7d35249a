"""The monev report: figures per kind and agency, PDF and XLSX read back."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ksd_desktop.services.followup.monev import MonevCancelled, MonevError, build_monev, write_monev
from tests.services.followup_data import TODAY, build_year


def test_figures_count_reached_steps(db):
    build_year(db)
    fig = build_monev(db, 2024, today=TODAY)
    assert (fig.proposals, fig.sesuai, fig.with_steps, fig.reached_agreement, fig.reached_pks, fig.not_pursued) == (
        5,
        4,
        3,
        1,
        1,
        1,
    )
    ksdd = next(k for k in fig.kinds if k.kind == "KSDD")
    reached = {c.key: c.reached for c in ksdd.steps}
    assert reached["penawaran"] == reached["ksb"] == reached["pks"] == 1 and reached["persetujuan_dprd"] == 0
    ksdpk = next(k for k in fig.kinds if k.kind == "KSDPK")
    assert ksdpk.proposals == 2 and ksdpk.not_pursued == 1  # the tidak sesuai proposal is not counted
    assert fig.stale == 2  # SINERGI: no step since August 2024; the KAK of November 2024 is 7 months old
    assert [a.number for a in fig.agreements] == ["658/01/KSB/2024", "658/04/PKS/2025"]
    assert [a.number for a in fig.expiring] == ["12/MOU/2020"]  # ends 31 August 2025
    dpupr = next(a for a in fig.agencies if a.code == "PUPRP")
    assert (dpupr.proposals, dpupr.pks, dpupr.stale) == (2, 1, 1)


def test_pdf_and_xlsx(db, tmp_path):
    out = tmp_path / "out"
    build_year(db)
    pdf = write_monev(db, 2024, out / "monev.pdf", today=TODAY)
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "LAPORAN MONITORING DAN EVALUASI",
        "TAHUN 2024",
        "B. TAHAPAN YANG DICAPAI",
        "658/04/PKS/2025",
        "12/MOU/2020",
        "Penanganan banjir Sungai Martapura",
        "LAMPIRAN",
        "Halaman 1 dari",
    ):
        assert expected in text, expected
    book = load_workbook(write_monev(db, 2024, out / "monev.xlsx", today=TODAY))
    assert book.sheetnames == [
        "Ringkasan",
        "Tahapan per Jenis",
        "Perangkat Daerah",
        "Usulan",
        "Perjanjian",
        "Berakhir 12 Bulan",
    ]
    assert book["Ringkasan"]["B4"].value == 5
    assert book["Berakhir 12 Bulan"]["C2"].value == "12/MOU/2020"
    assert book["Tahapan per Jenis"]._charts


def test_bad_suffix_and_cancel_leave_no_file(db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(MonevError):
        write_monev(db, 2024, out / "monev.doc")
    with pytest.raises(MonevCancelled):
        write_monev(db, 2024, out / "monev.pdf", cancelled=lambda: True)
    assert list(out.iterdir()) == []


def test_laporan_of_the_next_year_reports_the_follow_up(db, tmp_path):
    from ksd_desktop.services.recap.writer import write_recap
    from ksd_desktop.storage.repositories import FormRepository
    from tests.conftest import make_form

    build_year(db)
    FormRepository(db).save(make_form(year=2025))
    out = tmp_path / "out"
    pdf = write_recap(db, 2025, out / "laporan-2025.pdf", today=TODAY)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "H. TINDAK LANJUT HASIL PEMETAAN TAHUN SEBELUMNYA (2024)" in text
    assert "Dari 5 usulan hasil pemetaan Tahun 2024, 4 dinilai sesuai kriteria" in text
    assert "12/MOU/2020" in text  # ends within 12 months of 30 June 2025
    book = load_workbook(write_recap(db, 2025, out / "laporan-2025.xlsx", today=TODAY))
    assert book["Tindak Lanjut 2024"]["E2"].value  # the objek of the first proposal
    first = write_recap(db, 2024, out / "laporan-2024.pdf", today=TODAY)
    assert "TINDAK LANJUT HASIL PEMETAAN TAHUN SEBELUMNYA" not in " ".join(
        p.extract_text() for p in PdfReader(first).pages
    )
