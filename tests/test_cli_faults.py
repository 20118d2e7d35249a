"""Faults a user (or an adversary) can cause, each with its own Indonesian message and exit code.

Every case of issue 12 reproduced first: a kill during the backup copy, a foreign or newer or
damaged or read-only data file, a folder or a typo as ``--db``, two writers at once, hostile
bundles and PDFs, an interrupted demo. Never the generic "kesalahan tak terduga".
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ksd_desktop.cli import run
from ksd_desktop.domain.canonical import CANONICAL_VERSION, canonical_json, content_hash
from ksd_desktop.domain.serialize import form_from_dict
from ksd_desktop.services.exchange.backup import backup_dir, list_backups
from ksd_desktop.services.exchange.bundle import FORMS_NAME, SNAPSHOTS_NAME
from ksd_desktop.storage import database as database_module
from ksd_desktop.storage.database import open_database
from tests.services.test_backup import close_and_checkpoint, damage
from tests.services.test_bundle import add_form, members
from tests.services.test_importer import rebuild

ROOT = Path(__file__).resolve().parents[1]
GENERIC = "tak terduga"


@pytest.fixture
def source(tmp_path):
    """A database with a signed DINKES form and a draft DISDIK form, and a bundle of each."""
    path = tmp_path / "opd.sqlite3"
    db = open_database(path)
    add_form(db, sign=True)
    add_form(db, agency_code="DISDIK")
    db.close()
    for agency in ("DINKES", "DISDIK"):
        assert run(["export", "--db", str(path), "--agency", agency, str(tmp_path / f"{agency.lower()}.ksd")]) == 0
    return path


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "tkksd" / "ksd.sqlite3"
    assert run(["init", "--db", str(path)]) == 0
    return path


def agencies(path) -> list[str]:
    db = open_database(path)
    try:
        return [r[0] for r in db.execute("SELECT agency_code FROM forms ORDER BY agency_code")]
    finally:
        db.close()


def cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ksd_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


# -- kills and locks ---------------------------------------------------------------------------------
def test_kill_during_the_backup_copy_then_undo_succeeds(source, target, tmp_path):
    """The import's process is killed in the middle of copying the backup: nothing under a
    backup's final name is broken, nothing was imported, and undo restores the previous import."""
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(tmp_path / "dinkes.ksd")]) == 0
    before = list_backups(target)
    marker = tmp_path / "di-tengah-salinan"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ksd_desktop",
            "import",
            "--db",
            str(target),
            "--catat-kunci-baru",
            str(tmp_path / "disdik.ksd"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "KSD_DESKTOP_FAULT": "backup-copy", "KSD_DESKTOP_FAULT_MARKER": str(marker)},
    )
    try:
        for _ in range(600):
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), proc.stderr.read().decode()
    finally:
        proc.kill()  # SIGKILL: no clean-up of any kind
        proc.wait(timeout=30)
    assert [b.path for b in list_backups(target)] == [b.path for b in before]
    assert list(backup_dir(target).glob(".*sementara*"))  # what the kill left behind
    assert agencies(target) == ["DINKES"]
    assert run(["undo-import", "--db", str(target)]) == 0
    assert agencies(target) == []
    assert not list(backup_dir(target).glob(".*sementara*"))  # cleaned when the file was opened again


def test_two_imports_at_once_both_succeed(source, target, tmp_path):
    commands = [
        [
            sys.executable,
            "-m",
            "ksd_desktop",
            "import",
            "--db",
            str(target),
            "--catat-kunci-baru",
            str(tmp_path / f"{a}.ksd"),
        ]
        for a in ("dinkes", "disdik")
    ]
    procs = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    assert agencies(target) == ["DINKES", "DISDIK"]
    assert len(list_backups(target)) == 2


