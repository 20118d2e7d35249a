"""Every CLI command, with its error paths. Most run in-process; a few as real processes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ksd_desktop import __version__
from ksd_desktop.cli import run
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.migrations import latest_version
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form


def test_version(capsys):
    assert run(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"KSD Desktop {__version__}"


def test_help_is_indonesian(capsys):
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "penggunaan:" in out and "tampilkan bantuan" in out and "Kode keluar" in out
    assert "usage" not in out and "show this" not in out


def test_usage_error_exits_2_in_indonesian(capsys):
    assert run(["hapus-semua"]) == 2
    err = capsys.readouterr().err
    assert "kesalahan" in err and "pilihan tidak valid" in err


def test_init_creates_and_prints_counts(tmp_path, capsys):
    path = tmp_path / "baru.sqlite3"
    assert run(["init", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Basis data dibuat" in out and "Perangkat daerah" in out and "27" in out and "Urusan pemerintahan" in out
    assert run(["init", "--db", str(path)]) == 0
    assert "diperbarui" in capsys.readouterr().out


def test_global_db_option_also_works(tmp_path, capsys):
    path = tmp_path / "global.sqlite3"
    assert run(["--db", str(path), "init"]) == 0
    assert path.exists()


def test_init_on_non_sqlite_file_fails_cleanly(tmp_path, capsys):
    path = tmp_path / "dokumen.sqlite3"
    path.write_text("bukan basis data")
    assert run(["init", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "bukan basis data KSD Desktop" in err and "Traceback" not in err
    assert path.read_text() == "bukan basis data"


def test_check_sound(tmp_path, capsys):
    path = tmp_path / "ok.sqlite3"
    run(["init", "--db", str(path)])
    capsys.readouterr()
    assert run(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"Versi skema: {latest_version()}" in out and "UTUH" in out


@pytest.mark.parametrize("content", [None, b"", b"teks biasa, bukan SQLite", b"SQLite format 3\x00" + b"\x00" * 50])
def test_check_missing_empty_or_broken_file(tmp_path, capsys, content):
    path = tmp_path / "rusak.sqlite3"
    if content is not None:
        path.write_bytes(content)
    assert run(["check", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Masalah:" in err and "BERMASALAH" in err and "Traceback" not in err
    if content is None:
        assert not path.exists()
    else:
        assert path.read_bytes() == content


def test_demo_then_check(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert run(["demo", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "156 usulan" in out and "27 formulir" in out
    assert run(["check", "--db", str(path)]) == 0


def test_demo_refuses_database_with_forms(tmp_path, capsys):
    path = tmp_path / "isi.sqlite3"
    db = open_database(path)
    FormRepository(db).save(make_form())
    db.close()
    assert run(["demo", "--db", str(path)]) == 1
    assert "sudah berisi 1 formulir" in capsys.readouterr().err


def test_demo_rejects_bad_numbers(tmp_path, capsys):
    assert run(["demo", "--db", str(tmp_path / "x.sqlite3"), "--proposals", "-5"]) == 2
    assert "tidak boleh negatif" in capsys.readouterr().err


def test_real_process_entry_points(tmp_path):
    path = tmp_path / "proses.sqlite3"
    init = subprocess.run(
        [sys.executable, "-m", "ksd_desktop", "init", "--db", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert init.returncode == 0, init.stderr
    check = subprocess.run(
        [sys.executable, "-m", "ksd_desktop", "check", "--db", str(tmp_path / "tidak.sqlite3")],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert check.returncode == 1 and "tidak ditemukan" in check.stderr and "Traceback" not in check.stderr


def test_unexpected_error_is_logged_not_shown_as_traceback(tmp_path, capsys, monkeypatch):
    import ksd_desktop.cli as cli

    monkeypatch.setattr(cli, "cmd_check", lambda path: 1 / 0)
    assert run(["check", "--db", str(tmp_path / "x.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert "kesalahan tak terduga" in err and "Traceback" not in err
    from ksd_desktop.paths import log_path

    assert "ZeroDivisionError" in log_path().read_text(encoding="utf-8")


def test_recap_command(tmp_path, capsys):
    path = tmp_path / "rekap.sqlite3"
    assert run(["demo", "--db", str(path), "--proposals", "60"]) == 0
    out = tmp_path / "rekap-2024.xlsx"
    assert run(["recap", "--db", str(path), "--year", "2024", str(out)]) == 0
    assert out.exists() and "Rekap tahun 2024 dibuat" in capsys.readouterr().out
    assert run(["recap", "--db", str(path), "--year", "2024", str(tmp_path / "rekap.docx")]) == 1
    assert ".pdf" in capsys.readouterr().err
    assert run(["recap", "--db", str(tmp_path / "tidak-ada.sqlite3"), "--year", "2024", str(out)]) == 1


def test_mutually_exclusive_options_are_refused_in_indonesian(capsys):
    assert run(["import", "--ambil-masuk", "--pertahankan-lokal", "a.ksd"]) == 2
    err = capsys.readouterr().err
    assert "argumen --pertahankan-lokal: tidak boleh dipakai bersama argumen --ambil-masuk" in err
    assert "not allowed" not in err
