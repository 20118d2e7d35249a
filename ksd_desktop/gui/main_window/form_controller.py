"""The main window's form actions: new/open mapping, sign off, reopen, export the PDF, verify, assess.

``FormController`` carries them out on what the window has selected (``WindowPort``);
``form_actions`` (file dialogs, the PDF export) and the wizards are imported when an
action runs, not before the window shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from .port import WindowPort

if TYPE_CHECKING:
    from .state import FormSelection


class FormController:
    """Actions on the selected form (agency) or the selected proposals."""

    def __init__(self, parent: QWidget, window: WindowPort):
        self.parent, self.window = parent, window

    def _changed(self, changed: bool) -> None:
        if changed:
            self.window.refresh()

    # -- opening ---------------------------------------------------------------------------
    def new_mapping(self) -> None:
        """Start a form: for the selected agency when it has none for the year, else chosen in the wizard."""
        agency = self.window.agency_selection()
        self.run_wizard(agency.code if agency is not None and agency.form is None else None, None)

    def open_mapping(self) -> None:
        """Open the selected form: a draft in the wizard, a signed form read-only."""
        form = self.window.selected_form()
        if form is not None:
            self.open_form(form.agency_code, form.form_uuid, form.status)

    def open_form(self, agency_code: str, form_uuid: str | None, status: str | None) -> None:
        """Open one agency's form (double-click, Enter): start it, continue it, or view it when signed."""
        if form_uuid is not None and status == "signed":
            from . import form_actions

            with self.window.guard():
                self._changed(form_actions.view_signed(self.parent, self._db(), form_uuid))
            return
        self.run_wizard(agency_code, form_uuid)

    def run_wizard(self, agency_code: str | None, form_uuid: str | None) -> None:
        from .. import wizards

        with self.window.guard():
            self._changed(
                wizards.run_form_wizard(
                    self.parent, self._db(), agency_code=agency_code, year=self.window.year, form_uuid=form_uuid
                )
            )

    # -- the form actions ------------------------------------------------------------------
    def sign_off(self) -> None:
        from . import form_actions

        form = self._form(lambda f: f.is_draft)
        if form is not None:
            with self.window.guard():
                self._changed(form_actions.sign_off(self.parent, self._db(), form.form_uuid))

    def reopen(self) -> None:
        from . import form_actions

        form = self._form(lambda f: f.is_signed)
        if form is not None:
            with self.window.guard():
                self._changed(form_actions.reopen(self.parent, self._db(), form.form_uuid))

    def export_pdf(self) -> None:
        from . import form_actions

        form = self._form(lambda f: True)
        if form is not None:
            with self.window.guard():
                form_actions.export_pdf(self.parent, self._db(), form.form_uuid)

    def verify_pdf(self) -> None:
        """Periksa Keaslian PDF; with the open data file it also says whether the PDF matches it."""
        from . import form_actions

        form_actions.verify(self.parent, self.window.db_path if self.window.db is not None else None)

    def sign_pdf(self) -> None:
        """Tanda Tangani PDF dengan Sertifikat (a .p12/.pfx file), for a signed form's PDF."""
        from ..sign_pdf_dialog import sign_pdf_file

        sign_pdf_file(self.parent)

    def assess(self) -> None:
        from ..assess_dialog import assess_selection

        proposals = self.window.selected_proposals()
        if not proposals:
            return
        with self.window.guard():
            if assess_selection(self.parent, self._db(), proposals):
                with self.window.keep_current_proposal():
                    self.window.refresh()

    # -- helpers ---------------------------------------------------------------------------
    def _form(self, wanted) -> FormSelection | None:
        form = self.window.selected_form()
        return form if form is not None and wanted(form) else None

    def _db(self):
        db = self.window.db
        assert db is not None, "form actions are disabled until the data file is open"
        return db
