"""Autosave of unfinished wizard input to SQLite: on every page change and shortly after typing stops.

A save that meets the data file locked by another program (an import running, a second
window) or another passing problem does not disturb the user: it is retried quietly every
few seconds, the input staying in the wizard; only after :data:`AutoSaver.QUIET_FAILURES`
failures in a row is the user told, once, and the retries go on.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from ...errors import UserError
from ...storage.sessions import WizardSessionRepository

log = logging.getLogger(__name__)


class AutoSaver(QObject):
    """Writes ``wizard.session_state()`` at most ``delay_ms`` after the last edit."""

    DELAY_MS = 2000
    #: How long one autosave waits for another writer (short: the window must not freeze).
    WAIT_MS = 250
    RETRY_MS = 3000
    QUIET_FAILURES = 5

    def __init__(self, wizard, sessions: WizardSessionRepository, delay_ms: int = DELAY_MS):
        super().__init__(wizard)
        self.wizard, self.sessions = wizard, sessions
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(self.RETRY_MS)
        self.retry.timeout.connect(self.save_now)
        self.saves = 0
        self.failures = 0
        self.failed: str | None = None
        self.enabled = True

    def touch(self) -> None:
        if self.enabled:
            self.timer.start()

    def save_now(self) -> None:
        self.timer.stop()
        self.retry.stop()
        if not self.enabled or not self.wizard.is_dirty():
            return
        state = self.wizard.session_state()
        form = state["form"]
        try:
            self.sessions.save(
                self.wizard.session_id,
                state,
                form_uuid=form["uuid"],
                agency_code=form["agency_code"],
                year=form["year"],
                page=state["page"],
                wait_ms=self.WAIT_MS,
            )
        except UserError as exc:  # keep the input, retry quietly; tell the user only if it persists
            self.failures += 1
            log.warning("autosave failed (%d): %s", self.failures, exc)
            if self.failures >= self.QUIET_FAILURES and self.failed is None:
                self.failed = str(exc)
                self.wizard.autosave_failed(str(exc))
            self.retry.start()
            return
        self.failures = 0
        self.failed = None
        self.saves += 1

    def discard(self) -> None:
        self.timer.stop()
        self.retry.stop()
        self.enabled = False
        try:
            self.sessions.discard(self.wizard.session_id)
        except UserError as exc:
            log.warning("could not discard session: %s", exc)
