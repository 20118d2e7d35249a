"""Record or change one step of a proposal's follow-up ("Catat Langkah Tindak Lanjut").

The step list is the proposal's procedure (resources/followup/procedures.json); under the
choice the dialog shows what the step is and the provision it follows, with how sure that
citation is. A KSB, NK or PKS can be entered in the register of agreements at the same time
(its term, expiry and parties). The service checks the procedure's rules when the official
saves: what breaks is listed in the dialog, which stays open; an ordering that differs from
the procedure is accepted only with a written reason (an exception).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.agreements import Agreement, compute_expiry
from ...domain.dates import format_date_id
from ...domain.followup import AGREEMENT_STEPS, CHECK_LEVEL_LABELS, FollowupStep, Procedure
from ...errors import UserError
from .. import ui_state

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ...services.followup.steps import Timeline


def tr(text: str) -> str:
    return QCoreApplication.translate("StepDialog", text)


def qdate(value: str | None) -> QDate:
    return QDate.fromString(value, "yyyy-MM-dd") if value else QDate.currentDate()


def add_row(form: QFormLayout, text: str, field, buddy: QWidget) -> None:
    """A form row whose label's mnemonic (``&``) moves to ``buddy`` even when the field is a layout."""
    caption = QLabel(text)
    caption.setBuddy(buddy)
    form.addRow(caption, field)


def date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2200, 12, 31))
    edit.setDate(QDate.currentDate())
    return edit


