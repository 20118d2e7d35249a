"""What differs on the office laptops (Windows): data folder, user names with spaces and
non-ASCII letters, an install folder under such a profile, Explorer's "open" of a .ksd file,
the console of the windowed program, the ``py`` launcher.

Each test runs on Linux too where it can (simulating the Windows values); those that need
Windows itself run in CI's windows-latest job and are skipped elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ksd_desktop import paths
from ksd_desktop.app import attach_parent_console
from ksd_desktop.cli import files_to_open, run

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = sys.platform == "win32"
#: A profile like the laptops': a space, a diacritic, an apostrophe.
USER = "Siti Nur'aini Ñoor"


def test_data_folder_is_under_localappdata_on_windows(monkeypatch):
    monkeypatch.delenv("KSD_DESKTOP_DATA_DIR")
    monkeypatch.setattr(sys, "platform", "win32")
    local = f"C:\\Users\\{USER}\\AppData\\Local"
    monkeypatch.setenv("LOCALAPPDATA", local)
    assert paths.user_data_dir() == Path(local) / "KSD Desktop"
    assert paths.default_db_path() == Path(local) / "KSD Desktop" / "ksd-desktop.sqlite3"
    monkeypatch.delenv("LOCALAPPDATA")  # a broken profile: the usual place under the home folder
    assert paths.user_data_dir() == Path.home() / "AppData" / "Local" / "KSD Desktop"


@pytest.mark.skipif(not WINDOWS, reason="Windows")
def test_real_windows_data_folder(monkeypatch):
    monkeypatch.delenv("KSD_DESKTOP_DATA_DIR")
    assert paths.user_data_dir() == Path(os.environ["LOCALAPPDATA"]) / "KSD Desktop"


def test_every_command_works_in_folders_with_spaces_and_non_ascii_names(tmp_path, monkeypatch, capsys):
    """Default data file in the user's folder (no --db), exports and imports beside it."""
    profile = tmp_path / USER / "AppData Lokal" / "KSD Desktop"
    monkeypatch.setenv("KSD_DESKTOP_DATA_DIR", str(profile))
    documents = tmp_path / USER / "Dokumen – Pemetaan 2024"
    documents.mkdir(parents=True)
    assert run(["demo", "--proposals", "8"]) == 0
    assert (profile / "ksd-desktop.sqlite3").exists()
    import sqlite3

    with sqlite3.connect(profile / "ksd-desktop.sqlite3") as con:
        code = con.execute("SELECT agency_code FROM forms WHERE status = 'signed' LIMIT 1").fetchone()[0]
    pdf = documents / f"Formulir {code} – ñ.pdf"
    assert run(["export-pdf", "--agency", code, "--year", "2024", str(pdf)]) == 0
    assert run(["verify", str(pdf)]) == 0
    assert "Hasil: UTUH" in capsys.readouterr().out
    bundle = documents / "kiriman ke TKKSD ā.ksd"
    assert run(["export", "--agency", code, str(bundle)]) == 0
    receiving = tmp_path / "Sekretariat TKKSD Ü" / "data tkksd.sqlite3"
    assert run(["init", "--db", str(receiving)]) == 0  # import never creates a data file (a typo would)
    assert run(["import", "--db", str(receiving), "--catat-kunci-baru", str(bundle)]) == 0
    assert "1 formulir ditambahkan" in capsys.readouterr().out
    assert run(["recap", "--db", str(receiving), "--year", "2024", str(documents / "rekap ñ.xlsx")]) == 0


#: The frozen app finds resources/ beside its program (sys._MEIPASS); the PDF fonts load from there.
FROZEN_FONTS = r"""
import sys
from pathlib import Path
sys.frozen, sys._MEIPASS = True, sys.argv[1]
from ksd_desktop import paths
from ksd_desktop.services.pdf.kit import FONT, register_fonts
from reportlab.pdfbase import pdfmetrics
assert paths.resource_dir() == Path(sys.argv[1]) / "resources", paths.resource_dir()
register_fonts()
print(pdfmetrics.getFont(FONT).face.filename)
"""


def test_pdf_fonts_load_from_an_install_folder_with_a_non_ascii_user_name(tmp_path):
    internal = tmp_path / "Users" / USER / "AppData" / "Local" / "Programs" / "KSD Desktop" / "_internal"
    shutil.copytree(ROOT / "resources", internal / "resources")
    done = subprocess.run(
        [sys.executable, "-c", FROZEN_FONTS, str(internal)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=dict(os.environ, PYTHONUTF8="1"),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    font_file = Path(done.stdout.strip())
    assert font_file.name == "LiberationSans-Regular.ttf" and USER in font_file.parts


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["kiriman.ksd"], (None, ["kiriman.ksd"])),
        (
            [f"C:\\Users\\{USER}\\Downloads\\Kiriman DINKES 2024.KSD"],
            (None, [f"C:\\Users\\{USER}\\Downloads\\Kiriman DINKES 2024.KSD"]),
        ),
        (["--db", "data tkksd.sqlite3", "a.ksd", "b.ksd"], ("data tkksd.sqlite3", ["a.ksd", "b.ksd"])),
        (["--db=x.sqlite3", "a.ksd"], ("x.sqlite3", ["a.ksd"])),
    ],
)
def test_explorer_open_of_ksd_files(argv, expected):
    db, files = files_to_open(argv)
    assert (str(db) if db else None, [str(f) for f in files]) == (expected[0], [str(Path(f)) for f in expected[1]])


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db"],
        ["import", "a.ksd"],
        ["formulir.pdf"],
        ["--version"],
        ["a.ksd", "--pratinjau"],
        ["--db", "x.sqlite3"],
    ],
)
def test_commands_are_not_taken_for_files_to_open(argv):
    assert files_to_open(argv) is None


def test_console_is_attached_only_for_a_windowed_program_without_streams():
    # the tests have their streams (pytest's capture): nothing to attach, on every platform
    assert attach_parent_console() is False


@pytest.mark.skipif(not WINDOWS, reason="Windows")
def test_windowed_program_without_streams_gets_writable_ones(monkeypatch):
    """The installed program run with a command but no console (a scheduled task): no crash on print."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    attach_parent_console()
    streams = (sys.stdout, sys.stderr)
    try:
        for stream in streams:
            stream.write("uji ñ\n")
            stream.flush()
    finally:
        for stream in streams:
            stream.close()


@pytest.mark.skipif(not WINDOWS or shutil.which("py") is None, reason="the py launcher (Windows)")
def test_readme_py_launcher_runs_tasks():
    done = subprocess.run(["py", "tasks.py", "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and "tasks.py start" in done.stdout


def test_readme_tells_windows_users_the_py_launcher():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`py tasks.py start`" in readme and "`py tasks.py test`" in readme
