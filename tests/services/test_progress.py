"""One progress/cancel protocol: every long job reports progress and honours a cancel."""

from __future__ import annotations

import pytest

from ksd_desktop.services.demo import fill_demo
from ksd_desktop.services.exchange.bundle import export_bundle
from ksd_desktop.services.pdf.export import export_form
from ksd_desktop.services.progress import JobCancelled, Steps
from ksd_desktop.services.recap.writer import write_recap
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form


def _saved_form(db):
    form = make_form()
    FormRepository(db).save(form)
    return form


def test_steps_report_up_to_the_end_only_when_finished():
    seen = []
    steps = Steps(3, lambda done, total: seen.append((done, total)), None)
    for _ in range(5):
        steps.advance()
    steps.finish()
    assert seen == [(1, 3), (2, 3), (2, 3), (2, 3), (2, 3), (3, 3)]


def test_cancel_carries_the_jobs_message():
    with pytest.raises(JobCancelled, match="^Ekspor dibatalkan.$"):
        Steps(1, None, lambda: True, message="Ekspor dibatalkan.").check()


def test_pdf_export_reports_progress_and_a_cancel_writes_nothing(db, tmp_path):
    form = _saved_form(db)
    seen = []
    out = export_form(db, form, tmp_path / "a.pdf", progress=lambda d, t: seen.append((d, t)))
    assert out.read_bytes().startswith(b"%PDF") and seen[-1] == (2, 2)
    with pytest.raises(JobCancelled):
        export_form(db, form, tmp_path / "b.pdf", cancelled=lambda: True)
    answers = iter([False, True])  # cancelled while rendering: the file is not renamed into place
    with pytest.raises(JobCancelled):
        export_form(db, form, tmp_path / "c.pdf", cancelled=lambda: next(answers))
    assert sorted(p.name for p in tmp_path.iterdir() if "sqlite3" not in p.name) == ["a.pdf"]


def test_bundle_export_honours_its_cancel_button(db, tmp_path):
    _saved_form(db)
    with pytest.raises(JobCancelled, match="Ekspor berkas data dibatalkan"):
        export_bundle(db, tmp_path / "x.ksd", cancelled=lambda: True)
    seen = []
    export_bundle(db, tmp_path / "y.ksd", progress=lambda d, t: seen.append((d, t)))
    assert (
        sorted(p.name for p in tmp_path.iterdir() if "sqlite3" not in p.name) == ["y.ksd"]
        and seen[-1][0] == seen[-1][1]
    )


def test_recap_and_demo_cancel_with_the_same_protocol(db, tmp_path):
    with pytest.raises(JobCancelled, match="Pembuatan data contoh dibatalkan"):
        fill_demo(db, proposals=30, cancelled=lambda: True)
    with pytest.raises(JobCancelled):
        write_recap(db, 2024, tmp_path / "rekap.pdf", cancelled=lambda: True)
    assert list(tmp_path.glob("rekap*")) == []
