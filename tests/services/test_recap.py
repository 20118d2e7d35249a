"""The year's recap: figures against hand-computed data sets, the PDF and the XLSX read back,
cancel and bad paths leave no file.

Banjar 2024 (docs/domain.md): 27 agencies took part with 156 proposals; 125
sesuai (58 Sinergi, 48 KSDPK, 19 KSDD = 46,4 %, 38,4 %, 15,2 % of 125) and 31 tidak sesuai
(12 kerja sama internal, 11 pengadaan barang/jasa, 8 swakelola). The 31 are 10 Sinergi,
15 KSDPK and 6 KSDD, so the split over all 156 is 68 / 63 / 25 = 43,6 % / 40,4 % / 16,0 %.
"""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ksd_desktop.domain.models import LABELS, ReviewRoute
from ksd_desktop.domain.recap import (
    RecapAgency,
    RecapForm,
    RecapPartner,
    RecapProposal,
    RecapRows,
    compute_recap,
    normalise_partner,
    percent,
    percent_text,
    summary_paragraphs,
)
from ksd_desktop.services.recap.context import RecapCancelled
from ksd_desktop.services.recap.writer import (
    RecapError,
    build_recap,
    write_recap,
    write_recap_pdf,
    write_recap_xlsx,
)
from ksd_desktop.services.recap.xlsx import USULAN_COLUMNS
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository, ReferenceRepository
from tests.conftest import TODAY, make_form, make_partner, make_proposal
from tests.services.test_signoff import head_of

TITLE = "LAPORAN HASIL PEMETAAN KERJA SAMA DAERAH KABUPATEN BANJAR TAHUN 2024"
ULM = "Universitas Lambung Mangkurat"

# --------------------------------------------------------------------------- data sets

#: (kind, review_status, route) of the 156 Banjar proposals, before they are dealt to agencies.
BANJAR = (
    [("SINERGI", "sesuai", None)] * 58
    + [("KSDPK", "sesuai", None)] * 48
    + [("KSDD", "sesuai", None)] * 19
    + [("SINERGI", "tidak_sesuai", "kerja_sama_internal")] * 10
    + [("KSDPK", "tidak_sesuai", "kerja_sama_internal")] * 2
    + [("KSDPK", "tidak_sesuai", "pengadaan_barang_jasa")] * 11
    + [("KSDPK", "tidak_sesuai", "swakelola")] * 2
    + [("KSDD", "tidak_sesuai", "swakelola")] * 6
)
PARTNER_OF = {
    "SINERGI": lambda i: make_partner(
        name=[
            "Kementerian Kesehatan Republik Indonesia",
            "Badan Pusat Statistik",
            "Kementerian Dalam Negeri Republik Indonesia",
        ][i % 3],
        category="kementerian_lembaga",
    ),
    "KSDPK": lambda i: make_partner(
        name=[ULM, "PT Bank Kalsel", "Universitas Islam Kalimantan"][i % 3],
        category=["perguruan_tinggi", "bumn_bumd", "perguruan_tinggi"][i % 3],
    ),
    "KSDD": lambda i: make_partner(name="Kota Banjarbaru", category="pemda", region_code="63.72"),
}


def banjar_proposal(seq: int, kind: str, i: int):
    extra = {
        "KSDPK": {"ksdpk_form": "pelayanan_publik"},
        "KSDD": {"ksdd_category": "sukarela", "ksdpk_form": None},
        "SINERGI": {"ksdpk_form": None},
    }[kind]
    return make_proposal(
        seq,
        partners=[PARTNER_OF[kind](i)],
        kind=kind,
        urusan_code="1.02",
        object=f"Objek kerja sama nomor {i + 1}",
        **extra,
    )