class StepDialog(QDialog):
    """objectName ``step_dialog``; fields named as the data dictionary's keys."""

    def __init__(
        self,
        db: Database,
        timeline: Timeline,
        procedure: Procedure,
        parent: QWidget | None = None,
        *,
        step: FollowupStep | None = None,
        region_government: str = "",
    ):
        super().__init__(parent)
        self.db, self.timeline, self.procedure = db, timeline, procedure
        self.editing = step
        self.region_government = region_government
        self.setObjectName("step_dialog")
        self.setWindowTitle(tr("Ubah Langkah Tindak Lanjut") if step else tr("Catat Langkah Tindak Lanjut"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        ref = timeline.proposal
        head = QLabel(
            tr("<b>Usulan No. %1 · %2 · %3</b><br/>%4")
            .replace("%1", str(ref.seq))
            .replace("%2", ref.agency_name)
            .replace("%3", str(ref.year))
            .replace("%4", ref.object),
            self,
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        form = QFormLayout()
        self.step = QComboBox(self)
        self.step.setObjectName("step")
        for definition in procedure.steps:
            text = definition.label + (tr(" (pilihan)") if definition.optional else "")
            self.step.addItem(text, definition.key)
        self.about = QLabel(self)
        self.about.setObjectName("step_about")
        self.about.setWordWrap(True)
        self.about.setEnabled(False)
        self.about.setMinimumHeight(self.about.fontMetrics().lineSpacing() * 3 + 4)
        self.date = date_edit(self, "date")
        self.document_number = QLineEdit(self)
        self.document_number.setObjectName("document_number")
        self.document_number.setMaxLength(200)
        self.responsible = QLineEdit(self)
        self.responsible.setObjectName("responsible")
        self.responsible.setMaxLength(200)
        self.responsible.setPlaceholderText(tr("misalnya Kepala Bidang Pelayanan Kesehatan"))
        self.attachment = QLineEdit(self)
        self.attachment.setObjectName("attachment")
        self.attachment.setMaxLength(500)
        self.attachment.setPlaceholderText(tr("letak arsip: nama berkas atau nomor ordner"))
        browse = QPushButton(tr("Pilih &Berkas…"), self)
        browse.setObjectName("browse_attachment")
        browse.clicked.connect(self._browse)
        attachment_row = QHBoxLayout()
        attachment_row.addWidget(self.attachment, 1)
        attachment_row.addWidget(browse)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(52)
        self.exception_reason = QPlainTextEdit(self)
        self.exception_reason.setObjectName("exception_reason")
        self.exception_reason.setTabChangesFocus(True)
        self.exception_reason.setMaximumHeight(48)
        self.exception_reason.setPlaceholderText(tr("Isi hanya bila urutan berbeda dari prosedur, dengan alasannya"))
        caption = QLabel(tr("&Langkah:"), self)
        caption.setBuddy(self.step)
        caption.setMinimumWidth(caption.fontMetrics().horizontalAdvance(tr("Alasan pengecualian:")) + 4)
        form.addRow(caption, self.step)
        layout.addLayout(form)
        layout.addWidget(self.about)
        form = QFormLayout()
        form.addRow(tr("&Tanggal:"), self.date)
        form.addRow(tr("&Nomor dokumen:"), self.document_number)
        form.addRow(tr("&Penanggung jawab:"), self.responsible)
        add_row(form, tr("Lampiran/&arsip:"), attachment_row, self.attachment)
        form.addRow(tr("&Catatan:"), self.note)
        form.addRow(tr("Alasan &pengecualian:"), self.exception_reason)
        layout.addLayout(form)
        layout.addWidget(self._agreement_group())
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("&Simpan Langkah"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.step.currentIndexChanged.connect(self._step_changed)
        self.date.dateChanged.connect(self._update_expiry)
        for spin in (self.term_years, self.term_months):
            spin.valueChanged.connect(self._update_expiry)
        self.warnings: list = []
        self._fill(step)

    def _agreement_group(self) -> QGroupBox:
        group = self.agreement_group = QGroupBox(tr("Catat juga di &register perjanjian"), self)
        group.setObjectName("agreement_group")
        group.setCheckable(True)
        form = QFormLayout(group)
        self.title = QLineEdit(group)
        self.title.setObjectName("title")
        self.parties = QPlainTextEdit(group)
        self.parties.setObjectName("parties")
        self.parties.setTabChangesFocus(True)
        self.parties.setMaximumHeight(64)
        self.parties.setToolTip(tr("Satu pihak per baris"))
        self.term_years = QSpinBox(group)
        self.term_years.setObjectName("term_years")
        self.term_years.setRange(0, 99)
        self.term_years.setSuffix(tr(" tahun"))
        self.term_months = QSpinBox(group)
        self.term_months.setObjectName("term_months")
        self.term_months.setRange(0, 11)
        self.term_months.setSuffix(tr(" bulan"))
        self.written_end = QCheckBox(tr("tanggal berakhir tertulis di dokumen:"), group)
        self.written_end.setObjectName("written_end")
        self.expires_on = date_edit(group, "expires_on")
        self.expires_on.setEnabled(False)
        self.written_end.toggled.connect(self.expires_on.setEnabled)
        self.written_end.toggled.connect(self._update_expiry)
        self.computed_end = QLabel(group)
        self.computed_end.setObjectName("computed_end")
        self.computed_end.setWordWrap(True)
        term = QHBoxLayout()
        for widget in (self.term_years, self.term_months):
            term.addWidget(widget)
        term.addStretch(1)
        end = QHBoxLayout()
        end.addWidget(self.written_end)
        end.addWidget(self.expires_on)
        end.addStretch(1)
        self.parent_doc = QComboBox(group)
        self.parent_doc.setObjectName("parent_uuid")
        form.addRow(tr("Judul:"), self.title)
        form.addRow(tr("Para pihak:"), self.parties)
        add_row(form, tr("Jangka &waktu:"), term, self.term_years)
        form.addRow("", end)
        form.addRow("", self.computed_end)
        form.addRow(tr("Dokumen induk:"), self.parent_doc)
        return group

    # -- filling -------------------------------------------------------------------------
    def _fill(self, step: FollowupStep | None) -> None:
        key = step.step if step else (self.timeline.standing.next_steps[:1] or (self.procedure.steps[0].key,))[0]
        self.step.setCurrentIndex(max(0, self.step.findData(key)))
        self.date.setDate(qdate(step.date if step else None))
        if step:
            self.document_number.setText(step.document_number or "")
            self.responsible.setText(step.responsible or "")
            self.attachment.setText(step.attachment or "")
            self.note.setPlainText(step.note or "")
            self.exception_reason.setPlainText(step.exception_reason or "")
        self.parent_doc.addItem(tr("— tidak ada —"), None)
        for agreement in self.timeline.agreements:
            if agreement.doc_type in ("KSB", "NK"):
                self.parent_doc.addItem(f"{agreement.doc_type} {agreement.number}", agreement.uuid)
        parties = [self.region_government] if self.region_government else []
        parties += [p.strip() for p in self.timeline.proposal.partners.split(";") if p.strip()]
        self.parties.setPlainText("\n".join(parties))
        self.title.setText(self.timeline.proposal.object)
        self._step_changed()

    def key(self) -> str:
        return self.step.currentData()

    def _step_changed(self) -> None:
        definition = self.procedure.step(self.key())
        if definition is None:
            return
        cite = definition.cite
        text = f"{definition.help}"
        if definition.condition:
            text += f"<br/><i>{definition.condition}</i>"
        text += (
            tr("<br/>Dasar: %1 (%2).").replace("%1", cite.short()).replace("%2", tr(CHECK_LEVEL_LABELS[cite.checked]))
        )
        self.about.setText(text)
        self.about.setToolTip(tr("%1.\nSumber: %2").replace("%1", cite.about).replace("%2", cite.source))
        self.document_number.setPlaceholderText(definition.document)
        is_agreement = definition.key in AGREEMENT_STEPS and self.editing is None
        already = any(a.doc_type == AGREEMENT_STEPS.get(definition.key) for a in self.timeline.agreements)
        self.agreement_group.setVisible(is_agreement)
        self.agreement_group.setChecked(is_agreement and not already)
        self.agreement_group.setTitle(
            tr("Catat juga %1 ini di &register perjanjian").replace("%1", AGREEMENT_STEPS.get(definition.key, ""))
        )
        self.parent_doc.setVisible(definition.key == "pks")
        if definition.key == "pks" and self.parent_doc.count() > 1:
            self.parent_doc.setCurrentIndex(1)
        self.message.clear()
        self._update_expiry()
        self.adjustSize()

    def _update_expiry(self, *_args) -> None:
        if self.written_end.isChecked():
            self.computed_end.clear()
            return
        start = cast(dt.date, self.date.date().toPython())  # PySide6's stub says object
        end = compute_expiry(start, self.term_years.value() or None, self.term_months.value() or None)
        self.computed_end.setText(
            tr("Berakhir %1 (dihitung dari jangka waktu; tidak ada batas lama).").replace("%1", format_date_id(end))
            if end
            else tr("Tanpa jangka waktu: berlaku sampai diakhiri.")
        )

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Pilih berkas dokumen"),
            str(ui_state.last_folder()),
            tr("Dokumen (*.pdf *.docx *.doc *.jpg *.png);;Semua berkas (*)"),
        )
        if path:
            self.attachment.setText(path)

    # -- saving --------------------------------------------------------------------------
    def to_step(self) -> FollowupStep:
        step = self.editing or FollowupStep(proposal_uuid=self.timeline.proposal.uuid)
        step.step = self.key()
        step.date = self.date.date().toString("yyyy-MM-dd")
        step.document_number = self.document_number.text()
        step.responsible = self.responsible.text()
        step.attachment = self.attachment.text()
        step.note = self.note.toPlainText()
        step.exception_reason = self.exception_reason.toPlainText()
        return step

    def to_agreement(self) -> Agreement | None:
        if self.agreement_group.isHidden() or not self.agreement_group.isChecked():
            return None
        return Agreement(
            doc_type=AGREEMENT_STEPS[self.key()],
            number=self.document_number.text().strip(),
            title=self.title.text().strip(),
            object=self.timeline.proposal.object,
            parties=[p.strip() for p in self.parties.toPlainText().splitlines() if p.strip()],
            agency_code=self.timeline.proposal.agency_code,
            date_signed=self.date.date().toString("yyyy-MM-dd"),
            term_years=self.term_years.value() or None,
            term_months=self.term_months.value() or None,
            expires_on=self.expires_on.date().toString("yyyy-MM-dd") if self.written_end.isChecked() else None,
            parent_uuid=self.parent_doc.currentData() if not self.parent_doc.isHidden() else None,
            attachment=self.attachment.text().strip() or None,
            proposal_uuids=[self.timeline.proposal.uuid],
        )

    def accept(self) -> None:
        from ...services.followup.steps import StepRefused, record_step

        try:
            self.warnings = record_step(self.db, self.to_step(), agreement=self.to_agreement(), today=self.today())
        except StepRefused as exc:
            self.message.setText("✖ " + "<br/>✖ ".join(html.escape(p.message) for p in exc.problems))
            self._focus(exc.problems[0].key)
            return
        except UserError as exc:
            self.message.setText("✖ " + html.escape(str(exc)).replace("\n", "<br/>"))
            return
        super().accept()

    def today(self) -> dt.date:
        return dt.date.today()

    def _focus(self, key: str) -> None:
        widget = self.findChild(QWidget, key)
        if widget is not None:
            widget.setFocus()
