"""Regenerate resources/i18n/qt_id.ts: Indonesian for the Qt strings the app shows.

Qt ships no Indonesian translation of its own buttons and dialogs, so we ship one. The .ts
file is the standard Qt Linguist format (editable in Linguist); ``python3 tasks.py`` compiles it
to build/i18n/qt_id.qm (PySide6's lrelease), which ksd_desktop/gui/i18n.py loads.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

COMMON_BUTTONS = {
    "OK": "OK",
    "&OK": "&OK",
    "Save": "Simpan",
    "&Save": "&Simpan",
    "Save All": "Simpan Semua",
    "Open": "Buka",
    "&Open": "&Buka",
    "&Yes": "&Ya",
    "Yes": "Ya",
    "Yes to &All": "Ya untuk &Semua",
    "&No": "&Tidak",
    "No": "Tidak",
    "N&o to All": "T&idak untuk Semua",
    "Abort": "Hentikan",
    "Retry": "Coba Lagi",
    "Ignore": "Abaikan",
    "Close": "Tutup",
    "&Close": "&Tutup",
    "Cancel": "Batal",
    "&Cancel": "&Batal",
    "Discard": "Buang",
    "Don't Save": "Jangan Simpan",
    "Close without Saving": "Tutup tanpa Menyimpan",
    "Help": "Bantuan",
    "&Help": "&Bantuan",
    "Apply": "Terapkan",
    "Reset": "Atur Ulang",
    "Restore Defaults": "Kembalikan Bawaan",
}

CONTEXTS: dict[str, dict[str, str]] = {
    "QPlatformTheme": COMMON_BUTTONS,
    "QDialogButtonBox": COMMON_BUTTONS,
    "QMessageBox": {
        **COMMON_BUTTONS,
        "Show Details...": "Tampilkan Rincian...",
        "Hide Details...": "Sembunyikan Rincian...",
        "About Qt": "Tentang Qt",
    },
    "QWizard": {
        "< &Back": "< &Kembali",
        "&Next >": "&Lanjut >",
        "&Next": "&Lanjut",
        "&Finish": "&Selesai",
        "Cancel": "Batal",
        "&Help": "&Bantuan",
        "Help": "Bantuan",
        "Go Back": "Kembali",
        "Continue": "Lanjut",
        "Commit": "Tetapkan",
        "Done": "Selesai",
    },
    "QLineEdit": {
        "&Undo": "&Urungkan",
        "&Redo": "U&lang",
        "Cu&t": "Po&tong",
        "&Copy": "&Salin",
        "&Paste": "T&empel",
        "Delete": "Hapus",
        "Select All": "Pilih Semua",
    },
    "QWidgetTextControl": {
        "&Undo": "&Urungkan",
        "&Redo": "U&lang",
        "Cu&t": "Po&tong",
        "&Copy": "&Salin",
        "Copy &Link Location": "Salin &Alamat Tautan",
        "&Paste": "T&empel",
        "Delete": "Hapus",
        "Select All": "Pilih Semua",
    },
    "QAbstractSpinBox": {"&Select All": "&Pilih Semua", "&Step up": "&Naikkan", "Step &down": "T&urunkan"},
    "QProgressDialog": {"Cancel": "Batal"},
    "QInputDialog": {"Enter a value:": "Masukkan nilai:"},
    "QScrollBar": {
        "Scroll here": "Gulir ke sini",
        "Left edge": "Tepi kiri",
        "Top": "Atas",
        "Right edge": "Tepi kanan",
        "Bottom": "Bawah",
        "Page left": "Halaman kiri",
        "Page up": "Halaman atas",
        "Page right": "Halaman kanan",
        "Page down": "Halaman bawah",
        "Scroll left": "Gulir ke kiri",
        "Scroll up": "Gulir ke atas",
        "Scroll right": "Gulir ke kanan",
        "Scroll down": "Gulir ke bawah",
    },
    "QFileDialog": {
        "Look in:": "Lihat di:",
        "File &name:": "&Nama berkas:",
        "Files of type:": "Jenis berkas:",
        "&Open": "&Buka",
        "&Save": "&Simpan",
        "Open": "Buka",
        "Save As": "Simpan Sebagai",
        "&Choose": "&Pilih",
        "Cancel": "Batal",
        "Directories": "Folder",
        "Directory:": "Folder:",
        "Find Directory": "Cari Folder",
        "All Files (*)": "Semua Berkas (*)",
        "All Files (*.*)": "Semua Berkas (*.*)",
        "Back": "Kembali",
        "Forward": "Maju",
        "Parent Directory": "Folder Induk",
        "Go back": "Kembali",
        "Go forward": "Maju",
        "Go to the parent directory": "Ke folder induk",
        "Create New Folder": "Buat Folder Baru",
        "Create a New Folder": "Buat folder baru",
        "List View": "Tampilan Daftar",
        "Detail View": "Tampilan Rinci",
        "Change to list view mode": "Tampilkan sebagai daftar",
        "Change to detail view mode": "Tampilkan rinci",
        "New Folder": "Folder Baru",
        "&New Folder": "Folder &Baru",
        "&Delete": "&Hapus",
        "&Rename": "&Ganti Nama",
        "Show &hidden files": "Tampilkan berkas &tersembunyi",
        "Recent Places": "Lokasi Terakhir",
        "Computer": "Komputer",
        "My Computer": "Komputer Saya",
        "Drive": "Diska",
        "File": "Berkas",
        "File Folder": "Folder Berkas",
        "Folder": "Folder",
        "Alias": "Alias",
        "Shortcut": "Pintasan",
        "Unknown": "Tidak diketahui",
        "Sidebar": "Bilah sisi",
        "Files": "Berkas",
        "Name": "Nama",
        "Size": "Ukuran",
        "Type": "Jenis",
        "Date Modified": "Tanggal Diubah",
        "%1 already exists.\nDo you want to replace it?": "%1 sudah ada.\nGanti berkas tersebut?",
        "%1\nFile not found.\nPlease verify the correct file name was given.": "%1\nBerkas tidak ditemukan.\nPeriksa kembali nama berkasnya.",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.": "%1\nFolder tidak ditemukan.\nPeriksa kembali nama foldernya.",
        "Are you sure you want to delete '%1'?": "Yakin akan menghapus '%1'?",
        "Could not delete directory.": "Folder tidak dapat dihapus.",
        "'%1' is write protected.\nDo you want to delete it anyway?": "'%1' dilindungi dari penulisan.\nTetap hapus?",
        "Delete": "Hapus",
        "Remove": "Hapus",
        "Home": "Beranda",
    },
    "QFileSystemModel": {
        "Name": "Nama",
        "Size": "Ukuran",
        "Type": "Jenis",
        "Kind": "Jenis",
        "Date Modified": "Tanggal Diubah",
        "My Computer": "Komputer Saya",
        "Computer": "Komputer",
        "%1 bytes": "%1 bita",
        "%1 KB": "%1 KB",
        "%1 MB": "%1 MB",
        "%1 GB": "%1 GB",
        "%1 TB": "%1 TB",
        "Invalid filename": "Nama berkas tidak valid",
    },
    "QFileIconProvider": {
        "Drive": "Diska",
        "File": "Berkas",
        "File Folder": "Folder Berkas",
        "Folder": "Folder",
        "Unknown": "Tidak diketahui",
    },
    "QColorDialog": {
        "Select Color": "Pilih Warna",
        "&Basic colors": "Warna &dasar",
        "&Custom colors": "Warna &kustom",
        "&Add to Custom Colors": "&Tambahkan ke Warna Kustom",
    },
    "QCalendarWidget": {
        "Today": "Hari ini",
        "Previous Month": "Bulan Sebelumnya",
        "Next Month": "Bulan Berikutnya",
        "Week": "Minggu",
    },
    "QShortcut": {
        "Ctrl": "Ctrl",
        "Shift": "Shift",
        "Alt": "Alt",
        "Del": "Del",
        "Backspace": "Backspace",
        "Return": "Enter",
        "Enter": "Enter",
        "Esc": "Esc",
        "Space": "Spasi",
        "Tab": "Tab",
    },
    "QToolButton": {"Menu": "Menu"},
    "QDockWidget": {"Float": "Lepaskan", "Close": "Tutup"},
    "QMainWindow": {},
    "QTabBar": {"Scroll Left": "Gulir ke Kiri", "Scroll Right": "Gulir ke Kanan"},
}


def build() -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        '<TS version="2.1" language="id_ID" sourcelanguage="en">',
    ]
    for context, messages in CONTEXTS.items():
        if not messages:
            continue
        lines += ["<context>", f"    <name>{context}</name>"]
        for source, translation in messages.items():
            lines += [
                "    <message>",
                f"        <source>{escape(source)}</source>",
                f"        <translation>{escape(translation)}</translation>",
                "    </message>",
            ]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "qt_id.ts"
    target.write_text(build(), encoding="utf-8")
    print(f"ditulis: {target}")
