"""The regulations the app cites, as data: one table, one place to correct a citation.

Every citation names its regulation, article (Pasal), ayat/angka/huruf, and how sure we are
of it (``checked``):

- ``text``: the wording was read in the regulation text itself (a copy of the official
  text: peraturan.info, vdokumen, pasal.id, 123dok; see the comment on each row);
- ``secondary``: the content was read in a faithful secondary source that quotes the
  regulation (a pemda's page, a Kemendagri socialisation deck), the article number was not
  seen in the text: printed without a claim stronger than that source makes;
- ``derived``: worked out from a structure that was seen (e.g. the order of the Lampiran of
  UU 23/2014 follows the order of its Pasal 12).

Texts printed on a form, in the wizard or in the Laporan take their regulation names and
articles from here (``cite``, ``full_name``), so the form names a regulation in full the
first time (``Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah``) and
short afterwards (``PP 28/2018``). tests/domain/test_law.py pins the table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regulation:
    key: str
    short: str  # "PP 28/2018"
    full: str  # "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah"


REGULATIONS: dict[str, Regulation] = {
    r.key: r
    for r in (
        # Title confirmed in UU 23/2014's own citation inside PP 28/2018's "Mengingat" (peraturan.info/pp/2018/28).
        Regulation("UU23_2014", "UU 23/2014", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"),
        # Title confirmed: peraturan.info/pp/2018/28 (text of the PP, "Menimbang" and title page).
        Regulation("PP28_2018", "PP 28/2018", "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah"),
        # Title confirmed: vdokumen.com copy of the Permendagri (title page and "Menimbang").
        Regulation(
            "PERMENDAGRI22_2020",
            "Permendagri 22/2020",
            "Peraturan Menteri Dalam Negeri Nomor 22 Tahun 2020 tentang Tata Cara Kerja Sama Daerah dengan "
            "Daerah Lain dan Kerja Sama Daerah dengan Pihak Ketiga",
        ),
        # Title confirmed: 123dok.com copy of the salinan (title page and "Menimbang": implements PP 28/2018 Pasal 35 and 42).
        Regulation(
            "PERMENDAGRI25_2020",
            "Permendagri 25/2020",
            "Peraturan Menteri Dalam Negeri Nomor 25 Tahun 2020 tentang Tata Cara Kerja Sama Daerah dengan "
            "Pemerintah Daerah di Luar Negeri dan Kerja Sama Daerah dengan Lembaga di Luar Negeri",
        ),
        # Title confirmed: pasal.id, Permendagri No. 1 Tahun 2023, article 44.
        Regulation(
            "PERMENDAGRI1_2023",
            "Permendagri 1/2023",
            "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan "
            "Pemerintah Daerah",
        ),
        # From the project's domain brief (docs/domain.md); the text was not seen here.
        Regulation(
            "PERMENDAGRI90_2019",
            "Permendagri 90/2019",
            "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan "
            "Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah",
        ),
        Regulation(
            "PERMENDAGRI19_2016",
            "Permendagri 19/2016",
            "Peraturan Menteri Dalam Negeri Nomor 19 Tahun 2016 tentang Pedoman Pengelolaan Barang Milik Daerah",
        ),
        Regulation(
            "PERPRES38_2015",
            "Perpres 38/2015",
            "Peraturan Presiden Nomor 38 Tahun 2015 tentang Kerja Sama Pemerintah dengan Badan Usaha dalam "
            "Penyediaan Infrastruktur",
        ),
        Regulation(
            "PERPRES16_2018",
            "Perpres 16/2018 jo. Perpres 12/2021",
            "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana telah "
            "diubah dengan Peraturan Presiden Nomor 12 Tahun 2021",
        ),
        Regulation(
            "PP71_2019",
            "PP 71/2019",
            "Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan Transaksi Elektronik",
        ),
        Regulation(
            "UU11_2008",
            "UU ITE",
            "Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik sebagaimana telah "
            "diubah terakhir dengan Undang-Undang Nomor 1 Tahun 2024",
        ),
        # Brief (Banjar's own page); the text was not seen here.
        Regulation(
            "PERDA_BANJAR2_2016",
            "Perda Kabupaten Banjar 2/2016",
            "Peraturan Daerah Kabupaten Banjar Nomor 2 Tahun 2016 tentang Kerja Sama Daerah",
        ),
        # Kemendagri's guideline: not a regulation, named as its publisher names it.
        Regulation(
            "PEDOMAN_PEMETAAN",
            "Pedoman Pemetaan Kemendagri",
            "Pedoman Pemetaan Urusan Pemerintahan dalam rangka Kerja Sama Daerah (Direktorat Jenderal Bina "
            "Administrasi Kewilayahan, Kementerian Dalam Negeri)",
        ),
    )
}


@dataclass(frozen=True)
class Citation:
    key: str
    regulation: str  # key in REGULATIONS
    article: str | None  # "Pasal 5", "Lampiran huruf BB"; None when the article was not confirmed
    part: str | None  # "ayat (1)", "angka 1", "ayat (3) sampai dengan ayat (5)"
    about: str  # what the provision says, in a few words (Indonesian)
    checked: str  # "text", "secondary" or "derived" (module docstring)

    @property
    def where(self) -> str:
        return " ".join(x for x in (self.article, self.part) if x)

    def short(self) -> str:
        """``PP 28/2018 Pasal 1 angka 2``."""
        return " ".join(x for x in (REGULATIONS[self.regulation].short, self.where) if x)

    def full(self) -> str:
        """``Pasal 1 angka 2 Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah``."""
        name = REGULATIONS[self.regulation].full
        return f"{self.where} {name}" if self.where else name


CITATIONS: dict[str, Citation] = {
    c.key: c
    for c in (
        # Text: peraturan.info/pp/2018/28, Pasal 1 angka 1 ("usaha bersama antara daerah dan daerah lain, antara
        # daerah dan pihak ketiga, dan/atau antara daerah dan lembaga atau pemerintah daerah di luar negeri ...").
        Citation(
            "ksd",
            "PP28_2018",
            "Pasal 1",
            "angka 1",
            "pengertian kerja sama daerah: mitra daerah lain, pihak ketiga, lembaga atau pemerintah daerah di "
            "luar negeri",
            "text",
        ),
        # Text: UU 23/2014 Pasal 363 ayat (2) as quoted in full on kompasiana (sumarlinjendelahukum, 2022):
        # "dapat dilakukan oleh Daerah dengan daerah lain, pihak ketiga, dan/atau lembaga atau pemerintah daerah di
        # luar negeri". Three kinds of partner, not five kinds of cooperation (the old citation was wrong).
        Citation(
            "partners",
            "UU23_2014",
            "Pasal 363",
            "ayat (2)",
            "tiga golongan mitra: daerah lain, pihak ketiga, lembaga atau pemerintah daerah di luar negeri",
            "text",
        ),
        # Text: peraturan.info/pp/2018/28, Pasal 1 angka 2 (KSDD) and angka 3 (KSDPK); angka 4 (KSDPL) begins there.
        Citation("KSDD", "PP28_2018", "Pasal 1", "angka 2", "pengertian KSDD", "text"),
        Citation("KSDPK", "PP28_2018", "Pasal 1", "angka 3", "pengertian KSDPK", "text"),
        Citation("KSDPL", "PP28_2018", "Pasal 1", "angka 4", "pengertian KSDPL", "text"),
        # Derived: the angka after KSDPL (angka 4) in the same list; not seen.
        Citation("KSDLL", "PP28_2018", "Pasal 1", "angka 5", "pengertian KSDLL", "derived"),
        # Secondary: kompasiana (sumarlinjendelahukum, 2022) states that "berdasarkan ketentuan Pasal 46 PP 28/2018"
        # cooperation between a pemda and the central government takes the form of Sinergi perencanaan dan
        # pelaksanaan pembangunan through a Nota Kesepakatan with a rencana aksi in its annex.
        Citation(
            "SINERGI",
            "PP28_2018",
            "Pasal 46",
            None,
            "sinergi program pembangunan pusat dan daerah melalui Nota Kesepakatan beserta rencana aksi",
            "secondary",
        ),
        # Secondary: the duty to map "urusan pemerintahan yang akan dikerjasamakan berdasarkan potensi dan
        # karakteristik daerah" is placed on a daerah that will carry out kerja sama wajib (brief; Banjar's 2024
        # socialisation, habarkalimantan.com 20-02-2024, quotes the duty without the article).
        Citation(
            "mapping_pp",
            "PP28_2018",
            "Pasal 5",
            "ayat (1)",
            "daerah yang akan melaksanakan kerja sama wajib melakukan identifikasi dan pemetaan urusan pemerintahan",
            "secondary",
        ),
        Citation(
            "mapping_permendagri",
            "PERMENDAGRI22_2020",
            "Pasal 5",
            "ayat (1)",
            "identifikasi dan pemetaan urusan pemerintahan yang akan dikerjasamakan (KSDD)",
            "secondary",
        ),
        # The other kinds are mapped as good practice (Kemendagri's pedoman), not as that legal duty.
        Citation(
            "mapping_practice",
            "PEDOMAN_PEMETAAN",
            None,
            None,
            "pemetaan sebagai praktik yang dianjurkan untuk seluruh jenis kerja sama",
            "secondary",
        ),
        # Secondary: the 2020 Kemendagri socialisation deck (slideshare, "Sosialisasi Permendagri 22/2020") lists the
        # four variants of kerja sama wajib and the definition of kerja sama sukarela; article not seen.
        Citation(
            "ksdd_categories",
            "PERMENDAGRI22_2020",
            None,
            None,
            "KSDD wajib (daerah berbatasan, eksternalitas lintas daerah) dan sukarela",
            "secondary",
        ),
        # Secondary: kerjasama.bandung.go.id/ksdn/ksdd paraphrases PP 28/2018: the objek "tidak boleh bertentangan
        # dengan kesusilaan, ketertiban umum, kepentingan nasional, dan/atau ketentuan peraturan perundang-undangan".
        # It is PP 28/2018's provision on the objek of kerja sama (the old citation, UU 23/2014 Pasal 363, was
        # wrong); the article number was not seen, so none is printed.
        Citation(
            "object_limits",
            "PP28_2018",
            None,
            None,
            "objek kerja sama tidak bertentangan dengan ketertiban umum, kesusilaan, kepentingan nasional dan "
            "peraturan perundang-undangan",
            "secondary",
        ),
        # Secondary: same page: DPRD approval when the KSDD "membebani masyarakat dan daerah dan/atau pendanaan KSDD
        # belum teranggarkan dalam APBD tahun anggaran berjalan". For KSDPK the brief marks it UNSURE (warning).
        Citation(
            "dprd_approval",
            "PP28_2018",
            None,
            None,
            "persetujuan DPRD bila membebani masyarakat dan daerah dan/atau belum teranggarkan dalam APBD",
            "secondary",
        ),
        # Secondary: the list of KSDPK forms (penyediaan pelayanan publik; pengelolaan aset untuk meningkatkan nilai
        # tambah; investasi; kerja sama lain yang tidak bertentangan dengan peraturan) as pemda guidelines quote
        # Permendagri 22/2020 (Pergub Sumut 10/2024 summary on peraturan.bpk.go.id: "Klasifikasi, Objek KSDPK").
        Citation("ksdpk_forms", "PERMENDAGRI22_2020", None, None, "bentuk/objek KSDPK", "secondary"),
        Citation(
            "KSDPL_KSDLL", "PERMENDAGRI25_2020", None, None, "tata cara KSDPL dan KSDLL; persetujuan Pemerintah", "text"
        ),
        # Text: pasal.id, Permendagri 1/2023 Pasal 44 ayat (1)-(5), read in full:
        # (3) pejabat selain Kepala Daerah, Wakil Kepala Daerah dan Sekretaris Daerah: gelar, NIP, pangkat/golongan;
        # (4) penjabat, penjabat sementara, pelaksana tugas, pelaksana harian Kepala Daerah: tanpa gelar, NIP, pangkat;
        # (5) penjabat dan pelaksana harian Sekretaris Daerah: tanpa gelar, NIP, pangkat/golongan.
        Citation("signature", "PERMENDAGRI1_2023", "Pasal 44", None, "penulisan nama penanda tangan", "text"),
        Citation(
            "signature_others",
            "PERMENDAGRI1_2023",
            "Pasal 44",
            "ayat (3)",
            "pejabat selain kepala daerah, wakil dan sekda: gelar, NIP dan pangkat/golongan",
            "text",
        ),
        Citation(
            "signature_acting_head",
            "PERMENDAGRI1_2023",
            "Pasal 44",
            "ayat (4)",
            "Pj., Pjs., Plt. dan Plh. kepala daerah: tanpa gelar, NIP dan pangkat/golongan",
            "text",
        ),
        Citation(
            "signature_acting_sekda",
            "PERMENDAGRI1_2023",
            "Pasal 44",
            "ayat (5)",
            "Pj. dan Plh. sekretaris daerah: tanpa gelar, NIP dan pangkat/golongan",
            "text",
        ),
        # From the project's domain brief (docs/domain.md, "Sign-off"); not seen here.
        Citation(
            "tte_certified",
            "PP71_2019",
            "Pasal 60",
            None,
            "tanda tangan elektronik tersertifikasi dibuat dengan sertifikat dari PSrE Indonesia",
            "secondary",
        ),
        # UU ITE Pasal 5 ayat (1): "Informasi Elektronik dan/atau Dokumen Elektronik dan/atau hasil cetaknya merupakan
        # alat bukti hukum yang sah" — the sentence BSrE-signed documents of pemda print in their footer.
        Citation(
            "tte_evidence",
            "UU11_2008",
            "Pasal 5",
            "ayat (1)",
            "dokumen elektronik dan hasil cetaknya merupakan alat bukti hukum yang sah",
            "secondary",
        ),
        # Brief (reference-data.md): the 32 concurrent urusan in three groups.
        Citation(
            "urusan",
            "UU23_2014",
            "Pasal 12",
            None,
            "urusan wajib (pelayanan dasar, non-pelayanan dasar) dan pilihan",
            "secondary",
        ),
        Citation("urusan_codes", "PERMENDAGRI90_2019", None, None, "kode urusan pemerintahan", "secondary"),
        # Derived: the Lampiran of UU 23/2014 divides each urusan between pusat, provinsi and kabupaten/kota in the
        # order of Pasal 12 (A pendidikan … Z pariwisata, AA pertanian, BB kehutanan, CC ESDM, …); there a kabupaten
        # keeps only Tahura (kehutanan) and direct geothermal use permits (ESDM).
        Citation(
            "urusan_kehutanan",
            "UU23_2014",
            "Lampiran",
            "huruf BB",
            "pembagian urusan kehutanan: kabupaten/kota hanya pengelolaan taman hutan raya",
            "derived",
        ),
        Citation(
            "urusan_esdm",
            "UU23_2014",
            "Lampiran",
            "huruf CC",
            "pembagian urusan ESDM: kabupaten/kota hanya izin pemanfaatan langsung panas bumi",
            "derived",
        ),
        Citation("pemanfaatan_bmd", "PERMENDAGRI19_2016", None, None, "pemanfaatan barang milik daerah", "secondary"),
        Citation("kpbu", "PERPRES38_2015", None, None, "KPBU dalam penyediaan infrastruktur", "secondary"),
        Citation(
            "pengadaan", "PERPRES16_2018", None, None, "pengadaan barang/jasa pemerintah (di luar KSD)", "secondary"
        ),
    )
}


def cite(key: str) -> str:
    """The short citation of ``key``: ``PP 28/2018 Pasal 1 angka 2``."""
    return CITATIONS[key].short()


def cite_full(key: str) -> str:
    return CITATIONS[key].full()


def short_name(regulation: str) -> str:
    return REGULATIONS[regulation].short


def full_name(regulation: str) -> str:
    return REGULATIONS[regulation].full


def cite_many(*keys: str) -> str:
    """``PP 28/2018 Pasal 1 angka 2; Permendagri 22/2020``."""
    return "; ".join(cite(k) for k in keys)


class FirstMention:
    """Names each regulation in full the first time, short afterwards (one per document)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def name(self, regulation: str) -> str:
        reg = REGULATIONS[regulation]
        if regulation in self.seen:
            return reg.short
        self.seen.add(regulation)
        return f"{reg.full} ({reg.short})"

    def cite(self, key: str) -> str:
        c = CITATIONS[key]
        name = self.name(c.regulation)
        return f"{c.where} {name}" if c.where else name


