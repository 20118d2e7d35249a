"""A small year of follow-up for the monev tests: proposals of three kinds at different stages."""

from __future__ import annotations

import datetime as dt

from ksd_desktop.domain.agreements import Agreement
from ksd_desktop.domain.followup import FollowupStep
from ksd_desktop.services.followup.register import save_agreement
from ksd_desktop.services.followup.steps import record_step
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form, make_partner, make_proposal

TODAY = dt.date(2025, 6, 30)
BANJARBARU = make_partner(name="Pemerintah Kota Banjarbaru", category="pemda", region_code="63.72")


def build_year(db) -> dict[str, str]:
    """Two forms of 2024; returns object → proposal uuid."""
    ksdd = dict(kind="KSDD", ksdd_category="sukarela", ksdpk_form=None)
    dinkes = make_form(
        [
            make_proposal(1, object="Pendayagunaan dokter spesialis", review_status="sesuai"),
            make_proposal(2, object="Layanan laboratorium rujukan", review_status="sesuai"),
            make_proposal(
                3, object="Pengadaan alat kesehatan", review_status="tidak_sesuai", review_route="pengadaan_barang_jasa"
            ),
        ],
        signed_date="2024-08-08",
    )
    pupr = make_form(
        [
            make_proposal(
                1,
                object="TPA Regional Banjarbakula",
                review_status="sesuai",
                partners=[make_partner(name="Pemerintah Kota Banjarbaru", category="pemda", region_code="63.72")],
                **ksdd,
            ),
            make_proposal(
                2,
                object="Penanganan banjir Sungai Martapura",
                kind="SINERGI",
                ksdpk_form=None,
                review_status="sesuai",
                partners=[make_partner(name="Kementerian PUPR", category="kementerian_lembaga")],
            ),
        ],
        agency_code="PUPRP",
        signed_date="2024-08-08",
    )
    for form in (dinkes, pupr):
        FormRepository(db).save(form)
    uuids = {p.object: p.uuid for form in (dinkes, pupr) for p in form.proposals}

    def step(obj, key, date, **kw):
        return record_step(
            db,
            FollowupStep(
                proposal_uuid=uuids[obj],
                step=key,
                date=date,
                document_number=kw.pop("number", f"{key}/2024"),
                responsible="Kepala Bidang",
                **kw,
            ),
            today=TODAY,
            agreement=kw.get("agreement"),
        )

    step("Pendayagunaan dokter spesialis", "studi_kelayakan", "2024-10-01")
    step("Pendayagunaan dokter spesialis", "kak", "2024-11-01")
    tpa = "TPA Regional Banjarbakula"
    step(tpa, "penawaran", "2024-09-10")
    ksb = Agreement(
        doc_type="KSB",
        number="658/01/KSB/2024",
        title="KSB TPA Regional Banjarbakula",
        parties=["Pemerintah Kabupaten Banjar", "Pemerintah Kota Banjarbaru"],
        date_signed="2024-10-15",
        term_years=5,
    )
    record_step(
        db,
        FollowupStep(proposal_uuid=uuids[tpa], step="ksb", date="2024-10-15", document_number=ksb.number),
        agreement=ksb,
        today=TODAY,
    )
    pks = Agreement(
        doc_type="PKS",
        number="658/04/PKS/2025",
        title="PKS Pengelolaan TPA Regional Banjarbakula",
        parties=[
            "Kementerian PUPR",
            "Pemerintah Provinsi Kalimantan Selatan",
            "Pemerintah Kabupaten Banjar",
            "Pemerintah Kota Banjarbaru",
        ],
        date_signed="2025-02-03",
        term_years=20,
        parent_uuid=ksb.uuid,
    )
    record_step(
        db,
        FollowupStep(proposal_uuid=uuids[tpa], step="pks", date="2025-02-03", document_number=pks.number),
        agreement=pks,
        today=TODAY,
    )
    record_step(
        db,
        FollowupStep(
            proposal_uuid=uuids["Layanan laboratorium rujukan"],
            step="tidak_dilanjutkan",
            date="2024-12-01",
            note="Calon mitra tidak bersedia.",
        ),
        today=TODAY,
    )
    old = Agreement(
        doc_type="MOU",
        number="12/MOU/2020",
        title="Nota kesepahaman magang tenaga kesehatan",
        parties=["Pemerintah Kabupaten Banjar", "Poltekkes Banjarmasin"],
        date_signed="2020-09-01",
        term_years=5,
    )
    save_agreement(db, old, today=TODAY)
    return uuids
