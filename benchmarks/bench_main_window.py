"""Main window benchmark: start-up, search and memory, on 1,000 and 100,000 proposals.

    .venv/bin/python benchmarks/bench_main_window.py [--runs 7] [--sizes 1000 100000]

Prints, side by side in one run:

- the time to show the window, whole process, the way users start the app
  (``ksd-desktop --db BERKAS``: interpreter start, imports, building the window, its first
  paint with frame, menus, toolbar and panels, saying "Membuka berkas data…"), next to a
  bare PySide6 ``QMainWindow`` measured the same way: median of ``--runs`` fresh processes;
- beside it, from the same processes, the time until the data is shown: the file opened
  and checked (migrations, reference data), agencies and proposals read and painted;
- the time per search query in the running window (what a keystroke costs after the
  debounce: SQL, model reset, first page fetched, table repainted), median and maximum
  over a set of realistic Indonesian queries; and the SQL alone, for the shown year and
  for every year (the worst case: the whole 100,000);
- the peak memory (resident set) of each process.

Demo databases are built once with ``ksd-desktop demo`` into a cache folder (``--cache``,
default: the system temp folder) and reused; building 100,000 proposals takes a minute or
two. Qt runs offscreen unless QT_QPA_PLATFORM says otherwise. Numbers are printed, never
asserted: the tests do not time anything.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = (
    "dokter",
    "sampah",
    "Banjarbaru",
    "irigasi",
    "air bersih",
    "universitas lambung",
    "puskesmas",
    "jalan desa",
    "pariwisata",
    "UMKM",
    "kesehatan",
    "TPA",
    "banjir",
    "pelatihan guru",
)

PEAK_RSS = r"""
def peak_rss_mb():
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    except ImportError:  # Windows
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
                (n, ctypes.c_size_t) for n in ("PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
                                               "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage",
                                               "QuotaNonPagedPoolUsage", "PagefileUsage", "PeakPagefileUsage")]
        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        ctypes.windll.psapi.GetProcessMemoryInfo(ctypes.windll.kernel32.GetCurrentProcess(),
                                                 ctypes.byref(counters), counters.cb)
        return counters.PeakWorkingSetSize / (1024 * 1024)
"""

#: Child processes: each prints one JSON line when its window has been painted.
BARE = (
    PEAK_RSS
    + r"""
import json, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Jendela kosong")
window.resize(1366, 800)
window.show()
app.processEvents()
window.repaint()
print(json.dumps({"shown": time.perf_counter(), "rss": peak_rss_mb()}), flush=True)
"""
)
#: The real start (``ksd-desktop --db BERKAS``): run_gui shows the window, and once its first
#: paint is on the screen it calls ``open_data_file()``; timed here around that call (the
#: window module is imported a little earlier than run_gui would: the same work, in total).
APP = (
    PEAK_RSS
    + r"""
import json, sys, time
from PySide6.QtWidgets import QApplication
from ksd_desktop.gui.main_window.window import MainWindow
open_data_file = MainWindow.open_data_file

def timed(window):
    shown, rss_shown = time.perf_counter(), peak_rss_mb()
    early = sorted({m.split(".")[0] for m in sys.modules} & {"sqlite_utils", "reportlab", "pypdf", "pyhanko", "openpyxl",
                                                            "pypdfium2", "zxingcpp"})
    visible = []  # the moment the data is painted (the window's data_shown); the opening may go on behind it
    window.data_shown.connect(lambda: visible.append(time.perf_counter()))
    open_data_file(window)
    QApplication.processEvents()  # pending layouts, as the event loop does before painting
    window.repaint()  # the agencies and the first proposals, painted
    ready = time.perf_counter()
    loaded = visible[0] if visible else ready
    print(json.dumps({"shown": shown, "loaded": loaded, "ready": ready, "rss": rss_shown, "rss_loaded": peak_rss_mb(),
                      "rows": window.proposal_model.rowCount(), "year": window.year, "early": early,
                      "printed": time.perf_counter()}), flush=True)
    QApplication.instance().exit(0)

MainWindow.open_data_file = timed
from ksd_desktop.app import main
sys.exit(main(["--db", sys.argv[1]]))
"""
)
SEARCH = (
    PEAK_RSS
    + r"""
import json, statistics, sys, time
from PySide6.QtWidgets import QApplication
from ksd_desktop.gui import open_main_window
from ksd_desktop.storage.queries import ProposalFilter
window = open_main_window(sys.argv[1])
QApplication.processEvents()
queries, reps = json.loads(sys.argv[2]), int(sys.argv[3])
results = {}
for text in queries:
    ui, sql_year, sql_all = [], [], []
    for _ in range(reps):
        window.search.setText("")
        window.filter_bar.flush()
        QApplication.processEvents()
        window.search.setText(text)
        start = time.perf_counter()
        window.filter_bar.flush()                      # what the debounce timer does
        window.proposals_view.viewport().repaint()     # the first page, fetched and painted
        ui.append(time.perf_counter() - start)
        for bucket, year in ((sql_year, window.year), (sql_all, None)):
            start = time.perf_counter()
            window.queries.ids(ProposalFilter(year=year, search=text))
            bucket.append(time.perf_counter() - start)
    results[text] = {"ui": statistics.median(ui), "sql_year": statistics.median(sql_year),
                     "sql_all": statistics.median(sql_all), "found": window.proposal_model.rowCount()}
