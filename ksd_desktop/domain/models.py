"""Entities of the data dictionary (docs/domain.md) as plain dataclasses.

Field names are the dictionary's keys: the same names are the SQLite columns, the JSON keys
and the widgets' objectNames. Enumerations store the key; labels are display text in
formal Bahasa Indonesia (the GUI passes them through Qt's translation).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum


class Kind(StrEnum):
    """Jenis kerja sama: the five categories used in practice, each cited to its own provision
    (domain/law.py KIND_CITATIONS); UU 23/2014 Pasal 363 ayat (2) names three kinds of *partner*."""

    SINERGI = "SINERGI"
    KSDD = "KSDD"
    KSDPK = "KSDPK"
    KSDPL = "KSDPL"
    KSDLL = "KSDLL"


class KsddCategory(StrEnum):
    WAJIB = "wajib"
    SUKARELA = "sukarela"


class KsdpkForm(StrEnum):
    """Bentuk KSDPK as Permendagri 22/2020 names them (law.CITATIONS["ksdpk_forms"]): penyediaan
    pelayanan publik, pengelolaan aset (pemanfaatan BMD), investasi, kerja sama lain; KPBU is the
    infrastructure variant of pelayanan publik with its own rules (Perpres 38/2015).
    Pengadaan barang/jasa is *not* a form of KSDPK (it is a route outside KSD): see LEGACY_KSDPK_FORMS."""

    PELAYANAN_PUBLIK = "pelayanan_publik"
    PEMANFAATAN_BMD = "pemanfaatan_bmd"
    KPBU = "kpbu"
    INVESTASI = "investasi"
    LAINNYA = "lainnya"


#: Values older versions offered as a KSDPK form. Drafts were moved to ``lainnya`` by a migration
#: (storage/migrations.py); a *signed* form keeps what its head signed (a signature is never
#: rewritten), is still read and verified, and must choose another form when it is revised.
LEGACY_KSDPK_FORMS = ("pengadaan",)
#: The first year one can map: PP 28/2018 took effect in 2018 (domain/validation.py enforces it).
MIN_YEAR = 2018


class Financing(StrEnum):
    APBD = "apbd"
    MITRA = "mitra"
    BERSAMA = "bersama"
    LAINNYA = "lainnya"


class Priority(StrEnum):
    TINGGI = "tinggi"
    SEDANG = "sedang"
    RENDAH = "rendah"


class Stage(StrEnum):
    """Tahapan after the mapping, in order (ksd-law.md "Stages"; Banjar adds studi kelayakan and KAK).
    NK is the Sinergi document (PP 28/2018 Pasal 46); persetujuan DPRD only when required
    (domain/validation.py warns when it may be)."""

    USULAN = "usulan"
    PENAWARAN = "penawaran"
    STUDI_KELAYAKAN = "studi_kelayakan"
    KAK = "kak"
    KSB = "ksb"
    NK = "nk"
    PERSETUJUAN_DPRD = "persetujuan_dprd"
    PKS = "pks"
    PELAKSANAAN = "pelaksanaan"
    MONEV = "monev"
    BERAKHIR = "berakhir"


class ReviewStatus(StrEnum):
    BELUM_DINILAI = "belum_dinilai"
    SESUAI = "sesuai"
    TIDAK_SESUAI = "tidak_sesuai"


class ReviewRoute(StrEnum):
    KERJA_SAMA_INTERNAL = "kerja_sama_internal"
    PENGADAAN_BARANG_JASA = "pengadaan_barang_jasa"
    SWAKELOLA = "swakelola"
    LAINNYA = "lainnya"


class PartnerCategory(StrEnum):
    PEMDA = "pemda"
    KEMENTERIAN_LEMBAGA = "kementerian_lembaga"
    BUMN_BUMD = "bumn_bumd"
    BADAN_USAHA = "badan_usaha"
    PERSEORANGAN = "perseorangan"
    ORMAS = "ormas"
    PERGURUAN_TINGGI = "perguruan_tinggi"
    PEMDA_LUAR_NEGERI = "pemda_luar_negeri"
    LEMBAGA_LUAR_NEGERI = "lembaga_luar_negeri"


class FormStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"


#: Prefixes of the signature block (Permendagri 1/2023; domain/signing.py has the rule per case).
SIGNER_PREFIXES = ("", "a.n.", "Plt.", "Plh.", "Pj.")

#: Which partner categories fit which kind (data dictionary, "Which categories fit which kind").
ALLOWED_CATEGORIES: dict[Kind, frozenset[PartnerCategory]] = {
    Kind.SINERGI: frozenset({PartnerCategory.KEMENTERIAN_LEMBAGA}),
    Kind.KSDD: frozenset({PartnerCategory.PEMDA}),
    Kind.KSDPK: frozenset(
        {
            PartnerCategory.BUMN_BUMD,
            PartnerCategory.BADAN_USAHA,
            PartnerCategory.PERSEORANGAN,
            PartnerCategory.ORMAS,
            PartnerCategory.PERGURUAN_TINGGI,
        }
    ),
    Kind.KSDPL: frozenset({PartnerCategory.PEMDA_LUAR_NEGERI}),
    Kind.KSDLL: frozenset({PartnerCategory.LEMBAGA_LUAR_NEGERI}),
}

LABELS: dict[str, str] = {
    # Kinds: one spelling everywhere (wizard, form, Laporan); KIND_SHORT in domain/recap.py for running text
    "SINERGI": "Sinergi Program Pembangunan Pusat dan Daerah",
    "KSDD": "Kerja Sama Daerah dengan Daerah Lain",
    "KSDPK": "Kerja Sama Daerah dengan Pihak Ketiga",
    "KSDPL": "Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri",
    "KSDLL": "Kerja Sama Daerah dengan Lembaga di Luar Negeri",
    # KSDD categories
    "wajib": "Wajib",
    "sukarela": "Sukarela",
    # KSDPK forms (Permendagri 22/2020)
    "pelayanan_publik": "Penyediaan pelayanan publik",
    "pemanfaatan_bmd": "Pengelolaan aset daerah (pemanfaatan barang milik daerah)",
    "kpbu": "Penyediaan infrastruktur (KPBU)",
    "investasi": "Investasi",
    "pengadaan": "Pengadaan barang/jasa (bukan bentuk KSDPK; pilih bentuk lain saat revisi)",
    # Financing
    "apbd": "APBD",
    "mitra": "Mitra",
    "bersama": "Bersama (APBD dan mitra)",
    # Priority
    "tinggi": "Tinggi",
    "sedang": "Sedang",
    "rendah": "Rendah",
    # Stage
    "usulan": "Usulan (hasil pemetaan)",
    "penawaran": "Penawaran kerja sama",
    "studi_kelayakan": "Studi kelayakan",
    "kak": "Kerangka Acuan Kerja (KAK)",
    "ksb": "Kesepakatan Bersama (KSB)",
    "nk": "Nota Kesepakatan (NK)",
    "persetujuan_dprd": "Persetujuan DPRD",
    "pks": "Perjanjian Kerja Sama (PKS)",
    "pelaksanaan": "Pelaksanaan",
    "monev": "Monitoring dan evaluasi",
    "berakhir": "Berakhir",
    # Review
    "belum_dinilai": "Belum dinilai",
    "sesuai": "Sesuai kriteria",
    "tidak_sesuai": "Tidak sesuai",
    "kerja_sama_internal": "Kerja sama internal antarperangkat daerah",
    "pengadaan_barang_jasa": "Pengadaan barang/jasa (di luar KSD)",
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
    "pic_name": "Nama Narahubung",
    "pic_position": "Jabatan Narahubung",
    "pic_phone": "Nomor Telepon/WA",
    "pic_email": "Surel",
    "status": "Status",
    "signer_name": "Nama Penandatangan (dengan gelar)",
    "signer_nip": "NIP",
    "signer_rank": "Pangkat/Golongan",
    "signer_position": "Jabatan Penandatangan",
    "signer_prefix": "Awalan (a.n. / Plt. / Plh. / Pj.)",
    "signed_place": "Tempat",
    "signed_date": "Tanggal",
    "content_hash": "Kode verifikasi (SHA-256)",
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


def new_uuid() -> str:
    import uuid  # here: the uuid module imports platform (10 ms), and the main window shows data without it

    return str(uuid.uuid4())


@dataclass
class Partner:
    """Calon Mitra: one of a proposal's potential partners."""

    uuid: str = field(default_factory=new_uuid)
    proposal_uuid: str = ""
    seq: int = 1
    name: str = ""
    category: str = ""
    region_code: str | None = None
    contact: str | None = None


