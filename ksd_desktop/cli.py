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


def _device_code(text: str) -> str:
    from .domain.device import normalise_code
    code = normalise_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(f"{text!r} bukan kode perangkat (delapan huruf/angka, misalnya K7Q4-9XMA)")
    return code


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
    p = sub.add_parser("export", help="ekspor berkas data (.ksd): seluruh basis data, satu perangkat daerah, "
                                      "atau satu tahun, untuk dikirim ke Sekretariat TKKSD")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--agency", metavar="KODE", help="hanya perangkat daerah ini, misalnya DINKES")
    p.add_argument("--year", type=int, metavar="TAHUN", help="hanya tahun ini, misalnya 2024")
    p.add_argument("out", type=Path, metavar="KELUARAN.ksd", help="berkas data yang dibuat")
    p = sub.add_parser("import", help="impor berkas data (.ksd) dan PDF formulir: pratinjau, cadangan, lalu "
                                      "diterapkan per berkas; konflik tidak pernah ditimpa diam-diam",
                       epilog="Kode keluar: 0 semua berkas diimpor atau tidak berubah; 1 ada berkas yang ditolak, "
                              "konflik atau kode perangkat yang belum diputuskan.")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--ambil-masuk", action="store_true", dest="take_incoming",
                        help="pada konflik, ambil data dari berkas masuk (hanya bila formulir di sini masih draf)")
    choice.add_argument("--pertahankan-lokal", action="store_true", dest="keep_local",
                        help="pada konflik, pertahankan data di sini dan anggap konflik sudah diputuskan")
    p.add_argument("--ambil-tanpa-autentikasi", action="store_true", dest="take_unauthenticated",
                   help="ambil juga formulir yang ditandatangani dari sumber yang tidak terautentikasi (berkas versi "
                        "1, PDF tanpa tanda tangan elektronik tepercaya, kode perangkat lain): menambah atau "
                        "menggantikan data yang ditandatangani di sini")
    p.add_argument("--catat-kunci-baru", action="store_true", dest="record_new_keys",
                   help="catat kode perangkat pengirim yang belum tercatat (pertama kali), lalu impor berkasnya; "
                        "tanpa opsi ini berkas dari kode perangkat baru tidak diimpor")
    p.add_argument("--ganti-kunci", action="append", type=_device_code, default=[], dest="replace_keys",
                   metavar="KODE", help="kode perangkat berbeda dari yang tercatat (laptop baru) yang sudah Anda "
                                        "cocokkan dengan pengirim: ganti yang tercatat dengannya, lalu impor berkasnya "
                                        "(boleh beberapa kali)")
    p.add_argument("--pratinjau", action="store_true", dest="dry_run",
                   help="hanya tampilkan pratinjau dan keputusan yang diperlukan; tidak ada yang ditulis")
    p.add_argument("files", nargs="+", type=Path, metavar="BERKAS", help="berkas .ksd atau PDF formulir (boleh beberapa)")
    p = sub.add_parser("keys", help="kode perangkat berkas data ini, perannya, dan kode perangkat pengirim yang "
                                    "tercatat")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--peran", choices=["perangkat-daerah", "sekretariat"], dest="role",
                   help="ubah peran berkas data: perangkat-daerah atau sekretariat (Sekretariat TKKSD)")
    p.add_argument("--hapus", metavar="INSTANSI", dest="forget",
                   help="hapus kode perangkat yang tercatat untuk instansi ini (kode perangkat daerah, atau TKKSD); "
                        "berkas berikutnya darinya diperlakukan sebagai yang pertama")
    p = sub.add_parser("undo-import", help="batalkan impor terakhir: pulihkan basis data dari cadangan sebelum impor")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p = sub.add_parser("recap", help="rekap hasil pemetaan satu tahun untuk TKKSD: laporan PDF atau lembar kerja XLSX")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--year", required=True, type=int, metavar="TAHUN", help="tahun pemetaan, misalnya 2024")
    p.add_argument("out", type=Path, metavar="KELUARAN", help="berkas .pdf (laporan) atau .xlsx (lembar kerja)")
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
    print(f"  {summary.forms} formulir ({summary.signed} ditandatangani, {summary.forms - summary.signed} draf), "
          f"{summary.proposals} usulan, {summary.partners} calon mitra, tahun {summary.years}.")
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
    from .storage.database import open_database
    db = open_database(path, create=False)
    try:
        written = export_form_pdf(db, agency.upper(), year, out)
    finally:
        db.close()
    print(f"PDF dibuat: {written} ({written.stat().st_size // 1024} KB)")
    return EXIT_OK


