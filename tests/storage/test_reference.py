"""Shipped reference data: counts, codes, and refresh that never overwrites user edits."""

from __future__ import annotations

import json

import pytest

from ksd_desktop.storage import reference
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.reference import refresh_reference_data
from ksd_desktop.storage.repositories import ReferenceRepository


def test_counts(db):
    assert db.execute("SELECT count(*) FROM urusan").fetchone()[0] == 44
    assert db.execute("SELECT count(*) FROM urusan WHERE code < '4'").fetchone()[0] == 32
    assert db.execute("SELECT count(*) FROM regions WHERE level = 'provinsi'").fetchone()[0] == 38
    assert db.execute("SELECT count(*) FROM regions WHERE province_code = '63' AND level != 'provinsi'").fetchone()[0] == 13
    assert db.execute("SELECT count(*) FROM agencies").fetchone()[0] == 27
    assert db.execute("SELECT count(*) FROM ranks").fetchone()[0] == 17


def test_known_codes(db):
    ref = ReferenceRepository(db)
    regions = {r.code: r for r in ref.regions()}
    assert regions["63.03"].name == "Kabupaten Banjar"
    assert regions["63.72"].level == "kota"
    assert regions["96"].name == "Provinsi Papua Barat Daya" and "97" not in regions
    urusan = {code: (name, group) for code, name, group in ref.urusan()}
    assert urusan["1.02"] == ("Kesehatan", "wajib_pelayanan_dasar")
    assert urusan["3.32"] == ("Transmigrasi", "pilihan")
    assert urusan["6.01"][1] == "pengawasan"
    agencies = {a.code: a for a in ref.agencies()}
    assert agencies["PUPRP"].urusan_codes == ("1.03", "2.10")
    assert all(code in urusan for a in agencies.values() for code in a.urusan_codes)
    assert "Pembina Utama Muda (IV/c)" in ref.ranks()


def test_rule_context_from_database(db):
    ctx = ReferenceRepository(db).rule_context()
    assert ctx.home_region_code == "63.03" and ctx.home_province_code == "63"
    assert "63.72" in ctx.neighbour_codes and "63.07" not in ctx.neighbour_codes
    assert ctx.region_name("63.07") == "Kabupaten Hulu Sungai Tengah"


def test_refresh_keeps_user_edits_and_deletions(db_path, monkeypatch):
    db = open_database(db_path)
    db.execute("UPDATE agencies SET name = 'Sekretariat DPRD Kabupaten Banjar' WHERE code = 'SETWAN'")
    db.execute("DELETE FROM ranks WHERE code = 'I/a'")
    db.conn.commit()
    real_load = reference.load_json

    def upgraded(name):
        data = json.loads(json.dumps(real_load(name)))
        data["version"] = "2099.1"
        for item in data["items"]:
            if name == "agencies.json" and item["code"] in ("SETWAN", "DINKES"):
                item["name"] = item["name"] + " (baru)"
            if name == "ranks.json" and item["code"] == "I/a":
                item["name"] = "Juru Muda (baru)"
        if name == "agencies.json":
            data["items"].append({"code": "RSUD", "name": "RSUD Ratu Zalecha", "short_name": "RSUD",
                                  "urusan_codes": ["1.02"], "active": True})
        return data

    monkeypatch.setattr(reference, "load_json", upgraded)
    written = refresh_reference_data(db)
    names = dict(db.execute("SELECT code, name FROM agencies").fetchall())
    assert names["SETWAN"] == "Sekretariat DPRD Kabupaten Banjar"  # user edit kept
    assert names["DINKES"] == "Dinas Kesehatan (baru)"  # unedited row refreshed
    assert names["RSUD"] == "RSUD Ratu Zalecha"  # new row added
    assert db.execute("SELECT count(*) FROM ranks WHERE code = 'I/a'").fetchone()[0] == 0  # deletion kept
    assert written["agencies"] == 2
    assert refresh_reference_data(db) == {}  # same version: nothing to do
    db.close()


@pytest.mark.parametrize("name", ["urusan.json", "regions.json", "agencies.json", "ranks.json", "neighbours.json"])
def test_reference_files_are_versioned(name):
    data = reference.load_json(name)
    assert data["version"] and data["source"] and data["items"]


def test_urusan_names_are_complete(db):
    names = {code: name for code, name, _ in ReferenceRepository(db).urusan()}
    assert names["1.03"] == "Pekerjaan Umum dan Penataan Ruang"
    assert names["1.05"] == "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat"
    assert names["5.06"] == "Pengelolaan Perbatasan"
    assert not [n for n in names.values() if n.endswith((" dan", ",")) or len(n.split()) == 0]
