"""The training data set: Kabupaten Banjar's 2024 mapping, reproduced exactly.

``fill_demo(db)`` (the default, 156 proposals) writes what the TKKSD of Kabupaten Banjar
published for 2024: 27 perangkat daerah, each with a signed form (July 2024), 156 usulan,
125 *sesuai kriteria* (58 Sinergi, 48 KSDPK, 19 KSDD: 46,4 %, 38,4 %, 15,2 %) and 31
*tidak sesuai*, each with the route and the individual review note the plan in
``resources/demo/corpus.json`` gives it (a JICA proposal goes to the foreign-cooperation
channel, a university activity to swakelola, a bought service to pengadaan, never at
random), and a few of its proposals have a follow-up (steps, a KSB, an NK, PKS such as the TPA
Regional Banjarbakula, from ``resources/demo/followup.json``). Beside it, four agencies have
*started* their 2025 forms: unsigned drafts, which
the 2025 Laporan counts as *belum menyampaikan*; 2024 has no draft, so its Laporan states
the published figures.

Any other ``proposals`` count (benchmarks, up to 100,000) builds a synthetic set from the
same templates, spread over the years 2018–2025, with the same rule for assessments (a
template assessed tidak sesuai in the plan keeps that route and note).

Every record satisfies every rule (checked with the domain validator, so a broken template
fails loudly), and the whole set is written in one transaction: all or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import uuid as _uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..domain.canonical import CANONICAL_VERSION, canonical_json, hash_text
from ..domain.models import Agency, Form, Partner, Proposal, ReviewStatus
from ..domain.report import BANJAR_2024
from ..domain.signing import default_signer_position
from ..domain.validation import errors_only, validate_form, validate_signing
from ..paths import resource
from ..storage.queries import SearchIndex
from ..storage.repositories import FormRepository, ReferenceRepository, ReportSettingsRepository
from .errors import ServiceError
from .progress import Cancelled, Progress, Steps

if TYPE_CHECKING:
    from sqlite_utils import Database

BANJAR_PROPOSALS = 156
BANJAR_YEAR = 2024
DRAFT_YEAR = 2025
DEMO_YEARS = tuple(range(2024, 2017, -1)) + (2025,)
PER_FORM_TARGET = 450


class DemoRefused(ServiceError):
    pass


@dataclass(frozen=True)
class DemoSummary:
    forms: int
    signed: int
    proposals: int
    partners: int
    years: str
    by_year: dict[int, tuple[int, int, int]] = field(default_factory=dict)  # year -> (forms, signed, proposals)


@lru_cache(maxsize=1)
def load_corpus() -> dict[str, Any]:
    """resources/demo/corpus.json (templates per urusan, people pools, the 2024 plan)."""
    return cast("dict[str, Any]", json.loads(Path(resource("demo", "corpus.json")).read_text(encoding="utf-8")))


class _Uuids:
    """Deterministic UUID4s drawn from the seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self) -> str:
        return str(_uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _proposal(urusan: str, t: dict[str, Any], seq: int, new_uuid: _Uuids) -> Proposal:
    proposal = Proposal(
        uuid=new_uuid(),
        seq=seq,
        urusan_code=urusan,
        program=t["program"],
        problem=t["problem"],
        potential=t["potential"],
        object=t["object"],
        kind=t["kind"],
        ksdd_category=t["ksdd_category"],
        externality=t["externality"],
        ksdpk_form=t["ksdpk_form"],
        benefits=t["benefits"],
        rpjmd_alignment=t["rpjmd_alignment"],
        legal_basis=t["legal_basis"],
        financing=t["financing"],
        priority=t["priority"],
        stage=t["stage"],
        existing_documents=t["existing_documents"],
        compliance_confirmed=True,
        notes=t["notes"],
    )
    proposal.partners = [
        Partner(
            uuid=new_uuid(),
            proposal_uuid=proposal.uuid,
            seq=i,
            name=p["name"],
            category=p["category"],
            region_code=p["region_code"],
            contact=p["contact"],
        )
        for i, p in enumerate(t["partners"], start=1)
    ]
    return proposal


def _signer_nip(entry: dict[str, Any], serial: int) -> str:
    return f"{entry['birth'].replace('-', '')}{entry['tmt'].replace('-', '')}{entry['sex']}{serial:03d}"


def _rank_label(golongan: str, ranks: list[str]) -> str:
    return next(r for r in ranks if r.endswith(f"({golongan})"))


class _Builder:
    """Builds and writes forms; everything the two modes share."""

    def __init__(self, db: Database, seed: int, today: dt.date | None):
        self.db, self.corpus = db, load_corpus()
        self.repo = FormRepository(db)
        reference = ReferenceRepository(db)
        self.agencies = reference.agencies(active_only=True)
        self.ranks = reference.ranks()
        self.ctx = reference.rule_context(today)
        self.rng = random.Random(seed)
        self.new_uuid = _Uuids(self.rng)
        self.by_year: dict[int, list[int]] = {}
        self.partners = 0
        # a template assessed tidak sesuai in the plan keeps its route and note everywhere
        self.verdicts = {(x["urusan"], x["template"]): x for x in self.corpus["banjar_2024"]}

    def form(self, agency: Agency, year: int) -> Form:
        c, rng = self.corpus, self.rng
        return Form(
            uuid=self.new_uuid(),
            agency_code=agency.code,
            year=year,
            pic_name=rng.choice(c["pic_names"]),
            pic_position=rng.choice(c["pic_positions"]),
            pic_phone=f"{rng.choice(c['phone_prefixes'])}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            pic_email=f"{agency.code.lower()}@banjarkab.go.id",
        )

    def add(self, form: Form, refs: list[tuple[str, int]]) -> None:
        templates = self.corpus["templates"]
        form.proposals = [_proposal(u, templates[u][i], seq, self.new_uuid) for seq, (u, i) in enumerate(refs, 1)]
        for p in form.proposals:
            p.form_uuid = form.uuid

    def assess(self, form: Form, refs: list[tuple[str, int]]) -> None:
        for p, ref in zip(form.proposals, refs, strict=True):
            verdict = self.verdicts.get(ref, {"review_status": ReviewStatus.SESUAI.value})
            p.review_status = verdict["review_status"]
            p.review_route = verdict.get("review_route")
            p.review_note = verdict.get("review_note")

    def sign(self, form: Form, agency: Agency, year: int) -> None:
        entry = self.rng.choice(self.corpus["signers"])
        form.signer_name = entry["name"]
        form.signer_nip = _signer_nip(entry, self.rng.randint(1, 12))
        form.signer_rank = _rank_label(entry["golongan"], self.ranks)
        form.signer_position = default_signer_position(agency.code, agency.name)
        form.signer_prefix = self.rng.choice(("", "", "", "", "Plt."))
        form.signed_place = "Martapura"
        form.signed_date = (dt.date(year, 7, 1) + dt.timedelta(days=self.rng.randint(0, 30))).isoformat()

    def write(self, form: Form, *, signed: bool) -> None:
        check = validate_signing if signed else validate_form
        problems = errors_only(check(form, self.ctx))
        if problems:
            raise RuntimeError(f"Templat data contoh melanggar aturan: {form.agency_code}: {problems[0]}")
        if signed:
            text = canonical_json(form, CANONICAL_VERSION)
            self.repo.mark_signed(form, text, hash_text(text))
        else:
            self.repo.save(form)
        self.partners += sum(len(p.partners) for p in form.proposals)
        counts = self.by_year.setdefault(form.year, [0, 0, 0])
        counts[0] += 1
        counts[1] += int(signed)
        counts[2] += len(form.proposals)

    def summary(self) -> DemoSummary:
        years = sorted(self.by_year)
        forms, signed, proposals = (sum(v[i] for v in self.by_year.values()) for i in range(3))
        return DemoSummary(
            forms,
            signed,
            proposals,
            self.partners,
            f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else ""),
            {y: (v[0], v[1], v[2]) for y, v in sorted(self.by_year.items())},
        )


