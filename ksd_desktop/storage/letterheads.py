"""Each agency's kop: the ``kop_*`` columns of ``agencies``.

They are shipped in ``resources/reference/agencies.json`` (kop_address, kop_phone, kop_email,
kop_website, kop_logo) and refreshed per column on upgrade (storage/reference.py): a value
the user changed in Pengaturan › Perangkat Daerah differs from what was shipped and is kept,
one left as shipped follows a corrected value in a later release.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..domain.letterhead import AgencyLetterhead
from .errors import translate_sqlite_error

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .repositories import SettingsRepository

#: The agency whose kop the recap (the TKKSD secretariat's report) carries.
SECRETARIAT = "SETDA"
#: AgencyLetterhead field -> agencies column.
COLUMNS = {
    "address": "kop_address",
    "phone": "kop_phone",
    "email": "kop_email",
    "website": "kop_website",
    "logo_path": "kop_logo",
}


def secretariat_fallback(settings: SettingsRepository, agency_code: str) -> tuple[str, ...]:
    """The region's letterhead lines of the settings (by default the Setda's address): the fallback
    of the Sekretariat Daerah's own kop only. Another agency with no address of its own prints
    none, rather than the Setda's (which its forms used to carry)."""
    if agency_code != SECRETARIAT:
        return ()
    return tuple(str(line) for line in settings.get("letterhead_lines") or ())


class LetterheadRepository:
    """Read and write the agencies' kop."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, agency_code: str) -> AgencyLetterhead:
        return self.all().get(agency_code, AgencyLetterhead(agency_code))

    def all(self) -> dict[str, AgencyLetterhead]:
        """The kop of every agency, in the list's order."""
        columns = ", ".join(COLUMNS.values())
        try:
            rows = self.db.execute(f"SELECT code, {columns} FROM agencies ORDER BY rowid").fetchall()
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        return {
            code: AgencyLetterhead(code, address or "", phone or "", email or "", website or "", logo or None)
            for code, address, phone, email, website, logo in rows
        }  # in COLUMNS' order

    def save_many(self, letterheads: Iterable[AgencyLetterhead]) -> None:
        """Store the kop of several agencies in one transaction."""
        sets = ", ".join(f"{column} = ?" for column in COLUMNS.values())
        try:
            with self.db.atomic():
                for head in letterheads:
                    self.db.execute(
                        f"UPDATE agencies SET {sets} WHERE code = ?",
                        [*(getattr(head, field) or "" for field in COLUMNS), head.agency_code],
                    )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def unsure(self) -> dict[str, set[str]]:
        """Agency code → the kop fields still as shipped that the reference data marks "perlu dicek"."""
        from .reference import load_json

        current = self.all()
        found: dict[str, set[str]] = {}
        for item in load_json("agencies.json")["items"]:
            head = current.get(item["code"])
            if head is None:
                continue
            fields = {
                field
                for field, column in COLUMNS.items()
                if column in item.get("unsure", ()) and (getattr(head, field) or "") == (item.get(column) or "")
            }
            if fields:
                found[item["code"]] = fields
        return found

    def kop_lines(self, agency_code: str, fallback: Iterable[str] = ()) -> tuple[str, ...]:
        """The lines under the agency's name in its kop; ``fallback`` when the agency has neither an
        address nor a contact."""
        lines = self.get(agency_code).lines()
        return lines or tuple(str(line) for line in fallback if str(line).strip())


def secretariat_kop(db: Database, settings: SettingsRepository) -> tuple[tuple[str, ...], str | None]:
    """The Sekretariat Daerah's kop lines and its own logo: what the Laporan and the monev report print."""
    repo = LetterheadRepository(db)
    return repo.kop_lines(SECRETARIAT, secretariat_fallback(settings, SECRETARIAT)), repo.get(SECRETARIAT).logo_path


def save_settings_and_letterheads(
    db: Database, values: dict[str, Any], letterheads: Iterable[AgencyLetterhead]
) -> None:
    """The settings dialog's *Simpan*: database settings and the agencies' kop in one transaction."""
    from .repositories import SettingsRepository

    try:
        with db.atomic():
            SettingsRepository(db).set_many(values)
            LetterheadRepository(db).save_many(letterheads)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc) from exc
