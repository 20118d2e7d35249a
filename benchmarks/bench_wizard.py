"""Time to open the mapping wizard and to move between its pages, beside a bare QWizard.

    .venv/bin/python benchmarks/bench_wizard.py [--repeat N]

In-process timings (median of N runs, milliseconds) on a copy of a demo database (156
proposals). The baseline is a bare QWizard with the same number of empty pages, measured
in the same run, so a slow machine shows up in both columns. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QWizard, QWizardPage

from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.wizards.common import WizardContext
from ksd_desktop.gui.wizards.form_wizard import FormWizard
from ksd_desktop.services.demo import fill_demo
from ksd_desktop.storage.database import open_database


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000


def bare_wizard(pages: int) -> QWizard:
    wizard = QWizard()
    for _ in range(pages):
        wizard.addPage(QWizardPage())
    wizard.show()
    return wizard


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    ensure_app()
    folder = Path(tempfile.mkdtemp(prefix="ksd-bench-"))
    db = open_database(folder / "bench.sqlite3")
    fill_demo(db)
    from ksd_desktop.storage.repositories import FormRepository

    draft = max(
        (r for r in FormRepository(db).agency_statuses(2024) if r.status == "draft"), key=lambda r: r.proposal_count
    )
    rows: dict[str, tuple[list[float], list[float]]] = {}

    def record(name: str, ours: float, base: float) -> None:
        rows.setdefault(name, ([], []))
        rows[name][0].append(ours)
        rows[name][1].append(base)

    for _ in range(args.repeat):
        holder: dict = {}
        # each lambda runs at once (inside timed), so binding the loop's holder by default is exact
        ours = timed(
            lambda holder=holder: (
                holder.update(w=FormWizard(db, WizardContext.load(db), agency_code=draft.code, year=2024))
                or holder["w"].show()
            )
        )
        base = timed(lambda holder=holder: holder.update(b=bare_wizard(4)))
        record(f"buka wizard formulir ({draft.short_name}, {draft.proposal_count} usulan)", ours, base)
        wizard, bare = holder["w"], holder["b"]
        for step in ("Perangkat Daerah → PIC", "PIC → Daftar Usulan", "Daftar Usulan → Ringkasan"):
            record(f"pindah halaman: {step}", timed(wizard.next), timed(bare.next))
        ours = timed(lambda wizard=wizard: wizard.open_proposal(0))
        record("buka wizard usulan", ours, timed(lambda holder=holder: holder.update(b2=bare_wizard(5))))
        proposal = wizard.proposal_wizard
        for step in ("Urusan → Jenis", "Jenis → Mitra", "Mitra → Rincian", "Rincian → Ringkasan"):
            record(f"usulan: {step}", timed(proposal.next), timed(holder["b2"].next))
        proposal.done(0)
        wizard.autosave.discard()
        for widget in (wizard, bare, holder["b2"]):
            widget.hide()
            widget.deleteLater()
        QApplication.processEvents()
    print(f"KSD Desktop wizard, median of {args.repeat} runs (ms), Python {sys.version.split()[0]}")
    print(f"{'langkah':<52}{'KSD':>9}{'QWizard polos':>15}")
    for name, (ours, base) in rows.items():
        print(f"{name:<52}{statistics.median(ours):>9.1f}{statistics.median(base):>15.1f}")
    db.close()


if __name__ == "__main__":
    main()
