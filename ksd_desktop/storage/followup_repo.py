"""Follow-up records: each proposal's steps and the register of agreements, every change audited.

Tables of migration ``m007_followup_steps_and_agreements``: ``followup_steps``,
``agreements`` and ``agreement_proposals`` (the links between agreements and proposals).
Each write runs in one transaction with its ``audit_log`` rows (entities ``followup_step``
and ``agreement``); a deletion keeps the whole old row in the audit log.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.agreements import AGREEMENT_FIELDS, Agreement
from ..domain.dates import utc_now_iso
from ..domain.followup import STEP_FIELDS, FollowupStep
from .errors import StorageError, translate_sqlite_error
from .repositories import SettingsRepository

if TYPE_CHECKING:
    from sqlite_utils import Database

_TIMESTAMPS = ("created_at", "updated_at")


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _chunks(values: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def step_from_row(row: Sequence[Any]) -> FollowupStep:
    return FollowupStep(**dict(zip(STEP_FIELDS, row, strict=True)))


def agreement_from_row(row: Sequence[Any]) -> Agreement:
    values = dict(zip(AGREEMENT_FIELDS, row, strict=True))
    try:
        parties = json.loads(values["parties"] or "[]")
    except ValueError:
        parties = []
    values["parties"] = [str(p) for p in parties] if isinstance(parties, list) else []
    return Agreement(**values)


@dataclass(frozen=True)
class ProposalRef:
    """What the follow-up screens show of a proposal, and the facts its rules need."""

    uuid: str
    form_uuid: str
    agency_code: str
    agency_name: str
    year: int
    seq: int
    kind: str
    object: str
    problem: str
    review_status: str
    form_status: str
    partners: str
    mapped_on: str  # the form's signing date, else the day it was created: where "no step for N months" starts


_REF_SELECT = """
SELECT p.uuid, p.form_uuid, f.agency_code, a.name, f.year, p.seq, COALESCE(p.kind, ''), p.object, p.problem,
       p.review_status, f.status,
       COALESCE((SELECT group_concat(name, '; ') FROM (SELECT name FROM partners WHERE proposal_uuid = p.uuid
                 ORDER BY seq)), ''),
       COALESCE(f.signed_date, substr(f.created_at, 1, 10))
