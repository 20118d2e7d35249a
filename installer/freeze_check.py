"""python3 tasks.py freeze-check: the frozen app does every job, as a person or IT would run it.

Runs the executable in build/dist/ksd-desktop/ (or ``--dist``) for: --version, a usage
error, init, demo, check, export-pdf, verify (as exported, after a later PDF signature like
BSrE's, and a file that is no form), recap to PDF and XLSX, export and import of a data
bundle, the window shown offscreen (KSD_DESKTOP_SMOKE=1: plugins, icons, data, collation),
a double-clicked .ksd (window, then the import preview), and on Windows ksd-desktop.cmd.
Everything happens in a temporary folder whose name has spaces and non-ASCII letters, with
its own data folder (KSD_DESKTOP_DATA_DIR): the user's data is never touched.

Prints one line per step and a summary; exit code 1 if any step failed. Runs under the
project's .venv (pyHanko signs the test PDF here; the frozen app verifies it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import locale
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import buildinfo

ROOT = buildinfo.ROOT


@dataclass
class Step:
    name: str
    ok: bool
    seconds: float
    detail: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Output:
    code: int
    out: str
    err: str
    seconds: float

    def excerpt(self, lines: int = 6) -> str:
        text = (self.err.strip() or self.out.strip()).splitlines()
        return " | ".join(text[-lines:])


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # a Windows pipe carries the ANSI code page
        return data.decode(locale.getpreferredencoding(False), errors="replace")


class Checker:
    def __init__(self, dist: Path, work: Path):
        self.dist, self.work = dist, work
        self.exe = buildinfo.exe_path(dist)
        self.steps: list[Step] = []
        self.env = dict(
            os.environ, KSD_DESKTOP_DATA_DIR=str(work / "data pengguna"), XDG_CONFIG_HOME=str(work / "pengaturan")
        )  # Linux QSettings; Windows: registry
        self.env.setdefault("QT_QPA_PLATFORM", "offscreen")
        self.env.pop("KSD_DESKTOP_SMOKE", None)

    def run(
        self, args: list[str], *, smoke: bool = False, command: list[str] | None = None, timeout: float = 300
    ) -> Output:
        env = dict(self.env, KSD_DESKTOP_SMOKE="1") if smoke else self.env
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command or [str(self.exe), *args], capture_output=True, env=env, cwd=self.work, timeout=timeout
            )
        except subprocess.TimeoutExpired as exc:
            return Output(-1, decode(exc.stdout or b""), f"waktu habis setelah {timeout:.0f} s", timeout)
        return Output(done.returncode, decode(done.stdout), decode(done.stderr), time.perf_counter() - started)

    def step(
        self,
        name: str,
        result: Output,
        *,
        code: int = 0,
        needs: tuple[str, ...] = (),
        refuses: tuple[str, ...] = (),
        check=None,
    ) -> bool:
        text = result.out + result.err
        problems = []
        if result.code != code:
            problems.append(f"kode keluar {result.code}, seharusnya {code}")
        problems += [f"tidak ada «{n}»" for n in needs if n not in text]
        problems += [f"ada «{r}»" for r in refuses if r in text]
        if check is not None and not problems:
            problem = check()
            if problem:
                problems.append(problem)
        notes = ["stderr berisi traceback"] if "Traceback (most recent call last)" in result.err else []
        detail = "; ".join(problems) + (f" — {result.excerpt()}" if problems else "")
        log = Path(self.env["KSD_DESKTOP_DATA_DIR"]) / "ksd-desktop.log"
        if problems and log.exists():  # the app's own record of an unexpected error
            lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
            detail += f" — log: {lines[-1] if lines else ''}"
        self.steps.append(Step(name, not problems, result.seconds, detail, notes))
        mark = "ok   " if not problems else "GAGAL"
        print(f"  {mark} {name:<44} {result.seconds:6.2f} s" + (f"  {detail}" if problems else ""), flush=True)
        for note in notes:
            print(f"        catatan: {note}", flush=True)
        return not problems

    def fail(self, name: str, detail: str) -> None:
        self.steps.append(Step(name, False, 0.0, detail))
        print(f"  GAGAL {name:<44}  {detail}", flush=True)


def _file_check(path: Path, magic: bytes, minimum: int = 1024):
    def check() -> str | None:
        if not path.exists():
            return f"{path.name} tidak dibuat"
        data = path.read_bytes()
        if not data.startswith(magic) or len(data) < minimum:
            return f"{path.name} bukan berkas yang diharapkan ({len(data)} bita)"
        return None

    return check


def _xlsx_check(path: Path):
    def check() -> str | None:
        try:
            with zipfile.ZipFile(path) as book:
                return None if "xl/workbook.xml" in book.namelist() else "xl/workbook.xml tidak ada"
        except (OSError, zipfile.BadZipFile) as exc:
            return f"{path.name}: {exc}"

    return check


def sign_afterwards(pdf: Path, out: Path, work: Path) -> None:
    """A later PDF signature (an incremental update, as BSrE's e-signature), with a test key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kepala Dinas Uji Beku")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=7))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = work / "uji.key", work / "uji.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(key_file), str(cert_file))
    buffer = io.BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes())),
        signers.PdfSignatureMetadata(field_name="TTE_Uji"),
        signer=signer,
        output=buffer,
    )
    out.write_bytes(buffer.getvalue())


