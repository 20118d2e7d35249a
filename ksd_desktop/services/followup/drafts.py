"""Drafts of the next documents, pre-filled from a proposal, for the official to finish in Word.

    write_draft(db, proposal_uuid, "kak", "KAK-DINKES-1.docx")
    write_draft(db, proposal_uuid, "studi_kelayakan", out)     # KSDPK only
    write_draft(db, proposal_uuid, "surat_penawaran", out)

- **Kerangka Acuan Kerja** (the agency's kop; latar belakang = the mapped problem, dasar hukum,
  maksud dan tujuan, objek dan ruang lingkup, manfaat, para pihak dan perannya, pembiayaan,
  jadwal, penutup, signed by the head of the agency);
- **Studi Kelayakan** outline for a KSDPK (cover, the chapters of a feasibility study with what
  each must answer, and the *lembar pengesahan* of the head of the agency, as in the format used
  by pemda under Permendagri 22/2020);
- **Surat penawaran** from the head of the region to the calon mitra in the naskah dinas manner of
  Permendagri 1/2023: kop, place and date, Nomor / Sifat / Lampiran / Hal, Yth., the three parts of
  the body, the signature block and Tembusan; the rencana kerja sama follows as its Lampiran.

What the official must still decide is a highlighted ``[isi: …]``. The file is written atomically;
its core properties name the proposal (keywords ``ksd-proposal:<uuid>``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.models import label
from ...domain.nip import format_nip
from ...storage.followup_repo import FollowupRepository
from ...storage.repositories import FormRepository, ReferenceRepository, SettingsRepository
from ..errors import ServiceError
from ..files import write_atomically
from . import draft_texts as t

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .docx_kit import Draft

DRAFTS = {
    "kak": "Kerangka Acuan Kerja",
    "studi_kelayakan": "Kerangka Studi Kelayakan",
    "surat_penawaran": "Surat Penawaran Kerja Sama",
}


class DraftError(ServiceError):
    """The draft could not be made; the message says why."""


def draft_facts(db: Database, proposal_uuid: str) -> t.DraftFacts:
    """The proposal with its form, agency, urusan, partners and the settings of the kop."""
    forms = FormRepository(db, device="-")
    ref = FollowupRepository(db, device="-").proposal(proposal_uuid)
    form_uuid = ref.form_uuid if ref else None
    form = forms.get(form_uuid) if form_uuid else None
    proposal = next((p for p in form.proposals if p.uuid == proposal_uuid), None) if form else None
    if form is None or proposal is None:
        raise DraftError("Usulan tidak ditemukan; muat ulang daftar usulan.")
    reference, settings = ReferenceRepository(db), SettingsRepository(db)
    agencies = {a.code: a.name for a in reference.agencies()}
    urusan = {code: name for code, name, _ in reference.urusan()}
    regions = {r.code: r for r in reference.regions()}
    home = regions.get(settings.get("home_region_code"))
    province = regions.get(home.province_code) if home else None
    partners = tuple(
        t.PartnerFact(p.name, p.category or "", regions[p.region_code].name if p.region_code in regions else "")
        for p in proposal.partners
    )
    return t.DraftFacts(
        proposal_uuid=proposal.uuid,
        year=form.year,
        seq=proposal.seq,
        agency_name=agencies.get(form.agency_code, form.agency_code),
        region_title=str(settings.get("region_title") or ""),
        region_name=home.name if home else "",
        place=str(settings.get("default_signed_place") or ""),
        letterhead_lines=tuple(str(x) for x in settings.get("letterhead_lines") or ()),
        logo_path=settings.get("logo_path"),
        urusan=f"{proposal.urusan_code} {urusan.get(proposal.urusan_code, '')}".strip(),
        program=proposal.program or "",
        problem=proposal.problem or "",
        potential=proposal.potential or "",
        object=proposal.object or "",
        kind=proposal.kind or "",
        ksdd_category=proposal.ksdd_category or "",
        externality=proposal.externality or "",
        ksdpk_form=proposal.ksdpk_form or "",
        benefits=proposal.benefits or "",
        rpjmd_alignment=proposal.rpjmd_alignment or "",
        legal_basis=proposal.legal_basis or "",
        financing=proposal.financing or "",
        partners=partners,
        signer_name=form.signer_name or "",
        signer_rank=form.signer_rank or "",
        signer_nip=format_nip(form.signer_nip) if form.signer_nip else "",
        signer_position=form.signer_position or "",
        extra={"province_name": province.name if province else ""},
    )


def default_name(facts: t.DraftFacts, kind: str, agency_code: str = "") -> str:
    stem = {"kak": "KAK", "studi_kelayakan": "Studi-Kelayakan", "surat_penawaran": "Surat-Penawaran"}[kind]
    code = f"-{agency_code}" if agency_code else ""
    return f"{stem}{code}-{facts.year}-usulan-{facts.seq}.docx"


# --------------------------------------------------------------------------- the documents


def _new(facts: t.DraftFacts, kind: str) -> Draft:
    from .docx_kit import Draft

    title = f"{DRAFTS[kind]}: {facts.object}".strip()
    return Draft(
        title,
        f"Draf {DRAFTS[kind]} dari hasil pemetaan {facts.region_name} {facts.year}",
        f"ksd-proposal:{facts.proposal_uuid}; {kind}",
    )


def _agency_kop(d: Draft, facts: t.DraftFacts) -> None:
    lines: list[tuple[str, float, bool]] = [
        (facts.region_title.upper(), 13, True),
        (facts.agency_name.upper(), 14, True),
    ]
    lines += [(line, 9.5, False) for line in facts.letterhead_lines[:3] if line.strip()]
    d.kop(lines, facts.logo_path)


def _agency_signature(d: Draft, facts: t.DraftFacts, place_date: str) -> None:
    position = (facts.signer_position or f"Kepala {facts.agency_name}").upper()
    name = facts.signer_name or t.placeholder("nama lengkap dengan gelar")
    d.signature(
        [place_date, f"{position},"],
        name,
        [
            facts.signer_rank or t.placeholder("pangkat/golongan"),
            f"NIP {facts.signer_nip}" if facts.signer_nip else f"NIP {t.placeholder('NIP')}",
        ],
    )


def _parties_title(facts: t.DraftFacts) -> str:
    return f"ANTARA {facts.government.upper()} DAN {facts.partner_names().upper()}"


def build_kak(facts: t.DraftFacts) -> Draft:
    d = _new(facts, "kak")
    _agency_kop(d, facts)
    d.para("KERANGKA ACUAN KERJA", align="center", bold=True, size=13, after=0)
    d.para(f"KERJA SAMA {facts.object}", align="center", bold=True, caps=True, after=0)
    d.para(_parties_title(facts), align="center", bold=True, after=14)
    d.heading("A. LATAR BELAKANG", before=0)
    for text in t.background(facts):
        d.para(text, first_line_cm=1.0)
    d.heading("B. DASAR HUKUM")
    d.numbered(t.legal_basis(facts))
    maksud, tujuan = t.purpose(facts)
    d.heading("C. MAKSUD DAN TUJUAN")
    d.para(maksud, first_line_cm=1.0)
    d.para(tujuan, first_line_cm=1.0)
    d.heading("D. OBJEK DAN RUANG LINGKUP")
    d.numbered(t.scope(facts))
    d.heading("E. MANFAAT DAN SASARAN")
    d.para(facts.benefits or t.placeholder("manfaat dan target terukur"), first_line_cm=1.0)
    if facts.rpjmd_alignment.strip():
        d.para(f"Keselarasan dengan RPJMD: {facts.rpjmd_alignment.strip()}", first_line_cm=1.0)
    d.heading("F. PARA PIHAK DAN PERAN PARA PIHAK")
    d.numbered([f"{party}: {role}." for party, role in t.roles(facts)])
    d.heading("G. PEMBIAYAAN")
    for text in t.financing(facts):
        d.para(text, first_line_cm=1.0)
    d.heading("H. JANGKA WAKTU DAN JADWAL PELAKSANAAN")
    d.para(
        f"Kerja sama direncanakan berlangsung selama {t.placeholder('jangka waktu')} sejak Perjanjian Kerja Sama "
        f"ditandatangani, dengan tahapan {t.placeholder('jadwal: penawaran, kesepakatan bersama, perjanjian, pelaksanaan')}.",
        first_line_cm=1.0,
    )
    d.heading("I. PENUTUP")
    d.para(
        "Kerangka Acuan Kerja ini disusun sebagai pedoman penyiapan kerja sama dan dapat disempurnakan sesuai hasil "
        "pembahasan dengan calon mitra.",
        first_line_cm=1.0,
        after=18,
    )
    _agency_signature(d, facts, f"{facts.place}, {t.placeholder('tanggal')}")
    return d


FEASIBILITY_CHAPTERS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "BAB II GAMBARAN OBJEK KERJA SAMA",
        [
            ("2.1 Kondisi Saat Ini", "kondisi objek, data layanan dan permasalahan terukur"),
            ("2.2 Potensi dan Sumber Daya Daerah", "aset, sumber daya manusia, anggaran yang tersedia"),
            ("2.3 Profil Calon Mitra", "legalitas, kemampuan teknis dan keuangan, pengalaman"),
        ],
    ),
    (
        "BAB III KAJIAN KELAYAKAN",
        [
            ("3.1 Aspek Teknis", "kebutuhan teknis, lokasi, teknologi, standar pelayanan"),
            ("3.2 Aspek Ekonomi dan Keuangan", "perkiraan biaya dan manfaat, skema pembiayaan, dampak terhadap APBD"),
            ("3.3 Aspek Hukum dan Kelembagaan", "kewenangan daerah atas objek, perizinan, bentuk kelembagaan"),
            ("3.4 Aspek Sosial dan Lingkungan", "dampak bagi masyarakat dan lingkungan, penerimaan masyarakat"),
            ("3.5 Analisis Risiko", "risiko utama, pembagian risiko antara para pihak, mitigasinya"),
        ],
    ),
]


def build_feasibility(facts: t.DraftFacts) -> Draft:
    if facts.kind != "KSDPK":
        raise DraftError(
            "Kerangka studi kelayakan disusun untuk usulan kerja sama dengan pihak ketiga (KSDPK). "
            "Untuk jenis lain gunakan Kerangka Acuan Kerja."
        )
    d = _new(facts, "studi_kelayakan")
    d.no_number_on_first_page()
    d.para("STUDI KELAYAKAN", align="center", bold=True, size=16, before=90, after=6)
    d.para("KERJA SAMA DAERAH DENGAN PIHAK KETIGA", align="center", bold=True, size=13, after=6)
    d.para(facts.object, align="center", bold=True, size=13, caps=True, after=6)
    d.para(_parties_title(facts), align="center", bold=True, after=120)
    d.para(facts.agency_name.upper(), align="center", bold=True, after=0)
    d.para(facts.region_title.upper(), align="center", bold=True, after=0)
    d.para(f"TAHUN {t.placeholder('tahun anggaran')}", align="center", bold=True)
    d.page_break()
    d.para("BAB I PENDAHULUAN", align="center", bold=True, after=8)
    d.heading("1.1 Latar Belakang", before=0)
    for text in t.background(facts):
        d.para(text, first_line_cm=1.0)
    maksud, tujuan = t.purpose(facts)
    d.heading("1.2 Maksud dan Tujuan")
    d.para(maksud, first_line_cm=1.0)
    d.para(tujuan, first_line_cm=1.0)
    d.heading("1.3 Dasar Hukum")
    d.numbered(t.legal_basis(facts))
    d.heading("1.4 Ruang Lingkup")
    d.numbered(t.scope(facts))
    for chapter, parts in FEASIBILITY_CHAPTERS:
        d.para(chapter, align="center", bold=True, before=14, after=8, keep_next=True)
        for title, ask in parts:
            d.heading(title, before=4)
            d.para(t.placeholder(ask), first_line_cm=1.0)
    d.para("BAB IV BENTUK DAN SKEMA KERJA SAMA", align="center", bold=True, before=14, after=8, keep_next=True)
    d.heading("4.1 Bentuk Kerja Sama", before=4)
    d.para(
        f"Bentuk kerja sama yang diusulkan: {label(facts.ksdpk_form) or t.placeholder('bentuk KSDPK')}.",
        first_line_cm=1.0,
    )
    d.heading("4.2 Peran Para Pihak")
    d.numbered([f"{party}: {role}." for party, role in t.roles(facts)])
    d.heading("4.3 Pembiayaan")
    for text in t.financing(facts):
        d.para(text, first_line_cm=1.0)
    d.heading("4.4 Manfaat yang Diharapkan")
    d.para(facts.benefits or t.placeholder("manfaat"), first_line_cm=1.0)
    d.para("BAB V KESIMPULAN DAN REKOMENDASI", align="center", bold=True, before=14, after=8, keep_next=True)
    d.para(
        t.placeholder("layak atau tidak layak dikerjasamakan, dengan alasannya, dan rekomendasi tindak lanjut"),
        first_line_cm=1.0,
    )
    d.page_break()
    d.para("LEMBAR PENGESAHAN", align="center", bold=True, after=12)
    d.para(
        f"Studi kelayakan kerja sama {t.inline(facts.object)} antara {facts.government} dan {facts.partner_names()} ini "
        f"disusun oleh {facts.agency_name} sebagai perangkat daerah pemrakarsa.",
        after=24,
    )
    _agency_signature(d, facts, f"{facts.place}, {t.placeholder('tanggal')}")
    return d


def build_offer_letter(facts: t.DraftFacts) -> Draft:
    d = _new(facts, "surat_penawaran")
    head = facts.head_title
    d.kop([(head, 16, True)], facts.logo_path)
    date = f"{facts.place}, {t.placeholder('tanggal')}"
    subject = t.letter_subject(facts)
    d.fields(
        [
            ("Nomor", t.placeholder("nomor surat")),
            ("Sifat", "Biasa"),
            ("Lampiran", "1 (satu) berkas"),
            ("Hal", subject),
        ],
        label_cm=2.4,
        beside_first=date,
    )
    partner = facts.partners[0] if facts.partners else None
    addressee = _head_of(partner) if partner else t.placeholder("jabatan dan nama instansi calon mitra")
    d.para("", after=6)
    d.para("Yth. " + addressee, align="left", after=0)
    d.para(f"di {t.placeholder('tempat')}", align="left", indent_cm=0.9, after=12)
    for text in t.letter_body(facts):
        d.para(text, first_line_cm=1.25, after=6)
    d.para("", after=6)
    d.signature([f"{head},"], t.placeholder("NAMA KEPALA DAERAH"), [])
    d.para("Tembusan:", align="left", before=18, after=0)
    d.numbered([f"Yth. {c}" for c in t.copies(facts)], indent_cm=0.0)
    # Lampiran: the rencana kerja sama
    d.page_break()
    d.fields(
        [
            ("LAMPIRAN", f"SURAT {head}"),
            ("NOMOR", t.placeholder("nomor surat")),
            ("TANGGAL", t.placeholder("tanggal surat")),
            ("HAL", subject.upper()),
        ],
        label_cm=3.0,
        indent_cm=7.0,
    )
    d.para("RENCANA KERJA SAMA", align="center", bold=True, before=14, after=8)
    maksud, tujuan = t.purpose(facts)
    rows = [
        ["1.", "Latar belakang", "\n".join(t.background(facts))],
        ["2.", "Dasar hukum", "\n".join(f"{i}. {x}" for i, x in enumerate(t.legal_basis(facts), 1))],
        ["3.", "Maksud dan tujuan", f"{maksud}\n{tujuan}"],
        ["4.", "Objek dan ruang lingkup", "\n".join(t.scope(facts))],
        ["5.", "Manfaat", facts.benefits or t.placeholder("manfaat")],
        ["6.", "Pembiayaan", "\n".join(t.financing(facts))],
        ["7.", "Peran para pihak", "\n".join(f"{p}: {r}." for p, r in t.roles(facts))],
    ]
    d.grid(["No.", "Uraian", "Keterangan"], rows, [1.1, 4.0, 10.9])
    return d


def _head_of(partner: t.PartnerFact) -> str:
    if partner.category == "pemda":
        name = partner.region_name or partner.name
        for level, head in (("Kabupaten ", "Bupati "), ("Kota ", "Wali Kota "), ("Provinsi ", "Gubernur ")):
            if name.startswith(level):
                return head + name[len(level) :]
        return f"Kepala Daerah {name}"
    title = {"kementerian_lembaga": "Menteri/Kepala", "perguruan_tinggi": "Rektor"}.get(partner.category, "Pimpinan")
    return f"{title} {partner.name}"


BUILDERS = {"kak": build_kak, "studi_kelayakan": build_feasibility, "surat_penawaran": build_offer_letter}


def write_draft(db: Database, proposal_uuid: str, kind: str, out: str | Path) -> Path:
    """Write one draft (``kak``, ``studi_kelayakan`` or ``surat_penawaran``) to ``out`` (.docx)."""
    if kind not in BUILDERS:
        raise DraftError(f"Jenis draf tidak dikenal: {kind}.")
    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise DraftError(f"Berkas draf {out.name!r} harus berakhiran .docx (dokumen Word).")
    document = BUILDERS[kind](draft_facts(db, proposal_uuid))
    return write_atomically(out, document.save)


def describe(kind: str, facts: t.DraftFacts) -> str:
    return f"{DRAFTS[kind]} usulan No. {facts.seq} {facts.agency_name} tahun {facts.year}"
