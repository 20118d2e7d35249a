"""Per-machine UI state, kept in QSettings (never in the data file, which may be shared).

Window geometry and toolbar state, splitter sizes, the table's column widths, the last
year shown, the data file to open at the next start, and the folder last saved into.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

GEOMETRY = "main_window/geometry"
WINDOW_STATE = "main_window/state"
MAIN_SPLITTER = "main_window/main_splitter"
DETAIL_SPLITTER = "main_window/detail_splitter"
PROPOSALS_HEADER = "main_window/proposals_header"
YEAR = "main_window/year"
DATA_FILE = "data/db_path"
LAST_FOLDER = "export/last_folder"


def chosen_data_file() -> Path | None:
    """The data file chosen in the settings dialog for the next start, if any."""
    value = QSettings().value(DATA_FILE)
    return Path(str(value)) if value else None


def set_chosen_data_file(path: Path | None) -> None:
    settings = QSettings()
    if path is None:
        settings.remove(DATA_FILE)
    else:
        settings.setValue(DATA_FILE, str(path))


def startup_db_path(default: Path) -> Path:
    """The file to open when no ``--db`` was given: the chosen one, else ``default``."""
    return chosen_data_file() or default


def last_folder() -> Path:
    """Where the save dialogs start: the folder of the last export, else the home folder."""
    return Path(str(QSettings().value(LAST_FOLDER, str(Path.home()))))


def remember_folder(written: Path) -> None:
    QSettings().setValue(LAST_FOLDER, str(Path(written).parent))
