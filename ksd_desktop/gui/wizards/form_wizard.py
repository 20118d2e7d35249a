"""The form wizard ("Pemetaan Kerja Sama Daerah"): an agency's whole mapping for one year."""

from __future__ import annotations

import json
import uuid as _uuid
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from ...domain.models import Form, Proposal, new_uuid
from ...domain.serialize import copy_proposal, form_from_dict, form_to_dict, proposal_from_dict, proposal_to_dict
from ...domain.validation import Problem, validate_form_header, validate_signing
from ...errors import UserError
from ...services.signoff import Signer, SigningRefused, sign_form
from ...storage.repositories import FormRepository
from ...storage.sessions import WizardSessionRepository
from .autosave import AutoSaver
from .common import KsdWizard, ValidatingPage, WizardContext, tr
from .form_pages import AgencyPage, PicPage, ProposalsPage, SummaryPage
from .proposal_wizard import ProposalWizard
from .signoff_page import SignOffPage

if TYPE_CHECKING:
    from ...storage.database import KsdDatabase

STATE_VERSION = 1


class FormPage(IntEnum):
    AGENCY = 0
    PIC = 1
    PROPOSALS = 2
    SUMMARY = 3
    SIGN_OFF = 4


class FormWizard(KsdWizard):
    def __init__(
        self,
        db: KsdDatabase,
        ctx: WizardContext,
        *,
        form: Form | None = None,
        agency_code: str | None = None,
        year: int | None = None,
        state: dict[str, Any] | None = None,
        session_id: str | None = None,
        parent=None,
    ):
        super().__init__("form_wizard", tr("Pemetaan Kerja Sama Daerah"), tr("Simpan &Draf"), 860, parent)
        self.ctx = ctx
        self.forms = FormRepository(db)
        self.session_id = session_id or str(_uuid.uuid4())
        self.autosave = AutoSaver(self, WizardSessionRepository(db))
        self.proposal_wizard: ProposalWizard | None = None
        self._editing_index: int | None = None
        restored = state is not None
        if state is not None:
            form = form_from_dict(state["form"])
        elif form is None:
            form = Form(uuid=new_uuid(), agency_code=agency_code or "", year=year or 0)
        self.form = form
        self._saved = json.dumps(form_to_dict(form), sort_keys=True) if not restored else None
        self._exists = self.forms.get(form.uuid) is not None
        self._agency_page, pic_page = AgencyPage(ctx), PicPage()
        self.proposals_page, self.summary_page = ProposalsPage(ctx), SummaryPage(ctx, self.current_form)
        self.sign_off_page = SignOffPage(ctx, ctx.ranks, ctx.default_place, lambda: self.agency_page.chosen_code())
        self.pages: dict[FormPage, ValidatingPage[Form]] = {
            FormPage.AGENCY: self._agency_page,
            FormPage.PIC: pic_page,
            FormPage.PROPOSALS: self.proposals_page,
            FormPage.SUMMARY: self.summary_page,
            FormPage.SIGN_OFF: self.sign_off_page,
        }
        # "Simpan Draf" is on every page after the agency's; on the last page the same button signs.
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, True)
        for page_id in (FormPage.PIC, FormPage.PROPOSALS, FormPage.SUMMARY):
            self.pages[page_id].setFinalPage(True)
        self.currentIdChanged.connect(self._finish_text)
        self.signed = False
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
            page.load(form)
            page.edited.connect(self.autosave.touch)
        self.agency_page.lock(self._exists)
        if self._exists:
            self.agency_page.set_note(tr("Formulir tersimpan; perangkat daerah dan tahun tidak dapat diubah."))
        proposals = self.proposals_page
        proposals.add_requested.connect(lambda: self.open_proposal(None))
        proposals.edit_requested.connect(self.open_proposal)
        proposals.duplicate_requested.connect(self.duplicate_proposal)
        proposals.delete_requested.connect(self.delete_proposal)
        proposals.move_requested.connect(self.move_proposal)
        self.summary_page.link_activated.connect(self.follow_link)
        self.sign_off_page.link_activated.connect(self.follow_link)
        self.currentIdChanged.connect(lambda *_: self.autosave.save_now())
        self._pending_state = state  # restored when first shown (QWizard has no current page before)
        self._start_page: FormPage | None = None

    def start_at(self, page: FormPage) -> None:
        """Open at a later page (e.g. sign-off from the main window), with the earlier ones in history."""
        self._start_page = page

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending_state is not None:
            state, self._pending_state = self._pending_state, None
            self._restore(state)
        elif self._start_page is not None:
            page, self._start_page = self._start_page, None
            self.go_to_page(page)

    def _finish_text(self, page_id: int) -> None:
        signing = page_id == FormPage.SIGN_OFF
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Tanda Tangani") if signing else tr("Simpan &Draf"))

    @property
    def agency_page(self) -> AgencyPage:
        return self._agency_page

    # -- state -----------------------------------------------------------------------------------
    def current_form(self) -> Form:
        form = form_from_dict(form_to_dict(self.form))
        for page in self.pages.values():
            page.store(form)
        return form

    def is_dirty(self) -> bool:
        if self._saved is None:
            return True
        if self.proposal_wizard is not None and self.proposal_wizard.isVisible():
            return True
        return json.dumps(form_to_dict(self.current_form()), sort_keys=True) != self._saved

    def session_state(self) -> dict[str, Any]:
        state: dict[str, Any] = {
            "version": STATE_VERSION,
            "form": form_to_dict(self.current_form()),
            "page": max(0, self.currentId()),
            "proposal": None,
        }
        wizard = self.proposal_wizard
        if wizard is not None and wizard.isVisible():
            state["proposal"] = {
                "index": self._editing_index,
                "page": max(0, wizard.currentId()),
                "data": proposal_to_dict(wizard.current_proposal()),
            }
        return state

    def _restore(self, state: dict[str, Any]) -> None:
        self.go_to_page(FormPage(state.get("page", 0)))
        pending = state.get("proposal")
        if pending:
            self.open_proposal(
                pending.get("index"), proposal=proposal_from_dict(pending["data"]), page=pending.get("page", 0)
            )

    def autosave_failed(self, message: str) -> None:
        QMessageBox.warning(
            self,
            tr("Penyimpanan otomatis gagal"),
            tr(
                "Isian belum dapat disimpan otomatis:\n%1\n\nIsian masih ada di layar. Atasi masalahnya, lalu "
                "simpan sebagai draf."
            ).replace("%1", message),
        )

    # -- navigation --------------------------------------------------------------------------------
    def validateCurrentPage(self) -> bool:
        if self._jumping:
            return True
        page_id = FormPage(self.currentId())
        if page_id == FormPage.AGENCY:
            return self._check_agency()
        if page_id == FormPage.PIC:
            return not self.pages[page_id].show_problems(validate_form_header(self.current_form(), self.ctx.rules))
        return True

    def _check_agency(self) -> bool:
        form = self.current_form()
        if self.pages[FormPage.AGENCY].show_problems(validate_form_header(form, self.ctx.rules)):
            return False
        if self._exists:
            return True
        try:
            existing = self.forms.find(form.agency_code, form.year)
        except UserError as exc:
            QMessageBox.warning(self, tr("Basis data"), str(exc))
            return False
        if existing is None:
            return True
        agency = self.ctx.agency(form.agency_code)
        name = agency.name if agency else form.agency_code
        if existing.is_signed:
            self.agency_page.set_note(
                tr(
                    "Formulir %1 tahun %2 sudah ditandatangani (revisi %3) sehingga tidak dapat diubah. Untuk mengubahnya, "
                    "buka formulir itu untuk revisi dari jendela utama."
                )
                .replace("%1", name)
                .replace("%2", str(form.year))
                .replace("%3", str(existing.revision)),
                warning=True,
            )
            return False
        self.adopt_existing(existing)
        self.agency_page.set_note(
            tr("Formulir %1 tahun %2 sudah ada (%3 usulan) dan dibuka untuk dilanjutkan.")
            .replace("%1", name)
            .replace("%2", str(form.year))
            .replace("%3", str(len(existing.proposals)))
        )
        return True

    def adopt_existing(self, existing: Form) -> None:
        """An existing form for the agency and year opens instead of a duplicate being made."""
        typed = self.current_form()
        self.form = existing
        self._exists = True
        self._saved = json.dumps(form_to_dict(existing), sort_keys=True)
        for page in self.pages.values():
            page.load(existing)
        if typed.pic_name and not existing.pic_name:
            self.pages[FormPage.PIC].load(typed)
        self.agency_page.lock(True)

    def follow_link(self, link: str) -> None:
        """A summary link: ``form:KEY`` or ``proposal:UUID:KEY:PARTNER_UUID``."""
        parts = link.split(":")
        if parts[0] == "form":
            key = parts[1]
            target = next((pid for pid, page in self.pages.items() if key in page.KEYS), FormPage.PROPOSALS)
            self.go_to_page(target)
            self.pages[target].focus_key(key)
            return
        index = next((i for i, p in enumerate(self.form.proposals) if p.uuid == parts[1]), None)
        if index is not None:
            self.go_to_page(FormPage.PROPOSALS)
            problem = Problem(parts[2], "", partner_uuid=parts[3] or None)
            self.open_proposal(index, problem=problem)

    # -- proposals ---------------------------------------------------------------------------------
    def open_proposal(
        self, index: int | None, *, proposal: Proposal | None = None, page: int = 0, problem: Problem | None = None
    ) -> ProposalWizard:
        if proposal is None:
            if index is None:
                proposal = Proposal(uuid=new_uuid(), form_uuid=self.form.uuid, seq=len(self.form.proposals) + 1)
            else:
                proposal = self.form.proposals[index]
        self._editing_index = index
        wizard = ProposalWizard(proposal, self.ctx, self.ctx.agency(self.current_form().agency_code), self)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.cover = self  # exactly over the form wizard: one row of buttons in sight, not two
        wizard.edited.connect(self.autosave.touch)
        wizard.currentIdChanged.connect(lambda *_: self.autosave.save_now())
        wizard.finished.connect(self._proposal_finished)
        self.proposal_wizard = wizard
        wizard.open()
        if problem is not None:
            wizard.jump_to(problem)
        elif page:
            wizard.go_to_page(page)
        return wizard

    def _proposal_finished(self, result: int) -> None:
        wizard = self.proposal_wizard
        self.proposal_wizard = None
        if wizard is None:
            return
        if wizard.result_proposal is not None:
            proposal = wizard.result_proposal
            if self._editing_index is None:
                proposal.seq = len(self.form.proposals) + 1
                self.form.proposals.append(proposal)
                select = len(self.form.proposals) - 1
            else:
                self.form.proposals[self._editing_index] = proposal
                select = self._editing_index
            self.proposals_page.show_proposals(self.form.proposals, select)
        self._editing_index = None
        wizard.deleteLater()
        self.autosave.save_now()
        self.proposals_page.table.setFocus()

    def duplicate_proposal(self, index: int) -> None:
        copy = copy_proposal(self.form.proposals[index])
        copy.uuid = new_uuid()
        copy.review_status, copy.review_route, copy.review_note = "belum_dinilai", None, None
        for partner in copy.partners:
            partner.uuid, partner.proposal_uuid = new_uuid(), copy.uuid
        self.form.proposals.insert(index + 1, copy)
        self._renumber(index + 1)

    def delete_proposal(self, index: int) -> None:
        proposal = self.form.proposals[index]
        answer = QMessageBox.question(
            self,
            tr("Hapus usulan"),
            tr("Hapus usulan %1?\n\n%2").replace("%1", str(proposal.seq)).replace("%2", (proposal.problem or "")[:160]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        del self.form.proposals[index]
        self._renumber(min(index, len(self.form.proposals) - 1))

    def move_proposal(self, source: int, target: int) -> None:
        proposals = self.form.proposals
        proposals[source], proposals[target] = proposals[target], proposals[source]
        self._renumber(target)

    def _renumber(self, select: int) -> None:
        for seq, proposal in enumerate(self.form.proposals, start=1):
            proposal.seq = seq
        self.proposals_page.show_proposals(self.form.proposals, select)
        self.autosave.save_now()

    # -- finishing ---------------------------------------------------------------------------------
    def accept(self) -> None:
        if self.proposal_wizard is not None:
            return
        if self.currentId() == FormPage.SIGN_OFF:
            self._sign()
            return
        self._save_draft()

    def _save_draft(self, close: bool = True) -> bool:
        form = self.current_form()
        header = [p for p in validate_form_header(form, self.ctx.rules) if p.is_error]
        if header:
            self.follow_link(f"form:{header[0].key}")
            self.pages[FormPage(self.currentId())].show_problems(header)
            return False
        try:
            self.forms.save(form)
        except UserError as exc:
            QMessageBox.warning(
                self,
                tr("Formulir belum tersimpan"),
                tr(
                    "Formulir belum dapat disimpan:\n%1\n\nIsian tetap tersimpan otomatis dan dapat dilanjutkan."
                ).replace("%1", str(exc)),
            )
            return False
        self.form = form
        self._exists = True
        self._saved = json.dumps(form_to_dict(form), sort_keys=True)
        if close:
            self.autosave.discard()
            super().accept()
        return True

    def _sign(self) -> None:
        """Save the draft, then sign: every rule runs; errors are shown with a way to each."""
        page = self.sign_off_page
        form = self.current_form()
        problems = validate_signing(form, self.ctx.rules)
        if page.show_problems(problems):
            return
        agency = self.ctx.agency(form.agency_code)
        answer = QMessageBox.question(
            self,
            tr("Tanda Tangani Formulir"),
            tr(
                "Setelah ditandatangani, isi formulir %1 tahun %2 terkunci dan hanya dapat diubah melalui revisi baru. "
                "Tanda tangani sekarang?"
            )
            .replace("%1", agency.name if agency else form.agency_code)
            .replace("%2", str(form.year)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or not self._save_draft(close=False):
            return
        signer = Signer(
            form.signer_name or "",
            form.signer_nip or "",
            form.signer_rank or "",
            form.signer_position or "",
            form.signed_place or "",
            form.signed_date or "",
            form.signer_prefix or "",
        )
        try:
            self.form = sign_form(self.forms.db, form.uuid, signer, today=self.ctx.rules.today)
        except SigningRefused as exc:
            page.show_problems(exc.problems)
            return
        except UserError as exc:
            QMessageBox.warning(self, tr("Belum ditandatangani"), str(exc))
            return
        self.signed = True
        self.autosave.discard()
        QWizard.accept(self)

    def reject(self) -> None:
        if self.is_dirty():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                tr("Tutup pemetaan"),
                tr("Isian belum disimpan sebagai draf. Simpan sebelum menutup?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.button(QMessageBox.StandardButton.Save).setText(tr("&Simpan Draf"))
            box.button(QMessageBox.StandardButton.Discard).setText(tr("&Buang Perubahan"))
            box.setDefaultButton(QMessageBox.StandardButton.Save)
            answer = box.exec()
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.accept()
                return
        self.autosave.discard()
        super().reject()
