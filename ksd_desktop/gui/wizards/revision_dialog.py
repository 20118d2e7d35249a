"""'Buka untuk revisi': reopen a signed form with a reason; the signed version stays on record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from ...domain.models import Form
from ...errors import UserError
from ...services.signoff import reopen_form
from .common import HelpBox, MessageLabel, tr

if TYPE_CHECKING:
    from sqlite_utils import Database


class RevisionDialog(QDialog):
    def __init__(self, form: Form, agency_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("revision_dialog")
        self.setWindowTitle(tr("Buka untuk Revisi"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            HelpBox(
                tr(
                    "Formulir <b>%1</b> tahun %2 sudah ditandatangani (revisi %3). Membukanya untuk revisi membuat "
                    "<b>revisi %4</b> berstatus draf: isi yang sudah ditandatangani tetap tersimpan sebagai rekaman, dan "
                    "revisi baru harus ditandatangani kembali oleh kepala perangkat daerah."
                )
                .replace("%1", agency_name)
                .replace("%2", str(form.year))
                .replace("%3", str(form.revision))
                .replace("%4", str(form.revision + 1)),
                self,
            )
        )
        label = QLabel(tr("&Alasan revisi *:"), self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("revision_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            tr("Contoh: menambah usulan kerja sama pengelolaan air minum sesuai hasil rapat TKKSD.")
        )
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.message = MessageLabel("revision_reason", self)
        layout.addWidget(self.message)
        legend = QLabel(tr("Isian bertanda * wajib diisi."), self)
        legend.setStyleSheet("color: #5f6368;")
        layout.addWidget(legend)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Buka untuk Revisi"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if len(self.reason.toPlainText().strip()) < 10:
            from ...domain.validation import Problem

            self.message.show_problem(
                Problem(
                    "revision_reason",
                    tr(
                        "Tuliskan alasan revisi (sekurang-kurangnya 10 karakter); alasan dicatat dalam riwayat formulir."
                    ),
                )
            )
            self.reason.setFocus()
            return
        super().accept()


def run_reopen(parent: QWidget | None, db: Database, form: Form, agency_name: str) -> bool:
    """Ask for a reason and reopen; True when a new draft revision was started."""
    dialog = RevisionDialog(form, agency_name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        reopen_form(db, form.uuid, dialog.reason.toPlainText().strip())
    except UserError as exc:
        QMessageBox.warning(parent, tr("Belum dibuka untuk revisi"), str(exc))
        return False
    return True
