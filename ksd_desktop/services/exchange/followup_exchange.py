"""Tindak lanjut in data bundles (format_version 2): the member ``followup.json``.

Export: the steps of the exported proposals and the agreements linked to them (the whole
register when the whole database is exported). Import: each step and agreement is matched
by uuid, with the form's conflict rules (services/exchange/importer.py):

- ``new``: not here: added (a step whose proposal is neither here nor in the file is skipped);
- ``unchanged``: the same content (timestamps and device aside): nothing to do;
- ``newer``: different, and the record here was never changed on this device (only
  imported): the incoming one replaces it;
- ``conflict``: different, and changed here: never resolved silently. The decision per uuid
  is ``keep_local`` (the default, reported as unresolved) or ``take_incoming``.

What the file brings must keep each proposal's timeline within the procedure's rules
(domain/followup.py): a file whose steps would add an ordering error is refused whole, as a
form that breaks the data dictionary's rules is. Every write is audited ("impor dari …").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ...domain.agreements import AGREEMENT_FIELDS, Agreement, validate_agreement
from ...domain.followup import STEP_FIELDS, FollowupStep, check_timeline, new_errors
from ...storage.followup_repo import FollowupRepository
from ...storage.repositories import ReferenceRepository
from ..followup.procedures import procedure, step_label

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlite_utils import Database

_IGNORED = {"created_at", "updated_at", "origin_device"}


TAKE_INCOMING = "take_incoming"  # results.Decision.TAKE_INCOMING (a StrEnum; not imported: results imports
#                                   incoming, which imports bundle, which imports this module)


class FollowupRefused(ValueError):
    """The file's follow-up breaks a rule; ``str()`` says which (Indonesian)."""


# -- export -------------------------------------------------------------------------------------
def step_to_dict(step: FollowupStep) -> dict[str, Any]:
    return {name: getattr(step, name) for name in STEP_FIELDS}


def agreement_to_dict(agreement: Agreement) -> dict[str, Any]:
    data = {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}
    data["parties"] = list(agreement.parties)
    data["proposal_uuids"] = list(agreement.proposal_uuids)
    return data


def export_followup(db: Database, proposal_uuids: set[str], *, whole: bool) -> dict[str, Any]:
    """The member's content for the exported proposals (``whole``: the whole register too)."""
    repo = FollowupRepository(db, device="ekspor")
    steps = [s for s in repo.all_steps() if s.proposal_uuid in proposal_uuids]
    wanted = {s.agreement_uuid for s in steps if s.agreement_uuid}
    agreements = [a for a in repo.agreements() if whole or a.uuid in wanted or proposal_uuids & set(a.proposal_uuids)]
    for agreement in agreements:  # links to proposals the file does not carry stay behind
        agreement.proposal_uuids = [u for u in agreement.proposal_uuids if whole or u in proposal_uuids]
    return {"steps": [step_to_dict(s) for s in steps], "agreements": [agreement_to_dict(a) for a in agreements]}


# -- reading ------------------------------------------------------------------------------------
def parse_followup(data: dict[str, Any], *, today: dt.date | None = None) -> tuple[list[FollowupStep], list[Agreement]]:
    """Domain objects from a schema-checked member; raises FollowupRefused for broken references or rules."""
    today = today or dt.date.today()
    steps = [FollowupStep(**row) for row in data["steps"]]
    agreements = [Agreement(**dict(row)) for row in data["agreements"]]
    for what, rows in (("langkah tindak lanjut", steps), ("perjanjian", agreements)):
        seen: set[str] = set()
        for row in rows:
            if row.uuid in seen:
                raise FollowupRefused(f"uuid {what} {row.uuid} muncul lebih dari sekali.")
            seen.add(row.uuid)
    by_uuid = {a.uuid: a for a in agreements}
    for step in steps:
        if step.agreement_uuid and step.agreement_uuid not in by_uuid:
            step.agreement_uuid = None  # the agreement stayed behind: the step keeps its number
        try:
            dt.date.fromisoformat(step.date)
        except ValueError:
            raise FollowupRefused(f"tanggal langkah {step.uuid} tidak valid ({step.date}).") from None
    for agreement in agreements:
        if agreement.parent_uuid and agreement.parent_uuid not in by_uuid:
            agreement.parent_uuid = None
        errors = [
            p
            for p in validate_agreement(agreement, today=today, parent=by_uuid.get(agreement.parent_uuid or ""))
            if p.is_error
        ]
        if errors:
            raise FollowupRefused(
                f"perjanjian {agreement.doc_type} {agreement.number or agreement.uuid}: {errors[0].message}"
            )
    return steps, agreements


# -- preview ------------------------------------------------------------------------------------
@dataclass
class FollowupPreview:
    """One step or agreement of a file and what importing it would do."""

    entity: str  # "step" or "agreement"
    uuid: str
    label: str
    status: str  # new, unchanged, newer, older, conflict, skipped
    incoming: Any
    local: Any = None
    message: str = ""

    @property
    def writes(self) -> bool:
        return self.status in ("new", "newer")


@dataclass
class FollowupPlan:
    items: list[FollowupPreview] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    def summary(self) -> str:
        if not self.items:
            return ""
        words = {
            "new": "baru",
            "newer": "lebih baru",
            "unchanged": "sama",
            "older": "lebih lama",
            "conflict": "konflik",
            "skipped": "dilewati",
        }
        parts = [f"{self.count(k)} {v}" for k, v in words.items() if self.count(k)]
        return f"tindak lanjut {len(self.items)} catatan: " + ", ".join(parts)


