"""Pengaturan: the region, its lambang, the place of signing and the time zone (tab *Umum*), each
agency's own kop (tab *Perangkat Daerah*), the trusted CA certificates for PDF signatures (tab
*Sertifikat Akar Tepercaya*), the data file's role and kode perangkat with the senders' recorded
ones (tab *Peran dan Kode Perangkat*, device_keys.py), and which data file to open.

Everything but the data file lives in the database (SettingsRepository, keys declared in
domain/settings.py; the agencies' kop in storage/letterheads.py), so it travels with the data.
The data file is per machine: it is kept in QSettings and takes effect at the next start.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...domain.dates import INDONESIAN_ZONES
from ...domain.settings import PAPER_LABELS, SETTINGS, paper_size
from ...errors import UserError
from ...paths import default_db_path
from ...storage.database import connect
from ...storage.letterheads import SECRETARIAT, LetterheadRepository, save_settings_and_letterheads
from ...storage.repositories import ReferenceRepository, SettingsRepository
from .. import ui_state
from ..screen import fit_to_screen
from .agency_letterheads import AgencyLetterheadsTab, LogoPicker
from .device_keys import DeviceKeysSection

if TYPE_CHECKING:
    from sqlite_utils import Database

CERT_FILTER = "Sertifikat (*.cer *.crt *.pem *.der);;Semua berkas (*)"
DATA_FILTER = "Basis data KSD Desktop (*.sqlite3 *.db);;Semua berkas (*)"
#: The zones offered (Indonesia's three), in the order west to east.
ZONES = (
    ("Asia/Jakarta", "WIB — Waktu Indonesia Barat"),
    ("Asia/Makassar", "WITA — Waktu Indonesia Tengah"),
    ("Asia/Jayapura", "WIT — Waktu Indonesia Timur"),
)


class SettingsDialog(QDialog):
    """Modal; ``accept()`` validates, then writes every database setting and kop in one transaction."""

    def __init__(self, db: Database, db_path: str | Path, parent=None):
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Pengaturan"))
        self.db = db
        self.settings = SettingsRepository(db)
        self.db_path = Path(db_path)
        chosen = ui_state.chosen_data_file()
        self._data_file: Path | None = chosen

        self.home_region = QComboBox(self)
        self.home_region.setObjectName("home_region_code")
        reference = ReferenceRepository(db)
        for region in reference.regions():
            self.home_region.addItem(f"{region.name} ({region.code})", region.code)
        self.home_region.setCurrentIndex(max(0, self.home_region.findData(self.settings.get("home_region_code"))))
        self.home_region.setToolTip(self.tr(SETTINGS["home_region_code"].help))
        self.region_title = QLineEdit(str(self.settings.get("region_title") or ""), self)
        self.region_title.setObjectName("region_title")
        self.region_title.setPlaceholderText(self.tr("misalnya: PEMERINTAH KABUPATEN BANJAR"))
        self.signed_place = QLineEdit(str(self.settings.get("default_signed_place") or ""), self)
        self.signed_place.setObjectName("default_signed_place")
        self.timezone = QComboBox(self)
        self.timezone.setObjectName("timezone")
        for zone, text in ZONES:
            self.timezone.addItem(self.tr(text), zone)
        zone = self.settings.get("timezone")
        self.timezone.setCurrentIndex(
            max(0, self.timezone.findData(zone if zone in INDONESIAN_ZONES else "Asia/Makassar"))
        )
        self.lambang = LogoPicker("logo_path", self.settings.get("logo_path"), self)
        self.logo_path, self.logo_preview = self.lambang.path_edit, self.lambang.preview
        self.remove_logo = self.lambang.remove
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

        self.data_file = QLineEdit(str(self.db_path), self)
        self.data_file.setObjectName("data_file")
        self.data_file.setReadOnly(True)
        self.data_file.setCursorPosition(0)
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

        letterhead_repo = LetterheadRepository(db)
        letterheads = letterhead_repo.all()
        fallback = [str(x) for x in self.settings.get("letterhead_lines") or () if str(x).strip()]
        setda = letterheads.get(SECRETARIAT)
        if setda is not None and setda.is_empty() and fallback:  # what the Setda's kop prints today
            letterheads[SECRETARIAT] = replace(setda, address=fallback[0])
        self.agency_tab = AgencyLetterheadsTab(
            reference.agencies(active_only=True),
            letterheads,
            str(self.settings.get("region_title") or ""),
            self,
            unsure=letterhead_repo.unsure(),
        )
        self.region_title.textChanged.connect(lambda text: setattr(self.agency_tab, "region_title", text))

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
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(choose_data, default_data)

    def _lay_out(self, choose_data: QPushButton, default_data: QPushButton) -> None:
        general = QWidget(self)
        region = QGroupBox(self.tr("Daerah, kop surat dan penandatanganan"), general)
        form = QFormLayout(region)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        note = QLabel(
            self.tr(
                "Disimpan di berkas data, sehingga sama bagi semua yang memakai berkas ini; "
                "dipakai pada kop formulir PDF dan rekapitulasi. Alamat dan kontak kop diisi per "
                "perangkat daerah pada tab Perangkat Daerah."
            ),
            region,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b7a;")
        form.addRow(note)
        form.addRow(self.tr("&Daerah sendiri:"), self.home_region)
        form.addRow(self.tr("&Nama pemerintah daerah:"), self.region_title)
        form.addRow(self.tr("Lambang daerah (opsional):"), self.lambang)
        form.addRow(self.tr("&Tempat penandatanganan bawaan:"), self.signed_place)
        form.addRow(self.tr("&Ukuran kertas:"), self.paper)
        form.addRow("", self.tte)
        form.addRow(self.tr("&Zona waktu:"), self.timezone)

        certificates = QWidget(self)
        trust = QGroupBox(self.tr("Sertifikat akar tepercaya (tanda tangan elektronik PDF)"), certificates)
        trust_box = QVBoxLayout(trust)
        explained = QLabel(
            self.tr(
                "Identitas penanda tangan PDF hanya pasti bila sertifikatnya berantai ke sertifikat akar yang Anda "
                "percayai, misalnya Root CA BSrE dari situs resmi BSrE. Disimpan di berkas data."
            ),
            trust,
        )
        explained.setWordWrap(True)
        explained.setStyleSheet("color: #5f6b7a;")
        trust_box.addWidget(explained)
        self.trust_list.setMinimumHeight(self.trust_list.height())
        self.trust_list.setMaximumHeight(16777215)  # in its own tab the list may be as tall as the page
        row = QHBoxLayout()
        row.addWidget(self.trust_list, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_anchor)
        buttons.addWidget(self.remove_anchor)
        buttons.addStretch(1)
        row.addLayout(buttons)
        trust_box.addLayout(row)

        data = QGroupBox(self.tr("Berkas data di komputer ini"), general)
        box = QVBoxLayout(data)
        box.addWidget(QLabel(self.tr("Berkas yang sedang dipakai:"), data))
        box.addWidget(self.data_file)
        row = QHBoxLayout()
        row.addWidget(choose_data)
        row.addWidget(default_data)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.next_data_file)
        column = QVBoxLayout(general)
        column.addWidget(region)
        column.addWidget(data)
        column.addStretch(1)
        QVBoxLayout(certificates).addWidget(trust, 1)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings_tabs")
        self.tabs.addTab(general, self.tr("&Umum"))
        self.tabs.addTab(self.agency_tab, self.tr("&Perangkat Daerah"))
        self.tabs.addTab(certificates, self.tr("Sertifikat &Akar Tepercaya"))
        self.device_keys.setTitle("")  # the tab names it
        self.tabs.addTab(self.device_keys, self.tr("Pe&ran dan Kode Perangkat"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, self.sizeHint().expandedTo(QSize(760, 560)))

    # -- logo ----------------------------------------------------------------------------
    def choose_logo(self) -> None:
        self.lambang.choose_file()

    # -- trust anchors -------------------------------------------------------------------
    def choose_anchor(self) -> None:
        from ...services.pdf.trust import TrustAnchorError, load_certificate_file

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih Sertifikat Akar"), str(Path.home()), self.tr(CERT_FILTER)
        )
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
            item = QListWidgetItem(
                self.tr("%1 · berlaku s.d. %2").replace("%1", anchor.subject).replace("%2", anchor.valid_until)
            )
            item.setToolTip(
                self.tr("Penerbit: %1\nSidik SHA-256: %2")
                .replace("%1", anchor.issuer)
                .replace("%2", anchor.fingerprint)
            )
            self.trust_list.addItem(item)
        if not self._anchors:
            placeholder = QListWidgetItem(
                self.tr(
                    "Belum ada. Pasang sertifikat akar yang Anda percayai (misalnya Root CA BSrE) agar identitas "
                    "penanda tangan PDF dapat dipastikan."
                )
            )
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.trust_list.addItem(placeholder)
        self.remove_anchor.setEnabled(False)

    # -- data file -----------------------------------------------------------------------
    def choose_data_file(self) -> None:
        start = str(self._data_file or self.db_path)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Pilih Berkas Data"),
            start,
            self.tr(DATA_FILTER),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
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
            self.next_data_file.setText(
                self.tr(
                    "<b>Mulai berikutnya</b> aplikasi membuka %1%2. Perubahan ini berlaku setelah aplikasi "
                    "ditutup dan dibuka kembali."
                )
                .replace("%1", str(upcoming))
                .replace("%2", "" if exists else self.tr(" (berkas baru akan dibuat)"))
            )

    # -- saving --------------------------------------------------------------------------
    def values(self) -> dict[str, object]:
        """The database settings as entered (keys of domain/settings.py)."""
        from ...services.pdf.trust import anchors_to_setting

        return {
            "home_region_code": self.home_region.currentData(),
            "region_title": " ".join(self.region_title.text().split()),
            "default_signed_place": " ".join(self.signed_place.text().split()),
            "logo_path": self.lambang.path,
            "timezone": self.timezone.currentData(),
            "paper_size": self.paper.currentData() or "A4",
            "tte_mode": self.tte.isChecked(),
            "trust_anchors": anchors_to_setting(self._anchors),
            "data_role": self.device_keys.value(),
        }

    def accept(self) -> None:
        values = self.values()
        missing = [
            (widget, text)
            for widget, key, text in (
                (self.region_title, "region_title", self.tr("Nama pemerintah daerah wajib diisi.")),
                (self.signed_place, "default_signed_place", self.tr("Tempat penandatanganan bawaan wajib diisi.")),
            )
            if not values[key]
        ]
        if missing:
            widget, text = missing[0]
            QMessageBox.warning(self, self.tr("Pengaturan belum lengkap"), text)
            self.tabs.setCurrentIndex(0)
            widget.setFocus()
            return
        wrong = self.agency_tab.problems()
        if wrong:
            code, text = wrong[0]
            self.tabs.setCurrentWidget(self.agency_tab)
            self.agency_tab.select(code)
            QMessageBox.warning(self, self.tr("Kop perangkat daerah belum benar"), text)
            return
        try:
            save_settings_and_letterheads(self.db, values, self.agency_tab.changed())
        except UserError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        ui_state.set_chosen_data_file(self._data_file)
        super().accept()