print(json.dumps({"results": results, "rss": peak_rss_mb(), "year": window.year,
                  "cached_rows": window.proposal_model.cached_rows()}), flush=True)
"""
)


#: Every prefix of these words typed one letter at a time (what a keystroke costs once the
#: debounce has passed: the query, the model reset, the table repainted).
KEYSTROKE_WORDS = (
    "sampah",
    "Banjarbaru",
    "pendidikan",
    "puskesmas",
    "irigasi",
    "universitas",
    "pariwisata",
    "kesehatan",
)
KEYSTROKES = (
    PEAK_RSS
    + r"""
import json, statistics, sys, time
from PySide6.QtWidgets import QApplication
from ksd_desktop.gui import open_main_window
window = open_main_window(sys.argv[1])
QApplication.processEvents()
words, reps = json.loads(sys.argv[2]), int(sys.argv[3])
per = {}
for _ in range(reps):
    for word in words:
        window.search.setText(""); window.filter_bar.flush(); QApplication.processEvents()
        window.queries._cache.clear()  # every word's look-ups cold again (the year's ids come back at once)
        window.queries.ids(window.proposal_model.filter)
        for k in range(1, len(word) + 1):
            window.search.setText(word[:k])
            start, cpu = time.perf_counter(), time.thread_time()
            window.filter_bar.flush()                      # what the debounce timer does
            window.proposals_view.viewport().repaint()     # the first page, fetched and painted
            per.setdefault(word[:k], []).append((time.perf_counter() - start, time.thread_time() - cpu))
            QApplication.processEvents()
wall = {k: statistics.median(x[0] for x in v) for k, v in per.items()}
cpu = {k: statistics.median(x[1] for x in v) for k, v in per.items()}
print(json.dumps({"median": statistics.median(wall.values()), "max": max(wall.values()),
                  "worst": max(wall, key=wall.get), "cpu_median": statistics.median(cpu.values()),
                  "cpu_max": max(cpu.values()), "keystrokes": len(per)}), flush=True)
"""
)


def keystrokes(path: Path, reps: int = 5) -> dict:
    """Every prefix of KEYSTROKE_WORDS in the running window: medians over ``reps`` of each keystroke."""
    return run_child(KEYSTROKES, str(path), json.dumps(KEYSTROKE_WORDS), str(reps))[1]


_CONFIG = tempfile.TemporaryDirectory(prefix="ksd-bench-config-")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    # compiled bytecode is cached, as in an installed (or frozen) app, for both windows alike
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # a throwaway settings folder: no remembered year or window size changes the numbers
    env["XDG_CONFIG_HOME"] = _CONFIG.name
    env["KSD_DESKTOP_DATA_DIR"] = _CONFIG.name  # the app's log file, not the user's
    return env


def run_child(code: str, *args: str) -> tuple[float, dict]:
    """Start a fresh interpreter; returns (seconds until its JSON line, the JSON).

    A line with "shown" and "loaded" (the child's clock) gives both as whole-process
    times: each one's distance to "printed" is taken off the moment the line was read."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=ROOT,
    )
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.stdout.close()
    process.wait(timeout=120)
    if not line:
        raise SystemExit(f"Proses anak gagal:\n{process.stderr.read()}")
    process.stderr.close()
    result = json.loads(line)
    if "loaded" in result:
        result["loaded_s"] = elapsed - (result["printed"] - result["loaded"])
        result["ready_s"] = elapsed - (result["printed"] - result["ready"])
        result["shown_s"] = elapsed - (result["printed"] - result["shown"])
        return result["shown_s"], result
    return elapsed, result


def demo_database(cache: Path, proposals: int) -> Path:
    """The demo database with ``proposals`` proposals, built once with ``ksd-desktop demo``."""
    from ksd_desktop.storage.migrations import latest_version

    path = cache / f"demo-{proposals}-skema{latest_version()}.sqlite3"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".sebagian.sqlite3")
        for leftover in cache.glob(partial.name + "*"):
            leftover.unlink()
        print(f"Membuat basis data contoh {proposals:,} usulan di {path} ...".replace(",", "."), flush=True)
        subprocess.run(
            [sys.executable, "-m", "ksd_desktop", "demo", "--db", str(partial), "--proposals", str(proposals)],
            check=True,
            cwd=ROOT,
            env=child_env(),
        )
        partial.rename(path)
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
    return path


