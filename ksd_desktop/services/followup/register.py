"""The register of agreements and the secretariat's one view of what became of every proposal.

save_agreement(db, agreement)             # validated, audited; returns the warnings
overview(db, 2024)                        # every 2024 proposal: where it stands, its agreements
expiring(db, months=12)                   # agreements that end within 12 months
alerts(db)                                # the main window's badge: expiring and stale counts
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...domain.agreements import Agreement, State, add_months, validate_agreement
from ...domain.followup import Standing, is_stale, standing
from ...domain.monev import reached
from ...domain.validation import Problem
from ...storage.followup_repo import FollowupRepository, ProposalRef
from ..errors import ServiceError
from .procedures import procedure, procedures

if TYPE_CHECKING:
    from sqlite_utils import Database

DEFAULT_STALE_MONTHS = 6
DEFAULT_EXPIRY_MONTHS = 12


class AgreementRefused(ServiceError):
    """The agreement breaks a rule; ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("Perjanjian belum dapat disimpan:\n" + "\n".join(f"- {p.message}" for p in problems))


def check_agreement(db: Database, agreement: Agreement, *, today: dt.date | None = None) -> list[Problem]:
    repo = FollowupRepository(db)
    parent = repo.get_agreement(agreement.parent_uuid) if agreement.parent_uuid else None
    if agreement.parent_uuid and parent is None:
        return [
            Problem(
                "parent_uuid", "Dokumen induk tidak ditemukan; pilih kembali dari daftar.", proposal_uuid=agreement.uuid
            )
        ]
    problems = validate_agreement(agreement, today=today or dt.date.today(), parent=parent)
    missing = set(agreement.proposal_uuids) - set(repo.proposals(agreement.proposal_uuids))
    if missing:
        problems.append(
            Problem(
                "proposal_uuids",
                "Sebagian usulan yang ditautkan tidak ada di basis data ini.",
                proposal_uuid=agreement.uuid,
            )
        )
    same = repo.find_agreement(agreement.doc_type, agreement.number) if agreement.number.strip() else None
    if same is not None and same.uuid != agreement.uuid:
        problems.append(
            Problem(
                "number",
                f"{agreement.doc_type} nomor {agreement.number} sudah ada di register; ubah catatan yang ada.",
                proposal_uuid=agreement.uuid,
            )
        )
    return problems


def save_agreement(
    db: Database, agreement: Agreement, *, today: dt.date | None = None, reason: str | None = None
) -> list[Problem]:
    """Insert or update ``agreement`` with its links; raises AgreementRefused, returns the warnings."""
    agreement.number = agreement.number.strip()
    agreement.parties = [p.strip() for p in agreement.parties if p.strip()]
    problems = check_agreement(db, agreement, today=today)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise AgreementRefused(errors)
    with db.atomic():
        FollowupRepository(db).save_agreement(agreement, reason=reason)
    return [p for p in problems if not p.is_error]


def delete_agreement(db: Database, uuid: str, *, reason: str | None = None) -> None:
    with db.atomic():
        FollowupRepository(db).delete_agreement(uuid, reason=reason)


@dataclass(frozen=True)
class OverviewRow:
    """One proposal in the secretariat's view."""

    proposal: ProposalRef
    standing: Standing
    agreements: tuple[Agreement, ...]
    stale: bool
    reached: frozenset[str] = frozenset()  # the steps reached (domain/monev.py ``reached``)


def overview(
    db: Database, year: int, *, today: dt.date | None = None, stale_months: int = DEFAULT_STALE_MONTHS
) -> list[OverviewRow]:
    """Every proposal of ``year`` with where its follow-up stands and its agreements."""
    today = today or dt.date.today()
    repo = FollowupRepository(db)
    steps = repo.steps_of_year(year)
    by_proposal: dict[str, list[Agreement]] = {}
    for agreement in repo.agreements():
        for uuid in agreement.proposal_uuids:
            by_proposal.setdefault(uuid, []).append(agreement)
    rows = []
    for ref in repo.proposals_of_year(year):
        own = steps.get(ref.uuid, [])
        proc = procedure(ref.kind)
        stand = standing(own, proc)
        rows.append(
            OverviewRow(
                ref,
                stand,
                tuple(by_proposal.get(ref.uuid, ())),
                stale=_stale(ref, stand, today, stale_months),
                reached=frozenset(reached(own, proc) if proc else {s.step for s in own}),
            )
        )
    return rows


def _stale(ref: ProposalRef, stand: Standing, today: dt.date, months: int) -> bool:
    """A proposal assessed *sesuai* whose follow-up has not moved for ``months`` months."""
    if ref.review_status != "sesuai" or stand.ended:
        return False
    try:
        reference = dt.date.fromisoformat(ref.mapped_on)
    except (TypeError, ValueError):
        reference = dt.date(ref.year, 12, 31)
    return is_stale(stand.last_date, reference, months, today)


def expiring(db: Database, *, months: int = DEFAULT_EXPIRY_MONTHS, today: dt.date | None = None) -> list[Agreement]:
    """Agreements in force that end within ``months`` months, soonest first."""
    today = today or dt.date.today()
    found = [a for a in FollowupRepository(db).agreements() if a.state(today, months) == State.SEGERA_BERAKHIR]
    return sorted(found, key=lambda a: a.expiry() or dt.date.max)


@dataclass(frozen=True)
class Alerts:
    """The main window's badge."""

    expiring: int  # agreements ending within 12 months
    stale: int  # proposals assessed sesuai without a step for 6 months (every year)

    @property
    def total(self) -> int:
        return self.expiring + self.stale


def _terminal_steps() -> list[str]:
    return sorted({s.key for proc in procedures().values() for s in proc.steps if s.terminal})


def alerts(db: Database, *, today: dt.date | None = None, stale_months: int = DEFAULT_STALE_MONTHS) -> Alerts:
    """The badge's counts, every year at once (one SQL query for the stale proposals)."""
    today = today or dt.date.today()
    cutoff = add_months(today, -stale_months).isoformat()
    stale = FollowupRepository(db, device="-").stale_proposals(cutoff, _terminal_steps())
    return Alerts(len(expiring(db, today=today)), len(stale))


def stale_proposal_uuids(
    db: Database, year: int, *, today: dt.date | None = None, stale_months: int = DEFAULT_STALE_MONTHS
) -> list[str]:
    """The proposals of ``year`` without a step for ``stale_months`` months (the main window's filter)."""
    cutoff = add_months(today or dt.date.today(), -stale_months).isoformat()
    return FollowupRepository(db, device="-").stale_proposals(cutoff, _terminal_steps(), year)
