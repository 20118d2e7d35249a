"""Shipped reference data (urusan, regions, agencies, ranks) loaded into the database.

On first run everything is inserted. On upgrade a value is refreshed only when the user has
not edited it: the content last shipped is remembered in ``reference_shipped``, and a value
that differs from what was shipped was edited in the app (or by an IT officer) and is kept.
The comparison is per column, so a corrected agency name does not stop the new letterhead
columns from arriving, and a column the previous version did not ship yet (still empty) is
filled. Rows the user deleted stay deleted. New rows are added.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import resource

if TYPE_CHECKING:
    from sqlite_utils import Database

#: table -> (JSON file, primary key, columns)
REFERENCE_TABLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "urusan": ("urusan.json", "code", ("code", "name", "group")),
    "regions": ("regions.json", "code", ("code", "name", "level", "province_code")),
    "agencies": (
        "agencies.json",
        "code",
        (
            "code",
            "name",
            "short_name",
            "urusan_codes",
            "active",
            "kop_address",
            "kop_phone",
            "kop_email",
            "kop_website",
            "kop_logo",
        ),
    ),
    "ranks": ("ranks.json", "code", ("code", "name", "label")),
}
VERSION_KEY = "reference_version"


def load_json(name: str) -> dict[str, Any]:
    content: dict[str, Any] = json.loads(Path(resource("reference", name)).read_text(encoding="utf-8"))
    return content


def shipped_version() -> str:
    """One string for all files, so any change to any file triggers a refresh."""
    return (
        "|".join(f"{t}:{load_json(f)['version']}" for t, (f, _, _) in REFERENCE_TABLES.items())
        + f"|neighbours:{load_json('neighbours.json')['version']}"
    )


def quick_shipped_version() -> str:
    """``shipped_version()`` for the main window's start (storage/quick_open.py): each file's
    "version" read from its first line when it stands there (the 60 KB of regions need not be
    parsed), else from the whole file (tests/storage/test_quick_open.py compares the two)."""
    return (
        "|".join(f"{t}:{_file_version(f)}" for t, (f, _, _) in REFERENCE_TABLES.items())
        + f"|neighbours:{_file_version('neighbours.json')}"
    )


_VERSION_AT_START = re.compile(r'\A\s*\{\s*"version"\s*:\s*("(?:[^"\\]|\\.)*")\s*,')


def _file_version(name: str) -> str:
    with Path(resource("reference", name)).open(encoding="utf-8") as handle:
        found = _VERSION_AT_START.match(handle.read(256))
    return str(json.loads(found.group(1)) if found else load_json(name)["version"])


def _stored_row(item: dict[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
    row = {c: item.get(c) for c in columns}
    if "urusan_codes" in row:
        row["urusan_codes"] = json.dumps(row["urusan_codes"] or [], ensure_ascii=False)
    if "active" in row:
        row["active"] = 1 if row["active"] in (None, True, 1) else 0
    for column in ("kop_address", "kop_phone", "kop_email", "kop_website", "kop_logo"):
        if column in row and row[column] is None:
            row[column] = ""
    return row


def _content(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def refresh_reference_data(db: Database, *, force: bool = False) -> dict[str, int]:
    """Insert new and refresh unedited reference rows; returns rows written per table."""
    version = shipped_version()
    current = db.execute("SELECT value FROM settings WHERE key = ?", [VERSION_KEY]).fetchone()
    if current and current[0] == json.dumps(version) and not force:
        return {}
    written: dict[str, int] = {}
    with db.atomic():
        for table, (file_name, pk, columns) in REFERENCE_TABLES.items():
            written[table] = _refresh_table(db, table, pk, columns, load_json(file_name)["items"])
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [VERSION_KEY, json.dumps(version)])
    return written


def _refresh_table(db: Database, table: str, pk: str, columns: tuple[str, ...], items: list[dict[str, Any]]) -> int:
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    shipped_before = dict(
        db.execute("SELECT key, content FROM reference_shipped WHERE table_name = ?", [table]).fetchall()
    )
    written = 0
    for item in items:
        row = _stored_row(item, columns)
        key = row[pk]
        existing = db.execute(f'SELECT {quoted} FROM "{table}" WHERE "{pk}" = ?', [key]).fetchone()
        if existing is None:
            if key in shipped_before:
                continue  # the user deleted it: keep it deleted
            db.execute(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', [row[c] for c in columns])
            written += 1
        else:
            existing_row = dict(zip(columns, existing, strict=True))
            before = json.loads(shipped_before[key]) if key in shipped_before else None
            changes = {
                c: row[c]
                for c in columns
                if c != pk and existing_row[c] != row[c] and _untouched(c, existing_row[c], before)
            }
            if changes:
                sets = ", ".join(f'"{c}" = ?' for c in changes)
                db.execute(f'UPDATE "{table}" SET {sets} WHERE "{pk}" = ?', [*changes.values(), key])
                written += 1
        db.execute(
            "INSERT OR REPLACE INTO reference_shipped (table_name, key, content) VALUES (?, ?, ?)",
            [table, key, _content(row)],
        )
    return written


def _untouched(column: str, current: Any, shipped: dict[str, Any] | None) -> bool:
    """A value the user has not edited: as last shipped, or empty in a column not shipped before."""
    if shipped is None:
        return False  # never shipped by us (created by the user): leave it
    if column not in shipped:
        return current in (None, "")
    return bool(shipped[column] == current)


def shipped_neighbours() -> dict[str, list[str]]:
    items: dict[str, list[str]] = load_json("neighbours.json")["items"]
    return items
