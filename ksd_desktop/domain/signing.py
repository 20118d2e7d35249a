"""Sign-off wording (Permendagri 1/2023 practice): jabatan, prefixes and the signature block.

Plain functions of strings, so the sign-off page previews exactly what the PDF prints.
See docs/domain.md, "Sign-off and the signature block":

    Martapura, 8 Agustus 2024
    KEPALA DINAS KESEHATAN
    KABUPATEN BANJAR,
    [wet signature or TTE stamp]
    dr. NAMA LENGKAP, M.Kes.
    Pembina Utama Muda (IV/c)
    NIP. 19700101 199503 1 001
"""

from __future__ import annotations

from .canonical import short_hash

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

_SPECIAL_HEADS = {
    "SEKRETARIAT DAERAH": "SEKRETARIS DAERAH",
    "SEKRETARIAT DPRD": "SEKRETARIS DPRD",
    "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH": "SEKRETARIS DPRD",
    "INSPEKTORAT": "INSPEKTUR",
    "INSPEKTORAT DAERAH": "INSPEKTUR DAERAH",
}
_HEAD_BY_PREFIX = (
    ("SEKRETARIAT ", "SEKRETARIS "), ("INSPEKTORAT ", "INSPEKTUR "), ("KECAMATAN ", "CAMAT "),
    ("KELURAHAN ", "LURAH "), ("RUMAH SAKIT ", "DIREKTUR RUMAH SAKIT "),
)


def norm_caps(text: str | None) -> str:
    """Capitals with single spaces: the way jabatan are written in a signature block."""
    return " ".join((text or "").split()).upper()


def principal_title(agency_name: str | None) -> str:
    """The head of an agency, in capitals: Dinas Kesehatan → KEPALA DINAS KESEHATAN.

    Sekretariat Daerah → SEKRETARIS DAERAH, Sekretariat DPRD → SEKRETARIS DPRD,
    Inspektorat Daerah → INSPEKTUR DAERAH, Kecamatan X → CAMAT X; anything else KEPALA <NAME>.
    """
    name = norm_caps(agency_name)
    if not name:
        return "KEPALA PERANGKAT DAERAH"
    if name in _SPECIAL_HEADS:
        return _SPECIAL_HEADS[name]
    for prefix, head in _HEAD_BY_PREFIX:
        if name.startswith(prefix):
            return head + name[len(prefix):]
    return f"KEPALA {name}"


def jabatan_lines(agency_name: str | None, region_name: str | None, position: str | None,
                  prefix: str | None) -> list[str]:
    """The jabatan lines of the signature block; the last one ends with a comma.

    - no prefix: the signer's jabatan (default: the agency head's), the region below it:
      ``KEPALA DINAS KESEHATAN`` / ``KABUPATEN BANJAR,``;
    - ``a.n.``: ``a.n. KEPALA DINAS KESEHATAN`` / ``KABUPATEN BANJAR`` / the acting official's
      own jabatan (``SEKRETARIS,``);
    - ``Plt.`` / ``Plh.``: ``Plt. KEPALA DINAS KESEHATAN`` / ``KABUPATEN BANJAR,`` when the
      entered jabatan is the one acted for (same kind as the agency head's: KEPALA DINAS …);
      an entered jabatan of another kind (KEPALA BIDANG …) is the official's own and goes
      below, as with a.n.
    A jabatan typed with the region's name at its end is not given the region twice.
    """
    region = norm_caps(region_name)

    def without_region(title: str) -> str:
        if region and title.endswith(" " + region):
            return title[: -len(region) - 1].strip()
        return title

    principal = without_region(principal_title(agency_name))
    own = without_region(norm_caps(position))
    prefix = (prefix or "").strip()
    if prefix == "a.n.":
        lines = [f"a.n. {principal}", region]
        if own and own != principal:
            lines.append(own)
    elif prefix in ("Plt.", "Plh."):
        if not own or own.split()[:2] == principal.split()[:2]:
            lines = [f"{prefix} {own or principal}", region]
        else:
            lines = [f"{prefix} {principal}", region, own]
    else:
        lines = [own or principal, region]
    lines = [line for line in lines if line]
    lines[-1] += ","
    return lines


def shows_rank_and_nip(agency_name: str | None, region_name: str | None, position: str | None,
                       prefix: str | None) -> bool:
    """Permendagri 1/2023 Pasal 44: everyone but the Kepala Daerah, Wakil and Sekda writes
    pangkat and NIP; on an agency's form only the Sekda signing in person leaves them out."""
    if (prefix or "").strip():
        return True
    position_caps = norm_caps(position) or principal_title(agency_name)
    region = norm_caps(region_name)
    return position_caps not in ("SEKRETARIS DAERAH", f"SEKRETARIS DAERAH {region}".strip())


def verification_note(form_uuid: str, revision: int, content_hash: str | None) -> str:
    """The line printed under the QR code of a signed form."""
    return (f"Pindai untuk verifikasi: formulir {form_uuid[:8]}, revisi {revision}, "
            f"sidik isi {short_hash(content_hash)}. Periksa keaslian dengan KSD Desktop "
            "(menu Data › Verifikasi PDF).")
