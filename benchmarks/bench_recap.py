"""Time to write the year's recap (PDF and XLSX) for 2,000 proposals, beside fetching the rows.

    .venv/bin/python benchmarks/bench_recap.py [--proposals N] [--repeat R]

In-process timings on the demo data set (``fill_demo(db, proposals=N)``, one year), with
most proposals assessed through ``FormRepository.set_review`` as the TKKSD would. The
baseline, measured in the same run so a slow machine shows up in every column, is fetching
the year's rows (the four queries of storage/recap_queries.py); the other columns add
computing the figures, and writing the PDF or the XLSX through ``write_recap`` (atomic
write included). Medians of R runs after one warm-up run (imports, fonts). Never asserted
in tests.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ksd_desktop.domain.models import ReviewRoute
from ksd_desktop.domain.recap import compute_recap
from ksd_desktop.services.demo import fill_demo
from ksd_desktop.services.recap.writer import write_recap
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.recap_queries import recap_rows
from ksd_desktop.storage.repositories import FormRepository

YEAR = 2024


def prepare(folder: Path, proposals: int):
    db = open_database(folder / "bench.sqlite3")
    fill_demo(db, proposals=proposals)
    repo = FormRepository(db)
    rng = random.Random(6)
    routes = [r.value for r in ReviewRoute]
    pending = [
        r[0]
        for r in db.execute(
            "SELECT p.uuid FROM proposals p JOIN forms f ON f.uuid = p.form_uuid "
            "WHERE f.year = ? AND p.review_status = 'belum_dinilai' ORDER BY p.rowid",
            [YEAR],
        )
    ]
    start = time.perf_counter()
    assessed = 0
    for uuid in pending:
        if rng.random() < 0.9:  # most of them; a few stay "belum dinilai"
            if rng.random() < 0.8:
                repo.set_review(uuid, "sesuai", None, None)
            else:
                repo.set_review(uuid, "tidak_sesuai", rng.choice(routes), "Diarahkan ke rute lain.")
            assessed += 1
    return db, assessed, time.perf_counter() - start


def timed(fn, repeat: int) -> tuple[float, object]:
    result = fn()  # warm-up: imports, fonts, SQLite cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ksd-bench-recap-"))
    db, assessed, assess_s = prepare(folder, args.proposals)

    fetch_s, rows = timed(lambda: recap_rows(db, YEAR), args.repeat)
    compute_s, fig = timed(lambda: compute_recap(rows), args.repeat)
    pdf_s, pdf = timed(lambda: write_recap(db, YEAR, folder / "rekap.pdf"), args.repeat)
    xlsx_s, xlsx = timed(lambda: write_recap(db, YEAR, folder / "rekap.xlsx"), args.repeat)

    from pypdf import PdfReader

    pages = len(PdfReader(pdf).pages)
    print(
        f"{fig.proposals} usulan tahun {YEAR} dari {fig.agencies_taking_part} perangkat daerah: "
        f"{fig.sesuai} sesuai, {fig.tidak_sesuai} tidak sesuai, {fig.belum_dinilai} belum dinilai "
        f"({assessed} dinilai dengan set_review dalam {assess_s:.1f} s); median {args.repeat} kali"
    )
    print(f"{'':40} {'detik':>8} {'x baseline':>11}")
    for name, seconds in (
        ("baseline: ambil baris (4 kueri)", fetch_s),
        ("ambil baris + hitung angka", fetch_s + compute_s),
        (f"rekap PDF ({pages} halaman, {Path(pdf).stat().st_size / 1024:.0f} KB)", pdf_s),
        (f"rekap XLSX ({Path(xlsx).stat().st_size / 1024:.0f} KB)", xlsx_s),
    ):
        print(f"{name:40} {seconds:8.3f} {seconds / fetch_s:11.1f}")
    db.close()


if __name__ == "__main__":
    main()
