"""The rules of the data dictionary and PP 28/2018, returning every problem at once.

Each problem names the field key it concerns (the widget with that objectName shows it)
and carries a formal Indonesian message that says what to do. Errors block saving a
proposal as complete and signing; warnings inform but never block (rules whose source is
unsure are warnings: docs/domain.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TypedDict

from .dates import parse_iso_date
from .law import cite, kind_citation
from .models import (
    ALLOWED_CATEGORIES,
    FIELD_LABELS,
    LEGACY_KSDPK_FORMS,
    SIGNER_PREFIXES,
    Financing,
    Form,
    Kind,
    KsddCategory,
    KsdpkForm,
    Partner,
    PartnerCategory,
    Priority,
    Proposal,
    ReviewRoute,
    ReviewStatus,
    Stage,
    label,
)
from .models import (
    MIN_YEAR as MIN_YEAR,  # the wizard's year range reads it here
)
from .nip import normalize_nip, parse_nip
from .signing import position_problem, prefix_warning
from .text import MULTILINE_FIELDS, TextIssue, is_blank, normalize_text, text_issue, visible_length

#: Urusan in which a kabupaten/kota has almost no authority (UU 23/2014 Lampiran huruf BB and CC:
#: kehutanan and ESDM are provincial, a kabupaten keeps only Tahura and direct geothermal use).
PROVINCIAL_URUSAN = {"3.28": "urusan_kehutanan", "3.29": "urusan_esdm"}
#: Stages from which the DPRD question has been settled (persetujuan DPRD given, or past it).
_DPRD_SETTLED = frozenset({Stage.PERSETUJUAN_DPRD, Stage.PKS, Stage.PELAKSANAAN, Stage.MONEV, Stage.BERAKHIR})

MIN_PROBLEM_LENGTH = 20
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_PHONE = re.compile(r"[0-9 +\-]+")  # ASCII digits; matched whole (fullmatch), never before a line break

#: Text fields checked for invisible and control characters, per entity (validation runs on
#: the normal form of each text: domain/text.py).
HEADER_TEXT = ("pic_name", "pic_position", "pic_phone", "pic_email")
SIGNER_TEXT = ("signer_name", "signer_rank", "signer_position", "signed_place")
PROPOSAL_TEXT = (
    "program",
    "problem",
    "potential",
    "object",
    "externality",
    "benefits",
    "rpjmd_alignment",
    "legal_basis",
    "existing_documents",
    "notes",
    "review_note",
)
PARTNER_TEXT = ("name", "contact")

_TEXT_MESSAGES = {
    TextIssue.SURROGATE: "«{label}» berisi karakter yang tidak sah (bukan teks Unicode yang utuh). Ketik ulang isian ini.",
    TextIssue.CONTROL: "«{label}» berisi karakter kendali yang tidak terlihat. Ketik ulang isian ini tanpa menyalin "
    "dari dokumen lain.",
    TextIssue.INVISIBLE: "«{label}» berisi karakter tak terlihat (misalnya spasi lebar-nol atau pengatur arah teks). "
    "Ketik ulang isian ini tanpa menyalin dari dokumen lain.",
    TextIssue.LINE_BREAK: "«{label}» hanya boleh satu baris; hapus ganti baris di dalamnya.",
}


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field key it concerns and a message for the user."""

    key: str
    message: str
    severity: Severity = Severity.ERROR
    proposal_uuid: str | None = None
    proposal_seq: int | None = None
    partner_uuid: str | None = None
    partner_seq: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def location(self) -> str:
        """Where the problem is, in words: ``Usulan 2, Calon Mitra 1``."""
        parts = []
        if self.proposal_seq is not None:
            parts.append(f"Usulan {self.proposal_seq}")
        if self.partner_seq is not None:
            parts.append(f"Calon Mitra {self.partner_seq}")
        return ", ".join(parts) or "Formulir"


@dataclass(frozen=True)
class RuleContext:
    """Facts the rules need from outside the form: reference data and today's date.

    Empty collections mean "not known", and the membership checks are skipped.
    """

    home_region_code: str = "63.03"
    neighbour_codes: frozenset[str] = frozenset()
    region_codes: frozenset[str] = frozenset()
    urusan_codes: frozenset[str] = frozenset()
    agency_codes: frozenset[str] = frozenset()
    rank_labels: frozenset[str] = frozenset()
    region_names: dict[str, str] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    agency_names: dict[str, str] = field(default_factory=dict)

    @property
    def home_province_code(self) -> str:
        return self.home_region_code.split(".")[0]

    def region_name(self, code: str) -> str:
        return self.region_names.get(code, code)


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def _blank(value: object) -> bool:
    """Nothing visible: None, or only spaces and invisible characters once normalised."""
    return is_blank(value)