def start_up(paths: dict[int, Path], runs: int) -> dict:
    """Median (seconds, peak RSS in MB) of ``runs`` fresh processes per window, taken in
    turns (bare, 1.000, 100.000, bare, ...) so that a busy machine weighs on all alike."""
    samples: dict = {"bare": []} | {n: [] for n in paths}
    run_child(BARE)  # warm the disk cache (and write the bytecode) for every side
    for path in paths.values():
        run_child(APP, str(path))
    for _ in range(runs):
        samples["bare"].append(run_child(BARE))
        for n, path in paths.items():
            samples[n].append(run_child(APP, str(path)))
    medians = {
        key: (statistics.median(s for s, _ in runs_), statistics.median(j["rss"] for _, j in runs_), runs_[-1][1])
        for key, runs_ in samples.items()
    }
    for key, runs_ in samples.items():
        if key != "bare":
            medians[key][2]["loaded_median"] = statistics.median(j["loaded_s"] for _, j in runs_)
            medians[key][2]["ready_median"] = statistics.median(j["ready_s"] for _, j in runs_)
            medians[key][2]["rss_loaded_median"] = statistics.median(j["rss_loaded"] for _, j in runs_)
    return medians


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per start-up measurement")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per search query (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "ksd-desktop-bench")
    args = parser.parse_args(argv)

    paths = {n: demo_database(args.cache, n) for n in args.sizes}
    started = start_up(paths, args.runs)
    bare_s, bare_rss, _ = started["bare"]
    columns: dict[int, dict] = {}
    for n, path in paths.items():
        show_s, show_rss, shown = started[n]
        _, search = run_child(SEARCH, str(path), json.dumps(QUERIES), str(args.reps))
        columns[n] = {
            "show": show_s,
            "show_rss": show_rss,
            "rows": shown["rows"],
            "year": shown["year"],
            "loaded": shown["loaded_median"],
            "loaded_rss": shown["rss_loaded_median"],
            "early": shown["early"],
            "search": search,
        }

    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    print()
    print(
        f"KSD Desktop, jendela utama (Qt: {platform}; Python {sys.version.split()[0]}; "
        f"median dari {args.runs} proses baru, {args.reps} ulangan per kueri)"
    )
    width = 44
    head = "".join(f"{number(n) + ' usulan':>20}" for n in columns)
    print(f"{'':<{width}}{head}")

    def row(title: str, values: list[str]) -> None:
        print(f"{title:<{width}}" + "".join(f"{v:>20}" for v in values))

    row("Jendela tampil (seluruh proses)", [f"{c['show'] * 1000:.0f} ms" for c in columns.values()])
    row("Data termuat dan tampil (seluruh proses)", [f"{c['loaded'] * 1000:.0f} ms" for c in columns.values()])
    row("QMainWindow PySide6 kosong (seluruh proses)", [f"{bare_s * 1000:.0f} ms" for _ in columns])
    row("  rasio jendela tampil / jendela kosong", [f"{c['show'] / bare_s:.2f}×" for c in columns.values()])
    row("  rasio data termuat / jendela kosong", [f"{c['loaded'] / bare_s:.2f}×" for c in columns.values()])
    row("  pustaka berat dimuat sebelum tampil", [", ".join(c["early"]) or "tidak ada" for c in columns.values()])
    row("  usulan di tabel setelah termuat (tahun)", [f"{number(c['rows'])} ({c['year']})" for c in columns.values()])
    for key, title in (
        ("ui", "Pencarian per kueri, di jendela: median"),
        ("sql_year", "  SQL saja, tahun yang tampil"),
        ("sql_all", "  SQL saja, semua tahun"),
    ):
        row(
            title,
            [
                f"{statistics.median(r[key] for r in c['search']['results'].values()) * 1000:.1f} ms"
                for c in columns.values()
            ],
        )
        if key == "ui":
            row(
                "  maksimum",
                [f"{max(r['ui'] for r in c['search']['results'].values()) * 1000:.1f} ms" for c in columns.values()],
            )
    row("Memori puncak (RSS): jendela kosong", [f"{bare_rss:.0f} MB" for _ in columns])
    row("Memori puncak (RSS): jendela tampil", [f"{c['show_rss']:.0f} MB" for c in columns.values()])
    row("Memori puncak (RSS): data termuat", [f"{c['loaded_rss']:.0f} MB" for c in columns.values()])
    row("Memori puncak (RSS): setelah semua pencarian", [f"{c['search']['rss']:.0f} MB" for c in columns.values()])
    row("  baris usulan yang dipegang model", [number(c["search"]["cached_rows"]) for c in columns.values()])
    print()
    print("Per kueri (di jendela, ms; jumlah usulan ditemukan pada tahun yang tampil):")
    for text in QUERIES:
        row(
            f"  {text!r}",
            [
                f"{c['search']['results'][text]['ui'] * 1000:6.1f} ({number(c['search']['results'][text]['found'])})"
                for c in columns.values()
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
