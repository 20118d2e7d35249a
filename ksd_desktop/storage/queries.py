"""Read-only SQL behind the main window: the proposals table, its detail pane, the counts.

Everything the table needs (filtering, sorting, full-text search, counting) happens in
SQLite, so the window stays instant at 100,000 proposals. A filter and a sort give the
ordered *row ids* of the result (``ids()``: 8 bytes a row, one query); the table then
asks for the rows it shows by id, one page at a time (``rows()``), and never holds the
result's contents in Python.

Search: every word typed must occur in the problem, object, notes or a partner's name. A
word of three letters or more is found anywhere, also inside longer words ("sampah" finds
"persampahan", "didik" "pendidikan": Indonesian words take prefixes), with the trigram
indexes of migration ``m010_search_inside_words``, and as the beginning of a word in the
word index of ``m003_search_index`` (which also ignores accents); two letters are the
beginning of a word ("rs" finds "RSUD", not "persen"); single letters are ignored. An
SQLite without these indexes finds the same substrings with LIKE (slower; two letters are
then found inside words too).
"""

from __future__ import annotations

import json
import re
import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, Any, NamedTuple

from ..domain.models import (
    PARTNER_COLUMNS,
    PROPOSAL_COLUMNS,
    Kind,
    Partner,
    Priority,
    Proposal,
    ReviewStatus,
    Stage,
)
from .errors import translate_sqlite_error

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_SEARCH_TERMS = 8
MIN_TERM = 2  # a single letter would match almost everything: it is ignored
CACHED_RESULTS = 24  # ordered ids of recent filters and recent words' matches (ids() and _matches())
MIN_SUBSTRING = 3  # from three letters a term is found inside words too (a trigram is three letters)
PROBLEM_PREVIEW = 400  # characters of the problem shown in the table (the detail pane has all)
BULK_CACHE_KIB = 64 * 1024  # SQLite's page cache while a bulk of new rows is written (SearchIndex.built_once)


def _rank(column: str, keys: list[str]) -> str:
    """An ORDER BY expression ranking an enumeration in its domain order (unknown last)."""
    whens = " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(keys))
    return f"CASE {column} {whens} ELSE {len(keys)} END"


_PARTNER_NAMES = (
    "(SELECT group_concat(name, '; ') FROM (SELECT name FROM partners WHERE proposal_uuid = p.uuid ORDER BY seq))"
)
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


def trigram_query(term: str) -> str:
    """The trigram index's query for one word (of MIN_SUBSTRING letters or more): anywhere in the text."""
    return '"' + term.replace('"', '""') + '"'


def _with_span(ids: array[int]) -> tuple[array[int], int, int]:
    """Ordered ids with their lowest and highest value (the rowid range a search looks in)."""
    return (ids, min(ids), max(ids)) if ids else (ids, 0, -1)


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_LIKE_TERM = (
    "(p.problem LIKE ? ESCAPE '\\' OR p.object LIKE ? ESCAPE '\\' OR p.notes LIKE ? ESCAPE '\\' "
    "OR EXISTS (SELECT 1 FROM partners pa WHERE pa.proposal_uuid = p.uuid AND pa.name LIKE ? ESCAPE '\\'))"
)