def _text(value: object) -> str:
    """A text field's normal form ('' for None or a non-text value)."""
    return normalize_text(value) if isinstance(value, str) else ""


class _Where(TypedDict):
    """Where a problem is: :class:`Problem`'s location fields."""

    proposal_uuid: str | None
    proposal_seq: int | None
    partner_uuid: str | None
    partner_seq: int | None


class _Collector:
    """Gathers problems for one entity, filling in where they are."""

    def __init__(self, proposal: Proposal | None = None, partner: Partner | None = None):
        self.problems: list[Problem] = []
        self._where: _Where = {
            "proposal_uuid": proposal.uuid if proposal else None,
            "proposal_seq": proposal.seq if proposal else None,
            "partner_uuid": partner.uuid if partner else None,
            "partner_seq": partner.seq if partner else None,
        }

    def error(self, key: str, message: str) -> None:
        self.problems.append(Problem(key, message, Severity.ERROR, **self._where))

    def warning(self, key: str, message: str) -> None:
        self.problems.append(Problem(key, message, Severity.WARNING, **self._where))

    def required(self, obj: object, key: str, message: str) -> bool:
        if _blank(getattr(obj, key)):
            self.error(key, message)
            return False
        return True

    def texts(self, obj: object, keys: tuple[str, ...]) -> None:
        """Invisible, control and broken characters, and line breaks in one-line fields."""
        for key in keys:
            value = getattr(obj, key)
            if not isinstance(value, str) or not value:
                continue
            normal = normalize_text(value)
            if not normal:
                continue  # nothing visible: the field's own rule says whether it is required
            issue = text_issue(normal, multiline=key in MULTILINE_FIELDS)
            if issue is not None:
                self.error(key, _TEXT_MESSAGES[issue].format(label=FIELD_LABELS.get(key, key)))

    def enum(self, obj: object, key: str, allowed: type[StrEnum] | tuple[str, ...], what: str) -> bool:
        value = getattr(obj, key)
        keys = allowed if isinstance(allowed, tuple) else _enum_values(allowed)
        if value not in keys:
            self.error(key, f"{what} «{value}» tidak dikenal. Pilih salah satu dari daftar.")
            return False
        return True


@cache
def _enum_values(allowed: type[StrEnum]) -> frozenset[str]:
    """An enumeration's values, made once (a form of 500 proposals asks some 10,000 times)."""
    return frozenset(m.value for m in allowed)


def validate_form_header(form: Form, ctx: RuleContext) -> list[Problem]:
    """Rules on the form itself: agency, year and PIC."""
    c = _Collector()
    if c.required(form, "agency_code", "Pilih perangkat daerah yang mengisi formulir ini."):
        if ctx.agency_codes and form.agency_code not in ctx.agency_codes:
            c.error("agency_code", f"Perangkat daerah «{form.agency_code}» tidak ada dalam daftar perangkat daerah.")
    max_year = ctx.today.year + 1
    if not isinstance(form.year, int) or isinstance(form.year, bool) or not form.year:
        c.error("year", "Isi tahun pemetaan.")
    elif not MIN_YEAR <= form.year <= max_year:
        c.error("year", f"Tahun pemetaan harus antara {MIN_YEAR} (berlakunya PP 28/2018) dan {max_year}.")
    c.required(form, "pic_name", "Isi nama narahubung (PIC) formulir.")
    c.required(form, "pic_position", "Isi jabatan narahubung (PIC).")
    c.texts(form, HEADER_TEXT)
    phone = _text(form.pic_phone)
    if phone and (not _PHONE.fullmatch(phone) or sum(ch.isdigit() for ch in phone) < 6):
        c.error(
            "pic_phone",
            "Nomor telepon hanya boleh berisi angka, spasi, tanda + dan -, sekurang-kurangnya 6 angka (contoh: 0812 5123 4567).",
        )
    email = _text(form.pic_email)
    if email and not _EMAIL.fullmatch(email):
        c.error("pic_email", "Alamat surel tidak valid (contoh: dinkes@banjarkab.go.id).")
    if form.signer_prefix not in SIGNER_PREFIXES:
        c.error("signer_prefix", "Awalan penandatangan hanya boleh kosong, a.n., Plt., Plh. atau Pj.")
    return c.problems


