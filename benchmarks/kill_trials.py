"""``kill -9`` at random moments of an import, an undo and a PDF export, then what survives.

    .venv/bin/python benchmarks/kill_trials.py [--proposals 1000] [--imports 50] [--undos 30] [--exports 20]
                                               [--full-file]

By default the secretariat's file holds one agency and the import brings all the others (a
long preview and apply, a small backup). ``--full-file``: the file already holds every
agency but one, and the import brings that one, so most of the import is the backup of a
large file (5,000 proposals: about 18 MB) — the moment issue 12 found fragile.

A real process (``python -m ksd_desktop …``) is killed (SIGKILL: no clean-up of any kind) at a
random moment between its start and its usual end (measured first). After each kill:

- the data file passes ``PRAGMA integrity_check`` and holds either the state before or the
  state after the command, never a mix (the forms' contents are compared);
- every backup under a final name in ``cadangan/`` is complete and passes SQLite's check;
- ``check`` (read-only) finds the file sound; after the next start (``export-pdf``, which
  opens the file as the window does and cleans up) no temporary file is left, neither in
  ``cadangan/`` nor an interrupted export's ``.ksd-*.pdf``;
- ``undo-import`` then succeeds (restoring the newest valid import backup).

Prints the counts per phase and every anomaly found (there should be none).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ksd_desktop.services.demo import fill_demo  # noqa: E402
from ksd_desktop.services.exchange.bundle import export_bundle  # noqa: E402
from ksd_desktop.storage.backups import list_backups, looks_complete, open_backup  # noqa: E402
from ksd_desktop.storage.database import open_database  # noqa: E402
from ksd_desktop.storage.errors import StorageError  # noqa: E402


def cli(*args, env=None, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "ksd_desktop", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def fingerprint(path: Path) -> tuple:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check"
        return tuple(conn.execute("SELECT uuid, revision, status, pic_name FROM forms ORDER BY uuid").fetchall())
    finally:
        conn.close()


def backups_sound(db_path: Path) -> list[str]:
    problems = []
    for info in list_backups(db_path):
        if info.reason.value == "rusak":
            continue
        if not looks_complete(info):
            problems.append(f"cadangan tidak lengkap: {info.path.name}")
            continue
        try:
            with open_backup(info) as opened:
                opened.check()
        except StorageError as exc:
            problems.append(f"cadangan rusak: {info.path.name}: {exc}")
    return problems


def leftovers(folder: Path) -> list[Path]:
    found = list(folder.rglob(".*sementara*")) + list(folder.rglob(".ksd-*"))
    return [p for p in found if p.is_file()]


def prepare(work: Path, proposals: int, full_file: bool) -> dict:
    """A secretariat file that already imported once, and the bundle each trial imports."""
    source = work / "opd.sqlite3"
    db = open_database(source)
    fill_demo(db, proposals=proposals)
    if full_file:
        from ksd_desktop.storage.repositories import FormRepository

        held_out = db.execute(
            "SELECT uuid, agency_code FROM forms WHERE status = 'draft' AND agency_code <> 'DINKES' "
            "ORDER BY agency_code LIMIT 1"
        ).fetchone()
        second = export_bundle(db, work / "kedua.ksd", agency_code=held_out[1]).path
        FormRepository(db).delete(held_out[0], reason="uji kill -9")
        first = export_bundle(db, work / "pertama.ksd").path
    else:
        first = export_bundle(db, work / "pertama.ksd", agency_code="DINKES").path
        second = export_bundle(db, work / "kedua.ksd").path
    db.close()
    pristine = work / "awal" / "ksd.sqlite3"
    assert cli("init", "--db", pristine).returncode == 0
    assert cli("import", "--db", pristine, "--catat-kunci-baru", first).returncode == 0
    return {"pristine": pristine, "bundle": second}


def trial_copy(pristine: Path, folder: Path) -> Path:
    shutil.copytree(pristine.parent, folder)
    return folder / pristine.name


def timed(args, env) -> float:
    started = time.perf_counter()
    done = cli(*args, env=env)
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - started


def kill_at(args, delay: float, env) -> int | None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ksd_desktop", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        proc.wait(timeout=delay)
        return proc.returncode  # finished before the kill
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--imports", type=int, default=50)
    parser.add_argument("--undos", type=int, default=30)
    parser.add_argument("--exports", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--full-file", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="ksd-kill-"))
    env = {**os.environ, "KSD_DESKTOP_DATA_DIR": str(work / "data")}
    outcomes: Counter = Counter()
    anomalies: list[str] = []
    try:
        setup = prepare(work, args.proposals, args.full_file)
        pristine, bundle = setup["pristine"], setup["bundle"]
        before_import = fingerprint(pristine)
        probe = trial_copy(pristine, work / "ukur")
        import_time = timed(["import", "--db", probe, "--catat-kunci-baru", bundle], env)
        after_import = fingerprint(probe)
        undo_time = timed(["undo-import", "--db", probe], env)
        export_time = timed(
            ["export-pdf", "--db", probe, "--agency", "DINKES", "--year", "2024", work / "ukur.pdf"], env
        )
        print(
            f"Waktu biasa: impor {import_time:.2f} s, batalkan impor {undo_time:.2f} s, ekspor PDF {export_time:.2f} s"
        )
        phases = (
            ("impor", args.imports, import_time),
            ("batalkan", args.undos, undo_time),
            ("ekspor-pdf", args.exports, export_time),
        )
        for phase, count, usual in phases:
            for number in range(count):
                folder = work / f"{phase}-{number}"
                db_path = trial_copy(pristine, folder)
                if phase == "batalkan":
                    assert cli("import", "--db", db_path, "--catat-kunci-baru", bundle, env=env).returncode == 0
                    command = ["undo-import", "--db", db_path]
                    states = {after_import: "sebelum", before_import: "sesudah"}
                elif phase == "impor":
                    command = ["import", "--db", db_path, "--catat-kunci-baru", bundle]
                    states = {before_import: "sebelum", after_import: "sesudah"}
                else:
                    command = [
                        "export-pdf",
                        "--db",
                        db_path,
                        "--agency",
                        "DINKES",
                        "--year",
                        "2024",
                        folder / "hasil.pdf",
                    ]
                    states = {before_import: "tidak berubah"}
                code = kill_at(command, rng.uniform(0.05, usual * 1.1), env)
                try:
                    state = states.get(fingerprint(db_path))
                except AssertionError:
                    state = None
                    anomalies.append(f"{phase} {number}: integrity_check gagal")
                if state is None:
                    anomalies.append(f"{phase} {number}: isi basis data campuran/tak dikenal")
                left = len(leftovers(folder))
                anomalies += [f"{phase} {number}: {p}" for p in backups_sound(db_path)]
                outcomes[
                    (
                        phase,
                        "selesai" if code == 0 else "dibunuh",
                        state or "?",
                        "ada sisa sementara" if left else "tanpa sisa",
                    )
                ] += 1
                checked = cli("check", "--db", db_path, env=env)
                if checked.returncode != 0:
                    anomalies.append(f"{phase} {number}: check gagal: {checked.stderr.strip()[:200]}")
                again = cli(
                    "export-pdf",
                    "--db",
                    db_path,
                    "--agency",
                    "DINKES",
                    "--year",
                    "2024",
                    work / "mulai-lagi.pdf",
                    env=env,
                )  # the next start: opens the file, cleans up
                if again.returncode != 0:
                    anomalies.append(f"{phase} {number}: mulai lagi gagal: {again.stderr.strip()[:200]}")
                if leftovers(folder):
                    anomalies.append(f"{phase} {number}: sisa sementara setelah mulai lagi: {leftovers(folder)}")
                undo = cli("undo-import", "--db", db_path, env=env)
                if undo.returncode != 0:
                    anomalies.append(f"{phase} {number}: undo-import gagal: {undo.stderr.strip()[:200]}")
                shutil.rmtree(folder, ignore_errors=True)
        total = sum(outcomes.values())
        print(f"Percobaan kill -9: {total}")
        for (phase, how, state, left), count in sorted(outcomes.items()):
            print(f"  {phase:<11} {how:<8} isi: {state:<14} {left:<20} {count:>4}")
        print(f"Anomali: {len(anomalies)}")
        for line in anomalies:
            print(f"  {line}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if not anomalies else 1


if __name__ == "__main__":
    sys.exit(main())
