from __future__ import annotations

import sqlite3

from ksd_desktop.services.integrity import check_database
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form
from tests.services.test_signoff import SIGNER


def test_sound_database(db_path):
    db = open_database(db_path)
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    db.close()
    report = check_database(db_path)
    assert report.sound, report.problems
    assert report.counts["forms"] == 1 and report.schema_version == report.latest_version


def test_missing_file_is_not_created(tmp_path):
    path = tmp_path / "hilang.sqlite3"
    report = check_database(path)
    assert not report.sound and "tidak ditemukan" in report.problems[0]
    assert not path.exists()


def test_foreign_sqlite_file(tmp_path):
    path = tmp_path / "lain.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    report = check_database(path)
    assert "bukan basis data KSD Desktop" in report.problems[0]
    assert path.read_bytes() == before


def test_tampered_signed_content_is_detected(db_path):
    db = open_database(db_path)
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    # Someone bypasses the app: drops the lock trigger and edits signed content.
    db.execute("DROP TRIGGER proposals_signed_content_locked")
    db.execute("UPDATE proposals SET problem = 'Isi diubah setelah ditandatangani oleh pihak lain'")
    db.conn.commit()
    db.close()
    report = check_database(db_path)
    assert not report.sound
    assert any("tidak lagi sama" in p for p in report.problems)


def test_corrupt_file_reported_not_raised(db_path):
    db = open_database(db_path)
    FormRepository(db).save(make_form())
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for i in range(page * 2, min(len(data), page * 6)):
        data[i] = 0xA5
    db_path.write_bytes(bytes(data))
    report = check_database(db_path)
    assert not report.sound
    assert report.problems and all("Traceback" not in p for p in report.problems)
