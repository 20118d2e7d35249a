"""Bootstrap for newcomers and CI, using only the Python standard library.

    python3 tasks.py start [ARGS...]   install into .venv (first time) and start KSD Desktop
    python3 tasks.py test  [ARGS...]   install the test extra too and run the test suite
    python3 tasks.py lint              ruff (lint, format check) and mypy, as CI runs them
    python3 tasks.py freeze            build the one-folder app with PyInstaller into build/dist
    python3 tasks.py freeze-check      run the frozen app's commands and window (installer/freeze_check.py)
    python3 tasks.py installer         build the Windows installer (NSIS) from build/dist into build/installer
    python3 tasks.py lock              re-resolve the dependencies and rewrite constraints.txt
    python3 tasks.py bench [ARGS...]   issue 15's table: every figure beside its baseline, at 1,000 and
                                       100,000 proposals (benchmarks/bench_table.py; several minutes)

Every install is pinned by constraints.txt (the lock file, for Linux and Windows); the app is
installed again only when pyproject.toml or constraints.txt changes; an extra (test, lint,
build) is installed on top of it without reinstalling the app, and ``start`` after ``test``
installs nothing. While pip works, one line says what it is doing and for how long. The Qt
catalogue (resources/i18n/*.ts) is compiled to build/i18n/*.qm before start, test and freeze.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import venv
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CONSTRAINTS = ROOT / "constraints.txt"
TRANSLATIONS, COMPILED_TRANSLATIONS = ROOT / "resources" / "i18n", ROOT / "build" / "i18n"
LOCK_EXTRAS = "test,lint,build"


def _pip(*args: str) -> None:
    subprocess.check_call([str(PYTHON), "-m", "pip", "--disable-pip-version-check", *args], cwd=ROOT)


STAMP = VENV / ".ksd-installed.json"


def _digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes()).hexdigest()


def _installed() -> set[str]:
    """What is installed for the current pyproject.toml and lock file: "app" and the extras."""
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _older_stamps()
    return set(stamp.get("parts", ())) if stamp.get("digest") == _digest() else set()


def _older_stamps() -> set[str]:
    """A .venv made by an earlier tasks.py (one stamp file per extra) is used as it is."""
    parts: set[str] = set()
    for stamp in VENV.glob(".installed-*"):
        try:
            if stamp.read_text(encoding="utf-8") == _digest():
                name = stamp.name.removeprefix(".installed-")
                parts |= {"app"} | (set() if name == "app" else set(name.split(",")))
        except OSError:
            continue
    return parts


def _remember(parts: set[str]) -> None:
    STAMP.write_text(json.dumps({"digest": _digest(), "parts": sorted(parts)}), encoding="utf-8")


def _extra_requirements(extras: list[str]) -> list[str]:
    import tomllib

    optional = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"].get(
        "optional-dependencies", {}
    )
    return [requirement for extra in extras for requirement in optional.get(extra, [])]


def ensure_env(extra: str = "") -> None:
    """The app in .venv (editable), and the requirements of ``extra`` ("test", or "test,lint,build") with it."""
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be run by an older python3
        sys.exit("KSD Desktop memerlukan Python 3.11 atau lebih baru.")
    if not PYTHON.exists():
        print("Membuat lingkungan Python di .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    extras = [e for e in extra.split(",") if e]
    have, wanted = _installed(), {"app", *extras}
    if wanted <= have:
        return
    if "app" in have:  # only the extras, on top of what is there
        print(f"Memasang perlengkapan tambahan ({', '.join(sorted(wanted - have))}) ...", flush=True)
        pip_install(["-c", str(CONSTRAINTS), *_extra_requirements(sorted(wanted - have))])
    else:
        print(
            "Memasang KSD Desktop dan pustakanya. Pemasangan pertama memerlukan 1–2 menit "
            "(lebih lama pada koneksi lambat).",
            flush=True,
        )
        pip_install(["-c", str(CONSTRAINTS), "-e", f".[{extra}]" if extra else "."])
        have = {"app"}
    _remember(have | wanted)


def pip_install(arguments: list[str]) -> None:
    """``pip install`` with one line of progress; pip's own output is shown only if it fails."""
    command = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off", *arguments]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        bufsize=1,
        env=dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8"),
    )
    progress = Progress()
    tail: deque[str] = deque(maxlen=40)
    assert process.stdout is not None
    for line in process.stdout:
        tail.append(line.rstrip())
        progress.read(line)
    code = process.wait()
    progress.stop()
    if code != 0:
        print("\nPemasangan gagal. Keluaran pip terakhir:", file=sys.stderr)
        print("\n".join(f"  {line}" for line in tail), file=sys.stderr)
        sys.exit(
            "Periksa koneksi internet (atau proxy kantor), lalu jalankan perintah yang sama sekali lagi; "
            "yang sudah terunduh tidak diunduh ulang."
        )
    print(f"Selesai dalam {progress.elapsed()} detik.", flush=True)


