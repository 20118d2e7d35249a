"""Layout 0, frozen: the domain wording that KSD Desktop 0.1.0 printed (commit 7bde51f).

Verbatim copies of what layout 0 took from the domain (labels, field labels, jabatan lines of
the signature block, NIP and date formatting), so that later changes of the domain's wording
never change how a 0.1.0 PDF is rendered again. Plus the plain records the frozen story reads
(built from the attachment's content). DO NOT EDIT (see ../__init__.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_date_id(value: str | None) -> str:
    """``8 Agustus 2024``; '' for an empty value (domain/dates.py of 0.1.0, without the day)."""
    if value in (None, ""):
        return ""
    date = dt.date.fromisoformat(value.strip()[:10])
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


_NON_DIGIT = re.compile(r"[\s.\-]")


def format_nip(text: str | None) -> str:
    """``19860926 201505 1 001`` for an 18-digit NIP; anything else unchanged (domain/nip.py)."""
    digits = _NON_DIGIT.sub("", text or "")
    if len(digits) != 18 or not digits.isdigit():
        return (text or "").strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


class Kind(StrEnum):
    """Jenis kerja sama (PP 28/2018)."""

    SINERGI = "SINERGI"
    KSDD = "KSDD"
    KSDPK = "KSDPK"
    KSDPL = "KSDPL"
    KSDLL = "KSDLL"


LABELS: dict[str, str] = {
    # Kinds
    "SINERGI": "Sinergi Program Pembangunan Pusat–Daerah",
    "KSDD": "Kerja Sama Daerah dengan Daerah Lain",
    "KSDPK": "Kerja Sama Daerah dengan Pihak Ketiga",
    "KSDPL": "Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri",
    "KSDLL": "Kerja Sama Daerah dengan Lembaga di Luar Negeri",
    # KSDD categories
    "wajib": "Wajib",
    "sukarela": "Sukarela",
    # KSDPK forms
    "pelayanan_publik": "Penyediaan pelayanan publik",
    "pemanfaatan_bmd": "Pemanfaatan barang milik daerah",
    "kpbu": "Penyediaan infrastruktur (KPBU)",
    "pengadaan": "Pengadaan barang/jasa",
    "investasi": "Investasi",
    # Financing
    "apbd": "APBD",
    "mitra": "Mitra",
    "bersama": "Bersama (APBD dan mitra)",
    # Priority
    "tinggi": "Tinggi",
    "sedang": "Sedang",
    "rendah": "Rendah",
    # Stage
    "usulan": "Usulan",
    "studi_kelayakan": "Studi kelayakan",
    "kak": "Kerangka Acuan Kerja (KAK)",
    "ksb": "Kesepakatan Bersama (KSB)",
    "pks": "Perjanjian Kerja Sama (PKS)",
    "pelaksanaan": "Pelaksanaan",
    # Review
    "belum_dinilai": "Belum dinilai",
    "sesuai": "Sesuai kriteria",
    "tidak_sesuai": "Tidak sesuai",
    "kerja_sama_internal": "Kerja sama internal antar-perangkat daerah",
    "pengadaan_barang_jasa": "Pengadaan barang/jasa",
    "swakelola": "Swakelola",
    "lainnya": "Lainnya",
    # Partner categories
    "pemda": "Pemerintah daerah di Indonesia",
    "kementerian_lembaga": "Kementerian/Lembaga (pemerintah pusat)",
    "bumn_bumd": "BUMN/BUMD",
    "badan_usaha": "Badan usaha swasta berbadan hukum",
    "perseorangan": "Perseorangan",
    "ormas": "Organisasi kemasyarakatan",
    "perguruan_tinggi": "Perguruan tinggi",
    "pemda_luar_negeri": "Pemerintah daerah di luar negeri",
    "lembaga_luar_negeri": "Lembaga di luar negeri",
    # Form status
    "draft": "Draf",
    "signed": "Ditandatangani",
}

#: Field labels, keyed by the dictionary's keys.
FIELD_LABELS: dict[str, str] = {
    "agency_code": "Perangkat Daerah",
    "year": "Tahun Pemetaan",
    "pic_name": "Nama Petugas Pengisi (PIC)",
    "pic_position": "Jabatan PIC",
    "pic_phone": "Nomor Telepon/WA",
    "pic_email": "Surel",
    "status": "Status",
    "signer_name": "Nama Penandatangan (dengan gelar)",
    "signer_nip": "NIP",
    "signer_rank": "Pangkat/Golongan",
    "signer_position": "Jabatan Penandatangan",
    "signer_prefix": "Atas nama / Plt. / Plh.",
    "signed_place": "Tempat",
    "signed_date": "Tanggal",
    "content_hash": "Sidik isi (SHA-256)",
    "revision": "Revisi",
    "revision_reason": "Alasan revisi",
    "seq": "No.",
    "urusan_code": "Urusan Pemerintahan",
    "program": "Program / Sub-urusan",
    "problem": "Permasalahan / Kebutuhan",
    "potential": "Potensi yang Dimiliki",
    "object": "Objek Kerja Sama",
    "kind": "Jenis Kerja Sama",
    "ksdd_category": "Kategori KSDD",
    "externality": "Eksternalitas Lintas Daerah",
    "ksdpk_form": "Bentuk Kerja Sama Pihak Ketiga",
    "benefits": "Manfaat / Target yang Diharapkan",
    "rpjmd_alignment": "Keselarasan dengan RPJMD",
    "legal_basis": "Dasar Hukum",
    "financing": "Sumber Pembiayaan",
    "priority": "Prioritas",
    "stage": "Tahapan",
    "existing_documents": "Dokumen yang Sudah Ada (KSB/NK/PKS, nomor, masa berlaku)",
    "compliance_confirmed": "Pernyataan kesesuaian",
    "review_status": "Hasil Penilaian TKKSD",
    "review_route": "Rute Alternatif",
    "review_note": "Catatan Penilaian",
    "notes": "Keterangan",
    "name": "Nama Calon Mitra",
    "category": "Kategori Mitra",
    "region_code": "Kode Wilayah",
    "contact": "Kontak",
    "partners": "Calon Mitra",
    "proposals": "Usulan Kerja Sama",
}


def label(key: str | None) -> str:
    """The Indonesian label of an enumeration key ('' for an empty key)."""
    if not key:
        return ""
    return LABELS.get(key, key)


_SPECIAL_HEADS = {
    "SEKRETARIAT DAERAH": "SEKRETARIS DAERAH",
    "SEKRETARIAT DPRD": "SEKRETARIS DPRD",
    "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH": "SEKRETARIS DPRD",
    "INSPEKTORAT": "INSPEKTUR",
    "INSPEKTORAT DAERAH": "INSPEKTUR DAERAH",
}
_HEAD_BY_PREFIX = (
    ("SEKRETARIAT ", "SEKRETARIS "),
    ("INSPEKTORAT ", "INSPEKTUR "),
    ("KECAMATAN ", "CAMAT "),
    ("KELURAHAN ", "LURAH "),
    ("RUMAH SAKIT ", "DIREKTUR RUMAH SAKIT "),
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
            return head + name[len(prefix) :]
    return f"KEPALA {name}"


def jabatan_lines(
    agency_name: str | None, region_name: str | None, position: str | None, prefix: str | None
) -> list[str]:
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


def shows_rank_and_nip(
    agency_name: str | None, region_name: str | None, position: str | None, prefix: str | None
) -> bool:
    """Permendagri 1/2023 Pasal 44: everyone but the Kepala Daerah, Wakil and Sekda writes
    pangkat and NIP; on an agency's form only the Sekda signing in person leaves them out."""
    if (prefix or "").strip():
        return True
    position_caps = norm_caps(position) or principal_title(agency_name)
    region = norm_caps(region_name)
    return position_caps not in ("SEKRETARIS DAERAH", f"SEKRETARIS DAERAH {region}".strip())


