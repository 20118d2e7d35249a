"""Where things live: shipped resources and the user's data folder (no Qt needed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "KSD Desktop"
DB_FILE_NAME = "ksd-desktop.sqlite3"


def resource_dir() -> Path:
    """The shipped ``resources/`` folder: frozen app, source checkout, or installed wheel."""
    candidates = []
    if getattr(sys, "frozen", False):
        candidates.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "resources"]
    for candidate in candidates:
        if (candidate / "reference").is_dir():
            return candidate
    raise FileNotFoundError("Folder resources/ aplikasi tidak ditemukan; pasang ulang KSD Desktop.")


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def compiled_resource(*parts: str) -> Path | None:
    """A file compiled from ``resources/`` at build time (e.g. ``i18n/qt_id.qm``), or None.

    The frozen app and a wheel carry it inside their resources folder; in a source checkout
    ``python3 tasks.py`` writes it to ``build/`` (the folder for generated artefacts).
    """
    base = resource_dir()
    for candidate in (base.joinpath(*parts), base.parent.joinpath("build", *parts)):
        if candidate.is_file():
            return candidate
    return None


def user_data_dir() -> Path:
    """The per-user data folder, as each platform expects it."""
    override = os.environ.get("KSD_DESKTOP_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "ksd-desktop"


def default_db_path() -> Path:
    return user_data_dir() / DB_FILE_NAME


def log_path() -> Path:
    return user_data_dir() / "ksd-desktop.log"
