"""Export and import time of a data bundle of 10,000 proposals, beside plain baselines.

    .venv/bin/python benchmarks/bench_bundle.py [--proposals 10000] [--runs 3] [--cache DIR]

The source database is built once with ``fill_demo(db, proposals=N)`` into a cache folder
(default: the system temp folder) and reused. Printed side by side in one run, so a slow
machine shows in every column:

In-process (median of ``--runs``):

- export: ``export_bundle`` (read every form through the repository, serialise, hash, ZIP,
  atomic write) beside the baseline ``json.dumps`` of the same data + ``zipfile`` write;
- import into an empty database: ``preview`` (read, check ZIP, hashes, JSON Schema, rules,
  compare) and ``apply`` (backup, write through the repository with audit rows, locks),
  and a second import of the same file (everything unchanged); beside the baselines
  ``zipfile`` read + ``json.loads``, and a bare ``executemany`` of the same rows into an
  empty database of the same schema (its triggers, the search index's included: the floor
  any import through SQLite pays).

Before and after signing (issue 10), in the same run: the same bundle imported as an unsigned
format-1 file (its manifest without sender and signature; every signed form then needs the
decision ``take_incoming``, given for all, so the same rows are written) and as the signed
format-2 file the app writes (signature checked, the sender's key recorded on first use).

Whole process (``python -m ksd_desktop export`` / ``import``, median of ``--runs``), beside a
process that only reads and parses the bundle with ``zipfile`` + ``json``, and one that
does nothing (interpreter start). Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ksd_desktop.domain.serialize import form_to_dict  # noqa: E402
from ksd_desktop.services.demo import fill_demo  # noqa: E402
from ksd_desktop.services.exchange.bundle import export_bundle  # noqa: E402
from ksd_desktop.services.exchange.importer import Decision, apply, preview  # noqa: E402
from ksd_desktop.services.exchange.keys import sign_manifest, signature_valid  # noqa: E402
from ksd_desktop.storage.bundle_store import export_form_uuids, snapshots_of  # noqa: E402
from ksd_desktop.storage.database import open_database  # noqa: E402
from ksd_desktop.storage.repositories import FormRepository  # noqa: E402


def source_db(cache: Path, proposals: int) -> Path:
    path = cache / f"ksd-bench-bundle-{proposals}.sqlite3"
    if not path.exists():
        print(f"Membuat basis data contoh {proposals} usulan (sekali saja) …", flush=True)
        temp = path.with_suffix(".tmp")
        temp.unlink(missing_ok=True)
        db = open_database(temp)
        fill_demo(db, proposals=proposals)
        db.close()
        temp.replace(path)
    return path


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def median_of(runs: int, fn) -> float:
    return statistics.median(timed(fn)[0] for _ in range(runs))


def baseline_export(forms: list[dict], snapshots: list[dict]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("forms.json", json.dumps(forms, ensure_ascii=False))
        archive.writestr("signed_snapshots.json", json.dumps(snapshots, ensure_ascii=False))
    return buffer.getvalue()


def baseline_read(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        forms = json.loads(archive.read("forms.json"))
        json.loads(archive.read("signed_snapshots.json"))
    return len(forms)


def baseline_insert(empty: Path, work: Path, forms: list[dict], snapshots: list[dict]) -> None:
    """executemany of the same rows (forms as drafts, no audit) into a fresh copy of an empty database."""
    target = work / "baseline.sqlite3"
    shutil.copy(empty, target)
    db = open_database(target, load_reference=False)
    conn = db.conn
    proposals = [p for f in forms for p in f["proposals"]]
    partners = [pa for p in proposals for pa in p["partners"]]

    def insert(table, rows, skip=()):
        columns = [c for c in rows[0] if c not in ("proposals", "partners", *skip)]
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [[r[c] for c in columns] for r in rows],
        )

    conn.execute("BEGIN")
    insert("forms", [{**f, "status": "draft"} for f in forms])
    insert("proposals", proposals)
    insert("partners", partners)
    insert("signed_snapshots", snapshots)
    conn.execute("COMMIT")
    db.close()


def unsigned_copy(bundle: Path, out: Path) -> Path:
    """The same bundle as format version 1: no sender, no signature, no follow-up (what the app wrote before)."""
    with zipfile.ZipFile(bundle) as archive:
        data = {info.filename: archive.read(info) for info in archive.infolist()}
    manifest = json.loads(data["manifest.json"])
    for key in ("sender", "signature"):
        manifest.pop(key)
    manifest["format_version"] = 1
    data.pop("followup.json", None)  # format 1 had no follow-up member either
    manifest["members"].pop("followup.json", None)
    for key in ("followup_steps", "agreements"):
        manifest["counts"].pop(key, None)
    data["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, content in data.items():
            archive.writestr(name, content)
    return out


def signing_before_after(
    empty: Path, work: Path, bundle: Path, forms: int, runs: int
) -> dict[str, tuple[float, float]]:
    """Import of the unsigned (v1) and the signed (v2) bundle, each into a fresh empty database."""
    unsigned = unsigned_copy(bundle, work / "tanpa-tanda-tangan.ksd")
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for label, path in (("v1", unsigned), ("v2", bundle)):
            target = open_database(fresh(empty, work, f"tujuan-{label}.sqlite3"))
            seconds, checked = timed(lambda db=target, path=path: preview(db, [path]))
            decisions = {f.form_uuid: Decision.TAKE_INCOMING for fp in checked for f in fp.conflicts}
            applied, result = timed(
                lambda db=target, checked=checked, decisions=decisions: apply(db, checked, decisions)
            )
            assert result.ok and result.count("added") == forms, (label, result.files[0].error)
            times.setdefault(f"{label} pratinjau", []).append(seconds)
            times.setdefault(f"{label} terapkan", []).append(applied)
            times.setdefault(f"{label} total", []).append(seconds + applied)
            target.close()
    median = {k: statistics.median(v) for k, v in times.items()}
    rows = {
        f"impor: {what}": (median[f"v1 {what}"], median[f"v2 {what}"]) for what in ("pratinjau", "terapkan", "total")
    }
    # the signature alone: what format 2 adds to every import (and export), without the noise of a whole import
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    verify = median_of(runs, lambda: [signature_valid(manifest) for _ in range(100)]) / 100
    source = open_database(empty)
    sign = median_of(runs, lambda: [sign_manifest(source, manifest) for _ in range(100)]) / 100
    source.close()
    rows["tanda tangan: buat / periksa (ms)"] = (sign * 1000, verify * 1000)
    return rows


def fresh(empty: Path, work: Path, name: str) -> Path:
    target = work / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(work / "cadangan", ignore_errors=True)
    shutil.copy(empty, target)
    return target


def in_process(source: Path, empty: Path, work: Path, runs: int) -> dict[str, tuple[float, float]]:
    db = open_database(source)
    bundle = work / "semua.ksd"
    export_s = median_of(runs, lambda: export_bundle(db, bundle))
    repo = FormRepository(db, device="bench")
    uuids = export_form_uuids(db)
    forms = [form_to_dict(repo.get(u)) for u in uuids]
    snapshots = snapshots_of(db, uuids)
    db.close()
    base_export = median_of(runs, lambda: baseline_export(forms, snapshots))
    previews, applies, agains = [], [], []
    for _ in range(runs):
        target = open_database(fresh(empty, work, "tujuan.sqlite3"))
        seconds, checked = timed(lambda db=target: preview(db, [bundle]))
        previews.append(seconds)
        seconds, result = timed(lambda db=target, checked=checked: apply(db, checked))
        assert result.ok and result.count("added") == len(forms), result.files[0].error
        applies.append(seconds)
        agains.append(timed(lambda db=target: apply(db, preview(db, [bundle])))[0])
        target.close()
    base_read = median_of(runs, lambda: baseline_read(bundle))
    base_insert = median_of(runs, lambda: baseline_insert(empty, work, forms, snapshots))
    return {
        "ekspor": (export_s, base_export),
        "impor: pratinjau (baca + periksa)": (statistics.median(previews), base_read),
        "impor: terapkan (tulis)": (statistics.median(applies), base_insert),
        "impor: total": (statistics.median(previews) + statistics.median(applies), base_read + base_insert),
        "impor ulang (semua tidak berubah)": (statistics.median(agains), base_read),
    }


def whole_process(source: Path, empty: Path, work: Path, runs: int) -> dict[str, tuple[float, float]]:
    python = [sys.executable]
    bundle = work / "proses.ksd"

    def run(args):
        done = subprocess.run(python + args, capture_output=True, text=True, cwd=ROOT, check=False)
        if done.returncode != 0:
            raise SystemExit(done.stderr)

    code = (
        "import json, sys, zipfile\narchive = zipfile.ZipFile(sys.argv[1])\n"
        "json.loads(archive.read('forms.json')); json.loads(archive.read('signed_snapshots.json'))"
    )
    read_only = ["-c", code, str(bundle)]
    export_s = median_of(runs, lambda: run(["-m", "ksd_desktop", "export", "--db", str(source), str(bundle)]))
    import_s = median_of(
        runs,
        lambda: run(
            [
                "-m",
                "ksd_desktop",
                "import",
                "--catat-kunci-baru",
                "--db",
                str(fresh(empty, work, "proses.sqlite3")),
                str(bundle),
            ]
        ),
    )
    read_s = median_of(runs, lambda: run(read_only))
    start_s = median_of(runs, lambda: run(["-c", "pass"]))
    return {
        "ekspor (proses utuh)": (export_s, start_s),
        "impor (proses utuh)": (import_s, read_s),
        "(python -c pass)": (start_s, start_s),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    source = source_db(args.cache, args.proposals)
    db = open_database(source)
    counts = {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("forms", "proposals", "partners", "signed_snapshots")
    }
    db.close()
    work = Path(tempfile.mkdtemp(prefix="ksd-bench-bundle-"))
    try:
        empty = work / "kosong.sqlite3"
        open_database(empty).close()
        inner = in_process(source, empty, work, args.runs)
        signing = signing_before_after(empty, work, work / "semua.ksd", counts["forms"], args.runs)
        outer = whole_process(source, empty, work, args.runs)
        size = (work / "semua.ksd").stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"Berkas data: {counts['forms']} formulir, {counts['proposals']} usulan, {counts['partners']} calon mitra, "
        f"{counts['signed_snapshots']} rekaman tanda tangan; {size / 1024 / 1024:.1f} MB; median {args.runs} kali"
    )
    print(f"{'dalam proses (detik)':40} {'KSD':>8} {'baseline':>9}")
    for name, (ours, base) in inner.items():
        print(f"{name:40} {ours:8.2f} {base:9.2f}")
    print(f"{'sebelum/sesudah tanda tangan (detik)':40} {'v1':>8} {'v2':>9}")
    for name, (before, after) in signing.items():
        print(f"{name:40} {before:8.2f} {after:9.2f}" if "ms" not in name else f"{name:40} {before:8.3f} {after:9.3f}")
    print(f"{'proses utuh (detik)':40} {'KSD':>8} {'baseline':>9}")
    for name, (ours, base) in outer.items():
        print(f"{name:40} {ours:8.2f} {base:9.2f}")
    print(
        "v1 = berkas yang sama tanpa pengirim dan tanda tangan (format lama; formulir yang ditandatangani diambil "
        "dengan keputusan take_incoming); v2 = berkas bertanda tangan seperti yang ditulis aplikasi; baris terakhir: "
        "satu tanda tangan Ed25519 atas manifest dibuat (kolom v1) dan diperiksa (kolom v2), dalam milidetik."
    )
    print(
        "baseline: ekspor = json.dumps + zipfile; pratinjau = zipfile + json.loads; terapkan = executemany baris "
        "yang sama ke basis data kosong (pemicu dan indeks pencarian ikut, tanpa audit); proses utuh: ekspor "
        "dibandingkan dengan awal interpreter, impor dengan proses yang hanya membaca dan mengurai berkas."
    )


if __name__ == "__main__":
    main()