class Progress:
    """What pip is doing, as one line rewritten in place (a terminal) or a line per step (a log)."""

    HEARTBEAT = 15  # seconds between "still working" lines when the output is not a terminal

    def __init__(self, stream=sys.stdout):
        self.stream, self.tty = stream, stream.isatty()
        self.start = self.last_line = time.monotonic()
        self.collected, self.step = 0, "menyiapkan"
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._ticker = threading.Thread(target=self._tick, daemon=True)
        self._ticker.start()

    def elapsed(self) -> int:
        return int(time.monotonic() - self.start)

    def read(self, line: str) -> None:
        """Turn one line of pip's output into the step shown."""
        text = line.strip()
        word, _, rest = text.partition(" ")
        if word == "Collecting" or word == "Obtaining":
            self.collected += 1
            self.show(f"memeriksa paket ke-{self.collected}: {rest.split()[0] if rest else ''}")
        elif word == "Downloading":
            name = Path(rest.split()[0]).name if rest else ""
            size = rest[rest.find("(") + 1 : rest.find(")")] if "(" in rest else ""
            self.show(f"mengunduh {name.split('-')[0]}" + (f" ({size})" if size else ""))
        elif text.startswith("Building") or text.startswith("Preparing") or text.startswith("Getting requirements"):
            self.show("menyiapkan paket KSD Desktop")
        elif text.startswith("Installing collected packages:"):
            count = len([p for p in text.split(":", 1)[1].split(",") if p.strip()])
            self.show(f"memasang {count} paket ke .venv (langkah terakhir)")

    def show(self, step: str) -> None:
        with self._lock:
            changed = step != self.step
            self.step = step
            now = time.monotonic()
            if self.tty:
                text = f"  [{self.elapsed():>3} d] {step}"[:110]
                self.stream.write("\r" + text.ljust(110))
                self.stream.flush()
            elif changed:
                self.stream.write(f"  [{self.elapsed():>3} d] {step}\n")
                self.stream.flush()
                self.last_line = now

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            if self.tty:
                self.show(self.step)
            elif time.monotonic() - self.last_line >= self.HEARTBEAT:
                with self._lock:
                    self.stream.write(f"  [{self.elapsed():>3} d] {self.step} (masih berjalan)\n")
                    self.stream.flush()
                    self.last_line = time.monotonic()

    def stop(self) -> None:
        self._stop.set()
        self._ticker.join()
        if self.tty:
            self.stream.write("\r" + " " * 112 + "\r")
            self.stream.flush()


def build_translations(bin_dir: Path = BIN) -> list[Path]:
    """Compile each resources/i18n/*.ts to build/i18n/*.qm with PySide6's lrelease, when out of date."""
    lrelease = bin_dir / ("pyside6-lrelease.exe" if os.name == "nt" else "pyside6-lrelease")
    written = []
    for source in sorted(TRANSLATIONS.glob("*.ts")):
        target = COMPILED_TRANSLATIONS / source.with_suffix(".qm").name
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.check_call([str(lrelease), "-silent", str(source), "-qm", str(target)])
        written.append(target)
    return written


def lint() -> int:
    """Lint and format check (ruff) and types (mypy): the gate CI runs before the tests."""
    ensure_env("lint")
    failed = 0
    for command in (["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"]):
        print(f"$ {' '.join(command)}", flush=True)
        failed |= subprocess.call([str(PYTHON), "-m", *command], cwd=ROOT) != 0
    return int(failed)


