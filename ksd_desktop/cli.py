"""Command line: the same services as the GUI, with Indonesian messages.

Exit codes: 0 success; 1 the command could not do its job (a missing, locked, non-SQLite
or corrupt file, a failed check, a refused demo); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import APP_NAME, __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak valid: %(value)r (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak valid: %(value)r",
    "expected one argument": "memerlukan satu nilai",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
}


def _indonesian_argparse() -> None:
    """argparse's own words go through gettext; give them their Indonesian text."""
    argparse._ = lambda text: _ARGPARSE_ID.get(text, text)  # type: ignore[attr-defined]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat, bukan {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("tidak boleh negatif")
    return value


def build_parser() -> argparse.ArgumentParser:
    _indonesian_argparse()
    db_help = "berkas basis data (bawaan: folder data pengguna)"
    parser = argparse.ArgumentParser(
        prog="ksd-desktop",
        description=f"{APP_NAME}: pemetaan kerja sama daerah (PP 28/2018 Pasal 5; Permendagri 22/2020). "
                    "Tanpa perintah, membuka jendela aplikasi.",
        epilog="Kode keluar: 0 berhasil; 1 gagal (berkas tidak ada, terkunci, rusak, atau pemeriksaan "
               "menemukan masalah); 2 penggunaan salah.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="tampilkan versi program lalu keluar")
    parser.add_argument("--db", type=Path, metavar="BERKAS", help=db_help)
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah")

    p = sub.add_parser("init", help="buat atau migrasikan basis data dan muat data rujukan")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p = sub.add_parser("check", help="periksa keutuhan basis data (tanpa mengubahnya)")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p = sub.add_parser("demo", help="isi basis data kosong dengan data contoh pemetaan Kabupaten Banjar")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--proposals", type=_positive, metavar="N", default=156, help="jumlah usulan (bawaan: 156)")
    p.add_argument("--seed", type=int, metavar="S", default=2024, help="benih acak agar hasil dapat diulang (bawaan: 2024)")
    p = sub.add_parser("export-pdf", help="ekspor formulir pemetaan (draf atau yang sudah ditandatangani) ke PDF")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--agency", required=True, metavar="KODE", help="kode perangkat daerah, misalnya DINKES")
    p.add_argument("--year", required=True, type=int, metavar="TAHUN", help="tahun pemetaan, misalnya 2024")
    p.add_argument("out", type=Path, metavar="KELUARAN.pdf", help="berkas PDF yang dibuat")
    p = sub.add_parser("verify", help="periksa keaslian PDF formulir: UTUH, TELAH DIUBAH, atau bukan dokumen KSD Desktop")
    p.add_argument("pdf", type=Path, metavar="BERKAS.pdf", help="PDF yang diperiksa")
    return parser


def _db_path(args: argparse.Namespace) -> Path:
    from .paths import default_db_path
    return getattr(args, "sub_db", None) or args.db or default_db_path()


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_init(path: Path) -> int:
    from .storage.database import open_database, schema_version
    from .storage.repositories import table_counts
    existed = path.exists()
    db = open_database(path)
    try:
        print(f"Basis data {'diperbarui' if existed else 'dibuat'}: {path}")
        print(f"Versi skema: {schema_version(db)}")
        _print_counts(table_counts(db))
    finally:
        db.close()
    return EXIT_OK


COUNT_LABELS = {
    "agencies": "Perangkat daerah", "urusan": "Urusan pemerintahan", "regions": "Wilayah",
    "ranks": "Pangkat/golongan", "forms": "Formulir", "proposals": "Usulan", "partners": "Calon mitra",
    "signed_snapshots": "Rekaman tanda tangan", "audit_log": "Catatan perubahan",
}


def _print_counts(counts: dict[str, int]) -> None:
    width = max(len(v) for v in COUNT_LABELS.values())
    for key, value in counts.items():
        print(f"  {COUNT_LABELS.get(key, key):<{width}}  {value:>9,}".replace(",", "."))


def cmd_check(path: Path) -> int:
    from .services.integrity import check_database
    report = check_database(path)
    if report.counts:
        print(f"Berkas: {path}")
        print(f"Versi skema: {report.schema_version} (terbaru {report.latest_version})")
        _print_counts(report.counts)
    for note in report.notes:
        print(f"Catatan: {note}")
    if report.sound:
        print("Hasil: UTUH. Basis data sehat.")
        return EXIT_OK
    for problem in report.problems:
        _err(f"Masalah: {problem}")
    _err("Hasil: BERMASALAH.")
    return EXIT_FAILED


def cmd_demo(path: Path, proposals: int, seed: int) -> int:
    from .services.demo import DemoRefused, fill_demo
    from .storage.database import open_database
    db = open_database(path)
    try:
        started = time.perf_counter()
        try:
            summary = fill_demo(db, proposals=proposals, seed=seed, progress=_progress)
        except DemoRefused as exc:
            _err(str(exc))
            return EXIT_FAILED
        elapsed = time.perf_counter() - started
    finally:
        db.close()
    seconds = f"{elapsed:.1f}".replace(".", ",")
    print(f"Data contoh dibuat di {path} dalam {seconds} detik:")
    print(f"  {summary.forms} formulir ({summary.signed} ditandatangani, {summary.forms - summary.signed} draf), "
          f"{summary.proposals} usulan, {summary.partners} calon mitra, tahun {summary.years}.")
    return EXIT_OK


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        end = "\n" if done >= total else ""
        print(f"\rMembuat data contoh: {done}/{total} usulan", end=end, file=sys.stderr, flush=True)


def cmd_export_pdf(path: Path, agency: str, year: int, out: Path) -> int:
    from .services.export_pdf import export_form_pdf
    from .storage.database import open_database
    db = open_database(path, create=False)
    try:
        written = export_form_pdf(db, agency.upper(), year, out)
    finally:
        db.close()
    print(f"PDF dibuat: {written} ({written.stat().st_size // 1024} KB)")
    return EXIT_OK


def cmd_verify(pdf: Path) -> int:
    from .services.verify import verify_pdf
    report = verify_pdf(pdf)
    stream = sys.stdout if report.ok else sys.stderr
    for line in report.summary_lines():
        print(line, file=stream)
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_gui(path: Path) -> int:
    from .gui import run_gui
    return run_gui(path)


def run(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help/--version
        return int(exc.code or 0)
    from .storage.errors import StorageError
    path = _db_path(args)
    try:
        if args.command == "init":
            return cmd_init(path)
        if args.command == "check":
            return cmd_check(path)
        if args.command == "demo":
            return cmd_demo(path, args.proposals, args.seed)
        if args.command == "export-pdf":
            return cmd_export_pdf(path, args.agency, args.year, args.out)
        if args.command == "verify":
            return cmd_verify(args.pdf)
        return cmd_gui(path)
    except StorageError as exc:
        _err(f"Gagal: {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("Dibatalkan.")
        return EXIT_FAILED
    except Exception:  # a programming error: log it, tell the user calmly, never a traceback
        return _unexpected()


def _unexpected() -> int:
    import logging
    import traceback
    from .paths import log_path
    text = traceback.format_exc()
    try:
        log_path().parent.mkdir(parents=True, exist_ok=True)
        with open(log_path(), "a", encoding="utf-8") as log:
            log.write(text + "\n")
        where = f"Rinciannya dicatat di {log_path()}; kirimkan berkas itu kepada petugas TI."
    except OSError:
        logging.getLogger("ksd_desktop").error(text)
        where = "Rinciannya tidak dapat dicatat."
    _err(f"Terjadi kesalahan tak terduga. Data yang sudah tersimpan aman. {where}")
    return EXIT_FAILED
