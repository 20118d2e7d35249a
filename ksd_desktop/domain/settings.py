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
    SettingSpec("data_role", "Peran berkas data", "perangkat_daerah",
                "Perangkat Daerah mengisi dan mengirim formulirnya; Sekretariat TKKSD menghimpun dan menilai. "
                "Di berkas Sekretariat, penilaian tidak pernah diambil dari berkas perangkat daerah; di berkas "
                "Perangkat Daerah, penilaian hanya diambil dari berkas yang ditandatangani kode perangkat "
                "Sekretariat TKKSD yang tercatat."),
)}


def default(key: str) -> Any:
    return SETTINGS[key].default
