"""Bootstrap for newcomers and CI, using only the Python standard library.

    python3 tasks.py start [ARGS...]   install into .venv (first time) and start KSD Desktop
    python3 tasks.py test  [ARGS...]   install with the test extra and run the test suite
    python3 tasks.py freeze            build the one-folder app with PyInstaller into build/dist
    python3 tasks.py freeze-check      run the frozen app's commands and window (installer/freeze_check.py)
    python3 tasks.py installer         build the Windows installer (NSIS) from build/dist into build/installer

The virtual environment is re-installed only when pyproject.toml (or constraints.txt, the
lock file, when there is one) changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
#: The lock file: every install (and so the frozen app) uses exactly these versions when present.
CONSTRAINTS = ROOT / "constraints.txt"


def ensure_env(extra: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("KSD Desktop memerlukan Python 3.11 atau lebih baru.")
    if not PYTHON.exists():
        print("Membuat lingkungan Python di .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = f".[{extra}]" if extra else "."
    stamp = VENV / f".installed-{extra or 'app'}"
    locked = CONSTRAINTS.exists()
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()
                            + (CONSTRAINTS.read_bytes() if locked else b"")).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Memasang KSD Desktop ({spec}) ...", flush=True)
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           *(["-c", str(CONSTRAINTS)] if locked else []), "-e", spec], cwd=ROOT)
    stamp.write_text(digest)


def freeze() -> int:
    ensure_env("build")
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


COMMANDS = ("start", "test", "freeze", "freeze-check", "installer")


def main(argv: list[str]) -> int:
    if argv[:1] in (["help"], ["--help"], ["-h"]):
        print(__doc__)
        return 0
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "start":
        ensure_env("")
        return subprocess.call([str(PYTHON), "-m", "ksd_desktop", *rest], cwd=ROOT)
    if command == "freeze":
        return freeze()
    if command == "freeze-check":
        return freeze_check(rest)
    if command == "installer":
        return installer(rest)
    ensure_env("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
