"""Disk used by backups after 20 imports into a 5,000-proposal database, and what each costs.

    .venv/bin/python benchmarks/bench_backups.py [--proposals 5000] [--imports 20] [--cache DIR]

The 5,000-proposal demo database is built once into a cache folder (default: the system temp
folder) and reused. The secretariat's data file starts as a copy of it; then, ``--imports``
times, one agency edits its draft form (a new PIC name), exports it as a ``.ksd`` bundle, and
the secretariat imports it (taking the incoming draft): every import changes data, so every
import takes a backup (``cadangan/``, compressed, checked) and applies the retention policy
(default: keep the last 10 and everything from the last 7 days, at most 500 MB in all).

Printed: the data file's size, the backups' total on disk and how many are kept, what the
same backups would take uncompressed (and what 20 plain copies took before issue 12), and
the median time of an import and of its backup alone. Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ksd_desktop.services.demo import fill_demo  # noqa: E402
from ksd_desktop.services.exchange import backup as backup_module  # noqa: E402
from ksd_desktop.services.exchange.backup import backup_dir, list_backups  # noqa: E402
from ksd_desktop.services.exchange.bundle import export_bundle  # noqa: E402
from ksd_desktop.services.exchange.importer import Decision, apply, preview  # noqa: E402
from ksd_desktop.storage.database import open_database  # noqa: E402
from ksd_desktop.storage.repositories import FormRepository  # noqa: E402


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:8.1f} MB"


def build_source(cache: Path, proposals: int) -> Path:
    path = cache / f"ksd-demo-{proposals}.sqlite3"
    if not path.exists():
        print(f"Membuat basis data contoh {proposals} usulan di {path} …", flush=True)
        db = open_database(path)
        try:
            fill_demo(db, proposals=proposals)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=5000)
    parser.add_argument("--imports", type=int, default=20)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    source_path = build_source(args.cache, args.proposals)
    work = Path(tempfile.mkdtemp(prefix="ksd-bench-backups-"))
    try:
        opd_path, tkksd_path = work / "opd" / "ksd.sqlite3", work / "tkksd" / "ksd.sqlite3"
        for path in (opd_path, tkksd_path):
            path.parent.mkdir()
            shutil.copy(source_path, path)
        opd, tkksd = open_database(opd_path), open_database(tkksd_path)
        repo = FormRepository(opd)
        drafts = [r[0] for r in opd.execute("SELECT uuid FROM forms WHERE status = 'draft' ORDER BY agency_code")]
        backup_times: list[float] = []
        real_backup = backup_module.backup_before_import

        def timed_backup(db, files=()):
            started = time.perf_counter()
            try:
                return real_backup(db, files)
            finally:
                backup_times.append(time.perf_counter() - started)

        backup_module.backup_before_import = timed_backup
        import_times = []
        for number in range(1, args.imports + 1):
            form = repo.get(drafts[number % len(drafts)])
            form.pic_name = f"Petugas Pengisi Ke-{number}"
            repo.save(form)
            bundle = export_bundle(
                opd, work / f"kiriman-{number}.ksd", agency_code=form.agency_code, year=form.year
            ).path
            started = time.perf_counter()
            previews = preview(tkksd, [bundle])
            decisions = {f.form_uuid: Decision.TAKE_INCOMING for p in previews for f in p.conflicts}
            result = apply(tkksd, previews, decisions)
            import_times.append(time.perf_counter() - started)
            assert result.ok and result.backup is not None, result
        tkksd.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        opd.close()
        tkksd.close()
        backups = list_backups(tkksd_path)
        on_disk = sum(b.size for b in backups)
        inside = sum(b.data_size or 0 for b in backups)
        data_size = tkksd_path.stat().st_size
        print(f"Basis data: {args.proposals} usulan, {mb(data_size)}")
        print(
            f"Impor: {args.imports}; cadangan yang disimpan: {len(backups)} (kebijakan bawaan: 10 terakhir + "
            "7 hari, paling besar 500 MB)"
        )
        print(f"Cadangan di disk (terkompresi):           {mb(on_disk)}  ({backup_dir(tkksd_path)})")
        print(f"Cadangan yang sama tanpa kompresi:        {mb(inside)}")
        print(f"Sesudah 7 hari (hanya 10 terakhir tersisa): {mb(sum(b.size for b in backups[:10]))}")
        print(f"{args.imports} salinan polos (sebelum issue 12):      {mb(args.imports * data_size)}")
        print(f"Waktu impor (median):                     {statistics.median(import_times):8.2f} s")
        print(f"  di antaranya cadangan (median):          {statistics.median(backup_times):8.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