#: Why an agency maps at all, as the form, the wizard and the Laporan state it (issue 14, point 1):
#: the legal duty belongs to kerja sama wajib; the other kinds are mapped as good practice.
def mapping_basis(first: FirstMention | None = None) -> str:
    f = first or FirstMention()
    pp, permen = CITATIONS["mapping_pp"], CITATIONS["mapping_permendagri"]
    # The pedoman is named once, in full (its full name already says it is Kemendagri's): no "(short)" after it.
    guide = REGULATIONS["PEDOMAN_PEMETAAN"]
    guide_name = guide.short if guide.key in f.seen else guide.full
    f.seen.add(guide.key)
    return (
        f"Pemetaan urusan pemerintahan yang akan dikerjasamakan diwajibkan bagi daerah yang akan melaksanakan "
        f"kerja sama wajib ({pp.where} {f.name(pp.regulation)}; {permen.where} {f.name(permen.regulation)}); "
        f"untuk jenis kerja sama lainnya, pemetaan dilakukan sebagai praktik yang dianjurkan dalam {guide_name}."
    )


def mapping_basis_short() -> str:
    """One line for a small space (the wizard's first page)."""
    return (
        f"Wajib bagi kerja sama wajib ({cite('mapping_pp')}; {cite('mapping_permendagri')}); untuk jenis "
        "lainnya dianjurkan sebagai praktik baik (pedoman pemetaan Kemendagri)."
    )