def validate_partner(partner: Partner, proposal: Proposal, ctx: RuleContext) -> list[Problem]:
    """Rules on one partner, in the light of its proposal's kind."""
    c = _Collector(proposal, partner)
    c.required(partner, "name", "Isi nama calon mitra.")
    c.texts(partner, PARTNER_TEXT)
    if not c.required(partner, "category", "Pilih kategori calon mitra."):
        return c.problems
    if not c.enum(partner, "category", PartnerCategory, "Kategori mitra"):
        return c.problems
    kind = proposal.kind if proposal.kind in Kind.__members__ else None
    if kind and partner.category not in ALLOWED_CATEGORIES[Kind(kind)]:
        allowed = ", ".join(sorted(label(k) for k in ALLOWED_CATEGORIES[Kind(kind)]))
        c.error(
            "category",
            f"Kategori «{label(partner.category)}» tidak sesuai untuk {label(kind)}. "
            f"Mitra yang dibolehkan: {allowed} ({kind_citation(kind)}).",
        )
    if partner.category != PartnerCategory.PEMDA:
        if not _blank(partner.region_code):
            c.error("region_code", "Kode wilayah hanya diisi untuk mitra pemerintah daerah di Indonesia.")
        return c.problems
    if not c.required(partner, "region_code", "Pilih daerah mitra dari daftar wilayah (kode Kemendagri)."):
        return c.problems
    code = partner.region_code or ""
    if ctx.region_codes and code not in ctx.region_codes:
        c.error("region_code", f"Kode wilayah «{code}» tidak ada dalam daftar wilayah Kemendagri.")
    elif code == ctx.home_region_code:
        c.error(
            "region_code",
            f"{ctx.region_name(code)} adalah daerah sendiri dan tidak dapat menjadi mitra kerja sama daerah.",
        )
    elif proposal.kind == Kind.KSDD and proposal.ksdd_category == KsddCategory.WAJIB:
        if code not in ctx.neighbour_codes and code != ctx.home_province_code:
            c.error(
                "region_code",
                f"{ctx.region_name(code)} tidak berbatasan dengan daerah sendiri. KSDD wajib hanya "
                "dengan daerah yang berbatasan atau provinsi sendiri (Permendagri 22/2020); "
                "pilih kategori «sukarela» bila kerja sama tetap diperlukan.",
            )
    return c.problems


def validate_proposal(proposal: Proposal, ctx: RuleContext, *, for_signing: bool = False) -> list[Problem]:
    """Rules on one proposal and its partners."""
    c = _Collector(proposal)
    if c.required(proposal, "urusan_code", "Pilih urusan pemerintahan yang akan dikerjasamakan."):
        if ctx.urusan_codes and proposal.urusan_code not in ctx.urusan_codes:
            c.error(
                "urusan_code",
                f"Kode urusan «{proposal.urusan_code}» tidak ada dalam daftar urusan (Permendagri 90/2019).",
            )
    if _blank(proposal.problem):
        c.error("problem", "Uraikan permasalahan atau kebutuhan yang mendorong kerja sama ini.")
    elif (length := visible_length(proposal.problem)) < MIN_PROBLEM_LENGTH:
        c.error(
            "problem",
            f"Uraian permasalahan terlalu singkat ({length} karakter); tulis sekurang-kurangnya "
            f"{MIN_PROBLEM_LENGTH} karakter agar TKKSD dapat menilainya.",
        )
    c.texts(proposal, PROPOSAL_TEXT)
    c.required(proposal, "object", "Isi objek kerja sama (apa yang dikerjasamakan).")
    c.required(proposal, "benefits", "Isi manfaat atau target yang diharapkan dari kerja sama ini.")
    kind_ok = c.required(proposal, "kind", "Pilih jenis kerja sama.") and c.enum(
        proposal, "kind", Kind, "Jenis kerja sama"
    )
    _kind_rules(c, proposal, kind_ok, for_signing)
    if c.required(proposal, "financing", "Pilih sumber pembiayaan."):
        c.enum(proposal, "financing", Financing, "Sumber pembiayaan")
    if c.required(proposal, "priority", "Pilih prioritas usulan."):
        c.enum(proposal, "priority", Priority, "Prioritas")
    if c.required(proposal, "stage", "Pilih tahapan kerja sama."):
        c.enum(proposal, "stage", Stage, "Tahapan")
    _authority_and_dprd(c, proposal, ctx)
    _review_rules(c, proposal)
    if not proposal.compliance_confirmed:
        message = (
            "Konfirmasikan bahwa usulan tidak bertentangan dengan ketertiban umum, kesusilaan, kepentingan "
            f"nasional dan peraturan perundang-undangan ({cite('object_limits')}, ketentuan objek kerja sama)."
        )
        (c.error if for_signing else c.warning)("compliance_confirmed", message)
    if not proposal.partners:
        c.error("partners", "Tambahkan sekurang-kurangnya satu calon mitra.")
    problems = c.problems
    for partner in proposal.partners:
        problems.extend(validate_partner(partner, proposal, ctx))
    return problems


