"""Opening, pragmas, migrations, backups and friendly errors, on real files."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from ksd_desktop.domain.models import (
    FORM_COLUMNS,
    FORM_CONTENT_COLUMNS,
    PARTNER_COLUMNS,
    PROPOSAL_COLUMNS,
    PROPOSAL_CONTENT_COLUMNS,
)
from ksd_desktop.storage.backups import Reason, list_backups, open_backup
from ksd_desktop.storage.database import open_database, pending_migrations, schema_version
from ksd_desktop.storage.errors import DatabaseLockedError, DatabaseNotFoundError, NotADatabaseError
from ksd_desktop.storage.migrations import FORM_CONTENT, PROPOSAL_CONTENT, latest_version, migrations


def test_pragmas(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_known_migrations_listed_without_loading_sqlite_utils_plugins(monkeypatch):
    """Loading plugins scans every installed package's entry points (most of ``check`` on a small file)."""
    import sqlite_utils.db

    def refuse() -> None:
        raise AssertionError("sqlite-utils plugins loaded")

    monkeypatch.setattr(sqlite_utils.db, "ensure_plugins_loaded", refuse)
    names = [m.name for m in migrations._migrations]
    assert latest_version() == len(names) and names[0].startswith("m001")


def test_migrations_from_empty(db_path):
    db = open_database(db_path)
    assert pending_migrations(db) == []
    assert schema_version(db) == latest_version()
    tables = set(db.table_names())
    assert {
        "forms",
        "proposals",
        "partners",
        "agencies",
        "urusan",
        "regions",
        "signed_snapshots",
        "audit_log",
        "settings",
    } <= tables
    db.close()


def test_columns_are_the_dictionary_keys(db):
    assert db["forms"].columns_dict.keys() == set(FORM_COLUMNS)
    assert db["proposals"].columns_dict.keys() == set(PROPOSAL_COLUMNS)
    assert db["partners"].columns_dict.keys() == set(PARTNER_COLUMNS)
    assert set(db["signed_snapshots"].columns_dict) == {
        "uuid",
        "form_uuid",
        "revision",
        "content_json",
        "content_hash",
        "signed_at",
        "canonical_version",
    }
    assert set(db["audit_log"].columns_dict) == {
        "id",
        "at",
        "device",
        "entity",
        "entity_uuid",
        "field",
        "old",
        "new",
        "reason",
    }


def test_frozen_migration_column_lists_match_the_domain():
    assert FORM_CONTENT == FORM_CONTENT_COLUMNS
    assert PROPOSAL_CONTENT == PROPOSAL_CONTENT_COLUMNS


def test_reopening_is_idempotent(db_path):
    open_database(db_path).close()
    db = open_database(db_path)
    assert schema_version(db) == latest_version()
    assert list(db_path.parent.glob("*sebelum-migrasi*")) == []
    db.close()


def test_file_is_copied_aside_before_a_pending_migration(db_path, monkeypatch):
    open_database(db_path).close()

    @migrations(name="m999_test_only")
    def _extra(db):
        db.execute("CREATE TABLE test_extra (x INTEGER)")

    try:
        db = open_database(db_path)
        copies = list_backups(db_path, (Reason.MIGRATION,))
        assert len(copies) == 1 and copies[0].path.parent == db_path.parent / "cadangan"
        assert copies[0].counts["forms"] == 0 and copies[0].schema_version == latest_version() - 1
        with open_backup(copies[0]) as opened:
            old = Database(opened.path)
            assert "test_extra" not in old.table_names() and "forms" in old.table_names()
            old.close()
        assert "test_extra" in db.table_names()
        db.close()
    finally:
        migrations._migrations.pop()


def test_missing_file_not_created_when_create_false(tmp_path):
    path = tmp_path / "tidak-ada.sqlite3"
    with pytest.raises(DatabaseNotFoundError):
        open_database(path, create=False)
    assert not path.exists()


def test_not_sqlite_file_gets_clear_message_and_is_untouched(tmp_path):
    path = tmp_path / "catatan.sqlite3"
    path.write_bytes(b"ini bukan basis data" * 10)
    with pytest.raises(NotADatabaseError, match="bukan basis data KSD Desktop"):
        open_database(path)
    assert path.read_bytes() == b"ini bukan basis data" * 10


def test_locked_database_gets_clear_message_and_nothing_is_written(db_path):
    from ksd_desktop.storage.repositories import FormRepository
    from tests.conftest import make_form

    db = open_database(db_path)
    db.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError, match="sedang dipakai program lain"):
            FormRepository(db, device="test").save(make_form())
    finally:
        holder.rollback()
        holder.close()
    assert db.execute("SELECT count(*) FROM forms").fetchone()[0] == 0
    db.close()


def test_signatures_made_before_canonical_version_2_stay_verifiable(tmp_path):
    """A data file of the previous release (3 migrations) with a version-1 signature over text that
    version 2 would normalise: after the migration, check, PDF export + verify and a bundle import
    into another file all still accept it."""
    import json
    import sqlite3 as sqlite

    from ksd_desktop.domain.canonical import canonical_json, content_version, hash_text
    from ksd_desktop.services.exchange.bundle import export_bundle
    from ksd_desktop.services.exchange.importer import apply, preview
    from ksd_desktop.services.integrity import check_database
    from ksd_desktop.services.pdf.export import export_form_pdf
    from ksd_desktop.services.pdf.verify import verify_pdf
    from ksd_desktop.storage.repositories import FormRepository
    from tests.conftest import make_form, sign_fields

    path = tmp_path / "lama.sqlite3"
    conn = sqlite.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    old = Database(conn)
    migrations.apply(old, stop_before="m004_ksdpk_pengadaan_to_lainnya")  # the schema of 0.1.0
    old.execute("INSERT INTO agencies (code, name) VALUES ('DINKES', 'Dinas Kesehatan')")
    form = sign_fields(make_form(pic_name="  Nor Hidayah  e\u0301 "))  # version 2 would trim and compose this
    FormRepository(old, device="lama").save(form, normalize=False)
    text = canonical_json(form)  # what release 0.1 signed
    digest = hash_text(text)
    conn.execute(
        "INSERT INTO signed_snapshots (uuid, form_uuid, revision, content_json, content_hash, signed_at) "
        "VALUES ('5b1d3c9e-0000-4000-8000-000000000001', ?, 1, ?, ?, '2024-08-08T02:00:00Z')",
        [form.uuid, text, digest],
    )
    conn.execute("UPDATE forms SET status = 'signed', content_hash = ? WHERE uuid = ?", [digest, form.uuid])
    conn.commit()
    conn.close()

    db = open_database(path)
    try:
        assert schema_version(db) == latest_version()
        row = db.execute("SELECT canonical_version, content_json FROM signed_snapshots").fetchone()
        assert row[0] == 1 == content_version(json.loads(row[1]))
        assert FormRepository(db).get(form.uuid).pic_name == "  Nor Hidayah  e\u0301 "  # stored as signed
        assert check_database(path).sound
        pdf = export_form_pdf(db, "DINKES", 2024, tmp_path / "lama.pdf")
        assert verify_pdf(pdf).verdict.value == "UTUH"
        bundle = export_bundle(db, tmp_path / "lama.ksd").path
    finally:
        db.close()
    target_path = tmp_path / "baru.sqlite3"
    target = open_database(target_path)
    try:
        result = apply(target, preview(target, [bundle]))
        assert result.ok and result.count("added") == 1
        assert FormRepository(target).find("DINKES", 2024).content_hash == digest
    finally:
        target.close()
    assert check_database(target_path).sound
