"""python3 tasks.py installer: build the Windows installer from the PyInstaller folder with NSIS.

    python3 tasks.py installer [--dist FOLDER] [--out FILE] [--dry]

Compiles installer/ksd-desktop.nsi with makensis (on Windows, or on Linux where makensis
compiles the same script: a check of the script, with the Linux payload). ``--dry`` packs a
tiny stand-in folder instead of build/dist (seconds instead of a minute of LZMA): what the
test suite and CI's Linux job use to check that the script compiles. Exit code 0 when the
installer was written; 1 when makensis failed or the folder is missing; 3 when makensis is
not installed (the message says how to get it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import buildinfo

ROOT = buildinfo.ROOT
SCRIPT = ROOT / "installer" / "ksd-desktop.nsi"
IMAGES = ROOT / "installer" / "images"
MISSING = 3


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base and (Path(base) / "NSIS" / "makensis.exe").exists():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def program_name(dist: Path) -> str:
    """The program's file name in ``dist``: "KSD Desktop.exe" (Windows) or ``ksd-desktop`` (Linux)."""
    for name in (f"{buildinfo.APP_NAME}.exe", buildinfo.DIST_NAME, f"{buildinfo.DIST_NAME}.exe"):
        if (dist / name).is_file():
            return name
    raise FileNotFoundError(f"tidak ada program KSD Desktop di {dist}")


def dry_payload(folder: Path) -> Path:
    """A stand-in for build/dist/ksd-desktop: the same layout, a few bytes."""
    dist = folder / buildinfo.DIST_NAME
    (dist / "_internal" / "resources").mkdir(parents=True)
    (dist / f"{buildinfo.APP_NAME}.exe").write_bytes(b"MZ stand-in")
    (dist / buildinfo.CLI_SHIM).write_text(buildinfo.cli_shim(), encoding="ascii", newline="")
    (dist / "_internal" / "resources" / "README.txt").write_text("stand-in payload\n", encoding="utf-8")
    return dist


def defines(dist: Path, out: Path, version: str) -> dict[str, str]:
    return {
        "VERSION": version,
        "VERSION4": ".".join(str(n) for n in buildinfo.version_tuple(version)),
        "DIST": str(dist),
        "EXE": program_name(dist),
        "OUTFILE": str(out),
        "ICON": str(buildinfo.ICON_ICO),
        "FILE_ICON": str(ROOT / "resources" / "icons" / "ksd-file.ico"),
        "WIZARD_BMP": str(IMAGES / "wizard.bmp"),
        "HEADER_BMP": str(IMAGES / "header.bmp"),
    }


def build(makensis: str, dist: Path, out: Path, *, quiet: bool = False) -> subprocess.CompletedProcess:
    version = buildinfo.app_version()
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [makensis, "-NOCD", "-WX", "-V2" if quiet else "-V3"]
    command += [f"-D{key}={value}" for key, value in defines(dist, out, version).items()]
    command.append(str(SCRIPT))
    return subprocess.run(command, capture_output=quiet, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "build" / "dist" / buildinfo.DIST_NAME)
    parser.add_argument("--out", type=Path, help="bawaan: build/installer/KSD-Desktop-VERSI-setup.exe")
    parser.add_argument("--dry", action="store_true", help="paket pengganti kecil: hanya memeriksa skrip NSIS")
    args = parser.parse_args(argv)
    makensis = find_makensis()
    if makensis is None:
        print(
            "makensis (NSIS 3) tidak ditemukan. Windows: choco install nsis (atau winget install NSIS.NSIS); "
            "Debian/Ubuntu: apt-get install nsis.",
            file=sys.stderr,
        )
        return MISSING
    version = buildinfo.app_version()
    out = args.out or ROOT / "build" / "installer" / f"KSD-Desktop-{version}-setup.exe"
    with tempfile.TemporaryDirectory(prefix="ksd-nsis-") as folder:
        dist = dry_payload(Path(folder)) if args.dry else args.dist.resolve()
        try:
            program_name(dist)
        except FileNotFoundError:
            print(
                f"Folder aplikasi beku tidak ditemukan: {dist}\nBuat dulu dengan: python3 tasks.py freeze",
                file=sys.stderr,
            )
            return 1
        done = build(makensis, dist, out.resolve())
    if done.returncode != 0:
        print(f"makensis gagal (kode {done.returncode}).", file=sys.stderr)
        return 1
    print(f"Pemasang dibuat: {out} ({out.stat().st_size / 1e6:.1f} MB)" + (" [paket pengganti]" if args.dry else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
