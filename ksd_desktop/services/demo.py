"""A realistic, deterministic demo data set modelled on Kabupaten Banjar's 2024 mapping.

27 agencies, 156 proposals by default, all five kinds, signed forms with valid signers
and drafts; every record satisfies every rule (checked here with the domain validator, so
a broken template fails loudly instead of producing bad demo data). ``proposals`` may go
to 100,000 for benchmarks: the forms are then spread over the years 2018–2025.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid as _uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..domain.canonical import CANONICAL_VERSION, canonical_json, hash_text
from ..domain.signing import default_signer_position
from ..domain.models import Agency, Form, Partner, Proposal, ReviewRoute, ReviewStatus
from ..domain.validation import errors_only, validate_form, validate_signing
from ..storage.errors import StorageError
from ..storage.repositories import FormRepository, ReferenceRepository
from . import demo_corpus as corpus

if TYPE_CHECKING:
    from sqlite_utils import Database

DEMO_YEARS = tuple(range(2024, 2017, -1)) + (2025,)
PER_FORM_TARGET = 450
ROUTES = [r.value for r in ReviewRoute if r != ReviewRoute.LAINNYA]
RIDERS = (
    "", "", " Kondisi ini tercatat dalam evaluasi kinerja tahun sebelumnya.",
    " Hal ini juga disampaikan dalam Musrenbang kecamatan.",
    " Kebutuhan ini telah dibahas dalam FGD pemetaan kerja sama daerah.",
)


class DemoRefused(StorageError):
    pass


@dataclass(frozen=True)
class DemoSummary:
    forms: int
    signed: int
    proposals: int
    partners: int
    years: str


class _Uuids:
    """Deterministic UUID4s drawn from the seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self) -> str:
        return str(_uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _spread(total: int, slots: int, rng: random.Random) -> list[int]:
    """Split ``total`` over ``slots`` unevenly (big agencies propose more), each slot ≥ 1 when possible."""
    if slots == 0:
        return []
    weights = [rng.uniform(0.5, 2.0) for _ in range(slots)]
    base = [1 if total >= slots else 0] * slots
    rest = total - sum(base)
    scale = sum(weights)
    shares = [rest * w / scale for w in weights]
    counts = [b + int(s) for b, s in zip(base, shares)]
    order = sorted(range(slots), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _signer_nip(entry: dict, serial: int) -> str:
    birth = entry["birth"].replace("-", "")
    tmt = entry["tmt"].replace("-", "")
    return f"{birth}{tmt}{entry['sex']}{serial:03d}"


def _rank_label(golongan: str, ranks: list[str]) -> str:
    return next(r for r in ranks if r.endswith(f"({golongan})"))


def _position(agency: Agency) -> str:
    return default_signer_position(agency.code, agency.name)


def _template_pool(agency: Agency, rng: random.Random) -> list[tuple[str, dict]]:
    """The agency's templates in a shuffled order, so a form repeats none until all are used."""
    codes = [c for c in agency.urusan_codes if c in corpus.TEMPLATES] or ["4.01"]
    pool = [(code, t) for code in codes for t in corpus.TEMPLATES[code]]
    rng.shuffle(pool)
    return pool


def _pool_size(agency: Agency) -> int:
    codes = [c for c in agency.urusan_codes if c in corpus.TEMPLATES] or ["4.01"]
    return sum(len(corpus.TEMPLATES[c]) for c in codes)


def _fit_to_pools(counts: list[int], pools: list[int]) -> list[int]:
    """Move proposals from forms that would repeat a template to forms with templates left.

    Only when the total fits in all the pools together (the Banjar-sized default does);
    benchmark-sized sets repeat templates, which is fine for timing.
    """
    if sum(counts) > sum(pools):
        return counts
    counts = list(counts)
    excess = sum(max(0, c - p) for c, p in zip(counts, pools))
    counts = [min(c, p) for c, p in zip(counts, pools)]
    for i in sorted(range(len(counts)), key=lambda i: pools[i] - counts[i], reverse=True):
        room = min(excess, pools[i] - counts[i])
        counts[i] += room
        excess -= room
        if not excess:
            break
    return counts


def _proposal(urusan: str, t: dict, seq: int, rng: random.Random, new_uuid: _Uuids) -> Proposal:
    proposal = Proposal(
        uuid=new_uuid(), seq=seq, urusan_code=urusan, program=t["program"],
        problem=t["problem"] + rng.choice(RIDERS), potential=t["potential"], object=t["object"],
        kind=t["kind"], ksdd_category=t["ksdd_category"], externality=t["externality"],
        ksdpk_form=t["ksdpk_form"], benefits=t["benefits"], rpjmd_alignment=t["rpjmd_alignment"],
        legal_basis=t["legal_basis"], financing=t["financing"], priority=t["priority"], stage=t["stage"],
        existing_documents=t["existing_documents"], compliance_confirmed=True, notes=t["notes"],
    )
    proposal.partners = [
        Partner(uuid=new_uuid(), proposal_uuid=proposal.uuid, seq=i, name=p["name"], category=p["category"],
                region_code=p["region_code"], contact=p["contact"])
        for i, p in enumerate(t["partners"], start=1)
    ]
    return proposal


def fill_demo(db: Database, *, proposals: int = 156, seed: int = 2024,
              progress: Callable[[int, int], None] | None = None,
              today: dt.date | None = None) -> DemoSummary:
    """Fill an empty database; refuses one that already holds forms.

    All or nothing: everything is written in one transaction, so an interruption (Ctrl+C,
    a closed terminal, a power cut) leaves the database as empty as it was, and ``demo``
    can simply run again.
    """
    with db.atomic():
        return _fill(db, proposals, seed, progress, today)


def _fill(db: Database, proposals: int, seed: int, progress: Callable[[int, int], None] | None,
          today: dt.date | None) -> DemoSummary:
    repo = FormRepository(db)
    existing = db.execute("SELECT count(*) FROM forms").fetchone()[0]
    if existing:
        raise DemoRefused(f"Basis data sudah berisi {existing} formulir; data contoh hanya diisikan ke basis "
                          "data kosong. Gunakan berkas baru, misalnya: ksd-desktop demo --db contoh.sqlite3")
    reference = ReferenceRepository(db)
    agencies = reference.agencies(active_only=True)
    ranks = reference.ranks()
    ctx = reference.rule_context(today)
    rng = random.Random(seed)
    new_uuid = _Uuids(rng)
    n_years = min(len(DEMO_YEARS), max(1, math.ceil(proposals / (len(agencies) * PER_FORM_TARGET))))
    years = sorted(DEMO_YEARS[:n_years])
    slots = [(agency, year) for year in years for agency in agencies]
    counts = _fit_to_pools(_spread(proposals, len(slots), rng), [_pool_size(a) for a, _ in slots])
    done = signed = partners = forms = 0
    for (agency, year), count in zip(slots, counts):
        if count == 0:
            continue
        form = _form(agency, year, count, rng, new_uuid)
        partners += sum(len(p.partners) for p in form.proposals)
        will_sign = rng.random() < 0.75
        if will_sign:
            _sign_fields(form, year, rng, ranks, agency)
            _review(form, rng)
            problems = errors_only(validate_signing(form, ctx))
        else:
            problems = errors_only(validate_form(form, ctx))
        if problems:
            raise RuntimeError(f"Templat data contoh melanggar aturan: {problems[0]}")
        if will_sign:
            text = canonical_json(form, CANONICAL_VERSION)
            repo.mark_signed(form, text, hash_text(text))
            signed += 1
        else:
            repo.save(form)
        forms += 1
        done += count
        if progress:
            progress(done, proposals)
    return DemoSummary(forms, signed, done, partners,
                       f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]))


