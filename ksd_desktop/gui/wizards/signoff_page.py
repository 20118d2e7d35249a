"""The form wizard's last page: the kepala OPD signs off the form, which then locks."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QTextBrowser

from ...domain.dates import format_date_id
from ...domain.models import Form
from ...domain.nip import format_nip, parse_nip
from ...domain.signing import PREFIX_LABELS, default_signer_position, signature_block
from ...domain.validation import Problem
from .common import ValidatingPage, WizardContext, combo_value, field_label, home_cursors, problem_link, searchable, tr

SIGNER_KEYS = (
    "signer_name",
    "signer_nip",
    "signer_rank",
    "signer_position",
    "signer_prefix",
    "signed_place",
    "signed_date",
)


class SignOffPage(ValidatingPage[Form]):
    KEYS = SIGNER_KEYS
    link_activated = Signal(str)

    def __init__(
        self, ctx: WizardContext, ranks: list[str], default_place: str, agency_code: Callable[[], str], parent=None
    ):
        super().__init__(parent)
        self.ctx, self.default_place, self._agency_code = ctx, default_place, agency_code
        self.tte = bool(getattr(ctx, "tte_mode", False))  # TTE BSrE mode: space reserved for the e-signature
        self._agency_name = ""
        self._proposed_position = ""  # the jabatan this page filled in (replaced when the agency changes)
        self._visited = False  # defaults reach the form only once the signer page is actually used
        layout = self.heading(
            tr("Pengesahan oleh Kepala Perangkat Daerah"),
            tr("Langkah terakhir: penandatangan, tempat dan tanggal. Penandatanganan mengunci isi formulir."),
            tr(
                "Pejabat selain kepala daerah, wakil dan sekda menuliskan <b>nama dengan gelar, pangkat/golongan dan "
                "NIP</b> (Permendagri 1/2023 Pasal 44 ayat (3)); Pj. dan Plh. Sekretaris Daerah menuliskan nama tanpa "
                "gelar, NIP dan pangkat (ayat (5)). Saat ditandatangani, aplikasi memeriksa semua aturan, menghitung "
                "kode verifikasi (SHA-256) dan menyimpan rekamannya; isi formulir tidak dapat diubah lagi kecuali "
                "dibuka untuk revisi, dan revisi baru harus ditandatangani kembali."
            ),
        )
        self.setCommitPage(True)
        form = QFormLayout()
        layout.addLayout(form)
        self.prefix = QComboBox(self)
        for key, text in PREFIX_LABELS.items():
            self.prefix.addItem(tr(text), key)
        self.add_field(form, "signer_prefix", self.prefix)
        self.name = self.add_field(
            form,
            "signer_name",
            QLineEdit(self),
            required=True,
            hint=tr("Lengkap dengan gelar, contoh: dr. Noor Ifansyah, M.Kes."),
        )
        self.nip = self.add_field(form, "signer_nip", QLineEdit(self), required=True, hint=" ")
        self.nip.setPlaceholderText("19700101 199503 1 001")
        self.nip.textChanged.connect(self._describe_nip)
        self.rank = searchable(QComboBox(self))
        self.rank.addItem("", None)
        for label in ranks:
            self.rank.addItem(label, label)
        self.add_field(form, "signer_rank", self.rank, required=True)
        self.position = self.add_field(form, "signer_position", QLineEdit(self), required=True)
        self.place = QLineEdit(self)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDate(QDate.currentDate())
        self.add_field(form, "signed_place", self.place, required=True)
        self.add_field(form, "signed_date", self.date, required=True)
        self.preview = QLabel(self)
        self.preview.setObjectName("signature_preview")
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setStyleSheet(
            "QLabel#signature_preview { background: white; border: 1px solid #d0d7de; padding: 8px; }"
        )
        self.problems_view = QTextBrowser(self)
        self.problems_view.setObjectName("signing_problems")
        self.problems_view.setOpenLinks(False)
        self.problems_view.setMaximumHeight(110)
        self.problems_view.anchorClicked.connect(lambda url: self.link_activated.emit(url.toString()))
        self.problems_view.hide()
        layout.addWidget(self.preview)
        layout.addWidget(self.problems_view)
        layout.addStretch(1)
        self.edited.connect(self._update_preview)

    # -- values -------------------------------------------------------------------------------
    def initializePage(self) -> None:
        """The agency is known now (it may have been chosen after the wizard was built): its head's jabatan."""
        self._visited = True
        code = self._agency_code()
        agency = self.ctx.agency(code)
        self._agency_name = agency.name if agency else ""
        proposed = default_signer_position(code, agency.name) if agency else ""
        if self.position.text().strip() in ("", self._proposed_position):
            self.position.setText(proposed)
        self._proposed_position = proposed
        home_cursors(self.name, self.position, self.place)
        self._update_preview()

    def load(self, form: Form) -> None:
        self._visited = self._visited or bool(form.signer_name or form.signer_nip)
        self._loading = True
        agency = self.ctx.agency(form.agency_code)
        self._agency_name = agency.name if agency else form.agency_code
        index = self.prefix.findData(form.signer_prefix or "")
        self.prefix.setCurrentIndex(max(index, 0))
        self.name.setText(form.signer_name or "")
        self.nip.setText(format_nip(form.signer_nip))
        index = self.rank.findData(form.signer_rank)
        self.rank.setCurrentIndex(index if index >= 0 else 0)
        if index < 0 and form.signer_rank:
            self.rank.setEditText(form.signer_rank)
        self.position.setText(form.signer_position or "")
        self._proposed_position = ""
        self.place.setText(form.signed_place or self.default_place)
        if form.signed_date:
            self.date.setDate(QDate.fromString(form.signed_date, "yyyy-MM-dd"))
        self._loading = False
        self._describe_nip()
        self._update_preview()

    def store(self, form: Form) -> None:
        if self._visited:
            self.write(form)

    def write(self, form: Form) -> None:
        form.signer_prefix = self.prefix.currentData() or ""
        form.signer_name = self.name.text().strip() or None
        form.signer_nip = self.nip.text().strip() or None
        form.signer_rank = combo_value(self.rank) or (self.rank.currentText().strip() or None)
        form.signer_position = self.position.text().strip() or None
        form.signed_place = self.place.text().strip() or None
        form.signed_date = self.date.date().toString("yyyy-MM-dd")

    # -- feedback -------------------------------------------------------------------------------
    def _describe_nip(self) -> None:
        info = parse_nip(self.nip.text())
        hint = self.hints["signer_nip"]
        if info is None:
            hint.setText(tr("18 angka; spasi boleh diketik."))
        elif info.is_pns_layout:
            sex = tr("laki-laki") if info.sex == 1 else tr("perempuan")
            hint.setText(
                tr("Tertulis NIP. %1 · lahir %2 · CPNS %3/%4 · %5")
                .replace("%1", format_nip(info.digits))
                .replace("%2", format_date_id(info.birth_date))
                .replace("%3", f"{info.tmt_month:02d}")
                .replace("%4", str(info.tmt_year))
                .replace("%5", sex)
            )
        else:
            hint.setText(
                tr("Tertulis NIP. %1 · bukan pola NIP PNS (nomor PPPK tetap diterima)").replace(
                    "%1", format_nip(info.digits)
                )
            )

    def _update_preview(self) -> None:
        """The signature block as the PDF will print it (domain.signing.signature_block, Pasal 44)."""
        form = Form(agency_code="", year=0)
        self.write(form)
        region = self.ctx.region_name(self.ctx.rules.home_region_code)
        block = signature_block(
            agency_name=self._agency_name,
            region_name=region,
            position=form.signer_position,
            prefix=form.signer_prefix,
            name=form.signer_name,
            rank=form.signer_rank,
            nip_text=format_nip(form.signer_nip),
            place_date=f"{form.signed_place or '…'}, {format_date_id(form.signed_date)}",
            tte=self.tte,
        )
        lines = [html.escape(block.place_date)] + [html.escape(line) for line in block.jabatan]
        if block.tte:
            lines += ["<br><span style='color:#5f6368'>" + tr("[ruang tanda tangan elektronik BSrE]") + "</span><br>"]
        else:
            lines += ["<br><br>"]
        lines.append(f"<b><u>{html.escape(block.name or '…')}</u></b>")
        if block.rank is not None:
            lines.append(html.escape(block.rank or "…"))
        if block.nip is not None:
            lines.append(html.escape(block.nip if block.nip.strip() != "NIP." else "NIP. …"))
        rule = tr("Sesuai %1.").replace("%1", block.note)
        self.preview.setText(
            "<table width='100%'><tr><td width='45%' style='color:#5f6368'>"
            + tr("Pratinjau blok tanda tangan pada PDF:")
            + "<br><small>"
            + html.escape(rule)
            + "</small></td><td align='center'>"
            + "<br>".join(lines)
            + "</td></tr></table>"
        )

    def show_problems(self, problems: list[Problem]) -> bool:
        has_errors = super().show_problems(problems)
        others = [p for p in problems if p.key not in self.KEYS and p.is_error]
        if not others:
            self.problems_view.hide()
            return has_errors
        items = "".join(
            f"<li><a href='{problem_link(p)}'>{html.escape(p.location)} · "
            f"{html.escape(field_label(p.key))}</a>: {html.escape(p.message)}</li>"
            for p in others
        )
        self.problems_view.setHtml(
            f"<b style='color:#b3261e'>{tr('Formulir belum dapat ditandatangani:')}</b><ul>{items}</ul>"
        )
        self.problems_view.show()
        return True

    def cleanupPage(self) -> None:
        pass
