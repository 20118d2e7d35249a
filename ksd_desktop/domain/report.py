"""The editable parts of a year's Laporan (naskah dinas *laporan*): dates, conclusions, signatories.

Stored per year in the data file (``report_settings``, storage/repositories.py
ReportSettingsRepository), edited in the GUI (gui/dialogs/report_settings.py) or given on
the command line (``ksd-desktop recap --nomor … --signer-name …``). An empty text means "use
the default": the conclusions are drawn from the year's figures, the suggestions from
Banjar's own 2024 recommendations (ksd-law.md: FGD with calon mitra, an SOP, bimtek, monev,
then the rapat pleno).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .recap import RecapFigures, lower_first, percent, percent_text, route_label, share_list_text

#: What the Laporan says happened, when the user has not written it (dotted lines to fill in by hand).
BLANK = "…………………………"


@dataclass
class Signatory:
    position: str = ""  # own jabatan, e.g. "Kepala Bagian Tata Pemerintahan"
    unit: str = ""  # the line(s) below, e.g. "Sekretariat Daerah Kabupaten Banjar"
    prefix: str = ""  # "", a.n., Plt., Plh., Pj.
    name: str = ""
    rank: str = ""
    nip: str = ""


def _default_signer() -> Signatory:
    return Signatory(position="Kepala Bagian Tata Pemerintahan", unit="Sekretariat Daerah")


def _default_mengetahui() -> Signatory:
    return Signatory(position="Sekretaris Daerah")


@dataclass
class ReportSettings:
    """One year's editable Laporan parts; ``""`` means the default (see module docstring)."""

    nomor: str = ""
    tanggal: str = ""  # ISO date of the Laporan; "" = left blank for the wet signature
    sosialisasi: str = ""  # e.g. "20 Februari 2024 (…) dan 13 Juni 2024 (…)"
    pendampingan: str = ""
    pleno: str = ""
    simpulan: str = ""  # paragraphs separated by blank lines
    saran: str = ""  # one suggestion per line
    signer: Signatory = field(default_factory=_default_signer)
    with_mengetahui: bool = False
    mengetahui: Signatory = field(default_factory=_default_mengetahui)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ReportSettings:
        """Tolerant: unknown keys are ignored, missing ones take their defaults."""
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            if key in ("signer", "mengetahui"):
                sig_known = {f.name for f in fields(Signatory)}
                base = _default_signer() if key == "signer" else _default_mengetahui()
                if isinstance(value, dict):
                    for k, v in value.items():
                        if k in sig_known:
                            setattr(base, k, str(v or ""))
                values[key] = base
            elif key == "with_mengetahui":
                values[key] = bool(value)
            else:
                values[key] = str(value or "")
        return cls(**values)


#: Banjar's 2024 recommendations (ksd-law.md, "Kabupaten Banjar's 2024 mapping").
BANJAR_SUGGESTIONS = (
    "Menyelenggarakan forum group discussion (FGD) antara perangkat daerah dan calon mitra untuk mematangkan "
    "usulan yang sesuai kriteria.",
    "Menyusun standar operasional prosedur (SOP) pengajuan usulan kerja sama daerah.",
    "Menyelenggarakan bimbingan teknis penyusunan dokumen kerja sama (studi kelayakan, KAK, KSB/NK dan PKS) bagi "
    "narahubung perangkat daerah.",
    "Melaksanakan monitoring dan evaluasi atas realisasi usulan kerja sama secara berkala.",
    "Membahas usulan yang sesuai kriteria dalam rapat pleno Tim Koordinasi Kerja Sama Daerah untuk menyelaraskannya "
    "dengan visi dan misi kepala daerah serta dokumen perencanaan daerah (RPJMD/RKPD).",
)


def default_conclusions(fig: RecapFigures, region_name: str) -> list[str]:
    """Simpulan drawn from the figures."""
    if not fig.proposals:
        return [f"Belum ada usulan kerja sama yang disampaikan untuk Tahun {fig.year}."]
    out = [
        f"Sebanyak {fig.agencies_taking_part} dari {fig.agencies_total} perangkat daerah {region_name} telah "
        f"menyampaikan {fig.proposals} usulan kerja sama daerah untuk Tahun {fig.year}."
    ]
    out.append(
        f"Hasil penilaian TKKSD: {fig.sesuai} usulan ({percent_text(percent(fig.sesuai, fig.proposals))}) "
        f"sesuai kriteria dan {fig.tidak_sesuai} usulan "
        f"({percent_text(percent(fig.tidak_sesuai, fig.proposals))}) tidak sesuai"
        + (f"; {fig.belum_dinilai} usulan belum dinilai." if fig.belum_dinilai else ".")
    )
    if fig.sesuai:
        out.append(
            f"Komposisi usulan yang sesuai kriteria menurut jenis kerja sama: {share_list_text(fig.split_sesuai)}."
        )
    if fig.tidak_sesuai:
        used = [r for r in fig.routes if r.count]
        routes = ", ".join(f"{lower_first(route_label(r.key))} ({r.count})" for r in used)
        out.append(f"Usulan yang tidak sesuai kriteria diarahkan ke rute lain: {routes}.")
    if fig.not_submitted:
        out.append(
            f"Sebanyak {len(fig.not_submitted)} perangkat daerah belum menyampaikan formulir yang telah ditandatangani."
        )
    return out


def default_suggestions(fig: RecapFigures) -> list[str]:
    out = list(BANJAR_SUGGESTIONS)
    if fig.dprd_lines:
        out.insert(
            4,
            f"Memastikan kebutuhan persetujuan DPRD bagi {len(fig.dprd_lines)} usulan KSDD/KSDPK yang "
            "dibiayai APBD, bila kerja sama itu membebani masyarakat dan daerah atau belum teranggarkan.",
        )
    if fig.not_submitted:
        out.append(
            "Mendorong perangkat daerah yang belum menyampaikan formulir untuk menandatangani dan "
            "menyampaikannya pada pemetaan berikutnya."
        )
    return out


def conclusions(settings: ReportSettings, fig: RecapFigures, region_name: str) -> list[str]:
    text = settings.simpulan.strip()
    if not text:
        return default_conclusions(fig, region_name)
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def suggestions(settings: ReportSettings, fig: RecapFigures) -> list[str]:
    text = settings.saran.strip()
    if not text:
        return default_suggestions(fig)
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


#: What the Banjar 2024 training data says happened (demo only; the user edits these per year).
BANJAR_2024 = ReportSettings(
    nomor="",
    sosialisasi=(
        "20 Februari 2024 (Grand Qin Hotel, Banjarbaru) dan 13 Juni 2024 (Aula Barakat, Martapura), diikuti "
        "perangkat daerah lingkup Pemerintah Kabupaten Banjar"
    ),
    pendampingan=(
        "Juni–Juli 2024: pendampingan pengisian formulir pemetaan oleh Sekretariat TKKSD bersama Lembaga "
        "Pembangunan Strategi Berkelanjutan Yogyakarta, termasuk FGD dengan narahubung perangkat daerah"
    ),
    pleno="8 Agustus 2024: paparan hasil pemetaan dan penilaian usulan oleh TKKSD",
)
