"""One root for the errors a person can cause and act on, and the CLI's exit codes.

A bad or locked data file, a full disk, a form that cannot be signed yet, a refused import,
a cancelled job: each is a :class:`UserError` whose ``str()`` is a formal Indonesian message
saying what happened and what to do, and whose ``exit_code`` the command line returns. Each
layer has its own subclass, so a caller catches exactly as much as it can handle:

    UserError                      (here: imports nothing, usable from every layer)
    ├── StorageError               storage/errors.py: the data file (locked, corrupt, full disk…)
    └── ServiceError               services/errors.py: a job refused or failed (export, import…)
        └── JobCancelled           services/progress.py: the user pressed Batal

The CLI prints ``Gagal: <message>`` and exits with ``exit_code``; the GUI shows the message in
a dialog. Any other exception is a programming error: logged (logs.py), never a traceback on
the screen.
"""

from __future__ import annotations

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: The data file stayed locked by another program (try again) / is damaged (restore a backup).
EXIT_LOCKED, EXIT_CORRUPT = 3, 4


class UserError(Exception):
    """A problem the user can act on; ``str()`` is the Indonesian message."""

    #: What ``ksd-desktop`` returns when this error ends a command.
    exit_code: int = EXIT_FAILED

    def __init__(self, message: str = "", exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self)