def _authority_and_dprd(c: _Collector, proposal: Proposal, ctx: RuleContext) -> None:
    """A warning only (ksd-law.md): an urusan in which a kabupaten/kota has little authority."""
    if "." in ctx.home_region_code and proposal.urusan_code in PROVINCIAL_URUSAN:
        c.warning(
            "urusan_code",
            f"Urusan {proposal.urusan_code} sebagian besar menjadi kewenangan provinsi "
            f"({cite(PROVINCIAL_URUSAN[proposal.urusan_code])}); kabupaten/kota hanya dapat "
            "mengerjasamakan bagian yang menjadi kewenangannya. Periksa kembali objeknya.",
        )


def needs_dprd_check(proposal: Proposal) -> bool:
    """The DPRD flag: a KSDD/KSDPK financed (partly) by the APBD whose DPRD question is still open.

    Persetujuan DPRD is needed when the cooperation membebani masyarakat dan daerah and/or is belum
    teranggarkan in the current APBD (law.CITATIONS["dprd_approval"]; confirmed for KSDD, UNSURE for
    KSDPK). The data cannot tell whether it is budgeted, so this flags the proposals to check: the
    wizard explains it, the Laporan lists them. Never an error (a warning at most).
    """
    return (
        proposal.kind in (Kind.KSDD, Kind.KSDPK)
        and proposal.financing in (Financing.APBD, Financing.BERSAMA)
        and proposal.stage not in _DPRD_SETTLED
    )


def _kind_rules(c: _Collector, proposal: Proposal, kind_ok: bool, for_signing: bool = False) -> None:
    is_ksdd = kind_ok and proposal.kind == Kind.KSDD
    if is_ksdd:
        if c.required(proposal, "ksdd_category", "Pilih kategori KSDD: wajib atau sukarela (Permendagri 22/2020)."):
            c.enum(proposal, "ksdd_category", KsddCategory, "Kategori KSDD")
        if proposal.ksdd_category == KsddCategory.WAJIB and _blank(proposal.externality):
            c.error(
                "externality",
                "KSDD wajib memerlukan uraian eksternalitas lintas daerah (Permendagri 22/2020); "
                "bila tidak ada eksternalitas, pilih kategori «sukarela».",
            )
    elif kind_ok and not _blank(proposal.ksdd_category):
        c.error(
            "ksdd_category", "Kategori wajib/sukarela hanya berlaku untuk Kerja Sama Daerah dengan Daerah Lain (KSDD)."
        )
    if kind_ok and proposal.kind == Kind.KSDPK:
        if proposal.ksdpk_form in LEGACY_KSDPK_FORMS:
            (c.error if for_signing else c.warning)(
                "ksdpk_form",
                "Pengadaan barang/jasa bukan bentuk kerja sama dengan pihak ketiga (Permendagri "
                "22/2020); pengadaan ditempuh di luar kerja sama daerah. Pilih bentuk lain, atau ajukan kebutuhan "
                "ini melalui pengadaan barang/jasa.",
            )
        elif c.required(proposal, "ksdpk_form", "Pilih bentuk kerja sama dengan pihak ketiga (Permendagri 22/2020)."):
            c.enum(proposal, "ksdpk_form", KsdpkForm, "Bentuk kerja sama pihak ketiga")
    elif kind_ok and not _blank(proposal.ksdpk_form):
        c.error("ksdpk_form", "Bentuk kerja sama pihak ketiga hanya berlaku untuk KSDPK.")


