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


SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in (
    SettingSpec("home_region_code", "Daerah sendiri", "63.03",
                "Kode Kemendagri daerah pengguna aplikasi; menentukan daerah berbatasan untuk KSDD wajib."),
    SettingSpec("neighbour_codes", "Daerah yang berbatasan", None,
                "Daftar kode wilayah yang berbatasan dengan daerah sendiri (Permendagri 22/2020). "
                "Kosong berarti memakai daftar bawaan."),
    SettingSpec("region_title", "Nama pemerintah daerah (kop)", "PEMERINTAH KABUPATEN BANJAR"),
    SettingSpec("letterhead_lines", "Baris kop tambahan",
                ["Jl. A. Yani No. 03, Martapura, Kalimantan Selatan 70614"]),
    SettingSpec("default_signed_place", "Tempat penandatanganan bawaan", "Martapura"),
    SettingSpec("logo_path", "Berkas logo (opsional)", None),
    SettingSpec("device_id", "Kode instalasi", None,
                "Dibuat otomatis; menandai perangkat asal setiap formulir."),
    SettingSpec("backup_keep_last", "Cadangan terakhir yang selalu disimpan", 10,
                "Sekian cadangan terbaru di folder cadangan/ tidak pernah dihapus otomatis."),
    SettingSpec("backup_keep_days", "Simpan semua cadangan selama (hari)", 7,
                "Cadangan yang lebih muda dari sekian hari juga disimpan."),
    SettingSpec("backup_max_mb", "Batas ukuran semua cadangan (MB)", 500,
                "Bila cadangan bersama-sama lebih besar, yang tertua dihapus (yang terbaru selalu disimpan)."),
)}


def default(key: str) -> Any:
    return SETTINGS[key].default
