"""Isi Laporan: the editable parts of one year's Laporan (domain/report.py), in three tabs.

Umum (nomor, tanggal, the dates of sosialisasi, pendampingan and pleno), Simpulan dan Saran
(empty = the defaults drawn from the figures, shown as placeholder text), Penanda Tangan
(signer, optional "Mengetahui"). The caller loads and saves through
storage.repositories.ReportSettingsRepository; the dialog itself runs no SQL. Sized for
1366×728: two short columns of fields per tab, text boxes of a few lines.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.report import ReportSettings, Signatory
from ...domain.signing import PREFIX_LABELS

#: A signatory's field: a choice (awalan, pangkat) or a line of text.
SignatoryField = QComboBox | QLineEdit


class ReportSettingsDialog(QDialog):
    """Modal; ``settings()`` returns what was entered."""

    def __init__(
        self,
        year: int,
        settings: ReportSettings,
        *,
        default_conclusions: list[str] | None = None,
        default_suggestions: list[str] | None = None,
        ranks: list[str] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.setObjectName("report_settings_dialog")
        self.setWindowTitle(self.tr("Isi Laporan Tahun %1").replace("%1", str(year)))
        self.ranks = ranks or []
        tabs = QTabWidget(self)
        tabs.addTab(self._general(settings), self.tr("&Umum"))
        tabs.addTab(
            self._conclusions(settings, default_conclusions or [], default_suggestions or []),
            self.tr("&Simpulan dan Saran"),
        )
        tabs.addTab(self._signatories(settings), self.tr("&Penanda Tangan"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            self.tr(
                "Disimpan di berkas data untuk tahun ini dan dipakai setiap kali laporan PDF dibuat. "
                "Isian kosong memakai teks bawaan."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b7a;")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(760, 520)

    # -- tabs -------------------------------------------------------------------------------
    def _line(self, name: str, text: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _text(self, name: str, text: str, placeholder: str, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setPlainText(text)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        return edit

    def _general(self, s: ReportSettings) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.nomor = self._line("nomor", s.nomor, self.tr("misalnya 000.1.5/123-Pem/2024 (kosong: diisi tangan)"))
        self.dated = QCheckBox(self.tr("Cantumkan tanggal"), page)
        self.dated.setObjectName("tanggal_set")
        self.tanggal = QDateEdit(page)
        self.tanggal.setObjectName("tanggal")
        self.tanggal.setCalendarPopup(True)
        self.tanggal.setDisplayFormat("d MMMM yyyy")
        date = QDate.fromString(s.tanggal, "yyyy-MM-dd") if s.tanggal else QDate.currentDate()
        self.tanggal.setDate(date)
        self.dated.setChecked(bool(s.tanggal))
        self.tanggal.setEnabled(bool(s.tanggal))
        self.dated.toggled.connect(self.tanggal.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.dated)
        row.addWidget(self.tanggal, 1)
        self.sosialisasi = self._text(
            "sosialisasi",
            s.sosialisasi,
            self.tr("Tanggal dan tempat sosialisasi, misalnya 20 Februari 2024 (Aula Barakat, Martapura)"),
            2,
        )
        self.pendampingan = self._text(
            "pendampingan", s.pendampingan, self.tr("Waktu dan bentuk pendampingan pengisian formulir"), 2
        )
        self.pleno = self._text("pleno", s.pleno, self.tr("Tanggal dan tempat rapat pleno/paparan hasil"), 2)
        form.addRow(self.tr("&Nomor laporan:"), self.nomor)
        form.addRow(self.tr("Tanggal laporan:"), row)
        form.addRow(self.tr("S&osialisasi:"), self.sosialisasi)
        form.addRow(self.tr("Pen&dampingan:"), self.pendampingan)
        form.addRow(self.tr("Rapat p&leno:"), self.pleno)
        return page

    def _conclusions(self, s: ReportSettings, conclusions: list[str], suggestions: list[str]) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(self.tr("Simpulan (paragraf dipisahkan baris kosong; kosong = bawaan di bawah):"), page)
        )
        self.simpulan = self._text("simpulan", s.simpulan, "\n\n".join(conclusions), 6)
        layout.addWidget(self.simpulan)
        layout.addWidget(QLabel(self.tr("Saran (satu saran per baris; kosong = bawaan di bawah):"), page))
        self.saran = self._text("saran", s.saran, "\n".join(suggestions), 6)
        layout.addWidget(self.saran)
        layout.addStretch(1)
        return page

    def _signatory(self, title: str, who: Signatory, prefix_name: str) -> tuple[QGroupBox, dict[str, SignatoryField]]:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        fields: dict[str, SignatoryField] = {}
        prefix = QComboBox(box)
        prefix.setObjectName(f"{prefix_name}_prefix")
        for key, text in PREFIX_LABELS.items():
            prefix.addItem(self.tr(text), key)
        prefix.setCurrentIndex(max(0, prefix.findData(who.prefix)))
        fields["prefix"] = prefix
        fields["position"] = self._line(f"{prefix_name}_position", who.position)
        fields["unit"] = self._line(f"{prefix_name}_unit", who.unit)
        fields["name"] = self._line(f"{prefix_name}_name", who.name, self.tr("lengkap dengan gelar"))
        rank = QComboBox(box)
        rank.setObjectName(f"{prefix_name}_rank")
        rank.setEditable(True)
        rank.addItems(["", *self.ranks])
        rank.setCurrentText(who.rank)
        fields["rank"] = rank
        fields["nip"] = self._line(f"{prefix_name}_nip", who.nip, "19700101 199503 1 001")
        form.addRow(self.tr("Awalan:"), prefix)
        form.addRow(self.tr("Jabatan:"), fields["position"])
        form.addRow(self.tr("Unit/baris kedua:"), fields["unit"])
        form.addRow(self.tr("Nama:"), fields["name"])
        form.addRow(self.tr("Pangkat/golongan:"), rank)
        form.addRow(self.tr("NIP:"), fields["nip"])
        return box, fields

    def _signatories(self, s: ReportSettings) -> QWidget:
        page = QWidget(self)
        outer = QVBoxLayout(page)
        columns = QHBoxLayout()
        signer, self.signer_fields = self._signatory(self.tr("Penanda tangan laporan"), s.signer, "signer")
        right = QVBoxLayout()
        self.with_mengetahui = QCheckBox(self.tr("Cetak blok «&Mengetahui»"), page)
        self.with_mengetahui.setObjectName("with_mengetahui")
        self.with_mengetahui.setChecked(s.with_mengetahui)
        known, self.mengetahui_fields = self._signatory(self.tr("Mengetahui"), s.mengetahui, "mengetahui")
        known.setEnabled(s.with_mengetahui)
        self.with_mengetahui.toggled.connect(known.setEnabled)
        right.addWidget(self.with_mengetahui)
        right.addWidget(known)
        right.addStretch(1)
        columns.addWidget(signer, 1)
        columns.addLayout(right, 1)
        hint = QLabel(
            self.tr(
                "Nama, NIP dan pangkat dicetak menurut Permendagri 1/2023 Pasal 44: Pj. dan Plh. "
                "Sekretaris Daerah tanpa gelar, NIP dan pangkat."
            ),
            page,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b7a;")
        outer.addLayout(columns)
        outer.addWidget(hint)
        outer.addStretch(1)
        return page

    # -- result -----------------------------------------------------------------------------
    @staticmethod
    def _read(fields: dict[str, SignatoryField]) -> Signatory:
        def text(widget: SignatoryField) -> str:
            if isinstance(widget, QComboBox):
                return str(widget.currentData() if widget.isEditable() is False else widget.currentText()).strip()
            return " ".join(widget.text().split())

        return Signatory(
            position=text(fields["position"]),
            unit=text(fields["unit"]),
            prefix=text(fields["prefix"]),
            name=text(fields["name"]),
            rank=text(fields["rank"]),
            nip=text(fields["nip"]),
        )

    def settings(self) -> ReportSettings:
        return ReportSettings(
            nomor=" ".join(self.nomor.text().split()),
            tanggal=self.tanggal.date().toString("yyyy-MM-dd") if self.dated.isChecked() else "",
            sosialisasi=self.sosialisasi.toPlainText().strip(),
            pendampingan=self.pendampingan.toPlainText().strip(),
            pleno=self.pleno.toPlainText().strip(),
            simpulan=self.simpulan.toPlainText().strip(),
            saran=self.saran.toPlainText().strip(),
            signer=self._read(self.signer_fields),
            with_mengetahui=self.with_mengetahui.isChecked(),
            mengetahui=self._read(self.mengetahui_fields),
        )
