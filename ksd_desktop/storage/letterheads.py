"""Each agency's kop: as shipped in the reference data, with the user's edits over it.

The shipped values come from ``resources/reference/agencies.json`` (keys address, phone,
email, website, logo_path, where known). What the user changes in Settings › Perangkat
Daerah is stored in ``agency_letterheads``: NULL keeps the shipped value (so a corrected
address in a later release still arrives), an empty string leaves the line out.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from typing import TYPE_CHECKING, Iterable

from ..domain.dates import utc_now_iso
from ..domain.letterhead import LETTERHEAD_FIELDS, AgencyLetterhead
from .errors import translate_sqlite_error
from .reference import load_json

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .repositories import SettingsRepository


#: The agency whose kop the recap (the TKKSD secretariat's report) carries.
SECRETARIAT = "SETDA"


def secretariat_fallback(settings: SettingsRepository, agency_code: str) -> tuple[str, ...]:
    """The region's letterhead lines of the settings (by default the Setda's address): the fallback
    of the Sekretariat Daerah's own kop only. Another agency with no address of its own prints
    none, rather than the Setda's (which its forms used to carry)."""
    if agency_code != SECRETARIAT:
        return ()
    return tuple(str(line) for line in settings.get("letterhead_lines") or ())


@cache
def shipped_letterheads() -> dict[str, dict[str, str]]:
    """Agency code → the kop fields the shipped reference data knows (read once)."""
    items = load_json("agencies.json")["items"]
    return {item["code"]: {key: str(item[key]) for key in LETTERHEAD_FIELDS if item.get(key)} for item in items}


class LetterheadRepository:
    """Read and write the agencies' kop (the user's values over the shipped ones)."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, agency_code: str) -> AgencyLetterhead:
        return self.all([agency_code]).get(agency_code, AgencyLetterhead(agency_code))

    def all(self, codes: Iterable[str] | None = None) -> dict[str, AgencyLetterhead]:
        """The kop of every agency (or of ``codes``), shipped values with the user's edits over them."""
        columns = ", ".join(LETTERHEAD_FIELDS)
        stored = {row[0]: row[1:] for row in self.db.execute(
            f"SELECT agency_code, {columns} FROM agency_letterheads")}
        wanted = list(codes) if codes is not None else [r[0] for r in self.db.execute(
            "SELECT code FROM agencies ORDER BY rowid")]
        result = {}
        for code in wanted:
            values = dict(shipped_letterheads().get(code, {}))
            for key, value in zip(LETTERHEAD_FIELDS, stored.get(code, ())):
                if value is not None:
                    values[key] = value
            values["logo_path"] = values.get("logo_path") or None
            result[code] = AgencyLetterhead(code, **values)
        return result

    def save_many(self, letterheads: Iterable[AgencyLetterhead]) -> None:
        """Store the user's kop of several agencies in one transaction; values equal to the shipped
        ones are stored as NULL (they follow the reference data)."""
        now = utc_now_iso()
        try:
            with self.db.atomic():
                for head in letterheads:
                    shipped = shipped_letterheads().get(head.agency_code, {})
                    values = [None if (getattr(head, key) or "") == shipped.get(key, "") else (getattr(head, key) or "")
                              for key in LETTERHEAD_FIELDS]
                    if all(v is None for v in values):
                        self.db.execute("DELETE FROM agency_letterheads WHERE agency_code = ?", [head.agency_code])
                        continue
                    self.db.execute(
                        f"INSERT OR REPLACE INTO agency_letterheads (agency_code, {', '.join(LETTERHEAD_FIELDS)}, "
                        f"updated_at) VALUES (?, {', '.join('?' for _ in LETTERHEAD_FIELDS)}, ?)",
                        [head.agency_code, *values, now])
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def kop_lines(self, agency_code: str, fallback: Iterable[str] = ()) -> tuple[str, ...]:
        """The lines under the agency's name in its kop; ``fallback`` when neither the reference data
        nor the user gave the agency an address or a contact."""
        lines = self.get(agency_code).lines()
        return lines or tuple(str(line) for line in fallback if str(line).strip())


def save_settings_and_letterheads(db: Database, values: dict, letterheads: Iterable[AgencyLetterhead]) -> None:
    """The settings dialog's *Simpan*: database settings and the agencies' kop in one transaction."""
    from .repositories import SettingsRepository
    try:
        with db.atomic():
            SettingsRepository(db).set_many(values)
            LetterheadRepository(db).save_many(letterheads)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc) from exc
