"""Autosaved wizard sessions: unfinished input kept until it is saved or discarded."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.dates import utc_now_iso
from .errors import translate_sqlite_error

if TYPE_CHECKING:
    from .database import KsdDatabase


@dataclass(frozen=True)
class SessionInfo:
    id: str
    form_uuid: str | None
    agency_code: str | None
    year: int | None
    page: int
    started_at: str
    updated_at: str


class WizardSessionRepository:
    def __init__(self, db: KsdDatabase):
        self.db = db

    def save(
        self,
        session_id: str,
        state: dict[str, Any],
        *,
        form_uuid: str | None,
        agency_code: str | None,
        year: int | None,
        page: int,
        wait_ms: int | None = None,
    ) -> None:
        """Write the whole state in one transaction (the previous one stays if this fails).

        ``wait_ms``: how long to wait for another writer (default: the busy timeout); the
        autosave waits briefly and retries later instead of freezing the window."""
        now = utc_now_iso()
        text = json.dumps(state, ensure_ascii=False)
        try:
            with self.db.atomic(wait_ms=wait_ms):
                self.db.execute(
                    "INSERT INTO wizard_sessions (id, form_uuid, agency_code, year, state_json, page, started_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "form_uuid = excluded.form_uuid, agency_code = excluded.agency_code, year = excluded.year, "
                    "state_json = excluded.state_json, page = excluded.page, updated_at = excluded.updated_at",
                    [session_id, form_uuid, agency_code, year, text, page, now, now],
                )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def load(self, session_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT state_json FROM wizard_sessions WHERE id = ?", [session_id]).fetchone()
        return json.loads(row[0]) if row else None

    def unfinished(self) -> list[SessionInfo]:
        return [
            SessionInfo(*r)
            for r in self.db.execute(
                "SELECT id, form_uuid, agency_code, year, page, started_at, updated_at FROM wizard_sessions "
                "ORDER BY updated_at DESC"
            )
        ]

    def discard(self, session_id: str) -> None:
        try:
            with self.db.atomic():
                self.db.execute("DELETE FROM wizard_sessions WHERE id = ?", [session_id])
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