def cmd_verify(pdf: Path) -> int:
    from .services.pdf.verify import verify_pdf
    report = verify_pdf(pdf)
    stream = sys.stdout if report.ok else sys.stderr
    for line in report.summary_lines():
        print(line, file=stream)
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_export(path: Path, out: Path, agency: str | None, year: int | None) -> int:
    from .services.exchange.bundle import export_bundle
    from .storage.database import open_database
    db = open_database(path, create=False)
    try:
        summary = export_bundle(db, out, agency_code=agency, year=year)
    finally:
        db.close()
    print(f"Berkas data dibuat: {summary.path} ({max(1, summary.size // 1024)} KB)")
    print(f"  Isi: {summary.describe()}.")
    print(f"  {summary.describe_sender()} Bacakan kode ini kepada penerima bila ia menanyakannya.")
    return EXIT_OK


def _shown(value: object, width: int = 60) -> str:
    text = "–" if value in (None, "") else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


_KEY_HINTS = {
    "new": "pakai --catat-kunci-baru untuk mencatatnya setelah dicocokkan dengan pengirim",
    "changed": "pakai --ganti-kunci {code} bila pengirim memastikan laptopnya baru",
}


def _print_sender(fp) -> None:
    sender = fp.sender
    if sender is None:
        return
    print(f"      Pengirim: {sender.describe()}")
    if not sender.needs_decision:
        return
    if sender.decision is not None and sender.decision.value == "record":
        print("      Keputusan: kode perangkat " + ("dicatat" if sender.state == "new" else "diganti") +
              " lalu berkas diimpor.")
    else:
        _err(f"      {fp.path.name}: belum diputuskan, berkas tidak diimpor ("
             f"{_KEY_HINTS[sender.state.value].format(code=sender.device_code)}).")


def _print_form(form, decided) -> None:
    print(f"  - {form.describe()}")
    if form.snapshots_to_add:
        print(f"      + {form.snapshots_to_add} rekaman tanda tangan yang belum ada di sini")
    if form.review_message():
        print(f"      {form.review_message()}")
    if form.status != "conflict":
        return
    diffs = form.differences()
    if diffs:
        print(f"      {len(diffs)} perbedaan (di sini → berkas masuk):")
    for diff in diffs[:8]:
        print(f"        {diff.where} · {diff.label}: {_shown(diff.local)} → {_shown(diff.incoming)}")
    if len(diffs) > 8:
        print(f"        … dan {len(diffs) - 8} perbedaan lain")
    if form.form_uuid not in decided:
        flags = ("--ambil-tanpa-autentikasi atau --pertahankan-lokal" if form.conflict_kind == "unauthenticated"
                 else "--ambil-masuk atau --pertahankan-lokal")
        print(f"      Belum diputuskan: data di sini dipertahankan (pakai {flags}).")


def _print_preview(previews, decided) -> None:
    for number, fp in enumerate(previews, start=1):
        if not fp.ok:
            _err(f"[{number}/{len(previews)}] DITOLAK: {fp.error}")
            continue
        kind = "berkas data" if fp.kind == "bundle" else "PDF formulir"
        origin = ""
        if fp.manifest:
            origin = f", diekspor {fp.manifest['exported_at']}"
        print(f"[{number}/{len(previews)}] {fp.path.name} ({kind}{origin}): {fp.summary()}")
        _print_sender(fp)
        for form in fp.forms:
            _print_form(form, decided)


