"""SQL for data bundles: reading what to export, and writing imported forms through the locks.

Imported forms go through :class:`FormRepository` (every change audited, in the caller's
transaction) plus the few steps sign-off does differently for an import: the signed
snapshots come from the sender (their own uuid and ``signed_at``), and a signed form is
written the way the database triggers demand: inserted or rewritten as a draft, its
snapshot inserted, then flipped to ``signed`` with the snapshot's hash.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.canonical import content_version
from ..domain.dates import utc_now_iso
from ..domain.models import Form, FormStatus
from .errors import translate_sqlite_error
from .repositories import FormRepository

if TYPE_CHECKING:
    from sqlite_utils import Database

SNAPSHOT_COLUMNS = ("uuid", "form_uuid", "revision", "content_json", "content_hash", "signed_at")


def _json(value: Any) -> str:
    """Audit values are JSON, as FormRepository writes them."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def database_file(db: Database) -> Path | None:
    """The file behind a connection (None for an in-memory database)."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def export_form_uuids(db: Database, agency_code: str | None = None, year: int | None = None) -> list[str]:
    """Forms in the export's scope, by year then agency (the reference table's order)."""
    sql = "SELECT f.uuid FROM forms f LEFT JOIN agencies a ON a.code = f.agency_code WHERE 1 = 1"
    params: list[Any] = []
    if agency_code is not None:
        sql += " AND f.agency_code = ?"
        params.append(agency_code)
    if year is not None:
        sql += " AND f.year = ?"
        params.append(year)
    sql += " ORDER BY f.year, a.rowid, f.agency_code"
    return [r[0] for r in db.execute(sql, params)]


def snapshots_of(db: Database, form_uuids: Iterable[str]) -> list[dict[str, Any]]:
    """Every signed snapshot of the given forms, as rows keyed by column name."""
    wanted = list(form_uuids)
    rows: list[dict[str, Any]] = []
    for start in range(0, len(wanted), 500):  # stay under SQLite's variable limit
        chunk = wanted[start : start + 500]
        cur = db.execute(
            f"SELECT {', '.join(SNAPSHOT_COLUMNS)} FROM signed_snapshots WHERE form_uuid IN "
            f"({', '.join('?' * len(chunk))}) ORDER BY form_uuid, revision",
            chunk,
        )
        rows += [dict(zip(SNAPSHOT_COLUMNS, r, strict=True)) for r in cur]
    return rows


def snapshot_keys(db: Database, form_uuid: str) -> dict[int, str]:
    """Revision → content hash of the form's stored snapshots."""
    return {
        r[0]: r[1]
        for r in db.execute("SELECT revision, content_hash FROM signed_snapshots WHERE form_uuid = ?", [form_uuid])
    }


def owners(db: Database, table: str, uuids: Iterable[str]) -> dict[str, str]:
    """uuid → parent uuid (``form_uuid`` of proposals, ``proposal_uuid`` of partners) of existing rows."""
    parent = {"proposals": "form_uuid", "partners": "proposal_uuid"}[table]
    wanted = list(uuids)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(
            db.execute(
                f"SELECT uuid, {parent} FROM {table} WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk
            ).fetchall()
        )
    return found


def edited_here(db: Database, form: Form, import_reason_prefix: str = "impor dari ") -> bool:
    """Whether anyone changed the form's content on this installation, by its audit rows.

    Rows written by an import (reason ``impor dari …``) and the coordinator's review fields
    do not count: a form only ever imported and assessed here is "not edited here".
    """
    uuids = [form.uuid] + [p.uuid for p in form.proposals] + [pa.uuid for p in form.proposals for pa in p.partners]
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        row = db.execute(
            f"SELECT 1 FROM audit_log WHERE entity_uuid IN ({', '.join('?' * len(chunk))}) "
            "AND (reason IS NULL OR substr(reason, 1, ?) <> ?) "
            "AND COALESCE(field, '') NOT IN ('review_status', 'review_route', 'review_note') LIMIT 1",
            [*chunk, len(import_reason_prefix), import_reason_prefix],
        ).fetchone()
        if row:
            return True
    return False


class ImportWriter(FormRepository):
    """Writes imported forms. Call inside the caller's ``db.atomic()`` (one per imported file)."""

    def write(self, form: Form, *, reason: str, normalize: bool = True) -> None:
        """Insert or rewrite ``form`` as a draft (a signed local form must be reopened first).

        ``normalize=False`` keeps the texts exactly as received (a form signed with canonical
        version 1, whose hash covers the texts as they were)."""
        form.status, form.content_hash = FormStatus.DRAFT.value, None
        self.save(form, reason=reason, normalize=normalize)

    def reopen_for_import(self, form: Form, reason: str) -> None:
        """Signed → draft at revision + 1 (what the lock triggers allow), audited."""
        self.reopen(form, reason)

    def add_snapshot(self, row: dict[str, Any], *, reason: str) -> None:
        """Insert a signed snapshot received from elsewhere (insert-only table), audited on its form."""
        now = utc_now_iso()
        version = content_version(json.loads(row["content_json"]))
        try:
            self.db.execute(
                f"INSERT INTO signed_snapshots ({', '.join(SNAPSHOT_COLUMNS)}, canonical_version) VALUES "
                f"({', '.join('?' * (len(SNAPSHOT_COLUMNS) + 1))})",
                [row[c] for c in SNAPSHOT_COLUMNS] + [version],
            )
            self._write_audit(
                [
                    (
                        now,
                        self.device,
                        "form",
                        row["form_uuid"],
                        "signed_snapshot",
                        None,
                        _json({"revision": row["revision"], "content_hash": row["content_hash"]}),
                        reason,
                    )
                ]
            )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def lock_signed(self, form: Form, content_hash: str, *, reason: str) -> None:
        """Flip a draft to signed; the trigger checks a snapshot with this revision and hash exists."""
        now = utc_now_iso()
        try:
            self.db.execute(
                "UPDATE forms SET status = 'signed', content_hash = ?, updated_at = ? WHERE uuid = ?",
                [content_hash, now, form.uuid],
            )
            self._write_audit(
                [(now, self.device, "form", form.uuid, "status", _json("draft"), _json("signed"), reason)]
            )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        form.status, form.content_hash, form.updated_at = FormStatus.SIGNED.value, content_hash, now
