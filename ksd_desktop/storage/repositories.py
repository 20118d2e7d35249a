"""Repositories: rows to domain objects and back, every change recorded in ``audit_log``.

Writes are transactional: a form is saved with its proposals and partners in one
transaction, so a crash or a full disk never leaves half a form.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.dates import utc_now_iso
from ..domain.models import (
    FORM_COLUMNS,
    PARTNER_COLUMNS,
    PROPOSAL_COLUMNS,
    Agency,
    Form,
    FormStatus,
    Partner,
    Proposal,
    Region,
    new_uuid,
)
from ..domain.settings import SETTINGS
from .errors import StorageError, translate_sqlite_error
from .reference import shipped_neighbours

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ..domain.report import ReportSettings
    from ..domain.validation import RuleContext

# domain.canonical, domain.report (with the recap's figures) and domain.validation are imported
# where they are used: the main window reads through this module before its data shows.

_TIMESTAMPS = ("created_at", "updated_at")


def _row_values(obj: Any, columns: list[str]) -> dict[str, Any]:
    values = {c: getattr(obj, c) for c in columns}
    if "compliance_confirmed" in values:
        values["compliance_confirmed"] = 1 if values["compliance_confirmed"] else 0
    return values


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class SettingsRepository:
    """Database-wide settings (SETTINGS in domain/settings.py), stored as JSON values."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if row is None:
            return SETTINGS[key].default if key in SETTINGS else None
        return json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        with self.db.atomic():
            if key in SETTINGS and value == SETTINGS[key].default:
                self.db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                    [key, json.dumps(value, ensure_ascii=False)],
                )

    def set_many(self, values: dict[str, Any]) -> None:
        """Store several settings in one transaction (all or none)."""
        try:
            with self.db.atomic():
                for key, value in values.items():
                    self.set(key, value)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def device_id(self) -> str:
        device: str | None = self.get("device_id")
        if not device:
            device = new_uuid()
            if getattr(self.db, "read_only", False):
                return device  # a read-only file: this session's id, never stored
            self.set("device_id", device)
        return device

    def neighbour_codes(self) -> list[str]:
        stored = self.get("neighbour_codes")
        if stored is not None:
            return list(stored)
        return shipped_neighbours().get(self.get("home_region_code"), [])