def _decisions(previews, *, take_incoming: bool, keep_local: bool, take_unauthenticated: bool) -> dict:
    """One decision per conflict, each from its own flag."""
    from .services.exchange.importer import ConflictKind, Decision
    decisions = {}
    for form in (f for fp in previews for f in fp.conflicts):
        if keep_local:
            decisions[form.form_uuid] = Decision.KEEP_LOCAL
        elif form.conflict_kind == ConflictKind.UNAUTHENTICATED:
            if take_unauthenticated:
                decisions[form.form_uuid] = Decision.TAKE_INCOMING
        elif take_incoming and Decision.TAKE_INCOMING in form.choices:
            decisions[form.form_uuid] = Decision.TAKE_INCOMING
    return decisions


def cmd_import(path: Path, files: list[Path], *, take_incoming: bool = False, keep_local: bool = False,
               dry_run: bool = False, take_unauthenticated: bool = False, record_new_keys: bool = False,
               replace_keys: list[str] | None = None) -> int:
    from .services.exchange.importer import KeyPolicy, apply, preview
    from .storage.database import open_database
    db = open_database(path)
    try:
        previews = preview(db, files, keys=KeyPolicy(record_new=record_new_keys,
                                                     replace_codes=frozenset(replace_keys or ())))
        decisions = _decisions(previews, take_incoming=take_incoming, keep_local=keep_local,
                               take_unauthenticated=take_unauthenticated)
        _print_preview(previews, decisions)
        if dry_run:
            refused = sum(1 for fp in previews if not fp.ok)
            open_conflicts = sum(1 for fp in previews for f in fp.conflicts if f.form_uuid not in decisions)
            undecided = sum(1 for fp in previews if fp.ok and not fp.imports)
            print("Pratinjau saja: tidak ada yang ditulis.")
            return EXIT_OK if not refused and not open_conflicts and not undecided else EXIT_FAILED
        result = apply(db, previews, decisions)
    finally:
        db.close()
    for outcome in result.files:
        if not outcome.ok:
            if not any(fp.path == outcome.path and not fp.ok for fp in previews):
                _err(f"DITOLAK saat diterapkan: {outcome.error}")
            continue
        if outcome.skipped:
            (_err if outcome.undecided else print)(outcome.skipped)
            continue
        added = sum(1 for f in outcome.forms if f.action == "added")
        replaced = [f"{f.agency_code} {f.year}" for f in outcome.forms if f.action == "replaced"]
        snapshots = sum(f.snapshots_added for f in outcome.forms if f.action not in ("added", "replaced"))
        reviews = sum(f.reviews_taken for f in outcome.forms)
        parts = [f"{added} formulir ditambahkan", f"{len(replaced)} diganti" + (f" ({', '.join(replaced)})"
                                                                               if replaced else "")]
        if snapshots:
            parts.append(f"{snapshots} rekaman tanda tangan ditambahkan")
        if reviews:
            parts.append(f"penilaian TKKSD diambil untuk {reviews} usulan")
        if outcome.keys_recorded:
            parts.append(f"kode perangkat dicatat untuk {', '.join(outcome.keys_recorded)}")
        print(f"{outcome.path.name}: " + (", ".join(parts) if outcome.changed else "tidak ada yang berubah") + ".")
        for form in outcome.forms:
            if form.unresolved:
                _err(f"Konflik {form.agency_code} {form.year} belum diputuskan: {form.message}")
    if result.backup:
        print(f"Cadangan sebelum impor: {result.backup}")
        print("  (batalkan dengan: ksd-desktop undo-import --db BERKAS)")
    refused = len(result.refused)
    line = (f"Hasil: {result.count('added')} formulir ditambahkan, {result.count('replaced')} diganti, "
            f"{len(result.unresolved)} konflik belum diputuskan, {refused} berkas ditolak.")
    if result.undecided:
        line += f" {len(result.undecided)} berkas tidak diimpor karena kode perangkatnya belum diputuskan."
    if result.ok:
        print(line if result.changed else line + " Tidak ada yang berubah.")
        return EXIT_OK
    _err(line)
    return EXIT_FAILED


