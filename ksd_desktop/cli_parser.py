"""The command line's parser: its options and help in Indonesian (argparse's own words too).

``build_parser()`` is all the CLI (cli.py) needs; ``report_overrides`` reads the Laporan's
editable parts given as options.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from . import APP_NAME, __version__
from .errors import EXIT_USAGE

__all__ = ["REPORT_OPTIONS", "build_parser", "report_overrides"]

#: argparse's own words (its gettext message ids) and their Indonesian; {0}, {1}: the values.
_ARGPARSE_MESSAGES = (
    ("argument %(argument_name)s: %(message)s", "argumen {0}: {1}"),
    ("the following arguments are required: %s", "argumen berikut wajib diisi: {0}"),
    ("unrecognized arguments: %s", "argumen tidak dikenal: {0}"),
    ("invalid choice: %(value)r (choose from %(choices)s)", "pilihan tidak valid: {0} (pilih dari {1})"),
    ("invalid %(type)s value: %(value)r", "nilai {0} tidak valid: {1}"),
    ("expected one argument", "memerlukan satu nilai"),
    ("not allowed with argument %s", "tidak boleh dipakai bersama argumen {0}"),
)
_ARGPARSE_HEADINGS = {"positional arguments": "argumen posisi", "options": "opsi"}


def _pattern(message_id: str) -> re.Pattern[str]:
    parts = re.split(r"%\(\w+\)[sr]|%s", message_id)
    return re.compile("(.*?)".join(re.escape(part) for part in parts) + r"\Z", re.DOTALL)


@cache
def _argparse_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled when a message needs them (16 ms at import, on every start, otherwise)."""
    return tuple((_pattern(message_id), text) for message_id, text in _ARGPARSE_MESSAGES)


def _indonesian_message(message: str) -> str:
    """An argparse error message in Indonesian (nested ones too); our own messages pass as they are."""
    for pattern, text in _argparse_patterns():
        found = pattern.match(message)
        if found:
            return text.format(*(_indonesian_message(value) for value in found.groups()))
    return message


class _Formatter(argparse.HelpFormatter):
    """Help in Indonesian: the usage prefix and the headings of argparse's own groups.

    Set through ``formatter_class``, argparse's documented hook; the usage is wrapped for the
    Indonesian prefix's width.
    """

    def add_usage(
        self, usage: str | None, actions: Iterable[argparse.Action], groups: Iterable[Any], prefix: str | None = None
    ) -> None:
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_ARGPARSE_HEADINGS.get(heading or "", heading))