def fill_demo(
    db: Database,
    *,
    proposals: int = BANJAR_PROPOSALS,
    seed: int = 2024,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an empty database (in one transaction); refuses one that already holds forms.

    All or nothing: a cancel (JobCancelled, by services/progress.py), Ctrl+C, a closed terminal
    or a power cut leaves the database as empty as it was, so ``demo`` can simply run again.
    The emptiness check runs inside the transaction (holding the write lock): two demos
    started at once cannot both fill the file.
    """
    with db.atomic():
        existing = db.execute("SELECT count(*) FROM forms").fetchone()[0]
        if existing:
            raise DemoRefused(
                f"Basis data sudah berisi {existing} formulir; data contoh hanya diisikan ke basis "
                "data kosong. Gunakan berkas baru, misalnya: ksd-desktop demo --db contoh.sqlite3"
            )
        builder = _Builder(db, seed, today)
        steps = Steps(
            proposals, progress, cancelled, message="Pembuatan data contoh dibatalkan; tidak ada yang ditulis."
        )
        steps.check()
        with SearchIndex(db).built_once():  # the search index made once, at the end (storage/queries.py)
            if proposals == BANJAR_PROPOSALS:
                _banjar(builder, steps)
                ReportSettingsRepository(db).save(BANJAR_YEAR, BANJAR_2024)
                # a separate small step: follow-up of a few 2024 proposals (resources/demo/followup.json)
                from .followup.demo import add_demo_followup

                add_demo_followup(db, today)
            else:
                _synthetic(builder, proposals, steps)
    steps.finish()
    return builder.summary()


def _banjar(b: _Builder, steps: Steps) -> None:
    plan = b.corpus["banjar_2024"]
    by_agency: dict[str, list[tuple[str, int]]] = {}
    agency: Agency | None
    for item in plan:
        by_agency.setdefault(item["agency"], []).append((item["urusan"], item["template"]))
    for agency in b.agencies:
        refs = by_agency.get(agency.code)
        if not refs:
            continue
        form = b.form(agency, BANJAR_YEAR)
        b.add(form, refs)
        b.sign(form, agency, BANJAR_YEAR)
        b.assess(form, refs)
        b.write(form, signed=True)
        steps.advance(len(refs))
    agencies = {a.code: a for a in b.agencies}
    for draft in b.corpus["drafts_2025"]:
        agency = agencies.get(draft["agency"])
        if agency is None:
            continue
        refs = [(x["urusan"], x["template"]) for x in draft["proposals"]]
        form = b.form(agency, DRAFT_YEAR)
        b.add(form, refs)
        b.write(form, signed=False)


def _spread(total: int, slots: int, rng: random.Random) -> list[int]:
    """Split ``total`` over ``slots`` unevenly (big agencies propose more), each slot ≥ 1 when possible."""
    if slots == 0:
        return []
    weights = [rng.uniform(0.5, 2.0) for _ in range(slots)]
    base = [1 if total >= slots else 0] * slots
    rest = total - sum(base)
    scale = sum(weights)
    shares = [rest * w / scale for w in weights]
    counts = [b + int(s) for b, s in zip(base, shares, strict=True)]
    order = sorted(range(slots), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _synthetic(b: _Builder, proposals: int, steps: Steps) -> None:
    templates = b.corpus["templates"]
    n_years = min(len(DEMO_YEARS), max(1, math.ceil(proposals / (len(b.agencies) * PER_FORM_TARGET))))
    years = sorted(DEMO_YEARS[:n_years])
    slots = [(agency, year) for year in years for agency in b.agencies]
    counts = _spread(proposals, len(slots), b.rng)
    for (agency, year), count in zip(slots, counts, strict=True):
        if count == 0:
            continue
        codes = [c for c in agency.urusan_codes if c in templates] or ["4.01"]
        pool = [(code, i) for code in codes for i in range(len(templates[code]))]
        b.rng.shuffle(pool)
        refs = [pool[k % len(pool)] for k in range(count)]
        form = b.form(agency, year)
        b.add(form, refs)
        signed = b.rng.random() < 0.75 and year <= BANJAR_YEAR
        if signed:
            b.sign(form, agency, year)
            b.assess(form, refs)
        b.write(form, signed=signed)
        steps.advance(count)