def build_banjar(path):
    """Banjar 2024 as a real database: 27 agencies (21 with 6 proposals, 6 with 5), every form signed
    (a draft would count as belum menyampaikan)."""
    db = open_database(path)
    repo = FormRepository(db)
    agencies = ReferenceRepository(db).agencies(active_only=True)
    assert len(agencies) == 27
    counts = [6] * 21 + [5] * 6
    # deal the proposals round-robin so every agency has a mix of kinds and assessments
    dealt: list[list[int]] = [[] for _ in agencies]
    slot = 0
    for i in range(len(BANJAR)):
        while len(dealt[slot % 27]) >= counts[slot % 27]:
            slot += 1
        dealt[slot % 27].append(i)
        slot += 1
    for agency, indexes in zip(agencies, dealt, strict=True):
        form = make_form(
            agency_code=agency.code,
            proposals=[banjar_proposal(seq, BANJAR[i][0], i) for seq, i in enumerate(indexes, 1)],
        )
        repo.save(form)
        sign_form(db, form.uuid, head_of(db, form.uuid), today=TODAY)
        for proposal, i in zip(form.proposals, indexes, strict=True):
            _, status, route = BANJAR[i]
            repo.set_review(proposal.uuid, status, route, "Diarahkan ke rute lain." if route else None)
    db.close()
    return path


@pytest.fixture(scope="module")
def banjar_path(tmp_path_factory):
    return build_banjar(tmp_path_factory.mktemp("banjar") / "banjar.sqlite3")


@pytest.fixture
def banjar(banjar_path):
    db = open_database(banjar_path)
    yield db
    db.close()


@pytest.fixture
def small(db):
    """Three agencies with forms: DINKES signed (2), DISDIK signed (2), DISHUB draft and empty.
    ULM is named by both with three spellings; BAPENDA is inactive and did not take part."""
    repo = FormRepository(db)
    dinkes = make_form(
        proposals=[
            make_proposal(
                1, partners=[make_partner(name=ULM), make_partner(name="PT. Bank Kalsel", category="bumn_bumd")]
            ),
            make_proposal(2, partners=[make_partner(name="UNIVERSITAS  LAMBUNG MANGKURAT.")]),
        ]
    )
    repo.save(dinkes)
    sign_form(db, dinkes.uuid, head_of(db, dinkes.uuid), today=TODAY)
    disdik = make_form(
        agency_code="DISDIK",
        proposals=[
            make_proposal(1, urusan_code="1.01", partners=[make_partner(name="universitas lambung mangkurat")]),
            make_proposal(
                2,
                urusan_code="1.01",
                kind="SINERGI",
                ksdpk_form=None,
                partners=[
                    make_partner(name="Kementerian Pendidikan Dasar dan Menengah", category="kementerian_lembaga")
                ],
            ),
        ],
    )
    repo.save(disdik)
    sign_form(db, disdik.uuid, head_of(db, disdik.uuid), today=TODAY)
    repo.save(make_form(agency_code="DISHUB", proposals=[]))
    repo.set_review(dinkes.proposals[0].uuid, "sesuai", None, None)
    repo.set_review(dinkes.proposals[1].uuid, "tidak_sesuai", "swakelola", "Swakelola dengan ULM (KSB sudah ada).")
    repo.set_review(disdik.proposals[1].uuid, "sesuai", None, None)
    db.execute("UPDATE agencies SET active = 0 WHERE code = 'BAPENDA'")
    db.conn.commit()
    return db


