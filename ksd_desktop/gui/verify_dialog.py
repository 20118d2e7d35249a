"""Check a PDF form: open or drop a file and see whether it is an unaltered signed export."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget,
)

from .drops import FileDropMixin


def tr(text: str) -> str:
    return QCoreApplication.translate("VerifyDialog", text)


VERDICT_STYLE = {
    "UTUH": ("#1e8e3e", "✔ UTUH", "Dokumen tidak diubah sejak diekspor dan ditandatangani."),
    "TELAH DIUBAH": ("#b3261e", "✖ TELAH DIUBAH", "Isi dokumen tidak lagi sama dengan yang ditandatangani. "
                     "Jangan gunakan dokumen ini; minta salinan baru dari perangkat daerah."),
    "DRAF": ("#8a5a00", "⚠ DRAF", "Dokumen belum disahkan (belum ditandatangani kepala perangkat daerah)."),
    "bukan dokumen KSD Desktop": ("#5f6368", "Bukan dokumen KSD Desktop",
                                  "Berkas ini bukan formulir yang diekspor oleh KSD Desktop."),
}


class VerifyDialog(FileDropMixin, QDialog):
    """objectName ``verify_dialog``; accepts a dropped PDF anywhere on the dialog."""

    DROP_SUFFIXES = (".pdf",)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.setWindowTitle(tr("Periksa Keaslian PDF"))
        self.setMinimumSize(640, 480)
        self.setAcceptDrops(True)
        self.report = None
        layout = QVBoxLayout(self)
        self.drop_label = QLabel(tr(
            "<p style='font-size:12pt'><b>Seret berkas PDF formulir ke sini</b></p><p>atau pilih berkasnya. "
            "Pemeriksaan dilakukan di laptop ini tanpa internet: data formulir di dalam PDF dihitung ulang "
            "sidik isinya (SHA-256) lalu dicocokkan dengan kode QR dan metadata dokumen.</p>"), self)
        self.drop_label.setObjectName("drop_area")
        self.drop_label.setWordWrap(True)
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_label.setStyleSheet("QLabel#drop_area { border: 2px dashed #9aa0a6; border-radius: 8px; "
                                      "padding: 18px; background: #fafbfc; }")
        layout.addWidget(self.drop_label)
        choose = QPushButton(tr("&Pilih Berkas PDF…"), self)
        choose.setObjectName("choose_pdf")
        choose.clicked.connect(self.choose_file)
        layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setMinimumHeight(64)
        layout.addWidget(self.verdict)
        self.details = QTextBrowser(self)
        self.details.setObjectName("verify_details")
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih PDF formulir"), "", tr("Dokumen PDF (*.pdf)"))
        if path:
            self.verify_file(path)

    def verify_file(self, path: str | Path) -> None:
        from ..services.pdf.verify import verify_pdf
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = verify_pdf(path)
        finally:
            QGuiApplication.restoreOverrideCursor()
        colour, head, text = VERDICT_STYLE[self.report.verdict.value]
        self.verdict.setText(f"<div style='font-size:16pt; font-weight:bold; color:{colour}'>{tr(head)}</div>"
                             f"<div>{tr(text)}</div>")
        self.details.setHtml("<br>".join(html.escape(line) for line in self.report.summary_lines()))

    def files_dropped(self, paths: list[str]) -> None:
        self.verify_file(paths[0])