def test_a_write_waits_for_another_writer_instead_of_failing(source, target, tmp_path):
    """Another program holds the write lock for a moment: the import waits, then succeeds."""
    holder = sqlite3.connect(str(target), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO settings (key, value) VALUES ('dari_program_lain', '1')")
    releaser = threading.Timer(1.2, lambda: holder.execute("COMMIT"))
    releaser.start()
    try:
        assert run(["import", "--db", str(target), "--catat-kunci-baru", str(tmp_path / "dinkes.ksd")]) == 0
    finally:
        releaser.join()
        holder.close()
    db = open_database(target)
    try:
        assert db.execute("SELECT value FROM settings WHERE key = 'dari_program_lain'").fetchone() == ("1",)
    finally:
        db.close()
    assert agencies(target) == ["DINKES"]


def test_a_lock_that_stays_gives_exit_3_and_leaves_nothing(source, target, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(str(target), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert run(["import", "--db", str(target), "--catat-kunci-baru", str(tmp_path / "dinkes.ksd")]) == 3
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert "sedang dipakai program lain" in err and GENERIC not in err
    assert list_backups(target) == [] and agencies(target) == []


# -- what --db may name --------------------------------------------------------------------------------
def test_a_foreign_sqlite_file_is_refused_and_never_changed(tmp_path, capsys):
    path = tmp_path / "keuangan.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE anggaran (tahun INTEGER, jumlah INTEGER)")
    conn.execute("INSERT INTO anggaran VALUES (2024, 1000)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for args in (
        ["init"],
        ["demo"],
        ["import", str(tmp_path / "x.ksd")],
        ["export-pdf", "--agency", "DINKES", "--year", "2024", str(tmp_path / "x.pdf")],
    ):
        assert run([args[0], "--db", str(path), *args[1:]]) == 1
        err = capsys.readouterr().err
        assert "milik program lain (berisi tabel anggaran)" in err and "tidak diubah" in err and GENERIC not in err
    assert path.read_bytes() == before and not (tmp_path / "cadangan").exists()


def test_a_folder_as_db_is_named_as_such(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    for args in (
        ["init"],
        ["demo"],
        ["import", "x.ksd"],
        ["export", str(tmp_path / "x.ksd")],
        ["undo-import"],
        ["restore"],
        ["export-pdf", "--agency", "DINKES", "--year", "2024", str(tmp_path / "x.pdf")],
    ):
        assert run([args[0], "--db", str(folder), *args[1:]]) == 1, args
        err = capsys.readouterr().err
        assert "adalah folder" in err and GENERIC not in err, (args, err)


def test_a_missing_folder_is_created_only_by_init(tmp_path, capsys):
    path = tmp_path / "salah-ketik" / "ksd.sqlite3"
    for args in (
        ["demo"],
        ["import", "x.ksd"],
        ["export", str(tmp_path / "x.ksd")],
        ["undo-import"],
        ["recap", "--year", "2024", str(tmp_path / "r.pdf")],
    ):
        assert run([args[0], "--db", str(path), *args[1:]]) == 1, args
        err = capsys.readouterr().err
        assert ("tidak ada" in err or "tidak ditemukan" in err) and GENERIC not in err
        assert not path.parent.exists()
    assert run(["init", "--db", str(path)]) == 0 and path.exists()


def _from_the_future(path) -> None:
    db = open_database(path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES "
        "('ksd_desktop', 'm999_dari_versi_baru', '2030-01-01')"
    )
    close_and_checkpoint(db)


def test_a_newer_database_is_only_read(source, tmp_path, capsys):
    _from_the_future(source)
    before = source.read_bytes()
    for args in (["init"], ["demo"], ["import", str(tmp_path / "dinkes.ksd")], ["undo-import"]):
        assert run([args[0], "--db", str(source), *args[1:]]) == 1, args
        err = capsys.readouterr().err
        assert "versi KSD Desktop yang lebih baru" in err and "Perbarui aplikasi" in err and GENERIC not in err
    assert (
        run(["export-pdf", "--db", str(source), "--agency", "DINKES", "--year", "2024", str(tmp_path / "baca.pdf")])
        == 0
    )
    assert "hanya dapat dibaca" in capsys.readouterr().err and (tmp_path / "baca.pdf").exists()
    assert run(["export", "--db", str(source), str(tmp_path / "baca.ksd")]) == 0
    assert source.read_bytes() == before


def test_a_read_only_data_file_is_read_but_never_written(source, tmp_path, capsys, monkeypatch):
    """As if the file's folder could not be written (the real permission case runs as non-root below)."""
    monkeypatch.setattr(database_module.os, "access", lambda path, mode: mode != os.W_OK)
    assert run(["check", "--db", str(source)]) == 0
    assert (
        run(["export-pdf", "--db", str(source), "--agency", "DINKES", "--year", "2024", str(tmp_path / "x.pdf")]) == 0
    )
    assert "hanya dapat dibaca" in capsys.readouterr().err
    assert run(["import", "--db", str(source), str(tmp_path / "disdik.ksd")]) == 1
    err = capsys.readouterr().err
    assert "hanya dapat dibaca" in err and "tidak dijalankan" in err and GENERIC not in err


def _other_user_python() -> list[str] | None:
    """A command prefix that runs Python as an unprivileged user (root may write anywhere), or None."""
    import shutil
    import site

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    path = os.pathsep.join([str(ROOT), *site.getsitepackages()])
    for python in (sys.executable, str(Path(sys.executable).resolve()), "/usr/bin/python3"):
        prefix = [
            setpriv,
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "env",
            f"PYTHONPATH={path}",
            "HOME=/tmp",
            python,
        ]
        probe = subprocess.run(
            [*prefix, "-c", "import sqlite_utils, ksd_desktop.cli"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return prefix
    return None


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_read_only_folder_really_opens_read_only(source, tmp_path):
    """A real read-only folder (WAL cannot make its files there): check and export work, import is refused."""
    import shutil
    import tempfile

    prefix = [sys.executable]
    if os.geteuid() == 0:
        prefix = _other_user_python()
        if prefix is None:
            pytest.skip("no way to run as an unprivileged user here")
    base = Path(tempfile.mkdtemp(prefix="ksd-hanya-baca-"))
    try:
        base.chmod(0o755)
        folder, out, data = base / "arsip", base / "keluar", base / "data"
        folder.mkdir()
        out.mkdir(mode=0o777)
        data.mkdir(mode=0o777)
        out.chmod(0o777)
        data.chmod(0o777)
        copy = folder / "ksd.sqlite3"
        shutil.copy(source, copy)
        shutil.copy(tmp_path / "disdik.ksd", out / "disdik.ksd")
        copy.chmod(0o444)
        folder.chmod(0o555)
        env = {**os.environ, "KSD_DESKTOP_DATA_DIR": str(data)}

        def as_user(*args):
            return subprocess.run(
                [*prefix, "-m", "ksd_desktop", *map(str, args)],
                capture_output=True,
                text=True,
                env=env,
                cwd=base,
                check=False,
            )

        assert as_user("check", "--db", copy).returncode == 0
        done = as_user("export", "--db", copy, out / "x.ksd")
        assert done.returncode == 0 and "hanya dapat dibaca" in done.stderr
        done = as_user("import", "--db", copy, out / "disdik.ksd")
        assert done.returncode == 1 and "hanya dapat dibaca" in done.stderr and GENERIC not in done.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["ksd.sqlite3"]
    finally:
        for path in (base / "arsip",):
            if path.exists():
                path.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_a_damaged_database_is_reported_as_damaged_with_the_backup_to_restore(source, target, tmp_path, capsys):
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(tmp_path / "dinkes.ksd")]) == 0
    db = open_database(target)
    close_and_checkpoint(db)
    damage(target)
    capsys.readouterr()
    for args in (
        ["init"],
        ["import", str(tmp_path / "disdik.ksd")],
        ["demo"],
        ["export-pdf", "--agency", "DINKES", "--year", "2024", str(tmp_path / "x.pdf")],
    ):
        assert run([args[0], "--db", str(target), *args[1:]]) == 4, args
        err = capsys.readouterr().err
        assert "rusak" in err and "tersimpan aman" not in err and GENERIC not in err
        assert "Cadangan sah terbaru:" in err and f"ksd-desktop restore --db {target}" in err
        assert "menu Berkas › Cadangkan/Pulihkan" not in err
    assert run(["check", "--db", str(target)]) == 1
    assert run(["backups", "--db", str(target)]) == 0
    assert "Sebelum impor" in capsys.readouterr().out
    assert run(["restore", "--db", str(target)]) == 0
    out = capsys.readouterr().out
    assert "dipulihkan dari cadangan" in out and "rusak disimpan di" in out
    assert run(["check", "--db", str(target)]) == 0 and agencies(target) == []


def test_restore_a_named_backup_of_a_healthy_file(source, target, tmp_path, capsys):
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(tmp_path / "dinkes.ksd")]) == 0
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(tmp_path / "disdik.ksd")]) == 0
    first = list_backups(target)[-1]
    assert run(["restore", "--db", str(target), "tidak-ada.sqlite3.gz"]) == 1
    assert "tidak ada di" in capsys.readouterr().err
    assert run(["restore", "--db", str(target), first.path.name]) == 0
    assert "Keadaan sebelum pemulihan disimpan di" in capsys.readouterr().out
    assert agencies(target) == []


