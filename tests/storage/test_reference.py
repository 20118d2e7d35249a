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
    assert (
        db.execute("SELECT count(*) FROM regions WHERE province_code = '63' AND level != 'provinsi'").fetchone()[0]
        == 13
    )
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
            data["items"].append(
                {
                    "code": "RSUD",
                    "name": "RSUD Ratu Zalecha",
                    "short_name": "RSUD",
                    "urusan_codes": ["1.02"],
                    "active": True,
                }
            )
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


# --------------------------------------------------------------------------- all regions (issue 14)

#: Daerah otonom per province (Kemendagri codes; DKI Jakarta: its kabupaten/kota administrasi are left out).
REGENCIES_PER_PROVINCE = {
    "11": 23,
    "12": 33,
    "13": 19,
    "14": 12,
    "15": 11,
    "16": 17,
    "17": 10,
    "18": 15,
    "19": 7,
    "21": 7,
    "31": 0,
    "32": 27,
    "33": 35,
    "34": 5,
    "35": 38,
    "36": 8,
    "51": 9,
    "52": 10,
    "53": 22,
    "61": 14,
    "62": 14,
    "63": 13,
    "64": 10,
    "65": 5,
    "71": 15,
    "72": 13,
    "73": 24,
    "74": 17,
    "75": 6,
    "76": 6,
    "81": 11,
    "82": 10,
    "91": 9,
    "92": 7,
    "93": 4,
    "94": 8,
    "95": 8,
    "96": 6,
}
KALSEL = {
    "63.01": "Kabupaten Tanah Laut",
    "63.02": "Kabupaten Kotabaru",
    "63.03": "Kabupaten Banjar",
    "63.04": "Kabupaten Barito Kuala",
    "63.05": "Kabupaten Tapin",
    "63.06": "Kabupaten Hulu Sungai Selatan",
    "63.07": "Kabupaten Hulu Sungai Tengah",
    "63.08": "Kabupaten Hulu Sungai Utara",
    "63.09": "Kabupaten Tabalong",
    "63.10": "Kabupaten Tanah Bumbu",
    "63.11": "Kabupaten Balangan",
    "63.71": "Kota Banjarmasin",
    "63.72": "Kota Banjarbaru",
}


def test_every_kabupaten_kota_of_indonesia():
    items = reference.load_json("regions.json")["items"]
    codes = [x["code"] for x in items]
    assert len(codes) == len(set(codes))  # no duplicates
    per_province: dict[str, int] = {}
    for x in items:
        if x["level"] != "provinsi":
            assert x["code"].split(".")[0] == x["province_code"] and len(x["code"]) == 5
            assert x["level"] == ("kota" if x["name"].startswith("Kota ") else "kabupaten")
            per_province[x["province_code"]] = per_province.get(x["province_code"], 0) + 1
    assert {p: per_province.get(p, 0) for p in REGENCIES_PER_PROVINCE} == REGENCIES_PER_PROVINCE
    assert sum(REGENCIES_PER_PROVINCE.values()) == 508  # 514 minus DKI's 6 administrative
    assert {x["code"]: x["name"] for x in items if x["province_code"] == "63" and x["level"] != "provinsi"} == KALSEL
    names = {x["code"]: x["name"] for x in items}
    assert names["34.71"] == "Kota Yogyakarta" and names["35.78"] == "Kota Surabaya"


def test_neighbours_stay_as_they_were():
    data = reference.load_json("neighbours.json")
    assert sorted(data["items"]["63.03"]) == ["63.01", "63.02", "63.04", "63.05", "63.06", "63.10", "63.71", "63.72"]
    assert data["to_confirm"]["63.03"] == ["63.06"]


def test_refresh_is_per_column_and_fills_new_columns(db_path, monkeypatch):
    """A corrected name stays; the letterhead columns a version adds still arrive for that row."""
    db = open_database(db_path)
    db.execute("UPDATE agencies SET name = 'Setda Kab. Banjar', kop_address = '' WHERE code = 'SETDA'")
    db.execute("UPDATE agencies SET kop_phone = '(0511) 4721234' WHERE code = 'DINKES'")
    db.conn.commit()
    real_load = reference.load_json

    def upgraded(name):
        data = json.loads(json.dumps(real_load(name)))
        data["version"] = "2099.2"
        for item in data["items"]:
            if name == "agencies.json" and item["code"] in ("SETDA", "DINKES"):
                item["kop_phone"] = "(0511) 4000000"
                item["name"] += " (baru)"
        return data

    monkeypatch.setattr(reference, "load_json", upgraded)
    refresh_reference_data(db)
    rows = {
        r[0]: r[1:] for r in db.execute("SELECT code, name, kop_phone FROM agencies WHERE code IN ('SETDA', 'DINKES')")
    }
    assert rows["SETDA"] == ("Setda Kab. Banjar", "(0511) 4000000")  # edited name kept, new value arrives
    assert rows["DINKES"] == ("Dinas Kesehatan (baru)", "(0511) 4721234")  # edited phone kept, name refreshed
    setda = next(a for a in ReferenceRepository(db).agencies() if a.code == "SETDA")
    assert setda.kop_address == ""  # the user's emptying is kept too
    db.close()


def test_agencies_ship_letterhead_fields():
    items = reference.load_json("agencies.json")["items"]
    setda = next(x for x in items if x["code"] == "SETDA")
    assert setda["kop_address"].startswith("Jl. A. Yani") and setda["kop_website"] == "banjarkab.go.id"
    for x in items:
        assert {"kop_address", "kop_phone", "kop_email", "kop_website", "kop_logo", "unsure"} <= set(x)
