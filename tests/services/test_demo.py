from __future__ import annotations

import pytest

from ksd_desktop.domain.canonical import CANONICAL_VERSION, canonical_json, hash_text
from ksd_desktop.domain.nip import parse_nip
from ksd_desktop.domain.validation import errors_only, validate_form, validate_signing
from ksd_desktop.services import demo
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


def test_default_is_banjar_2024_exactly(demo_db):
    db, summary = demo_db
    assert summary.by_year[2024] == (27, 27, 156)  # every 2024 form signed: no draft to count as not submitted
    assert summary.by_year[2025] == (4, 0, 8)  # four agencies started 2025: drafts (belum menyampaikan)
    assert db.execute("SELECT count(DISTINCT agency_code) FROM forms WHERE year = 2024").fetchone()[0] == 27
    rows = db.execute(
        "SELECT p.kind, p.review_status, count(*) FROM proposals p JOIN forms f ON f.uuid = p.form_uuid "
        "WHERE f.year = 2024 GROUP BY 1, 2"
    ).fetchall()
    counts = {(k, s): n for k, s, n in rows}
    assert sum(n for (_, s), n in counts.items() if s == "sesuai") == 125
    assert sum(n for (_, s), n in counts.items() if s == "tidak_sesuai") == 31
    assert (counts[("SINERGI", "sesuai")], counts[("KSDPK", "sesuai")], counts[("KSDD", "sesuai")]) == (58, 48, 19)


def test_tidak_sesuai_routes_are_plausible_with_individual_notes(demo_db):
    db, _ = demo_db
    rows = db.execute(
        "SELECT p.kind, p.review_route, p.review_note, "
        "(SELECT group_concat(category) FROM partners WHERE proposal_uuid = p.uuid) "
        "FROM proposals p WHERE p.review_status = 'tidak_sesuai'"
    ).fetchall()
    assert len(rows) == 31
    assert len({note for _, _, note, _ in rows}) == 31  # every note its own
    for kind, route, note, categories in rows:
        assert route and note
        if kind in ("KSDLL", "KSDPL"):  # a JICA partnership never goes "internal"
            assert route == "lainnya", (kind, route)
        if route == "swakelola":
            assert "perguruan_tinggi" in categories
        if route == "kerja_sama_internal":
            assert kind == "SINERGI"


def test_texts_fit_july_2024(demo_db):
    """Ministries as named when the forms were signed (July 2024); BAZNAS is no ormas."""
    db, _ = demo_db
    names = {n for (n,) in db.execute("SELECT DISTINCT name FROM partners")}
    created_21_october_2024 = (
        "Kementerian Pendidikan Dasar dan Menengah",
        "Kementerian Kebudayaan",
        "Kementerian Komunikasi dan Digital",
        "Kementerian Transmigrasi",
        "Kementerian Hukum Republik",
        "Kementerian Kehutanan",
        "Kementerian Perumahan dan Kawasan Permukiman",
        "Kementerian Pariwisata Republik",
        "Kementerian Koperasi Republik",
        "Kementerian Investasi dan Hilirisasi",
    )
    assert not [n for n in names if n.startswith(created_21_october_2024)]
    assert not db.execute(
        "SELECT count(*) FROM partners WHERE category = 'ormas' AND "
        "(name LIKE '%BAZNAS%' OR name LIKE 'Badan Amil Zakat%')"
    ).fetchone()[0]
    assert not db.execute("SELECT count(*) FROM proposals WHERE ksdpk_form = 'pengadaan'").fetchone()[0]


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
        assert form.signed_date.startswith("2024-07") and form.year == 2024


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


def test_large_counts_spread_over_years(tmp_path, monkeypatch):
    """More proposals than one year's forms hold spill into the year before. At full size
    (13,000 proposals, 450 a form) that is benchmarks/bench_demo.py; here forms hold 4."""
    monkeypatch.setattr(demo, "PER_FORM_TARGET", 4)  # 27 agencies × 4 = 108 a year
    db = open_database(tmp_path / "besar.sqlite3")
    summary = fill_demo(db, proposals=130, seed=1)
    assert summary.proposals == 130 and summary.years == "2023–2024"
    assert db.execute("SELECT count(*) FROM proposals").fetchone()[0] == 130
    db.close()


def test_refuses_non_empty_database(demo_db):
    db, _ = demo_db
    with pytest.raises(DemoRefused, match="sudah berisi 31 formulir"):
        fill_demo(db)


def test_zero_and_tiny_counts(tmp_path):
    db = open_database(tmp_path / "kecil.sqlite3")
    summary = fill_demo(db, proposals=3)
    assert (summary.forms, summary.proposals) == (3, 3)
    db.close()


def test_default_stores_the_2024_report_settings(demo_db):
    from ksd_desktop.storage.repositories import ReportSettingsRepository

    db, _ = demo_db
    report = ReportSettingsRepository(db).get(2024)
    assert "20 Februari 2024" in report.sosialisasi and "8 Agustus 2024" in report.pleno


def test_default_forms_do_not_repeat_a_template(demo_db):
    db, _ = demo_db
    repeated = db.execute(
        "SELECT count(*) FROM (SELECT form_uuid, problem FROM proposals "
        "GROUP BY form_uuid, substr(problem, 1, 60) HAVING count(*) > 1)"
    ).fetchone()[0]
    assert repeated == 0
