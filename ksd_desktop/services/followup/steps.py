"""Recording a proposal's follow-up: add, change or delete a step, with the procedure's rules.

    record_step(db, step)                     # raises StepRefused listing what breaks
    record_step(db, step, agreement=pks)      # the step and its agreement, in one transaction
    delete_step(db, step_uuid)

A change is refused when it *adds* an error to the proposal's timeline (domain/followup.py
``check_timeline``): a PKS before its KSB, a step that is not repeatable recorded twice, a date
in the future. Recording the step as an exception (``exception_reason``, 10 characters or
more) turns an ordering error into a warning. Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...domain.agreements import Agreement, validate_agreement
from ...domain.followup import AGREEMENT_STEPS, FollowupStep, Standing, check_timeline, new_errors, standing
from ...domain.validation import Problem
from ...storage.followup_repo import FollowupRepository, ProposalRef
from ..errors import ServiceError
from .procedures import procedure

if TYPE_CHECKING:
    from sqlite_utils import Database


class StepRefused(ServiceError):
    """The step breaks the procedure's rules; ``problems`` lists each one."""

    def __init__(self, problems: list[Problem], action: str = "dicatat"):
        self.problems = problems
        super().__init__(f"Langkah belum dapat {action}:\n" + "\n".join(f"- {p.message}" for p in problems))


@dataclass
class Timeline:
    """A proposal with its steps, their problems, its agreements and where it stands."""

    proposal: ProposalRef
    steps: list[FollowupStep]
    problems: list[Problem]
    agreements: list[Agreement]
    standing: Standing
    warnings: list[Problem] = field(default_factory=list)


def _strip(step: FollowupStep) -> None:
    for name in ("document_number", "responsible", "attachment", "note", "exception_reason"):
        value = (getattr(step, name) or "").strip()
        setattr(step, name, value or None)


def timeline(db: Database, proposal_uuid: str, *, today: dt.date | None = None) -> Timeline:
    repo = FollowupRepository(db)
    ref = repo.proposal(proposal_uuid)
    if ref is None:
        raise ServiceError("Usulan tidak ditemukan; muat ulang daftar usulan.")
    steps = repo.steps_of(proposal_uuid)
    proc = procedure(ref.kind)
    problems = check_timeline(steps, proc, today=today or dt.date.today(), mapping_year=ref.year) if proc else []
    return Timeline(ref, steps, problems, repo.agreements_of_proposal(proposal_uuid), standing(steps, proc))


def check_change(
    db: Database, step: FollowupStep, *, today: dt.date | None = None, removing: bool = False
) -> tuple[list[Problem], list[Problem]]:
    """(errors the change adds, warnings of the changed step) — nothing is written."""
    repo = FollowupRepository(db)
    ref = repo.proposal(step.proposal_uuid)
    if ref is None:
        raise ServiceError("Usulan tidak ditemukan; muat ulang daftar usulan.")
    proc = procedure(ref.kind)
    if proc is None:
        raise ServiceError(
            f"Jenis kerja sama usulan ini belum diisi ({ref.kind or 'kosong'}); lengkapi formulirnya lebih dahulu."
        )
    today = today or dt.date.today()
    current = repo.steps_of(step.proposal_uuid)
    after = [s for s in current if s.uuid != step.uuid] + ([] if removing else [step])
    before_problems = check_timeline(current, proc, today=today, mapping_year=ref.year)
    after_problems = check_timeline(after, proc, today=today, mapping_year=ref.year)
    added = new_errors(before_problems, after_problems)
    warnings = [p for p in after_problems if not p.is_error and p.proposal_uuid == step.uuid]
    return added, warnings


def record_step(
    db: Database,
    step: FollowupStep,
    *,
    agreement: Agreement | None = None,
    today: dt.date | None = None,
    reason: str | None = None,
) -> list[Problem]:
    """Insert or update ``step`` (and its ``agreement``, linked to the proposal); returns the warnings.

    Raises StepRefused when the change adds an error to the timeline or the agreement has one.
    """
    _strip(step)
    today = today or dt.date.today()
    added, warnings = check_change(db, step, today=today)
    repo = FollowupRepository(db)
    if agreement is not None:
        if step.step not in AGREEMENT_STEPS:
            raise ServiceError("Hanya langkah KSB, NK atau PKS yang dicatat bersama perjanjian.")
        parent = repo.get_agreement(agreement.parent_uuid) if agreement.parent_uuid else None
        problems = validate_agreement(agreement, today=today, parent=parent)
        added += [p for p in problems if p.is_error]
        warnings += [p for p in problems if not p.is_error]
    if added:
        raise StepRefused(added)
    with db.atomic():
        if agreement is not None:
            if step.proposal_uuid not in agreement.proposal_uuids:
                agreement.proposal_uuids.append(step.proposal_uuid)
            repo.save_agreement(agreement, reason=reason)
            step.agreement_uuid = agreement.uuid
        repo.save_step(step, reason=reason)
    return warnings


def delete_step(db: Database, step_uuid: str, *, today: dt.date | None = None, reason: str | None = None) -> None:
    """Delete a step; refused when later steps would lose what they require (unless excepted)."""
    repo = FollowupRepository(db)
    step = repo.get_step(step_uuid)
    if step is None:
        raise ServiceError("Langkah tidak ditemukan; mungkin sudah dihapus. Muat ulang jendela ini.")
    added, _ = check_change(db, step, today=today, removing=True)
    if added:
        raise StepRefused(added, "dihapus")
    with db.atomic():
        repo.delete_step(step_uuid, reason=reason)
