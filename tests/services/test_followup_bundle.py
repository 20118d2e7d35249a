"""Tindak lanjut travels in bundles (format_version 2) with the form's conflict rules."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from ksd_desktop.services.exchange.bundle import FOLLOWUP_NAME, MANIFEST_NAME, export_bundle
from ksd_desktop.services.exchange.importer import Decision, apply, preview
from ksd_desktop.services.exchange.keys import sign_manifest
from ksd_desktop.services.followup.steps import record_step
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.followup_repo import FollowupRepository
from tests.services.followup_data import TODAY, build_year


@pytest.fixture
def secretariat(tmp_path):
    database = open_database(tmp_path / "sekretariat.sqlite3")
    yield database
    database.close()


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(source, out, edit_followup=None, *, version=None, drop_followup=False, signer=None):
    """A copy with follow-up edited; signed again by ``signer``'s key (version 2), or unsigned (version 1)."""
    data = members(source)
    if edit_followup is not None:
        followup = json.loads(data[FOLLOWUP_NAME])
        edit_followup(followup)
        data[FOLLOWUP_NAME] = json.dumps(followup).encode()
        counts = {"followup_steps": len(followup["steps"]), "agreements": len(followup["agreements"])}
    if drop_followup:
        del data[FOLLOWUP_NAME]
    meta = json.loads(data[MANIFEST_NAME])
    meta["members"] = {n: hashlib.sha256(d).hexdigest() for n, d in data.items() if n != MANIFEST_NAME}
    if version:
        meta["format_version"] = version
    if edit_followup is not None:
        meta["counts"].update(counts)
    if drop_followup:
        meta["counts"].pop("followup_steps"), meta["counts"].pop("agreements")
    if version == 1:
        meta.pop("sender"), meta.pop("signature")
    elif signer is not None:
        meta = sign_manifest(signer, meta)
    data[MANIFEST_NAME] = json.dumps(meta).encode()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in data.items():
            archive.writestr(name, content)
    return out


def snapshot(db):
    repo = FollowupRepository(db)
    return (
        {s.uuid: (s.step, s.date, s.note) for s in repo.all_steps()},
        {a.uuid: (a.number, tuple(sorted(a.proposal_uuids)), a.parent_uuid) for a in repo.agreements()},
    )


def test_round_trip_with_steps_and_agreements(db, secretariat, tmp_path):
    build_year(db)
    summary = export_bundle(db, tmp_path / "dinas.ksd")
    assert summary.manifest["counts"]["followup_steps"] == 6 and summary.manifest["counts"]["agreements"] == 3
    [fp] = preview(secretariat, [summary.path])
    assert fp.ok and "tindak lanjut 9 catatan: 9 baru" in fp.summary()
    result = apply(secretariat, [fp], backup=False)
    assert result.ok and result.files[0].followup_written == 9
    assert snapshot(secretariat) == snapshot(db)
    step = FollowupRepository(secretariat).all_steps()[0]
    assert FollowupRepository(secretariat).history(step.uuid)[0]["reason"] == "impor dari dinas.ksd"
    [again] = preview(secretariat, [summary.path])
    assert "9 sama" in again.summary()
    assert apply(secretariat, [again], backup=False).files[0].followup_written == 0


def test_newer_replaces_an_imported_record_and_a_conflict_is_never_silent(db, secretariat, tmp_path):
    uuids = build_year(db)
    apply(secretariat, preview(secretariat, [export_bundle(db, tmp_path / "1.ksd").path]), backup=False)
    repo_a, repo_b = FollowupRepository(db), FollowupRepository(secretariat)
    first = repo_a.steps_of(uuids["Pendayagunaan dokter spesialis"])[0]
    first.note = "Studi kelayakan disahkan kepala dinas."
    record_step(db, first, today=TODAY)
    [fp] = preview(secretariat, [export_bundle(db, tmp_path / "2.ksd").path])
    assert "1 lebih baru" in fp.summary()
    apply(secretariat, [fp], backup=False)
    assert repo_b.get_step(first.uuid).note == "Studi kelayakan disahkan kepala dinas."
    local = repo_b.get_step(first.uuid)
    local.note = "Catatan sekretariat."
    record_step(secretariat, local, today=TODAY)
    first.note = "Catatan dinas yang baru."
    record_step(db, first, today=TODAY)
    [fp] = preview(secretariat, [export_bundle(db, tmp_path / "3.ksd").path])
    assert "1 konflik" in fp.summary()
    outcome = apply(secretariat, [fp], backup=False).files[0]
    assert outcome.followup_unresolved == 1 and repo_b.get_step(first.uuid).note == "Catatan sekretariat."
    [fp] = preview(secretariat, [tmp_path / "3.ksd"])
    apply(secretariat, [fp], {first.uuid: Decision.TAKE_INCOMING}, backup=False)
    assert repo_b.get_step(first.uuid).note == "Catatan dinas yang baru."


def test_a_version_1_bundle_still_imports(db, secretariat, tmp_path):
    build_year(db)
    old = rewrite(export_bundle(db, tmp_path / "baru.ksd").path, tmp_path / "lama.ksd", version=1, drop_followup=True)
    [fp] = preview(secretariat, [old])
    # unsigned: read as "tidak terautentikasi", its signed forms taken only on a decision (issue 10)
    taken = {f.form_uuid: Decision.TAKE_INCOMING for f in fp.conflicts if f.conflict_kind == "unauthenticated"}
    assert fp.ok and fp.followup is None and apply(secretariat, [fp], taken, backup=False).ok


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda f: f["steps"].__setitem__(slice(None), [s for s in f["steps"] if s["step"] != "ksb"]),
            "melanggar urutan prosedur",
        ),
        (lambda f: f["steps"][0].update(step="kontrak"), "tidak dikenal"),
        (lambda f: f["agreements"][0].update(parties=["Satu pihak"]), "sekurang-kurangnya dua pihak"),
    ],
)
def test_crafted_follow_up_refuses_the_whole_file(db, secretariat, tmp_path, edit, expected):
    build_year(db)
    bad = rewrite(export_bundle(db, tmp_path / "asli.ksd").path, tmp_path / "ubah.ksd", edit, signer=db)
    previews = preview(secretariat, [bad])
    if previews[0].ok:  # the ordering is checked against the data as it will be, when applying
        outcome = apply(secretariat, previews, backup=False).files[0]
        message = outcome.error
        assert FollowupRepository(secretariat).all_steps() == []  # the file was rolled back whole
        assert FollowupRepository(secretariat).proposals_of_year(2024) == []
    else:
        message = previews[0].error
    assert expected in message