@dataclass
class Proposal:
    """Usulan Kerja Sama: one need of an agency and how it would cooperate on it."""

    uuid: str = field(default_factory=new_uuid)
    form_uuid: str = ""
    seq: int = 1
    urusan_code: str = ""
    program: str | None = None
    problem: str = ""
    potential: str | None = None
    object: str = ""
    kind: str = ""
    ksdd_category: str | None = None
    externality: str | None = None
    ksdpk_form: str | None = None
    benefits: str = ""
    rpjmd_alignment: str | None = None
    legal_basis: str | None = None
    financing: str = ""
    priority: str = ""
    stage: str = Stage.USULAN.value
    existing_documents: str | None = None
    compliance_confirmed: bool = False
    review_status: str = ReviewStatus.BELUM_DINILAI.value
    review_route: str | None = None
    review_note: str | None = None
    notes: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    partners: list[Partner] = field(default_factory=list)


@dataclass
class Form:
    """Formulir Pemetaan: one per perangkat daerah per year."""

    uuid: str = field(default_factory=new_uuid)
    agency_code: str = ""
    year: int = 0
    pic_name: str = ""
    pic_position: str = ""
    pic_phone: str | None = None
    pic_email: str | None = None
    status: str = FormStatus.DRAFT.value
    signer_name: str | None = None
    signer_nip: str | None = None
    signer_rank: str | None = None
    signer_position: str | None = None
    signer_prefix: str = ""
    signed_place: str | None = None
    signed_date: str | None = None
    content_hash: str | None = None
    revision: int = 1
    revision_reason: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    origin_device: str | None = None
    proposals: list[Proposal] = field(default_factory=list)

    @property
    def is_signed(self) -> bool:
        return self.status == FormStatus.SIGNED


