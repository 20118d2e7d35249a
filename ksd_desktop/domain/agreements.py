"""The register of agreements (KSB, NK, PKS, MoU): what was signed, by whom, until when.

An agreement's term is never capped: PKS of 20 or 30 years exist (docs/domain.md). The expiry is
either written in the document (``expires_on``) or computed from the start and the term:
a term of *n* years from 15 March 2024 runs to 14 March 2024+n (the day before the
anniversary), and a start on 29 February ends on 28 February of a common year. An agreement
without a stated end runs until it is ended (``status`` ``diakhiri``).

``state(today)`` is what the secretariat sees: *belum berlaku*, *berlaku*, *segera berakhir*
(within ``months`` months, 12 by default), *berakhir*. Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from .dates import format_date_id, parse_iso_date
from .models import new_uuid
from .validation import Problem, Severity

MAX_TERM_YEARS = 99  # a sanity bound for typing errors, not a legal cap: longer terms go in expires_on
MAX_PARTIES = 30
MAX_TEXT = 2000


class AgreementType(StrEnum):
    KSB = "KSB"
    NK = "NK"
    PKS = "PKS"
    MOU = "MOU"


class AgreementStatus(StrEnum):
    """What was recorded about the agreement's end (its dates decide the rest)."""

    BERLAKU = "berlaku"  # in force until its expiry (or without an end)
    DIPERPANJANG = "diperpanjang"  # continued by a later agreement (linked by parent_uuid) or an addendum
    DIAKHIRI = "diakhiri"  # ended before its expiry by the parties


class State(StrEnum):
    BELUM_BERLAKU = "belum_berlaku"
    BERLAKU = "berlaku"
    SEGERA_BERAKHIR = "segera_berakhir"
    BERAKHIR = "berakhir"


TYPE_LABELS = {
    "KSB": "Kesepakatan Bersama (KSB)",
    "NK": "Nota Kesepakatan (NK)",
    "PKS": "Perjanjian Kerja Sama (PKS)",
    "MOU": "Nota Kesepahaman (MoU)",
}
STATUS_LABELS = {"berlaku": "Berlaku", "diperpanjang": "Diperpanjang", "diakhiri": "Diakhiri"}
STATE_LABELS = {
    "belum_berlaku": "Belum berlaku",
    "berlaku": "Berlaku",
    "segera_berakhir": "Segera berakhir",
    "berakhir": "Berakhir",
}
#: Stored columns of ``agreements`` (the data dictionary's keys); ``parties`` is a JSON list.
AGREEMENT_FIELDS = (
    "uuid",
    "doc_type",
    "number",
    "title",
    "object",
    "parties",
    "agency_code",
    "date_signed",
    "effective_from",
    "term_years",
    "term_months",
    "expires_on",
    "status",
    "status_note",
    "parent_uuid",
    "attachment",
    "note",
    "created_at",
    "updated_at",
    "origin_device",
)


@dataclass
class Agreement:
    """One signed document of the register."""

    uuid: str = field(default_factory=new_uuid)
    doc_type: str = AgreementType.PKS.value
    number: str = ""
    title: str = ""  # "Perjanjian Kerja Sama tentang Pengelolaan TPA Regional …"
    object: str = ""  # objek kerja sama
    parties: list[str] = field(default_factory=list)
    agency_code: str | None = None  # the agency in charge (perangkat daerah pengampu)
    date_signed: str = ""
    effective_from: str | None = None  # when it starts, if not on signing
    term_years: int | None = None
    term_months: int | None = None
    expires_on: str | None = None  # as written in the document, or computed from the term
    status: str = AgreementStatus.BERLAKU.value
    status_note: str | None = None
    parent_uuid: str | None = None  # the KSB a PKS implements, or the agreement it extends
    attachment: str | None = None
    note: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    origin_device: str | None = None
    proposal_uuids: list[str] = field(default_factory=list)  # linked proposals (table agreement_proposals)

    @property
    def start(self) -> dt.date | None:
        return _date(self.effective_from) or _date(self.date_signed)

    def expiry(self) -> dt.date | None:
        """The last day in force: ``expires_on``, else start + term − 1 day, else None (no end stated)."""
        written = _date(self.expires_on)
        if written is not None:
            return written
        return compute_expiry(self.start, self.term_years, self.term_months)

    def state(self, today: dt.date, months: int = 12) -> State:
        start, end = self.start, self.expiry()
        if self.status in (AgreementStatus.DIAKHIRI, AgreementStatus.DIPERPANJANG):
            return State.BERAKHIR
        if end is not None and end < today:
            return State.BERAKHIR
        if start is not None and start > today:
            return State.BELUM_BERLAKU
        if end is not None and end <= add_months(today, months):
            return State.SEGERA_BERAKHIR
        return State.BERLAKU

    def term_text(self) -> str:
        """``5 tahun``, ``2 tahun 6 bulan``, ``sampai 14 Maret 2054`` or ``tanpa batas waktu``."""
        parts = []
        if self.term_years:
            parts.append(f"{self.term_years} tahun")
        if self.term_months:
            parts.append(f"{self.term_months} bulan")
        if parts:
            return " ".join(parts)
        end = self.expiry()
        return f"sampai {format_date_id(end)}" if end else "tanpa batas waktu"