# -- hostile files ------------------------------------------------------------------------------------
def _resigned(source: Path, bundle: Path, out: Path, **changes) -> Path:
    """``rebuild`` signed again with the sender's own key (the forger holds the laptop): only our
    rules stand between the file and the database."""
    signer = open_database(source)
    try:
        return rebuild(bundle, out, signer=signer, **changes)
    finally:
        signer.close()


def _forge_signed(source: Path, bundle: Path, out: Path, edit) -> Path:
    """A signed form edited and re-hashed the way a forger who read our code would do it."""
    data = members(bundle)
    forms = json.loads(data[FORMS_NAME])
    edit(forms[0])
    form = form_from_dict(forms[0])
    text = canonical_json(form, CANONICAL_VERSION)
    forms[0]["content_hash"] = content_hash(form, CANONICAL_VERSION)
    snapshots = json.loads(data[SNAPSHOTS_NAME])
    snapshots[0].update(content_json=text, content_hash=forms[0]["content_hash"])
    return _resigned(source, bundle, out, forms=forms, snapshots=snapshots)


@pytest.mark.parametrize(
    "nip, words",
    [
        ("19700101199503100\u00b9", "angka 0–9"),
        ("١٩٧٠٠١٠١١٩٩٥٠٣١٠٠١", "angka 0–9"),
        ("１９７００１０１１９９５０３１００１", "angka 0–9"),
    ],
)
def test_a_signed_form_with_foreign_digits_in_the_nip_is_refused(source, target, tmp_path, capsys, nip, words):
    forged = _forge_signed(source, tmp_path / "dinkes.ksd", tmp_path / "nip.ksd", lambda f: f.update(signer_nip=nip))
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(forged)]) == 1
    err = capsys.readouterr().err
    assert "«nip.ksd» ditolak" in err and words in err and GENERIC not in err
    assert agencies(target) == []