def lock() -> int:
    """Resolve the newest versions pyproject.toml allows and write them to constraints.txt.

    Resolved here (Linux), plus what only Windows installs (the office laptops run the frozen
    app there): pip evaluates environment markers for the running system only, so the
    requirements whose markers hold on Windows alone are found and resolved for win_amd64.
    """
    ensure_env(LOCK_EXTRAS)
    _pip("install", "--quiet", "--upgrade", "--upgrade-strategy", "eager", "-e", f".[{LOCK_EXTRAS}]")
    here = subprocess.check_output(
        [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "freeze", "--exclude-editable"], cwd=ROOT, text=True
    )
    pins = {_name(line): line.strip() for line in here.splitlines() if "==" in line}
    for tool in ("pip", "setuptools", "wheel"):
        pins.pop(tool, None)
    windows_only = _resolve_for_windows([f".[{LOCK_EXTRAS}]"], only_markers=True)
    for pin in _resolve_for_windows(windows_only, only_markers=False) if windows_only else []:
        pins.setdefault(_name(pin), f'{pin} ; sys_platform == "win32"')
    header = (
        "# The lock file: exact versions for every install (tasks.py start/test/lint/freeze, CI).\n"
        "# Regenerate with: python3 tasks.py lock   (then run the full test suite and commit it)\n"
    )
    CONSTRAINTS.write_text(header + "\n".join(pins[key] for key in sorted(pins)) + "\n", encoding="utf-8")
    print(f"{CONSTRAINTS.name}: {len(pins)} paket", flush=True)
    return 0


_WINDOWS_MARKERS = """
import json, sys
from packaging.markers import default_environment
from packaging.requirements import Requirement
report = json.load(open(sys.argv[1], encoding="utf-8"))["install"]
names = {item["metadata"]["name"].lower() for item in report}
here, windows = default_environment(), dict(default_environment(), sys_platform="win32", platform_system="Windows",
                                            os_name="nt")
found = set()
for item in report:
    for text in item["metadata"].get("requires_dist", []):
        req = Requirement(text)
        for extra in ["", *item.get("requested_extras", [])]:
            if req.marker and req.marker.evaluate(dict(windows, extra=extra)) \
                    and not req.marker.evaluate(dict(here, extra=extra)) and req.name.lower() not in names:
                found.add(f"{req.name}{req.specifier}")
print(" ".join(sorted(found)))
"""


def _resolve_for_windows(requirements: list[str], *, only_markers: bool) -> list[str]:
    """Pins of a win_amd64 resolution, or (only_markers) the requirements only Windows adds."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        _pip(
            "install",
            "--quiet",
            "--dry-run",
            "--ignore-installed",
            "--only-binary",
            ":all:",
            "--platform",
            "win_amd64",
            "--python-version",
            "3.11",
            "--target",
            folder,
            "--report",
            str(report),
            *requirements,
        )
        if only_markers:
            out = subprocess.check_output([str(PYTHON), "-c", _WINDOWS_MARKERS, str(report)], text=True)
            return out.split()
        resolved = json.loads(report.read_text(encoding="utf-8"))["install"]
    return [f"{item['metadata']['name']}=={item['metadata']['version']}" for item in resolved]


def _name(requirement: str) -> str:
    return requirement.split("==")[0].strip().lower().replace("_", "-").replace(".", "-")


def freeze() -> int:
    ensure_env("build")
    build_translations()
    return subprocess.call(
        [
            str(PYTHON),
            "-m",
            "PyInstaller",
            "installer.spec",
            "--noconfirm",
            "--workpath",
            "build/pyinstaller",
            "--distpath",
            "build/dist",
        ],
        cwd=ROOT,
    )


def freeze_check(rest: list[str]) -> int:
    """The frozen app's commands and window, each checked (installer/freeze_check.py)."""
    ensure_env("build")  # pyHanko signs the test PDF in .venv; the frozen app verifies it
    return subprocess.call([str(PYTHON), str(ROOT / "installer" / "freeze_check.py"), *rest], cwd=ROOT)


def installer(rest: list[str]) -> int:
    """makensis over build/dist (installer/make_installer.py); says so when makensis is missing."""
    ensure_env("build")
    return subprocess.call([str(PYTHON), str(ROOT / "installer" / "make_installer.py"), *rest], cwd=ROOT)


COMMANDS = ("start", "test", "lint", "freeze", "freeze-check", "installer", "lock", "bench")


def bench(rest: list[str]) -> int:
    """The speed figures beside their baselines, in one table (benchmarks/bench_table.py)."""
    ensure_env("")
    build_translations()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), str(ROOT / "benchmarks" / "bench_table.py"), *rest], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    if argv[:1] in (["help"], ["--help"], ["-h"]):
        print(__doc__)
        return 0
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "freeze":
        return freeze()
    if command == "freeze-check":
        return freeze_check(rest)
    if command == "installer":
        return installer(rest)
    if command == "lint":
        return lint()
    if command == "lock":
        return lock()
    if command == "bench":
        return bench(rest)
    if command == "start":
        ensure_env("")
        build_translations()
        return subprocess.call([str(PYTHON), "-m", "ksd_desktop", *rest], cwd=ROOT)
    ensure_env("test")
    build_translations()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
