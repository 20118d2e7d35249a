"""The log file, one for the window and the command line: ``ksd-desktop.log`` in the data folder.

Rotating (1 MB, three older copies kept as ``.log.1`` … ``.log.3``), so an office laptop never
fills up with it. KSD Desktop's own messages are kept from INFO up, other libraries' from
WARNING up. Programming errors are written here with their traceback; the person at the screen
sees a calm Indonesian message that names this file.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .paths import log_path

MAX_BYTES, BACKUPS = 1_000_000, 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("ksd_desktop")


def _installed() -> RotatingFileHandler | None:
    return next((h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)), None)


def setup_logging() -> Path | None:
    """Log to the rotating file in the data folder; returns its path, or None if it cannot be written.

    Called once by the GUI's and the CLI's start (again: a no-op, unless the data folder moved).
    """
    path = log_path()
    current = _installed()
    if current is not None:
        if Path(current.baseFilename) == path.resolve():
            return path
        logging.getLogger().removeHandler(current)
        current.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    log.setLevel(logging.INFO)
    logging.raiseExceptions = False  # a log that cannot be written must not become a traceback on screen
    return path
