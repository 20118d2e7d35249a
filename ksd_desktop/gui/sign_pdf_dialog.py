"""Tanda Tangani PDF dengan Sertifikat: sign an exported form PDF with a .p12/.pfx file, offline.

The passphrase is typed into a masked field, used once by ``services.pdf.sign.sign_pdf`` and
cleared; it is never stored. Only a PDF that verifies as UTUH is signed (the service says why
otherwise); the stamp goes into the signature block's TTE space.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("SignPdfDialog", text)


class SignPdfDialog(QDialog):
    """objectName ``sign_pdf_dialog``; ``result_path`` is the signed PDF after a success."""

    def __init__(self, parent: QWidget | None = None, pdf: str | Path | None = None):
        super().__init__(parent)
        self.setObjectName("sign_pdf_dialog")
        self.setWindowTitle(tr("Tanda Tangani PDF dengan Sertifikat"))
        self.result_path: Path | None = None
        intro = QLabel(
            tr(
                "Menambahkan tanda tangan elektronik (PAdES) dari berkas sertifikat <b>.p12/.pfx</b> ke PDF formulir "
                "yang sudah disahkan, tanpa internet. Tampilan tanda tangan ditempatkan di ruang TTE pada blok "
                "pengesahan. Hanya PDF yang hasil pemeriksaannya UTUH yang ditandatangani. Kata sandi hanya dipakai "
                "sekali dan tidak disimpan."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.pdf = self._path_field("sign_input", str(pdf or ""))
        self.p12 = self._path_field("sign_p12", "")
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("sign_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.out = self._path_field("sign_output", "")
        self.pdf.textChanged.connect(self._suggest_output)
        self._suggest_output(self.pdf.text())
        form = QFormLayout()
        form.addRow(tr("PDF &formulir:"), self._with_button(self.pdf, self._choose_pdf))
        form.addRow(tr("Berkas &sertifikat:"), self._with_button(self.p12, self._choose_p12))
        form.addRow(tr("&Kata sandi sertifikat:"), self.passphrase)
        form.addRow(tr("Simpan &hasil sebagai:"), self._with_button(self.out, self._choose_out))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Tanda Tangani"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

    def _path_field(self, name: str, text: str) -> QLineEdit:
        field = QLineEdit(text, self)
        field.setObjectName(name)
        return field

    def _with_button(self, field: QLineEdit, action) -> QHBoxLayout:
        row = QHBoxLayout()
        button = QPushButton(tr("Pilih…"), self)
        button.setObjectName(f"{field.objectName()}_choose")
        button.clicked.connect(action)
        row.addWidget(field, 1)
        row.addWidget(button)
        return row

    def _suggest_output(self, text: str) -> None:
        if text and (not self.out.text() or self.out.property("suggested")):
            source = Path(text)
            self.out.setText(str(source.with_name(f"{source.stem}-ttd.pdf")))
            self.out.setProperty("suggested", True)

    def _choose_pdf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Pilih PDF formulir"), self.pdf.text(), tr("Dokumen PDF (*.pdf)")
        )
        if path:
            self.pdf.setText(path)

    def _choose_p12(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Pilih berkas sertifikat"), self.p12.text(), tr("Sertifikat PKCS#12 (*.p12 *.pfx)")
        )
        if path:
            self.p12.setText(path)

    def _choose_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan PDF bertanda tangan"), self.out.text(), tr("Dokumen PDF (*.pdf)")
        )
        if path:
            self.out.setText(path if path.lower().endswith(".pdf") else path + ".pdf")
            self.out.setProperty("suggested", False)

    def accept(self) -> None:
        from ..services.pdf.sign import SignError, sign_pdf
        from .worker import run_with_progress

        missing = [
            (w, t)
            for w, t in (
                (self.pdf, tr("Pilih PDF formulir yang akan ditandatangani.")),
                (self.p12, tr("Pilih berkas sertifikat (.p12/.pfx).")),
                (self.out, tr("Tentukan nama berkas hasil.")),
            )
            if not w.text().strip()
        ]
        if missing:
            QMessageBox.warning(self, tr("Belum lengkap"), missing[0][1])
            missing[0][0].setFocus()
            return
        if Path(self.out.text()).resolve() == Path(self.pdf.text()).resolve():
            QMessageBox.warning(
                self, tr("Nama hasil sama"), tr("Simpan hasilnya dengan nama lain, agar PDF asli tetap ada.")
            )
            return
        passphrase = self.passphrase.text().encode("utf-8")
        self.passphrase.clear()
        source, p12, out = Path(self.pdf.text()), Path(self.p12.text()), Path(self.out.text())
        try:
            result = run_with_progress(
                self,
                tr("Tandatangani PDF"),
                tr("Memeriksa dan menandatangani PDF…"),
                lambda progress, cancelled: sign_pdf(source, p12, passphrase, out),
            )
        except SignError as exc:
            QMessageBox.warning(self, tr("PDF belum ditandatangani"), str(exc))
            self.passphrase.setFocus()
            return
        self.result_path = result.path
        QMessageBox.information(
            self,
            tr("PDF ditandatangani"),
            tr(
                "PDF ditandatangani oleh %1 dan disimpan di:\n%2\n\nPeriksa hasilnya dengan menu Data › Periksa "
                "Keaslian PDF."
            )
            .replace("%1", result.signer)
            .replace("%2", str(result.path)),
        )
        super().accept()


def sign_pdf_file(parent: QWidget | None) -> Path | None:
    dialog = SignPdfDialog(parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog.result_path if dialog.exec() == QDialog.DialogCode.Accepted else None
