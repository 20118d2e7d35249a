"""A 2024 proposal taken through to a signed PKS, on a real SQLite file; audit, refusals, views."""

from __future__ import annotations

import datetime as dt

import pytest

from ksd_desktop.domain.agreements import Agreement
from ksd_desktop.domain.followup import FollowupStep
from ksd_desktop.services.followup.register import (
    AgreementRefused,
    alerts,
    expiring,
    overview,
    save_agreement,
    stale_proposal_uuids,
)
from ksd_desktop.services.followup.steps import StepRefused, delete_step, record_step, timeline
from ksd_desktop.storage.errors import StorageError
from ksd_desktop.storage.followup_repo import FollowupRepository
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form, make_partner, make_proposal

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def proposal(db):
    form = make_form(
        [
            make_proposal(
                kind="KSDD",
                ksdd_category="sukarela",
                ksdpk_form=None,
                partners=[make_partner(name="Pemerintah Kota Banjarbaru", category="pemda", region_code="63.72")],
                review_status="sesuai",
            )
        ]
    )
    form.signed_date = "2024-08-08"
    FormRepository(db).save(form)
    return form.proposals[0]


def step(proposal, key, date, **kw) -> FollowupStep:
    return FollowupStep(
        proposal_uuid=proposal.uuid,
        step=key,
        date=date,
        document_number=kw.pop("number", "1/2024"),
        responsible=kw.pop("responsible", "Kabag Pemerintahan"),
        **kw,
    )


def test_through_to_a_signed_pks_with_its_documents(db, proposal):
    record_step(db, step(proposal, "penawaran", "2024-09-02", number="180/215/Pem"), today=TODAY)
    ksb = Agreement(
        doc_type="KSB",
        number="180/01/KSB/2024",
        title="Kesepakatan Bersama pengelolaan sampah",
        parties=["Pemerintah Kabupaten Banjar", "Pemerintah Kota Banjarbaru"],
        date_signed="2024-10-01",
        term_years=5,
    )
    record_step(
        db,
        step(proposal, "ksb", "2024-10-01", number=ksb.number, attachment="arsip/ksb-2024.pdf"),
        agreement=ksb,
        today=TODAY,
    )
    pks = Agreement(
        doc_type="PKS",
        number="180/07/PKS/2025",
        title="Perjanjian Kerja Sama TPA Regional",
        parties=["Pemerintah Kabupaten Banjar", "Pemerintah Kota Banjarbaru"],
        date_signed="2025-01-20",
        term_years=20,
        parent_uuid=ksb.uuid,
    )
    warnings = record_step(db, step(proposal, "pks", "2025-01-20", number=pks.number), agreement=pks, today=TODAY)
    assert warnings == []
    line = timeline(db, proposal.uuid, today=TODAY)
    assert [s.step for s in line.steps] == ["penawaran", "ksb", "pks"]
    assert line.standing.current == "pks" and line.standing.next_steps == ("pelaksanaan",)
    stored = {a.doc_type: a for a in line.agreements}
    assert stored["PKS"].expiry() == dt.date(2045, 1, 19) and stored["PKS"].proposal_uuids == [proposal.uuid]
    assert line.steps[2].agreement_uuid == pks.uuid
    history = FollowupRepository(db).history(line.steps[1].uuid)
    assert history[0]["reason"] == "dibuat"


def test_pks_before_ksb_refused_then_accepted_as_an_exception(db, proposal):
    record_step(db, step(proposal, "penawaran", "2024-09-02"), today=TODAY)
    with pytest.raises(StepRefused) as refused:
        record_step(db, step(proposal, "pks", "2024-10-01"), today=TODAY)
    assert "memerlukan langkah «Penandatanganan Kesepakatan Bersama (KSB)» lebih dahulu" in str(refused.value)
    assert [s.step for s in FollowupRepository(db).steps_of(proposal.uuid)] == ["penawaran"]  # nothing written
    warnings = record_step(
        db,
        step(proposal, "pks", "2024-10-01", exception_reason="KSB ditandatangani bersamaan dalam satu naskah"),
        today=TODAY,
    )
    assert any("pengecualian" in w.message for w in warnings)