#: Citations of the five kinds (each to its own provision, not the partner list of UU 23/2014 Pasal 363).
KIND_CITATIONS = {"SINERGI": "SINERGI", "KSDD": "KSDD", "KSDPK": "KSDPK", "KSDPL": "KSDPL", "KSDLL": "KSDLL"}


def kind_citation(kind: str, first: FirstMention | None = None) -> str:
    """``PP 28/2018 Pasal 1 angka 3; Permendagri 22/2020`` for KSDPK, and so on; with ``first``
    (one per document) a regulation not named before is written out in full."""
    regulation = {
        "KSDD": "PERMENDAGRI22_2020",
        "KSDPK": "PERMENDAGRI22_2020",
        "KSDPL": "PERMENDAGRI25_2020",
        "KSDLL": "PERMENDAGRI25_2020",
    }.get(kind)
    if first is not None:
        base = first.cite(KIND_CITATIONS[kind]) if kind in KIND_CITATIONS else ""
        extra = first.name(regulation) if regulation else ""
    else:
        base = cite(KIND_CITATIONS[kind]) if kind in KIND_CITATIONS else ""
        extra = short_name(regulation) if regulation else ""
    return "; ".join(x for x in (base, extra) if x)


#: The Laporan's "Dasar Hukum" list (I.D), in the order of the hierarchy of regulations.
LAPORAN_BASIS = (
    "UU23_2014",
    "PP28_2018",
    "PERMENDAGRI22_2020",
    "PERMENDAGRI25_2020",
    "PERMENDAGRI90_2019",
    "PERMENDAGRI1_2023",
    "PERDA_BANJAR2_2016",
)

#: The established footer of a document signed with a BSrE certificate (issue 14, point 11).
TTE_FOOTER = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan "
    "oleh Balai Sertifikasi Elektronik (BSrE), BSSN."
)
TTE_FOOTER_LAW = (
    "Sesuai Pasal 5 ayat (1) UU ITE, informasi elektronik dan/atau dokumen elektronik dan/atau hasil "
    "cetaknya merupakan alat bukti hukum yang sah."
)
TTE_FOOTER_LINES = (TTE_FOOTER, TTE_FOOTER_LAW)
