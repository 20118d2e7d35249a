"""Data bundles (.ksd): layout, manifest, scope, atomic writing, and a full round trip."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from ksd_desktop import __version__
from ksd_desktop.domain import models
from ksd_desktop.domain.canonical import CANONICAL_VERSION, canonical_json, content_hash
from ksd_desktop.services.exchange import schema as json_schema
from ksd_desktop.services.exchange.bundle import (
    BUNDLE_FORMAT,
    FORMS_NAME,
    MANIFEST_NAME,
    SNAPSHOTS_NAME,
    default_bundle_name,
    export_bundle,
)
from ksd_desktop.services.exchange.importer import apply, preview
from ksd_desktop.services.exchange.keys import own_device_code, own_public_key, signature_valid
from ksd_desktop.services.files import ExportError
from ksd_desktop.services.signoff import reopen_form, sign_form
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository, SettingsRepository
from tests.conftest import TODAY, make_form, make_partner, make_proposal
from tests.services.test_signoff import head_of


# -- helpers shared by the bundle, importer, backup and CLI tests -----------------------------------
def add_form(db, *, sign: bool = False, **overrides):
    """Save a form (two proposals by default) and sign it when asked; returns it as stored."""
    overrides.setdefault(
        "proposals",
        [
            make_proposal(1),
            make_proposal(
                2,
                object="Pelatihan tenaga kesehatan",
                partners=[make_partner(), make_partner(seq=2, name="PT Sehat Banua", category="badan_usaha")],
            ),
        ],
    )
    form = make_form(**overrides)
    repo = FormRepository(db)
    repo.save(form)
    if sign:
        sign_form(db, form.uuid, head_of(db, form.uuid), today=TODAY)
    return repo.get(form.uuid)


def state(db) -> dict:
    """Everything an import may touch, comparable across databases (canonical JSON per form)."""
    repo = FormRepository(db, device="test")
    forms = {}
    for (uuid,) in db.execute("SELECT uuid FROM forms ORDER BY uuid").fetchall():
        form = repo.get(uuid)
        forms[uuid] = {
            "canonical": canonical_json(form),
            "status": form.status,
            "content_hash": form.content_hash,
            "hash": content_hash(form),
            "origin_device": form.origin_device,
            "reviews": [(p.uuid, p.review_status, p.review_route, p.review_note) for p in form.proposals],
        }
    snapshots = [
        tuple(r)
        for r in db.execute(
            "SELECT uuid, form_uuid, revision, content_json, content_hash, signed_at FROM signed_snapshots ORDER BY uuid"
        )
    ]
    return {"forms": forms, "snapshots": snapshots}


def without_reviews(snapshot: dict) -> dict:
    """``state()`` without the review fields (an agency's own assessments never travel)."""
    forms = {u: {k: v for k, v in f.items() if k != "reviews"} for u, f in snapshot["forms"].items()}
    return {**snapshot, "forms": forms}


def audit_count(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def import_files(db, *paths, decisions=None):
    previews = preview(db, paths)
    return previews, apply(db, previews, decisions)


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.fixture
def target(tmp_path):
    database = open_database(tmp_path / "tujuan" / "ksd.sqlite3", create_folder=True)
    yield database
    database.close()


# -- export ----------------------------------------------------------------------------------------
def test_bundle_layout_and_manifest(db, tmp_path):
    signed = add_form(db, sign=True)
    add_form(db, agency_code="DISDIK", year=2024)
    summary = export_bundle(db, tmp_path / "semua.ksd")
    data = members(summary.path)
    assert list(data) == [MANIFEST_NAME, FORMS_NAME, SNAPSHOTS_NAME, "followup.json"]
    manifest = json.loads(data[MANIFEST_NAME])
    assert manifest["format"] == BUNDLE_FORMAT and manifest["format_version"] == 2  # signed, with followup.json
    assert manifest["app_version"] == __version__
    public_key = own_public_key(db)
    assert manifest["sender"] == {
        "role": "perangkat_daerah",
        "public_key": public_key.hex(),
        "device_code": own_device_code(db),
    }
    assert manifest["signature"]["algorithm"] == "Ed25519" and signature_valid(manifest)
    assert summary.device_code == own_device_code(db)
    assert (
        summary.describe_sender() == f"Ditandatangani dengan kode perangkat {own_device_code(db)} (Perangkat Daerah)."
    )
    assert manifest["origin_device"] == SettingsRepository(db).device_id()
    assert manifest["exported_at"].endswith("Z") and manifest["scope"] == {}
    assert manifest["counts"] == {
        "forms": 2,
        "proposals": 4,
        "partners": 6,
        "signed_snapshots": 1,
        "followup_steps": 0,
        "agreements": 0,
    }
    assert manifest["members"] == {
        name: hashlib.sha256(data[name]).hexdigest() for name in (FORMS_NAME, SNAPSHOTS_NAME, "followup.json")
    }
    forms = json.loads(data[FORMS_NAME])
    first = next(f for f in forms if f["uuid"] == signed.uuid)
    assert first["status"] == "signed" and first["content_hash"] == signed.content_hash
    assert set(first) == {*models.FORM_COLUMNS, "proposals"}
    assert set(first["proposals"][0]) == {*models.PROPOSAL_COLUMNS, "partners"}
    assert first["proposals"][0]["compliance_confirmed"] is True
    [snapshot] = json.loads(data[SNAPSHOTS_NAME])
    assert snapshot["form_uuid"] == signed.uuid and snapshot["content_json"] == canonical_json(
        signed, CANONICAL_VERSION
    )
    assert summary.describe() == "2 formulir, 4 usulan, 6 calon mitra, 1 rekaman tanda tangan"
    for name, definition in (
        (MANIFEST_NAME, "manifest"),
        (FORMS_NAME, "forms_member"),
        (SNAPSHOTS_NAME, "signed_snapshots_member"),
    ):
        assert json_schema.check(definition, json.loads(data[name])) == [], name


def test_scope_by_agency_and_by_year(db, tmp_path):
    add_form(db, agency_code="DINKES", year=2024)
    add_form(db, agency_code="DINKES", year=2023)
    add_form(db, agency_code="DISDIK", year=2024)
    by_agency = export_bundle(db, tmp_path / "a.ksd", agency_code="dinkes")
    assert by_agency.manifest["scope"] == {"agency_code": "DINKES"} and by_agency.forms == 2
    by_year = export_bundle(db, tmp_path / "b.ksd", year=2024)
    assert by_year.manifest["scope"] == {"year": 2024} and by_year.forms == 2
    both = export_bundle(db, tmp_path / "c.ksd", agency_code="DISDIK", year=2024)
    assert [f["agency_code"] for f in json.loads(members(both.path)[FORMS_NAME])] == ["DISDIK"]


def test_unknown_agency_or_empty_scope_is_refused_and_nothing_written(db, tmp_path):
    add_form(db)
    with pytest.raises(ExportError, match="«NGAWUR» tidak dikenal"):
        export_bundle(db, tmp_path / "x.ksd", agency_code="NGAWUR")
    with pytest.raises(ExportError, match="Tidak ada formulir untuk tahun 2019"):
        export_bundle(db, tmp_path / "x.ksd", year=2019)
    assert list(tmp_path.glob("*.ksd")) == [] and list(tmp_path.glob(".ksd-*")) == []


def test_failed_write_leaves_no_half_file(db, tmp_path, monkeypatch):
    add_form(db)
    out = tmp_path / "lama.ksd"
    out.write_bytes(b"versi lama")
    from ksd_desktop.services.exchange import bundle

    def broken(handle, manifest, data):
        handle.write(b"PK setengah")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle, "write_bundle", broken)
    with pytest.raises(ExportError, match="Kosongkan ruang penyimpanan"):
        export_bundle(db, out)
    assert out.read_bytes() == b"versi lama" and [p.name for p in tmp_path.iterdir() if p.name.startswith(".ksd")] == []


def test_default_bundle_name():
    assert default_bundle_name("DINKES", 2024, TODAY) == "ksd-DINKES-2024-20240808.ksd"
    assert default_bundle_name(today=TODAY) == "ksd-semua-20240808.ksd"


def test_round_trip_gives_equal_content_and_hashes(db, target, tmp_path):
    """Export from one database, import into another: same forms, proposals, partners, snapshots."""
    revised = add_form(db, sign=True)
    reopen_form(db, revised.uuid, "Menambah usulan")
    again = FormRepository(db).get(revised.uuid)
    again.proposals.append(
        make_proposal(
            3,
            kind="SINERGI",
            ksdpk_form=None,
            partners=[make_partner(name="Kementerian Kesehatan", category="kementerian_lembaga")],
        )
    )
    FormRepository(db).save(again)
    sign_form(db, revised.uuid, head_of(db, revised.uuid), today=TODAY)
    add_form(db, agency_code="DISDIK", year=2024)
    add_form(
        db,
        agency_code="BAPPEDALITBANG",
        year=2023,
        sign=True,
        proposals=[
            make_proposal(
                1,
                kind="KSDD",
                ksdpk_form=None,
                ksdd_category="wajib",
                externality="Aliran sungai lintas kabupaten.",
                partners=[make_partner(name="Kota Banjarbaru", category="pemda", region_code="63.72")],
            )
        ],
    )
    FormRepository(db).set_review(again.proposals[0].uuid, "tidak_sesuai", "swakelola", "Cukup swakelola.")
    previews, result = import_files(target, export_bundle(db, tmp_path / "semua.ksd").path)
    assert result.ok and result.count("added") == 3
    assert without_reviews(state(target)) == without_reviews(state(db))
    assert len(state(db)["snapshots"]) == 3
    # an assessment made on an agency's data file never travels with its forms
    [ignored] = [f for f in previews[0].forms if f.reviews_ignored]
    assert ignored.reviews_ignored == 1 and "berkas dikirim oleh perangkat daerah" in ignored.review_message()
    assert {r[1:] for f in state(target)["forms"].values() for r in f["reviews"]} == {("belum_dinilai", None, None)}
    # every imported row is audited with the file's name; so is the sender's key, recorded on first use
    reasons = {r[0] for r in target.execute("SELECT DISTINCT reason FROM audit_log WHERE entity <> 'trusted_key'")}
    assert reasons == {"impor dari semua.ksd"}
    recorded = target.execute("SELECT entity_uuid, reason FROM audit_log WHERE entity = 'trusted_key'").fetchall()
    code = own_device_code(db)
    assert sorted(recorded) == [
        (h, f"impor dari semua.ksd: kode perangkat {code} dicatat (pertama kali)")
        for h in ("BAPPEDALITBANG", "DINKES", "DISDIK")
    ]


def test_schema_matches_the_domain():
    """The shipped JSON Schema lists exactly the data dictionary's keys and enumerations."""
    defs = json_schema.bundle_schema().schema["$defs"]
    assert set(defs["form"]["properties"]) == set(defs["form"]["required"]) == {*models.FORM_COLUMNS, "proposals"}
    assert (
        set(defs["proposal"]["properties"])
        == set(defs["proposal"]["required"])
        == {*models.PROPOSAL_COLUMNS, "partners"}
    )
    assert set(defs["partner"]["properties"]) == set(defs["partner"]["required"]) == set(models.PARTNER_COLUMNS)
    enums = {
        ("proposal", "kind"): models.Kind,
        ("proposal", "financing"): models.Financing,
        ("proposal", "priority"): models.Priority,
        ("proposal", "stage"): models.Stage,
        ("proposal", "review_status"): models.ReviewStatus,
        ("proposal", "ksdd_category"): models.KsddCategory,
        ("proposal", "ksdpk_form"): models.KsdpkForm,
        ("proposal", "review_route"): models.ReviewRoute,
        ("partner", "category"): models.PartnerCategory,
        ("form", "status"): models.FormStatus,
    }
    for (entity, key), enum in enums.items():
        listed = {v for v in defs[entity]["properties"][key]["enum"] if v not in ("", None)}
        legacy = set(models.LEGACY_KSDPK_FORMS) if key == "ksdpk_form" else set()  # signed forms keep them
        assert listed == {m.value for m in enum} | legacy, key
    assert defs["form"]["properties"]["signer_prefix"]["enum"] == list(models.SIGNER_PREFIXES)


def test_schema_checker_messages():
    errors = json_schema.check(
        "partner",
        {
            "uuid": "x",
            "proposal_uuid": "6f1c3b52-3d0e-4c47-9a0e-5b8f2f9d1a01",
            "seq": True,
            "name": 5,
            "category": "alien",
            "region_code": None,
            "extra": 1,
        },
    )
    text = {(e.path, e.message) for e in errors}
    assert (("uuid",), 'nilai "x" tidak berformat yang benar') in text
    assert (("seq",), "harus berupa bilangan bulat, bukan benar/salah") in text
    assert (("name",), "harus berupa teks, bukan bilangan bulat") in text
    assert any(p == ("category",) and m.startswith('nilai "alien" tidak dikenal (pilihan: pemda,') for p, m in text)
    assert ((), "kunci «contact» tidak ada") in text and ((), "kunci «extra» tidak dikenal") in text
