"""Time to fill an empty database with the demo data set, at the size that spreads it over years.

    .venv/bin/python benchmarks/bench_demo.py [--proposals N] [--seed S]

``fill_demo`` with 13,000 proposals (the default) needs two years of forms (27 agencies ×
450 proposals a form at most); the run checks the counts it reports against the database
and prints the time and the rate. Was tests/services/test_demo.py's largest case (22 % of
the suite's time); the test now checks the same spread with small forms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ksd_desktop.services.demo import fill_demo
from ksd_desktop.storage.database import open_database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=13000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "besar.sqlite3")
        started = time.perf_counter()
        summary = fill_demo(db, proposals=args.proposals, seed=args.seed)
        elapsed = time.perf_counter() - started
        stored = db.execute("SELECT count(*) FROM proposals").fetchone()[0]
        db.close()
    if stored != summary.proposals or summary.proposals != args.proposals:
        print(f"SALAH: diminta {args.proposals}, dilaporkan {summary.proposals}, tersimpan {stored}")
        return 1
    print(
        f"{summary.proposals} usulan dalam {summary.forms} formulir, tahun {summary.years}: "
        f"{elapsed:.1f} s ({summary.proposals / elapsed:.0f} usulan/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
