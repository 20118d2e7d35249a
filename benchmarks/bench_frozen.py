"""Frozen app: folder size and start-up, side by side with a bare PySide6 window.

    .venv/bin/python benchmarks/bench_frozen.py [--runs 9] [--no-build] [--proposals 156]

(``python3 tasks.py freeze`` first installs PyInstaller into .venv.) In one run:

1. builds the app (installer.spec → build/dist/ksd-desktop) and a bare PySide6 widgets
   window (benchmarks/frozen_bare/bare.spec → build/bench/dist/bare-window), both with the
   same settings (installer/freeze_trim.py: strip, excludes, Qt plugins and translations);
   ``--no-build`` reuses both folders;
2. prints both folders' sizes (regular files, bytes) and the ratio (goal: app ≤ 1.3× bare),
   then what the app carries beyond the bare window, largest first;
3. times the start, median of ``--runs`` fresh processes taken in turn: from process start
   to the window painted, and to the data shown (the app's KSD_DESKTOP_SMOKE report), for
   the frozen app and the same app from the venv (goal: frozen ≤ 1.1× venv), and for the
   bare window frozen and from the venv.

Qt runs offscreen unless QT_QPA_PLATFORM says otherwise; the data file is a demo database in
a temporary folder (which is also the app's data and settings folder: nothing of the user's is
read or written). Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))
import buildinfo  # noqa: E402
import freeze_trim  # noqa: E402

APP_DIST = ROOT / "build" / "dist" / buildinfo.DIST_NAME
BARE_SPEC = ROOT / "benchmarks" / "frozen_bare" / "bare.spec"
BARE_DIST = ROOT / "build" / "bench" / "dist" / "bare-window"
EXE = ".exe" if freeze_trim.WINDOWS else ""


def build() -> None:
    for spec, work, dist in (
        (ROOT / "installer.spec", "build/pyinstaller", "build/dist"),
        (BARE_SPEC, "build/bench/bare-work", "build/bench/dist"),
    ):
        started = time.perf_counter()
        print(f"PyInstaller {spec.relative_to(ROOT)} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                str(spec),
                "--noconfirm",
                "--log-level",
                "WARN",
                "--workpath",
                work,
                "--distpath",
                dist,
            ],
            cwd=ROOT,
            check=True,
        )
        print(f"  {time.perf_counter() - started:.0f} s", flush=True)


def files(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


def group(path: str) -> str:
    """Where a file belongs, for the size breakdown: its package or library."""
    parts = path.split("/")
    if parts[0] != "_internal" or len(parts) == 2:
        return parts[-1] if parts[0] != "_internal" else parts[1]
    if parts[1] in ("PySide6", "python3.11", "python3.12", "python3.13") and len(parts) > 3:
        return "/".join(parts[1:4])
    return parts[1]


def size_report(app: dict[str, int], bare: dict[str, int], app_exe: str, bare_exe: str) -> None:
    app_total, bare_total = sum(app.values()), sum(bare.values())
    print("\nUkuran folder (berkas biasa)")
    print(f"  {'aplikasi (build/dist/ksd-desktop)':<42} {app_total / 1e6:8.1f} MB  {len(app):4d} berkas")
    print(f"  {'jendela kosong (build/bench/dist/bare-window)':<42} {bare_total / 1e6:8.1f} MB  {len(bare):4d} berkas")
    ratio = app_total / bare_total
    print(f"  rasio {ratio:.2f}× (sasaran ≤ 1,30×) {'TERCAPAI' if ratio <= 1.3 else 'BELUM'}")
    extra = collections.Counter()
    for path, size in app.items():
        if path == app_exe:
            extra["program (arsip modul Python di dalamnya)"] += size - bare.get(bare_exe, 0)
        elif path not in bare:
            extra[group(path)] += size
    print(f"\nYang dibawa aplikasi di atas jendela kosong: {sum(extra.values()) / 1e6:.1f} MB")
    for name, size in extra.most_common(16):
        print(f"  {size / 1e6:7.2f} MB  {name}")


class Probe:
    """One kind of start: a command whose output says when the window showed (and the data)."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]):
        self.name, self.command, self.env = name, command, env
        self.shown: list[float] = []
        self.data: list[float] = []

    def once(self, record: bool = True) -> None:
        started = time.perf_counter()
        process = subprocess.Popen(
            self.command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=self.env, cwd=ROOT
        )
        shown = data = None
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.decode("utf-8", "replace")
            now = time.perf_counter() - started
            if shown is None and "jendela ditampilkan" in line:
                shown = now
            elif data is None and "data ditampilkan" in line:
                data = now
        if process.wait(timeout=120) != 0 or shown is None:
            raise RuntimeError(f"{self.name}: start gagal (kode {process.returncode})")
        if record:
            self.shown.append(shown)
            if data is not None:
                self.data.append(data)


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms" if values else "      –   "


