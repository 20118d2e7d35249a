from __future__ import annotations

import threading

import pytest

from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.worker import run_with_progress


def test_job_runs_off_the_gui_thread_and_returns(qtbot):
    ensure_app()
    seen = {}

    def job(progress, cancelled):
        seen["thread"] = threading.current_thread()
        for i in range(5):
            progress(i + 1, 5)
        return "selesai"

    assert run_with_progress(None, "Uji", "Sedang bekerja…", job) == "selesai"
    assert seen["thread"] is not threading.main_thread()


def test_job_error_is_raised_in_the_caller(qtbot):
    ensure_app()

    def job(progress, cancelled):
        raise ValueError("gagal")

    with pytest.raises(ValueError, match="gagal"):
        run_with_progress(None, "Uji", "Sedang bekerja…", job)
