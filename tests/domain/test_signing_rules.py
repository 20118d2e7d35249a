"""Permendagri 1/2023 Pasal 44 (pasal.id text), one test per case of the table."""

from __future__ import annotations

import pytest

from ksd_desktop.domain.models import SIGNER_PREFIXES
from ksd_desktop.domain.signing import (
    prefix_warning,
    shows_rank_and_nip,
    signature_block,
    signature_rule,
    signer_role,
    strip_gelar,
)

REGION = "Kabupaten Banjar"


@pytest.mark.parametrize(
    ("prefix", "position", "gelar", "nip_rank", "ayat"),
    [
        ("", "Kepala Dinas Kesehatan", True, True, "signature_others"),  # ayat (3)
        ("a.n.", "Sekretaris", True, True, "signature_others"),  # a.n.: the acting official's own
        ("Plt.", "Kepala Dinas Kesehatan", True, True, "signature_others"),
        ("Plh.", "Kepala Dinas Kesehatan", True, True, "signature_others"),
        ("", "Sekretaris Daerah", True, False, "signature_others"),  # Sekda: outside ayat (3)
        ("Plt.", "Sekretaris Daerah", True, True, "signature_others"),  # Plt. Sekda: not in ayat (5)
        ("Plh.", "Sekretaris Daerah", False, False, "signature_acting_sekda"),  # ayat (5)
        ("Pj.", "Sekretaris Daerah Kabupaten Banjar", False, False, "signature_acting_sekda"),
        ("Pj.", "Bupati Banjar", False, False, "signature_acting_head"),  # ayat (4)
        ("Plt.", "Bupati Banjar", False, False, "signature_acting_head"),
        ("Plh.", "Bupati Banjar", False, False, "signature_acting_head"),
        ("", "Bupati Banjar", True, False, "signature_others"),
        ("", "Wakil Bupati Banjar", True, False, "signature_others"),
    ],
)
def test_pasal_44_cases(prefix, position, gelar, nip_rank, ayat):
    rule = signature_rule(prefix, position, REGION)
    assert (rule.gelar, rule.nip and rule.rank, rule.citation) == (gelar, nip_rank, ayat)


def test_roles():
    assert signer_role("Sekretaris Daerah Kabupaten Banjar", REGION) == "sekda"
    assert signer_role("Kepala Dinas Kesehatan", REGION) == "lainnya"
    assert signer_role("Wali Kota Banjarbaru") == "kepala_daerah"


def test_pj_sekda_block_has_no_gelar_nip_or_rank():
    block = signature_block(
        agency_name="Sekretariat Daerah",
        region_name=REGION,
        position="Sekretaris Daerah",
        prefix="Pj.",
        name="Dr. H. Ahmad Fauzi, S.Sos., M.Si.",
        rank="Pembina Utama Madya (IV/d)",
        nip_text="19700101 199503 1 001",
        place_date="Martapura, 1 Juli 2024",
    )
    assert block.jabatan == ("Pj. SEKRETARIS DAERAH", "KABUPATEN BANJAR,")
    assert (block.name, block.rank, block.nip) == ("H. Ahmad Fauzi", None, None)


def test_kepala_dinas_block_has_everything():
    block = signature_block(
        agency_name="Dinas Kesehatan",
        region_name=REGION,
        position="Kepala Dinas Kesehatan",
        prefix="",
        name="dr. Noor Ifansyah, M.Kes.",
        rank="Pembina Utama Muda (IV/c)",
        nip_text="19700101 199503 1 001",
        place_date="Martapura, 8 Agustus 2024",
    )
    assert block.jabatan == ("KEPALA DINAS KESEHATAN", "KABUPATEN BANJAR,")
    assert (block.name, block.rank, block.nip) == (
        "dr. Noor Ifansyah, M.Kes.",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19700101 199503 1 001",
    )
    assert block.note == "Permendagri 1/2023 Pasal 44 ayat (3)"


def test_pj_is_a_prefix_and_warned_outside_sekda_or_head():
    assert "Pj." in SIGNER_PREFIXES
    assert prefix_warning("Pj.", "Kepala Dinas Kesehatan") and not prefix_warning("Pj.", "Sekretaris Daerah")
    assert not shows_rank_and_nip("Sekretariat Daerah", REGION, "Sekretaris Daerah", "Plh.")


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("dr. H. Ahmad, M.Kes.", "H. Ahmad"),
        ("Ir. Budi Santoso, M.T.", "Budi Santoso"),
        ("Hj. Siti Aminah", "Hj. Siti Aminah"),
        ("Drs. H. M. Hilman, M.Si.", "H. M. Hilman"),
    ],
)
def test_strip_gelar(name, plain):
    assert strip_gelar(name) == plain
