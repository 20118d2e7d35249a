"""Migrations of issue 14: pengadaan is no KSDPK form (drafts move to lainnya), report settings."""

from __future__ import annotations

from ksd_desktop.domain.report import ReportSettings, Signatory
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage import migrations
from ksd_desktop.storage.repositories import FormRepository, ReportSettingsRepository
from tests.conftest import TODAY, make_form, make_proposal
from tests.services.test_signoff import head_of


def test_pengadaan_drafts_move_to_lainnya_with_a_note_signed_forms_keep_theirs(db):
    repo = FormRepository(db)
    draft = make_form(proposals=[make_proposal(1, notes="Catatan lama.")])
    signed = make_form(agency_code="DISDIK", proposals=[make_proposal(1, urusan_code="1.01")])
    for form in (draft, signed):
        repo.save(form)
    sign_form(db, signed.uuid, head_of(db, signed.uuid), today=TODAY)
    db.execute("UPDATE proposals SET ksdpk_form = 'pengadaan' WHERE form_uuid = ?", [draft.uuid])
    db.conn.commit()
    with db.atomic():
        migrations.m004_ksdpk_pengadaan_to_lainnya(db)  # run again on today's data (it ran when the file was made)
    form, notes = db.execute("SELECT ksdpk_form, notes FROM proposals WHERE form_uuid = ?", [draft.uuid]).fetchone()
    assert form == "lainnya" and notes.startswith("Catatan lama.\n") and "pengadaan barang/jasa" in notes
    assert (
        db.execute("SELECT count(*) FROM audit_log WHERE field = 'ksdpk_form' AND new = '\"lainnya\"'").fetchone()[0]
        == 1
    )
    assert (
        db.execute("SELECT ksdpk_form FROM proposals WHERE form_uuid = ?", [signed.uuid]).fetchone()[0]
        == "pelayanan_publik"
    )


def test_report_settings_round_trip_per_year(db):
    repo = ReportSettingsRepository(db)
    assert repo.get(2024) == ReportSettings()
    settings = ReportSettings(
        nomor="000.1/123-Pem/2024",
        sosialisasi="20 Februari 2024",
        with_mengetahui=True,
        mengetahui=Signatory(position="Sekretaris Daerah", name="Drs. H. M. Hilman"),
    )
    repo.save(2024, settings)
    assert repo.get(2024) == settings and repo.get(2025) == ReportSettings()
    db.execute("UPDATE report_settings SET content_json = '{broken' WHERE year = 2024")
    assert repo.get(2024) == ReportSettings()  # a damaged row falls back to the defaults
