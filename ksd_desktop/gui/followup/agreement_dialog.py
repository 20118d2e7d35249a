"""Add or change an agreement of the register (KSB, NK, PKS, MoU) and the proposals it serves.

The term is never capped: years and months, or the end date written in the document (a
30-year PKS is common); the dialog shows the computed end as the official types. The
service checks the rules when saving; what breaks is listed and the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.agreements import STATUS_LABELS, TYPE_LABELS, Agreement, compute_expiry
from ...domain.dates import format_date_id
from ...errors import UserError
from .step_dialog import add_row, date_edit, qdate

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ...storage.followup_repo import ProposalRef


def tr(text: str) -> str:
    return QCoreApplication.translate("AgreementDialog", text)


class AgreementDialog(QDialog):
    """objectName ``agreement_dialog``; fields named as the data dictionary's keys."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        agreement: Agreement | None = None,
        year: int | None = None,
        default_parties: list[str] | None = None,
    ):
        super().__init__(parent)
        self.db = db
        self.agreement = agreement or Agreement(parties=list(default_parties or []))
        self.year = year or dt.date.today().year
        self.setObjectName("agreement_dialog")
        self.setWindowTitle(tr("Ubah Perjanjian") if agreement else tr("Tambah Perjanjian ke Register"))
        self.setMinimumWidth(900)
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        left, right = QFormLayout(), QFormLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.doc_type = QComboBox(self)
        self.doc_type.setObjectName("doc_type")
        for key, text in TYPE_LABELS.items():
            self.doc_type.addItem(tr(text), key)
        self.number = self._line("number", 200)
        self.title = self._line("title", 500)
        self.object = self._line("object", 500)
        self.parties = QPlainTextEdit(self)
        self.parties.setObjectName("parties")
        self.parties.setTabChangesFocus(True)
        self.parties.setMaximumHeight(84)
        self.parties.setPlaceholderText(tr("Satu pihak per baris"))
        self.agency_code = QComboBox(self)
        self.agency_code.setObjectName("agency_code")
        self.date_signed = date_edit(self, "date_signed")
        self.has_start = QCheckBox(tr("mulai berlaku pada tanggal lain:"), self)
        self.effective_from = date_edit(self, "effective_from")
        self.effective_from.setEnabled(False)
        self.has_start.toggled.connect(self.effective_from.setEnabled)
        start_row = QHBoxLayout()
        start_row.addWidget(self.has_start)
        start_row.addWidget(self.effective_from)
        start_row.addStretch(1)
        left.addRow(tr("&Jenis dokumen:"), self.doc_type)
        left.addRow(tr("&Nomor:"), self.number)
        left.addRow(tr("J&udul:"), self.title)
        left.addRow(tr("&Objek kerja sama:"), self.object)
        left.addRow(tr("Para &pihak:"), self.parties)
        left.addRow(tr("Perangkat &daerah:"), self.agency_code)
        self.agency_code.setToolTip(tr("Perangkat daerah pengampu kerja sama ini"))
        left.addRow(tr("Di&tandatangani:"), self.date_signed)
        left.addRow("", start_row)
        self.term_years = QSpinBox(self)
        self.term_years.setObjectName("term_years")
        self.term_years.setRange(0, 99)
        self.term_years.setSuffix(tr(" tahun"))
        self.term_months = QSpinBox(self)
        self.term_months.setObjectName("term_months")
        self.term_months.setRange(0, 11)
        self.term_months.setSuffix(tr(" bulan"))
        term = QHBoxLayout()
        term.addWidget(self.term_years)
        term.addWidget(self.term_months)
        term.addStretch(1)
        self.written_end = QCheckBox(tr("tertulis di dokumen:"), self)
        self.written_end.setObjectName("written_end")
        self.expires_on = date_edit(self, "expires_on")
        self.expires_on.setEnabled(False)
        self.written_end.toggled.connect(self.expires_on.setEnabled)
        end = QHBoxLayout()
        end.addWidget(self.written_end)
        end.addWidget(self.expires_on)
        end.addStretch(1)
        self.computed_end = QLabel(self)
        self.computed_end.setObjectName("computed_end")
        self.computed_end.setWordWrap(True)
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        for key, text in STATUS_LABELS.items():
            self.status.addItem(tr(text), key)
        self.status_note = self._line("status_note", 500)
        self.status_note.setPlaceholderText(tr("misalnya: diperpanjang dengan PKS nomor …"))
        self.parent_uuid = QComboBox(self)
        self.parent_uuid.setObjectName("parent_uuid")
        self.attachment = self._line("attachment", 500)
        self.attachment.setPlaceholderText(tr("letak arsip: nama berkas atau nomor ordner"))
        self.note = self._line("note", 1000)
        add_row(right, tr("Jangka &waktu:"), term, self.term_years)
        add_row(right, tr("Tanggal &berakhir:"), end, self.written_end)
        right.addRow("", self.computed_end)
        right.addRow(tr("&Status:"), self.status)
        right.addRow(tr("Catatan status:"), self.status_note)
        right.addRow(tr("Dokumen &induk:"), self.parent_uuid)
        right.addRow(tr("&Lampiran/arsip:"), self.attachment)
        right.addRow(tr("&Keterangan:"), self.note)
        layout.addWidget(QLabel(tr("<b>Usulan yang ditindaklanjuti perjanjian ini</b>"), self))
        links = QHBoxLayout()
        self.proposals = QListWidget(self)
        self.proposals.setObjectName("proposal_uuids")
        self.proposals.setMaximumHeight(86)
        links.addWidget(self.proposals, 1)
        buttons = QVBoxLayout()
        link = QPushButton(tr("&Tautkan Usulan…"), self)
        link.setObjectName("link_proposal")
        link.clicked.connect(self.link_proposal)
        unlink = QPushButton(tr("&Lepaskan"), self)
        unlink.setObjectName("unlink_proposal")
        unlink.clicked.connect(
            lambda: [self.proposals.takeItem(self.proposals.row(i)) for i in self.proposals.selectedItems()]
        )
        buttons.addWidget(link)
        buttons.addWidget(unlink)
        buttons.addStretch(1)
        links.addLayout(buttons)
        layout.addLayout(links)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        box.button(QDialogButtonBox.StandardButton.Save).setText(tr("&Simpan"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        for signal in (
            self.date_signed.dateChanged,
            self.effective_from.dateChanged,
            self.term_years.valueChanged,
            self.term_months.valueChanged,
            self.written_end.toggled,
            self.has_start.toggled,
        ):
            signal.connect(self._update_expiry)
        self.warnings: list = []
        self._fill()

    def _line(self, name: str, length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(length)
        return edit

    def _fill(self) -> None:
        from ...storage.followup_repo import FollowupRepository
        from ...storage.repositories import ReferenceRepository

        a = self.agreement
        self.agency_code.addItem(tr("— tidak ditentukan —"), None)
        for agency in ReferenceRepository(self.db).agencies():
            self.agency_code.addItem(agency.name, agency.code)
        self.parent_uuid.addItem(tr("— tidak ada —"), None)
        repo = FollowupRepository(self.db)
        for other in repo.agreements():
            if other.uuid != a.uuid:
                self.parent_uuid.addItem(
                    f"{other.doc_type} {other.number} ({format_date_id(other.date_signed)})", other.uuid
                )
        self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(a.doc_type)))
        self.number.setText(a.number)
        self.title.setText(a.title)
        self.object.setText(a.object)
        self.parties.setPlainText("\n".join(a.parties))
        self.agency_code.setCurrentIndex(max(0, self.agency_code.findData(a.agency_code)))
        self.date_signed.setDate(qdate(a.date_signed or None))
        self.has_start.setChecked(bool(a.effective_from))
        self.effective_from.setDate(qdate(a.effective_from or a.date_signed or None))
        self.term_years.setValue(a.term_years or 0)
        self.term_months.setValue(a.term_months or 0)
        self.written_end.setChecked(bool(a.expires_on))
        self.expires_on.setDate(qdate(a.expires_on or None))
        self.status.setCurrentIndex(max(0, self.status.findData(a.status)))
        self.status_note.setText(a.status_note or "")
        self.parent_uuid.setCurrentIndex(max(0, self.parent_uuid.findData(a.parent_uuid)))
        self.attachment.setText(a.attachment or "")
        self.note.setText(a.note or "")
        refs = repo.proposals(a.proposal_uuids)
        for uuid in a.proposal_uuids:
            self._add_link(refs.get(uuid), uuid)
        self._update_expiry()

    def _add_link(self, ref: ProposalRef | None, uuid: str) -> None:
        if any(self.proposals.item(i).data(Qt.ItemDataRole.UserRole) == uuid for i in range(self.proposals.count())):
            return
        text = (
            f"{ref.agency_name} · {ref.year} · No. {ref.seq} · {ref.object}"
            if ref
            else tr("(usulan tidak ada di basis data ini)")
        )
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, uuid)
        self.proposals.addItem(item)

    def link_proposal(self) -> None:
        from ...storage.followup_repo import FollowupRepository

        refs = FollowupRepository(self.db).proposals_of_year(self.year)
        if not refs:
            self.message.setText(tr("✖ Belum ada usulan tahun %1 untuk ditautkan.").replace("%1", str(self.year)))
            return
        items = [f"{r.agency_name} · No. {r.seq} · {r.object}" for r in refs]
        chosen, ok = QInputDialog.getItem(
            self, tr("Tautkan usulan"), tr("Usulan tahun %1:").replace("%1", str(self.year)), items, 0, False
        )
        if ok and chosen in items:
            ref = refs[items.index(chosen)]
            self._add_link(ref, ref.uuid)

    def _update_expiry(self, *_args) -> None:
        if self.written_end.isChecked():
            self.computed_end.clear()
            return
        edit = self.effective_from if self.has_start.isChecked() else self.date_signed
        start = cast(dt.date, edit.date().toPython())  # PySide6's stub says object
        end = compute_expiry(start, self.term_years.value() or None, self.term_months.value() or None)
        self.computed_end.setText(
            tr("Berakhir %1 (dihitung dari jangka waktu).").replace("%1", format_date_id(end))
            if end
            else tr("Tanpa jangka waktu: berlaku sampai diakhiri.")
        )

    def to_agreement(self) -> Agreement:
        a = self.agreement
        a.doc_type = self.doc_type.currentData()
        a.number, a.title, a.object = self.number.text().strip(), self.title.text().strip(), self.object.text().strip()
        a.parties = [p.strip() for p in self.parties.toPlainText().splitlines() if p.strip()]
        a.agency_code = self.agency_code.currentData()
        a.date_signed = self.date_signed.date().toString("yyyy-MM-dd")
        a.effective_from = self.effective_from.date().toString("yyyy-MM-dd") if self.has_start.isChecked() else None
        a.term_years, a.term_months = self.term_years.value() or None, self.term_months.value() or None
        a.expires_on = self.expires_on.date().toString("yyyy-MM-dd") if self.written_end.isChecked() else None
        a.status = self.status.currentData()
        a.status_note = self.status_note.text().strip() or None
        a.parent_uuid = self.parent_uuid.currentData()
        a.attachment = self.attachment.text().strip() or None
        a.note = self.note.text().strip() or None
        a.proposal_uuids = [
            self.proposals.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.proposals.count())
        ]
        return a

    def accept(self) -> None:
        from ...services.followup.register import AgreementRefused, save_agreement

        try:
            self.warnings = save_agreement(self.db, self.to_agreement())
        except AgreementRefused as exc:
            self.message.setText("✖ " + "<br/>✖ ".join(html.escape(p.message) for p in exc.problems))
            widget = self.findChild(QWidget, exc.problems[0].key)
            if widget is not None:
                widget.setFocus()
            return
        except UserError as exc:
            self.message.setText("✖ " + html.escape(str(exc)))
            return
        super().accept()
