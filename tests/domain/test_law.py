"""Citations as data, checked against this table (issue 14: each citation confirmed or marked)."""

from __future__ import annotations

import pytest

from ksd_desktop.domain import law

#: key -> (short citation, how it was checked); a change to a citation must change this table too.
EXPECTED = {
    "ksd": ("PP 28/2018 Pasal 1 angka 1", "text"),
    "partners": ("UU 23/2014 Pasal 363 ayat (2)", "text"),
    "KSDD": ("PP 28/2018 Pasal 1 angka 2", "text"),
    "KSDPK": ("PP 28/2018 Pasal 1 angka 3", "text"),
    "KSDPL": ("PP 28/2018 Pasal 1 angka 4", "text"),
    "KSDLL": ("PP 28/2018 Pasal 1 angka 5", "derived"),
    "SINERGI": ("PP 28/2018 Pasal 46", "secondary"),
    "mapping_pp": ("PP 28/2018 Pasal 5 ayat (1)", "secondary"),
    "mapping_permendagri": ("Permendagri 22/2020 Pasal 5 ayat (1)", "secondary"),
    "object_limits": ("PP 28/2018", "secondary"),
    "dprd_approval": ("PP 28/2018", "secondary"),
    "signature_others": ("Permendagri 1/2023 Pasal 44 ayat (3)", "text"),
    "signature_acting_head": ("Permendagri 1/2023 Pasal 44 ayat (4)", "text"),
    "signature_acting_sekda": ("Permendagri 1/2023 Pasal 44 ayat (5)", "text"),
    "urusan_kehutanan": ("UU 23/2014 Lampiran huruf BB", "derived"),
    "urusan_esdm": ("UU 23/2014 Lampiran huruf CC", "derived"),
    "tte_evidence": ("UU ITE Pasal 5 ayat (1)", "secondary"),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_citation_table(key):
    short, checked = EXPECTED[key]
    assert (law.cite(key), law.CITATIONS[key].checked) == (short, checked)


def test_every_citation_names_a_known_regulation_and_a_known_check():
    for c in law.CITATIONS.values():
        assert c.regulation in law.REGULATIONS and c.checked in ("text", "secondary", "derived"), c.key


def test_full_names_written_out():
    assert law.full_name("PP28_2018") == "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah"
    assert law.full_name("PERMENDAGRI22_2020").endswith(
        "tentang Tata Cara Kerja Sama Daerah dengan Daerah Lain dan Kerja Sama Daerah dengan Pihak Ketiga"
    )
    assert law.full_name("PERMENDAGRI1_2023").endswith("tentang Tata Naskah Dinas di Lingkungan Pemerintah Daerah")


def test_mapping_basis_places_the_duty_on_kerja_sama_wajib_and_names_in_full_first():
    first = law.FirstMention()
    text = law.mapping_basis(first)
    assert "diwajibkan bagi daerah yang akan melaksanakan kerja sama wajib" in text
    assert "praktik yang dianjurkan" in text
    assert "Pasal 5 ayat (1) Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah (PP 28/2018)" in text
    assert first.name("PP28_2018") == "PP 28/2018"  # short afterwards


def test_kinds_are_not_cited_to_the_partner_list():
    for kind in ("SINERGI", "KSDD", "KSDPK", "KSDPL", "KSDLL"):
        assert "Pasal 363" not in law.kind_citation(kind)
    assert law.kind_citation("KSDPK") == "PP 28/2018 Pasal 1 angka 3; Permendagri 22/2020"
    assert law.kind_citation("SINERGI") == "PP 28/2018 Pasal 46"


def test_tte_footer_is_the_established_text():
    assert law.TTE_FOOTER.startswith(
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat "
        "elektronik yang diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN"
    )
    assert "UU ITE" in law.TTE_FOOTER_LAW