def pdf_text(path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# --------------------------------------------------------------------------- figures


def test_banjar_2024_figures(banjar):
    fig = build_recap(banjar, 2024)
    assert (fig.agencies_taking_part, fig.agencies_total) == (27, 27)
    assert (fig.forms_signed, fig.forms_draft) == (27, 0)
    assert (fig.proposals, fig.sesuai, fig.tidak_sesuai, fig.belum_dinilai) == (156, 125, 31, 0)
    assert [(s.key, s.count, s.base, s.percent_text) for s in fig.split_sesuai] == [
        ("SINERGI", 58, 125, "46,4 %"),
        ("KSDPK", 48, 125, "38,4 %"),
        ("KSDD", 19, 125, "15,2 %"),
    ]
    assert [(s.key, s.count, s.percent_text) for s in fig.split_all] == [
        ("SINERGI", 68, "43,6 %"),
        ("KSDPK", 63, "40,4 %"),
        ("KSDD", 25, "16,0 %"),
    ]
    assert {r.key: r.count for r in fig.routes} == {
        "kerja_sama_internal": 12,
        "pengadaan_barang_jasa": 11,
        "swakelola": 8,
        "lainnya": 0,
    }
    assert fig.not_submitted == ()
    assert len(fig.tidak_sesuai_lines) == 31 and all(x.review_route for x in fig.tidak_sesuai_lines)
    assert [t.count for t in fig.kind_tables] == [68, 63, 25]
    top = fig.top_partners[0]
    assert (top.name, top.proposals, top.category) == ("Kota Banjarbaru", 25, "pemda")
    assert next(p for p in fig.partners if p.name == ULM).proposals == 21
    text = " ".join(summary_paragraphs(fig, "Kabupaten Banjar"))
    assert "27 dari 27 perangkat daerah" in text and "156 usulan" in text
    assert "46,4 % Sinergi (58), 38,4 % KSDPK (48) dan 15,2 % KSDD (19)" in text


def test_small_data_set_counts_taking_part_non_submitters_and_partners(small):
    fig = build_recap(small, 2024)
    # 26 active agencies (BAPENDA is inactive); DINKES and DISDIK took part, DISHUB's form is empty
    assert (fig.agencies_taking_part, fig.agencies_total) == (2, 26)
    assert (fig.forms_signed, fig.forms_draft) == (2, 1)
    assert (fig.proposals, fig.sesuai, fig.tidak_sesuai, fig.belum_dinilai) == (4, 2, 1, 1)
    missing = {a.code: a.state_text for a in fig.not_submitted}
    assert len(missing) == 24 and "DINKES" not in missing and "BAPENDA" not in missing
    assert missing["DISHUB"] == "Formulir masih draf, belum ditandatangani (belum berisi usulan)"
    assert missing["SETDA"] == "Belum menyampaikan formulir"
    ulm = fig.top_partners[0]
    assert (ulm.name, ulm.proposals, ulm.agencies, ulm.agency_names) == (ULM, 3, 2, ("Disdik", "Dinkes"))
    assert {p.name for p in fig.partners} >= {"PT. Bank Kalsel", "Kementerian Pendidikan Dasar dan Menengah"}
    assert [(s.key, s.count, s.percent_text) for s in fig.split_sesuai] == [
        ("KSDPK", 1, "50,0 %"),
        ("SINERGI", 1, "50,0 %"),
    ]
    assert [line.agency_code for line in fig.lines] == ["DISDIK", "DISDIK", "DINKES", "DINKES"]  # reference order
    [line] = fig.tidak_sesuai_lines
    assert (line.agency_code, line.review_route, line.urusan_text) == ("DINKES", "swakelola", "1.02 Kesehatan")


def test_draft_forms_count_as_not_submitted(small):
    """Issue 14: a form the head has not signed has not been submitted; its proposals are not counted."""
    FormRepository(small).save(make_form(agency_code="DISTAN", proposals=[make_proposal(1), make_proposal(2)]))
    fig = build_recap(small, 2024)
    assert (fig.agencies_taking_part, fig.forms_draft, fig.proposals) == (2, 2, 4)
    missing = {a.code: a.state_text for a in fig.not_submitted}
    assert missing["DISTAN"] == "Formulir masih draf, belum ditandatangani (2 usulan)"
    assert "DISTAN" not in {line.agency_code for line in fig.lines}


def test_inactive_agency_that_took_part_still_counts(small):
    form = make_form(agency_code="BAPENDA", proposals=[make_proposal(1)])
    FormRepository(small).save(form)
    sign_form(small, form.uuid, head_of(small, form.uuid), today=TODAY)
    fig = build_recap(small, 2024)
    assert (fig.agencies_taking_part, fig.agencies_total) == (3, 27)
    assert "BAPENDA" in {a.code for a in fig.agencies}


def test_percent_rounds_half_up_and_partner_names_normalise():
    assert percent(58, 125) == 46.4 and percent(1, 16) == 6.3 and percent(1, 0) is None
    assert percent_text(percent(2, 3)) == "66,7 %" and percent_text(None) == "–"
    assert normalise_partner(" PT. PLN  (Persero) ") == normalise_partner("pt pln (persero)")
    assert normalise_partner("Universitas Lambung Mangkurat.") == normalise_partner("UNIVERSITAS LAMBUNG MANGKURAT")


def test_compute_from_plain_rows_without_database():
    rows = RecapRows(
        year=2025,
        agencies=(RecapAgency("A", "Dinas A", "A"), RecapAgency("B", "Dinas B", "B")),
        forms=(RecapForm("f1", "A", "signed", 2),),
        proposals=(
            RecapProposal(
                "p1",
                "f1",
                1,
                kind="KSDD",
                review_status="tidak_sesuai",
                review_route=None,
                partners=(RecapPartner("Kota Banjarbaru", "pemda"),),
            ),
        ),
    )
    fig = compute_recap(rows)
    assert (fig.agencies_taking_part, fig.agencies_total, fig.tidak_sesuai) == (1, 2, 1)
    assert [(r.key, r.count) for r in fig.routes][-1] == ("", 1)  # tidak sesuai without a route is shown
    assert fig.split_sesuai[0].percent_text == "–"  # nothing sesuai: no percentage to divide
    assert fig.lines[0].review_text == "Tidak sesuai – Rute belum ditentukan"


# --------------------------------------------------------------------------- PDF


def test_banjar_pdf_reads_back(banjar, tmp_path):
    out = write_recap_pdf(banjar, 2024, tmp_path / "rekap.pdf", today=TODAY)
    reader, text = pdf_text(out)
    assert TITLE in text
    for needle in (
        "46,4 %",
        "38,4 %",
        "15,2 %",
        "43,6 %",
        "Sinergi",
        "KSDPK",
        "KSDD",
        "27 dari 27",
        "Keadaan data per 8 Agustus 2024",
        "KEPALA BAGIAN TATA PEMERINTAHAN SEKRETARIAT DAERAH KABUPATEN BANJAR,",
        "NIP. ....",
        LABELS["kerja_sama_internal"],
        LABELS["swakelola"],
        "Halaman 1 dari",
        "Seluruh 27 perangkat daerah telah menyampaikan usulan",
        "LAMPIRAN I",
        "LAMPIRAN II",
        ULM,
        "I. PENDAHULUAN",
        "A. Umum",
        "B. Maksud dan Tujuan",
        "C. Ruang Lingkup",
        "D. Dasar Hukum",
        "II. PELAKSANAAN KEGIATAN",
        "III. HASIL",
        "IV. SIMPULAN DAN SARAN",
        "A. Simpulan",
        "B. Saran",
        "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah",
        "1. Usulan menurut urusan pemerintahan",
        "KSDD menurut kategori (wajib/sukarela)",
        "Usulan menurut kategori calon mitra",
        "Usulan menurut tahapan",
        "Usulan menurut sumber pembiayaan",
        "Menyusun standar operasional prosedur (SOP)",
        "Nomor:",
    ):
        assert needle in text, needle
    pages = len(reader.pages)
    assert f"Halaman {pages} dari {pages}" in text
    assert reader.metadata.title == "Laporan Hasil Pemetaan Kerja Sama Daerah Kabupaten Banjar Tahun 2024"
    assert "tidak_sesuai" not in text and "kerja_sama_internal" not in text  # labels, never keys
    assert not list(tmp_path.glob(".ksd-*"))  # no temporary file left


def test_small_pdf_lists_non_submitters(small, tmp_path):
    _, text = pdf_text(write_recap(small, 2024, tmp_path / "rekap.PDF", today=TODAY))
    for needle in (
        "2 dari 26",
        "24 dari 26 perangkat daerah belum menyampaikan",
        "Dinas Perhubungan",
        "Formulir masih draf, belum ditandatangani",
        "Sekretariat Daerah",
        "Belum menyampaikan formulir",
        "Swakelola dengan ULM",
        "1 usulan belum dinilai",
        "Catatan: 1 formulir masih draf",
    ):
        assert needle in text, needle


def test_empty_year_and_nasty_text_still_print(db, tmp_path):
    _, text = pdf_text(write_recap_pdf(db, 2023, tmp_path / "kosong.pdf", today=TODAY))
    assert "0 dari 27" in text and "Belum ada usulan kerja sama untuk tahun ini." in text
    nasty = "=1+1 Tanda & < > “kutip” <b>bukan tebal</b> \x00\x07 " + "panjang " * 900
    form = make_form(
        proposals=[
            make_proposal(
                1, problem=nasty, object=nasty[:300], partners=[make_partner(name='=HYPERLINK("x") & <Mitra>')]
            )
        ]
    )
    FormRepository(db).save(form)
    # a draft would not be counted; the rules now refuse control characters at signing, but a form
    # signed by 0.1.0 (canonical version 1, stored as signed) may hold them: sign the way it did
    from ksd_desktop.domain.canonical import canonical_json, hash_text
    from ksd_desktop.services.signoff import apply_signer

    apply_signer(form, head_of(db, form.uuid))
    signed_text = canonical_json(form)
    FormRepository(db).mark_signed(form, signed_text, hash_text(signed_text))
    _, text = pdf_text(write_recap_pdf(db, 2024, tmp_path / "aneh.pdf", today=TODAY))
    assert "<b>bukan tebal</b>" in text and "=HYPERLINK" in text
    ws = load_workbook(write_recap_xlsx(db, 2024, tmp_path / "aneh.xlsx"))["Usulan"]
    problem = ws.cell(row=2, column=7)
    assert problem.data_type == "s" and problem.value.startswith("=1+1 Tanda & <")
    assert ws.cell(row=2, column=12).value == '=HYPERLINK("x") & <Mitra>'


# --------------------------------------------------------------------------- XLSX


def test_banjar_xlsx_reads_back(banjar, tmp_path):
    wb = load_workbook(write_recap(banjar, 2024, tmp_path / "rekap.xlsx", today=TODAY))
    assert wb.sheetnames == ["Ringkasan", "Rincian", "Usulan", "Perangkat Daerah", "Calon Mitra"]
    ws = wb["Usulan"]
    assert [c.value for c in ws[1]] == [name for name, _, _ in USULAN_COLUMNS]
    assert ws.max_row == 156 + 1 and ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:S157"
    assert ws.column_dimensions["G"].width == 60 and ws["G2"].alignment.wrap_text
    # every data cell carries its column's style: wrapped or not, always top-aligned
    for row in ws.iter_rows(min_row=2, max_row=157):
        assert [bool(c.alignment.wrap_text) for c in row] == [wrap for _, _, wrap in USULAN_COLUMNS]
        assert {c.alignment.vertical for c in row} == {"top"}
    assert ws["A1"].font.bold
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {r[8] for r in rows} == {LABELS["SINERGI"], LABELS["KSDPK"], LABELS["KSDD"]}
    assert {r[16] for r in rows} == {"Sesuai kriteria", "Tidak sesuai"}
    assert sum(r[17] == LABELS["pengadaan_barang_jasa"] for r in rows) == 11
    assert sum(1 for r in rows if r[11] == ULM) == 21
    summary = wb["Ringkasan"]
    values = {row[0].value: row for row in summary.iter_rows() if row[0].value}
    sinergi = values[LABELS["SINERGI"]]
    assert (sinergi[1].value, sinergi[2].value, sinergi[2].number_format) == (58, 46.4, '0.0" %"')
    assert (sinergi[3].value, sinergi[4].value) == (68, 43.6)
    assert values[LABELS["KSDPK"]][2].value == 38.4 and values[LABELS["KSDD"]][2].value == 15.2
    assert values["Perangkat daerah yang ikut serta"][1].value == 27
    assert values[LABELS["kerja_sama_internal"]][1].value == 12
    assert wb["Perangkat Daerah"].max_row == 28


def test_small_xlsx_lists_non_submitters_and_partners(small, tmp_path):
    wb = load_workbook(write_recap_xlsx(small, 2024, tmp_path / "rekap.xlsx", today=TODAY))
    assert wb["Usulan"].max_row == 5
    cells = [c for row in wb["Ringkasan"].iter_rows(values_only=True) for c in row if c]
    assert "Dinas Perhubungan" in cells and "Formulir masih draf, belum ditandatangani (belum berisi usulan)" in cells
    first = next(wb["Calon Mitra"].iter_rows(min_row=2, values_only=True))
    assert first[1:5] == (ULM, LABELS["perguruan_tinggi"], 3, 2)
    partners = [r[11] for r in wb["Usulan"].iter_rows(min_row=2, values_only=True)]
    assert f"{ULM}; PT. Bank Kalsel" in partners


# --------------------------------------------------------------------------- cancel, errors, progress


@pytest.mark.parametrize("writer,name", [(write_recap_pdf, "rekap.pdf"), (write_recap_xlsx, "rekap.xlsx")])
def test_cancel_leaves_no_file(small, tmp_path, writer, name):
    folder = tmp_path / "keluaran"
    with pytest.raises(RecapCancelled, match="dibatalkan"):
        writer(small, 2024, folder / name, cancelled=lambda: True)
    assert not folder.exists() or list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["rekap.pdf", "rekap.xlsx"])
