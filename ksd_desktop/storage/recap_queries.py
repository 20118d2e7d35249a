"""Read-only SQL behind the year's recap: the rows ``domain.recap.compute_recap`` needs.

Four plain queries (agencies, the year's forms, their proposals, their partners), each one
pass over an index; the counting happens in the domain, so the rules are tested without a
database and the spreadsheet lists exactly the rows the figures were computed from.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from sqlite_utils import Database

from ..domain.recap import RecapAgency, RecapForm, RecapPartner, RecapProposal, RecapRows
from .errors import translate_sqlite_error

_PROPOSAL_COLUMNS = (
    "uuid",
    "form_uuid",
    "seq",
    "urusan_code",
    "problem",
    "object",
    "kind",
    "ksdd_category",
    "ksdpk_form",
    "financing",
    "priority",
    "stage",
    "review_status",
    "review_route",
    "review_note",
)


def recap_rows(db: Database, year: int) -> RecapRows:
    """The agencies (reference order), and the forms, proposals and partners of ``year``."""
    try:
        agencies = tuple(
            RecapAgency(code, name, short or "", bool(active))
            for code, name, short, active in db.execute(
                "SELECT code, name, short_name, active FROM agencies ORDER BY rowid"
            )
        )
        forms = tuple(
            RecapForm(*r)
            for r in db.execute("SELECT uuid, agency_code, status, revision FROM forms WHERE year = ?", [year])
        )
        partners: dict[str, list[RecapPartner]] = defaultdict(list)
        for proposal_uuid, name, category in db.execute(
            "SELECT pa.proposal_uuid, pa.name, pa.category FROM partners pa "
            "JOIN proposals p ON p.uuid = pa.proposal_uuid JOIN forms f ON f.uuid = p.form_uuid "
            "WHERE f.year = ? ORDER BY pa.proposal_uuid, pa.seq, pa.rowid",
            [year],
        ):
            partners[proposal_uuid].append(RecapPartner(name or "", category or ""))
        columns = ", ".join(f"p.{c}" for c in _PROPOSAL_COLUMNS)
        proposals = tuple(
            RecapProposal(**dict(zip(_PROPOSAL_COLUMNS, r, strict=True)), partners=tuple(partners.get(r[0], ())))
            for r in db.execute(
                f"SELECT {columns} FROM proposals p JOIN forms f ON f.uuid = p.form_uuid "
                "WHERE f.year = ? ORDER BY p.form_uuid, p.seq",
                [year],
            )
        )
        urusan = {code: name for code, name in db.execute("SELECT code, name FROM urusan")}
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc) from exc
    return RecapRows(year=year, agencies=agencies, forms=forms, proposals=proposals, urusan_names=urusan)
