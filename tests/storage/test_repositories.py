"""Round trip, audit log, insert-only history and the signed-form lock, enforced by SQLite."""

from __future__ import annotations

import json
import sqlite3

import pytest

from ksd_desktop.domain.canonical import canonical_json, hash_text
from ksd_desktop.storage.errors import FormLockedError, StorageError
from ksd_desktop.storage.repositories import FormRepository, SettingsRepository
from tests.conftest import make_form, make_partner, make_proposal, sign_fields


@pytest.fixture
def repo(db):
    return FormRepository(db, device="laptop-1")


def signed_form(repo):
    form = sign_fields(make_form())
    text = canonical_json(form)
    repo.mark_signed(form, text, hash_text(text))
    return form


def test_round_trip(repo):
    form = make_form(
        proposals=[
            make_proposal(1, partners=[make_partner(seq=1), make_partner(seq=2, name="Politeknik Kesehatan")]),
            make_proposal(
                2,
                kind="KSDD",
                ksdpk_form=None,
                ksdd_category="wajib",
                externality="Aliran sungai lintas batas.",
                partners=[make_partner(name="Kota Banjarbaru", category="pemda", region_code="63.72")],
            ),
        ]
    )
    repo.save(form)
    loaded = repo.get(form.uuid)
    assert loaded.origin_device == "laptop-1" and loaded.created_at and loaded.updated_at
    assert canonical_json(loaded) == canonical_json(form)
    assert [p.seq for p in loaded.proposals] == [1, 2]
    assert [pa.name for pa in loaded.proposals[0].partners] == ["Universitas Lambung Mangkurat", "Politeknik Kesehatan"]
    assert loaded.proposals[0].compliance_confirmed is True
    assert repo.find("DINKES", 2024).uuid == form.uuid
    assert repo.find("DINKES", 2023) is None


def test_one_form_per_agency_and_year(repo):
    repo.save(make_form())
    with pytest.raises(StorageError, match="UNIQUE|unik|basis data"):
        repo.save(make_form())


def test_every_change_is_audited(repo, db):
    form = make_form()
    repo.save(form)
    created = db.execute("SELECT entity, field, reason FROM audit_log ORDER BY id").fetchall()
    assert created == [("form", None, "dibuat"), ("proposal", None, "dibuat"), ("partner", None, "dibuat")]
    form.pic_name = "Ahmad Fauzan Noor"
    form.proposals[0].priority = "sedang"
    removed = form.proposals[0].partners.pop()
    repo.save(form, reason="perbaikan")
    rows = db.execute(
        "SELECT entity, field, old, new, reason, device FROM audit_log WHERE id > 3 ORDER BY id"
    ).fetchall()
    assert ("form", "pic_name", '"Siti Rahmah"', '"Ahmad Fauzan Noor"', "perbaikan", "laptop-1") in rows
    assert ("proposal", "priority", '"tinggi"', '"sedang"', "perbaikan", "laptop-1") in rows
    deleted = next(r for r in rows if r[0] == "partner")
    assert deleted[1] is None and json.loads(deleted[2])["uuid"] == removed.uuid and deleted[3] is None


def test_saving_unchanged_form_writes_nothing(repo, db):
    form = make_form()
    repo.save(form)
    count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    repo.save(repo.get(form.uuid))
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count