def test_cancel_midway_keeps_the_old_file(banjar, tmp_path, name):
    out = tmp_path / name
    out.write_bytes(b"versi lama")
    calls = []
    with pytest.raises(RecapCancelled):
        write_recap(
            banjar,
            2024,
            out,
            progress=lambda done, total: calls.append((done, total)),
            cancelled=lambda: len(calls) >= 4,
        )
    assert out.read_bytes() == b"versi lama" and [p.name for p in tmp_path.iterdir()] == [name]


def test_progress_rises_to_the_end(small, tmp_path):
    seen: list[tuple[int, int]] = []
    write_recap_pdf(small, 2024, tmp_path / "rekap.pdf", progress=lambda d, t: seen.append((d, t)))
    done = [d for d, _ in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] and len(seen) >= 4
    assert all(d < t for d, t in seen[:-1])


@pytest.mark.parametrize("name", ["rekap.docx", "rekap", "rekap.pdf.txt"])
def test_wrong_suffix_is_refused_clearly(small, tmp_path, name):
    folder = tmp_path / "keluaran"
    with pytest.raises(RecapError, match=r"Gunakan akhiran \.pdf .* \.xlsx") as info:
        write_recap(small, 2024, folder / name)
    assert name in str(info.value)
    assert not folder.exists()


