"""TKKSD assessment of one or more proposals: sesuai kriteria, or tidak sesuai with a route."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QMessageBox, QPlainTextEdit,
    QRadioButton, QVBoxLayout, QWidget,
)

from ..domain.models import ReviewRoute, label
from ..errors import UserError

if TYPE_CHECKING:
    from sqlite_utils import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("AssessDialog", text)


class AssessDialog(QDialog):
    """objectName ``assess_dialog``; widgets named review_status_*, review_route, review_note."""

    def __init__(self, count: int, parent: QWidget | None = None, *, status: str = "sesuai",
                 route: str | None = None, note: str | None = None):
        super().__init__(parent)
        self.setObjectName("assess_dialog")
        self.setWindowTitle(tr("Penilaian TKKSD"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Penilaian untuk <b>%1 usulan</b> terpilih. Usulan yang tidak sesuai kriteria kerja sama "
                          "daerah diarahkan ke rute lain (kerja sama internal antarperangkat daerah, pengadaan "
                          "barang/jasa, atau swakelola).").replace("%1", str(count)), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.sesuai = QRadioButton(tr("&Sesuai kriteria kerja sama daerah"), self)
        self.sesuai.setObjectName("review_status_sesuai")
        self.tidak = QRadioButton(tr("&Tidak sesuai — arahkan ke rute lain"), self)
        self.tidak.setObjectName("review_status_tidak_sesuai")
        self.belum = QRadioButton(tr("&Belum dinilai (batalkan penilaian)"), self)
        self.belum.setObjectName("review_status_belum_dinilai")
        for button in (self.sesuai, self.tidak, self.belum):
            self.group.addButton(button)
            layout.addWidget(button)
        form = QFormLayout()
        self.route = QComboBox(self)
        self.route.setObjectName("review_route")
        self.route.addItem(tr("— pilih rute —"), None)
        for key in ReviewRoute:
            self.route.addItem(QCoreApplication.translate("Labels", label(key.value)), key.value)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("review_note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        form.addRow(tr("&Rute alternatif:"), self.route)
        form.addRow(tr("&Catatan penilaian:"), self.note)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Simpan Penilaian"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        {"sesuai": self.sesuai, "tidak_sesuai": self.tidak}.get(status, self.belum).setChecked(True)
        index = self.route.findData(route)
        self.route.setCurrentIndex(max(index, 0))
        self.note.setPlainText(note or "")
        self.group.buttonToggled.connect(lambda *_: self._update())
        self._update()

    def status(self) -> str:
        return "tidak_sesuai" if self.tidak.isChecked() else "sesuai" if self.sesuai.isChecked() else "belum_dinilai"

    def _update(self) -> None:
        self.route.setEnabled(self.tidak.isChecked())
        self.message.clear()

    def accept(self) -> None:
        if self.status() == "tidak_sesuai" and self.route.currentData() is None:
            self.message.setText(tr("✖ Pilih rute alternatif untuk usulan yang tidak sesuai."))
            self.route.setFocus()
            return
        super().accept()


def assess_selection(parent: QWidget | None, db: Database, proposal_uuids: list[str], *, current=None) -> bool:
    """Ask for the assessment and apply it to the selection; True when something was saved."""
    from ..services.assessment import assess
    if not proposal_uuids:
        return False
    status, route, note = current or ("sesuai", None, None)
    dialog = AssessDialog(len(proposal_uuids), parent, status=status, route=route, note=note)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        assess(db, proposal_uuids, dialog.status(), dialog.route.currentData(), dialog.note.toPlainText())
    except UserError as exc:
        QMessageBox.warning(parent, tr("Penilaian belum tersimpan"), str(exc))
        return False
    return True
