"""Settings stored in the database, declared once with their defaults and titles.

Per-machine UI state (window geometry, splitters, last year) lives in QSettings instead;
these travel with the data file. A setting is stored only when it differs from its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SettingSpec:
    key: str
    title: str
    default: Any
    help: str = ""


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "home_region_code",
            "Daerah sendiri",
            "63.03",
            "Kode Kemendagri daerah pengguna aplikasi; menentukan daerah berbatasan untuk KSDD wajib.",
        ),
        SettingSpec(
            "neighbour_codes",
            "Daerah yang berbatasan",
            None,
            "Daftar kode wilayah yang berbatasan dengan daerah sendiri (Permendagri 22/2020). "
            "Kosong berarti memakai daftar bawaan.",
        ),
        SettingSpec("region_title", "Nama pemerintah daerah (kop)", "PEMERINTAH KABUPATEN BANJAR"),
        SettingSpec(
            "letterhead_lines", "Baris kop tambahan", ["Jl. A. Yani No. 03, Martapura, Kalimantan Selatan 70614"]
        ),
        SettingSpec("default_signed_place", "Tempat penandatanganan bawaan", "Martapura"),
        SettingSpec("logo_path", "Berkas lambang daerah (opsional)", None),
        SettingSpec(
            "paper_size",
            "Ukuran kertas",
            "A4",
            "A4 (210 × 297 mm) atau F4/folio (215 × 330 mm), untuk formulir dan laporan.",
        ),
        SettingSpec(
            "tte_mode",
            "Akan ditandatangani secara elektronik (TTE BSrE)",
            False,
            "Menyediakan ruang untuk visualisasi tanda tangan elektronik pada blok tanda tangan dan mencetak "
            "catatan kaki TTE BSrE. Tanda tangan elektronik dibubuhkan dengan aplikasi BSrE.",
        ),
        SettingSpec(
            "timezone",
            "Zona waktu",
            "Asia/Makassar",
            "Zona waktu jam yang ditampilkan (WITA untuk Kalimantan Selatan).",
        ),
        SettingSpec("device_id", "Kode instalasi", None, "Dibuat otomatis; menandai perangkat asal setiap formulir."),
        SettingSpec(
            "trust_anchors",
            "Sertifikat akar tepercaya",
            [],
            "Sertifikat CA (misalnya Root CA BSrE) yang dipercaya untuk memastikan identitas penanda "
            "tangan PDF; disimpan di berkas data.",
        ),
        SettingSpec(
            "data_role",
            "Peran berkas data",
            "perangkat_daerah",
            "Perangkat Daerah mengisi dan mengirim formulirnya; Sekretariat TKKSD menghimpun dan menilai. "
            "Di berkas Sekretariat, penilaian tidak pernah diambil dari berkas perangkat daerah; di berkas "
            "Perangkat Daerah, penilaian hanya diambil dari berkas yang ditandatangani kode perangkat "
            "Sekretariat TKKSD yang tercatat.",
        ),
        SettingSpec(
            "backup_keep_last",
            "Cadangan terakhir yang selalu disimpan",
            10,
            "Sekian cadangan terbaru di folder cadangan/ tidak pernah dihapus otomatis.",
        ),
        SettingSpec(
            "backup_keep_days",
            "Simpan semua cadangan selama (hari)",
            7,
            "Cadangan yang lebih muda dari sekian hari juga disimpan.",
        ),
        SettingSpec(
            "backup_max_mb",
            "Batas ukuran semua cadangan (MB)",
            500,
            "Bila cadangan bersama-sama lebih besar, yang tertua dihapus (yang terbaru selalu disimpan).",
        ),
    )
}


def default(key: str) -> Any:
    return SETTINGS[key].default


#: Paper sizes in millimetres (width, height), portrait. F4 ("folio") is the size Indonesian
#: offices print on besides A4: 215 × 330 mm.
PAPER_SIZES_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}
PAPER_LABELS = {"A4": "A4 (210 × 297 mm)", "F4": "F4/folio (215 × 330 mm)"}


def paper_size(value: Any) -> str:
    """A known paper size key; anything else falls back to A4."""
    text = str(value or "").strip().upper()
    return text if text in PAPER_SIZES_MM else "A4"


def paper_points(value: Any) -> tuple[float, float]:
    """Width and height in PDF points (1/72 inch) for ``paper_size`` ``value``."""
    width, height = PAPER_SIZES_MM[paper_size(value)]
    return width * 72 / 25.4, height * 72 / 25.4
