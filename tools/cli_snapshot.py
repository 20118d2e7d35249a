"""Record what the command line prints, to compare two versions of the code.

    .venv/bin/python tools/cli_snapshot.py > before.txt    # on the old commit
    .venv/bin/python tools/cli_snapshot.py > after.txt     # on the new one
    diff before.txt after.txt                              # empty: behaviour unchanged

Runs every command (help, usage errors, init, check, demo, export-pdf, verify, export,
import, undo-import, recap, and their error paths) as a real process in a temporary
folder, and prints each one's exit code, stdout and stderr. Paths, sizes in KB and the
demo's duration are replaced by placeholders so that two runs compare equal.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cases(tmp: Path) -> list[list[str]]:
    db, other = str(tmp / "ksd.sqlite3"), str(tmp / "lain.sqlite3")
    text = tmp / "teks.sqlite3"
    text.write_text("bukan basis data")
    (tmp / "bukan.pdf").write_text("bukan PDF")
    return [
        ["--help"],
        ["--version"],
        ["hapus-semua"],
        ["--db"],
        *[
            [command, "--help"]
            for command in ("init", "check", "demo", "export-pdf", "verify", "export", "import", "undo-import", "recap")
        ],
        ["demo", "--proposals", "-1"],
        ["demo", "--proposals", "x"],
        ["export-pdf", "--db", db],
        ["import", "--db", db, "--ambil-masuk", "--pertahankan-lokal", "a.ksd"],
        ["recap"],
        ["check", "--db", str(tmp / "tidak-ada.sqlite3")],
        ["init", "--db", str(text)],
        ["check", "--db", str(text)],
        ["export-pdf", "--db", str(tmp / "tidak-ada.sqlite3"), "--agency", "DINKES", "--year", "2024", "x.pdf"],
        ["init", "--db", db],
        ["check", "--db", db],
        ["demo", "--db", db, "--proposals", "40"],
        ["demo", "--db", db],
        ["check", "--db", db],
        ["export-pdf", "--db", db, "--agency", "XXX", "--year", "2024", str(tmp / "x.pdf")],
        ["export-pdf", "--db", db, "--agency", "dinkes", "--year", "2024", str(tmp / "dinkes.pdf")],
        ["export-pdf", "--db", db, "--agency", "DINKES", "--year", "2024", str(tmp / "no-folder" / "a" / "b.pdf")],
        ["verify", str(tmp / "dinkes.pdf")],
        ["verify", str(tmp / "bukan.pdf")],
        ["verify", str(tmp / "nope.pdf")],
        ["export", "--db", db, "--agency", "XXX", str(tmp / "x.ksd")],
        ["export", "--db", db, "--year", "1999", str(tmp / "x.ksd")],
        ["export", "--db", db, "--agency", "DINKES", str(tmp / "dinkes.ksd")],
        ["export", "--db", db, str(tmp / "semua.ksd")],
        ["init", "--db", other],
        ["import", "--db", other, "--pratinjau", str(tmp / "semua.ksd"), str(tmp / "bukan.pdf")],
        ["import", "--db", other, str(tmp / "dinkes.ksd")],
        ["import", "--db", other, str(tmp / "semua.ksd"), str(tmp / "dinkes.pdf")],
        ["undo-import", "--db", other],
        ["undo-import", "--db", str(tmp / "tidak-ada.sqlite3")],
        ["recap", "--db", db, "--year", "2024", str(tmp / "rekap.txt")],
        ["recap", "--db", db, "--year", "2024", str(tmp / "rekap.pdf")],
        ["recap", "--db", db, "--year", "2024", str(tmp / "rekap.xlsx")],
        ["recap", "--db", db, "--year", "1990", str(tmp / "kosong.pdf")],
    ]


def scrub(text: str, tmp: Path) -> str:
    text = text.replace(str(tmp), "<TMP>")
    text = re.sub(r"\(\d+ KB\)", "(<N> KB)", text)
    text = re.sub(r"dalam \d+,\d detik", "dalam <S> detik", text)
    text = re.sub(r"\d{8}-\d{6}(-\d+)?", "<STAMP>", text)  # backup file names carry the time
    text = re.sub(r"diekspor \S+", "diekspor <WAKTU>", text)
    text = re.sub(r"\d{2}-\d{2}-\d{4} \d{2}\.\d{2}\.\d{2}", "<WAKTU>", text)
    return text


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = dict(
            os.environ,
            KSD_DESKTOP_DATA_DIR=str(tmp / "data"),
            HOME=str(tmp),
            XDG_CONFIG_HOME=str(tmp / "config"),
            QT_QPA_PLATFORM="offscreen",
            COLUMNS="100",
        )
        for argv in cases(tmp):
            done = subprocess.run(
                [sys.executable, "-m", "ksd_desktop", *argv],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
            )
            print(f"$ ksd-desktop {scrub(' '.join(argv), tmp)}  → {done.returncode}")
            for name, stream in (("out", done.stdout), ("err", done.stderr)):
                for line in scrub(stream, tmp).splitlines():
                    print(f"  {name}| {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