def test_editing_and_deleting_are_audited_and_checked(db, proposal):
    first = step(proposal, "penawaran", "2024-09-02")
    record_step(db, first, today=TODAY)
    ksb = step(proposal, "ksb", "2024-10-01")
    record_step(db, ksb, today=TODAY)
    first.note = "Surat dikirim lewat pos"
    record_step(db, first, today=TODAY)
    changes = [h for h in FollowupRepository(db).history(first.uuid) if h["field"] == "note"]
    assert changes and changes[0]["new"] == '"Surat dikirim lewat pos"'
    with pytest.raises(StepRefused) as refused:
        delete_step(db, first.uuid, today=TODAY)
    assert "dihapus" in str(refused.value)
    delete_step(db, ksb.uuid, today=TODAY)
    delete_step(db, first.uuid, today=TODAY)
    assert FollowupRepository(db).steps_of(proposal.uuid) == []
    gone = FollowupRepository(db).history(first.uuid)[-1]
    assert gone["reason"] == "dihapus" and '"Surat dikirim lewat pos"' in gone["old"]


def test_a_proposal_with_follow_up_cannot_be_deleted_with_its_form(db, proposal):
    record_step(db, step(proposal, "penawaran", "2024-09-02"), today=TODAY)
    form = FormRepository(db).get(proposal.form_uuid)
    form.proposals = []
    with pytest.raises(StorageError) as refused:
        FormRepository(db).save(form)
    assert "catatan tindak lanjut" in str(refused.value)
    assert len(FormRepository(db).get(proposal.form_uuid).proposals) == 1


def test_register_rules_views_and_badge(db, proposal):
    with pytest.raises(AgreementRefused):
        save_agreement(
            db, Agreement(doc_type="PKS", number="", parties=["Banjar"], date_signed="2024-01-01"), today=TODAY
        )
    soon = Agreement(
        doc_type="PKS",
        number="3/PKS/2021",
        title="Parkir",
        date_signed="2021-09-01",
        term_years=4,
        parties=["Pemerintah Kabupaten Banjar", "PT Parkir Banua"],
        proposal_uuids=[proposal.uuid],
    )
    save_agreement(db, soon, today=TODAY)
    with pytest.raises(AgreementRefused) as twice:
        save_agreement(
            db,
            Agreement(
                doc_type="PKS", number=" 3/pks/2021 ", title="Lagi", date_signed="2021-09-01", parties=["A", "B"]
            ),
            today=TODAY,
        )
    assert "sudah ada di register" in str(twice.value)
    assert [a.number for a in expiring(db, today=TODAY)] == ["3/PKS/2021"]
    assert expiring(db, months=1, today=TODAY) == []
    rows = overview(db, 2024, today=TODAY)
    assert len(rows) == 1 and rows[0].stale and rows[0].agreements[0].number == "3/PKS/2021"
    assert stale_proposal_uuids(db, 2024, today=TODAY) == [proposal.uuid]
    assert alerts(db, today=TODAY).total == 2
    record_step(db, step(proposal, "penawaran", "2025-05-02"), today=TODAY)
    assert alerts(db, today=TODAY).stale == 0


def test_the_demo_has_a_plausible_follow_up(db):
    from ksd_desktop.services.demo import fill_demo

    fill_demo(db, today=TODAY)
    rows = overview(db, 2024, today=TODAY)
    assert len(rows) == 156
    tpa = next(r for r in rows if "TPA Regional Banjarbakula" in r.proposal.object)
    assert tpa.standing.current == "pelaksanaan" and {a.doc_type for a in tpa.agreements} == {"KSB", "PKS"}
    pks = next(a for a in tpa.agreements if a.doc_type == "PKS")
    assert pks.expiry() == dt.date(2045, 3, 11) and pks.parent_uuid
    assert sum(1 for r in rows if r.standing.steps) == 9
    assert [a.number for a in expiring(db, today=TODAY)] == ["551/033/KSB/2021", "360/022/KSB/BPBD/2023"]


def test_the_demo_as_of_an_earlier_day_leaves_out_later_steps(db):
    from ksd_desktop.services.demo import fill_demo

    fill_demo(db, today=dt.date(2024, 10, 1))
    rows = overview(db, 2024, today=dt.date(2024, 10, 1))
    assert sum(r.standing.steps for r in rows) == 3  # two in September 2024, one on 30 September