def _date(value: str | None) -> dt.date | None:
    try:
        return parse_iso_date(value) if value else None
    except ValueError:
        return None


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` moved by ``months`` calendar months; the day is clamped to the month's end."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def compute_expiry(start: dt.date | None, years: int | None, months: int | None) -> dt.date | None:
    """The last day of a term of ``years`` and ``months`` from ``start`` (None without a term)."""
    total = (years or 0) * 12 + (months or 0)
    if start is None or total <= 0:
        return None
    return add_months(start, total) - dt.timedelta(days=1)


def days_left(agreement: Agreement, today: dt.date) -> int | None:
    end = agreement.expiry()
    return None if end is None else (end - today).days


def validate_agreement(agreement: Agreement, *, today: dt.date, parent: Agreement | None = None) -> list[Problem]:
    """Every problem of an agreement; ``parent`` is the KSB it implements (or the one it extends)."""
    problems: list[Problem] = []

    def add(key: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(key, message, severity, proposal_uuid=agreement.uuid))

    if agreement.doc_type not in {t.value for t in AgreementType}:
        add("doc_type", "Jenis dokumen harus KSB, NK, PKS atau MoU.")
    if agreement.status not in {s.value for s in AgreementStatus}:
        add("status", "Status harus berlaku, diperpanjang atau diakhiri.")
    if not agreement.number.strip():
        add("number", "Nomor dokumen wajib diisi (nomor pihak daerah).")
    if not (agreement.title.strip() or agreement.object.strip()):
        add("object", "Tuliskan judul atau objek kerja sama.")
    parties = [p for p in agreement.parties if p.strip()]
    if len(parties) < 2:
        add("parties", "Sebutkan sekurang-kurangnya dua pihak (misalnya Pemerintah Kabupaten Banjar dan mitranya).")
    if len(agreement.parties) > MAX_PARTIES:
        add("parties", f"Paling banyak {MAX_PARTIES} pihak.")
    signed = _date(agreement.date_signed)
    if signed is None:
        add("date_signed", "Tanggal penandatanganan wajib diisi dengan tanggal yang benar.")
    elif signed > today:
        add("date_signed", f"Tanggal penandatanganan {format_date_id(signed)} belum terjadi.")
    for key in ("effective_from", "expires_on"):
        value = getattr(agreement, key)
        if value and _date(value) is None:
            add(key, "Tanggal tidak valid; gunakan tanggal yang benar.")
    for key, bound in (("term_years", MAX_TERM_YEARS), ("term_months", 11 + 12 * MAX_TERM_YEARS)):
        value = getattr(agreement, key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= bound):
            add(
                key,
                f"Jangka waktu harus bilangan bulat 0 sampai {bound}; untuk jangka lebih panjang isi tanggal berakhir.",
            )
    start, end = agreement.start, agreement.expiry()
    if start is not None and end is not None and end < start:
        add("expires_on", f"Tanggal berakhir {format_date_id(end)} sebelum mulai berlaku {format_date_id(start)}.")
    written, computed = _date(agreement.expires_on), compute_expiry(start, agreement.term_years, agreement.term_months)
    if written and computed and abs((written - computed).days) > 1:
        add(
            "expires_on",
            f"Tanggal berakhir {format_date_id(written)} berbeda dengan jangka waktu "
            f"{agreement.term_text()} (berakhir {format_date_id(computed)}); periksa dokumennya.",
            Severity.WARNING,
        )
    if end is None and agreement.doc_type == AgreementType.PKS:
        add(
            "expires_on",
            "Jangka waktu PKS belum dicatat; isi jangka waktu atau tanggal berakhir bila tercantum.",
            Severity.WARNING,
        )
    for key in ("title", "object", "status_note", "attachment", "note"):
        if len(getattr(agreement, key) or "") > MAX_TEXT:
            add(key, f"Isian terlalu panjang (paling banyak {MAX_TEXT} karakter).")
    if agreement.parent_uuid and agreement.parent_uuid == agreement.uuid:
        add("parent_uuid", "Dokumen tidak dapat menjadi induk dirinya sendiri.")
    if parent is not None and signed is not None:
        parent_signed = _date(parent.date_signed)
        if parent_signed and parent_signed > signed:
            add(
                "date_signed",
                f"{TYPE_LABELS.get(agreement.doc_type, agreement.doc_type)} bertanggal sebelum "
                f"dokumen induknya ({parent.doc_type} {parent.number}, {format_date_id(parent_signed)}); urutan "
                "dicatat sebagai pengecualian pada tindak lanjut usulannya.",
                Severity.WARNING,
            )
    return problems
