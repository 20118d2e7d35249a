"""Guidance text of the wizards: each choice explained in plain Indonesian, with its rule."""

from __future__ import annotations

from .common import tr

KIND_HELP = {
    "SINERGI": (
        "Kerja sama dengan kementerian/lembaga pemerintah pusat untuk menyelaraskan program pembangunan "
        "pusat dan daerah; dituangkan dalam Nota Kesepakatan beserta rencana aksi.",
        "Contoh: Dinas Kesehatan bersama Kementerian Kesehatan untuk percepatan penurunan stunting.",
        "PP 28/2018 Pasal 46"),
    "KSDD": (
        "Kerja sama dengan pemerintah daerah lain di Indonesia (provinsi, kabupaten, atau kota).",
        "Contoh: pengelolaan TPA Regional Banjarbakula bersama Kota Banjarbaru dan Kota Banjarmasin.",
        "PP 28/2018; Permendagri 22/2020"),
    "KSDPK": (
        "Kerja sama dengan pihak ketiga: perseorangan, badan usaha berbadan hukum (termasuk BUMN/BUMD), "
        "organisasi kemasyarakatan, atau perguruan tinggi. Memerlukan studi kelayakan sebelum KSB/PKS.",
        "Contoh: RSUD Ratu Zalecha bersama Universitas Lambung Mangkurat untuk pendayagunaan dokter spesialis.",
        "PP 28/2018; Permendagri 22/2020"),
    "KSDPL": (
        "Kerja sama dengan pemerintah daerah di luar negeri, misalnya kota kembar (sister city), untuk "
        "pertukaran budaya, iptek, peningkatan kapasitas, atau promosi potensi daerah. Memerlukan persetujuan "
        "Pemerintah.",
        "Contoh: kota kembar dengan sebuah pemerintah kota di Malaysia untuk promosi wisata religi.",
        "PP 28/2018; Permendagri 25/2020"),
    "KSDLL": (
        "Kerja sama dengan lembaga di luar negeri, misalnya lembaga pembangunan atau lembaga donor "
        "internasional. Memerlukan persetujuan Pemerintah.",
        "Contoh: pendampingan pengelolaan air bersih bersama lembaga kerja sama pembangunan Jepang (JICA).",
        "PP 28/2018; Permendagri 25/2020"),
}

KSDD_HELP = {
    "wajib": ("Antara daerah yang berbatasan, untuk urusan yang memiliki eksternalitas lintas daerah dan "
              "pelayanan publik yang lebih efisien bila dikelola bersama. Mitra harus daerah yang berbatasan "
              "atau provinsi sendiri, dan eksternalitasnya wajib diuraikan.", "Permendagri 22/2020"),
    "sukarela": ("Antara daerah yang berbatasan maupun tidak berbatasan, untuk urusan yang dinilai lebih efektif "
                 "dan efisien bila dilaksanakan bersama.", "Permendagri 22/2020"),
}

COMPLIANCE_POINTS = (
    ("ketertiban_umum", "Tidak bertentangan dengan ketertiban umum"),
    ("kesusilaan", "Tidak bertentangan dengan kesusilaan"),
    ("kepentingan_nasional", "Tidak bertentangan dengan kepentingan nasional"),
    ("peraturan", "Tidak bertentangan dengan peraturan perundang-undangan"),
)


def kind_html(kind: str) -> str:
    what, example, rule = KIND_HELP[kind]
    return f"{tr(what)}<br><i>{tr(example)}</i> <span style='color:#5f6368'>({rule})</span>"


def ksdd_html(category: str) -> str:
    what, rule = KSDD_HELP[category]
    return f"{tr(what)} <span style='color:#5f6368'>({rule})</span>"
