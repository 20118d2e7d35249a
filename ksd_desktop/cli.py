"""Command line: the same services as the GUI, with Indonesian messages.

Exit codes: 0 success; 1 the command could not do its job (a missing or non-SQLite file, a
read-only or newer data file where a change is needed, a failed check, a refused demo or
import); 2 wrong usage; 3 the data file is in use by another program and stayed locked
(try again); 4 the data file is damaged (the message names the newest valid backup and the
``restore`` command).

``--db`` discipline (storage/database.py): a folder, a non-SQLite file or another program's
SQLite file is refused and left as it is; only ``init`` creates a missing folder and only
``init``, ``demo`` and the window create a missing data file; a data file that cannot be
written (or comes from a newer version) is read by ``check``, ``export``, ``export-pdf``
and ``recap``, and refused by the commands that change it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .cli_parser import build_parser, report_overrides
from .errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "run"]


def _db_path(args: argparse.Namespace) -> Path:
    from .paths import default_db_path

    return getattr(args, "sub_db", None) or args.db or default_db_path()


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_init(path: Path) -> int:
    from .storage.database import open_database, require_sound, schema_version
    from .storage.repositories import table_counts

    existed = path.exists()
    db = open_database(path, create_folder=True)
    try:
        require_sound(db, path)
        print(f"Basis data {'diperbarui' if existed else 'dibuat'}: {path}")
        print(f"Versi skema: {schema_version(db)}")
        _print_counts(table_counts(db))
    finally:
        db.close()
    return EXIT_OK


COUNT_LABELS = {
    "agencies": "Perangkat daerah",
    "urusan": "Urusan pemerintahan",
    "regions": "Wilayah",
    "ranks": "Pangkat/golongan",
    "forms": "Formulir",
    "proposals": "Usulan",
    "partners": "Calon mitra",
    "signed_snapshots": "Rekaman tanda tangan",
    "audit_log": "Catatan perubahan",
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

    db = open_database(path)  # a missing file is created, a missing folder is not
    try:
        started = time.perf_counter()
        try:
            report = _progress("Membuat data contoh", " usulan")
            summary = fill_demo(db, proposals=proposals, seed=seed, progress=report)
        except DemoRefused as exc:
            _err(str(exc))
            return EXIT_FAILED
        elapsed = time.perf_counter() - started
    finally:
        db.close()
    seconds = f"{elapsed:.1f}".replace(".", ",")
    print(f"Data contoh dibuat di {path} dalam {seconds} detik:")
    print(
        f"  {summary.forms} formulir ({summary.signed} ditandatangani, {summary.forms - summary.signed} draf), "
        f"{summary.proposals} usulan, {summary.partners} calon mitra, tahun {summary.years}."
    )
    if len(summary.by_year) <= 3:
        for year, (forms, signed, count) in summary.by_year.items():
            drafts = f", {forms - signed} draf (belum menyampaikan)" if forms - signed else ""
            print(f"  Tahun {year}: {forms} formulir, {signed} ditandatangani{drafts}; {count} usulan.")
    return EXIT_OK


def _progress(what: str, unit: str = ""):
    """A progress callback that rewrites one line on a terminal (silent when piped)."""

    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            end = "\n" if done >= total else ""
            print(f"\r{what}: {done}/{total}{unit}", end=end, file=sys.stderr, flush=True)

    return report


def cmd_export_pdf(path: Path, agency: str, year: int, out: Path) -> int:
    from .services.pdf.export import export_form_pdf

    db = _open_for_reading(path)
    try:
        written = export_form_pdf(db, agency.upper(), year, out)
    finally:
        db.close()
    print(f"PDF dibuat: {written} ({written.stat().st_size // 1024} KB)")
    return EXIT_OK


def cmd_verify(pdf: Path, db_path: Path | None, ca_files: list[Path]) -> int:
    from .services.pdf.trust import TrustAnchorError, load_certificate_file
    from .services.pdf.verify import verify_pdf

    anchors = []
    for file in ca_files:
        try:
            anchors += load_certificate_file(file)
        except TrustAnchorError as exc:
            _err(f"Sertifikat {file}: {exc}")
            return EXIT_FAILED
    db = None
    if db_path is not None:
        from .storage.database import open_database

        db = open_database(db_path, create=False, require_write=False)
    try:
        report = verify_pdf(pdf, db=db, anchors=anchors)
    finally:
        if db is not None:
            db.close()
    stream = sys.stdout if report.ok else sys.stderr
    for line in report.summary_lines():
        print(line, file=stream)
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_sign_pdf(pdf: Path, p12: Path, out: Path) -> int:
    import getpass

    from .services.pdf.sign import SignError, sign_pdf

    try:
        passphrase = getpass.getpass(f"Kata sandi sertifikat {p12.name}: ")
    except EOFError:
        passphrase = ""
    try:
        result = sign_pdf(pdf, p12, passphrase.encode("utf-8"), out)
    except SignError as exc:
        _err(f"Gagal: {exc}")
        return EXIT_FAILED
    where = "dengan tampilan di ruang TTE blok pengesahan" if result.visible else "tanpa tampilan di halaman"
    print(f"PDF ditandatangani oleh {result.signer} ({where}): {result.path}")
    print("  Periksa hasilnya dengan: ksd-desktop verify " + str(result.path))
    return EXIT_OK


def cmd_export(path: Path, out: Path, agency: str | None, year: int | None) -> int:
    from .services.exchange.bundle import export_bundle

    db = _open_for_reading(path)
    try:
        summary = export_bundle(db, out, agency_code=agency, year=year)
    finally:
        db.close()
    print(f"Berkas data dibuat: {summary.path} ({max(1, summary.size // 1024)} KB)")
    print(f"  Isi: {summary.describe()}.")
    print(f"  {summary.describe_sender()} Bacakan kode ini kepada penerima bila ia menanyakannya.")
    return EXIT_OK


def cmd_import(path: Path, files: list[Path], **options) -> int:
    from .cli_exchange import cmd_import as run_import

    return run_import(path, files, **options)


def cmd_keys(path: Path, role: str | None, forget: str | None) -> int:
    from .cli_exchange import cmd_keys as run_keys

    return run_keys(path, role, forget)


def cmd_recap(path: Path, year: int, out: Path, overrides: dict[str, str] | None = None) -> int:
    from .services.recap.writer import check_recap_path, update_report_settings, write_recap

    check_recap_path(out)  # a wrong suffix is refused before the data file is opened
    db = _open_for_reading(path)
    try:
        if overrides:
            update_report_settings(db, year, overrides)
        written = write_recap(db, year, out, progress=_progress("Menyusun rekap"))
    finally:
        db.close()
    print(f"Rekap tahun {year} dibuat: {written} ({max(1, written.stat().st_size // 1024)} KB)")
    return EXIT_OK


def _open_for_reading(path: Path):
    """An existing data file for a command that only reads: read-only when it cannot be written."""
    from .storage.database import open_database

    db = open_database(path, create=False, require_write=False)
    if db.read_only:
        _err(f"Catatan: {db.read_only_reason}")
    return db


def cmd_gui(path: Path | None, open_files: list[Path] | None = None) -> int:
    """The window; without --db it opens the file chosen in the settings, else the default.

    ``open_files``: data files to import (a double-clicked ``.ksd``): the window opens, then
    their import preview.
    """
    from .gui import run_gui

    return run_gui(path, open_files or [])


#: Files the app opens when given on the command line (the installer associates them with it).
OPENED_SUFFIXES = (".ksd",)


def files_to_open(argv: list[str]) -> tuple[Path | None, list[Path]] | None:
    """``[--db BERKAS] FILE.ksd...`` (Explorer's "open" of a data file): (db, files); else None."""
    db: str | None = None
    files: list[Path] = []
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            db = next(args, None)
            if db is None:
                return None
        elif arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        elif arg.startswith("-") or not arg.lower().endswith(OPENED_SUFFIXES):
            return None
        else:
            files.append(Path(arg))
    return (Path(db) if db else None, files) if files else None


def window_start(argv: list[str]) -> tuple[Path | None] | None:
    """``[]`` or ``--db BERKAS`` (the usual start): (db,), read without building the parser
    (the window shows sooner); anything else: None."""
    if not argv:
        return (None,)
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return (Path(argv[1]),)
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return (Path(argv[0].removeprefix("--db=")),)
    return None


def run(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    opened = files_to_open(argv) or window_start(argv)
    args = None
    if opened is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help/--version
            return int(exc.code or 0)
        if args.command is not None:  # the window sets up the same log when it starts
            from .logs import setup_logging
            from .services.files import clean_stale_temporaries

            setup_logging()
            clean_stale_temporaries()  # what an export killed last time left behind
    import sqlite3

    from .storage.errors import translate_sqlite_error

    path: Path | None = None
    try:
        if args is None:
            assert opened is not None, "arguments are parsed unless they name files to open"
            return cmd_gui(*opened)
        path = _db_path(args)
        if args.command == "init":
            return cmd_init(path)
        if args.command == "check":
            return cmd_check(path)
        if args.command == "demo":
            return cmd_demo(path, args.proposals, args.seed)
        if args.command == "export-pdf":
            return cmd_export_pdf(path, args.agency, args.year, args.out)
        if args.command == "verify":
            return cmd_verify(args.pdf, getattr(args, "sub_db", None) or args.db, args.ca)
        if args.command == "sign-pdf":
            return cmd_sign_pdf(args.pdf, args.p12, args.out)
        if args.command == "export":
            return cmd_export(path, args.out, args.agency, args.year)
        if args.command == "import":
            if args.keep_local and args.take_unauthenticated:
                _err("penggunaan: --pertahankan-lokal tidak dapat digabung dengan --ambil-tanpa-autentikasi.")
                return EXIT_USAGE
            return cmd_import(
                path,
                args.files,
                take_incoming=args.take_incoming,
                keep_local=args.keep_local,
                dry_run=args.dry_run,
                take_unauthenticated=args.take_unauthenticated,
                record_new_keys=args.record_new_keys,
                replace_keys=args.replace_keys,
            )
        if args.command == "keys":
            return cmd_keys(path, args.role, args.forget)
        if args.command in ("undo-import", "backups", "restore"):
            from .cli_backups import cmd_backups, cmd_restore, cmd_undo_import

            if args.command == "undo-import":
                return cmd_undo_import(path)
            return cmd_backups(path) if args.command == "backups" else cmd_restore(path, args.backup)
        if args.command == "recap":
            return cmd_recap(path, args.year, args.out, report_overrides(args))
        return cmd_gui(path if (getattr(args, "sub_db", None) or args.db) else None)
    except sqlite3.Error as exc:  # a read that met a damaged page deep inside the file
        return _failed(translate_sqlite_error(exc, str(path or "")), path)
    except UserError as exc:  # the data file, a refused or failed job: the message says what to do
        return _failed(exc, path)
    except OSError as exc:
        from .storage.errors import os_reason

        where = f" ({exc.filename})" if exc.filename else ""
        _err(
            f"Gagal: berkas tidak dapat dibaca atau ditulis{where}: {os_reason(exc)}. Periksa nama berkas, "
            "hak akses dan ruang penyimpanan, lalu coba lagi."
        )
        return EXIT_FAILED
    except MemoryError:
        _err("Gagal: memori komputer tidak cukup untuk perintah ini. Tutup program lain, lalu coba lagi.")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("Dibatalkan.")
        return EXIT_FAILED
    except Exception:  # noqa: BLE001 - a programming error: log it, tell the user calmly, never a traceback
        return _unexpected()


def _failed(exc, path: Path | None) -> int:
    """Say what failed; for a damaged data file, also which backup to restore and how."""
    from .storage.errors import CorruptDatabaseError

    _err(f"Gagal: {exc}")
    damaged = (exc.path or path) if isinstance(exc, CorruptDatabaseError) else None
    if damaged:
        from .cli_backups import offer_backup

        offer_backup(Path(damaged))
    return getattr(exc, "exit_code", EXIT_FAILED)


def _unexpected() -> int:
    from .logs import log, setup_logging

    path = setup_logging()
    if path is not None:
        log.exception("Kesalahan tak terduga pada perintah baris:")
        where = f"Rinciannya dicatat di {path}; kirimkan berkas itu kepada petugas TI."
    else:
        where = "Rinciannya tidak dapat dicatat."
    _err(f"Terjadi kesalahan tak terduga. Data yang sudah tersimpan aman. {where}")
    return EXIT_FAILED
