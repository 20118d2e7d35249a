"""Guidance text of the wizards: each choice explained in plain Indonesian, with its rule."""

from __future__ import annotations

from ...domain.law import cite, kind_citation
from .common import tr

KIND_HELP = {
    "SINERGI": (
        "Kerja sama dengan kementerian/lembaga pemerintah pusat untuk menyelaraskan program pembangunan "
        "pusat dan daerah; dituangkan dalam Nota Kesepakatan beserta rencana aksi.",
        "Contoh: Dinas Kesehatan bersama Kementerian Kesehatan untuk percepatan penurunan stunting.",
        kind_citation("SINERGI"),
    ),
    "KSDD": (
        "Kerja sama dengan pemerintah daerah lain di Indonesia (provinsi, kabupaten, atau kota).",
        "Contoh: pengelolaan TPA Regional Banjarbakula bersama Kota Banjarbaru dan Kota Banjarmasin.",
        kind_citation("KSDD"),
    ),
    "KSDPK": (
        "Kerja sama dengan pihak ketiga: perseorangan, badan usaha berbadan hukum (termasuk BUMN/BUMD), "
        "organisasi kemasyarakatan, atau perguruan tinggi. Memerlukan studi kelayakan sebelum KSB/PKS.",
        "Contoh: RSUD Ratu Zalecha bersama Universitas Lambung Mangkurat untuk pendayagunaan dokter spesialis.",
        kind_citation("KSDPK"),
    ),
    "KSDPL": (
        "Kerja sama dengan pemerintah daerah di luar negeri, misalnya kabupaten kembar (sister city), untuk "
        "pertukaran budaya, iptek, peningkatan kapasitas, atau promosi potensi daerah. Memerlukan persetujuan "
        "Pemerintah.",
        "Contoh: kabupaten kembar dengan sebuah pemerintah daerah di Malaysia untuk promosi wisata religi.",
        kind_citation("KSDPL"),
    ),
    "KSDLL": (
        "Kerja sama dengan lembaga di luar negeri, misalnya lembaga pembangunan atau lembaga donor "
        "internasional. Memerlukan persetujuan Pemerintah.",
        "Contoh: pendampingan pengelolaan air bersih bersama lembaga kerja sama pembangunan Jepang (JICA).",
        kind_citation("KSDLL"),
    ),
}

KSDD_HELP = {
    "wajib": (
        "Antara daerah yang berbatasan, untuk urusan yang memiliki eksternalitas lintas daerah dan "
        "pelayanan publik yang lebih efisien bila dikelola bersama. Mitra harus daerah yang berbatasan "
        "atau provinsi sendiri, dan eksternalitasnya wajib diuraikan.",
        cite("ksdd_categories"),
    ),
    "sukarela": (
        "Antara daerah yang berbatasan maupun tidak berbatasan, untuk urusan yang dinilai lebih efektif "
        "dan efisien bila dilaksanakan bersama.",
        cite("ksdd_categories"),
    ),
}

#: The four points come from PP 28/2018's provision on the objek of kerja sama (not UU 23/2014 Pasal 363).
COMPLIANCE_CITATION = cite("object_limits")
#: Why the form is filled in at all (issue 14 point 1): a duty for kerja sama wajib, good practice otherwise.
MAPPING_BASIS_HELP = (
    "Pemetaan urusan yang akan dikerjasamakan diwajibkan bagi daerah yang akan melaksanakan kerja sama wajib "
    "(PP 28/2018 Pasal 5 ayat (1); Permendagri 22/2020 Pasal 5 ayat (1)); untuk jenis kerja sama lainnya, "
    "pemetaan dilakukan sebagai praktik yang dianjurkan Kementerian Dalam Negeri."
)

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
