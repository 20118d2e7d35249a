"""The year's recap (Laporan Hasil Pemetaan Kerja Sama Daerah), computed from plain rows.

Pure Python: no SQL, no Qt, no reportlab. ``storage/recap_queries.py`` fetches the rows
(:class:`RecapRows`); :func:`compute_recap` turns them into :class:`RecapFigures`, which the
PDF and the spreadsheet only print.

Counting rules (docs/domain.md, "The year's recap"):

- **Taking part** (*menyampaikan*): an agency takes part in a year when it has a *signed*
  form for that year holding at least one proposal. A form still in draft has not been
  submitted (the head has not signed it): its agency counts as *belum menyampaikan* and its
  proposals are left out of every figure (issue 14: Banjar's section D must not say all 27
  submitted while 4 forms are drafts).
- **Out of all**: the active agencies, plus any inactive (renamed or merged) agency that
  took part that year, so an old year still reads "27 dari 27" after a reorganisation.
- **Not submitted**: active agencies that do not take part: no form for the year, a draft
  form, or a signed form without proposals.
- **Breakdowns** (Laporan III): the proposals by urusan, by KSDD category, by partner
  category (a proposal counts once for each category it names), by stage and by financing,
  each with its sesuai / tidak sesuai counts.
- **Split by kind**: the main split is over the proposals assessed *sesuai* (Banjar 2024:
  58, 48 and 19 of 125 = 46,4 %, 38,4 % and 15,2 %); the split over all proposals of the
  year is given beside it, labelled as such. Percentages are rounded half up to one
  decimal (exact decimal arithmetic) and written the Indonesian way, ``46,4 %``.
- **Partners named most**: partner names are compared after normalising case, spaces
  and the punctuation people vary (``PT. PLN (Persero)`` = ``PT PLN (Persero)``); a
  proposal naming a partner twice counts once. Shown with the most frequent spelling (on a
  tie, the first one written in mixed case), the number of proposals and the number of
  distinct agencies naming it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .dates import format_percent_id
from .models import Kind, ReviewRoute, ReviewStatus, label

TOP_PARTNERS = 10
#: Short names of the kinds, as the Banjar report writes them ("46,4 % Sinergi").
KIND_SHORT = {"SINERGI": "Sinergi", "KSDD": "KSDD", "KSDPK": "KSDPK", "KSDPL": "KSDPL", "KSDLL": "KSDLL"}
NO_ROUTE = ""
NO_ROUTE_LABEL = "Rute belum ditentukan"
_KIND_ORDER = {k.value: i for i, k in enumerate(Kind)}
_STATUSES = tuple(s.value for s in ReviewStatus)


def kind_short(kind: str | None) -> str:
    """``Sinergi``, ``KSDPK``, …: the kind as the report names it in running text."""
    return KIND_SHORT.get(kind or "", kind or "–")


def route_label(route: str | None) -> str:
    return label(route) if route else NO_ROUTE_LABEL


def lower_first(text: str) -> str:
    """``Pengadaan barang/jasa (di luar KSD)`` → ``pengadaan barang/jasa (di luar KSD)``: abbreviations stay."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# --------------------------------------------------------------------------- input rows


