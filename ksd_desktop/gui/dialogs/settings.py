"""Pengaturan: the region, the letterhead (kop), the default place of signing, the logo, the
trusted CA certificates for PDF signatures, the data file's role and kode perangkat
(device_keys.py), and which data file to open.

Everything but the data file lives in the database (SettingsRepository, keys declared in
domain/settings.py), so it travels with the data. The data file is per machine: it is kept
in QSettings and takes effect at the next start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout,
)

from ... import APP_NAME
from ...domain.settings import PAPER_LABELS, SETTINGS, paper_size
from ...paths import default_db_path
from ...storage.database import connect
from ...errors import UserError
from ...storage.repositories import ReferenceRepository, SettingsRepository
from .. import ui_state
from .device_keys import DeviceKeysSection

if TYPE_CHECKING:
    from sqlite_utils import Database

IMAGE_FILTER = "Gambar (*.png *.jpg *.jpeg *.bmp *.gif *.svg)"
CERT_FILTER = "Sertifikat (*.cer *.crt *.pem *.der);;Semua berkas (*)"
DATA_FILTER = "Basis data KSD Desktop (*.sqlite3 *.db);;Semua berkas (*)"
LEVELS = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}


class SettingsDialog(QDialog):
    """Modal; ``accept()`` validates, then writes every database setting in one transaction."""

    def __init__(self, db: Database, db_path: str | Path, parent=None):
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Pengaturan"))
        self.settings = SettingsRepository(db)
        self.db_path = Path(db_path)
        self._logo: str | None = self.settings.get("logo_path")
        chosen = ui_state.chosen_data_file()
        self._data_file: Path | None = chosen

        self.home_region = QComboBox(self)
        self.home_region.setObjectName("home_region_code")
        for region in ReferenceRepository(db).regions():
            self.home_region.addItem(f"{region.name} ({region.code})", region.code)
        self.home_region.setCurrentIndex(max(0, self.home_region.findData(self.settings.get("home_region_code"))))
        self.home_region.setToolTip(self.tr(SETTINGS["home_region_code"].help))
        self.region_title = QLineEdit(str(self.settings.get("region_title") or ""), self)
        self.region_title.setObjectName("region_title")
        self.region_title.setPlaceholderText(self.tr("misalnya: PEMERINTAH KABUPATEN BANJAR"))
        self.letterhead = QPlainTextEdit(self)
        self.letterhead.setObjectName("letterhead_lines")
        self.letterhead.setPlainText("\n".join(self.settings.get("letterhead_lines") or []))
        self.letterhead.setPlaceholderText(self.tr("Satu baris kop per baris, misalnya alamat dan nomor telepon"))
        self.letterhead.setTabChangesFocus(True)
        self.letterhead.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.signed_place = QLineEdit(str(self.settings.get("default_signed_place") or ""), self)
        self.signed_place.setObjectName("default_signed_place")
        self.paper = QComboBox(self)
        self.paper.setObjectName("paper_size")
        for key, text in PAPER_LABELS.items():
            self.paper.addItem(self.tr(text), key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper_size(self.settings.get("paper_size")))))
        self.paper.setToolTip(self.tr(SETTINGS["paper_size"].help))
        self.tte = QCheckBox(self.tr(SETTINGS["tte_mode"].title), self)
        self.tte.setObjectName("tte_mode")
        self.tte.setChecked(bool(self.settings.get("tte_mode")))
        self.tte.setToolTip(self.tr(SETTINGS["tte_mode"].help))

        self.logo_path = QLineEdit(self)
        self.logo_path.setObjectName("logo_path")
        self.logo_path.setReadOnly(True)
        self.logo_preview = QLabel(self)
        self.logo_preview.setObjectName("logo_preview")
        self.logo_preview.setFixedSize(QSize(64, 64))
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("QLabel#logo_preview { border: 1px solid #d5dbe1; background: white; }")
        choose_logo = QPushButton(self.tr("&Pilih Gambar…"), self)
        choose_logo.setObjectName("choose_logo")
        choose_logo.clicked.connect(self.choose_logo)
        self.remove_logo = QPushButton(self.tr("&Hapus"), self)
        self.remove_logo.setObjectName("remove_logo")
        self.remove_logo.clicked.connect(lambda: self._set_logo(None))
        self._set_logo(self._logo)

        self.data_file = QLineEdit(str(self.db_path), self)
        self.data_file.setObjectName("data_file")
        self.data_file.setReadOnly(True)
        self.next_data_file = QLabel(self)
        self.next_data_file.setObjectName("next_data_file")
        self.next_data_file.setWordWrap(True)
        choose_data = QPushButton(self.tr("Pilih &Berkas Lain…"), self)
        choose_data.setObjectName("choose_data_file")
        choose_data.clicked.connect(self.choose_data_file)
        default_data = QPushButton(self.tr("Lokasi Ba&waan"), self)
        default_data.setObjectName("default_data_file")
        default_data.setToolTip(str(default_db_path()))
        default_data.clicked.connect(lambda: self._set_data_file(None))
        self._set_data_file(chosen)
        self.device_keys = DeviceKeysSection(db, self)

        from ...services.pdf.trust import SETTING, anchors_from_setting
        self._anchors = anchors_from_setting(self.settings.get(SETTING))
        self.trust_list = QListWidget(self)
        self.trust_list.setObjectName("trust_anchors")
        self.trust_list.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.trust_list.setWordWrap(True)
        self.trust_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_anchor = QPushButton(self.tr("Tambah &Sertifikat…"), self)
        self.add_anchor.setObjectName("add_trust_anchor")
        self.add_anchor.clicked.connect(self.choose_anchor)
        self.remove_anchor = QPushButton(self.tr("Hapus Serti&fikat"), self)
        self.remove_anchor.setObjectName("remove_trust_anchor")
        self.remove_anchor.clicked.connect(self.remove_selected_anchor)
        self.trust_list.currentRowChanged.connect(lambda row: self.remove_anchor.setEnabled(row >= 0))
        self._show_anchors()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(choose_logo, choose_data, default_data)

    def _lay_out(self, choose_logo: QPushButton, choose_data: QPushButton, default_data: QPushButton) -> None:
        region = QGroupBox(self.tr("Daerah, kop surat dan penandatanganan"), self)
        form = QFormLayout(region)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        note = QLabel(self.tr("Disimpan di berkas data, sehingga sama bagi semua yang memakai berkas ini; "
                              "dipakai pada kop formulir PDF dan rekapitulasi."), region)
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b7a;")
        form.addRow(note)
        form.addRow(self.tr("&Daerah sendiri:"), self.home_region)
        form.addRow(self.tr("&Nama pemerintah daerah:"), self.region_title)
        form.addRow(self.tr("Baris &kop tambahan:"), self.letterhead)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_path)
        row = QHBoxLayout()
        row.addWidget(choose_logo)
        row.addWidget(self.remove_logo)
        row.addStretch(1)
        logo_buttons.addLayout(row)
        logo_row.addLayout(logo_buttons, 1)
        form.addRow(self.tr("Logo (opsional):"), logo_row)
        form.addRow(self.tr("&Tempat penandatanganan bawaan:"), self.signed_place)
        form.addRow(self.tr("&Ukuran kertas:"), self.paper)
        form.addRow("", self.tte)

        trust = QGroupBox(self.tr("Sertifikat akar tepercaya (tanda tangan elektronik PDF)"), self)
        trust_box = QVBoxLayout(trust)
        trust.setToolTip(self.tr(
            "Identitas penanda tangan PDF hanya pasti bila sertifikatnya berantai ke sertifikat akar yang Anda "
            "percayai, misalnya Root CA BSrE dari situs resmi BSrE. Disimpan di berkas data."))
        row = QHBoxLayout()
        row.addWidget(self.trust_list, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_anchor)
        buttons.addWidget(self.remove_anchor)
        buttons.addStretch(1)
        row.addLayout(buttons)
        trust_box.addLayout(row)

        data = QGroupBox(self.tr("Berkas data di komputer ini"), self)
        box = QVBoxLayout(data)
        box.addWidget(QLabel(self.tr("Berkas yang sedang dipakai:"), data))
        box.addWidget(self.data_file)
        row = QHBoxLayout()
        row.addWidget(choose_data)
        row.addWidget(default_data)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.next_data_file)

        layout = QVBoxLayout(self)
        columns = QHBoxLayout()     # two columns: every screen fits 1366×728
        left = QVBoxLayout()
        left.addWidget(region)
        left.addWidget(trust)
        left.addStretch(1)
        columns.addLayout(left, 5)
        right = QVBoxLayout()
        right.addWidget(self.device_keys)
        right.addWidget(data)
        right.addStretch(1)
        columns.addLayout(right, 6)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(1180)

    # -- logo ----------------------------------------------------------------------------
    def choose_logo(self) -> None:
        start = str(Path(self._logo).parent) if self._logo else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih Berkas Logo"), start, self.tr(IMAGE_FILTER))
        if not path:
            return
        if QImage(path).isNull():
            QMessageBox.warning(self, self.tr("Logo tidak dapat dipakai"), self.tr(
                "Berkas %1 tidak dapat dibaca sebagai gambar. Pilih berkas PNG, JPG, BMP, GIF atau SVG.")
                .replace("%1", path))
            return
        self._set_logo(path)

    def _set_logo(self, path: str | None) -> None:
        self._logo = path
        self.logo_path.setText(path or self.tr("(tanpa logo)"))
        self.remove_logo.setEnabled(bool(path))
        image = QImage(path) if path else QImage()
        if path and image.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("tidak\nditemukan"))
            self.logo_path.setToolTip(self.tr("Berkas logo tidak ditemukan atau bukan gambar."))
            return
        self.logo_path.setToolTip(path or "")
        self.logo_preview.setText("")
        self.logo_preview.setPixmap(QPixmap.fromImage(image).scaled(
            QSize(60, 60), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            if path else QPixmap())

    # -- trust anchors -------------------------------------------------------------------
    def choose_anchor(self) -> None:
        from ...services.pdf.trust import TrustAnchorError, load_certificate_file
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih Sertifikat Akar"), str(Path.home()),
                                              self.tr(CERT_FILTER))
        if not path:
            return
        try:
            added = load_certificate_file(path)
        except TrustAnchorError as exc:
            QMessageBox.warning(self, self.tr("Sertifikat tidak dapat dipakai"), str(exc))
            return
        known = {a.der for a in self._anchors}
        self._anchors += [a for a in added if a.der not in known]
        self._show_anchors()

    def remove_selected_anchor(self) -> None:
        row = self.trust_list.currentRow()
        if 0 <= row < len(self._anchors):
            del self._anchors[row]
            self._show_anchors()

    def _show_anchors(self) -> None:
        self.trust_list.clear()
        for anchor in self._anchors:
            item = QListWidgetItem(self.tr("%1 · berlaku s.d. %2").replace("%1", anchor.subject)
                                   .replace("%2", anchor.valid_until))
            item.setToolTip(self.tr("Penerbit: %1\nSidik SHA-256: %2").replace("%1", anchor.issuer)
                            .replace("%2", anchor.fingerprint))
            self.trust_list.addItem(item)
        if not self._anchors:
            placeholder = QListWidgetItem(self.tr(
                "Belum ada. Pasang sertifikat akar yang Anda percayai (misalnya Root CA BSrE) agar identitas "
                "penanda tangan PDF dapat dipastikan."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.trust_list.addItem(placeholder)
        self.remove_anchor.setEnabled(False)

    # -- data file -----------------------------------------------------------------------
    def choose_data_file(self) -> None:
        start = str(self._data_file or self.db_path)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Pilih Berkas Data"), start, self.tr(DATA_FILTER),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        chosen = Path(path)
        if chosen.is_file() and chosen.stat().st_size > 0:
            try:
                connect(chosen, read_only=True).close()
            except UserError as exc:
                QMessageBox.warning(self, self.tr("Berkas data tidak dapat dipakai"), str(exc))
                return
        self._set_data_file(chosen)

    def _set_data_file(self, path: Path | None) -> None:
        self._data_file = path
        upcoming = path or default_db_path()
        if upcoming.resolve() == self.db_path.resolve():
            self.next_data_file.setText(self.tr("Berkas ini juga dibuka pada saat aplikasi dimulai berikutnya."))
        else:
            exists = upcoming.exists()
            self.next_data_file.setText(self.tr(
                "<b>Mulai berikutnya</b> aplikasi membuka %1%2. Perubahan ini berlaku setelah aplikasi "
                "ditutup dan dibuka kembali.").replace("%1", str(upcoming))
                .replace("%2", "" if exists else self.tr(" (berkas baru akan dibuat)")))

    # -- saving --------------------------------------------------------------------------
    def values(self) -> dict[str, object]:
        """The database settings as entered (keys of domain/settings.py)."""
        from ...services.pdf.trust import anchors_to_setting
        lines = [line.strip() for line in self.letterhead.toPlainText().splitlines() if line.strip()]
        return {
            "home_region_code": self.home_region.currentData(),
            "region_title": " ".join(self.region_title.text().split()),
            "letterhead_lines": lines,
            "default_signed_place": " ".join(self.signed_place.text().split()),
            "logo_path": self._logo or None,
            "paper_size": self.paper.currentData() or "A4",
            "tte_mode": self.tte.isChecked(),
            "trust_anchors": anchors_to_setting(self._anchors),
            "data_role": self.device_keys.value(),
        }

    def accept(self) -> None:
        values = self.values()
        missing = [(widget, text) for widget, key, text in (
            (self.region_title, "region_title", self.tr("Nama pemerintah daerah wajib diisi.")),
            (self.signed_place, "default_signed_place", self.tr("Tempat penandatanganan bawaan wajib diisi.")),
        ) if not values[key]]
        if missing:
            widget, text = missing[0]
            QMessageBox.warning(self, self.tr("Pengaturan belum lengkap"), text)
            widget.setFocus()
            return
        try:
            self.settings.set_many(values)
        except UserError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        ui_state.set_chosen_data_file(self._data_file)
        super().accept()