def _content(obj: Any) -> dict[str, Any]:
    data = asdict(obj)
    return {k: v for k, v in data.items() if k not in _IGNORED}


def classify_followup(
    db: Database, steps: list[FollowupStep], agreements: list[Agreement], incoming_proposals: set[str]
) -> FollowupPlan:
    repo = FollowupRepository(db, device="pratinjau")
    plan = FollowupPlan()
    known = set(repo.proposals([s.proposal_uuid for s in steps])) | incoming_proposals
    agencies = {a.code for a in ReferenceRepository(db).agencies()}
    for agreement in agreements:
        if agreement.agency_code and agreement.agency_code not in agencies:
            raise FollowupRefused(
                f"perjanjian {agreement.doc_type} {agreement.number} menyebut perangkat daerah "
                f"«{agreement.agency_code}» yang tidak dikenal di sini."
            )
        local = repo.get_agreement(agreement.uuid)
        label = f"{agreement.doc_type} {agreement.number}"
        plan.items.append(_classify("agreement", agreement, local, label, repo))
    for step in steps:
        label = f"{step_label(step.step)} {step.date}"
        if step.proposal_uuid not in known:
            plan.items.append(
                FollowupPreview(
                    "step", step.uuid, label, "skipped", step, None, "Usulannya tidak ada di sini maupun di berkas."
                )
            )
            continue
        plan.items.append(_classify("step", step, repo.get_step(step.uuid), label, repo))
    return plan


def _classify(entity: str, incoming: Any, local: Any, label: str, repo: FollowupRepository) -> FollowupPreview:
    if local is None:
        return FollowupPreview(entity, incoming.uuid, label, "new", incoming)
    if entity == "agreement":  # links are compared as sets: their order carries no meaning
        same = _content(incoming) | {"proposal_uuids": sorted(incoming.proposal_uuids)} == _content(local) | {
            "proposal_uuids": sorted(local.proposal_uuids)
        }
    else:
        same = _content(incoming) == _content(local)
    if same:
        return FollowupPreview(entity, incoming.uuid, label, "unchanged", incoming, local)
    if repo.edited_here(incoming.uuid):
        return FollowupPreview(
            entity,
            incoming.uuid,
            label,
            "conflict",
            incoming,
            local,
            "Catatan ini juga diubah di sini; data di sini dipertahankan kecuali diputuskan lain.",
        )
    if (incoming.updated_at or "") >= (local.updated_at or ""):
        return FollowupPreview(entity, incoming.uuid, label, "newer", incoming, local)
    return FollowupPreview(entity, incoming.uuid, label, "older", incoming, local)


# -- apply --------------------------------------------------------------------------------------
def _depths(agreements: list[Agreement]) -> dict[str, int]:
    """How many parents each agreement has above it in the file (a parent is written first)."""
    parent = {a.uuid: a.parent_uuid for a in agreements}
    depths: dict[str, int] = {}
    for uuid in parent:
        depth, seen, current = 0, {uuid}, parent[uuid]
        while current in parent and current not in seen:
            seen.add(current)
            depth += 1
            current = parent[current]
        depths[uuid] = depth
    return depths


def apply_followup(
    db: Database, plan: FollowupPlan, decisions: Mapping[str, str], reason: str, *, today: dt.date | None = None
) -> tuple[int, int]:
    """Write the plan in the caller's transaction; returns (written, unresolved conflicts).

    Raises FollowupRefused when the steps would add an ordering error to a proposal's timeline.
    """
    today = today or dt.date.today()
    repo = FollowupRepository(db)
    written = unresolved = 0
    take = [i for i in plan.items if i.writes or (i.status == "conflict" and decisions.get(i.uuid) == TAKE_INCOMING)]
    unresolved = sum(1 for i in plan.items if i.status == "conflict" and i not in take)
    proposals = {i.incoming.proposal_uuid for i in take if i.entity == "step"}
    before = {uuid: repo.steps_of(uuid) for uuid in proposals}
    depth = _depths([i.incoming for i in plan.items if i.entity == "agreement"])
    for item in sorted(take, key=lambda i: (i.entity != "agreement", depth.get(i.uuid, 0))):  # parents first
        if item.entity == "agreement":
            agreement = item.incoming
            if agreement.parent_uuid and repo.get_agreement(agreement.parent_uuid) is None:
                agreement.parent_uuid = None
            agreement.proposal_uuids = [u for u in agreement.proposal_uuids if repo.proposal(u) is not None]
            if item.local is not None:  # links made here are kept
                agreement.proposal_uuids = list(dict.fromkeys(item.local.proposal_uuids + agreement.proposal_uuids))
            repo.save_agreement(agreement, reason=reason)
        else:
            if repo.proposal(item.incoming.proposal_uuid) is None:
                continue
            step = item.incoming
            if step.agreement_uuid and repo.get_agreement(step.agreement_uuid) is None:
                step.agreement_uuid = None  # its agreement was not taken (a conflict kept here)
            repo.save_step(step, reason=reason)
        written += 1
    for uuid in proposals:
        ref = repo.proposal(uuid)
        proc = procedure(ref.kind) if ref else None
        if ref is None or proc is None:
            continue
        added = new_errors(
            check_timeline(before[uuid], proc, today=today, mapping_year=ref.year),
            check_timeline(repo.steps_of(uuid), proc, today=today, mapping_year=ref.year),
        )
        if added:
            raise FollowupRefused(
                f"tindak lanjut usulan No. {ref.seq} {ref.agency_name} {ref.year} melanggar urutan "
                f"prosedur: {added[0].message}"
            )
    return written, unresolved
