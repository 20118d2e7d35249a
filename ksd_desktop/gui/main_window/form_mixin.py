"""The main window's form actions: new/open mapping, sign off, reopen, export the PDF, verify, assess.

A mixin of MainWindow (which provides ``db``, ``act``, ``year``, ``refresh``, ``_guard``,
``selected_agency``, ``selected_proposal`` and ``proposals_view``), so the window module
stays small enough to read in one sitting. ``form_actions`` (file dialogs, the PDF export)
is imported when an action runs, not before the window shows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import QAbstractItemView

from .actions import set_tip

CONTEXT = "MainWindow"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class FormActionsMixin:
    """Actions on the selected form (agency) or the selected proposals."""

    def _agency_activated(self, index: QModelIndex) -> None:
        """Double-click (or Enter) on an agency: open its form, or start one."""
        agency = self.agency_model.rows()[index.row()]
        self._run_wizard(agency.code, agency.form_uuid)

    def _proposal_activated(self, index: QModelIndex) -> None:
        row = self.proposal_model.proposal(index.row())
        if row is not None:
            self.open_mapping(agency_code=row.agency_code, form_uuid=row.form_uuid)

    def _update_actions(self) -> None:
        agency = self.selected_agency()
        proposal = self.selected_proposal()
        new, open_ = self.act["action_new_mapping"], self.act["action_open_mapping"]
        year = str(self.year)
        if agency is not None and agency.form_uuid:
            new.setEnabled(False)
            set_tip(new, tr("%1 sudah memiliki formulir tahun %2; gunakan Buka Pemetaan.")
                    .replace("%1", agency.name).replace("%2", year))
        elif agency is not None:
            new.setEnabled(True)
            set_tip(new, tr("Mulai formulir pemetaan %1 tahun %2").replace("%1", agency.name).replace("%2", year))
        else:
            new.setEnabled(True)
            set_tip(new, tr("Mulai formulir pemetaan untuk satu perangkat daerah dan satu tahun"))
        target = agency.name if agency is not None and agency.form_uuid else (
            proposal.agency_name if agency is None and proposal is not None else None)
        open_.setEnabled(target is not None)
        set_tip(open_, tr("Buka formulir pemetaan %1 tahun %2").replace("%1", target).replace("%2", year)
                if target else tr("Pilih perangkat daerah yang sudah mengisi, atau pilih satu usulan."))
        self._update_form_actions()

    def new_mapping(self) -> None:
        """Start a form: for the selected agency when it has none for the year, else chosen in the wizard."""
        agency = self.selected_agency()
        self._run_wizard(agency.code if agency is not None and not agency.form_uuid else None, None)

    def open_mapping(self, agency_code: str | None = None, form_uuid: str | None = None) -> None:
        """Open the form of the selected agency (or of the selected proposal) for the year."""
        if form_uuid is None:
            agency = self.selected_agency()
            proposal = self.selected_proposal()
            if agency is not None and agency.form_uuid:
                agency_code, form_uuid = agency.code, agency.form_uuid
            elif agency is None and proposal is not None:
                agency_code, form_uuid = proposal.agency_code, proposal.form_uuid
            else:
                return
        self._run_wizard(agency_code, form_uuid)

    def _run_wizard(self, agency_code: str | None, form_uuid: str | None) -> None:
        from ..wizards import run_form_wizard
        with self._guard():
            changed = run_form_wizard(self, self.db, agency_code=agency_code, year=self.year, form_uuid=form_uuid)
            if changed:
                self.refresh()

    def _connect_form_actions(self) -> None:
        a = self.act
        a["action_sign_off"].triggered.connect(self.sign_off_form)
        a["action_reopen"].triggered.connect(self.reopen_form)
        a["action_export_pdf"].triggered.connect(self.export_form_pdf)
        a["action_verify_pdf"].triggered.connect(self.verify_pdf)
        a["action_sign_pdf"].triggered.connect(self.sign_pdf)
        a["action_assess"].triggered.connect(self.assess_selection)
        self.proposals_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # after the selection itself changed (currentRowChanged comes before it): every action, not only ours
        self.proposals_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        for name in ("action_assess", "action_sign_off", "action_export_pdf"):
            self.proposals_view.addAction(a[name])

    # -- what is selected ------------------------------------------------------------------
    def selected_form(self) -> tuple[str, str, str] | None:
        """(form uuid, status, agency name) of the selected agency, else of the selected proposal."""
        agency = self.selected_agency()
        if agency is not None:
            return (agency.form_uuid, agency.status or "", agency.name) if agency.form_uuid else None
        proposal = self.selected_proposal()
        if proposal is not None:
            return proposal.form_uuid, proposal.form_status, proposal.agency_name
        return None

    def selected_proposals(self) -> list:
        rows = sorted({index.row() for index in self.proposals_view.selectionModel().selectedRows()})
        found = [self.proposal_model.proposal(row) for row in rows]
        return [p for p in found if p is not None]

    def _update_form_actions(self) -> None:
        a, form = self.act, self.selected_form()
        name = form[2] if form else ""
        draft, signed = bool(form) and form[1] == "draft", bool(form) and form[1] == "signed"
        a["action_sign_off"].setEnabled(draft)
        set_tip(a["action_sign_off"], tr("Tanda tangani formulir %1 tahun %2 dan kunci isinya").replace("%1", name)
                .replace("%2", str(self.year)) if draft else tr("Pilih perangkat daerah yang formulirnya masih draf."))
        a["action_reopen"].setEnabled(signed)
        set_tip(a["action_reopen"], tr("Buka formulir %1 untuk revisi baru (rekaman yang ditandatangani tetap ada)")
                .replace("%1", name) if signed else tr("Hanya formulir yang sudah ditandatangani dapat direvisi."))
        a["action_export_pdf"].setEnabled(bool(form))
        set_tip(a["action_export_pdf"], tr("Simpan formulir %1 sebagai PDF resmi berkop").replace("%1", name)
                if form else tr("Pilih perangkat daerah yang sudah mengisi formulir."))
        count = len(self.selected_proposals())
        a["action_assess"].setEnabled(count > 0)
        set_tip(a["action_assess"], tr("Nilai %1 usulan terpilih: sesuai atau tidak sesuai kriteria").replace(
            "%1", str(count)) if count else tr("Pilih satu atau beberapa usulan di tabel (Ctrl/Shift untuk beberapa)."))

    # -- the actions -------------------------------------------------------------------------
    def sign_off_form(self) -> None:
        from . import form_actions
        form = self.selected_form()
        if form and form[1] == "draft":
            with self._guard():
                if form_actions.sign_off(self, self.db, form[0]):
                    self.refresh()

    def reopen_form(self) -> None:
        from . import form_actions
        form = self.selected_form()
        if form and form[1] == "signed":
            with self._guard():
                if form_actions.reopen(self, self.db, form[0]):
                    self.refresh()

    def export_form_pdf(self) -> None:
        from . import form_actions
        form = self.selected_form()
        if form:
            with self._guard():
                form_actions.export_pdf(self, self.db, form[0])

    def verify_pdf(self) -> None:
        from . import form_actions
        form_actions.verify(self, self.db_path if self.db is not None else None)

    def sign_pdf(self) -> None:
        from ..sign_pdf_dialog import sign_pdf_file
        sign_pdf_file(self)

    def assess_selection(self) -> None:
        from ..assess_dialog import assess_selection
        proposals = self.selected_proposals()
        if not proposals:
            return
        current = None
        if len(proposals) == 1:
            detail = self.queries.detail(proposals[0].uuid)
            if detail is not None:
                p = detail.proposal
                current = (p.review_status, p.review_route, p.review_note)
        with self._guard():
            if assess_selection(self, self.db, [p.uuid for p in proposals], current=current):
                keep = self.proposals_view.selectionModel().currentIndex()
                self.refresh()
                if keep.isValid():
                    self.proposals_view.setCurrentIndex(self.proposal_model.index(keep.row(), 0, QModelIndex()))
