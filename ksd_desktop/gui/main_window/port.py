"""What the main window's controllers may use of the window (and nothing else).

The controllers (form_controller.py, data_actions.py) are small classes that carry out the
actions; the window owns them and hands itself over as a ``WindowPort``, so what they
depend on is written down here and checked by the type checker.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ...storage.database import KsdDatabase
    from ...storage.queries import ProposalQueries, ProposalRow
    from .state import AgencySelection, FormSelection


class WindowPort(Protocol):
    """The main window as its controllers see it."""

    db: KsdDatabase | None
    db_path: str
    queries: ProposalQueries | None

    @property
    def year(self) -> int: ...

    def refresh(self) -> None:
        """Read everything shown again (after a change)."""

    def guard(self) -> AbstractContextManager[None]:
        """A context in which a UserError becomes an Indonesian message box."""

    def agency_selection(self) -> AgencySelection | None:
        """The agency chosen in the list, with its form for the year."""

    def selected_form(self) -> FormSelection | None:
        """The form the form actions work on (the agency's, else the selected proposal's)."""

    def selected_proposals(self) -> list[ProposalRow]:
        """The proposals selected in the table, in table order."""

    def keep_current_proposal(self) -> AbstractContextManager[None]:
        """Refresh inside this context and the table's current row stays where it was."""
