"""Bootstrap for newcomers and CI, using only the Python standard library.

    python3 tasks.py start [ARGS...]   install into .venv (first time) and start KSD Desktop
    python3 tasks.py test  [ARGS...]   install with the test extra and run the test suite
    python3 tasks.py lint              ruff (lint, format check) and mypy, as CI runs them
    python3 tasks.py freeze            build the one-folder app with PyInstaller into build/dist
    python3 tasks.py freeze-check      run the frozen app's commands and window (installer/freeze_check.py)
    python3 tasks.py installer         build the Windows installer (NSIS) from build/dist into build/installer
    python3 tasks.py lock              re-resolve the dependencies and rewrite constraints.txt

Every install is pinned by constraints.txt (the lock file, for Linux and Windows); the virtual
environment is re-installed only when pyproject.toml or constraints.txt changes. The Qt
catalogue (resources/i18n/*.ts) is compiled to build/i18n/*.qm before start, test and freeze.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import venv
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


def ensure_env(extra: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be run by an older python3
        sys.exit("KSD Desktop memerlukan Python 3.11 atau lebih baru.")
    if not PYTHON.exists():
        print("Membuat lingkungan Python di .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = f".[{extra}]" if extra else "."
    stamp = VENV / f".installed-{extra or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Memasang KSD Desktop ({spec}) ...", flush=True)
    _pip("install", "--quiet", "-c", str(CONSTRAINTS), "-e", spec)
    stamp.write_text(digest)


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
    here = subprocess.check_output([str(PYTHON), "-m", "pip", "--disable-pip-version-check", "freeze",
                                    "--exclude-editable"], cwd=ROOT, text=True)
    pins = {_name(line): line.strip() for line in here.splitlines() if "==" in line}
    for tool in ("pip", "setuptools", "wheel"):
        pins.pop(tool, None)
    windows_only = _resolve_for_windows([f".[{LOCK_EXTRAS}]"], only_markers=True)
    for pin in _resolve_for_windows(windows_only, only_markers=False) if windows_only else []:
        pins.setdefault(_name(pin), f'{pin} ; sys_platform == "win32"')
    header = ("# The lock file: exact versions for every install (tasks.py start/test/lint/freeze, CI).\n"
              "# Regenerate with: python3 tasks.py lock   (then run the full test suite and commit it)\n")
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
        _pip("install", "--quiet", "--dry-run", "--ignore-installed", "--only-binary", ":all:", "--platform",
             "win_amd64", "--python-version", "3.11", "--target", folder, "--report", str(report), *requirements)
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
    return subprocess.call([str(PYTHON), "-m", "PyInstaller", "installer.spec", "--noconfirm",
                            "--workpath", "build/pyinstaller", "--distpath", "build/dist"], cwd=ROOT)


def freeze_check(rest: list[str]) -> int:
    """The frozen app's commands and window, each checked (installer/freeze_check.py)."""
    ensure_env("build")  # pyHanko signs the test PDF in .venv; the frozen app verifies it
    return subprocess.call([str(PYTHON), str(ROOT / "installer" / "freeze_check.py"), *rest], cwd=ROOT)


def installer(rest: list[str]) -> int:
    """makensis over build/dist (installer/make_installer.py); says so when makensis is missing."""
    ensure_env("build")
    return subprocess.call([str(PYTHON), str(ROOT / "installer" / "make_installer.py"), *rest], cwd=ROOT)


COMMANDS = ("start", "test", "lint", "freeze", "freeze-check", "installer", "lock")


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