def column_names(cls: type) -> list[str]:
    """The stored columns of an entity: its fields minus the nested lists."""
    return [f.name for f in fields(cls) if f.name not in ("proposals", "partners")]


FORM_COLUMNS = column_names(Form)
PROPOSAL_COLUMNS = column_names(Proposal)
PARTNER_COLUMNS = column_names(Partner)

REVIEW_FIELDS = ("review_status", "review_route", "review_note")
#: Left out of the canonical content (data dictionary, "Canonical content and its hash").
NON_CONTENT_FIELDS = frozenset({"status", "content_hash", "created_at", "updated_at", "origin_device", *REVIEW_FIELDS})
FORM_CONTENT_COLUMNS = [c for c in FORM_COLUMNS if c not in NON_CONTENT_FIELDS]
PROPOSAL_CONTENT_COLUMNS = [c for c in PROPOSAL_COLUMNS if c not in NON_CONTENT_FIELDS]
PARTNER_CONTENT_COLUMNS = [c for c in PARTNER_COLUMNS if c not in NON_CONTENT_FIELDS]


@dataclass(frozen=True)
class Agency:
    """A perangkat daerah; the ``kop_*`` fields feed its letterhead (empty when not known)."""

    code: str
    name: str
    short_name: str = ""
    urusan_codes: tuple[str, ...] = ()
    active: bool = True
    kop_address: str = ""
    kop_phone: str = ""
    kop_email: str = ""
    kop_website: str = ""
    kop_logo: str = ""


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    province_code: str
