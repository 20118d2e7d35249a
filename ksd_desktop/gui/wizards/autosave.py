"""Autosave of unfinished wizard input to SQLite: on every page change and shortly after typing stops."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from ...errors import UserError
from ...storage.sessions import WizardSessionRepository

log = logging.getLogger(__name__)


class AutoSaver(QObject):
    """Writes ``wizard.session_state()`` at most ``delay_ms`` after the last edit."""

    DELAY_MS = 2000

    def __init__(self, wizard, sessions: WizardSessionRepository, delay_ms: int = DELAY_MS):
        super().__init__(wizard)
        self.wizard, self.sessions = wizard, sessions
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        self.saves = 0
        self.failed: str | None = None
        self.enabled = True

    def touch(self) -> None:
        if self.enabled:
            self.timer.start()

    def save_now(self) -> None:
        self.timer.stop()
        if not self.enabled or not self.wizard.is_dirty():
            return
        state = self.wizard.session_state()
        form = state["form"]
        try:
            self.sessions.save(self.wizard.session_id, state, form_uuid=form["uuid"], agency_code=form["agency_code"],
                               year=form["year"], page=state["page"])
        except UserError as exc:  # keep working; tell the user once, in the wizard
            log.warning("autosave failed: %s", exc)
            if self.failed is None:
                self.failed = str(exc)
                self.wizard.autosave_failed(str(exc))
            return
        self.failed = None
        self.saves += 1

    def discard(self) -> None:
        self.timer.stop()
        self.enabled = False
        try:
            self.sessions.discard(self.wizard.session_id)
        except UserError as exc:
            log.warning("could not discard session: %s", exc)