def _review_rules(c: _Collector, proposal: Proposal) -> None:
    if not c.enum(proposal, "review_status", ReviewStatus, "Hasil penilaian"):
        return
    if proposal.review_status == ReviewStatus.TIDAK_SESUAI:
        if c.required(proposal, "review_route", "Usulan yang tidak sesuai memerlukan rute alternatif."):
            c.enum(proposal, "review_route", ReviewRoute, "Rute alternatif")
    elif not _blank(proposal.review_route):
        c.error("review_route", "Rute alternatif hanya diisi untuk usulan yang dinilai tidak sesuai.")


def validate_review(status: str, route: str | None) -> list[Problem]:
    """The TKKSD assessment alone: a known status, and a route iff the proposal is tidak sesuai."""
    c = _Collector()
    _review_rules(c, Proposal(review_status=status, review_route=route))
    return c.problems


def validate_form(form: Form, ctx: RuleContext, *, for_signing: bool = False) -> list[Problem]:
    """Every rule over the whole form: header, proposals and partners."""
    problems = validate_form_header(form, ctx)
    c = _Collector()
    c.texts(form, ("revision_reason",))
    problems.extend(c.problems)
    for proposal in sorted(form.proposals, key=lambda p: p.seq):
        problems.extend(validate_proposal(proposal, ctx, for_signing=for_signing))
    return problems


def validate_signing(form: Form, ctx: RuleContext) -> list[Problem]:
    """What signing requires: every rule, at least one proposal, and a complete signer block."""
    problems = validate_form(form, ctx, for_signing=True)
    c = _Collector()
    if not form.proposals:
        c.error("proposals", "Formulir belum berisi usulan kerja sama; tambahkan sekurang-kurangnya satu usulan.")
    c.required(form, "signer_name", "Isi nama penandatangan lengkap dengan gelar.")
    c.texts(form, SIGNER_TEXT)
    problems.extend(c.problems)
    problems.extend(validate_nip(form.signer_nip, ctx))
    c = _Collector()
    if c.required(form, "signer_rank", "Pilih pangkat/golongan penandatangan.") and ctx.rank_labels:
        if form.signer_rank not in ctx.rank_labels:
            c.warning(
                "signer_rank",
                "Pangkat/golongan tidak ada dalam daftar; periksa penulisannya (contoh: Pembina Utama Muda (IV/c)).",
            )
    if c.required(form, "signer_position", "Isi jabatan penandatangan (contoh: Kepala Dinas Kesehatan)."):
        position = _text(form.signer_position)
        wrong = position_problem(position, form.signer_prefix, form.agency_code, ctx.agency_names.get(form.agency_code))
        if wrong:
            c.error("signer_position", wrong)
        warning = prefix_warning(form.signer_prefix, position, ctx.region_name(ctx.home_region_code))
        if warning:
            c.warning("signer_prefix", warning)
    c.required(form, "signed_place", "Isi tempat penandatanganan (contoh: Martapura).")
    if c.required(form, "signed_date", "Isi tanggal penandatanganan."):
        try:
            signed = parse_iso_date(_text(form.signed_date))
        except ValueError:
            c.error(
                "signed_date",
                "Tanggal penandatanganan tidak valid: tulis tanggal yang ada dengan format TTTT-BB-HH "
                "(contoh: 2024-08-08).",
            )
        else:
            if signed > ctx.today:
                c.error("signed_date", "Tanggal penandatanganan tidak boleh setelah hari ini.")
    problems.extend(c.problems)
    return problems


def validate_nip(nip: str | None, ctx: RuleContext, key: str = "signer_nip") -> list[Problem]:
    """NIP: 18 digits required; PNS date parts checked, other layouts (PPPK) only warned about."""
    c = _Collector()
    if _blank(nip):
        c.error(key, "Isi NIP penandatangan (18 angka).")
        return c.problems
    info = parse_nip(_text(nip), today=ctx.today)
    digits = normalize_nip(_text(nip))
    if info is None and any(ch.isdigit() and not ch.isascii() for ch in digits):
        c.error(
            key,
            "NIP hanya boleh berisi angka 0–9 (angka Latin biasa), bukan angka Arab, angka lebar penuh "
            "atau angka pangkat. Ketik ulang NIP dengan papan ketik biasa.",
        )
    elif info is None:
        c.error(key, "NIP harus terdiri atas 18 angka (contoh: 19860926 201505 1 001).")
    elif not info.is_pns_layout:
        c.warning(
            key,
            "NIP tidak mengikuti pola NIP PNS (tanggal lahir, TMT CPNS, jenis kelamin). "
            "Periksa kembali; nomor PPPK tetap diterima.",
        )
    return c.problems
