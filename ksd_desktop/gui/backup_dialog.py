"""*Cadangan & Pulihkan*: the backups in ``cadangan/``, a new one on request, restoring any of them.

Lists every backup with its date and time (local, the Indonesian way), its reason, and what
it holds; restores the selected one after backing up the current state (so a restore can be
undone the same way); copies the data file elsewhere (a flash disk); and sets the retention
policy (kept in the data file's settings). The long steps run off the GUI thread, each with
its own connection. With ``db=None`` the dialog serves a *damaged* data file at start-up:
restoring then replaces the file (the damaged one is kept in ``cadangan/``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from .worker import database_job, run_with_progress

CONTEXT = "BackupDialog"
COLUMNS = ("Waktu", "Alasan", "Formulir", "Usulan", "Tanda tangan", "Ukuran", "Keterangan")
INFO_ROLE = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _number(value: int | None) -> str:
    return "–" if value is None else f"{value:,}".replace(",", ".")


def _size(size: int) -> str:
    from ..domain.dates import format_size_id

    return format_size_id(size)


def _restore_job(db_path: str, info, damaged: bool):
    def job(progress, cancelled):
        from ..services.exchange.backup import restore_backup, restore_damaged

        if damaged:
            return restore_damaged(db_path, info)
        return restore_backup(db_path, info)

    return job


def _backup_job(db_path: str):
    def work(db, **_):
        from ..services.exchange.backup import make_backup

        return make_backup(db)

    return database_job(db_path, work, read_only=False)


def _copy_job(db_path: str, target: str):
    def work(db, **_):
        from ..services.exchange.backup import copy_database

        return copy_database(db, Path(target))

    return database_job(db_path, work)


class BackupDialog(QDialog):
    """objectName ``backup_dialog``; emits ``restored`` after a backup was restored."""

    restored = Signal()

    def __init__(self, db_path: str, db=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path, self.db = str(db_path), db
        self.damaged = db is None
        self.read_only = bool(getattr(db, "read_only", False))
        self.setObjectName("backup_dialog")
        self.setWindowTitle(tr("Cadangan & Pulihkan"))
        self.resize(1040, 560)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("backup_intro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column, width in enumerate((262, 196, 72, 72, 96, 76)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self._build_policy())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.reload()

    # -- construction --------------------------------------------------------------------
    def _button(self, name: str, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.make_button = self._button(
            "backup_make",
            tr("&Buat Cadangan Sekarang"),
            tr("Salin keadaan berkas data saat ini ke folder cadangan"),
            self.make_backup,
        )
        self.restore_button = self._button(
            "backup_restore",
            tr("&Pulihkan Cadangan Terpilih…"),
            tr("Kembalikan data seperti pada waktu cadangan terpilih; keadaan saat ini dicadangkan lebih dahulu"),
            self.restore_selected,
        )
        self.copy_button = self._button(
            "backup_copy",
            tr("&Salin ke Lokasi Lain…"),
            tr("Simpan salinan berkas data di lokasi pilihan, misalnya flash disk"),
            self.copy_elsewhere,
        )
        self.folder_button = self._button(
            "backup_folder",
            tr("Buka &Folder Cadangan"),
            tr("Tampilkan folder cadangan di pengelola berkas"),
            self.open_folder,
        )
        for button in (self.make_button, self.restore_button, self.copy_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.folder_button)
        if self.damaged or self.read_only:
            self.make_button.setEnabled(False)
            self.copy_button.setEnabled(not self.damaged)
        return row

    def _spin(self, name: str, low: int, high: int, suffix: str = "") -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        return spin

    def _build_policy(self) -> QGroupBox:
        box = QGroupBox(tr("Penyimpanan otomatis cadangan"), self)
        box.setObjectName("backup_policy")
        row = QHBoxLayout(box)
        self.keep_last = self._spin("backup_keep_last", 1, 100)
        self.keep_days = self._spin("backup_keep_days", 0, 365)
        self.max_mb = self._spin("backup_max_mb", 10, 100_000, " MB")
        self.save_policy_button = self._button(
            "backup_save_policy",
            tr("Simpan &Kebijakan"),
            tr("Terapkan kebijakan ini sekarang dan sesudah setiap cadangan baru"),
            self.save_policy,
        )
        for widget in (
            QLabel(tr("Simpan"), box),
            self.keep_last,
            QLabel(tr("cadangan terakhir dan semua cadangan"), box),
            self.keep_days,
            QLabel(tr("hari terakhir, paling besar"), box),
            self.max_mb,
            QLabel(tr("bersama-sama."), box),
        ):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.save_policy_button)
        box.setToolTip(
            tr(
                "Cadangan lain dihapus otomatis sesudah setiap cadangan baru; cadangan terbaru selalu "
                "disimpan. Berkas rusak yang disisihkan tidak pernah dihapus otomatis."
            )
        )
        from ..services.exchange.backup import retention_policy

        policy = retention_policy(self.db)  # the defaults when the data file cannot be read
        self.keep_last.setValue(policy.keep_last)
        self.keep_days.setValue(policy.keep_days)
        self.max_mb.setValue(policy.max_total_mb)
        box.setEnabled(not (self.damaged or self.read_only))
        return box

    # -- showing ---------------------------------------------------------------------------
    def reload(self) -> None:
        from ..domain.dates import format_local_datetime_id
        from ..services.exchange.backup import backup_dir, list_backups
        from ..storage.backups import Reason, looks_complete

        backups = list_backups(self.db_path)
        total = sum(b.size for b in backups)
        folder = backup_dir(self.db_path)
        text = (
            tr(
                "Cadangan berkas data disimpan di folder %1. Cadangan dibuat otomatis sebelum setiap impor, "
                "pembatalan impor, pemulihan dan pembaruan struktur data; Anda juga dapat membuatnya kapan saja. "
                "Saat ini: %2 cadangan, %3."
            )
            .replace("%1", str(folder))
            .replace("%2", str(len(backups)))
            .replace("%3", _size(total))
        )
        if self.damaged:
            text = (
                tr(
                    "Berkas data rusak. Pilih cadangan yang akan dipulihkan; berkas yang rusak tidak dihapus, "
                    "tetapi disimpan di folder cadangan."
                )
                + "\n"
                + text
            )
        elif self.read_only:
            text = (
                tr(
                    "Berkas data dibuka hanya-baca: cadangan dapat dilihat dan berkas data dapat disalin, tetapi "
                    "tidak dapat dipulihkan atau dicadangkan di sini."
                )
                + "\n"
                + text
            )
        self.intro.setText(text)
        self.table.setRowCount(len(backups))
        for row, info in enumerate(backups):
            notes = []
            if info.files:
                notes.append(tr("Berkas: %1").replace("%1", ", ".join(info.files)))
            if info.restored_at:
                notes.append(tr("sudah dipulihkan"))
            complete = looks_complete(info)
            if not complete:
                notes.append(tr("berkas tidak lengkap atau rusak"))
            if info.reason == Reason.DAMAGED:
                notes.append(tr("berkas data rusak yang disisihkan; tidak dapat dipulihkan"))
            counts = info.counts
            values = (
                format_local_datetime_id(info.created_at, with_day=True, seconds=True),
                tr(info.label),
                _number(counts.get("forms")),
                _number(counts.get("proposals")),
                _number(counts.get("signed_snapshots")),
                _size(info.size),
                "; ".join(notes),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(INFO_ROLE, info)
                if 2 <= column <= 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not complete or info.reason == Reason.DAMAGED:
                    item.setForeground(QBrush(QColor("#b3261e")))
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        if backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self):
        items = self.table.selectedItems()
        return items[0].data(INFO_ROLE) if items else None

    def _update_buttons(self) -> None:
        from ..storage.backups import Reason

        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.reason != Reason.DAMAGED and not self.read_only)

    # -- actions ---------------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> bool:
        from ..domain.dates import format_local_datetime_id

        info = self.selected()
        if info is None or not self.restore_button.isEnabled():
            return False
        when = format_local_datetime_id(info.created_at, with_day=True)
        if self.damaged:
            text = tr(
                "Ganti berkas data yang rusak dengan cadangan %1 (%2)?\n\nPerubahan sesudah waktu itu tidak ada "
                "di cadangan. Berkas yang rusak disimpan di folder cadangan."
            )
        else:
            text = tr(
                "Pulihkan data seperti pada %1 (%2)?\n\nSemua perubahan sesudah waktu itu, termasuk penilaian, "
                "ikut dibatalkan. Keadaan saat ini dicadangkan lebih dahulu, sehingga pemulihan ini dapat "
                "dibatalkan dengan memulihkan cadangan itu."
            )
        if not self._ask(tr("Pulihkan cadangan"), text.replace("%1", when).replace("%2", tr(info.label))):
            return False
        try:
            run_with_progress(
                self,
                tr("Pulihkan cadangan"),
                tr("Memulihkan cadangan…"),
                _restore_job(self.db_path, info, self.damaged),
            )
        except UserError as exc:
            QMessageBox.warning(self, tr("Cadangan belum dipulihkan"), str(exc))
            self.reload()
            return False
        QMessageBox.information(
            self, tr("Cadangan dipulihkan"), tr("Data dipulihkan seperti pada %1.").replace("%1", when)
        )
        self.restored.emit()
        if self.damaged:
            self.accept()
        else:
            self.reload()
        return True

    def make_backup(self) -> None:
        try:
            info = run_with_progress(self, tr("Buat cadangan"), tr("Membuat cadangan…"), _backup_job(self.db_path))
        except UserError as exc:
            QMessageBox.warning(self, tr("Cadangan belum dibuat"), str(exc))
            return
        self.reload()
        QMessageBox.information(self, tr("Cadangan dibuat"), tr("Cadangan disimpan:\n%1").replace("%1", str(info.path)))

    def copy_elsewhere(self) -> Path | None:
        return copy_data_file(self, self.db_path)

    def open_folder(self) -> None:
        from ..services.exchange.backup import backup_dir

        folder = backup_dir(self.db_path)
        if not folder.is_dir():
            QMessageBox.information(
                self,
                tr("Folder cadangan"),
                tr("Belum ada cadangan; folder %1 belum dibuat.").replace("%1", str(folder)),
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def save_policy(self) -> None:
        from ..services.exchange.backup import retention_policy
        from ..storage.backups import apply_retention
        from ..storage.repositories import SettingsRepository

        try:
            SettingsRepository(self.db).set_many(
                {
                    "backup_keep_last": self.keep_last.value(),
                    "backup_keep_days": self.keep_days.value(),
                    "backup_max_mb": self.max_mb.value(),
                }
            )
            removed = apply_retention(self.db_path, retention_policy(self.db))
        except UserError as exc:
            QMessageBox.warning(self, tr("Kebijakan belum disimpan"), str(exc))
            return
        self.reload()
        QMessageBox.information(
            self,
            tr("Kebijakan disimpan"),
            tr("Kebijakan penyimpanan cadangan disimpan; %1 cadangan lama dihapus.").replace("%1", str(len(removed))),
        )


def copy_data_file(parent: QWidget | None, db_path: str) -> Path | None:
    """Ask where, then write a checked copy of the data file there (e.g. a flash disk)."""
    import datetime as dt

    from . import ui_state

    default = str(ui_state.last_folder() / f"ksd-desktop-cadangan-{dt.date.today():%Y%m%d}.sqlite3")
    path, _ = QFileDialog.getSaveFileName(
        parent, tr("Simpan salinan berkas data"), default, tr("Berkas data SQLite (*.sqlite3)")
    )
    if not path:
        return None
    if Path(path).resolve() == Path(db_path).resolve():
        QMessageBox.warning(parent, tr("Cadangan"), tr("Pilih lokasi lain: salinan tidak boleh menimpa berkas data."))
        return None
    try:
        target = run_with_progress(
            parent, tr("Salin berkas data"), tr("Menyalin berkas data…"), _copy_job(db_path, path)
        )
    except UserError as exc:
        QMessageBox.warning(parent, tr("Salinan belum dibuat"), str(exc))
        return None
    ui_state.remember_folder(target)
    QMessageBox.information(
        parent,
        tr("Salinan dibuat"),
        tr(
            "Salinan berkas data disimpan di:\n%1\n\nUntuk memakainya, pilih salinan itu di Pengaturan › Umum › Pilih "
            "Berkas Lain, lalu tutup dan buka kembali aplikasi."
        ).replace("%1", str(target)),
    )
    return target


def show_backups(parent: QWidget | None, db_path: str, db) -> bool:
    """Open the dialog; True when a backup was restored (the caller reloads its data)."""
    dialog = BackupDialog(db_path, db, parent)
    restored: list[bool] = []
    dialog.restored.connect(lambda: restored.append(True))
    dialog.exec()
    return bool(restored)


def offer_restore_at_start(parent: QWidget | None, db_path: str, error: UserError) -> bool:
    """A damaged data file at start-up: offer the newest valid backup (or the list). True when restored."""
    from ..domain.dates import format_local_datetime_id
    from ..services.exchange.backup import backup_dir, newest_valid_backup, restore_damaged

    info = newest_valid_backup(db_path)
    box = QMessageBox(
        QMessageBox.Icon.Critical, tr("Berkas data rusak"), str(error), QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("damaged_file_box")
    if info is None:
        box.setInformativeText(
            tr(
                "Tidak ada cadangan yang sah di %1. Bila ada salinan lain (misalnya di flash disk), "
                "buka aplikasi dengan salinan itu (ksd-desktop --db BERKAS), atau hubungi petugas TI."
            ).replace("%1", str(backup_dir(db_path)))
        )
        box.addButton(tr("Keluar"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return False
    counts = info.counts
    box.setInformativeText(
        tr(
            "Cadangan sah terbaru: %1 (%2; %3 formulir, %4 usulan).\n\nPulihkan dari cadangan itu "
            "sekarang? Perubahan sesudah waktu itu tidak ada di cadangan. Berkas yang rusak tidak "
            "dihapus, tetapi disimpan di folder cadangan."
        )
        .replace("%1", format_local_datetime_id(info.created_at, with_day=True))
        .replace("%2", tr(info.label))
        .replace("%3", _number(counts.get("forms")))
        .replace("%4", _number(counts.get("proposals")))
    )
    newest = box.addButton(tr("Pulihkan Cadangan Terbaru"), QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton(tr("Pilih Cadangan Lain…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("Keluar"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(newest)
    box.exec()
    if box.clickedButton() is newest:
        try:
            run_with_progress(
                parent,
                tr("Pulihkan cadangan"),
                tr("Memulihkan cadangan…"),
                lambda progress, cancelled: restore_damaged(db_path, info),
            )
        except UserError as exc:
            QMessageBox.warning(parent, tr("Cadangan belum dipulihkan"), str(exc))
            return False
        return True
    if box.clickedButton() is other:
        return show_backups(parent, db_path, None)
    return False
