"""Check a PDF form: open or drop a file, read three separate answers and what was signed.

*Keutuhan* (do the pages say what the attached data says?), *Kecocokan dengan data tercatat*
(is it the signed snapshot recorded in the open data file?) and *Keaslian penanda tangan*
(PDF signatures and whether a trusted certificate backs them). The second tab shows the
embedded form in full (FormDocumentView), to compare with a printout.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .drops import FileDropMixin
from .screen import fit_to_screen
from .widgets.form_document import FormDocumentView


def tr(text: str) -> str:
    return QCoreApplication.translate("VerifyDialog", text)


GREEN, RED, AMBER, GREY = "#1e8e3e", "#b3261e", "#8a5a00", "#5f6368"
#: Keutuhan: colour and the sign shown before the verdict.
VERDICT_STYLE = {
    "UTUH": (GREEN, "✔"),
    "TELAH DIUBAH": (RED, "✖"),
    "DRAF": (AMBER, "⚠"),
    "bukan dokumen KSD Desktop": (GREY, "–"),
    "RUSAK": (RED, "✖"),
    "TIDAK DAPAT DIPASTIKAN": (AMBER, "?"),
}
RECORD_STYLE = {
    "COCOK": (GREEN, "✔"),
    "BELUM TERCATAT": (AMBER, "?"),
    "BERBEDA DARI YANG TERCATAT": (RED, "✖"),
    "TIDAK DIPERIKSA": (GREY, "–"),
}


def _chip(text: str, colour: str, sign: str, size: str = "12pt") -> str:
    return (
        f"<span style='font-size:{size}; font-weight:bold; color:{colour}'>{html.escape(sign)} "
        f"{html.escape(text)}</span>"
    )


class VerifyDialog(FileDropMixin, QDialog):
    """objectName ``verify_dialog``; accepts a dropped PDF anywhere on the dialog.

    ``db_path``: the open data file, for *Kecocokan* and the installed trust anchors (read in
    the worker thread through its own read-only connection)."""

    DROP_SUFFIXES = (".pdf",)

    def __init__(self, parent: QWidget | None = None, db_path: str | Path | None = None):
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.setWindowTitle(tr("Periksa Keaslian PDF"))
        self.setAcceptDrops(True)
        self.db_path = Path(db_path) if db_path else None
        self.report = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._drop_area())
        layout.addWidget(self._answers())
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("verify_tabs")
        self.details = QTextBrowser(self)
        self.details.setObjectName("verify_details")
        self.document_view = FormDocumentView(self)
        self.tabs.addTab(self.details, tr("Rincian pemeriksaan"))
        self.tabs.addTab(self.document_view, tr("Isi formulir (data di dalam PDF)"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("&Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumSize(720, 540)
        fit_to_screen(self, QSize(980, 680))  # never taller than the screen (1920×1080 at 150 %: 672)
        self._show_empty()

    def _drop_area(self) -> QWidget:
        frame = QFrame(self)
        frame.setObjectName("drop_area")
        frame.setStyleSheet("QFrame#drop_area { border: 2px dashed #9aa0a6; border-radius: 8px; background: #fafbfc; }")
        row = QHBoxLayout(frame)
        self.drop_label = QLabel(
            tr(
                "<b>Seret berkas PDF formulir ke sini</b> atau pilih berkasnya. Pemeriksaan dilakukan di laptop ini "
                "tanpa internet: halaman PDF disusun ulang dari data formulir di dalamnya lalu dibandingkan dengan "
                "yang tampil."
            ),
            frame,
        )
        self.drop_label.setWordWrap(True)
        self.drop_label.setStyleSheet("border: none; background: transparent;")
        choose = QPushButton(tr("&Pilih Berkas PDF…"), frame)
        choose.setObjectName("choose_pdf")
        choose.clicked.connect(self.choose_file)
        row.addWidget(self.drop_label, 1)
        row.addWidget(choose, 0, Qt.AlignmentFlag.AlignVCenter)
        return frame

    def _answers(self) -> QWidget:
        box = QFrame(self)
        box.setObjectName("verify_answers")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(14)
        self.file_label = QLabel(box)
        self.file_label.setObjectName("verify_file")
        self.file_label.setStyleSheet("color: #5f6b7a;")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.file_label, 0, 0, 1, 2)
        self.verdict = self._answer(grid, 1, tr("Keutuhan"), "verdict")
        self.record = self._answer(grid, 2, tr("Kecocokan dengan data tercatat"), "record")
        self.signer = self._answer(grid, 3, tr("Keaslian penanda tangan"), "signer")
        return box

    def _answer(self, grid: QGridLayout, row: int, title: str, name: str) -> QLabel:
        """One answer: its title, then the verdict chip and a sentence in one wrapped label."""
        heading = QLabel(f"<b>{html.escape(title)}</b>", self)
        answer = QLabel(self)
        answer.setObjectName(name)
        answer.setWordWrap(True)
        answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        answer.setMinimumHeight(answer.fontMetrics().lineSpacing() * 2 + 6)
        for widget in (heading, answer):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(heading, row, 0)
        grid.addWidget(answer, row, 1)
        return answer

    def _set(self, label: QLabel, chip: str, text: str) -> None:
        label.setText(f"{chip}&nbsp;&nbsp;&nbsp;{text}")
        self._fit(label)

    def _fit(self, label: QLabel) -> None:
        """A wrapped label as tall as its text needs at its current width (layouts ask the
        label's size hint, which assumes another width, and would clip the last line)."""
        width = label.width() if label.isVisible() else self.width() - 260
        label.setMinimumHeight(max(label.heightForWidth(max(width, 200)), label.fontMetrics().lineSpacing() * 2 + 6))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for label in (self.verdict, self.record, self.signer):
            self._fit(label)

    def _show_empty(self) -> None:
        self.file_label.setText(tr("Belum ada berkas yang diperiksa."))
        for label in (self.verdict, self.record, self.signer):
            self._set(label, _chip("–", GREY, ""), "")
        self.document_view.clear_form(tr("Isi formulir tampil di sini setelah sebuah PDF diperiksa."))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih PDF formulir"), "", tr("Dokumen PDF (*.pdf)"))
        if path:
            self.verify_file(path)

    def verify_file(self, path: str | Path) -> None:
        from .worker import run_with_progress

        self.report = run_with_progress(
            self,
            tr("Periksa Keaslian PDF"),
            tr("Memeriksa %1…").replace("%1", Path(path).name),
            _verify_job(path, self.db_path),
        )
        self.show_report(self.report)

    def show_report(self, report) -> None:
        """Fill the three answers, the details and the document from a VerifyReport."""
        self.file_label.setText(html.escape(str(report.path)))
        colour, sign = VERDICT_STYLE.get(report.verdict.value, (GREY, ""))
        text = report.integrity_text()
        if report.changed_pages:
            text += " " + tr("Halaman yang berbeda: %1.").replace("%1", ", ".join(map(str, report.changed_pages)))
        self._set(self.verdict, _chip(report.verdict.value.upper(), colour, sign, "15pt"), html.escape(text))
        colour, sign = RECORD_STYLE[report.record.value]
        different = report.record.value == "BERBEDA DARI YANG TERCATAT"
        record_text = html.escape(report.record_text())
        if different:
            record_text = f"<span style='color:{RED}; font-weight:bold'>{record_text}</span>"
        answers = self.record.parentWidget()
        assert answers is not None, "the record line sits in the answers frame"
        answers.setStyleSheet("QFrame#verify_answers { background: #fdecea; }" if different else "")
        self._set(self.record, _chip(report.record.value, colour, sign, "13pt" if different else "12pt"), record_text)
        self._signer(report)
        self.details.setHtml(_details_html(report))
        if report.content:
            self.document_view.set_embedded(report.document)
        else:
            self.document_view.clear_form(tr("PDF ini tidak berisi data formulir KSD Desktop yang dapat ditampilkan."))

    def _signer(self, report) -> None:
        broken = [s for s in report.signatures if s.broken]
        if broken:
            chip = _chip(tr("TANDA TANGAN RUSAK"), RED, "✖")
            text = (
                tr("Tanda tangan PDF «%1» rusak: %2")
                .replace("%1", broken[0].field)
                .replace("%2", " ".join(broken[0].problems))
            )
        elif report.trusted_signers:
            chip = _chip(tr("TEPERCAYA"), GREEN, "✔")
            names = "; ".join(s.signer for s in report.trusted_signers)
            text = tr(
                "Ditandatangani secara elektronik oleh %1, dengan sertifikat yang berantai ke sertifikat akar "
                "tepercaya yang dipasang."
            ).replace("%1", names)
        elif report.signatures:
            chip = _chip(tr("TIDAK DAPAT DIPASTIKAN"), GREY, "?")
            text = tr(
                "Ada tanda tangan PDF, tetapi sertifikatnya tidak berantai ke sertifikat akar tepercaya yang "
                "dipasang: identitas penanda tangan tidak dapat dipastikan."
            )
        else:
            chip = _chip(tr("TIDAK DAPAT DIPASTIKAN"), GREY, "?")
            text = tr(
                "Tidak ada tanda tangan elektronik: identitas penanda tangan tidak dapat dipastikan dari berkas "
                "ini saja. Nama di halaman hanyalah teks."
            )
        self._set(self.signer, chip, html.escape(text))

    def files_dropped(self, paths: list[str]) -> None:
        self.verify_file(paths[0])


def _verify_job(path: str | Path, db_path: Path | None):
    def job(progress, cancelled):
        from ..services.pdf.verify import verify_pdf
        from ..storage.database import connect
        from ..storage.errors import StorageError

        db = None
        if db_path is not None and db_path.exists():
            try:
                db = connect(db_path, read_only=True)
            except StorageError:
                db = None
        try:
            return verify_pdf(path, db=db)
        finally:
            if db is not None:
                db.close()

    return job


def _details_html(report) -> str:
    """Every line of the report, grouped by answer."""

    def items(lines: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>" if lines else ""

    parts = [
        f"<h3>{html.escape(tr('Keutuhan'))}: {html.escape(tr(report.verdict.value))}</h3>",
        f"<p>{html.escape(tr(report.integrity_text()))}</p>",
        items(report.reasons),
    ]
    if report.updates:
        parts.append(f"<p>{html.escape(tr('Tambahan setelah ekspor:'))}</p>" + items(report.updates))
    parts += [
        f"<h3>{html.escape(tr('Kecocokan dengan data tercatat'))}: {html.escape(tr(report.record.value))}</h3>",
        f"<p>{html.escape(tr(report.record_text()))}</p>",
        items(report.record_notes),
        f"<h3>{html.escape(tr('Keaslian penanda tangan'))}</h3>",
        items(report.signer_lines()),
    ]
    identity = [
        line
        for line in report.summary_lines()
        if line.split(":")[0]
        in (
            "Perangkat daerah",
            "Tahun",
            "Revisi",
            "Formulir",
            "Kode verifikasi",
            "Penandatangan (tertulis di formulir)",
        )
    ]
    if identity:
        parts += [f"<h3>{html.escape(tr('Identitas formulir'))}</h3>", items(identity)]
    if report.notes:
        parts += [f"<h3>{html.escape(tr('Catatan'))}</h3>", items(report.notes)]
    return "".join(parts)
