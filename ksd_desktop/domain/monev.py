"""Monitoring dan evaluasi of a mapping year: what became of its proposals, and the agreements.

``compute_monev`` counts, per kind, how many proposals *reached* each step of the procedure
(recorded it, or recorded a later step of the main path: a PKS implies its KSB was reached;
an optional step such as persetujuan DPRD counts only when recorded), per agency the
proposals with a follow-up, a KSB/NK, a PKS, those not pursued and those without a step for
N months, and the agreements linked to the year's proposals by state, with the register's
agreements that end within 12 months. Pure Python: the figures are tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .agreements import Agreement, State
from .followup import NOT_PURSUED, FollowupStep, Procedure, Standing, standing

KIND_ORDER = ("SINERGI", "KSDPK", "KSDD", "KSDPL", "KSDLL")
DOCUMENT_STEPS = ("ksb", "nk")


@dataclass(frozen=True)
class MonevProposal:
    uuid: str
    agency_code: str
    agency_name: str
    seq: int
    kind: str
    object: str
    review_status: str
    steps: tuple[FollowupStep, ...]
    stale: bool = False


@dataclass(frozen=True)
class StepCount:
    key: str
    label: str
    short: str
    reached: int
    optional: bool


@dataclass(frozen=True)
class KindFigures:
    kind: str
    proposals: int  # proposals of this kind (assessed sesuai, or all when none are assessed)
    with_steps: int
    steps: tuple[StepCount, ...]
    not_pursued: int


@dataclass(frozen=True)
class AgencyFigures:
    code: str
    name: str
    proposals: int
    sesuai: int
    with_steps: int
    agreement: int  # reached a KSB or an NK
    pks: int
    not_pursued: int
    stale: int


@dataclass(frozen=True)
class ProposalLine:
    proposal: MonevProposal
    standing: Standing
    agreements: tuple[Agreement, ...]


@dataclass
class MonevFigures:
    year: int
    today: dt.date
    stale_months: int
    proposals: int = 0
    sesuai: int = 0
    with_steps: int = 0
    reached_agreement: int = 0
    reached_pks: int = 0
    not_pursued: int = 0
    stale: int = 0
    kinds: list[KindFigures] = field(default_factory=list)
    agencies: list[AgencyFigures] = field(default_factory=list)
    lines: list[ProposalLine] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)  # linked to the year's proposals
    agreement_states: dict[str, int] = field(default_factory=dict)  # State → count (of ``agreements``)
    expiring: list[Agreement] = field(default_factory=list)  # whole register, within 12 months

    @property
    def pending(self) -> int:
        """Assessed sesuai, not ended, and no step yet."""
        return sum(1 for line in self.lines if line.proposal.review_status == "sesuai" and line.standing.steps == 0)


def reached(steps: tuple[FollowupStep, ...] | list[FollowupStep], procedure: Procedure) -> set[str]:
    """The step keys a proposal reached: those recorded, and every step they require (transitively);
    an optional step (persetujuan DPRD) counts only when recorded."""
    done = {s.step for s in steps if s.step != NOT_PURSUED}
    out = set(done)
    for key in done:
        stack = [key]
        while stack:
            step = procedure.step(stack.pop())
            for needed in step.requires if step else ():
                needed_step = procedure.step(needed)
                if needed not in out and needed_step is not None and not needed_step.optional:
                    out.add(needed)
                    stack.append(needed)
    return out


def compute_monev(
    year: int,
    proposals: list[MonevProposal],
    procedures: dict[str, Procedure],
    agreements: list[Agreement],
    register: list[Agreement],
    *,
    today: dt.date,
    stale_months: int = 6,
) -> MonevFigures:
    fig = MonevFigures(year=year, today=today, stale_months=stale_months)
    by_uuid: dict[str, list[Agreement]] = {}
    for agreement in agreements:
        for uuid in agreement.proposal_uuids:
            by_uuid.setdefault(uuid, []).append(agreement)
    assessed = any(p.review_status != "belum_dinilai" for p in proposals)
    agencies: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}
    kind_reached: dict[str, Counter[str]] = {}
    kind_total: Counter[str] = Counter()
    kind_with: Counter[str] = Counter()
    kind_dropped: Counter[str] = Counter()
    for p in proposals:
        proc = procedures.get(p.kind)
        stand = standing(list(p.steps), proc)
        fig.lines.append(ProposalLine(p, stand, tuple(by_uuid.get(p.uuid, ()))))
        got = reached(p.steps, proc) if proc else {s.step for s in p.steps}
        dropped = any(s.step == NOT_PURSUED for s in p.steps)
        counted = p.review_status == "sesuai" or not assessed
        c = agencies.setdefault(p.agency_code, Counter())
        names[p.agency_code] = p.agency_name
        c["proposals"] += 1
        c["sesuai"] += p.review_status == "sesuai"
        c["with_steps"] += bool(p.steps)
        c["agreement"] += bool(got & set(DOCUMENT_STEPS))
        c["pks"] += "pks" in got
        c["not_pursued"] += dropped
        c["stale"] += p.stale
        fig.proposals += 1
        fig.sesuai += p.review_status == "sesuai"
        fig.with_steps += bool(p.steps)
        fig.reached_agreement += bool(got & set(DOCUMENT_STEPS))
        fig.reached_pks += "pks" in got
        fig.not_pursued += dropped
        fig.stale += p.stale
        if counted or p.steps:
            kind_total[p.kind] += 1
            kind_with[p.kind] += bool(p.steps)
            kind_dropped[p.kind] += dropped
            kind_reached.setdefault(p.kind, Counter()).update(got)
    for kind in [k for k in KIND_ORDER if k in kind_total] + sorted(set(kind_total) - set(KIND_ORDER)):
        proc = procedures.get(kind)
        if proc is None:
            continue
        counts = tuple(
            StepCount(s.key, s.label, s.short, kind_reached.get(kind, Counter())[s.key], s.optional)
            for s in proc.steps
            if not s.terminal
        )
        fig.kinds.append(KindFigures(kind, kind_total[kind], kind_with[kind], counts, kind_dropped[kind]))
    fig.agencies = [
        AgencyFigures(
            code,
            names[code],
            c["proposals"],
            c["sesuai"],
            c["with_steps"],
            c["agreement"],
            c["pks"],
            c["not_pursued"],
            c["stale"],
        )
        for code, c in agencies.items()
    ]
    linked = {a.uuid: a for a in agreements if a.proposal_uuids and any(u in by_uuid for u in a.proposal_uuids)}
    fig.agreements = sorted(linked.values(), key=lambda a: (a.date_signed, a.number))
    fig.agreement_states = dict(Counter(a.state(today).value for a in fig.agreements))
    fig.expiring = sorted(
        (a for a in register if a.state(today, 12) == State.SEGERA_BERAKHIR), key=lambda a: a.expiry() or dt.date.max
    )
    return fig
