"""Pengaturan › Peran dan kode perangkat: the data file's role, its own kode perangkat, and the
senders' kode perangkat recorded on first use (replace with a new laptop's, or remove).

The role is saved with the other settings ("Simpan"); replacing or removing a recorded key
asks first and is written at once (audited), like an import that records one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.dates import format_date_id
from ...domain.device import ROLE_LABELS, SECRETARIAT_HOLDER, Role
from ...domain.settings import SETTINGS
from ...storage.errors import StorageError
from .. import ui_state

if TYPE_CHECKING:
    from sqlite_utils import Database

HOLDER_ROLE = Qt.ItemDataRole.UserRole + 1


class DeviceKeysSection(QGroupBox):
    """objectName ``device_keys``: role (``data_role``), own code (``device_code``), table ``trusted_keys``."""

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Peran dan kode perangkat"))
        self.setObjectName("device_keys")
        self.db = db
        from ...services.exchange.devices import own_device

        device = own_device(db)
        self.role = QComboBox(self)
        self.role.setObjectName("data_role")
        for role in Role:
            self.role.addItem(self.tr(ROLE_LABELS[role]), role.value)
        self.role.setCurrentIndex(max(0, self.role.findData(device.role)))
        self.role.setToolTip(self.tr(SETTINGS["data_role"].help))
        self.code = QLabel(device.device_code, self)
        self.code.setObjectName("device_code")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setBold(True)
        self.table_font = QFont(font)
        font.setPointSizeF(max(font.pointSizeF(), 9) * 1.3)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("trusted_keys")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Instansi"), self.tr("Kode perangkat"), self.tr("Pertama terlihat"), self.tr("Terakhir dipakai")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.replace = QPushButton(self.tr("&Ganti dengan Kode dari Berkas…"), self)
        self.replace.setObjectName("replace_key")
        self.replace.setToolTip(
            self.tr(
                "Laptop pengirim diganti: pilih berkas data (.ksd) dari laptop barunya "
                "setelah kode perangkatnya Anda cocokkan lewat telepon."
            )
        )
        self.replace.clicked.connect(self.replace_selected)
        self.remove = QPushButton(self.tr("&Hapus…"), self)
        self.remove.setObjectName("remove_key")
        self.remove.setToolTip(self.tr("Berkas berikutnya dari instansi ini diperlakukan sebagai yang pertama."))
        self.remove.clicked.connect(self.remove_selected)
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("P&eran berkas data:"), self.role)
        form.addRow(self.tr("Kode perangkat berkas ini:"), self.code)
        hint = QLabel(self.tr("Bacakan kode ini kepada penerima berkas data Anda bila ditanya."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b7a;")
        form.addRow(hint)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Kode perangkat pengirim yang tercatat (dicatat saat berkas pertama diimpor). Berkas "
                "dengan kode lain untuk instansi yang sama tidak diimpor tanpa keputusan Anda."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b7a;")
        layout.addWidget(note)
        layout.addWidget(self.table, 1)  # the table takes the room the tab has
        row = QHBoxLayout()
        row.addWidget(self.replace)
        row.addWidget(self.remove)
        row.addStretch(1)
        layout.addLayout(row)

    def value(self) -> str:
        return self.role.currentData()

    def refresh(self) -> None:
        from ...services.exchange.devices import recorded_senders

        senders = recorded_senders(self.db)
        self.table.setRowCount(len(senders))
        for row, sender in enumerate(senders):
            cells = (
                sender.short,
                sender.device_code,
                format_date_id(sender.first_seen[:10]),
                format_date_id(sender.last_used[:10]) if sender.last_used else "–",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(HOLDER_ROLE, sender)
                item.setToolTip(
                    self.tr("%1 · kode perangkat %2 · dicatat dari %3")
                    .replace("%1", sender.label)
                    .replace("%2", sender.device_code)
                    .replace("%3", sender.recorded_from or "–")
                )
                if column == 1:
                    item.setFont(self.table_font)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def _selected(self):
        items = self.table.selectedItems()
        return items[0].data(HOLDER_ROLE) if items else None

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.replace.setEnabled(chosen)
        self.remove.setEnabled(chosen)

    def remove_selected(self) -> None:
        from ...services.exchange.devices import forget_sender

        sender = self._selected()
        if sender is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Hapus kode perangkat"),
            self.tr(
                "Hapus kode perangkat %1 yang tercatat untuk %2?\n\nBerkas berikutnya dari %2 diperlakukan sebagai yang "
                "pertama: Anda akan diminta mencatat kode perangkatnya lagi."
            )
            .replace("%1", sender.device_code)
            .replace("%2", sender.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            forget_sender(self.db, sender.holder)
        except StorageError as exc:
            QMessageBox.warning(self, self.tr("Kode perangkat belum dihapus"), str(exc))
        self.refresh()

    def replace_selected(self) -> None:
        from ...services.exchange.devices import key_from_file, replace_sender
        from ...services.exchange.importer import ImportRefused

        sender = self._selected()
        if sender is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih berkas data dari laptop baru %1").replace("%1", sender.label),
            str(ui_state.last_folder()),
            self.tr("Berkas data KSD (*.ksd)"),
        )
        if not path:
            return
        try:
            key = key_from_file(path)
        except (ImportRefused, StorageError) as exc:
            QMessageBox.warning(self, self.tr("Kode perangkat belum diganti"), str(exc))
            return
        if key.public_key == sender.public_key:
            QMessageBox.information(
                self,
                self.tr("Ganti kode perangkat"),
                self.tr(
                    "Berkas ini ditandatangani dengan kode perangkat yang sudah tercatat (%1); tidak ada yang diganti."
                ).replace("%1", key.device_code),
            )
            return
        secretariat = sender.holder == SECRETARIAT_HOLDER
        mismatch = (
            ""
            if (key.role == Role.SEKRETARIAT) == secretariat
            else self.tr("\n\nPerhatian: berkas ini dikirim sebagai %1, bukan sebagai %2.")
            .replace("%1", self.tr(ROLE_LABELS[Role(key.role)]))
            .replace("%2", self.tr(ROLE_LABELS[Role.SEKRETARIAT if secretariat else Role.PERANGKAT_DAERAH]))
        )
        answer = QMessageBox.question(
            self,
            self.tr("Ganti kode perangkat"),
            self.tr(
                "Ganti kode perangkat %1 yang tercatat untuk %2 dengan %3?\n\nLakukan hanya bila pengirim sudah "
                "memastikan lewat telepon bahwa %3 adalah kode perangkat laptop barunya."
            )
            .replace("%1", sender.device_code)
            .replace("%2", sender.label)
            .replace("%3", key.device_code)
            + mismatch,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            replace_sender(self.db, sender.holder, key)
        except StorageError as exc:
            QMessageBox.warning(self, self.tr("Kode perangkat belum diganti"), str(exc))
        self.refresh()
