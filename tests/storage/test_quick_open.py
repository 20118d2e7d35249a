"""The start's first look at the data file (plain sqlite3, read-only) and when it steps aside."""

from __future__ import annotations

import os
import sqlite3

import pytest

from ksd_desktop.storage import reference
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.errors import StorageError
from ksd_desktop.storage.migrations import registered_names
from ksd_desktop.storage.queries import ProposalFilter, ProposalQueries
from ksd_desktop.storage.quick_open import KNOWN_MIGRATIONS, DisplayDatabase, open_for_display
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form


def test_known_migrations_are_the_registered_ones():
    """A new migration must be added here too (until then every start takes the usual, slower way)."""
    assert list(KNOWN_MIGRATIONS) == registered_names()


def test_quick_reference_version_equals_the_parsed_one():
    assert reference.quick_shipped_version() == reference.shipped_version()


@pytest.fixture
def ready(db_path):
    db = open_database(db_path)
    FormRepository(db).save(make_form())
    db.close()
    return db_path


def test_a_ready_file_is_read_without_sqlite_utils_and_never_written(ready):
    shown = open_for_display(ready)
    assert isinstance(shown, DisplayDatabase) and shown.display_only
    try:
        queries = ProposalQueries(shown)
        assert queries.count(ProposalFilter(year=2024)) == 1
        assert queries.rows(queries.ids(ProposalFilter(year=2024, search="dokter")))  # the indexes answer too
        with pytest.raises(sqlite3.OperationalError):
            shown.execute("DELETE FROM forms")
        with pytest.raises(StorageError):
            shown.atomic()
    finally:
        shown.close()
    db = open_database(ready)
    assert db.execute("SELECT count(*) FROM forms").fetchone()[0] == 1
    db.close()


def test_anything_unusual_is_left_to_the_usual_opening(ready, tmp_path):
    assert open_for_display(tmp_path / "tidak-ada.sqlite3") is None
    (tmp_path / "teks.sqlite3").write_text("bukan basis data", encoding="utf-8")
    assert open_for_display(tmp_path / "teks.sqlite3") is None
    assert open_for_display(tmp_path) is None  # a folder
    conn = sqlite3.connect(ready)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [KNOWN_MIGRATIONS[-1]])  # one pending
    conn.commit()
    assert open_for_display(ready) is None
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["ksd_desktop", KNOWN_MIGRATIONS[-1], "2026-01-01"],
    )
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["ksd_desktop", "m999_of_a_newer_version", "2026-01-01"],
    )  # a newer app's file
    conn.commit()
    assert open_for_display(ready) is None
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm999_of_a_newer_version'")
    conn.execute("UPDATE settings SET value = '\"lama\"' WHERE key = ?", [reference.VERSION_KEY])  # reference due
    conn.commit()
    assert open_for_display(ready) is None
    conn.execute(
        "UPDATE settings SET value = ? WHERE key = ?", [f'"{reference.shipped_version()}"', reference.VERSION_KEY]
    )
    conn.commit()
    assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"  # not yet in WAL
    assert open_for_display(ready) is None
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    shown = open_for_display(ready)
    assert shown is not None
    shown.close()


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="file modes (and not as root, who may write anyway)")
def test_a_file_that_cannot_be_written_is_left_to_the_usual_opening(ready):
    ready.chmod(0o444)
    try:
        assert open_for_display(ready) is None
    finally:
        ready.chmod(0o644)
