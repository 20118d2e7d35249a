"""The main window's actions, declared once: name, text, icon, shortcut and tip.

Which of them are enabled is decided by ``state.enablement``; the window applies it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from ..icons import icon
from .state import WRITING, Action, WindowState, enablement

CONTEXT = "MainWindow"


@dataclass(frozen=True)
class ActionSpec:
    action: Action
    text: str  # menu text, with its mnemonic
    icon_text: str  # shorter text under the toolbar icon
    tip: str  # what it does (tooltip and status bar)
    icon: str = ""
    shortcut: str | QKeySequence.StandardKey | None = None


def _t(text: str) -> str:
    return str(QT_TRANSLATE_NOOP(CONTEXT, text))


SPECS = (
    ActionSpec(
        Action.NEW_MAPPING,
        _t("&Mulai Pemetaan Baru…"),
        _t("Pemetaan Baru"),
        _t("Mulai formulir pemetaan untuk satu perangkat daerah dan satu tahun"),
        "new_mapping",
        QKeySequence.StandardKey.New,
    ),
    ActionSpec(
        Action.OPEN_MAPPING,
        _t("&Buka Pemetaan…"),
        _t("Buka"),
        _t("Buka formulir pemetaan perangkat daerah yang dipilih"),
        "open_mapping",
        QKeySequence.StandardKey.Open,
    ),
    ActionSpec(
        Action.SIGN_OFF,
        _t("&Tanda Tangani Formulir…"),
        _t("Tanda Tangani"),
        _t("Kunci formulir dengan data penandatangan"),
        "sign_off",
        "Ctrl+T",
    ),
    ActionSpec(
        Action.REOPEN,
        _t("Buka untuk &Revisi…"),
        _t("Revisi"),
        _t("Buka formulir yang sudah ditandatangani untuk revisi baru"),
        "reopen",
    ),
    ActionSpec(
        Action.EXPORT_PDF,
        _t("Ekspor &PDF…"),
        _t("Ekspor PDF"),
        _t("Simpan formulir sebagai PDF resmi berkop"),
        "export_pdf",
        "Ctrl+P",
    ),
    ActionSpec(
        Action.SIGN_PDF,
        _t("Tanda Tangani PDF dengan &Sertifikat…"),
        _t("TTE PDF"),
        _t("Tambahkan tanda tangan elektronik dari berkas sertifikat (.p12/.pfx) ke PDF formulir yang sudah disahkan"),
        "sign_off",
    ),
    ActionSpec(
        Action.IMPORT,
        _t("&Impor Berkas Data…"),
        _t("Impor"),
        _t(
            "Masukkan berkas data (.ksd) atau PDF formulir kiriman perangkat daerah; berkas juga dapat "
            "diseret ke jendela"
        ),
        "import",
        "Ctrl+I",
    ),
    ActionSpec(
        Action.UNDO_IMPORT,
        _t("&Batalkan Impor Terakhir…"),
        _t("Batalkan Impor"),
        _t("Pulihkan data seperti sebelum impor terakhir"),
        "refresh",
    ),
    ActionSpec(
        Action.EXPORT_BUNDLE,
        _t("&Ekspor Berkas Data…"),
        _t("Ekspor Data"),
        _t("Simpan berkas data untuk dikirim ke Sekretariat TKKSD"),
        "export_bundle",
        "Ctrl+E",
    ),
    ActionSpec(
        Action.RECAP,
        _t("&Rekapitulasi…"),
        _t("Rekap"),
        _t("Rekapitulasi pemetaan satu tahun (PDF dan lembar kerja)"),
        "recap",
        "Ctrl+R",
    ),
    ActionSpec(
        Action.VERIFY_PDF,
        _t("Periksa &Keaslian PDF…"),
        _t("Periksa Keaslian PDF"),
        _t("Periksa apakah PDF formulir masih sama dengan yang ditandatangani"),
        "verify_pdf",
    ),
    ActionSpec(
        Action.ASSESS,
        _t("&Nilai Usulan (TKKSD)…"),
        _t("Nilai"),
        _t("Nilai usulan terpilih: sesuai atau tidak sesuai kriteria, dengan rute alternatif"),
        "assess",
        "Ctrl+J",
    ),
    ActionSpec(
        Action.BACKUP,
        _t("&Cadangan && Pulihkan…"),
        _t("Cadangan"),
        _t("Lihat, buat dan pulihkan cadangan berkas data, atau salin berkas data ke flash disk"),
        "backup",
    ),
    ActionSpec(
        Action.SETTINGS,
        _t("Pen&gaturan…"),
        _t("Pengaturan"),
        _t("Daerah, kop surat, tempat penandatanganan, logo dan lokasi berkas data"),
        "settings",
        "Ctrl+,",
    ),
    ActionSpec(
        Action.GUIDE,
        _t("&Panduan Pengguna"),
        _t("Panduan"),
        _t("Buka panduan pengguna (tanpa internet) pada bagian untuk layar yang sedang dipakai"),
        "guide",
        QKeySequence.StandardKey.HelpContents,
    ),
    ActionSpec(
        Action.ABOUT,
        _t("&Tentang KSD Desktop"),
        _t("Tentang"),
        _t("Versi aplikasi, kode perangkat, lokasi berkas data, dan info untuk petugas TI"),
        "about",
    ),
    ActionSpec(
        Action.FIND,
        _t("&Cari Usulan"),
        _t("Cari"),
        _t("Pindah ke kotak pencarian"),
        "search",
        QKeySequence.StandardKey.Find,
    ),
    ActionSpec(
        Action.RESET_FILTERS,
        _t("&Atur Ulang Penyaringan"),
        _t("Atur Ulang"),
        _t("Kosongkan pencarian dan semua penyaringan"),
        "",
        "Ctrl+Shift+R",
    ),
    ActionSpec(
        Action.REFRESH,
        _t("&Muat Ulang"),
        _t("Muat Ulang"),
        _t("Baca ulang data dari berkas"),
        "refresh",
        QKeySequence.StandardKey.Refresh,
    ),
    ActionSpec(Action.QUIT, _t("&Keluar"), _t("Keluar"), _t("Tutup aplikasi"), "quit", QKeySequence.StandardKey.Quit),
)


def build_actions(parent) -> dict[Action, QAction]:
    """Create every action (parented to ``parent``), named after its Action."""
    actions: dict[Action, QAction] = {}
    for spec in SPECS:
        action = QAction(QCoreApplication.translate(CONTEXT, spec.text), parent)
        action.setObjectName(spec.action.value)
        action.setIconText(QCoreApplication.translate(CONTEXT, spec.icon_text))
        if spec.icon:
            action.setIcon(icon(spec.icon))
        if spec.shortcut is not None:
            action.setShortcuts([_key_sequence(spec.shortcut)])
        set_tip(action, QCoreApplication.translate(CONTEXT, spec.tip))
        actions[spec.action] = action
    return actions


def _key_sequence(shortcut: str | QKeySequence.StandardKey) -> QKeySequence:
    """``QKeySequence(shortcut)``, made without resolving overloads that take Qt's ``Qt.Key``: that
    builds the whole Qt namespace (some 30 ms) before the main window's first paint (window.py).
    (``setShortcuts([...])`` likewise; ``setShortcut`` would build it.)"""
    if isinstance(shortcut, str):
        return QKeySequence(shortcut, QKeySequence.SequenceFormat.NativeText)
    bindings = QKeySequence.keyBindings(shortcut)
    return bindings[0] if bindings else QKeySequence()


def set_tip(action: QAction, tip: str) -> None:
    """Tooltip (with the shortcut) and status-bar text of an action."""
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    action.setStatusTip(tip)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def apply_state(actions: dict[Action, QAction], state: WindowState, year: int) -> None:
    """Enable the actions as ``enablement(state)`` says, and say in each tip what it will do (or why not)."""
    for action, enabled in enablement(state).items():
        actions[action].setEnabled(enabled)
    if not state.data_open:
        return
    agency, form, year_text = state.agency, state.form, str(year)
    new = actions[Action.NEW_MAPPING]
    if agency is not None and agency.form is not None:
        set_tip(
            new,
            _tr("%1 sudah memiliki formulir tahun %2; gunakan Buka Pemetaan.")
            .replace("%1", agency.name)
            .replace("%2", year_text),
        )
    elif agency is not None:
        set_tip(new, _tr("Mulai formulir pemetaan %1 tahun %2").replace("%1", agency.name).replace("%2", year_text))
    else:
        set_tip(new, _tr("Mulai formulir pemetaan untuk satu perangkat daerah dan satu tahun"))
    name = form.agency_name if form is not None else ""
    set_tip(
        actions[Action.OPEN_MAPPING],
        (
            _tr("Lihat formulir %1 tahun %2 yang sudah ditandatangani")
            if form is not None and form.is_signed
            else _tr("Buka formulir pemetaan %1 tahun %2")
        )
        .replace("%1", name)
        .replace("%2", year_text)
        if form is not None
        else _tr("Pilih perangkat daerah yang sudah mengisi, atau pilih satu usulan."),
    )
    set_tip(
        actions[Action.SIGN_OFF],
        _tr("Tanda tangani formulir %1 tahun %2 dan kunci isinya").replace("%1", name).replace("%2", year_text)
        if form is not None and form.is_draft
        else _tr("Pilih perangkat daerah yang formulirnya masih draf."),
    )
    set_tip(
        actions[Action.REOPEN],
        _tr("Buka formulir %1 untuk revisi baru (rekaman yang ditandatangani tetap ada)").replace("%1", name)
        if form is not None and form.is_signed
        else _tr("Hanya formulir yang sudah ditandatangani dapat direvisi."),
    )
    set_tip(
        actions[Action.EXPORT_PDF],
        _tr("Simpan formulir %1 sebagai PDF resmi berkop").replace("%1", name)
        if form is not None
        else _tr("Pilih perangkat daerah yang sudah mengisi formulir."),
    )
    count = state.proposals_selected
    set_tip(
        actions[Action.ASSESS],
        _tr("Nilai %1 usulan terpilih: sesuai atau tidak sesuai kriteria").replace("%1", str(count))
        if count
        else _tr("Pilih satu atau beberapa usulan di tabel (Ctrl/Shift untuk beberapa)."),
    )
    if state.read_only:
        for action in WRITING:
            set_tip(actions[action], _tr("Berkas data dibuka hanya-baca: %1").replace("%1", state.read_only))