def timing_report(probes: list[Probe], runs: int) -> dict[str, float]:
    for probe in probes:  # a first start fills the disk cache; not counted
        probe.once(record=False)
    for _ in range(runs):
        for probe in probes:
            probe.once()
    print(f"\nMulai (median dari {runs} proses baru, bergantian; dari proses dimulai)")
    print(f"  {'':<34} {'jendela tampil':>14} {'data tampil':>12}")
    for probe in probes:
        print(f"  {probe.name:<34} {median_ms(probe.shown):>14} {median_ms(probe.data):>12}")
    by_name = {p.name: p for p in probes}
    frozen, venv = by_name["aplikasi beku"], by_name["aplikasi dari .venv"]
    for label, a, b in (("jendela tampil", frozen.shown, venv.shown), ("data tampil", frozen.data, venv.data)):
        ratio = statistics.median(a) / statistics.median(b)
        print(f"  beku ÷ .venv, {label}: {ratio:.2f}× (sasaran ≤ 1,10×) {'TERCAPAI' if ratio <= 1.1 else 'BELUM'}")
    bare_frozen, bare_venv = by_name["jendela kosong beku"], by_name["jendela kosong dari .venv"]
    print(
        f"  jendela kosong beku ÷ .venv: {statistics.median(bare_frozen.shown) / statistics.median(bare_venv.shown):.2f}×"
    )
    return {
        "frozen_start_s": statistics.median(frozen.shown),
        "venv_start_s": statistics.median(venv.shown),
        "frozen_data_s": statistics.median(frozen.data),
        "venv_data_s": statistics.median(venv.data),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-build", action="store_true", help="pakai folder yang sudah dibuat")
    parser.add_argument("--proposals", type=int, default=156, help="usulan dalam basis data contoh (bawaan 156)")
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="FOLDER",
        help="another frozen app folder (e.g. built from an older installer.spec), sized and timed too",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="also print one JSON line of the figures (benchmarks/bench_table.py --frozen reads it)",
    )
    args = parser.parse_args(argv)
    if not args.no_build:
        build()
    app_exe = buildinfo.exe_path(APP_DIST)
    bare_exe = BARE_DIST / f"bare-window{EXE}"
    for path in (app_exe, bare_exe):
        if not path.exists():
            sys.exit(f"Tidak ada {path}: jalankan tanpa --no-build")
    size_report(files(APP_DIST), files(BARE_DIST), app_exe.name, bare_exe.name)
    if args.compare:
        other = files(args.compare)
        print(
            f"  {'pembanding (' + args.compare.name + ')':<42} {sum(other.values()) / 1e6:8.1f} MB  {len(other):4d} berkas"
        )

    with tempfile.TemporaryDirectory(prefix="ksd-bench-frozen-") as folder:
        home = Path(folder)
        env = dict(
            os.environ,
            KSD_DESKTOP_DATA_DIR=str(home / "data"),
            XDG_CONFIG_HOME=str(home / "config"),
            KSD_DESKTOP_SMOKE="1",
        )
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        db = home / "demo.sqlite3"
        subprocess.run(
            [str(app_exe), "demo", "--db", str(db), "--proposals", str(args.proposals)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        probes = [
            Probe("aplikasi beku", [str(app_exe), "--db", str(db)], env),
            Probe("aplikasi dari .venv", [sys.executable, "-m", "ksd_desktop", "--db", str(db)], env),
            Probe("jendela kosong beku", [str(bare_exe)], env),
            Probe("jendela kosong dari .venv", [sys.executable, str(BARE_SPEC.parent / "bare_window.py")], env),
        ]
        if args.compare:
            probes.append(Probe("pembanding beku", [str(buildinfo.exe_path(args.compare)), "--db", str(db)], env))
        started = timing_report(probes, args.runs)
    if args.json:
        app_size, bare_size = sum(files(APP_DIST).values()), sum(files(BARE_DIST).values())
        print(json.dumps({"app_mb": app_size / 1e6, "bare_mb": bare_size / 1e6, **started}))
    print(f"\n(beban mesin saat selesai: {os.getloadavg()[0]:.1f})" if hasattr(os, "getloadavg") else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
