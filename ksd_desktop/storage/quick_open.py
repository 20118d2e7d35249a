"""A first look at the data file with plain sqlite3, for the window's start.

Opening the data file properly (storage/database.py ``open_database``) imports sqlite-utils,
which brings click, dateutil and pluggy: some 180 ms of a start, before any data could
show. When the file needs nothing done to it (every migration applied, the reference data
current, WAL already on), the window reads what it shows through :func:`open_for_display`
first, and opens the file properly right after, while the data is already on the screen
(gui/main_window/window.py ``open_data_file``).

Whatever is unusual (a missing, damaged, newer, read-only or not yet migrated file) gives
None: the caller then opens the file the usual way, which handles and explains it. The
connection never writes (``PRAGMA query_only``); :class:`DisplayDatabase` offers the two
methods the read path uses, ``execute`` and ``close``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from .errors import StorageError

#: The migrations of storage/migrations.py, in order (tests/storage/test_quick_open.py keeps
#: this equal to ``registered_names()``). A file with any other set opens the usual way.
KNOWN_MIGRATIONS = (
    "m001_initial_schema",
    "m002_wizard_sessions",
    "m003_search_index",
    "m004_ksdpk_pengadaan_to_lainnya",
    "m005_agency_letterhead",
    "m006_report_settings",
    "m007_followup_steps_and_agreements",
    "m008_device_key_and_trusted_keys",
    "m009_snapshot_canonical_version",
    "m010_search_inside_words",
    "m011_index_review_by_form",
)
_HEADER = b"SQLite format 3\x00"


class DisplayDatabase:
    """A connection for showing the data (``display_only``; ``PRAGMA query_only``): writing raises."""

    display_only = True
    read_only = False  # never written through, but not "hanya-baca" for the window (its title, its actions)

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters or ())

    def atomic(self) -> NoReturn:
        raise StorageError("Berkas data masih dibuka; coba lagi sebentar lagi.")

    def close(self) -> None:
        self.conn.close()


def open_for_display(path: str | Path) -> DisplayDatabase | None:
    """A read-only connection when the file can be shown as it is; None otherwise (see the module)."""
    path = Path(path)
    try:
        if not path.is_file() or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            return None
        with path.open("rb") as handle:
            if handle.read(16) != _HEADER:
                return None
    except OSError:
        return None
    conn = None
    try:
        conn = sqlite3.connect(str(path), timeout=0.2)
        conn.execute("PRAGMA query_only = 1")
        if _ready(conn):
            return DisplayDatabase(conn, path)
    except sqlite3.Error:
        pass
    if conn is not None:
        conn.close()
    return None


def _ready(conn: sqlite3.Connection) -> bool:
    """Nothing for ``open_database`` to do: WAL on, every migration applied, reference data current."""
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        return False
    applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'ksd_desktop'")}
    if applied != set(KNOWN_MIGRATIONS):  # one pending, or one of a newer version
        return False
    from .reference import VERSION_KEY, quick_shipped_version

    row = conn.execute("SELECT value FROM settings WHERE key = ?", [VERSION_KEY]).fetchone()
    return row is not None and row[0] == json.dumps(quick_shipped_version())
