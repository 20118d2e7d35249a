"""Sign-off wording (Permendagri 1/2023 practice): default jabatan and prefixes."""

from __future__ import annotations

#: Agencies whose head is not called "Kepala <agency name>".
SPECIAL_POSITIONS = {
    "SETDA": "Sekretaris Daerah",
    "SETWAN": "Sekretaris DPRD",
    "INSPEKTORAT": "Inspektur Daerah",
    "SATPOLPP": "Kepala Satuan Polisi Pamong Praja",
}

PREFIX_LABELS = {
    "": "Tanpa awalan (kepala perangkat daerah sendiri)",
    "a.n.": "a.n. — atas nama kepala perangkat daerah",
    "Plt.": "Plt. — Pelaksana Tugas",
    "Plh.": "Plh. — Pelaksana Harian",
}


def default_signer_position(agency_code: str, agency_name: str) -> str:
    """The head's jabatan, e.g. ``Kepala Dinas Kesehatan`` (``Sekretaris Daerah`` for SETDA)."""
    return SPECIAL_POSITIONS.get(agency_code, f"Kepala {agency_name}")
