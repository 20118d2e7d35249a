"""One protocol for the progress and cancellation of long jobs (export, import, recap, demo).

A job takes ``progress(done, total)`` and ``cancelled() -> bool`` callables (both optional);
the GUI passes its progress dialog's, the CLI a terminal reporter. :class:`Steps` wraps them:
``advance()`` reports a step and may cancel, ``check()`` only asks.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import ServiceError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class JobCancelled(ServiceError):
    """The user cancelled a job; nothing was written (or, for an import, what ``str()`` says)."""

    def __init__(self, message: str = "Pekerjaan dibatalkan; tidak ada yang ditulis."):
        super().__init__(message)


class Steps:
    """Progress and cancellation of one job: ``advance()`` reports, ``check()`` may cancel."""

    cancel_error: type[Exception] = JobCancelled

    def __init__(
        self, total: int, progress: Progress | None, cancelled: Cancelled | None, *, message: str | None = None
    ):
        self.total, self.done = max(1, total), 0
        self.progress, self.cancelled = progress, cancelled
        self.message = message  # what a cancel says (else the cancel error's own words)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise self.cancel_error(self.message) if self.message else self.cancel_error()

    def grow(self, extra: int) -> None:
        """Add work discovered on the way (e.g. the rows once they are counted)."""
        self.total += max(0, extra)

    def advance(self, step: int = 1) -> None:
        self.done = min(self.total - 1, self.done + step)  # only finish() reaches 100 %
        if self.progress is not None:
            self.progress(self.done, self.total)
        self.check()

    def finish(self) -> None:
        self.done = self.total
        if self.progress is not None:
            self.progress(self.total, self.total)