def cmd_keys(path: Path, role: str | None, forget: str | None) -> int:
    from .services.exchange.devices import forget_sender, own_device, recorded_senders, set_role
    from .storage.database import open_database
    from .storage.errors import DatabaseNotFoundError
    if not path.exists():
        raise DatabaseNotFoundError(f"Berkas basis data tidak ditemukan: {path}")
    db = open_database(path, create=False)
    try:
        if role:
            set_role(db, {"perangkat-daerah": "perangkat_daerah", "sekretariat": "sekretariat_tkksd"}[role])
        if forget:
            holder = forget.strip().upper()
            if not forget_sender(db, holder):
                _err(f"Tidak ada kode perangkat yang tercatat untuk «{holder}».")
                return EXIT_FAILED
            print(f"Kode perangkat {holder} dihapus; berkas berikutnya darinya diperlakukan sebagai yang pertama.")
        device = own_device(db)
        senders = recorded_senders(db)
    finally:
        db.close()
    print(f"Kode perangkat berkas data ini: {device.device_code}")
    print(f"Peran berkas data: {device.role_label}")
    if not senders:
        print("Belum ada kode perangkat pengirim yang tercatat.")
        return EXIT_OK
    print(f"Kode perangkat pengirim yang tercatat ({len(senders)}):")
    width = max(len(s.holder) for s in senders)
    for sender in senders:
        used = sender.last_used[:10] if sender.last_used else "–"
        print(f"  {sender.holder:<{width}}  {sender.device_code}  pertama {sender.first_seen[:10]}  "
              f"terakhir dipakai {used}")
    return EXIT_OK


def cmd_recap(path: Path, year: int, out: Path) -> int:
    from .services.recap.writer import check_recap_path, write_recap
    from .storage.database import open_database
    check_recap_path(out)  # a wrong suffix is refused before the data file is opened
    db = open_database(path, create=False)
    try:
        written = write_recap(db, year, out, progress=_progress("Menyusun rekap"))
    finally:
        db.close()
    print(f"Rekap tahun {year} dibuat: {written} ({max(1, written.stat().st_size // 1024)} KB)")
    return EXIT_OK


def cmd_undo_import(path: Path) -> int:
    from .services.exchange.backup import last_import_backup, undo_copies, undo_last_import
    from .storage.errors import DatabaseNotFoundError
    if not path.exists():
        raise DatabaseNotFoundError(f"Berkas basis data tidak ditemukan: {path}")
    info = last_import_backup(path)
    restored = undo_last_import(path)
    print(f"Impor dibatalkan: basis data dipulihkan seperti sebelum {info.describe() if info else 'impor terakhir'}.")
    print(f"  Cadangan yang dipulihkan: {restored}")
    copies = undo_copies(path)
    if copies:
        print(f"  Keadaan sebelum pembatalan disimpan di: {copies[0]}")
    return EXIT_OK


def cmd_gui(path: Path | None) -> int:
    """The window; without --db it opens the file chosen in the settings, else the default."""
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
        if args.command == "export":
            return cmd_export(path, args.out, args.agency, args.year)
        if args.command == "import":
            if args.keep_local and args.take_unauthenticated:
                _err("penggunaan: --pertahankan-lokal tidak dapat digabung dengan --ambil-tanpa-autentikasi.")
                return EXIT_USAGE
            return cmd_import(path, args.files, take_incoming=args.take_incoming, keep_local=args.keep_local,
                              dry_run=args.dry_run, take_unauthenticated=args.take_unauthenticated,
                              record_new_keys=args.record_new_keys, replace_keys=args.replace_keys)
        if args.command == "keys":
            return cmd_keys(path, args.role, args.forget)
        if args.command == "undo-import":
            return cmd_undo_import(path)
        if args.command == "recap":
            return cmd_recap(path, args.year, args.out)
        return cmd_gui(path if (getattr(args, "sub_db", None) or args.db) else None)
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
