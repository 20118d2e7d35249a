"""Wizards: the mapping form (per agency and year) and each proposal in it.

``run_form_wizard`` is what the main window's actions call; ``offer_unfinished`` is called
once after start-up and offers, explicitly, to continue input that was autosaved but never
saved as a draft (after a crash, a killed process or a closed laptop).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...domain.dates import format_datetime_id
from ...errors import UserError
from ...storage.repositories import FormRepository
from ...storage.sessions import SessionInfo, WizardSessionRepository
from .common import WizardContext, tr

if TYPE_CHECKING:
    from ...storage.database import KsdDatabase


def _describe(session: SessionInfo, ctx: WizardContext) -> str:
    agency = ctx.agency(session.agency_code)
    name = agency.name if agency else tr("perangkat daerah belum dipilih")
    return (
        tr("%1, tahun %2 (terakhir tersimpan %3)")
        .replace("%1", name)
        .replace("%2", str(session.year or "–"))
        .replace("%3", format_datetime_id(session.updated_at, ctx.timezone))
    )


def _continue_box(parent: QWidget | None, description: str) -> QMessageBox:
    """ "Lanjutkan pengisian?" with its three answers (buttons named resume, discard, later)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Lanjutkan pengisian?"),
        tr("Ada pengisian formulir pemetaan yang belum disimpan sebagai draf:\n\n%1\n\nLanjutkan pengisian?").replace(
            "%1", description
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("continue_dialog")
    for name, text, role in (
        ("resume", tr("&Lanjutkan"), QMessageBox.ButtonRole.AcceptRole),
        ("discard", tr("&Buang Isian"), QMessageBox.ButtonRole.DestructiveRole),
        ("later", tr("&Nanti"), QMessageBox.ButtonRole.RejectRole),
    ):
        button = box.addButton(text, role)
        button.setObjectName(name)
        if name == "resume":
            box.setDefaultButton(button)
    return box


def _ask_continue(parent: QWidget | None, description: str) -> str:
    """ "resume", "discard" or "later"."""
    box = _continue_box(parent, description)
    box.exec()
    clicked = box.clickedButton()
    return clicked.objectName() if clicked is not None and clicked.objectName() in ("resume", "discard") else "later"


def _exec(wizard: QDialog) -> bool:
    return wizard.exec() == QDialog.DialogCode.Accepted


def offer_unfinished(parent: QWidget | None, db: KsdDatabase) -> bool:
    """Offer each autosaved session; True when one was continued and saved."""
    from .form_wizard import FormWizard

    sessions = WizardSessionRepository(db)
    unfinished = sessions.unfinished()
    if not unfinished:  # the usual start: no reference data needs loading
        return False
    ctx = WizardContext.load(db)
    saved = False
    for session in unfinished:
        choice = _ask_continue(parent, _describe(session, ctx))
        if choice == "resume":
            state = sessions.load(session.id)
            if state is not None:
                saved |= _exec(FormWizard(db, ctx, state=state, session_id=session.id, parent=parent))
        elif choice == "discard":
            sessions.discard(session.id)
    return saved


def run_form_wizard(
    parent: QWidget | None,
    db: KsdDatabase,
    *,
    agency_code: str | None = None,
    year: int | None = None,
    form_uuid: str | None = None,
    sign_off: bool = False,
) -> bool:
    """Open the form wizard for a new or existing form; True when a draft was saved or the form signed.

    ``sign_off`` opens it at the sign-off page (the main window's "Tanda Tangani" action).
    """
    from .form_wizard import FormPage, FormWizard

    try:
        ctx = WizardContext.load(db)
        forms = FormRepository(db)
        form = forms.get(form_uuid) if form_uuid else (forms.find(agency_code, year) if agency_code and year else None)
        sessions = WizardSessionRepository(db)
        pending = [
            s
            for s in sessions.unfinished()
            if (form is not None and s.form_uuid == form.uuid)
            or (s.agency_code and s.agency_code == agency_code and s.year == year)
        ]
    except UserError as exc:
        QMessageBox.warning(parent, tr("Basis data"), str(exc))
        return False
    for session in pending:  # never two diverging drafts of one form
        choice = _ask_continue(parent, _describe(session, ctx))
        if choice == "resume":
            state = sessions.load(session.id)
            if state is not None:
                return _exec(FormWizard(db, ctx, state=state, session_id=session.id, parent=parent))
        if choice == "later":
            return False
        sessions.discard(session.id)
    if form is not None and form.is_signed:
        QMessageBox.information(
            parent,
            tr("Formulir sudah ditandatangani"),
            tr(
                "Formulir ini sudah ditandatangani (revisi %1) sehingga isinya tidak dapat diubah. Untuk mengubahnya, "
                "buka formulir untuk revisi (menu Pemetaan)."
            ).replace("%1", str(form.revision)),
        )
        return False
    wizard = FormWizard(db, ctx, form=form, agency_code=agency_code, year=year, parent=parent)
    if sign_off and form is not None:
        wizard.start_at(FormPage.SIGN_OFF)
    return _exec(wizard)


def run_reopen_form(parent: QWidget | None, db: KsdDatabase, form_uuid: str) -> bool:
    """'Buka untuk revisi' for a signed form; True when revision n+1 was started."""
    from .revision_dialog import run_reopen

    try:
        form = FormRepository(db).get(form_uuid)
        ctx = WizardContext.load(db)
    except UserError as exc:
        QMessageBox.warning(parent, tr("Basis data"), str(exc))
        return False
    if form is None or not form.is_signed:
        return False
    agency = ctx.agency(form.agency_code)
    return run_reopen(parent, db, form, agency.name if agency else form.agency_code)
