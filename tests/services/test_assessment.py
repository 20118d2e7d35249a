from __future__ import annotations

import pytest

from ksd_desktop.domain.validation import validate_review
from ksd_desktop.services.assessment import AssessmentRefused, assess
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.errors import StorageError
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form, make_proposal
from tests.services.test_signoff import SIGNER


def test_validate_review():
    assert validate_review("sesuai", None) == []
    assert [p.key for p in validate_review("tidak_sesuai", None)] == ["review_route"]
    assert [p.key for p in validate_review("entah", None)] == ["review_status"]


def test_assess_a_selection_on_a_signed_form(db):
    form = make_form(proposals=[make_proposal(1), make_proposal(2), make_proposal(3)])
    FormRepository(db).save(form)
    signed = sign_form(db, form.uuid, SIGNER, today=TODAY)
    uuids = [p.uuid for p in form.proposals[:2]]
    assert assess(db, uuids, "tidak_sesuai", "swakelola", "  Swakelola dengan ULM.  ") == 2
    loaded = FormRepository(db).get(form.uuid)
    assert [(p.review_status, p.review_route, p.review_note) for p in loaded.proposals] == [
        ("tidak_sesuai", "swakelola", "Swakelola dengan ULM."),
        ("tidak_sesuai", "swakelola", "Swakelola dengan ULM."),
        ("belum_dinilai", None, None),
    ]
    assert loaded.status == "signed" and loaded.content_hash == signed.content_hash  # assessment is not content
    assess(db, uuids, "sesuai", "swakelola", None)  # a route left over from the form is dropped
    assert {p.review_route for p in FormRepository(db).get(form.uuid).proposals} == {None}


def test_tidak_sesuai_needs_a_route_and_nothing_is_written(db):
    form = make_form()
    FormRepository(db).save(form)
    with pytest.raises(AssessmentRefused, match="rute alternatif"):
        assess(db, [form.proposals[0].uuid], "tidak_sesuai", None, None)
    assert FormRepository(db).get(form.uuid).proposals[0].review_status == "belum_dinilai"


def test_one_missing_proposal_rolls_back_the_whole_selection(db):
    form = make_form()
    FormRepository(db).save(form)
    with pytest.raises(StorageError, match="tidak ditemukan"):
        assess(db, [form.proposals[0].uuid, "tidak-ada"], "sesuai", None, None)
    assert FormRepository(db).get(form.uuid).proposals[0].review_status == "belum_dinilai"
