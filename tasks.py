"""Bootstrap for newcomers and CI, using only the Python standard library.

    python3 tasks.py start [ARGS...]   install into .venv (first time) and start KSD Desktop
    python3 tasks.py test  [ARGS...]   install the test extra too and run the test suite
    python3 tasks.py freeze            build the one-folder app with PyInstaller into build/dist

The app is installed again only when pyproject.toml changes; an extra (test, build) is
installed on top of it without reinstalling the app, and ``start`` after ``test`` installs
nothing. While pip works, one line says what it is doing and for how long.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import venv
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".ksd-installed.json"


def _digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def _installed() -> set[str]:
    """What is installed for the current pyproject.toml: "app" and the extras ("test", "build")."""
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _older_stamps()
    return set(stamp.get("parts", ())) if stamp.get("digest") == _digest() else set()


def _older_stamps() -> set[str]:
    """A .venv made by an earlier tasks.py (one stamp file per extra) is used as it is."""
    parts = set()
    for name, installed in ((".installed-app", {"app"}), (".installed-test", {"app", "test"}),
                            (".installed-build", {"app", "build"})):
        try:
            if (VENV / name).read_text(encoding="utf-8") == _digest():
                parts |= installed
        except OSError:
            continue
    return parts


def _remember(parts: set[str]) -> None:
    STAMP.write_text(json.dumps({"digest": _digest(), "parts": sorted(parts)}), encoding="utf-8")


def _extra_requirements(extra: str) -> list[str]:
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project.get("optional-dependencies", {}).get(extra, []))


def ensure_env(extra: str = "") -> None:
    """The app in .venv (editable), and ``extra``'s requirements with it."""
    if sys.version_info < (3, 11):
        sys.exit("KSD Desktop memerlukan Python 3.11 atau lebih baru.")
    if not PYTHON.exists():
        print("Membuat lingkungan Python di .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    have = _installed()
    wanted = {"app", extra} - {""}
    if wanted <= have:
        return
    if "app" in have:  # only the extra, on top of what is there
        print(f"Memasang perlengkapan tambahan «{extra}» ...", flush=True)
        pip_install(_extra_requirements(extra))
    else:
        print("Memasang KSD Desktop dan pustakanya. Pemasangan pertama memerlukan 1–2 menit "
              "(lebih lama pada koneksi lambat).", flush=True)
        pip_install(["-e", f".[{extra}]" if extra else "."])
        have = {"app"}
    _remember(have | wanted)


def pip_install(arguments: list[str]) -> None:
    """``pip install`` with one line of progress; pip's own output is shown only if it fails."""
    command = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off",
               *arguments]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               encoding="utf-8", errors="replace", bufsize=1,
                               env=dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8"))
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
        sys.exit("Periksa koneksi internet (atau proxy kantor), lalu jalankan perintah yang sama sekali lagi; "
                 "yang sudah terunduh tidak diunduh ulang.")
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
            size = rest[rest.find("(") + 1:rest.find(")")] if "(" in rest else ""
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


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("start", "test", "freeze"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "start":
        ensure_env()
        return subprocess.call([str(PYTHON), "-m", "ksd_desktop", *rest], cwd=ROOT)
    if command == "freeze":
        ensure_env("build")
        return subprocess.call([str(PYTHON), "-m", "PyInstaller", "installer.spec", "--noconfirm",
                                "--workpath", "build/pyinstaller", "--distpath", "build/dist"], cwd=ROOT)
    ensure_env("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