class ReferenceRepository:
    """Read access to the reference tables, and the rule context built from them."""

    def __init__(self, db: Database):
        self.db = db

    def agencies(self, *, active_only: bool = False) -> list[Agency]:
        sql = (
            "SELECT code, name, short_name, urusan_codes, active, kop_address, kop_phone, kop_email, "
            "kop_website, kop_logo FROM agencies"
        )
        sql += " WHERE active = 1" if active_only else ""
        return [
            Agency(r[0], r[1], r[2] or "", tuple(json.loads(r[3] or "[]")), bool(r[4]), *(x or "" for x in r[5:]))
            for r in self.db.execute(sql + " ORDER BY rowid")
        ]

    def urusan(self) -> list[tuple[str, str, str]]:
        return list(self.db.execute('SELECT code, name, "group" FROM urusan ORDER BY code'))

    def regions(self) -> list[Region]:
        return [
            Region(*r) for r in self.db.execute("SELECT code, name, level, province_code FROM regions ORDER BY code")
        ]

    def ranks(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT label FROM ranks ORDER BY rowid")]

    def rule_context(self, today: dt.date | None = None) -> RuleContext:
        from ..domain.validation import RuleContext

        settings = SettingsRepository(self.db)
        regions = self.regions()
        agencies = self.agencies()
        return RuleContext(
            home_region_code=settings.get("home_region_code"),
            neighbour_codes=frozenset(settings.neighbour_codes()),
            region_codes=frozenset(r.code for r in regions),
            urusan_codes=frozenset(r[0] for r in self.urusan()),
            agency_codes=frozenset(a.code for a in agencies),
            agency_names={a.code: a.name for a in agencies},
            rank_labels=frozenset(self.ranks()),
            region_names={r.code: r.name for r in regions},
            today=today or dt.date.today(),
        )


@dataclass(frozen=True)
class AgencyStatus:
    """One line of the agencies list: an agency and its form for a year, if any."""

    code: str
    name: str
    short_name: str
    form_uuid: str | None
    status: str | None
    revision: int | None
    proposal_count: int


class FormRepository:
    """Forms with their proposals and partners."""

    def __init__(self, db: Database, device: str | None = None):
        self.db = db
        self.device = device or SettingsRepository(db).device_id()

    # -- reading -------------------------------------------------------------------------
    def get(self, form_uuid: str) -> Form | None:
        row = self.db.execute(f"SELECT {', '.join(FORM_COLUMNS)} FROM forms WHERE uuid = ?", [form_uuid]).fetchone()
        if row is None:
            return None
        form = Form(**dict(zip(FORM_COLUMNS, row, strict=True)))
        proposals = [
            Proposal(**dict(zip(PROPOSAL_COLUMNS, r, strict=True)))
            for r in self.db.execute(
                f"SELECT {', '.join(PROPOSAL_COLUMNS)} FROM proposals WHERE form_uuid = ? ORDER BY seq", [form_uuid]
            )
        ]
        by_uuid = {p.uuid: p for p in proposals}
        for p in proposals:
            p.compliance_confirmed = bool(p.compliance_confirmed)
        for r in self.db.execute(
            f"SELECT {', '.join('pa.' + c for c in PARTNER_COLUMNS)} FROM partners pa "
            "JOIN proposals p ON p.uuid = pa.proposal_uuid WHERE p.form_uuid = ? ORDER BY pa.seq",
            [form_uuid],
        ):
            partner = Partner(**dict(zip(PARTNER_COLUMNS, r, strict=True)))
            by_uuid[partner.proposal_uuid].partners.append(partner)
        form.proposals = proposals
        return form

    def find(self, agency_code: str, year: int) -> Form | None:
        row = self.db.execute(
            "SELECT uuid FROM forms WHERE agency_code = ? AND year = ?", [agency_code, year]
        ).fetchone()
        return self.get(row[0]) if row else None

    def agency_statuses(self, year: int) -> list[AgencyStatus]:
        sql = """
        SELECT a.code, a.name, COALESCE(a.short_name, ''), f.uuid, f.status, f.revision,
               (SELECT count(*) FROM proposals p WHERE p.form_uuid = f.uuid)
        FROM agencies a LEFT JOIN forms f ON f.agency_code = a.code AND f.year = ?
        WHERE a.active = 1 OR f.uuid IS NOT NULL ORDER BY a.rowid"""
        return [AgencyStatus(*r) for r in self.db.execute(sql, [year])]

    def years(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT year FROM forms ORDER BY year")]

    # -- writing -------------------------------------------------------------------------
    def save(self, form: Form, *, reason: str | None = None, normalize: bool = True) -> Form:
        """Insert or update a form with its proposals and partners in one transaction.

        Every text is first put in its normal form (domain/text.py), as validation and the
        hash see it; ``normalize=False`` stores a form exactly as it was signed elsewhere
        (an imported version-1 signature hashes the texts as they were).
        """
        if normalize:
            from ..domain.canonical import normalize_form

            normalize_form(form)
        now = utc_now_iso()
        try:
            with self.db.atomic():
                audit: list[tuple[Any, ...]] = []
                form.origin_device = form.origin_device or self.device
                if not self._insert_new(form, now, audit, reason):
                    self._upsert("forms", "form", form, FORM_COLUMNS, now, audit, reason)
                    self._sync_children(form, now, audit, reason)
                self._write_audit(audit)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        return form

    def _insert_new(self, form: Form, now: str, audit: list[tuple[Any, ...]], reason: str | None) -> bool:
        """A form none of whose rows exists yet (the demo, an import of new forms): inserted with
        one statement per table instead of a look-up and an insert per row; the same rows, the
        same audit entries in the same order as ``_upsert`` writes them. False (nothing done)
        when any of its uuids is already stored: the row-by-row way then decides."""
        partners = [pa for p in form.proposals for pa in p.partners]
        uuids = json.dumps([form.uuid, *(p.uuid for p in form.proposals), *(pa.uuid for pa in partners)])
        if self.db.execute(
            "SELECT 1 FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM forms WHERE uuid = j.value) "
            "OR EXISTS (SELECT 1 FROM proposals WHERE uuid = j.value) "
            "OR EXISTS (SELECT 1 FROM partners WHERE uuid = j.value) LIMIT 1",
            [uuids],
        ).fetchone():
            return False
        entries = [(now, self.device, "form", form.uuid, None, None, None, reason or "dibuat")]
        rows: dict[str, list[list[Any]]] = {
            "forms": [self._new_row(form, FORM_COLUMNS, now)],
            "proposals": [],
            "partners": [],
        }
        for proposal in form.proposals:
            proposal.form_uuid = form.uuid
            rows["proposals"].append(self._new_row(proposal, PROPOSAL_COLUMNS, now))
            entries.append((now, self.device, "proposal", proposal.uuid, None, None, None, reason or "dibuat"))
            for partner in proposal.partners:
                partner.proposal_uuid = proposal.uuid
                rows["partners"].append(self._new_row(partner, PARTNER_COLUMNS, now))
                entries.append((now, self.device, "partner", partner.uuid, None, None, None, reason or "dibuat"))
        for table, columns in (("forms", FORM_COLUMNS), ("proposals", PROPOSAL_COLUMNS), ("partners", PARTNER_COLUMNS)):
            if rows[table]:
                self.db.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows[table]
                )
        audit += entries
        return True

    @staticmethod
    def _new_row(obj: Any, columns: list[str], now: str) -> list[Any]:
        """The values ``_upsert`` inserts for a new row (timestamps set as it sets them)."""
        values = _row_values(obj, columns)
        if "created_at" in values:
            values["created_at"] = obj.created_at = obj.created_at or now
            values["updated_at"] = obj.updated_at = now
        return [values[c] for c in columns]

    def _sync_children(self, form: Form, now: str, audit: list[tuple[Any, ...]], reason: str | None) -> None:
        existing_proposals = {
            r[0] for r in self.db.execute("SELECT uuid FROM proposals WHERE form_uuid = ?", [form.uuid])
        }
        kept = {p.uuid for p in form.proposals}
        for gone in existing_proposals - kept:
            self._delete("proposals", "proposal", gone, PROPOSAL_COLUMNS, audit, reason)
        for proposal in form.proposals:
            proposal.form_uuid = form.uuid
            self._upsert("proposals", "proposal", proposal, PROPOSAL_COLUMNS, now, audit, reason)
            existing_partners = {
                r[0] for r in self.db.execute("SELECT uuid FROM partners WHERE proposal_uuid = ?", [proposal.uuid])
            }
            for gone in existing_partners - {pa.uuid for pa in proposal.partners}:
                self._delete("partners", "partner", gone, PARTNER_COLUMNS, audit, reason)
            for partner in proposal.partners:
                partner.proposal_uuid = proposal.uuid
                self._upsert("partners", "partner", partner, PARTNER_COLUMNS, now, audit, reason)

    def _upsert(
        self,
        table: str,
        entity: str,
        obj: Any,
        columns: list[str],
        now: str,
        audit: list[tuple[Any, ...]],
        reason: str | None,
    ) -> None:
        values = _row_values(obj, columns)
        old = self.db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE uuid = ?", [obj.uuid]).fetchone()
        if old is None:
            if "created_at" in values:
                values["created_at"] = obj.created_at = obj.created_at or now
                values["updated_at"] = obj.updated_at = now
            names = list(values)
            self.db.execute(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [values[n] for n in names],
            )
            audit.append((now, self.device, entity, obj.uuid, None, None, None, reason or "dibuat"))
            return
        old_values = dict(zip(columns, old, strict=True))
        changed = [c for c in columns if c not in _TIMESTAMPS and c != "uuid" and old_values[c] != values[c]]
        if not changed:
            return
        sets = changed + (["updated_at"] if "updated_at" in values else [])
        if "updated_at" in values:
            values["updated_at"] = obj.updated_at = now
        self.db.execute(
            f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in sets)} WHERE uuid = ?",
            [values[c] for c in sets] + [obj.uuid],
        )
        audit.extend(
            (now, self.device, entity, obj.uuid, c, _json(old_values[c]), _json(values[c]), reason) for c in changed
        )

    def _delete(
        self, table: str, entity: str, uuid: str, columns: list[str], audit: list[tuple[Any, ...]], reason: str | None
    ) -> None:
        old = self.db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE uuid = ?", [uuid]).fetchone()
        self.db.execute(f"DELETE FROM {table} WHERE uuid = ?", [uuid])
        audit.append(
            (
                utc_now_iso(),
                self.device,
                entity,
                uuid,
                None,
                _json(dict(zip(columns, old, strict=True))),
                None,
                reason or "dihapus",
            )
        )

    def _write_audit(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self.db.conn.executemany(
            "INSERT INTO audit_log (at, device, entity, entity_uuid, field, old, new, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            list(rows),
        )

    def delete(self, form_uuid: str, *, reason: str | None = None) -> None:
        """Delete a draft form with everything in it (a signed form refuses)."""
        try:
            with self.db.atomic():
                audit: list[tuple[Any, ...]] = []
                for (p_uuid,) in self.db.execute(
                    "SELECT uuid FROM proposals WHERE form_uuid = ?", [form_uuid]
                ).fetchall():
                    for (pa_uuid,) in self.db.execute(
                        "SELECT uuid FROM partners WHERE proposal_uuid = ?", [p_uuid]
                    ).fetchall():
                        self._delete("partners", "partner", pa_uuid, PARTNER_COLUMNS, audit, reason)
                    self._delete("proposals", "proposal", p_uuid, PROPOSAL_COLUMNS, audit, reason)
                self._delete("forms", "form", form_uuid, FORM_COLUMNS, audit, reason)
                self._write_audit(audit)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def set_review(
        self, proposal_uuid: str, status: str, route: str | None, note: str | None, *, reason: str | None = None
    ) -> None:
        """The coordinator's assessment: editable even on signed forms (``reason``: an import's, say)."""
        now = utc_now_iso()
        try:
            with self.db.atomic():
                old = self.db.execute(
                    "SELECT review_status, review_route, review_note FROM proposals WHERE uuid = ?", [proposal_uuid]
                ).fetchone()
                if old is None:
                    raise StorageError("Usulan tidak ditemukan; muat ulang daftar.")
                new = (status, route, note)
                names = ("review_status", "review_route", "review_note")
                self.db.execute(
                    "UPDATE proposals SET review_status = ?, review_route = ?, review_note = ?, "
                    "updated_at = ? WHERE uuid = ?",
                    [*new, now, proposal_uuid],
                )
                self._write_audit(
                    (now, self.device, "proposal", proposal_uuid, n, _json(o), _json(v), reason)
                    for n, o, v in zip(names, old, new, strict=True)
                    if o != v
                )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    # -- signing -------------------------------------------------------------------------
    def mark_signed(self, form: Form, content_json: str, content_hash: str) -> None:
        """Write the signed snapshot (with the canonical version ``content_json`` was made
        with) and lock the form, in one transaction."""
        from ..domain.canonical import content_version

        now = utc_now_iso()
        version = content_version(json.loads(content_json))
        try:
            with self.db.atomic():
                self.save(form, normalize=version >= 2)  # a version-1 hash covers the texts as they are
                self.db.execute(
                    "INSERT INTO signed_snapshots (uuid, form_uuid, revision, content_json, "
                    "content_hash, signed_at, canonical_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [new_uuid(), form.uuid, form.revision, content_json, content_hash, now, version],
                )
                self.db.execute(
                    "UPDATE forms SET status = 'signed', content_hash = ?, updated_at = ? WHERE uuid = ?",
                    [content_hash, now, form.uuid],
                )
                self._write_audit(
                    [
                        (
                            now,
                            self.device,
                            "form",
                            form.uuid,
                            "status",
                            _json("draft"),
                            _json("signed"),
                            f"ditandatangani, revisi {form.revision}",
                        )
                    ]
                )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        form.status, form.content_hash, form.updated_at = FormStatus.SIGNED.value, content_hash, now

    def reopen(self, form: Form, reason: str) -> None:
        """Start revision n+1 of a signed form; the signed snapshot stays on record."""
        now = utc_now_iso()
        try:
            with self.db.atomic():
                self.db.execute(
                    "UPDATE forms SET status = 'draft', revision = revision + 1, "
                    "revision_reason = ?, content_hash = NULL, updated_at = ? WHERE uuid = ?",
                    [reason, now, form.uuid],
                )
                self._write_audit(
                    [
                        (
                            now,
                            self.device,
                            "form",
                            form.uuid,
                            "revision",
                            _json(form.revision),
                            _json(form.revision + 1),
                            reason,
                        )
                    ]
                )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        form.status, form.revision, form.revision_reason = FormStatus.DRAFT.value, form.revision + 1, reason
        form.content_hash, form.updated_at = None, now

    def snapshots(self, form_uuid: str) -> list[dict[str, Any]]:
        cur = self.db.execute(
            "SELECT uuid, revision, content_json, content_hash, signed_at, canonical_version FROM "
            "signed_snapshots WHERE form_uuid = ? ORDER BY revision",
            [form_uuid],
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur]


def table_counts(db: Database) -> dict[str, int]:
    """Rows per table of the data dictionary, for ``init`` and ``check``."""
    tables = (
        "agencies",
        "urusan",
        "regions",
        "ranks",
        "forms",
        "proposals",
        "partners",
        "signed_snapshots",
        "audit_log",
    )
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


class ReportSettingsRepository:
    """The editable parts of each year's Laporan (domain/report.py), one JSON row a year."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, year: int) -> ReportSettings:
        from ..domain.report import ReportSettings

        try:
            row = self.db.execute("SELECT content_json FROM report_settings WHERE year = ?", [int(year)]).fetchone()
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        if row is None:
            return ReportSettings()
        try:
            return ReportSettings.from_json(json.loads(row[0]))
        except (ValueError, TypeError):
            return ReportSettings()  # a damaged row: start from the defaults rather than fail the report

    def save(self, year: int, settings: ReportSettings) -> None:
        try:
            with self.db.atomic():
                self.db.execute(
                    "INSERT OR REPLACE INTO report_settings (year, content_json, updated_at) VALUES (?, ?, ?)",
                    [int(year), json.dumps(settings.to_json(), ensure_ascii=False), utc_now_iso()],
                )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