FROM proposals p JOIN forms f ON f.uuid = p.form_uuid JOIN agencies a ON a.code = f.agency_code"""


class FollowupRepository:
    """Steps and agreements, read and written with their audit rows."""

    def __init__(self, db: Database, device: str | None = None):
        self.db = db
        self._device = device

    @property
    def device(self) -> str:
        """This installation's id (read when first written: a report on a read-only file never asks)."""
        if self._device is None:
            self._device = SettingsRepository(self.db).device_id()
        return self._device

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, list(params)).fetchall()
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    # -- proposals -----------------------------------------------------------------------
    def proposal(self, uuid: str) -> ProposalRef | None:
        rows = self._run(f"{_REF_SELECT} WHERE p.uuid = ?", [uuid])
        return ProposalRef(*rows[0]) if rows else None

    def proposals_of_year(self, year: int) -> list[ProposalRef]:
        return [ProposalRef(*r) for r in self._run(f"{_REF_SELECT} WHERE f.year = ? ORDER BY a.rowid, p.seq", [year])]

    def find_proposal(self, agency_code: str, year: int, seq: int) -> ProposalRef | None:
        """The proposal No. ``seq`` of an agency's form of ``year`` (the ``DINKES/2024/1`` references)."""
        rows = self._run(
            f"{_REF_SELECT} WHERE f.agency_code = ? AND f.year = ? AND p.seq = ?", [agency_code, year, seq]
        )
        return ProposalRef(*rows[0]) if rows else None

    def proposals(self, uuids: Sequence[str]) -> dict[str, ProposalRef]:
        found: dict[str, ProposalRef] = {}
        for chunk in _chunks(list(uuids)):
            for row in self._run(f"{_REF_SELECT} WHERE p.uuid IN ({', '.join('?' * len(chunk))})", chunk):
                found[row[0]] = ProposalRef(*row)
        return found

    def stale_proposals(self, cutoff: str, terminal: Sequence[str], year: int | None = None) -> list[str]:
        """Proposals assessed *sesuai*, not ended (no ``terminal`` step), whose last step, or else their
        form's signing (or creation) day, is on or before ``cutoff``: one query, for the main window's badge
        and filter (an index on followup_steps(proposal_uuid, date) makes it a lookup per proposal)."""
        marks = ", ".join("?" * len(terminal)) or "''"
        sql = (
            f"SELECT p.uuid FROM proposals p JOIN forms f ON f.uuid = p.form_uuid "
            f"WHERE p.review_status = 'sesuai' {'AND f.year = ?' if year is not None else ''} "
            f"AND NOT EXISTS (SELECT 1 FROM followup_steps s WHERE s.proposal_uuid = p.uuid AND s.step IN ({marks})) "
            f"AND COALESCE((SELECT max(s.date) FROM followup_steps s WHERE s.proposal_uuid = p.uuid), "
            f"f.signed_date, substr(f.created_at, 1, 10)) <= ?"
        )
        params = ([year] if year is not None else []) + list(terminal) + [cutoff]
        return [r[0] for r in self._run(sql, params)]

    # -- steps ---------------------------------------------------------------------------
    def steps_of(self, proposal_uuid: str) -> list[FollowupStep]:
        return [
            step_from_row(r)
            for r in self._run(
                f"SELECT {', '.join(STEP_FIELDS)} FROM followup_steps WHERE proposal_uuid = ? "
                "ORDER BY date, created_at, uuid",
                [proposal_uuid],
            )
        ]

    def steps_of_year(self, year: int) -> dict[str, list[FollowupStep]]:
        """proposal uuid → its steps, for every proposal of a mapping year."""
        out: dict[str, list[FollowupStep]] = {}
        for row in self._run(
            f"SELECT {', '.join('s.' + c for c in STEP_FIELDS)} FROM followup_steps s "
            "JOIN proposals p ON p.uuid = s.proposal_uuid JOIN forms f ON f.uuid = p.form_uuid "
            "WHERE f.year = ? ORDER BY s.proposal_uuid, s.date, s.created_at, s.uuid",
            [year],
        ):
            step = step_from_row(row)
            out.setdefault(step.proposal_uuid, []).append(step)
        return out

    def all_steps(self) -> list[FollowupStep]:
        return [
            step_from_row(r)
            for r in self._run(
                f"SELECT {', '.join(STEP_FIELDS)} FROM followup_steps ORDER BY proposal_uuid, date, uuid"
            )
        ]

    def get_step(self, uuid: str) -> FollowupStep | None:
        rows = self._run(f"SELECT {', '.join(STEP_FIELDS)} FROM followup_steps WHERE uuid = ?", [uuid])
        return step_from_row(rows[0]) if rows else None

    def save_step(self, step: FollowupStep, *, reason: str | None = None) -> None:
        """Insert or update one step (the caller runs the rules first), audited."""
        step.origin_device = step.origin_device or self.device
        values = {c: getattr(step, c) for c in STEP_FIELDS}
        self._write("followup_steps", "followup_step", step, values, reason)

    def delete_step(self, uuid: str, *, reason: str | None = None) -> None:
        self._delete("followup_steps", "followup_step", STEP_FIELDS, uuid, reason)

    # -- agreements ----------------------------------------------------------------------
    def get_agreement(self, uuid: str) -> Agreement | None:
        rows = self._run(f"SELECT {', '.join(AGREEMENT_FIELDS)} FROM agreements WHERE uuid = ?", [uuid])
        if not rows:
            return None
        agreement = agreement_from_row(rows[0])
        agreement.proposal_uuids = self.linked_proposals(uuid)
        return agreement

    def agreements(self) -> list[Agreement]:
        """Every agreement, newest first, with its linked proposals."""
        links: dict[str, list[str]] = {}
        for agreement_uuid, proposal_uuid in self._run(
            "SELECT agreement_uuid, proposal_uuid FROM agreement_proposals ORDER BY rowid"
        ):
            links.setdefault(agreement_uuid, []).append(proposal_uuid)
        out = []
        for row in self._run(
            f"SELECT {', '.join(AGREEMENT_FIELDS)} FROM agreements ORDER BY date_signed DESC, number, uuid"
        ):
            agreement = agreement_from_row(row)
            agreement.proposal_uuids = links.get(agreement.uuid, [])
            out.append(agreement)
        return out

    def agreements_of_proposal(self, proposal_uuid: str) -> list[Agreement]:
        uuids = [
            r[0]
            for r in self._run(
                "SELECT agreement_uuid FROM agreement_proposals WHERE proposal_uuid = ?", [proposal_uuid]
            )
        ]
        return [a for a in (self.get_agreement(u) for u in uuids) if a is not None]

    def linked_proposals(self, agreement_uuid: str) -> list[str]:
        return [
            r[0]
            for r in self._run(
                "SELECT proposal_uuid FROM agreement_proposals WHERE agreement_uuid = ? ORDER BY rowid",
                [agreement_uuid],
            )
        ]

    def find_agreement(self, doc_type: str, number: str) -> Agreement | None:
        """The agreement with this type and number (numbers compared without case and outer spaces)."""
        rows = self._run(
            "SELECT uuid FROM agreements WHERE doc_type = ? AND lower(trim(number)) = lower(trim(?))",
            [doc_type, number],
        )
        return self.get_agreement(rows[0][0]) if rows else None

    def save_agreement(self, agreement: Agreement, *, reason: str | None = None) -> None:
        """Insert or update an agreement and its links to proposals, audited."""
        agreement.origin_device = agreement.origin_device or self.device
        values = {c: getattr(agreement, c) for c in AGREEMENT_FIELDS}
        values["parties"] = json.dumps([p.strip() for p in agreement.parties if p.strip()], ensure_ascii=False)
        self._write("agreements", "agreement", agreement, values, reason)
        old = self.linked_proposals(agreement.uuid)
        wanted = list(dict.fromkeys(agreement.proposal_uuids))
        if old == wanted:
            return
        try:
            self.db.execute("DELETE FROM agreement_proposals WHERE agreement_uuid = ?", [agreement.uuid])
            self.db.conn.executemany(
                "INSERT INTO agreement_proposals (agreement_uuid, proposal_uuid) VALUES (?, ?)",
                [(agreement.uuid, p) for p in wanted],
            )
        except sqlite3.IntegrityError as exc:
            raise StorageError(
                "Usulan yang ditautkan tidak ditemukan di basis data ini; muat ulang daftar lalu pilih "
                "usulannya kembali."
            ) from exc
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        self._audit(
            [
                (
                    utc_now_iso(),
                    self.device,
                    "agreement",
                    agreement.uuid,
                    "proposal_uuids",
                    _json(old),
                    _json(wanted),
                    reason,
                )
            ]
        )

    def delete_agreement(self, uuid: str, *, reason: str | None = None) -> None:
        """Delete an agreement; its steps keep their record (their link is cleared), its links go."""
        links = self.linked_proposals(uuid)
        if links:
            self._audit([(utc_now_iso(), self.device, "agreement", uuid, "proposal_uuids", _json(links), None, reason)])
        self._delete("agreements", "agreement", AGREEMENT_FIELDS, uuid, reason)

    # -- writing -------------------------------------------------------------------------
    def _write(self, table: str, entity: str, obj: Any, values: dict[str, Any], reason: str | None) -> None:
        now = utc_now_iso()
        columns = list(values)
        try:
            old = self.db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE uuid = ?", [obj.uuid]).fetchone()
            if old is None:
                values["created_at"] = obj.created_at = obj.created_at or now
                values["updated_at"] = obj.updated_at = obj.updated_at or now
                self.db.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [values[c] for c in columns],
                )
                self._audit([(now, self.device, entity, obj.uuid, None, None, None, reason or "dibuat")])
                return
            before = dict(zip(columns, old, strict=True))
            changed = [c for c in columns if c not in _TIMESTAMPS and c != "uuid" and before[c] != values[c]]
            if not changed:
                return
            values["updated_at"] = obj.updated_at = now
            sets = changed + ["updated_at"]
            self.db.execute(
                f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in sets)} WHERE uuid = ?",
                [values[c] for c in sets] + [obj.uuid],
            )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        self._audit(
            [(now, self.device, entity, obj.uuid, c, _json(before[c]), _json(values[c]), reason) for c in changed]
        )

    def _delete(self, table: str, entity: str, columns: Sequence[str], uuid: str, reason: str | None) -> None:
        try:
            old = self.db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE uuid = ?", [uuid]).fetchone()
            if old is None:
                raise StorageError("Catatan tidak ditemukan; mungkin sudah dihapus. Muat ulang daftar.")
            self.db.execute(f"DELETE FROM {table} WHERE uuid = ?", [uuid])
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        self._audit(
            [
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
            ]
        )

    def _audit(self, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        try:
            self.db.conn.executemany(
                "INSERT INTO audit_log (at, device, entity, entity_uuid, field, old, new, reason) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def edited_here(self, uuid: str, import_reason_prefix: str = "impor dari ") -> bool:
        """Whether the step or agreement was changed on this installation (not only imported)."""
        row = self._run(
            "SELECT 1 FROM audit_log WHERE entity_uuid = ? AND (reason IS NULL OR substr(reason, 1, ?) <> ?) LIMIT 1",
            [uuid, len(import_reason_prefix), import_reason_prefix],
        )
        return bool(row)

    def history(self, uuid: str) -> list[dict[str, Any]]:
        """The audit rows of one step or agreement, oldest first."""
        cur = self.db.execute(
            "SELECT at, device, field, old, new, reason FROM audit_log WHERE entity_uuid = ? ORDER BY id", [uuid]
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur]