def _form(agency: Agency, year: int, count: int, rng: random.Random, new_uuid: _Uuids) -> Form:
    form = Form(uuid=new_uuid(), agency_code=agency.code, year=year,
                pic_name=rng.choice(corpus.PIC_NAMES), pic_position=rng.choice(corpus.PIC_POSITIONS),
                pic_phone=f"{rng.choice(corpus.PHONE_PREFIXES)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                pic_email=f"{agency.code.lower()}@banjarkab.go.id")
    pool = _template_pool(agency, rng)
    form.proposals = [_proposal(*pool[(seq - 1) % len(pool)], seq, rng, new_uuid) for seq in range(1, count + 1)]
    for p in form.proposals:
        p.form_uuid = form.uuid
    return form


def _sign_fields(form: Form, year: int, rng: random.Random, ranks: list[str], agency: Agency) -> None:
    entry = rng.choice(corpus.SIGNERS)
    prefix = rng.choice(("", "", "", "", "Plt."))
    form.signer_name = entry["name"]
    form.signer_nip = _signer_nip(entry, rng.randint(1, 12))
    form.signer_rank = _rank_label(entry["golongan"], ranks)
    form.signer_position = _position(agency)
    form.signer_prefix = prefix
    form.signed_place = "Martapura"
    form.signed_date = (dt.date(year, 7, 1) + dt.timedelta(days=rng.randint(0, 30))).isoformat()


def _review(form: Form, rng: random.Random) -> None:
    """The TKKSD assessed most signed forms: about four in five proposals meet the criteria."""
    if rng.random() < 0.15:
        return
    for p in form.proposals:
        if rng.random() < 0.8:
            p.review_status = ReviewStatus.SESUAI.value
        else:
            p.review_status = ReviewStatus.TIDAK_SESUAI.value
            p.review_route = rng.choice(ROUTES)
            p.review_note = "Diarahkan ke rute lain sesuai hasil rapat TKKSD."
