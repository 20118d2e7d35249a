"""The proposal wizard ("Usulan Kerja Sama"): one need of the agency, step by step."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox

from ...domain.models import Agency, Proposal
from ...domain.serialize import copy_proposal, proposal_to_dict
from ...domain.validation import Problem, validate_proposal
from .common import KsdWizard, ValidatingPage, WizardContext, tr
from .partners_page import PartnersPage
from .proposal_pages import CompliancePage, DetailsPage, KindPage, UrusanPage


class ProposalPage(IntEnum):
    URUSAN = 0
    KIND = 1
    PARTNERS = 2
    DETAILS = 3
    COMPLIANCE = 4


class ProposalWizard(KsdWizard):
    """Edits a copy of a proposal; ``result_proposal`` holds it after ``accepted``."""

    edited = Signal()

    def __init__(self, proposal: Proposal, ctx: WizardContext, agency: Agency | None, parent=None):
        super().__init__("proposal_wizard", tr("Usulan Kerja Sama"), tr("&Simpan Usulan"), 820, parent)
        self.ctx = ctx
        self.proposal = copy_proposal(proposal)
        self.result_proposal: Proposal | None = None
        urusan_page, kind_page = UrusanPage(ctx, agency.urusan_codes if agency else ()), KindPage()
        self.pages: dict[ProposalPage, ValidatingPage[Proposal]] = {
            ProposalPage.URUSAN: urusan_page,
            ProposalPage.KIND: kind_page,
            ProposalPage.PARTNERS: PartnersPage(ctx, kind_page.kind),
            ProposalPage.DETAILS: DetailsPage(),
            ProposalPage.COMPLIANCE: CompliancePage(ctx, self.current_proposal),
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
            page.load(self.proposal)
            page.edited.connect(self.edited)
        self.currentIdChanged.connect(lambda *_: self.edited.emit())

    def current_proposal(self) -> Proposal:
        """The proposal as the widgets show it now (autosave and the summary read this)."""
        proposal = copy_proposal(self.proposal)
        for page in self.pages.values():
            page.store(proposal)
        return proposal

    def problems(self) -> list[Problem]:
        """Every rule, the compliance statement included: a proposal is saved with its four points ticked."""
        return validate_proposal(self.current_proposal(), self.ctx.rules, for_signing=True)

    def validateCurrentPage(self) -> bool:
        if self._jumping:
            return True
        page = self.pages.get(ProposalPage(self.currentId()))
        if page is None:
            return True
        has_errors = page.show_problems(self.problems())
        return not has_errors

    def accept(self) -> None:
        problems = self.problems()
        errors = [p for p in problems if p.is_error]
        if errors:  # an error on an earlier page (e.g. after a kind change): take the user there
            self.jump_to(errors[0])
            return
        self.result_proposal = self.current_proposal()
        super().accept()

    def reject(self) -> None:
        if proposal_to_dict(self.current_proposal()) != proposal_to_dict(self.proposal):
            answer = QMessageBox.question(
                self,
                tr("Batalkan usulan"),
                tr("Perubahan pada usulan ini belum disimpan. Buang perubahan?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def page_of(self, key: str) -> ProposalPage:
        return next((pid for pid, page in self.pages.items() if key in page.KEYS), ProposalPage.URUSAN)

    def jump_to(self, problem: Problem) -> None:
        """Go to the page of a problem's field (forwards or back), show it and focus the field."""
        target = self.page_of(problem.key)
        self.go_to_page(target)
        page = self.pages[target]
        if isinstance(page, PartnersPage):
            page.select_partner(problem.partner_uuid)
        page.show_problems(self.problems())
        page.focus_key(problem.key)

    def keyPressEvent(self, event) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.next() if self.currentId() != ProposalPage.COMPLIANCE else self.accept()
            return
        super().keyPressEvent(event)