class _Parser(argparse.ArgumentParser):
    """argparse in Indonesian without patching it: our formatter, our ``-h``, our ``error()``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _Formatter)  # the sub-commands' parsers are made here too
        super().__init__(*args, **kwargs)
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="tampilkan bantuan ini lalu keluar"
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan: {_indonesian_message(message)}\n")


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
    db_help = "berkas basis data (bawaan: folder data pengguna)"
    parser = _Parser(
        prog="ksd-desktop",
        description=f"{APP_NAME}: pemetaan kerja sama daerah (PP 28/2018 Pasal 5; Permendagri 22/2020). "
        "Tanpa perintah, membuka jendela aplikasi; dengan BERKAS.ksd, membuka jendela lalu "
        "pratinjau impor berkas itu.",
        epilog="Kode keluar: 0 berhasil; 1 gagal (berkas tidak ada atau bukan berkas data, berkas hanya-baca, "
        "atau pemeriksaan menemukan masalah); 2 penggunaan salah; 3 berkas data sedang dipakai program lain; "
        "4 berkas data rusak (pulihkan dari cadangan).",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="tampilkan versi program lalu keluar"
    )
    parser.add_argument("--db", type=Path, metavar="BERKAS", help=db_help)
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah")

    p = sub.add_parser("init", help="buat atau migrasikan basis data dan muat data rujukan")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p = sub.add_parser("check", help="periksa keutuhan basis data (tanpa mengubahnya)")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p = sub.add_parser("demo", help="isi basis data kosong dengan data contoh pemetaan Kabupaten Banjar")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--proposals", type=_positive, metavar="N", default=156, help="jumlah usulan (bawaan: 156)")
    p.add_argument(
        "--seed", type=int, metavar="S", default=2024, help="benih acak agar hasil dapat diulang (bawaan: 2024)"
    )
    p = sub.add_parser("export-pdf", help="ekspor formulir pemetaan (draf atau yang sudah ditandatangani) ke PDF")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--agency", required=True, metavar="KODE", help="kode perangkat daerah, misalnya DINKES")
    p.add_argument("--year", required=True, type=int, metavar="TAHUN", help="tahun pemetaan, misalnya 2024")
    p.add_argument("out", type=Path, metavar="KELUARAN.pdf", help="berkas PDF yang dibuat")
    p = sub.add_parser(
        "verify",
        help="periksa PDF formulir: keutuhan halaman (UTUH, TELAH DIUBAH, …), kecocokan dengan data "
        "tercatat (dengan --db) dan keaslian tanda tangan PDF",
        epilog="Kode keluar: 0 hanya bila keutuhan UTUH, tidak ada tanda tangan PDF yang rusak, dan (dengan --db) "
        "formulir tidak berbeda dari yang tercatat; selain itu 1.",
    )
    p.add_argument(
        "--db",
        type=Path,
        metavar="BERKAS",
        dest="sub_db",
        help="bandingkan dengan rekaman tanda tangan di berkas data ini dan pakai sertifikat akar "
        "tepercaya dari pengaturannya",
    )
    p.add_argument(
        "--ca",
        type=Path,
        metavar="BERKAS",
        action="append",
        default=[],
        help="sertifikat akar tepercaya tambahan (PEM/DER, misalnya Root CA BSrE); boleh berulang",
    )
    p.add_argument("pdf", type=Path, metavar="BERKAS.pdf", help="PDF yang diperiksa")
    p = sub.add_parser(
        "sign-pdf",
        help="tandatangani PDF formulir yang UTUH dengan sertifikat elektronik (.p12/.pfx), luring; "
        "kata sandi ditanyakan dan tidak disimpan",
    )
    p.add_argument("pdf", type=Path, metavar="MASUK.pdf", help="PDF formulir hasil ekspor KSD Desktop")
    p.add_argument(
        "--p12",
        type=Path,
        metavar="BERKAS",
        required=True,
        help="sertifikat penanda tangan berikut kunci privatnya (PKCS#12: .p12 atau .pfx)",
    )
    p.add_argument("out", type=Path, metavar="KELUARAN.pdf", help="PDF bertanda tangan yang dibuat")
    p = sub.add_parser(
        "export",
        help="ekspor berkas data (.ksd): seluruh basis data, satu perangkat daerah, "
        "atau satu tahun, untuk dikirim ke Sekretariat TKKSD",
    )
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--agency", metavar="KODE", help="hanya perangkat daerah ini, misalnya DINKES")
    p.add_argument("--year", type=int, metavar="TAHUN", help="hanya tahun ini, misalnya 2024")
    p.add_argument("out", type=Path, metavar="KELUARAN.ksd", help="berkas data yang dibuat")
    p = sub.add_parser(
        "import",
        help="impor berkas data (.ksd) dan PDF formulir: pratinjau, cadangan, lalu "
        "diterapkan per berkas; konflik tidak pernah ditimpa diam-diam",
        epilog="Kode keluar: 0 semua berkas diimpor atau tidak berubah; 1 ada berkas yang ditolak, "
        "konflik atau kode perangkat yang belum diputuskan.",
    )
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument(
        "--ambil-masuk",
        action="store_true",
        dest="take_incoming",
        help="pada konflik, ambil data dari berkas masuk (hanya bila formulir di sini masih draf)",
    )
    choice.add_argument(
        "--pertahankan-lokal",
        action="store_true",
        dest="keep_local",
        help="pada konflik, pertahankan data di sini dan anggap konflik sudah diputuskan",
    )
    p.add_argument(
        "--ambil-tanpa-autentikasi",
        action="store_true",
        dest="take_unauthenticated",
        help="ambil juga formulir yang ditandatangani dari sumber yang tidak terautentikasi (berkas versi "
        "1, PDF tanpa tanda tangan elektronik tepercaya, kode perangkat lain): menambah atau "
        "menggantikan data yang ditandatangani di sini",
    )
    p.add_argument(
        "--catat-kunci-baru",
        action="store_true",
        dest="record_new_keys",
        help="catat kode perangkat pengirim yang belum tercatat (pertama kali), lalu impor berkasnya; "
        "tanpa opsi ini berkas dari kode perangkat baru tidak diimpor",
    )
    p.add_argument(
        "--ganti-kunci",
        action="append",
        type=_device_code,
        default=[],
        dest="replace_keys",
        metavar="KODE",
        help="kode perangkat berbeda dari yang tercatat (laptop baru) yang sudah Anda "
        "cocokkan dengan pengirim: ganti yang tercatat dengannya, lalu impor berkasnya "
        "(boleh beberapa kali)",
    )
    p.add_argument(
        "--pratinjau",
        action="store_true",
        dest="dry_run",
        help="hanya tampilkan pratinjau dan keputusan yang diperlukan; tidak ada yang ditulis",
    )
    p.add_argument(
        "files", nargs="+", type=Path, metavar="BERKAS", help="berkas .ksd atau PDF formulir (boleh beberapa)"
    )
    p = sub.add_parser(
        "keys", help="kode perangkat berkas data ini, perannya, dan kode perangkat pengirim yang tercatat"
    )
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument(
        "--peran",
        choices=["perangkat-daerah", "sekretariat"],
        dest="role",
        help="ubah peran berkas data: perangkat-daerah atau sekretariat (Sekretariat TKKSD)",
    )
    p.add_argument(
        "--hapus",
        metavar="INSTANSI",
        dest="forget",
        help="hapus kode perangkat yang tercatat untuk instansi ini (kode perangkat daerah, atau TKKSD); "
        "berkas berikutnya darinya diperlakukan sebagai yang pertama",
    )
    p = sub.add_parser("undo-import", help="batalkan impor terakhir: pulihkan basis data dari cadangan sebelum impor")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p = sub.add_parser("backups", help="daftar cadangan berkas data di folder cadangan/ (waktu, alasan, isi)")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p = sub.add_parser(
        "restore",
        help="pulihkan berkas data dari cadangan (bawaan: cadangan sah terbaru); keadaan "
        "saat ini dicadangkan lebih dahulu",
    )
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument(
        "backup",
        nargs="?",
        metavar="CADANGAN",
        help="nama berkas cadangan di folder cadangan/ (lihat: ksd-desktop backups)",
    )
    p = sub.add_parser("recap", help="rekap hasil pemetaan satu tahun untuk TKKSD: laporan PDF atau lembar kerja XLSX")
    p.add_argument("--db", type=Path, metavar="BERKAS", help=db_help, dest="sub_db")
    p.add_argument("--year", required=True, type=int, metavar="TAHUN", help="tahun pemetaan, misalnya 2024")
    p.add_argument("out", type=Path, metavar="KELUARAN", help="berkas .pdf (laporan) atau .xlsx (lembar kerja)")
    g = p.add_argument_group("bagian laporan yang dapat diubah (disimpan untuk tahun itu; kosong = bawaan)")
    for flag, dest, what in REPORT_OPTIONS:
        g.add_argument(flag, dest=dest, metavar="TEKS", help=what)
    g.add_argument(
        "--mengetahui",
        dest="r_with_mengetahui",
        choices=("ya", "tidak"),
        help="cetak blok «Mengetahui» (misalnya Sekretaris Daerah) di kiri bawah",
    )
    return parser


#: (flag, destination, help) of the Laporan's editable parts on the command line.
REPORT_OPTIONS = (
    ("--nomor", "r_nomor", "nomor laporan"),
    ("--tanggal", "r_tanggal", "tanggal laporan, TTTT-BB-HH"),
    ("--sosialisasi", "r_sosialisasi", "waktu dan tempat sosialisasi"),
    ("--pendampingan", "r_pendampingan", "waktu dan bentuk pendampingan"),
    ("--pleno", "r_pleno", "waktu dan tempat rapat pleno"),
    ("--simpulan", "r_simpulan", "simpulan (paragraf dipisah baris kosong)"),
    ("--saran", "r_saran", "saran, satu per baris"),
    (
        "--penandatangan-jabatan",
        "r_signer_position",
        "jabatan penanda tangan (bawaan: Kepala Bagian Tata Pemerintahan)",
    ),
    ("--penandatangan-nama", "r_signer_name", "nama penanda tangan dengan gelar"),
    ("--penandatangan-pangkat", "r_signer_rank", "pangkat/golongan penanda tangan"),
    ("--penandatangan-nip", "r_signer_nip", "NIP penanda tangan"),
    ("--mengetahui-jabatan", "r_mengetahui_position", "jabatan pada blok Mengetahui (bawaan: Sekretaris Daerah)"),
    ("--mengetahui-awalan", "r_mengetahui_prefix", "awalan pada blok Mengetahui: a.n., Plt., Plh. atau Pj."),
    ("--mengetahui-nama", "r_mengetahui_name", "nama pada blok Mengetahui"),
    ("--mengetahui-pangkat", "r_mengetahui_rank", "pangkat/golongan pada blok Mengetahui"),
    ("--mengetahui-nip", "r_mengetahui_nip", "NIP pada blok Mengetahui"),
)


def report_overrides(args: argparse.Namespace) -> dict[str, str]:
    """The report options given on the command line, by their destination (without ``r_``)."""
    return {
        dest[2:]: getattr(args, dest)
        for _, dest, _ in REPORT_OPTIONS + (("", "r_with_mengetahui", ""),)
        if getattr(args, dest, None) is not None
    }
