"""The main window's actions, declared once: objectName, text, icon, shortcut and tips.

Actions whose feature belongs to a later version exist already (menus and toolbar keep
their place) but are disabled, and say so in their tooltip and status tip: never a dead
click. The window decides when the others are enabled.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from ..icons import icon

CONTEXT = "MainWindow"


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str                     # menu text, with its mnemonic
    icon_text: str                # shorter text under the toolbar icon
    tip: str                      # what it does (tooltip and status bar)
    icon: str = ""
    shortcut: str | QKeySequence.StandardKey | None = None
    later: str | None = None      # the feature a later version brings (action disabled)


def _t(text: str) -> str:
    return QT_TRANSLATE_NOOP(CONTEXT, text)


SPECS = (
    ActionSpec("action_new_mapping", _t("&Mulai Pemetaan Baru…"), _t("Pemetaan Baru"),
               _t("Mulai formulir pemetaan untuk satu perangkat daerah dan satu tahun"), "new_mapping",
               QKeySequence.StandardKey.New),
    ActionSpec("action_open_mapping", _t("&Buka Pemetaan…"), _t("Buka"),
               _t("Buka formulir pemetaan perangkat daerah yang dipilih"), "open_mapping",
               QKeySequence.StandardKey.Open),
    ActionSpec("action_sign_off", _t("&Tanda Tangani Formulir…"), _t("Tanda Tangani"),
               _t("Kunci formulir dengan data penandatangan"), "sign_off", "Ctrl+T"),
    ActionSpec("action_reopen", _t("Buka untuk &Revisi…"), _t("Revisi"),
               _t("Buka formulir yang sudah ditandatangani untuk revisi baru"), "reopen"),
    ActionSpec("action_export_pdf", _t("Ekspor &PDF…"), _t("Ekspor PDF"),
               _t("Simpan formulir sebagai PDF resmi berkop"), "export_pdf", "Ctrl+P"),
    ActionSpec("action_sign_pdf", _t("Tandatangani PDF dengan &Sertifikat…"), _t("TTE PDF"),
               _t("Tambahkan tanda tangan elektronik dari berkas sertifikat (.p12/.pfx) ke PDF formulir yang "
                  "sudah disahkan"), "sign_off"),
    ActionSpec("action_import", _t("&Impor Berkas Data…"), _t("Impor"),
               _t("Masukkan berkas data (.ksd) atau PDF formulir kiriman perangkat daerah; berkas juga dapat "
                  "diseret ke jendela"), "import", "Ctrl+I"),
    ActionSpec("action_undo_import", _t("&Batalkan Impor Terakhir…"), _t("Batalkan Impor"),
               _t("Pulihkan data seperti sebelum impor terakhir"), "refresh"),
    ActionSpec("action_export_bundle", _t("&Ekspor Berkas Data…"), _t("Ekspor Data"),
               _t("Simpan berkas data untuk dikirim ke Sekretariat TKKSD"), "export_bundle", "Ctrl+E"),
    ActionSpec("action_recap", _t("&Rekapitulasi…"), _t("Rekap"),
               _t("Rekapitulasi pemetaan satu tahun (PDF dan lembar kerja)"), "recap", "Ctrl+R"),
    ActionSpec("action_verify_pdf", _t("Periksa &Keaslian PDF…"), _t("Periksa PDF"),
               _t("Periksa apakah PDF formulir masih sama dengan yang ditandatangani"), "verify_pdf"),
    ActionSpec("action_assess", _t("&Nilai Usulan (TKKSD)…"), _t("Nilai"),
               _t("Nilai usulan terpilih: sesuai atau tidak sesuai kriteria, dengan rute alternatif"),
               "assess", "Ctrl+J"),
    ActionSpec("action_backup", _t("&Cadangkan Berkas Data…"), _t("Cadangkan"),
               _t("Simpan salinan cadangan berkas data, misalnya ke flash disk"), "backup"),
    ActionSpec("action_settings", _t("Pen&gaturan…"), _t("Pengaturan"),
               _t("Daerah, kop surat, tempat penandatanganan, logo dan lokasi berkas data"), "settings",
               "Ctrl+,"),
    ActionSpec("action_about", _t("&Tentang KSD Desktop"), _t("Tentang"),
               _t("Versi aplikasi, dasar hukum dan lokasi berkas data"), "about"),
    ActionSpec("action_find", _t("&Cari Usulan"), _t("Cari"),
               _t("Pindah ke kotak pencarian"), "search", QKeySequence.StandardKey.Find),
    ActionSpec("action_reset_filters", _t("&Atur Ulang Penyaringan"), _t("Atur Ulang"),
               _t("Kosongkan pencarian dan semua penyaringan"), "", "Ctrl+Shift+R"),
    ActionSpec("action_refresh", _t("&Muat Ulang"), _t("Muat Ulang"),
               _t("Baca ulang data dari berkas"), "refresh", QKeySequence.StandardKey.Refresh),
    ActionSpec("action_quit", _t("&Keluar"), _t("Keluar"), _t("Tutup aplikasi"), "quit",
               QKeySequence.StandardKey.Quit),
)

#: Actions of features that arrive in a later version.
LATER = frozenset(spec.name for spec in SPECS if spec.later)


def build_actions(parent) -> dict[str, QAction]:
    """Create every action (parented to ``parent``), keyed by objectName."""
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(QCoreApplication.translate(CONTEXT, spec.text), parent)
        action.setObjectName(spec.name)
        action.setIconText(QCoreApplication.translate(CONTEXT, spec.icon_text))
        if spec.icon:
            action.setIcon(icon(spec.icon))
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        tip = QCoreApplication.translate(CONTEXT, spec.tip)
        if spec.later:
            tip = QCoreApplication.translate(CONTEXT, "Tersedia pada versi berikutnya: %1.") \
                .replace("%1", QCoreApplication.translate(CONTEXT, spec.later))
            action.setEnabled(False)
        set_tip(action, tip)
        actions[spec.name] = action
    return actions


def set_tip(action: QAction, tip: str) -> None:
    """Tooltip (with the shortcut) and status-bar text of an action."""
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    action.setStatusTip(tip)