def test_bad_year_is_refused_clearly(small, tmp_path):
    with pytest.raises(RecapError, match="Tahun rekap tidak valid"):
        write_recap(small, "20x4", tmp_path / "rekap.pdf")


def test_recap_import_loads_no_heavy_library():
    import subprocess
    import sys

    code = (
        "import sys, ksd_desktop.services.recap.writer; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'PySide6'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_routes_cover_every_route_key(banjar):
    fig = build_recap(banjar, 2024)
    assert [r.key for r in fig.routes] == [r.value for r in ReviewRoute]
    assert sum(r.count for r in fig.routes) == fig.tidak_sesuai
    assert re.fullmatch(r"\d+,\d %", fig.routes[0].percent_text)


def test_text_cells_break_lines_as_a_paragraph_does():
    """The Laporan's bare-string cells (recap/pdf.py wrap_lines) break where reportlab's Paragraph
    breaks the same text at the same width, for every objek, partner and urusan text of the demo."""
    from reportlab.lib.styles import ParagraphStyle

    from ksd_desktop.services.demo import load_corpus
    from ksd_desktop.services.pdf.kit import Para, esc, make_styles, register_fonts
    from ksd_desktop.services.recap.textlines import wrap_lines

    register_fonts()
    style = ParagraphStyle("uji", parent=make_styles().cell, fontSize=8.5, leading=10.5)
    templates = [t for items in load_corpus()["templates"].values() for t in items]
    texts = {t["object"] for t in templates} | {p["name"] for t in templates for p in t["partners"]}
    compared = 0
    for text in sorted(texts):
        for width in (54.0, 79.0, 96.4, 121.3):
            mine = wrap_lines(text, style.fontName, style.fontSize, width)
            para = Para(esc(text), style)
            para.wrap(width, 1e6)
            if mine is None:  # a word wider than the column: the Paragraph splits it
                assert any(len(line[1]) == 1 for line in para.blPara.lines)
                continue
            assert mine == [" ".join(line[1]) for line in para.blPara.lines], (text, width)
            compared += 1
    assert compared > 500
    assert wrap_lines("satu\n\ndua tiga", style.fontName, 8.5, 200) == ["satu", "", "dua tiga"]


def test_numbered_partners_and_rule_runs_draw_the_same_pixels():
    """Lampiran I draws a list of several partners as a string of numbered lines (text_cell)
    and its records' rules as runs (Grid rule_runs): the same pixels as the numbered Paragraph
    with a rule under every record, a tall record (cut into rows, no rule between) included."""
    import io
    from types import SimpleNamespace

    import pypdfium2 as pdfium
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from ksd_desktop.services.pdf.kit import Grid, Para, esc, make_styles, register_fonts
    from ksd_desktop.services.recap.pdf import RecapLayout

    register_fonts()
    style = ParagraphStyle("uji", parent=make_styles().cell, fontSize=8.5, leading=10.5)
    widths = [36 * mm, 40 * mm]
    partners = [
        ["Kementerian Komunikasi dan Informatika Republik Indonesia", "Badan Siber dan Sandi Negara"],
        ["Universitas Lambung Mangkurat", "PT Bank Kalsel", "Kabupaten Tanah Laut"],
        ["Dinas Pendidikan & Kebudayaan <Provinsi>"],
    ]
    tall = "Permasalahan yang panjang sekali dan terus berlanjut " * 40
    stub = SimpleNamespace(p=lambda markup, s: Para(markup, s))

    def page(new: bool) -> bytes:
        grid = Grid(widths, rule_runs=new)
        for i, names in enumerate(partners * 2):
            if new:
                numbered = "\n".join(f"{n}. {x}" for n, x in enumerate(names, 1)) if len(names) > 1 else names[0]
                cell = RecapLayout.text_cell(stub, numbered, style, widths[1])  # type: ignore[arg-type]
                assert isinstance(cell, str)
            else:
                numbered = (
                    "<br/>".join(f"{n}. {esc(x)}" for n, x in enumerate(names, 1)) if len(names) > 1 else esc(names[0])
                )
                cell = Para(numbered, style)
            grid.record([Para(esc(tall), style) if i == 2 else str(i), cell])
        table = grid.table(extra=[("FONTSIZE", (0, 0), (-1, -1), 8.5), ("LEADING", (0, 0), (-1, -1), 10.5)])
        out = io.BytesIO()
        canvas = Canvas(out, pagesize=(90 * mm, 800 * mm), invariant=1)
        table.wrapOn(canvas, 80 * mm, 790 * mm)
        table.drawOn(canvas, 5 * mm, 5 * mm)
        canvas.save()
        return bytes(pdfium.PdfDocument(out.getvalue())[0].render(scale=2).buffer)

    assert page(True) == page(False)


def test_lampiran_two_text_lines_draw_as_their_paragraphs():
    """Lampiran II draws its objek + permasalahan and rute + catatan cells as broken lines in
    their fonts (recap/pdf.py TextLines): the same pixels as the Paragraphs they replace, for the
    demo's texts at the Lampiran's widths; a line the Paragraph would shrink stays a Paragraph."""
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from ksd_desktop.services.demo import load_corpus
    from ksd_desktop.services.pdf.kit import FONT, FONT_BOLD, FONT_ITALIC, Grid, Para, esc, make_styles, register_fonts
    from ksd_desktop.services.recap.textlines import TextLines, text_lines

    register_fonts()
    style = ParagraphStyle("uji", parent=make_styles().cell, fontSize=8.5, leading=10.5)
    templates = [t for items in load_corpus()["templates"].values() for t in items][:60]
    widths = [47 * mm, 64 * mm]
    cells = []
    for t in templates:
        fast = text_lines([(FONT_BOLD, t["object"]), (FONT, t["problem"][:150])], style, widths[0])
        note = text_lines([(FONT_BOLD, "Kerja sama daerah"), (FONT_ITALIC, t["object"])], style, widths[1])
        slow = (
            Para(f"<b>{esc(t['object'])}</b><br/>{esc(t['problem'][:150])}", style),
            Para(f"<b>Kerja sama daerah</b><br/><font name='{FONT_ITALIC}'>{esc(t['object'])}</font>", style),
        )
        cells.append(((fast, note), slow))
    fast_count = sum(isinstance(c, TextLines) for pair, _ in cells for c in pair)
    assert fast_count > len(cells)  # most cells take the fast path

    def page(fast: bool) -> bytes:
        grid = Grid(widths, rule_runs=True)
        for pair, slow in cells:
            grid.record([a if fast and a is not None else b for a, b in zip(pair, slow, strict=True)])
        table = grid.table()
        out = io.BytesIO()
        canvas = Canvas(out, pagesize=(130 * mm, 2500 * mm), invariant=1)
        table.wrapOn(canvas, 120 * mm, 2490 * mm)
        table.drawOn(canvas, 5 * mm, 5 * mm)
        canvas.save()
        return bytes(pdfium.PdfDocument(out.getvalue())[0].render(scale=1.5).buffer)

    assert page(True) == page(False)
    # a line that only fits with its spaces shrunk is not drawn as a string
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = "arsip vital serta perluasan"
    room = stringWidth(words, FONT, 8.5) - 0.2  # fits on one line only by shrinking its spaces
    assert text_lines([(FONT, words)], style, room + 6) is None
    assert isinstance(text_lines([(FONT, words)], style, room + 6.4), TextLines)
