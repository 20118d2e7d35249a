"""The export, import and undo-import commands: messages and exit codes (0 ok, 1 refused/unresolved, 2 usage)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ksd_desktop.cli import run
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from tests.services.test_bundle import add_form


@pytest.fixture
def source(tmp_path):
    """A database with a signed DINKES form and a draft DISDIK form."""
    path = tmp_path / "opd.sqlite3"
    db = open_database(path)
    add_form(db, sign=True)
    add_form(db, agency_code="DISDIK")
    db.close()
    return path


def forms_in(path) -> list[tuple]:
    db = open_database(path)
    try:
        return db.execute("SELECT agency_code, status, pic_name FROM forms ORDER BY agency_code").fetchall()
    finally:
        db.close()


def test_export_whole_database_and_by_agency(source, tmp_path, capsys):
    assert run(["export", "--db", str(source), str(tmp_path / "semua.ksd")]) == 0
    out = capsys.readouterr().out
    assert "Berkas data dibuat:" in out and "2 formulir, 4 usulan, 6 calon mitra, 1 rekaman tanda tangan" in out
    assert (
        run(["export", "--db", str(source), "--agency", "DINKES", "--year", "2024", str(tmp_path / "dinkes.ksd")]) == 0
    )
    assert "1 formulir" in capsys.readouterr().out


def test_export_errors(source, tmp_path, capsys):
    assert run(["export", "--db", str(tmp_path / "tidak-ada.sqlite3"), str(tmp_path / "x.ksd")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert run(["export", "--db", str(source), "--agency", "NGAWUR", str(tmp_path / "x.ksd")]) == 1
    assert "«NGAWUR» tidak dikenal" in capsys.readouterr().err
    assert run(["export", "--db", str(source), "--year", "2019", str(tmp_path / "x.ksd")]) == 1
    assert "Tidak ada formulir untuk tahun 2019" in capsys.readouterr().err
    assert run(["export", "--db", str(source), "--year", "dua", str(tmp_path / "x.ksd")]) == 2
    assert run(["export", "--db", str(source)]) == 2
    assert not (tmp_path / "x.ksd").exists()


def test_import_then_again_then_undo(source, tmp_path, capsys):
    bundle = tmp_path / "semua.ksd"
    run(["export", "--db", str(source), str(bundle)])
    target = tmp_path / "tkksd" / "ksd.sqlite3"
    assert run(["import", "--db", str(target), str(bundle)]) == 1  # a typo never creates a new database
    assert "Berkas data tidak ditemukan" in capsys.readouterr().err and not target.parent.exists()
    assert run(["init", "--db", str(target)]) == 0
    capsys.readouterr()
    assert run(["import", "--db", str(target), str(bundle)]) == 1  # a new kode perangkat needs a decision
    captured = capsys.readouterr()
    assert "belum diputuskan, berkas tidak diimpor (pakai --catat-kunci-baru" in captured.err
    assert "1 berkas tidak diimpor karena kode perangkatnya belum diputuskan" in captured.err
    assert forms_in(target) == []
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "[1/1] semua.ksd (berkas data, diekspor " in out and "2 formulir: 2 baru" in out
    assert "belum tercatat untuk DINKES, DISDIK" in out and "Keputusan: kode perangkat dicatat" in out
    assert "DINKES 2024, revisi 1 (ditandatangani): baru." in out
    assert "semua.ksd: 2 formulir ditambahkan, 0 diganti, kode perangkat dicatat untuk DINKES, DISDIK." in out
    assert f"Cadangan sebelum impor: {target.parent / 'cadangan'}" in out
    assert "Hasil: 2 formulir ditambahkan, 0 diganti, 0 konflik belum diputuskan, 0 berkas ditolak." in out
    assert run(["import", "--db", str(target), str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "2 tidak berubah" in out and "Tidak ada yang berubah." in out and "Cadangan" not in out
    assert "sesuai dengan yang tercatat untuk DINKES, DISDIK" in out
    assert run(["undo-import", "--db", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Impor dibatalkan" in out and "(semua.ksd)" in out and "sebelum-pembatalan" in out
    assert forms_in(target) == []
    assert run(["undo-import", "--db", str(target)]) == 1
    assert "Belum ada impor yang dapat dibatalkan" in capsys.readouterr().err
    assert run(["undo-import", "--db", str(tmp_path / "tidak-ada.sqlite3")]) == 1


def test_import_bad_file_exits_1_but_good_files_still_import(source, tmp_path, capsys):
    good = tmp_path / "baik.ksd"
    run(["export", "--db", str(source), str(good)])
    bad = tmp_path / "rusak.ksd"
    bad.write_bytes(good.read_bytes()[:300])
    target = tmp_path / "tkksd.sqlite3"
    run(["init", "--db", str(target)])
    capsys.readouterr()
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(bad), str(good)]) == 1
    captured = capsys.readouterr()
    assert "[1/2] DITOLAK: Berkas «rusak.ksd» ditolak: arsip ZIP rusak atau terpotong" in captured.err
    assert "1 berkas ditolak" in captured.err and "Traceback" not in captured.err
    assert [row[0] for row in forms_in(target)] == ["DINKES", "DISDIK"]


def _conflicting(source, tmp_path, capsys):
    bundle = tmp_path / "awal.ksd"
    run(["export", "--db", str(source), "--agency", "DISDIK", str(bundle)])
    target = tmp_path / "tkksd.sqlite3"
    run(["init", "--db", str(target)])
    run(["import", "--db", str(target), "--catat-kunci-baru", str(bundle)])
    for path, name in ((source, "Nama dari OPD"), (target, "Nama di sekretariat")):
        db = open_database(path)
        form = FormRepository(db).find("DISDIK", 2024)
        form.pic_name = name
        FormRepository(db).save(form)
        db.close()
    changed = tmp_path / "ubah.ksd"
    run(["export", "--db", str(source), "--agency", "DISDIK", str(changed)])
    capsys.readouterr()
    return target, changed


def test_conflict_is_reported_and_never_resolved_silently(source, tmp_path, capsys):
    target, changed = _conflicting(source, tmp_path, capsys)
    assert run(["import", "--db", str(target), str(changed)]) == 1
    captured = capsys.readouterr()
    assert "DISDIK 2024, revisi 1 (draf): konflik. Draf revisi 1 di sini berisi data lain." in captured.out
    assert "Formulir · Nama Narahubung: Nama di sekretariat → Nama dari OPD" in captured.out
    assert "Konflik DISDIK 2024 belum diputuskan" in captured.err and "1 konflik belum diputuskan" in captured.err
    assert forms_in(target)[0][2] == "Nama di sekretariat"
    assert run(["import", "--db", str(target), "--pertahankan-lokal", str(changed)]) == 0
    assert forms_in(target)[0][2] == "Nama di sekretariat"
    assert run(["import", "--db", str(target), "--pratinjau", "--ambil-masuk", str(changed)]) == 0
    assert "Pratinjau saja: tidak ada yang ditulis." in capsys.readouterr().out
    assert forms_in(target)[0][2] == "Nama di sekretariat"
    assert run(["import", "--db", str(target), "--ambil-masuk", str(changed)]) == 0
    assert "1 diganti (DISDIK 2024)" in capsys.readouterr().out
    assert forms_in(target)[0][2] == "Nama dari OPD"


def test_import_usage_errors(tmp_path, capsys):
    assert run(["import", "--db", str(tmp_path / "x.sqlite3")]) == 2
    assert "argumen berikut wajib diisi" in capsys.readouterr().err
    assert run(["import", "--ambil-masuk", "--pertahankan-lokal", "a.ksd"]) == 2


def test_import_as_a_real_process(source, tmp_path):
    bundle = tmp_path / "semua.ksd"
    run(["export", "--db", str(source), str(bundle)])
    junk = tmp_path / "bukan.ksd"
    junk.write_text("halo")
    open_database(tmp_path / "t.sqlite3").close()
    command = [sys.executable, "-m", "ksd_desktop", "import", "--db", str(tmp_path / "t.sqlite3"), "--catat-kunci-baru"]
    done = subprocess.run(command + [str(bundle)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(command + [str(junk)], capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "«bukan.ksd» ditolak" in done.stderr


def test_kode_perangkat_decisions_have_their_own_flags(source, tmp_path, capsys):
    from ksd_desktop.services.exchange.keys import own_device_code
    from ksd_desktop.services.signoff import reopen_form, sign_form
    from tests.conftest import TODAY
    from tests.services.test_signoff import SIGNER

    bundle, target, laptop = tmp_path / "lama.ksd", tmp_path / "tkksd.sqlite3", tmp_path / "baru.sqlite3"
    run(["export", "--db", str(source), "--agency", "DINKES", str(bundle)])
    for db_file in (target, laptop):
        assert run(["init", "--db", str(db_file)]) == 0  # import never creates a data file
        assert run(["import", "--db", str(db_file), "--catat-kunci-baru", str(bundle)]) == 0
    db = open_database(laptop)  # the agency's new laptop signs revision 2
    form = FormRepository(db).find("DINKES", 2024)
    reopen_form(db, form.uuid, "Laptop baru")
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    code = own_device_code(db)
    db.close()
    newer = tmp_path / "baru.ksd"
    run(["export", "--db", str(laptop), "--agency", "DINKES", str(newer)])
    capsys.readouterr()
    assert run(["import", "--db", str(target), "--pratinjau", str(newer)]) == 1
    captured = capsys.readouterr()
    assert "KODE PERANGKAT BERBEDA DARI YANG TERCATAT" in captured.out
    assert f"pakai --ganti-kunci {code} bila pengirim memastikan laptopnya baru" in captured.err
    assert run(["import", "--db", str(target), "--ganti-kunci", "K7Q4-9XMA", str(newer)]) == 1
    assert "berbeda dari yang tercatat untuk DINKES; belum diputuskan" in capsys.readouterr().err
    assert run(["import", "--db", str(target), "--ganti-kunci", "salah", str(newer)]) == 2
    assert "bukan kode perangkat" in capsys.readouterr().err
    assert run(["import", "--db", str(target), "--ganti-kunci", code.lower().replace("-", " "), str(newer)]) == 0
    out = capsys.readouterr().out
    assert "1 diganti (DINKES 2024), kode perangkat dicatat untuk DINKES" in out
    # a signed PDF proves no sender: its own flag
    pdf = tmp_path / "dinkes.pdf"
    assert run(["export-pdf", "--db", str(source), "--agency", "DINKES", "--year", "2024", str(pdf)]) == 0
    fresh = tmp_path / "kosong.sqlite3"
    assert run(["init", "--db", str(fresh)]) == 0
    capsys.readouterr()
    assert run(["import", "--db", str(fresh), str(pdf)]) == 1
    captured = capsys.readouterr()
    assert "Tidak terautentikasi: PDF tanpa tanda tangan elektronik" in captured.out
    assert "(pakai --ambil-tanpa-autentikasi atau --pertahankan-lokal)" in captured.out
    assert run(["import", "--db", str(fresh), "--ambil-masuk", str(pdf)]) == 1  # not the flag for this decision
    assert run(["import", "--db", str(fresh), "--pertahankan-lokal", "--ambil-tanpa-autentikasi", str(pdf)]) == 2
    assert run(["import", "--db", str(fresh), "--pratinjau", "--ambil-tanpa-autentikasi", str(pdf)]) == 0
    assert forms_in(fresh) == []
    assert run(["import", "--db", str(fresh), "--ambil-tanpa-autentikasi", str(pdf)]) == 0
    assert forms_in(fresh)[0][:2] == ("DINKES", "signed")


def test_keys_command_shows_and_changes_role_and_recorded_keys(source, tmp_path, capsys):
    from ksd_desktop.services.exchange.keys import own_device_code

    bundle, target = tmp_path / "opd.ksd", tmp_path / "tkksd.sqlite3"
    db = open_database(source)
    code = own_device_code(db)
    for proposal in FormRepository(db).find("DINKES", 2024).proposals:
        FormRepository(db).set_review(proposal.uuid, "sesuai", None, None)  # approving itself
    db.close()
    run(["export", "--db", str(source), str(bundle)])
    assert run(["init", "--db", str(target)]) == 0
    capsys.readouterr()
    assert run(["keys", "--db", str(target), "--peran", "sekretariat"]) == 0
    out = capsys.readouterr().out
    assert "Peran berkas data: Sekretariat TKKSD" in out and "Belum ada kode perangkat pengirim yang tercatat." in out
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(bundle)]) == 0
    assert (
        "Penilaian TKKSD (hasil, rute, catatan) pada 2 usulan di berkas tidak diambil: di berkas data "
        "Sekretariat TKKSD penilaian hanya dibuat di sini"
    ) in capsys.readouterr().out
    assert run(["keys", "--db", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"  DINKES  {code}  pertama " in out and f"  DISDIK  {code}  pertama " in out
    assert run(["keys", "--db", str(target), "--hapus", "dinkes"]) == 0
    out = capsys.readouterr().out
    assert "Kode perangkat DINKES dihapus" in out and "  DINKES  " not in out
    assert run(["keys", "--db", str(target), "--hapus", "NGAWUR"]) == 1
    assert "Tidak ada kode perangkat yang tercatat untuk «NGAWUR»" in capsys.readouterr().err
    assert run(["keys", "--db", str(tmp_path / "tidak-ada.sqlite3")]) == 1
