"""What the centre of the window shows before the first form: what the app is for, and
the first step."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..icons import icon


class EmptyState(QWidget):
    """A short explanation and a big "Mulai Pemetaan" button that triggers ``action``."""

    def __init__(self, action: QAction, parent=None):
        super().__init__(parent)
        self.setObjectName("empty_state")
        picture = QLabel(self)
        picture.setPixmap(icon("app").pixmap(QSize(88, 88)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Selamat datang di KSD Desktop"), self)
        title.setObjectName("empty_state_title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            self.tr(
                "<p>Aplikasi ini membantu perangkat daerah melakukan identifikasi dan pemetaan urusan "
                "pemerintahan yang akan dikerjasamakan: diwajibkan bagi kerja sama wajib (PP 28/2018 Pasal 5 "
                "ayat (1); Permendagri 22/2020 Pasal 5 ayat (1)) dan dianjurkan untuk jenis kerja sama lainnya.</p>"
                "<p>Setiap perangkat daerah mengisi satu formulir pemetaan per tahun, berisi kebutuhan "
                "kerja sama dan calon mitranya; kepala perangkat daerah menandatanganinya, lalu Sekretariat "
                "TKKSD menghimpun dan menilai usulan.</p>"
                "<p>Berkas data ini belum berisi formulir. Pilih perangkat daerah di sebelah kiri, "
                "lalu mulailah pemetaan pertama.</p>"
            ),
            self,
        )
        text.setObjectName("empty_state_text")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(560)
        text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.button = QPushButton(icon("new_mapping"), self.tr("Mulai Pemetaan"), self)
        self.button.setObjectName("start_mapping")
        self.button.setIconSize(QSize(24, 24))
        self.button.setMinimumSize(220, 48)
        self.button.setDefault(True)
        self.button.setStyleSheet(
            "QPushButton#start_mapping { background: #1f5f99; color: white; font-weight: bold;"
            " font-size: 11pt; border: none; border-radius: 6px; padding: 8px 22px; }"
            "QPushButton#start_mapping:hover { background: #236fb3; }"
            "QPushButton#start_mapping:pressed { background: #184d7d; }"
            "QPushButton#start_mapping:disabled { background: #9aa0a6; }"
        )
        self.button.setToolTip(action.toolTip())
        self.button.clicked.connect(action.trigger)
        action.changed.connect(lambda: self.button.setEnabled(action.isEnabled()))

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(picture)
        layout.addSpacing(8)
        layout.addWidget(title)
        layout.addSpacing(6)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(14)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