@dataclass(frozen=True)
class RecapAgency:
    code: str
    name: str
    short_name: str = ""
    active: bool = True

    @property
    def display_short(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class RecapForm:
    uuid: str
    agency_code: str
    status: str
    revision: int = 1


@dataclass(frozen=True)
class RecapPartner:
    name: str
    category: str = ""


@dataclass(frozen=True)
class RecapProposal:
    uuid: str
    form_uuid: str
    seq: int
    urusan_code: str = ""
    problem: str = ""
    object: str = ""
    kind: str = ""
    ksdd_category: str | None = None
    ksdpk_form: str | None = None
    financing: str | None = None
    priority: str | None = None
    stage: str | None = None
    review_status: str = ReviewStatus.BELUM_DINILAI.value
    review_route: str | None = None
    review_note: str | None = None
    partners: tuple[RecapPartner, ...] = ()


@dataclass(frozen=True)
class RecapRows:
    """Everything the recap of one year is computed from (agencies in reference order)."""

    year: int
    agencies: tuple[RecapAgency, ...]
    forms: tuple[RecapForm, ...]
    proposals: tuple[RecapProposal, ...]
    urusan_names: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- results


def percent(count: int, base: int) -> float | None:
    """``count`` of ``base`` in percent, rounded half up to one decimal; None for base 0."""
    if base <= 0:
        return None
    value = (Decimal(count) * 100 / Decimal(base)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(value)


def percent_text(value: float | None) -> str:
    """``46,4 %``, or an en dash when there is nothing to divide by."""
    return "–" if value is None else format_percent_id(value)


@dataclass(frozen=True)
class Share:
    """A count out of a base, e.g. 58 of 125 Sinergi proposals assessed sesuai."""

    key: str
    count: int
    base: int

    @property
    def percent(self) -> float | None:
        return percent(self.count, self.base)

    @property
    def percent_text(self) -> str:
        return percent_text(self.percent)

    @property
    def label(self) -> str:
        return label(self.key)


@dataclass(frozen=True)
class ProposalLine:
    """One proposal as the report prints it, with its agency and form."""

    no: int
    agency_code: str
    agency_name: str
    agency_short: str
    form_status: str
    form_revision: int
    seq: int
    urusan_code: str
    urusan_name: str
    problem: str
    object: str
    kind: str
    ksdd_category: str | None
    ksdpk_form: str | None
    financing: str | None
    priority: str | None
    stage: str | None
    review_status: str
    review_route: str | None
    review_note: str | None
    partners: tuple[RecapPartner, ...]

    @property
    def urusan_text(self) -> str:
        return f"{self.urusan_code} {self.urusan_name}".strip() if self.urusan_name else self.urusan_code

    @property
    def partner_names(self) -> str:
        return "; ".join(p.name for p in self.partners if p.name)

    @property
    def review_text(self) -> str:
        """``Sesuai kriteria``, ``Tidak sesuai – Swakelola``, ``Belum dinilai``."""
        if self.review_status == ReviewStatus.TIDAK_SESUAI:
            return f"{label(self.review_status)} – {route_label(self.review_route)}"
        return label(self.review_status) or label(ReviewStatus.BELUM_DINILAI.value)


@dataclass(frozen=True)
class AgencyLine:
    """An agency's part in the year: its form (if any) and its proposals by assessment."""

    code: str
    name: str
    short_name: str
    active: bool
    form_status: str | None
    form_revision: int | None
    proposals: int
    sesuai: int
    tidak_sesuai: int
    belum_dinilai: int

    draft_proposals: int = 0  # proposals on a draft form (not counted)

    @property
    def taking_part(self) -> bool:
        return self.form_status == "signed" and self.proposals > 0

    @property
    def state_text(self) -> str:
        if self.form_status is None:
            return "Belum menyampaikan formulir"
        if self.form_status != "signed":
            what = f"{self.draft_proposals} usulan" if self.draft_proposals else "belum berisi usulan"
            return f"Formulir masih draf, belum ditandatangani ({what})"
        if self.proposals == 0:
            return "Formulir ditandatangani tanpa usulan"
        return label(self.form_status)


@dataclass(frozen=True)
class KindTable:
    """The proposals of one kind, with their assessment counts."""

    kind: str
    lines: tuple[ProposalLine, ...]

    @property
    def count(self) -> int:
        return len(self.lines)

    def with_status(self, status: str) -> int:
        return sum(1 for line in self.lines if line.review_status == status)


@dataclass(frozen=True)
class PartnerCount:
    """A partner named in the year's proposals (after normalising its name)."""

    name: str
    category: str
    proposals: int
    agencies: int
    agency_names: tuple[str, ...]  # short names, in reference order


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    total: int
    sesuai: int
    tidak_sesuai: int


@dataclass(frozen=True)
class Breakdown:
    """One table of Laporan III: the proposals by urusan, stage, financing, …"""

    key: str
    title: str
    rows: tuple[BreakdownRow, ...]
    note: str = ""


@dataclass(frozen=True)
class RecapFigures:
    """The figures of one year's recap; see the module docstring for how each is counted."""

    year: int
    agencies_total: int
    agencies_taking_part: int
    forms_signed: int  # forms of the agencies taking part (all signed)
    forms_draft: int  # draft forms of the year (their agencies have not submitted)
    proposals: int
    sesuai: int
    tidak_sesuai: int
    belum_dinilai: int
    assessment: tuple[Share, ...]  # sesuai / tidak_sesuai / belum_dinilai of all proposals
    routes: tuple[Share, ...]  # of the proposals tidak sesuai
    split_sesuai: tuple[Share, ...]  # by kind, over the proposals assessed sesuai
    split_all: tuple[Share, ...]  # by kind, over all proposals (labelled as such)
    kind_tables: tuple[KindTable, ...]
    agencies: tuple[AgencyLine, ...]  # every counted agency, reference order
    not_submitted: tuple[AgencyLine, ...]
    partners: tuple[PartnerCount, ...]  # every partner, named most first
    tidak_sesuai_lines: tuple[ProposalLine, ...]
    lines: tuple[ProposalLine, ...]  # every proposal: agency order, then No.
    breakdowns: tuple[Breakdown, ...] = ()
    dprd_lines: tuple[ProposalLine, ...] = ()  # sesuai KSDD/KSDPK to check for persetujuan DPRD

    @property
    def top_partners(self) -> tuple[PartnerCount, ...]:
        return self.partners[:TOP_PARTNERS]


# --------------------------------------------------------------------------- computing

_PUNCT = re.compile(r"[.,;:'\"`’‘“”]+")
_DASHES = re.compile(r"\s*[-–—]\s*")


def normalise_partner(name: str | None) -> str:
    """The key two spellings of one partner share: ``PT. PLN  (Persero)`` → ``pt pln (persero)``."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _PUNCT.sub(" ", text)
    text = _DASHES.sub(" - ", text)
    return " ".join(text.split()).casefold()


def _status(value: str | None) -> str:
    return value if value in _STATUSES else ReviewStatus.BELUM_DINILAI.value


def compute_recap(rows: RecapRows) -> RecapFigures:
    """The recap figures of one year's rows (see the module docstring for the rules)."""
    order = {a.code: i for i, a in enumerate(rows.agencies)}
    agencies = {a.code: a for a in rows.agencies}
    forms = {f.uuid: f for f in rows.forms}
    by_form: dict[str, list[RecapProposal]] = defaultdict(list)
    for p in rows.proposals:
        if p.form_uuid in forms:
            by_form[p.form_uuid].append(p)
    form_of_agency = {f.agency_code: f for f in rows.forms}

    def agency(code: str) -> RecapAgency:
        return agencies.get(code) or RecapAgency(code, code, code, False)

    # lines: agency reference order (unknown codes last), then No.
    lines: list[ProposalLine] = []
    draft_counts = {f.agency_code: len(by_form[f.uuid]) for f in rows.forms if f.status != "signed"}
    for f in sorted(rows.forms, key=lambda f: (order.get(f.agency_code, len(order)), f.agency_code)):
        if f.status != "signed":
            continue  # a draft has not been submitted
        a = agency(f.agency_code)
        for p in sorted(by_form[f.uuid], key=lambda p: (p.seq, p.uuid)):
            lines.append(
                ProposalLine(
                    no=len(lines) + 1,
                    agency_code=a.code,
                    agency_name=a.name,
                    agency_short=a.display_short,
                    form_status=f.status,
                    form_revision=f.revision,
                    seq=p.seq,
                    urusan_code=p.urusan_code or "",
                    urusan_name=rows.urusan_names.get(p.urusan_code or "", ""),
                    problem=p.problem or "",
                    object=p.object or "",
                    kind=p.kind or "",
                    ksdd_category=p.ksdd_category,
                    ksdpk_form=p.ksdpk_form,
                    financing=p.financing,
                    priority=p.priority,
                    stage=p.stage,
                    review_status=_status(p.review_status),
                    review_route=p.review_route,
                    review_note=p.review_note,
                    partners=tuple(p.partners),
                )
            )

    # agencies: active ones, plus inactive ones that took part
    agency_lines: list[AgencyLine] = []
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        counts[line.agency_code][line.review_status] += 1
    codes = [a.code for a in rows.agencies] + sorted(c for c in form_of_agency if c not in agencies)
    for code in codes:
        a, agency_form, c = agency(code), form_of_agency.get(code), counts.get(code, Counter())
        total = sum(c.values())
        if not a.active and not (agency_form and agency_form.status == "signed" and total):
            continue
        agency_lines.append(
            AgencyLine(
                code=a.code,
                name=a.name,
                short_name=a.display_short,
                active=a.active,
                form_status=agency_form.status if agency_form else None,
                form_revision=agency_form.revision if agency_form else None,
                proposals=total,
                sesuai=c[ReviewStatus.SESUAI.value],
                tidak_sesuai=c[ReviewStatus.TIDAK_SESUAI.value],
                belum_dinilai=c[ReviewStatus.BELUM_DINILAI.value],
                draft_proposals=draft_counts.get(code, 0),
            )
        )
    taking_part = [a for a in agency_lines if a.taking_part]

    status_count = Counter(line.review_status for line in lines)
    n_all, n_sesuai = len(lines), status_count[ReviewStatus.SESUAI.value]
    n_tidak = status_count[ReviewStatus.TIDAK_SESUAI.value]

    route_count = Counter(
        line.review_route or NO_ROUTE for line in lines if line.review_status == ReviewStatus.TIDAK_SESUAI
    )
    route_keys = [r.value for r in ReviewRoute]
    route_keys += sorted(k for k in route_count if k not in route_keys and k != NO_ROUTE)
    if route_count.get(NO_ROUTE):
        route_keys.append(NO_ROUTE)
    routes = tuple(Share(k, route_count.get(k, 0), n_tidak) for k in route_keys)

    kind_all = Counter(line.kind for line in lines)
    kind_sesuai = Counter(line.kind for line in lines if line.review_status == ReviewStatus.SESUAI)
    kinds = sorted(kind_all, key=lambda k: (-kind_sesuai[k], -kind_all[k], _KIND_ORDER.get(k, 99), k))
    split_sesuai = tuple(Share(k, kind_sesuai[k], n_sesuai) for k in kinds)
    split_all = tuple(Share(k, kind_all[k], n_all) for k in kinds)
    kind_tables = tuple(KindTable(k, tuple(line for line in lines if line.kind == k)) for k in kinds)

    return RecapFigures(
        year=rows.year,
        agencies_total=len(agency_lines),
        agencies_taking_part=len(taking_part),
        forms_signed=sum(1 for a in taking_part if a.form_status == "signed"),
        forms_draft=sum(1 for f in rows.forms if f.status != "signed"),
        proposals=n_all,
        sesuai=n_sesuai,
        tidak_sesuai=n_tidak,
        belum_dinilai=status_count[ReviewStatus.BELUM_DINILAI.value],
        assessment=tuple(Share(s, status_count[s], n_all) for s in _STATUSES[1:] + _STATUSES[:1]),
        routes=routes,
        split_sesuai=split_sesuai,
        split_all=split_all,
        kind_tables=kind_tables,
        agencies=tuple(agency_lines),
        not_submitted=tuple(a for a in agency_lines if a.active and not a.taking_part),
        partners=_partner_counts(lines, order),
        tidak_sesuai_lines=tuple(line for line in lines if line.review_status == ReviewStatus.TIDAK_SESUAI),
        lines=tuple(lines),
        breakdowns=breakdowns(lines, rows.urusan_names),
        dprd_lines=tuple(
            x
            for x in lines
            if x.review_status == ReviewStatus.SESUAI
            and x.kind in ("KSDD", "KSDPK")
            and x.financing in ("apbd", "bersama")
            and x.stage not in ("persetujuan_dprd", "pks", "pelaksanaan", "monev", "berakhir")
        ),
    )


def _breakdown(
    key: str,
    title: str,
    lines: list[ProposalLine],
    key_of: Callable[[ProposalLine], Iterable[str]],
    label_of: Callable[[str], str],
    order: list[str] | None = None,
    note: str = "",
) -> Breakdown:
    total: Counter[str] = Counter()
    sesuai: Counter[str] = Counter()
    tidak: Counter[str] = Counter()
    for line in lines:
        for k in key_of(line):
            total[k] += 1
            sesuai[k] += line.review_status == ReviewStatus.SESUAI
            tidak[k] += line.review_status == ReviewStatus.TIDAK_SESUAI
    keys = [k for k in (order or []) if total[k]] + sorted(k for k in total if k not in (order or []))
    return Breakdown(key, title, tuple(BreakdownRow(k, label_of(k), total[k], sesuai[k], tidak[k]) for k in keys), note)


def breakdowns(lines: list[ProposalLine], urusan_names: dict[str, str]) -> tuple[Breakdown, ...]:
    """Laporan III's tables: by urusan, KSDD category, partner category, stage and financing."""
    from .models import Financing, PartnerCategory, Stage

    ksdd = [x for x in lines if x.kind == "KSDD"]
    return (
        _breakdown(
            "urusan",
            "Usulan menurut urusan pemerintahan",
            lines,
            lambda x: [x.urusan_code or "–"],
            lambda k: f"{k} {urusan_names.get(k, '')}".strip(),
            sorted(urusan_names),
        ),
        _breakdown(
            "ksdd_category",
            "KSDD menurut kategori (wajib/sukarela)",
            ksdd,
            lambda x: [x.ksdd_category or "–"],
            lambda k: label(k) or "Belum diisi",
            ["wajib", "sukarela"],
        ),
        _breakdown(
            "partner_category",
            "Usulan menurut kategori calon mitra",
            lines,
            lambda x: sorted({p.category or "–" for p in x.partners}),
            lambda k: label(k) or "Belum diisi",
            [c.value for c in PartnerCategory],
            "Satu usulan dihitung sekali untuk setiap kategori mitra yang disebutnya.",
        ),
        _breakdown(
            "stage",
            "Usulan menurut tahapan",
            lines,
            lambda x: [x.stage or "–"],
            lambda k: label(k) or "Belum diisi",
            [c.value for c in Stage],
        ),
        _breakdown(
            "financing",
            "Usulan menurut sumber pembiayaan",
            lines,
            lambda x: [x.financing or "–"],
            lambda k: label(k) or "Belum diisi",
            [c.value for c in Financing],
        ),
    )


def _mixed_case(text: str) -> bool:
    """``Universitas Lambung Mangkurat`` rather than ``UNIVERSITAS …`` or ``universitas …``."""
    return not text.isupper() and not text.islower()


def _partner_counts(lines: list[ProposalLine], order: dict[str, int]) -> tuple[PartnerCount, ...]:
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    proposals: Counter[str] = Counter()
    agencies: dict[str, dict[str, str]] = defaultdict(dict)
    for line in lines:
        seen: set[str] = set()
        for partner in line.partners:
            key = normalise_partner(partner.name)
            if not key:
                continue
            spellings[key][" ".join(partner.name.split())] += 1
            if partner.category:
                categories[key][partner.category] += 1
            if key in seen:
                continue
            seen.add(key)
            proposals[key] += 1
            agencies[key][line.agency_code] = line.agency_short
    result = []
    for key, count in proposals.items():
        name = min(spellings[key].items(), key=lambda kv: (-kv[1], not _mixed_case(kv[0]), kv[0].endswith(".")))[0]
        category = min(categories[key].items(), key=lambda kv: (-kv[1], kv[0]))[0] if categories[key] else ""
        named_by = sorted(agencies[key].items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        result.append(PartnerCount(name, category, count, len(named_by), tuple(s for _, s in named_by)))
    result.sort(key=lambda p: (-p.proposals, -p.agencies, p.name.casefold()))
    return tuple(result)


# --------------------------------------------------------------------------- wording


def share_list_text(shares: tuple[Share, ...]) -> str:
    """``46,4 % Sinergi (58), 38,4 % KSDPK (48) dan 15,2 % KSDD (19)``."""
    parts = [f"{s.percent_text} {kind_short(s.key)} ({s.count})" for s in shares if s.count]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " dan " + parts[-1]
    return parts[0] if parts else ""


def summary_paragraphs(fig: RecapFigures, region_name: str) -> list[str]:
    """The summary in running text (plain strings), as the report and the GUI state it."""
    if not fig.agencies_taking_part:
        return [
            (
                f"Belum ada perangkat daerah yang menyampaikan usulan kerja sama untuk Tahun {fig.year} "
                f"(0 dari {fig.agencies_total} perangkat daerah)."
            )
        ]
    out = [
        (
            f"Pemetaan kerja sama daerah {region_name} Tahun {fig.year} diikuti oleh "
            f"{fig.agencies_taking_part} dari {fig.agencies_total} perangkat daerah yang menyampaikan formulir "
            f"yang telah ditandatangani, dengan {fig.proposals} usulan kerja sama."
            + (
                f" Sebanyak {fig.forms_draft} formulir lain masih draf dan dihitung belum menyampaikan."
                if fig.forms_draft
                else ""
            )
        )
    ]
    if fig.proposals:
        assessed = [
            f"{fig.sesuai} usulan ({percent_text(percent(fig.sesuai, fig.proposals))}) sesuai kriteria",
            (f"{fig.tidak_sesuai} usulan ({percent_text(percent(fig.tidak_sesuai, fig.proposals))}) tidak sesuai"),
        ]
        text = "Hasil penilaian Tim Koordinasi Kerja Sama Daerah (TKKSD): " + " dan ".join(assessed)
        if fig.belum_dinilai:
            text += f", sedangkan {fig.belum_dinilai} usulan belum dinilai"
        out.append(text + ".")
        used = [r for r in fig.routes if r.count]
        if used:
            routes = "; ".join(f"{lower_first(route_label(r.key))}: {r.count}" for r in used)
            out.append(f"Usulan yang tidak sesuai diarahkan ke rute alternatif ({routes}).")
        if fig.sesuai:
            out.append(
                f"Dari {fig.sesuai} usulan yang sesuai kriteria, komposisi menurut jenis kerja sama "
                f"adalah {share_list_text(fig.split_sesuai)}."
            )
    return out
