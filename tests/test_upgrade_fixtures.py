"""Upgrade safety: the data files of every released version open, migrate and verify.

tests/fixtures/formats/<version>/ holds what a user of that release has (made with that
release's code; see its make_fixture.py): the data file, an official PDF of a signed form,
and a data bundle. Each is opened with the current code; the committed files are copied
first and never changed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from ksd_desktop.domain.canonical import canonical_json, hash_text
from ksd_desktop.services.integrity import check_database
from ksd_desktop.storage.backups import Reason, list_backups, open_backup
from ksd_desktop.storage.database import open_database, pending_migrations, schema_version
from ksd_desktop.storage.repositories import FormRepository, table_counts
from ksd_desktop.storage.sessions import WizardSessionRepository

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
RELEASES = sorted(p.name for p in FORMATS.iterdir() if (p / "expected.json").exists())


def _expected(release: str) -> dict:
    return json.loads((FORMATS / release / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(params=RELEASES)
def release(request, tmp_path):
    """(expected, a copy of the release's folder)."""
    copy = tmp_path / f"data {request.param}"
    shutil.copytree(FORMATS / request.param, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return _expected(request.param), copy


def test_there_is_a_fixture_for_the_first_release():
    assert "0.1.0" in RELEASES


def _user_tables(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("forms", "proposals", "partners", "signed_snapshots", "wizard_sessions")
        }


def test_data_file_is_migrated_after_a_backup_and_keeps_everything(release):
    expected, folder = release
    path = folder / "ksd-desktop.sqlite3"
    before = _user_tables(path)
    with sqlite3.connect(path) as con:
        applied_before = con.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied_before == expected["schema_version"]

    db = open_database(path)
    try:
        backups = list_backups(path, (Reason.MIGRATION,))
        assert not pending_migrations(db)
        if schema_version(db) > expected["schema_version"]:
            # migrated: the file as it was is kept in cadangan/, whole and checked
            [backup] = backups
            assert backup.counts == {t: before[t] for t in backup.counts}
            with open_backup(backup) as opened:
                assert _user_tables(opened.path) == before
                with sqlite3.connect(opened.path) as con:
                    assert con.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == applied_before
        else:
            assert backups == []  # nothing to migrate, nothing copied
        counts = table_counts(db)
        for table, count in expected["counts"].items():
            if table == "audit_log":
                assert counts[table] >= count  # a migration may record itself; nothing is lost
            else:
                assert counts[table] == count, table
        assert len(WizardSessionRepository(db).unfinished()) == expected["wizard_sessions"]

        repo = FormRepository(db)
        for item in expected["signed"]:
            form = repo.get(item["uuid"])
            assert form is not None and form.is_signed
            assert (form.agency_code, form.year, form.revision) == (item["agency_code"], item["year"], item["revision"])
            assert form.content_hash == item["content_hash"]
            assert hash_text(canonical_json(form)) == item["content_hash"], f"{form.agency_code}: hash changed"
        revised = expected["revised"]
        form = repo.get(revised["uuid"])
        assert form.revision == revised["revision"] and form.pic_phone == revised["pic_phone"]
        assert [s["revision"] for s in repo.snapshots(revised["uuid"])] == [1, 2]
        status = db.execute(
            "SELECT review_status FROM proposals WHERE uuid = ?", [expected["assessed"]["uuid"]]
        ).fetchone()[0]
        assert status == expected["assessed"]["status"]
    finally:
        db.close()
    report = check_database(path)
    assert report.sound, report.problems


def test_signed_pdf_of_the_release_still_verifies(release):
    from ksd_desktop.services.pdf.verify import Verdict, verify_pdf

    expected, folder = release
    report = verify_pdf(folder / expected["pdf"]["file"])
    assert report.verdict == Verdict.INTACT, report.reasons
    assert (report.agency_code, report.year, report.revision) == (
        expected["pdf"]["agency_code"],
        expected["pdf"]["year"],
        expected["pdf"]["revision"],
    )


def test_bundle_of_the_release_still_imports(release, tmp_path):
    from ksd_desktop.services.exchange.importer import apply, preview

    expected, folder = release
    db = open_database(tmp_path / "penerima.sqlite3")
    try:
        previews = preview(db, [folder / expected["bundle"]["file"]])
        assert all(p.ok for p in previews), [p.error for p in previews]
        # an unsigned (format 1) bundle is read as "tidak terautentikasi": its drafts are added,
        # its signed forms only on an explicit decision (issue 10)
        assert {p.sender.state.value for p in previews} == {"unsigned"}
        assert not apply(db, previews).ok
        unauthenticated = {f.form_uuid for p in previews for f in p.forms if f.conflict_kind == "unauthenticated"}
        assert unauthenticated == {item["uuid"] for item in expected["signed"]}
        previews = preview(db, [folder / expected["bundle"]["file"]])
        result = apply(db, previews, {uuid: "take_incoming" for uuid in unauthenticated})
        assert result.ok and len(db.execute("SELECT uuid FROM forms").fetchall()) == expected["bundle"]["forms"]
        for item in expected["signed"]:
            form = FormRepository(db).get(item["uuid"])
            assert hash_text(canonical_json(form)) == item["content_hash"]
    finally:
        db.close()
