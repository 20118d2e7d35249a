"""Build the user guide (Panduan Pengguna) from docs/panduan/ into resources/guide/panduan-pengguna.pdf.

    .venv/bin/python tools/build_guide.py                  screenshots taken afresh, then the PDF
    .venv/bin/python tools/build_guide.py --gambar-lama    reuse build/screenshots/laptop/

The screenshots are the screenshot script's (tools/screenshots.py, the 1366×768 office laptop),
never made by hand. The built PDF is committed, so a fresh clone and the frozen app have it
without building; tests/test_guide.py checks that it was built from the current source (its
digest is in the PDF's keywords) and that it holds every section F1 opens. Look at every
page after a rebuild:  pdftoppm -png -r 50 resources/guide/panduan-pengguna.pdf /tmp/panduan
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT))

OUT = ROOT / "resources" / "guide" / "panduan-pengguna.pdf"
SHOTS = ROOT / "build" / "screenshots" / "laptop"
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def edition(today: dt.date) -> str:
    """ "Desember 2026": the edition printed on the cover."""
    return f"{MONTHS[today.month - 1]} {today.year}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gambar-lama",
        action="store_true",
        help="pakai gambar layar yang sudah ada di --gambar (tanpa membuatnya ulang)",
    )
    parser.add_argument("--gambar", default=str(SHOTS), help="folder gambar layar (NN-nama.png)")
    parser.add_argument("--sumber", default=None, help="folder sumber (bawaan: docs/panduan)")
    parser.add_argument("--keluaran", default=str(OUT))
    parser.add_argument(
        "--boleh-kurang",
        action="store_true",
        help="gambar yang belum ada diganti catatan (pembuatan pertama, sebelum penampil panduan dapat difoto)",
    )
    args = parser.parse_args(argv)
    from guide_pdf import build_pdf
    from guide_source import SOURCE_DIR, SourceError, read_guide

    import ksd_desktop

    shots = Path(args.gambar)
    try:
        guide = read_guide(Path(args.sumber) if args.sumber else SOURCE_DIR)
    except SourceError as exc:
        print(f"Sumber panduan tidak dapat dibaca: {exc}", file=sys.stderr)
        return 1
    if not args.gambar_lama:
        code = subprocess.call(
            [sys.executable, str(TOOLS / "screenshots.py"), "--size", "laptop", "--out", str(shots.parent)]
        )
        if code:
            print("Gambar layar gagal dibuat (lihat pesan di atas).", file=sys.stderr)
            return code
    try:
        result = build_pdf(
            guide,
            shots,
            Path(args.keluaran),
            version=ksd_desktop.__version__,
            edition=edition(dt.date.today()),
            allow_missing=args.boleh_kurang,
        )
    except SourceError as exc:
        print(f"Panduan belum dibuat: {exc}", file=sys.stderr)
        return 1
    size = result.path.stat().st_size / 1e6
    print(f"{result.path}: {result.pages} halaman, {result.figures} gambar, {size:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
