"""TKKSD assessment: mark proposals sesuai / tidak sesuai (with a route), one or many at once."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ..domain.validation import errors_only, validate_review
from ..storage.errors import translate_sqlite_error
from ..storage.repositories import FormRepository
from .errors import ServiceError

if TYPE_CHECKING:
    from sqlite_utils import Database


class AssessmentRefused(ServiceError):
    pass


def assess(db: Database, proposal_uuids: list[str], status: str, route: str | None, note: str | None) -> int:
    """Apply one assessment to every proposal given, in a single transaction; returns how many.

    The review fields are the coordinator's: they stay editable on signed forms and are not
    part of what the agency signed (data dictionary).
    """
    route = route if status == "tidak_sesuai" else None
    problems = errors_only(validate_review(status, route))
    if problems:
        raise AssessmentRefused(problems[0].message)
    if not proposal_uuids:
        return 0
    repo = FormRepository(db)
    note = (note or "").strip() or None
    try:
        with db.atomic():
            for uuid in proposal_uuids:
                repo.set_review(uuid, status, route, note)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc) from exc
    return len(proposal_uuids)
