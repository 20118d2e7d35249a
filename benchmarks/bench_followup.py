"""Follow-up benchmark: the badge, the one view, the monev report and a bundle with follow-up.

    .venv/bin/python benchmarks/bench_followup.py [--proposals 156 10000] [--runs 5]

For each size, a demo database (``fill_demo``: the Banjar demo with its follow-up for 156, a
synthetic set otherwise) gets a step on every third proposal assessed sesuai and an
agreement on every tenth; then prints the median of ``--runs`` for:

- ``alerts``: the main window's badge (every refresh), one SQL query for the stale proposals;
- ``overview``: the one view's rows for the busiest year (what the window shows);
- ``monev PDF`` / ``monev XLSX``: the year's monev report written to a temporary file;
- ``bundle``: exporting the whole database with followup.json.

Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ksd_desktop.domain.agreements import Agreement
from ksd_desktop.domain.followup import FollowupStep
from ksd_desktop.services.demo import fill_demo
from ksd_desktop.services.exchange.bundle import export_bundle
from ksd_desktop.services.followup.monev import write_monev
from ksd_desktop.services.followup.register import alerts, overview
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.followup_repo import FollowupRepository

TODAY = dt.date(2025, 6, 30)


def first_step(kind: str) -> str:
    return {"KSDPK": "studi_kelayakan", "SINERGI": "nk"}.get(kind, "penawaran")


def build(folder: Path, proposals: int):
    db = open_database(folder / f"bench-{proposals}.sqlite3")
    fill_demo(db, proposals=proposals, today=TODAY)
    repo = FollowupRepository(db)
    with db.atomic():
        for year in {r[0] for r in db.execute("SELECT DISTINCT year FROM forms")}:
            for i, ref in enumerate(repo.proposals_of_year(year)):
                if ref.review_status == "sesuai" and i % 3 == 0 and not repo.steps_of(ref.uuid):
                    repo.save_step(
                        FollowupStep(
                            proposal_uuid=ref.uuid,
                            step=first_step(ref.kind),
                            date=f"{min(year, 2025)}-0{1 + i % 6}-15",
                            document_number=f"{i}/X",
                        )
                    )
                if i % 10 == 0:
                    repo.save_agreement(
                        Agreement(
                            doc_type="PKS",
                            number=f"{year}/{i}/PKS",
                            title=ref.object,
                            parties=["Pemerintah Kabupaten Banjar", "Mitra"],
                            date_signed=f"{min(year, 2025)}-02-01",
                            term_years=1 + i % 25,
                            proposal_uuids=[ref.uuid],
                        )
                    )
    return db


def timed(runs: int, job) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, nargs="+", default=[156, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in args.proposals:
            db = build(folder, size)
            year = db.execute("SELECT year FROM forms GROUP BY year ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
            steps = db.execute("SELECT count(*) FROM followup_steps").fetchone()[0]
            agreements = db.execute("SELECT count(*) FROM agreements").fetchone()[0]
            print(f"{size} usulan, {steps} langkah, {agreements} perjanjian (tahun terbanyak {year}):")
            rows = [
                ("alerts (lencana)", timed(args.runs, lambda db=db: alerts(db, today=TODAY))),
                ("overview satu tahun", timed(args.runs, lambda db=db, year=year: overview(db, year, today=TODAY))),
                (
                    "monev PDF",
                    timed(
                        max(1, args.runs // 2),
                        lambda db=db, year=year: write_monev(db, year, folder / "m.pdf", today=TODAY),
                    ),
                ),
                (
                    "monev XLSX",
                    timed(
                        max(1, args.runs // 2),
                        lambda db=db, year=year: write_monev(db, year, folder / "m.xlsx", today=TODAY),
                    ),
                ),
                ("ekspor bundle", timed(max(1, args.runs // 2), lambda db=db: export_bundle(db, folder / "b.ksd"))),
            ]
            for name, ms in rows:
                print(f"  {name:<22} {ms:9.1f} ms")
            db.close()


if __name__ == "__main__":
    main()
