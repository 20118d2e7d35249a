from __future__ import annotations

import pytest

from ksd_desktop.domain.canonical import CANONICAL_VERSION, canonical_json, hash_text
from ksd_desktop.domain.nip import parse_nip
from ksd_desktop.domain.validation import errors_only, validate_form, validate_signing
from ksd_desktop.services.demo import DemoRefused, fill_demo
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository, ReferenceRepository


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    summary = fill_demo(db)
    yield db, summary
    db.close()


def all_forms(db):
    repo = FormRepository(db)
    return [repo.get(uuid) for (uuid,) in db.execute("SELECT uuid FROM forms ORDER BY agency_code").fetchall()]


def test_default_is_banjar_2024_sized(demo_db):
    db, summary = demo_db
    assert (summary.forms, summary.proposals, summary.years) == (27, 156, "2024")
    assert 10 <= summary.signed < 27
    assert db.execute("SELECT count(DISTINCT agency_code) FROM forms").fetchone()[0] == 27


def test_every_record_satisfies_every_rule(demo_db):
    db, _ = demo_db
    ctx = ReferenceRepository(db).rule_context()
    for form in all_forms(db):
        check = validate_signing if form.is_signed else validate_form
        assert errors_only(check(form, ctx)) == [], form.agency_code


def test_signed_forms_have_valid_signers_and_matching_hashes(demo_db):
    db, _ = demo_db
    signed = [f for f in all_forms(db) if f.is_signed]
    for form in signed:
        assert parse_nip(form.signer_nip).is_pns_layout
        assert form.content_hash == hash_text(canonical_json(form, CANONICAL_VERSION))
        assert form.signed_date.startswith("2024-07")


def test_variety_all_kinds_and_reviews(demo_db):
    db, _ = demo_db
    kinds = {k for (k,) in db.execute("SELECT DISTINCT kind FROM proposals")}
    assert kinds == {"SINERGI", "KSDD", "KSDPK", "KSDPL", "KSDLL"}
    reviews = dict(db.execute("SELECT review_status, count(*) FROM proposals GROUP BY 1").fetchall())
    assert reviews.get("sesuai", 0) > reviews.get("tidak_sesuai", 0) > 0
    assert db.execute("SELECT count(DISTINCT urusan_code) FROM proposals").fetchone()[0] >= 25
    assert db.execute("SELECT count(*) FROM proposals WHERE ksdd_category = 'wajib'").fetchone()[0] >= 1


def test_deterministic_for_a_seed(tmp_path):
    texts = []
    for name in ("a", "b"):
        db = open_database(tmp_path / f"{name}.sqlite3")
        fill_demo(db, proposals=60, seed=7)
        texts.append([canonical_json(f) for f in all_forms(db)])
        db.close()
    assert texts[0] == texts[1]
    db = open_database(tmp_path / "c.sqlite3")
    fill_demo(db, proposals=60, seed=8)
    assert [canonical_json(f) for f in all_forms(db)] != texts[0]
    db.close()


def test_large_counts_spread_over_years(tmp_path):
    db = open_database(tmp_path / "besar.sqlite3")
    summary = fill_demo(db, proposals=13000, seed=1)
    assert summary.proposals == 13000 and summary.years == "2023–2024"
    assert db.execute("SELECT count(*) FROM proposals").fetchone()[0] == 13000
    db.close()


def test_refuses_non_empty_database(demo_db):
    db, _ = demo_db
    with pytest.raises(DemoRefused, match="sudah berisi 27 formulir"):
        fill_demo(db)


def test_zero_and_tiny_counts(tmp_path):
    db = open_database(tmp_path / "kecil.sqlite3")
    summary = fill_demo(db, proposals=3)
    assert (summary.forms, summary.proposals) == (3, 3)
    db.close()


def test_default_forms_do_not_repeat_a_template(demo_db):
    db, _ = demo_db
    repeated = db.execute("SELECT count(*) FROM (SELECT form_uuid, problem FROM proposals "
                          "GROUP BY form_uuid, substr(problem, 1, 60) HAVING count(*) > 1)").fetchone()[0]
    assert repeated == 0
