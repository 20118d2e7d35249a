"""The bulk ways of writing give the same data and the same audit trail as the row-by-row way."""

from __future__ import annotations

import contextlib
import copy

import pytest

from ksd_desktop.services.demo import fill_demo
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.queries import ProposalFilter, ProposalQueries, SearchIndex
from ksd_desktop.storage.repositories import FormRepository, SettingsRepository
from tests.conftest import TODAY, make_form, make_partner, make_proposal

TABLES = {"forms": "uuid", "proposals": "uuid", "partners": "uuid"}


def dump(db) -> dict:
    """Every row of the form tables (rowid order; all but updated_at, "now") and the audit trail
    without its times."""
    out = {}
    for table in TABLES:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "updated_at"]
        out[table] = db.execute(f"SELECT rowid, {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
    out["audit"] = db.execute(
        "SELECT id, device, entity, entity_uuid, field, old, new, reason FROM audit_log ORDER BY id"
    ).fetchall()
    out["search"] = db.execute("SELECT rowid, names FROM partners_fts ORDER BY rowid").fetchall()
    return out


def forms():
    return [
        make_form(
            proposals=[
                make_proposal(1, partners=[make_partner(seq=1), make_partner(seq=2, name="Mitra B")]),
                make_proposal(2, partners=[]),
                make_proposal(3),
            ]
        ),
        make_form(agency_code="DISDIK", proposals=[make_proposal(1, urusan_code="1.01")]),
    ]


def test_a_new_form_is_inserted_in_bulk_with_the_same_rows_and_audit(tmp_path, monkeypatch):
    made, originals = [], forms()
    for name, bulk in (("bulk.sqlite3", True), ("row.sqlite3", False)):
        db = open_database(tmp_path / name)
        repo = FormRepository(db, device="uji")
        if not bulk:
            monkeypatch.setattr(FormRepository, "_insert_new", lambda *a, **k: False)
        for form in copy.deepcopy(originals):
            for obj in (form, *form.proposals):  # the same timestamps in both files
                obj.created_at = "2024-08-08T02:00:00Z"
            repo.save(form)
        made.append(dump(db))
        db.close()
        monkeypatch.undo()
    bulk, rows = made
    for key in ("forms", "proposals", "partners", "audit", "search"):
        assert bulk[key] == rows[key], key
    assert len(bulk["audit"]) == 2 + 4 + 4  # every form, proposal and partner: "dibuat"


def test_a_form_with_a_stored_uuid_takes_the_row_by_row_way(db):
    repo = FormRepository(db)
    first = make_form()
    repo.save(first)
    moved = make_form(agency_code="DISDIK", proposals=[first.proposals[0]])  # a stored proposal, a new form
    repo.save(moved)
    assert (
        db.execute("SELECT form_uuid FROM proposals WHERE uuid = ?", [first.proposals[0].uuid]).fetchone()[0]
        == moved.uuid
    )
    assert db.execute("SELECT count(*) FROM audit_log WHERE entity = 'proposal' AND field = 'form_uuid'").fetchone()[0]


def test_the_demo_builds_the_search_index_once_and_keeps_the_triggers(tmp_path):
    fresh = open_database(tmp_path / "kosong.sqlite3")
    triggers = fresh.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
    fresh.close()
    db = open_database(tmp_path / "demo.sqlite3")
    fill_demo(db, proposals=300, seed=7, today=TODAY)
    assert db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall() == triggers
    index = SearchIndex(db)
    assert index.check()
    queries = ProposalQueries(db)
    assert queries.count(ProposalFilter(search="sampah")) == queries.count(ProposalFilter(search="sampah")) > 0
    like = ProposalQueries(db)
    like._fts = False
    for word in ("sampah", "didik", "banjarbaru"):
        assert set(queries.ids(ProposalFilter(search=word))) == set(like.ids(ProposalFilter(search=word)))
    db.close()


def test_built_once_refuses_outside_a_transaction(db):
    with pytest.raises(RuntimeError), SearchIndex(db).built_once():
        pass


def test_names_once_gives_the_index_the_triggers_give(tmp_path):
    """Partners added, renamed, reordered and removed, forms added and deleted, in one transaction."""
    originals = forms()
    made = []
    for name, once in (("sekali.sqlite3", True), ("per-baris.sqlite3", False)):
        db = open_database(tmp_path / name)
        repo = FormRepository(db, device="uji")
        first, second = copy.deepcopy(originals)
        repo.save(first)
        with db.atomic(), SearchIndex(db).names_once() if once else contextlib.nullcontext():
            first.proposals[0].partners[1].name = "Mitra Baru Sekali"
            first.proposals[0].partners.reverse()
            for seq, partner in enumerate(first.proposals[0].partners, 1):
                partner.seq = seq
            first.proposals[1].partners.append(make_partner(name="Politeknik Negeri Banjarmasin"))
            first.proposals[2].partners.clear()
            repo.save(first)
            repo.save(second)
            repo.delete(second.uuid)
            repo.save(
                make_form(
                    agency_code="DISHUB",
                    proposals=[make_proposal(1, partners=[make_partner(name="Pemerintah Kota Banjarbaru")])],
                )
            )
        assert SearchIndex(db).check()
        assert db.execute("SELECT count(*) FROM sqlite_temp_master").fetchone()[0] == 0
        made.append(
            (
                db.execute("SELECT rowid, names FROM partners_fts ORDER BY rowid").fetchall(),
                db.execute("SELECT rowid, names FROM partners_trigram ORDER BY rowid").fetchall(),
                db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall(),
            )
        )
        queries = ProposalQueries(db)
        assert queries.count(ProposalFilter(search="politeknik")) == 1
        assert queries.count(ProposalFilter(search="baru sekali")) == 1
        db.close()
    assert made[0] == made[1]


def test_an_import_into_a_file_without_proposals_indexes_once_with_the_same_result(tmp_path, monkeypatch):
    """The first bundle into an empty file (indexes built once at the end) against the same
    import with the triggers indexing row by row: the same rows, audit trail, indexes and triggers."""
    from ksd_desktop.services.exchange.bundle import export_bundle
    from ksd_desktop.services.exchange.importer import apply, preview

    source = open_database(tmp_path / "sumber.sqlite3")
    fill_demo(source, proposals=120, seed=3, today=TODAY)
    bundle = export_bundle(source, tmp_path / "semua.ksd").path
    source.close()
    made = []
    for name, once in (("sekali.sqlite3", True), ("per-baris.sqlite3", False)):
        if not once:
            monkeypatch.setattr(SearchIndex, "built_once", lambda self: contextlib.nullcontext())
        db = open_database(tmp_path / name)
        result = apply(db, preview(db, [bundle]))
        assert result.ok and result.count("added") > 0
        assert SearchIndex(db).check()
        assert db.execute("SELECT count(*) FROM sqlite_temp_master").fetchone()[0] == 0
        index = {
            table: db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
            for table in ("partners_fts", "partners_trigram")
        }
        queries = ProposalQueries(db)
        found = {word: queries.ids(ProposalFilter(search=word)) for word in ("sampah", "didik", "ikan", "Ba", "banjar")}
        rows = dump(db)
        here = SettingsRepository(db).device_id()  # each file its own device id
        rows["audit"] = [(r[0], "sini" if r[1] == here else r[1], *r[2:]) for r in rows["audit"]]
        made.append(
            (
                rows,
                index,
                found,
                db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall(),
            )
        )
        db.close()
        monkeypatch.undo()
    assert made[0][2]["sampah"] and made[0][2]["ikan"]
    for part in range(4):
        assert made[0][part] == made[1][part], part


def test_built_once_gives_back_the_page_cache_it_enlarged(tmp_path):
    db = open_database(tmp_path / "kosong.sqlite3")
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    with db.atomic(), SearchIndex(db).built_once():
        assert db.execute("PRAGMA cache_size").fetchone()[0] < before  # negative: KiB, here more of them
    assert db.execute("PRAGMA cache_size").fetchone()[0] == before
    with pytest.raises(ZeroDivisionError), db.atomic(), SearchIndex(db).built_once():
        raise ZeroDivisionError
    assert db.execute("PRAGMA cache_size").fetchone()[0] == before
    db.close()
