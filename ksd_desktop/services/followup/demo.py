"""The demo's follow-up: a few plausible steps and agreements for 2024 proposals of the Banjar demo.

``add_demo_followup(db, today)`` reads resources/demo/followup.json and records each step
through the same rules as the dialogs (``record_step``, ``save_agreement``): a broken entry
fails loudly. Proposals are found by agency and a piece of their objek, so the demo corpus
can change its numbering. Steps dated after ``today`` are left out (a demo filled "as of"
an earlier day shows only what had happened by then). Run inside the demo's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...domain.agreements import Agreement
from ...domain.followup import AGREEMENT_STEPS, FollowupStep
from ...paths import resource
from ...storage.followup_repo import FollowupRepository, ProposalRef
from .register import save_agreement
from .steps import record_step

if TYPE_CHECKING:
    from sqlite_utils import Database

DEMO_FILE = ("demo", "followup.json")


@dataclass(frozen=True)
class DemoFollowup:
    steps: int
    agreements: int


def load_demo_followup() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource(*DEMO_FILE).read_text(encoding="utf-8"))
    if data.get("format") != "ksd-desktop/demo-followup":
        raise RuntimeError("resources/demo/followup.json bukan berkas tindak lanjut contoh")
    return data


def _find(refs: list[ProposalRef], spec: dict[str, Any]) -> ProposalRef:
    wanted = spec["object_contains"].casefold()
    found = [
        r for r in refs if r.agency_code == spec["agency"] and r.year == spec["year"] and wanted in r.object.casefold()
    ]
    if len(found) != 1:
        raise RuntimeError(
            f"Tindak lanjut contoh: usulan {spec['agency']} «{spec['object_contains']}» ditemukan "
            f"{len(found)} kali (harus tepat sekali)"
        )
    return found[0]


def add_demo_followup(db: Database, today: dt.date | None = None) -> DemoFollowup:
    """Record the demo's steps and agreements; returns how many were written."""
    today = today or dt.date.today()
    data = load_demo_followup()
    repo = FollowupRepository(db)
    refs = {
        year: repo.proposals_of_year(year)
        for year in {p["year"] for p in data["proposals"]}
        | {x["year"] for a in data["agreements"] for x in a.get("proposals", [])}
    }
    steps = agreements = 0
    reason = "data contoh"
    for item in data["proposals"]:
        ref = _find(refs[item["year"]], item)
        recorded: dict[str, str] = {}  # step key → agreement uuid, for the "parent" of a PKS
        for spec in item["steps"]:
            if dt.date.fromisoformat(spec["date"]) > today:
                break
            step = FollowupStep(
                proposal_uuid=ref.uuid,
                step=spec["step"],
                date=spec["date"],
                document_number=spec.get("document_number"),
                responsible=spec.get("responsible"),
                attachment=spec.get("attachment"),
                note=spec.get("note"),
                exception_reason=spec.get("exception_reason"),
            )
            agreement = None
            if "agreement" in spec:
                a = spec["agreement"]
                agreement = Agreement(
                    doc_type=AGREEMENT_STEPS[spec["step"]],
                    number=spec["document_number"],
                    title=a["title"],
                    object=ref.object,
                    parties=list(a["parties"]),
                    agency_code=ref.agency_code,
                    date_signed=spec["date"],
                    term_years=a.get("term_years"),
                    expires_on=a.get("expires_on"),
                    parent_uuid=recorded.get(a.get("parent", "")),
                    attachment=spec.get("attachment"),
                    proposal_uuids=[ref.uuid],
                )
                agreements += 1
            record_step(db, step, agreement=agreement, today=today, reason=reason)
            if agreement is not None:
                recorded[spec["step"]] = agreement.uuid
            steps += 1
    for spec in data["agreements"]:
        if dt.date.fromisoformat(spec["date_signed"]) > today:
            continue
        linked = [_find(refs[x["year"]], x).uuid for x in spec.get("proposals", [])]
        save_agreement(
            db,
            Agreement(
                doc_type=spec["doc_type"],
                number=spec["number"],
                title=spec["title"],
                parties=list(spec["parties"]),
                agency_code=spec.get("agency"),
                date_signed=spec["date_signed"],
                term_years=spec.get("term_years"),
                expires_on=spec.get("expires_on"),
                note=spec.get("note"),
                proposal_uuids=linked,
            ),
            today=today,
            reason=reason,
        )
        agreements += 1
    return DemoFollowup(steps, agreements)