def verification_note(form_uuid: str, revision: int, content_hash: str | None) -> str:
    """The line printed under the QR code of a signed form."""
    return (
        f"Pindai untuk verifikasi: formulir {form_uuid[:8]}, revisi {revision}, "
        f"sidik isi {(content_hash or '')[:12]}. Periksa keaslian dengan KSD Desktop "
        "(menu Data › Verifikasi PDF)."
    )


# ---- what the frozen story reads


class Record:
    """A form, proposal or partner of the attachment's content, read by attribute.

    A key the content lacks reads as the 0.1.0 dataclass default (``None`` for most).
    """

    def __init__(self, data: dict[str, Any], defaults: dict[str, Any]):
        self.__dict__.update(defaults)
        self.__dict__.update(data)


_FORM_DEFAULTS = {"signer_prefix": "", "revision": 1, "proposals": []}
_PROPOSAL_DEFAULTS = {"seq": 1, "stage": "usulan", "compliance_confirmed": False, "partners": []}
_PARTNER_DEFAULTS = {"seq": 1, "name": "", "category": ""}
_FORM_KEYS = (
    "uuid",
    "agency_code",
    "year",
    "pic_name",
    "pic_position",
    "pic_phone",
    "pic_email",
    "signer_name",
    "signer_nip",
    "signer_rank",
    "signer_position",
    "signed_place",
    "signed_date",
    "revision_reason",
)
_PROPOSAL_KEYS = (
    "urusan_code",
    "program",
    "problem",
    "potential",
    "object",
    "kind",
    "ksdd_category",
    "externality",
    "ksdpk_form",
    "benefits",
    "rpjmd_alignment",
    "legal_basis",
    "financing",
    "priority",
    "existing_documents",
    "notes",
)
_PARTNER_KEYS = ("region_code", "contact")


def _defaults(keys: tuple[str, ...], extra: dict[str, Any]) -> dict[str, Any]:
    return {**dict.fromkeys(keys), **extra}


def form_record(content: dict[str, Any], status: str, content_hash: str | None) -> Record:
    """The form of a 0.1.0 attachment as the frozen story reads it."""

    def proposal(data: dict[str, Any]) -> Record:
        partners = [Record(p, _defaults(_PARTNER_KEYS, _PARTNER_DEFAULTS)) for p in data.get("partners") or []]
        return Record({**data, "partners": partners}, _defaults(_PROPOSAL_KEYS, _PROPOSAL_DEFAULTS))

    proposals = [proposal(p) for p in content.get("proposals") or []]
    return Record(
        {**content, "proposals": proposals, "status": status, "content_hash": content_hash},
        _defaults(_FORM_KEYS, _FORM_DEFAULTS),
    )


Form = Proposal = Record


@dataclass(frozen=True)
class PdfContext:
    """What the page needs besides the form (services/pdf/context.py of 0.1.0)."""

    agency_name: str
    region_title: str
    region_name: str
    letterhead_lines: tuple[str, ...]
    urusan_names: dict[str, str] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)
    logo_path: str | None = None
