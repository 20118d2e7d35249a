"""The services layer's branch of the error root (ksd_desktop/errors.py).

Every refusal or failure of a user-level job (sign-off, assessment, export, import, recap,
demo) derives from :class:`ServiceError`, so the CLI and the GUI catch them with the root,
:class:`~ksd_desktop.errors.UserError`, next to the data file's own StorageError.
"""

from __future__ import annotations

from ..errors import UserError


class ServiceError(UserError):
    """A job was refused or failed; ``str()`` says why and what to do, in Indonesian."""
