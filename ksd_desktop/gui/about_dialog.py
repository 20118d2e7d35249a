"""*Tentang KSD Desktop*: version and build, kode perangkat, where the data lives, and the summary for IT.

"Salin Info untuk TI" copies services.diagnostics.summary_text (versions of the app, Python,
Qt and the libraries, the system, paths, schema version, rows per table) to the clipboard,
to paste into an e-mail or a WhatsApp message for the IT officer. Nothing is sent anywhere.
"""

from __future__ import annotations

import html
import platform
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from .icons import icon

if TYPE_CHECKING:
    from sqlite_utils import Database

MUTED = "color: #5f6b7a;"


def _rule(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet("color: #d5dbe1;")
    return line


class AboutDialog(QDialog):
    """objectName ``about_dialog``; ``copy_button`` puts the summary for IT on the clipboard."""

    def __init__(self, db: Database | None, db_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        from ..domain.law import mapping_basis_short
        from ..services.diagnostics import build_info, device_code

        self.db, self.db_path = db, db_path
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("Tentang KSD Desktop"))
        info = build_info()
        logo = QLabel(self)
        logo.setPixmap(icon("app").pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(
            f"<span style='font-size:17pt; font-weight:bold; color:#1f3b57'>{APP_NAME}</span><br>"
            f"<span style='font-size:10.5pt'>{html.escape(self.tr('Pemetaan Kerja Sama Daerah'))}</span>",
            self,
        )
        self.version_label = QLabel(html.escape(info.describe()), self)
        self.version_label.setObjectName("about_version")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        purpose = QLabel(
            self.tr(
                "Aplikasi luring (tanpa internet) untuk identifikasi dan pemetaan urusan pemerintahan "
                "yang akan dikerjasamakan. %1"
            ).replace("%1", mapping_basis_short()),
            self,
        )
        purpose.setWordWrap(True)
        purpose.setStyleSheet(MUTED)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.version_label)
        heading.addWidget(purpose)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addSpacing(10)
        top.addLayout(heading, 1)

        code = device_code(db)
        self.device_label = QLabel(html.escape(code) if code else self.tr("belum tersedia"), self)
        self.device_label.setObjectName("about_device_code")
        self.device_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if code:
            self.device_label.setStyleSheet("font-weight: bold;")
            self.device_label.setToolTip(self.tr("Bacakan kode ini kepada penerima berkas data Anda bila ditanya."))
        else:
            self.device_label.setStyleSheet(MUTED)
            self.device_label.setToolTip(
                self.tr(
                    "Kode perangkat belum dapat dibaca: berkas data belum terbuka atau "
                    "kuncinya tidak dapat dibaca (lihat berkas catatan)."
                )
            )
        self.path_label = self._path(Path(db_path))
        self.path_label.setObjectName("about_data_file")
        from ..paths import log_path

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("Kode perangkat:"), self.device_label)
        form.addRow(
            self.tr("Berkas data:"),
            self._with_button(
                self.path_label, self.tr("Buka &Folder"), lambda: self._open_folder(Path(db_path).parent)
            ),
        )
        form.addRow(self.tr("Folder cadangan:"), self._path(Path(db_path).parent / "cadangan"))
        form.addRow(self.tr("Berkas catatan (log):"), self._path(log_path()))

        self.copy_button = QPushButton(self.tr("&Salin Info untuk TI"), self)
        self.copy_button.setObjectName("copy_support_info")
        self.copy_button.setToolTip(
            self.tr(
                "Salin versi, lokasi berkas dan keadaan berkas data ke papan klip, untuk "
                "ditempelkan (Ctrl+V) ke surel atau pesan kepada petugas TI"
            )
        )
        self.copy_button.clicked.connect(self.copy_support_info)
        guide = QPushButton(icon("guide"), self.tr("&Panduan Pengguna"), self)
        guide.clicked.connect(self._open_guide)
        self.copied = QLabel(self)
        self.copied.setObjectName("copy_support_done")
        self.copied.setWordWrap(True)
        self.copied.setStyleSheet("color: #1e8e3e;")
        close = QPushButton(self.tr("&Tutup"), self)
        close.setDefault(True)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()  # the same order on every platform: help left, the actions right
        buttons.addWidget(guide)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        publisher = QLabel(
            self.tr("© Pemerintah Kabupaten Banjar. Dasar hukum dan cara pakai: Panduan Pengguna (F1)."), self
        )
        publisher.setStyleSheet(MUTED)
        publisher.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(_rule(self))
        layout.addLayout(form)
        layout.addWidget(_rule(self))
        layout.addWidget(publisher)
        layout.addWidget(self.copied)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)
        self.resize(680, self.sizeHint().height())

    def _path(self, path: Path) -> QLabel:
        label = QLabel(html.escape(str(path)), self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _with_button(self, label: QLabel, text: str, slot) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label, 1)
        button = QPushButton(text, holder)
        button.clicked.connect(slot)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return holder

    def _open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _open_guide(self) -> None:
        from .help_topics import show_help

        show_help(self, "tentang")

    def support_info(self) -> str:
        """The summary for IT, with what only Qt knows (its run-time version, the screen)."""
        from ..services.diagnostics import summary_text

        screen = QGuiApplication.primaryScreen()
        extra = {"Qt (saat berjalan)": qVersion(), "Platform Qt": QGuiApplication.platformName()}
        if screen is not None:
            area = screen.availableGeometry()
            extra["Layar"] = (
                f"{screen.size().width()}×{screen.size().height()}, area kerja {area.width()}×"
                f"{area.height()}, skala {round(screen.devicePixelRatio() * 100)} %"
            )
        extra["Arsitektur Python"] = platform.architecture()[0]
        return summary_text(self.db_path, self.db, extra)

    def copy_support_info(self) -> None:
        text = self.support_info()
        QApplication.clipboard().setText(text)
        self.copied.setText(
            self.tr(
                "Info disalin (%1 baris). Tempelkan dengan Ctrl+V ke surel atau pesan WhatsApp untuk petugas TI."
            ).replace("%1", str(text.count("\n")))
        )