def test_zero_width_names_in_a_signed_form_are_refused(source, target, tmp_path, capsys):
    forged = _forge_signed(
        source,
        tmp_path / "dinkes.ksd",
        tmp_path / "zw.ksd",
        lambda f: f.update(pic_name="\u200b\u200b\u200b", signer_name="\u200d" * 5),
    )
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(forged)]) == 1
    err = capsys.readouterr().err
    assert "melanggar aturan pengisian" in err and GENERIC not in err


def test_a_lone_surrogate_in_a_bundle_is_refused(source, target, tmp_path, capsys):
    bundle = tmp_path / "dinkes.ksd"
    text = members(bundle)[FORMS_NAME].decode().replace('"pic_name":"', '"pic_name":"\\ud800', 1)
    bad = _resigned(source, bundle, tmp_path / "surrogat.ksd", raw={FORMS_NAME: text.encode()})
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "«surrogat.ksd» ditolak" in err and "surrogate" in err and GENERIC not in err


def _pdf_with_attachment(signed_pdf: Path, out: Path, payload: bytes, *, javascript: bool = False) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(signed_pdf))
    if payload is not None:
        del writer._root_object["/Names"]
        writer.add_attachment("ksd-form.json", payload)
    if javascript:
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1);")}
        )
    with open(out, "wb") as handle:
        writer.write(handle)
    return out


@pytest.fixture
def signed_pdf(source, tmp_path):
    out = tmp_path / "dinkes.pdf"
    assert run(["export-pdf", "--db", str(source), "--agency", "DINKES", "--year", "2024", str(out)]) == 0
    return out


def test_a_lone_surrogate_in_a_pdf_attachment_is_refused(signed_pdf, target, tmp_path, capsys):
    from pypdf import PdfReader

    document = json.loads(PdfReader(signed_pdf).attachments["ksd-form.json"][0])
    document["content"]["pic_name"] = "\ud800"
    bad = _pdf_with_attachment(signed_pdf, tmp_path / "surrogat.pdf", json.dumps(document).encode())
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(bad)]) == 1
    assert "surrogate" in capsys.readouterr().err
    assert run(["verify", str(bad)]) == 1
    out = capsys.readouterr()
    assert "tidak dapat dibaca" in out.err + out.out and GENERIC not in out.err