def test_save_is_atomic(repo, db):
    form = make_form(proposals=[make_proposal(1), make_proposal(2, urusan_code="9.99")])  # FK breaks on 2nd
    with pytest.raises(StorageError):
        repo.save(form)
    for table in ("forms", "proposals", "partners", "audit_log"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


@pytest.mark.parametrize("table", ["signed_snapshots", "audit_log"])
def test_history_tables_refuse_update_and_delete(repo, db, table):
    signed_form(repo)
    with pytest.raises(sqlite3.IntegrityError, match="hanya boleh ditambah"):
        db.execute(f"UPDATE {table} SET {'content_hash' if table == 'signed_snapshots' else 'reason'} = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="hanya boleh ditambah"):
        db.execute(f"DELETE FROM {table}")


def test_signed_form_content_cannot_change_even_with_raw_sql(repo, db):
    form = signed_form(repo)
    statements = [
        "UPDATE forms SET pic_name = 'X'",
        "UPDATE forms SET signer_nip = '198609262015051001'",
        "UPDATE forms SET content_hash = 'palsu'",
        "UPDATE forms SET status = 'draft'",  # reopening without a new revision
        "UPDATE proposals SET problem = 'Diubah diam-diam setelah ditandatangani'",
        "UPDATE partners SET name = 'Mitra lain'",
        "DELETE FROM partners",
        "DELETE FROM proposals",
        "DELETE FROM forms",
        f"INSERT INTO proposals (uuid, form_uuid, seq, created_at, updated_at) VALUES ('p2', '{form.uuid}', 9, 'x', 'x')",
    ]
    for sql in statements:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql)
    assert canonical_json(repo.get(form.uuid)) == canonical_json(form)


def test_repository_save_on_signed_form_raises_locked(repo):
    form = signed_form(repo)
    form.proposals[0].object = "Objek lain"
    with pytest.raises(FormLockedError, match="sudah ditandatangani"):
        repo.save(form)


def test_review_fields_stay_editable_on_signed_form(repo, db):
    form = signed_form(repo)
    repo.set_review(form.proposals[0].uuid, "tidak_sesuai", "swakelola", "Arahkan ke swakelola.")
    loaded = repo.get(form.uuid)
    assert (loaded.proposals[0].review_status, loaded.proposals[0].review_route) == ("tidak_sesuai", "swakelola")
    assert db.execute("SELECT count(*) FROM audit_log WHERE field LIKE 'review_%'").fetchone()[0] == 3


def test_signing_needs_a_matching_snapshot(repo, db):
    form = make_form()
    repo.save(form)
    with pytest.raises(sqlite3.IntegrityError, match="rekaman isi"):
        db.execute("UPDATE forms SET status = 'signed', content_hash = 'abc' WHERE uuid = ?", [form.uuid])


def test_reopen_keeps_snapshot_and_starts_new_revision(repo, db):
    form = signed_form(repo)
    repo.reopen(form, "Menambah usulan baru")
    loaded = repo.get(form.uuid)
    assert (loaded.status, loaded.revision, loaded.revision_reason, loaded.content_hash) == (
        "draft",
        2,
        "Menambah usulan baru",
        None,
    )
    loaded.proposals.append(make_proposal(2))
    repo.save(loaded)
    snapshots = repo.snapshots(form.uuid)
    assert [s["revision"] for s in snapshots] == [1]
    assert hash_text(snapshots[0]["content_json"]) == snapshots[0]["content_hash"]


def test_inserting_a_signed_form_directly_is_refused(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO forms (uuid, agency_code, year, status, created_at, updated_at) "
            "VALUES ('f', 'DINKES', 2024, 'signed', 'x', 'x')"
        )


def test_agency_statuses(repo):
    repo.save(make_form())
    rows = {r.code: r for r in repo.agency_statuses(2024)}
    assert len(rows) == 27
    assert (rows["DINKES"].status, rows["DINKES"].proposal_count) == ("draft", 1)
    assert rows["DISDIK"].status is None and rows["DISDIK"].form_uuid is None
    assert repo.years() == [2024]


def test_delete_draft(repo, db):
    form = make_form()
    repo.save(form)
    repo.delete(form.uuid, reason="salah agency")
    assert db.execute("SELECT count(*) FROM forms").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM audit_log WHERE old IS NOT NULL").fetchone()[0] == 3


def test_settings_store_only_non_defaults(db):
    settings = SettingsRepository(db)
    assert settings.get("default_signed_place") == "Martapura"
    settings.set("default_signed_place", "Banjarbaru")
    assert settings.get("default_signed_place") == "Banjarbaru"
    settings.set("default_signed_place", "Martapura")
    assert db.execute("SELECT count(*) FROM settings WHERE key = 'default_signed_place'").fetchone()[0] == 0
    assert settings.neighbour_codes() == ["63.05", "63.06", "63.10", "63.02", "63.01", "63.72", "63.04", "63.71"]
    device = settings.device_id()
    assert device == SettingsRepository(db).device_id()
