from __future__ import annotations

import dataclasses

import pytest

from ksd_desktop.domain.canonical import CANONICAL_VERSION, canonical_json, hash_text
from ksd_desktop.domain.signing import default_signer_position
from ksd_desktop.services.signoff import Signer, SigningRefused, reopen_form, sign_form
from ksd_desktop.storage.errors import StorageError
from ksd_desktop.storage.repositories import FormRepository, ReferenceRepository
from tests.conftest import TODAY, make_form, make_proposal

SIGNER = Signer(
    name="dr. Noor Ifansyah, M.Kes.",
    nip="19700101 199503 1 001",
    rank="Pembina Utama Muda (IV/c)",
    position="Kepala Dinas Kesehatan",
    place="Martapura",
    date="2024-08-08",
)


def head_of(db, form_uuid: str) -> Signer:
    """SIGNER as the head of the form's own agency (the jabatan must name the agency)."""
    form = FormRepository(db).get(form_uuid)
    agency = next(a for a in ReferenceRepository(db).agencies() if a.code == form.agency_code)
    return dataclasses.replace(SIGNER, position=default_signer_position(agency.code, agency.name))


def test_sign_computes_hash_writes_snapshot_and_locks(db):
    repo = FormRepository(db)
    form = make_form()
    repo.save(form)
    signed = sign_form(db, form.uuid, SIGNER, today=TODAY)
    loaded = repo.get(form.uuid)
    assert loaded.status == "signed" and loaded.signer_nip == "197001011995031001"
    assert loaded.content_hash == hash_text(canonical_json(loaded, CANONICAL_VERSION)) == signed.content_hash
    [snapshot] = repo.snapshots(form.uuid)
    assert snapshot["content_json"] == canonical_json(loaded, CANONICAL_VERSION) and snapshot["revision"] == 1


def test_sign_refuses_with_every_error_listed(db):
    repo = FormRepository(db)
    form = make_form(proposals=[make_proposal(1, compliance_confirmed=False), make_proposal(2, object="")])
    repo.save(form)
    with pytest.raises(SigningRefused) as info:
        sign_form(db, form.uuid, Signer("", "123", "", "", "", ""), today=TODAY)
    keys = {(p.proposal_seq, p.key) for p in info.value.problems}
    assert {
        (1, "compliance_confirmed"),
        (2, "object"),
        (None, "signer_name"),
        (None, "signer_nip"),
        (None, "signed_date"),
    } <= keys
    assert "Usulan 2:" in str(info.value)
    assert repo.get(form.uuid).status == "draft"


def test_sign_twice_refused(db):
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    with pytest.raises(StorageError, match="sudah ditandatangani"):
        sign_form(db, form.uuid, SIGNER, today=TODAY)


def test_reopen_needs_reason_then_new_revision_must_be_signed_again(db):
    repo = FormRepository(db)
    form = make_form()
    repo.save(form)
    first = sign_form(db, form.uuid, SIGNER, today=TODAY)
    with pytest.raises(StorageError, match="alasan revisi"):
        reopen_form(db, form.uuid, "  ")
    reopened = reopen_form(db, form.uuid, "Menambah usulan")
    assert (reopened.status, reopened.revision) == ("draft", 2)
    reopened.proposals.append(make_proposal(2))
    repo.save(reopened)
    second = sign_form(db, form.uuid, SIGNER, today=TODAY)
    assert second.revision == 2 and second.content_hash != first.content_hash
    assert [s["revision"] for s in repo.snapshots(form.uuid)] == [1, 2]