def test_deeply_nested_json_in_a_pdf_is_refused(signed_pdf, target, tmp_path, capsys):
    payload = b'{"format":"ksd-desktop/form","format_version":1,"content":' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    bad = _pdf_with_attachment(signed_pdf, tmp_path / "sarang.pdf", payload)
    assert run(["import", "--db", str(target), "--catat-kunci-baru", str(bad)]) == 1
    assert "bersarang terlalu dalam" in capsys.readouterr().err
    assert run(["verify", str(bad)]) == 1
    out = capsys.readouterr()
    assert "RUSAK" in out.err + out.out and GENERIC not in out.err


def test_a_pdf_with_javascript_gets_a_warning(signed_pdf, tmp_path, capsys):
    active = _pdf_with_attachment(signed_pdf, tmp_path / "js.pdf", None, javascript=True)
    assert run(["verify", str(active)]) == 1
    out = capsys.readouterr()
    assert "/OpenAction" in out.out + out.err and "TELAH DIUBAH" in out.out + out.err
    run(["verify", str(signed_pdf)])
    out = capsys.readouterr()
    assert "JavaScript" not in out.out + out.err


# -- the demo and temporary files ------------------------------------------------------------------------
def test_an_interrupted_demo_leaves_the_database_empty_and_can_run_again(tmp_path, monkeypatch, capsys):
    from ksd_desktop.services import demo

    path = tmp_path / "contoh.sqlite3"
    real, written = demo._Builder.write, []

    def interrupted(self, form, *, signed):
        written.append(form.agency_code)
        if len(written) > 5:  # Ctrl+C half-way through
            raise KeyboardInterrupt
        return real(self, form, signed=signed)

    monkeypatch.setattr(demo._Builder, "write", interrupted)
    assert run(["demo", "--db", str(path)]) == 1
    assert "Dibatalkan" in capsys.readouterr().err and agencies(path) == []
    monkeypatch.setattr(demo._Builder, "write", real)
    assert run(["demo", "--db", str(path)]) == 0 and len(agencies(path)) > len(written)


def test_a_killed_export_leaves_a_temporary_file_that_the_next_start_removes(source, tmp_path):
    """The real kill is simulated by what it leaves: a registered temporary file nobody holds."""
    from ksd_desktop.paths import user_data_dir
    from ksd_desktop.services.files import REGISTRY_DIR, clean_stale_temporaries

    registry = user_data_dir() / REGISTRY_DIR
    registry.mkdir(parents=True, exist_ok=True)
    stale, busy = tmp_path / ".ksd-abc123.pdf", tmp_path / ".ksd-def456.pdf"
    stale.write_bytes(b"")
    busy.write_bytes(b"%PDF")
    (registry / "a.txt").write_text(str(stale), encoding="utf-8")
    (registry / "b.txt").write_text(str(busy), encoding="utf-8")
    if os.name != "nt":
        import fcntl

        holder = open(busy, "rb")
        fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        assert run(["check", "--db", str(source)]) == 0  # any command cleans up first
        assert not stale.exists() and not (registry / "a.txt").exists()
        if os.name != "nt":
            assert busy.exists()  # its writer is alive
    finally:
        if os.name != "nt":
            holder.close()
    assert clean_stale_temporaries() == [busy] or os.name == "nt"


def test_a_pdf_export_over_a_folder_gets_its_own_message(source, tmp_path, capsys):
    folder = tmp_path / "keluaran"
    folder.mkdir()
    assert run(["export-pdf", "--db", str(source), "--agency", "DINKES", "--year", "2024", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "adalah folder" in err and GENERIC not in err


def test_hashes_of_a_forged_bundle_are_what_a_forger_would_compute():
    """Guard for _forge_signed: the forged snapshot hash is the SHA-256 of its JSON."""
    text = '{"a":1}'
    assert hashlib.sha256(text.encode()).hexdigest() == __import__(
        "ksd_desktop.domain.canonical", fromlist=["hash_text"]
    ).hash_text(text)
