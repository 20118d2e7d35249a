"""What the main window's actions depend on, as plain data: the actions' names, what is
selected, and which actions that enables.

No widget here: ``enablement`` is a pure function of a ``WindowState`` (tested without a
window), and the window only applies its answer to the QActions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Action(StrEnum):
    """Every action of the main window; the value is the QAction's objectName."""

    NEW_MAPPING = "action_new_mapping"
    OPEN_MAPPING = "action_open_mapping"
    SIGN_OFF = "action_sign_off"
    REOPEN = "action_reopen"
    EXPORT_PDF = "action_export_pdf"
    SIGN_PDF = "action_sign_pdf"
    IMPORT = "action_import"
    UNDO_IMPORT = "action_undo_import"
    EXPORT_BUNDLE = "action_export_bundle"
    RECAP = "action_recap"
    VERIFY_PDF = "action_verify_pdf"
    ASSESS = "action_assess"
    BACKUP = "action_backup"
    SETTINGS = "action_settings"
    ABOUT = "action_about"
    GUIDE = "action_guide"
    FIND = "action_find"
    RESET_FILTERS = "action_reset_filters"
    REFRESH = "action_refresh"
    QUIT = "action_quit"


#: Actions that need no data file: enabled while it opens.
WITHOUT_DATA = frozenset(
    {Action.ABOUT, Action.GUIDE, Action.QUIT, Action.FIND, Action.RESET_FILTERS, Action.VERIFY_PDF, Action.SIGN_PDF}
)
#: Actions that change the data file: disabled while it is open read-only (a newer version's
#: file, or a file or folder without write permission).
WRITING = frozenset(
    {
        Action.NEW_MAPPING,
        Action.SIGN_OFF,
        Action.REOPEN,
        Action.IMPORT,
        Action.UNDO_IMPORT,
        Action.ASSESS,
        Action.SETTINGS,
    }
)


@dataclass(frozen=True)
class FormSelection:
    """The form the form actions work on: the selected agency's, else the selected proposal's."""

    form_uuid: str
    status: str  # "draft" or "signed"
    agency_code: str
    agency_name: str

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def is_signed(self) -> bool:
        return self.status == "signed"


@dataclass(frozen=True)
class AgencySelection:
    """The agency chosen in the list, with its form for the year (if it has one)."""

    code: str
    name: str
    form: FormSelection | None = None


@dataclass(frozen=True)
class WindowState:
    """Everything the actions' enablement depends on."""

    data_open: bool = True
    agency: AgencySelection | None = None
    #: the form of the selected agency, else of the selected proposal (``chosen_form``)
    form: FormSelection | None = None
    proposals_selected: int = 0
    #: why the data file is open read-only ('' when it can be written)
    read_only: str = ""


def chosen_form(agency: AgencySelection | None, proposal_form: FormSelection | None) -> FormSelection | None:
    """The form the form actions work on: the chosen agency's (None when it has none yet),
    else the form of the proposal selected in the table."""
    if agency is not None:
        return agency.form
    return proposal_form


def enablement(state: WindowState) -> dict[Action, bool]:
    """Which actions are enabled in ``state`` (every Action is a key)."""
    if not state.data_open:
        return {action: action in WITHOUT_DATA for action in Action}
    form = state.form
    enabled = {action: True for action in Action}
    enabled[Action.NEW_MAPPING] = state.agency is None or state.agency.form is None
    enabled[Action.OPEN_MAPPING] = form is not None
    enabled[Action.SIGN_OFF] = form is not None and form.is_draft
    enabled[Action.REOPEN] = form is not None and form.is_signed
    enabled[Action.EXPORT_PDF] = form is not None
    enabled[Action.ASSESS] = state.proposals_selected > 0
    if state.read_only:
        enabled.update({action: False for action in WRITING})
    return enabled