def signed_agency(db: Path) -> str | None:
    with sqlite3.connect(db) as con:
        row = con.execute(
            "SELECT agency_code FROM forms WHERE status = 'signed' ORDER BY agency_code LIMIT 1"
        ).fetchone()
    return row[0] if row else None


def linux_unresolved(dist: Path) -> list[str]:
    """Shared libraries the folder's binaries ask for that nothing provides (Linux, ldd)."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    missing = set()
    for path in dist.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        missing.update(line.split()[0] for line in done.stdout.splitlines() if "not found" in line)
    return sorted(missing)


def folder_size(dist: Path) -> tuple[int, int]:
    files = [p for p in dist.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def check_all(c: Checker) -> None:
    version = buildinfo.app_version()
    work = c.work
    db, db2 = work / "data uji" / "ksd desktop.sqlite3", work / "data uji" / "tkksd penerima.sqlite3"
    db.parent.mkdir(parents=True)
    c.step("--version", c.run(["--version"]), needs=(f"{buildinfo.APP_NAME} {version}",))
    c.step("perintah salah (kode 2)", c.run(["perintah-tak-dikenal"]), code=2, needs=("pilihan tidak valid",))
    c.step("init", c.run(["init", "--db", str(db)]), needs=("Versi skema",))
    c.step("demo", c.run(["demo", "--db", str(db)]), needs=("27 formulir",))
    c.step("check", c.run(["check", "--db", str(db)]), needs=("UTUH",))
    agency = signed_agency(db) if db.exists() else None
    if agency is None:
        c.fail("export-pdf", "demo tidak menghasilkan formulir yang ditandatangani")
        return
    pdf, signed, foreign = work / "formulir ekspor.pdf", work / "formulir bertanda tangan.pdf", work / "bukan form.pdf"
    ok = c.step(
        f"export-pdf ({agency} 2024)",
        c.run(["export-pdf", "--db", str(db), "--agency", agency, "--year", "2024", str(pdf)]),
        needs=("PDF dibuat",),
        check=_file_check(pdf, b"%PDF", 10_000),
    )
    if ok:
        c.step("verify (seperti diekspor)", c.run(["verify", str(pdf)]), needs=("Hasil: UTUH",))
        try:
            sign_afterwards(pdf, signed, work)
        except Exception as exc:  # noqa: BLE001 - the check's own tools (pyHanko in .venv) failed: say so
            c.fail("verify (tanda tangan PDF kemudian)", f"PDF uji tidak dapat ditandatangani: {exc!r}")
        else:
            c.step(
                "verify (tanda tangan PDF kemudian, pyHanko)",
                c.run(["verify", str(signed)]),
                needs=("Hasil: UTUH", "«TTE_Uji»", "Kepala Dinas Uji Beku", "; utuh;"),
                refuses=("tidak tersedia", "tidak dapat diperiksa"),
            )
    # a well-formed PDF that is no form (a truncated one is reported RUSAK, as issue 9 decided)
    from reportlab.pdfgen.canvas import Canvas

    letter = Canvas(str(foreign))
    letter.drawString(72, 720, "Surat biasa, bukan formulir KSD")
    letter.save()
    c.step(
        "verify (bukan formulir, kode 1)", c.run(["verify", str(foreign)]), code=1, needs=("bukan dokumen KSD Desktop",)
    )
    recap_pdf, recap_xlsx = work / "rekap 2024.pdf", work / "rekap 2024.xlsx"
    c.step(
        "recap PDF",
        c.run(["recap", "--db", str(db), "--year", "2024", str(recap_pdf)]),
        needs=("Rekap tahun 2024",),
        check=_file_check(recap_pdf, b"%PDF", 10_000),
    )
    c.step(
        "recap XLSX",
        c.run(["recap", "--db", str(db), "--year", "2024", str(recap_xlsx)]),
        needs=("Rekap tahun 2024",),
        check=_xlsx_check(recap_xlsx),
    )
    bundle = work / f"kiriman {agency}.ksd"
    c.step(
        "export (berkas data .ksd)",
        c.run(["export", "--db", str(db), "--agency", agency, str(bundle)]),
        needs=("Berkas data dibuat",),
        check=_file_check(bundle, b"PK", 500),
    )
    c.step("init (basis data penerima)", c.run(["init", "--db", str(db2)]), needs=("Versi skema",))
    # a new kode perangkat is recorded only when asked (issue 10), as a coordinator does after comparing it
    c.step(
        "import",
        c.run(["import", "--db", str(db2), "--catat-kunci-baru", str(bundle)]),
        needs=("1 formulir ditambahkan",),
    )
    c.step("check (sesudah impor)", c.run(["check", "--db", str(db2)]), needs=("UTUH",))
    c.step(
        "jendela (offscreen, tampil lalu keluar)",
        c.run(["--db", str(db)], smoke=True),
        needs=(
            "jendela ditampilkan",
            "ikon SVG: ya",
            "agencies_table: 27 baris",
            "data ditampilkan",
            "QCollator id_ID): baik",
            "tombol Qt: Batal / Ya",
            "semua bagian F1 ada",
            "dibangun",
        ),
    )
    c.step(
        "buka berkas .ksd (jendela + pratinjau impor)",
        c.run(["--db", str(db2), str(bundle)], smoke=True),
        needs=("jendela ditampilkan", "dialog ImportDialog", f"{agency} 2024"),
    )
    if buildinfo.WINDOWS:
        shim = c.dist / buildinfo.CLI_SHIM
        c.step(
            "ksd-desktop.cmd --version",
            c.run([], command=["cmd.exe", "/d", "/c", str(shim), "--version"]),
            needs=(f"{buildinfo.APP_NAME} {version}",),
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dist",
        type=Path,
        default=ROOT / "build" / "dist" / buildinfo.DIST_NAME,
        help="folder aplikasi beku (bawaan: build/dist/ksd-desktop)",
    )
    parser.add_argument("--keep", action="store_true", help="simpan folder kerja sementara untuk diperiksa")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    exe = buildinfo.exe_path(dist)
    if not exe.exists():
        print(f"Aplikasi beku tidak ditemukan: {exe}\nBuat dulu dengan: python3 tasks.py freeze", file=sys.stderr)
        return 1
    size, count = folder_size(dist)
    print(f"freeze-check: {exe} (KSD Desktop {buildinfo.app_version()}, folder {size / 1e6:.1f} MB, {count} berkas)")
    work = Path(tempfile.mkdtemp(prefix="ksd freeze-check ")) / "Uji Beku – Ñusantara"
    work.mkdir(parents=True)
    checker = Checker(dist, work)
    started = time.perf_counter()
    try:
        check_all(checker)
    finally:
        if args.keep:
            print(f"Folder kerja disimpan: {work}")
        else:
            shutil.rmtree(work.parent, ignore_errors=True)
    missing = linux_unresolved(dist)
    if missing:
        print(
            f"  catatan: pustaka yang tidak ada di sistem pembuat maupun di folder (xcb tanpa pustaka ini "
            f"tidak termuat; offscreen tidak memerlukannya): {', '.join(missing)}"
        )
    failed = [s for s in checker.steps if not s.ok]
    total = time.perf_counter() - started
    print(
        f"\nRingkasan: {len(checker.steps)} langkah, {len(checker.steps) - len(failed)} berhasil, "
        f"{len(failed)} gagal ({total:.1f} s)."
    )
    for step in failed:
        print(f"  GAGAL {step.name}: {step.detail}")
    noted = [s for s in checker.steps if s.notes]
    for step in noted:
        print(f"  catatan {step.name}: {'; '.join(step.notes)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
