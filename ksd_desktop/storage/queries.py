"""Read-only SQL behind the main window: the proposals table, its detail pane, the counts.

Everything the table needs (filtering, sorting, full-text search, counting) happens in
SQLite, so the window stays instant at 100,000 proposals. A filter and a sort give the
ordered *row ids* of the result (``ids()``: 8 bytes a row, one query); the table then
asks for the rows it shows by id, one page at a time (``rows()``), and never holds the
result's contents in Python.

Search: every word typed must occur, as a word or the beginning of one ("dok" finds
"dokter"), in the problem, object, notes or a partner's name, using the FTS5 indexes of
migration ``m003_search_index``. Single letters are ignored. An SQLite without FTS5 falls
back to LIKE, which finds the same and also words that merely contain the text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ..domain.models import (
    PARTNER_COLUMNS, PROPOSAL_COLUMNS, Kind, Partner, Priority, Proposal, ReviewStatus, Stage,
)
from .errors import translate_sqlite_error

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_SEARCH_TERMS = 8
MIN_TERM = 2  # a single letter would match almost everything: it is ignored
PROBLEM_PREVIEW = 400  # characters of the problem shown in the table (the detail pane has all)


def _rank(column: str, keys: list[str]) -> str:
    """An ORDER BY expression ranking an enumeration in its domain order (unknown last)."""
    whens = " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(keys))
    return f"CASE {column} {whens} ELSE {len(keys)} END"


_PARTNER_NAMES = ("(SELECT group_concat(name, '; ') FROM (SELECT name FROM partners "
                  "WHERE proposal_uuid = p.uuid ORDER BY seq))")
_FIRST_PARTNER = "(SELECT name FROM partners WHERE proposal_uuid = p.uuid ORDER BY seq LIMIT 1)"
#: Sort keys of the proposals table → SQL expression (ties are broken by agency and No.).
#: Long texts sort on their first 80 characters: as good for the eye, twice as fast.
SORT_KEYS: dict[str, str] = {
    "default": "a.rowid",
    "agency": "COALESCE(NULLIF(a.short_name, ''), a.name) COLLATE NOCASE",
    "urusan": "p.urusan_code",
    "problem": "substr(p.problem, 1, 80) COLLATE NOCASE",
    "kind": _rank("p.kind", [k.value for k in Kind]),
    "partners": f"COALESCE({_FIRST_PARTNER}, '') COLLATE NOCASE",
    "priority": _rank("p.priority", [k.value for k in Priority]),
    "stage": _rank("p.stage", [k.value for k in Stage]),
    "review": _rank("p.review_status", [k.value for k in ReviewStatus]),
}

_ROW_SELECT = f"""
SELECT p.rowid, p.uuid, p.form_uuid, f.agency_code, a.name, COALESCE(NULLIF(a.short_name, ''), a.name), p.seq,
       p.urusan_code, COALESCE(u.name, ''), substr(p.problem, 1, {PROBLEM_PREVIEW}), p.kind,
       COALESCE({_PARTNER_NAMES}, ''), p.priority, p.stage, p.review_status, f.status