class ProposalQueries:
    """The proposals table's rows, counts and details, computed in SQLite."""

    def __init__(self, db: Database):
        self.db = db
        self._fts: bool | None = None
        self._trigram: bool | None = None
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._version: tuple[int, int] | None = None

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, list(params)).fetchall()
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    @property
    def full_text(self) -> bool:
        """True when the FTS5 word index exists (else search falls back to LIKE)."""
        if self._fts is None:
            self._fts = bool(self._run("SELECT 1 FROM sqlite_master WHERE name = 'proposals_fts'"))
        return self._fts

    @property
    def substrings(self) -> bool:
        """True when the trigram index exists (else words are found inside words with LIKE)."""
        if self._trigram is None:
            self._trigram = self.full_text and bool(
                self._run("SELECT 1 FROM sqlite_master WHERE name = 'partners_trigram'")
            )
        return self._trigram

    def _term(self, term: str) -> tuple[str, list[Any]]:
        """The condition (with its parameters) that one search word puts on a proposal."""
        words = (
            "p.rowid IN (SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH ?) "
            "OR p.rowid IN (SELECT rowid FROM partners_fts WHERE partners_fts MATCH ?)"
        )
        if len(term) >= MIN_SUBSTRING and self.substrings:
            # inside words (trigrams), or a word's beginning with accents ignored (the word index)
            return (
                f"(p.rowid IN (SELECT rowid FROM proposals_trigram WHERE proposals_trigram MATCH ?) "
                f"OR p.rowid IN (SELECT rowid FROM partners_trigram WHERE partners_trigram MATCH ?) OR {words})",
                [trigram_query(term)] * 2 + [fts_query(term)] * 2,
            )
        if self.full_text and len(term) < MIN_SUBSTRING:
            return f"({words})", [fts_query(term)] * 2
        return _LIKE_TERM, [_like(term)] * 4

    def where(self, flt: ProposalFilter) -> tuple[str, list[Any]]:
        """The WHERE clause (with its parameters) of a filter."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("f.year", flt.year),
            ("f.agency_code", flt.agency_code),
            ("p.kind", flt.kind),
            ("p.urusan_code", flt.urusan_code),
            ("p.priority", flt.priority),
            ("p.review_status", flt.review_status),
            ("f.status", flt.form_status),
        ):
            if value is not None and value != "":
                clauses.append(f"{column} = ?")
                params.append(value)
        if flt.uuids is not None:
            # one parameter whatever the number of proposals (no SQLite variable limit)
            clauses.append("p.uuid IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(flt.uuids)))
        for term in search_terms(flt.search):
            # in the proposal's own text or in its partners' names: one rowid in every index
            clause, values = self._term(term)
            clauses.append(clause)
            params += values
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    # -- the table -----------------------------------------------------------------------
    def count(self, flt: ProposalFilter) -> int:
        where, params = self.where(flt)
        return int(self._run(f"SELECT count(*) {_FROM}{where}", params)[0][0])

    def ids(self, flt: ProposalFilter, sort: Sort | None = None) -> array[int]:
        """The row ids of the filtered result in sort order (the table's rows, by position).

        With the FTS5 indexes a search is two steps, so that a keystroke costs only the
        index look-ups (benchmarks/bench_main_window.py): the ordered ids of the filter
        without its search (kept while the data does not change: the same for every
        keystroke), and for each word the set of proposals the indexes find, limited to
        the rowid range of those ids (a year's proposals lie close together); the result
        keeps the ids found for every word. It equals the one query of ``where()``
        (tests/storage/test_queries.py compares them).
        """
        sort = sort or Sort()
        terms = search_terms(flt.search)
        if terms and not self.full_text:
            return self._select_ids(flt, sort)
        base, low, high = self._cached(
            ("ids", replace(flt, search=""), sort), lambda: _with_span(self._select_ids(replace(flt, search=""), sort))
        )
        if not terms or not base:
            return array("q", base)
        found: frozenset[int] | None = None
        for term in terms:
            matches: frozenset[int] = self._cached(("term", term, low, high), partial(self._matches, term, low, high))
            found = matches if found is None else found & matches
            if not found:
                return array("q")
        assert found is not None  # terms is not empty
        return array("q", filter(found.__contains__, base))

    def _select_ids(self, flt: ProposalFilter, sort: Sort) -> array[int]:
        where, params = self.where(flt)
        try:
            cursor = self.db.execute(f"SELECT p.rowid {_FROM}{where} {sort.order_by()}", params)
            return array("q", (r[0] for r in cursor))
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def _matches(self, term: str, low: int, high: int) -> frozenset[int]:
        """The proposals (rowid between ``low`` and ``high``) one search word finds: ``_term``'s rule."""
        span = "rowid BETWEEN ? AND ?"
        lookups: list[tuple[str, str]] = []
        if len(term) >= MIN_SUBSTRING and self.substrings:
            lookups += [(table, trigram_query(term)) for table in ("proposals_trigram", "partners_trigram")]
        if len(term) < MIN_SUBSTRING or self.substrings:
            lookups += [(table, fts_query(term)) for table in ("proposals_fts", "partners_fts")]
        else:  # three letters or more without trigrams: inside words with LIKE
            rows = self._run(
                f"SELECT p.rowid FROM proposals p WHERE p.{span} AND {_LIKE_TERM}", [low, high] + [_like(term)] * 4
            )
            return frozenset(r[0] for r in rows)
        found: set[int] = set()
        for table, query in lookups:
            try:  # rows are 1-tuples: chain flattens them without a Python loop
                found.update(
                    chain.from_iterable(
                        self.db.execute(
                            f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND {span}", [query, low, high]
                        )
                    )
                )
            except sqlite3.Error as exc:
                raise translate_sqlite_error(exc) from exc
        return frozenset(found)

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, kept until the data changes (this connection's or another's commit)."""
        try:
            version = (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        if version != self._version:
            self._cache.clear()
            self._version = version
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        value = self._cache[key] = compute()
        while len(self._cache) > CACHED_RESULTS:
            self._cache.popitem(last=False)
        return value

    def rows(self, ids: Sequence[int]) -> list[ProposalRow]:
        """The table rows of ``ids``, in the same order (missing ids are left out)."""
        ids = list(ids)
        if not ids:
            return []
        found = {
            r[0]: ProposalRow(*r)
            for r in self._run(f"{_ROW_SELECT} WHERE p.rowid IN ({', '.join('?' * len(ids))})", ids)
        }
        return [found[i] for i in ids if i in found]

    # -- the detail pane -----------------------------------------------------------------
    def detail(self, uuid: str) -> ProposalDetail | None:
        columns = ", ".join(f"p.{c}" for c in PROPOSAL_COLUMNS)
        rows = self._run(
            f"SELECT {columns}, f.agency_code, a.name, f.year, f.status, f.revision, f.signed_date, "
            "f.signer_name, COALESCE(u.name, '') FROM proposals p JOIN forms f ON f.uuid = p.form_uuid "
            "JOIN agencies a ON a.code = f.agency_code LEFT JOIN urusan u ON u.code = p.urusan_code "
            "WHERE p.uuid = ?",
            [uuid],
        )
        if not rows:
            return None
        values = rows[0]
        proposal = Proposal(**dict(zip(PROPOSAL_COLUMNS, values[: len(PROPOSAL_COLUMNS)], strict=True)))
        proposal.compliance_confirmed = bool(proposal.compliance_confirmed)
        proposal.partners = [
            Partner(**dict(zip(PARTNER_COLUMNS, r, strict=True)))
            for r in self._run(
                f"SELECT {', '.join(PARTNER_COLUMNS)} FROM partners WHERE proposal_uuid = ? ORDER BY seq", [uuid]
            )
        ]
        codes = sorted({p.region_code for p in proposal.partners if p.region_code})
        regions = (
            dict(self._run(f"SELECT code, name FROM regions WHERE code IN ({', '.join('?' * len(codes))})", codes))
            if codes
            else {}
        )
        detail = ProposalDetail(proposal, *values[len(PROPOSAL_COLUMNS) :])
        detail.region_names = regions
        return detail

    # -- the status bar ------------------------------------------------------------------
    def year_summary(self, year: int) -> YearSummary:
        forms = self._run(
            "SELECT count(*), COALESCE(sum(status = 'signed'), 0), COALESCE(sum(status = 'draft'), 0) "
            "FROM forms WHERE year = ?",
            [year],
        )[0]
        agencies = self._run(
            "SELECT count(*) FROM agencies a WHERE a.active = 1 OR EXISTS "
            "(SELECT 1 FROM forms f WHERE f.agency_code = a.code AND f.year = ?)",
            [year],
        )[0][0]
        proposals = self._run(
            "SELECT count(*), COALESCE(sum(p.review_status = 'sesuai'), 0), "
            "COALESCE(sum(p.review_status = 'tidak_sesuai'), 0) "
            "FROM proposals p JOIN forms f ON f.uuid = p.form_uuid WHERE f.year = ?",
            [year],
        )[0]
        return YearSummary(agencies, forms[0], forms[1], forms[2], *proposals)

    def has_forms(self) -> bool:
        return bool(self._run("SELECT 1 FROM forms LIMIT 1"))


class SearchIndex:
    """Maintenance of the FTS5 indexes (kept in sync by triggers; rebuilt only on request).

    The word index (m003) and, where the SQLite has the tokenizer, the trigram index (m008):
    each has a table over the proposals' texts and one of the partner names per proposal.
    """

    WORD_TABLES = ("proposals_fts", "partners_fts")
    TRIGRAM_TABLES = ("proposals_trigram", "partners_trigram")
    TABLES = WORD_TABLES

    def __init__(self, db: Database):
        self.db = db

    def _exists(self, table: str) -> bool:
        return bool(self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [table]).fetchone())

    def available(self) -> bool:
        return all(self._exists(table) for table in self.WORD_TABLES)

    def _pairs(self) -> list[tuple[str, str]]:
        """(texts table, names table) of each index present."""
        pairs = [self.WORD_TABLES] if self.available() else []
        if pairs and all(self._exists(table) for table in self.TRIGRAM_TABLES):
            pairs.append(self.TRIGRAM_TABLES)
        return pairs

    @contextmanager
    def built_once(self) -> Iterator[None]:
        """Inside the caller's transaction on a database without proposals (the demo): the search
        triggers are dropped while the rows are written and the indexes are built once at the
        end, set-based, then the triggers come back as they were (their own SQL). The trigger of
        each partner row renews its proposal's whole names document in two indexes: for a
        bulk of new rows that was most of the writing (benchmarks/bench_table.py). All in
        the one transaction: another connection never sees the triggers missing, and a failure
        rolls everything back, triggers included."""
        if not self.db.conn.in_transaction:
            raise RuntimeError("built_once() hanya di dalam transaksi")
        triggers = self.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'proposals_fts_%' "
            "OR name LIKE 'partners_fts_%' OR name LIKE '%_trigram_%')"
        ).fetchall()
        if self.db.execute("SELECT 1 FROM proposals LIMIT 1").fetchone() or not triggers:
            yield  # rows already there: the triggers keep the index as usual
            return
        for name, _sql in triggers:
            self.db.execute(f"DROP TRIGGER {name}")
        # a larger page cache while the bulk is written: with SQLite's 2 MiB the pages of the uuid
        # indexes and of the index build were written out and again many times (at 100,000 proposals
        # 3.3 -> 2.7 times the file written, the index build 25 -> 13 s; benchmarks/bench_table.py)
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield
            self.rebuild()
            for _name, sql in triggers:
                self.db.execute(sql)
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(cache)}")

    @contextmanager
    def names_once(self) -> Iterator[None]:
        """Inside the caller's transaction (an import): the partner names documents of the
        proposals whose partners change are renewed once at the end instead of at every partner
        row (the main triggers of partners give way to temporary ones that only note the
        proposal; the proposals' own texts stay indexed row by row). A failure rolls
        everything back, the main triggers included; the temporary ones are this connection's."""
        if not self.db.conn.in_transaction:
            raise RuntimeError("names_once() hanya di dalam transaksi")
        triggers = self.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'partners_fts_after_%'"
        ).fetchall()
        if not triggers:
            yield
            return
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS ksd_names_touched (proposal_uuid TEXT PRIMARY KEY)")
        for name, _sql in triggers:
            self.db.execute(f"DROP TRIGGER {name}")
        for event, refs in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            noted = " ".join(f"INSERT OR IGNORE INTO ksd_names_touched VALUES ({ref}.proposal_uuid);" for ref in refs)
            self.db.execute(
                f"CREATE TEMP TRIGGER ksd_names_{event.lower()} AFTER {event} ON main.partners BEGIN {noted} END"
            )
        try:
            yield
            touched = "SELECT rowid FROM proposals WHERE uuid IN (SELECT proposal_uuid FROM ksd_names_touched)"
            for table in ("partners_fts", "partners_trigram"):
                if self._exists(table):
                    self.db.execute(f"DELETE FROM {table} WHERE rowid IN ({touched})")
                    self.db.execute(
                        f"INSERT INTO {table} (rowid, names) SELECT id, names FROM proposal_partner_names "
                        f"WHERE id IN ({touched}) AND names IS NOT NULL ORDER BY id"
                    )
            for _name, sql in triggers:
                self.db.execute(sql)
        finally:
            for event in ("insert", "update", "delete"):
                self.db.execute(f"DROP TRIGGER IF EXISTS temp.ksd_names_{event}")
            self.db.execute("DROP TABLE IF EXISTS temp.ksd_names_touched")

    def rebuild(self) -> None:
        """Index every proposal again (after a tool that bypassed the triggers)."""
        pairs = self._pairs()
        if not pairs:
            return
        try:
            with self.db.atomic():
                for texts, names in pairs:
                    self.db.execute(f"INSERT INTO {texts} ({texts}) VALUES ('rebuild')")
                    self.db.execute(f"DELETE FROM {names}")
                    # in rowid order: FTS5 writes its pending terms out whenever a rowid is lower than the
                    # last one, and the view lists proposals in uuid order (8× slower, and more written)
                    self.db.execute(
                        f"INSERT INTO {names} (rowid, names) SELECT id, names "
                        "FROM proposal_partner_names WHERE names IS NOT NULL ORDER BY id"
                    )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def check(self) -> bool:
        """True when the indexes match the text they cover (FTS5 'integrity-check')."""
        pairs = self._pairs()
        try:
            with self.db.atomic():  # an FTS5 command is an INSERT: it must not leave a transaction open
                for texts, names in pairs:
                    self.db.execute(f"INSERT INTO {texts} ({texts}, rank) VALUES ('integrity-check', 1)")
                    self.db.execute(f"INSERT INTO {names} ({names}) VALUES ('integrity-check')")
                    stale = self.db.execute(
                        f"SELECT count(*) FROM (SELECT rowid AS id, names FROM {names} EXCEPT "
                        "SELECT id, names FROM proposal_partner_names WHERE names IS NOT NULL)"
                    ).fetchone()[0]
                    missing = self.db.execute(
                        "SELECT count(*) FROM (SELECT id, names FROM proposal_partner_names WHERE names IS NOT NULL "
                        f"EXCEPT SELECT rowid, names FROM {names})"
                    ).fetchone()[0]
                    if stale or missing:
                        return False
        except sqlite3.DatabaseError:
            return False
        return True