FROM proposals p
JOIN forms f ON f.uuid = p.form_uuid
JOIN agencies a ON a.code = f.agency_code
LEFT JOIN urusan u ON u.code = p.urusan_code"""
_FROM = """
FROM proposals p
JOIN forms f ON f.uuid = p.form_uuid
JOIN agencies a ON a.code = f.agency_code"""


class ProposalRow(NamedTuple):
    """One line of the proposals table (the table fetches them a page at a time, with ``rows``)."""

    id: int
    uuid: str
    form_uuid: str
    agency_code: str
    agency_name: str
    agency_short: str
    seq: int
    urusan_code: str | None
    urusan_name: str
    problem: str
    kind: str | None
    partners: str
    priority: str | None
    stage: str | None
    review_status: str
    form_status: str


@dataclass(frozen=True)
class ProposalFilter:
    """What the table shows; ``None`` means "all" (``year=None``: every year)."""

    year: int | None = None
    agency_code: str | None = None
    kind: str | None = None
    urusan_code: str | None = None
    priority: str | None = None
    review_status: str | None = None
    form_status: str | None = None
    search: str = ""
    #: Only these proposals (the follow-up's "no step for N months" filter); None: no restriction.
    uuids: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Sort:
    key: str = "default"
    descending: bool = False

    def order_by(self) -> str:
        direction = " DESC" if self.descending else ""
        expression = SORT_KEYS.get(self.key, SORT_KEYS["default"])
        # a.rowid, p.seq keep the agencies' official order and the form's numbering among ties
        return f"ORDER BY {expression}{direction}, a.rowid{direction}, p.seq{direction}, p.rowid"


@dataclass(frozen=True)
class YearSummary:
    """Figures of one year for the status bar."""

    agencies: int
    agencies_with_form: int
    forms_signed: int
    forms_draft: int
    proposals: int
    sesuai: int
    tidak_sesuai: int


@dataclass
class ProposalDetail:
    """A proposal with what the detail pane shows around it."""

    proposal: Proposal
    agency_code: str
    agency_name: str
    year: int
    form_status: str
    revision: int
    signed_date: str | None
    signer_name: str | None
    urusan_name: str
    region_names: dict[str, str] = field(default_factory=dict)


def search_terms(text: str) -> list[str]:
    """The words of a search, lower-case, of two letters or more; at most MAX_SEARCH_TERMS."""
    return [t for t in re.findall(r"\w+", text.casefold()) if len(t) >= MIN_TERM][:MAX_SEARCH_TERMS]


def fts_query(term: str) -> str:
    """The FTS5 query for one word: quoted (no FTS syntax can break it), as a prefix."""
    return f'"{term}"*'


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_LIKE_TERM = ("(p.problem LIKE ? ESCAPE '\\' OR p.object LIKE ? ESCAPE '\\' OR p.notes LIKE ? ESCAPE '\\' "
              "OR EXISTS (SELECT 1 FROM partners pa WHERE pa.proposal_uuid = p.uuid AND pa.name LIKE ? ESCAPE '\\'))")


class ProposalQueries:
    """The proposals table's rows, counts and details, computed in SQLite."""

    def __init__(self, db: Database):
        self.db = db
        self._fts: bool | None = None

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, list(params)).fetchall()
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    @property
    def full_text(self) -> bool:
        """True when the FTS5 index exists (else search falls back to LIKE)."""
        if self._fts is None:
            self._fts = bool(self._run("SELECT 1 FROM sqlite_master WHERE name = 'proposals_fts'"))
        return self._fts

    def where(self, flt: ProposalFilter) -> tuple[str, list[Any]]:
        """The WHERE clause (with its parameters) of a filter."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("f.year", flt.year), ("f.agency_code", flt.agency_code),
                              ("p.kind", flt.kind), ("p.urusan_code", flt.urusan_code),
                              ("p.priority", flt.priority), ("p.review_status", flt.review_status),
                              ("f.status", flt.form_status)):
            if value is not None and value != "":
                clauses.append(f"{column} = ?")
                params.append(value)
        if flt.uuids is not None:
            # one parameter whatever the number of proposals (no SQLite variable limit)
            clauses.append("p.uuid IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(flt.uuids)))
        for term in search_terms(flt.search):
            if self.full_text:
                # in the proposal's own text or in its partners' names: two indexes, one rowid
                clauses.append("(p.rowid IN (SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH ?) "
                               "OR p.rowid IN (SELECT rowid FROM partners_fts WHERE partners_fts MATCH ?))")
                params += [fts_query(term)] * 2
            else:
                clauses.append(_LIKE_TERM)
                params += [_like(term)] * 4
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    # -- the table -----------------------------------------------------------------------
    def count(self, flt: ProposalFilter) -> int:
        where, params = self.where(flt)
        return int(self._run(f"SELECT count(*) {_FROM}{where}", params)[0][0])

    def ids(self, flt: ProposalFilter, sort: Sort | None = None) -> array[int]:
        """The row ids of the filtered result in sort order (the table's rows, by position)."""
        where, params = self.where(flt)
        order = (sort or Sort()).order_by()
        try:
            cursor = self.db.execute(f"SELECT p.rowid {_FROM}{where} {order}", params)
            return array("q", (r[0] for r in cursor))
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def rows(self, ids: Sequence[int]) -> list[ProposalRow]:
        """The table rows of ``ids``, in the same order (missing ids are left out)."""
        ids = list(ids)
        if not ids:
            return []
        found = {r[0]: ProposalRow(*r) for r in self._run(
            f"{_ROW_SELECT} WHERE p.rowid IN ({', '.join('?' * len(ids))})", ids)}
        return [found[i] for i in ids if i in found]

    # -- the detail pane -----------------------------------------------------------------
    def detail(self, uuid: str) -> ProposalDetail | None:
        columns = ", ".join(f"p.{c}" for c in PROPOSAL_COLUMNS)
        rows = self._run(
            f"SELECT {columns}, f.agency_code, a.name, f.year, f.status, f.revision, f.signed_date, "
            "f.signer_name, COALESCE(u.name, '') FROM proposals p JOIN forms f ON f.uuid = p.form_uuid "
            "JOIN agencies a ON a.code = f.agency_code LEFT JOIN urusan u ON u.code = p.urusan_code "
            "WHERE p.uuid = ?", [uuid])
        if not rows:
            return None
        values = rows[0]
        proposal = Proposal(**dict(zip(PROPOSAL_COLUMNS, values[:len(PROPOSAL_COLUMNS)])))
        proposal.compliance_confirmed = bool(proposal.compliance_confirmed)
        proposal.partners = [Partner(**dict(zip(PARTNER_COLUMNS, r))) for r in self._run(
            f"SELECT {', '.join(PARTNER_COLUMNS)} FROM partners WHERE proposal_uuid = ? ORDER BY seq", [uuid])]
        codes = sorted({p.region_code for p in proposal.partners if p.region_code})
        regions = dict(self._run(
            f"SELECT code, name FROM regions WHERE code IN ({', '.join('?' * len(codes))})", codes)) if codes else {}
        detail = ProposalDetail(proposal, *values[len(PROPOSAL_COLUMNS):])
        detail.region_names = regions
        return detail

    # -- the status bar ------------------------------------------------------------------
    def year_summary(self, year: int) -> YearSummary:
        forms = self._run(
            "SELECT count(*), COALESCE(sum(status = 'signed'), 0), COALESCE(sum(status = 'draft'), 0) "
            "FROM forms WHERE year = ?", [year])[0]
        agencies = self._run(
            "SELECT count(*) FROM agencies a WHERE a.active = 1 OR EXISTS "
            "(SELECT 1 FROM forms f WHERE f.agency_code = a.code AND f.year = ?)", [year])[0][0]
        proposals = self._run(
            "SELECT count(*), COALESCE(sum(p.review_status = 'sesuai'), 0), "
            "COALESCE(sum(p.review_status = 'tidak_sesuai'), 0) "
            "FROM proposals p JOIN forms f ON f.uuid = p.form_uuid WHERE f.year = ?", [year])[0]
        return YearSummary(agencies, forms[0], forms[1], forms[2], *proposals)

    def has_forms(self) -> bool:
        return bool(self._run("SELECT 1 FROM forms LIMIT 1"))


class SearchIndex:
    """Maintenance of the FTS5 index (kept in sync by triggers; rebuilt only on request)."""

    TABLES = ("proposals_fts", "partners_fts")

    def __init__(self, db: Database):
        self.db = db

    def available(self) -> bool:
        return all(self.db[table].exists() for table in self.TABLES)

    def rebuild(self) -> None:
        """Index every proposal again (after a tool that bypassed the triggers)."""
        if not self.available():
            return
        try:
            with self.db.atomic():
                self.db.execute("INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild')")
                self.db.execute("DELETE FROM partners_fts")
                self.db.execute("INSERT INTO partners_fts (rowid, names) SELECT id, names "
                                "FROM proposal_partner_names WHERE names IS NOT NULL")
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def check(self) -> bool:
        """True when the indexes match the text they cover (FTS5 'integrity-check')."""
        if not self.available():
            return True
        try:
            with self.db.atomic():  # an FTS5 command is an INSERT: it must not leave a transaction open
                self.db.execute("INSERT INTO proposals_fts (proposals_fts, rank) VALUES ('integrity-check', 1)")
                self.db.execute("INSERT INTO partners_fts (partners_fts) VALUES ('integrity-check')")
                stale = self.db.execute(
                    "SELECT count(*) FROM (SELECT rowid AS id, names FROM partners_fts EXCEPT "
                    "SELECT id, names FROM proposal_partner_names WHERE names IS NOT NULL)").fetchone()[0]
                missing = self.db.execute(
                    "SELECT count(*) FROM (SELECT id, names FROM proposal_partner_names WHERE names IS NOT NULL "
                    "EXCEPT SELECT rowid, names FROM partners_fts)").fetchone()[0]
        except sqlite3.DatabaseError:
            return False
        return bool(stale == missing == 0)
