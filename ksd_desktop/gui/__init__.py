"""The Qt user interface. Imported only when a window is needed (the CLI stays light).

The application start (``run_gui``) shows the main window first and opens the data file
right after its first paint; nothing on the way to that paint imports sqlite-utils or an
export library (tests/gui/test_startup.py).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, cast

# isort: off
from . import pyside_scan  # noqa: F401 - first: every later import skips PySide6's slow source scan

# isort: on
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..errors import UserError
from .i18n import install_translators
from .screen import keep_focus_visible

if TYPE_CHECKING:
    from .main_window.window import MainWindow

log = logging.getLogger("ksd_desktop")

#: The start's self-test (gui/smoke.py, imported only when this is "1").
SMOKE_ENV = "KSD_DESKTOP_SMOKE"
#: Open the data file after this long even if the window has not been painted (started minimised).
PAINT_WAIT_MS = 500


def ensure_app() -> QApplication:
    """The QApplication, created once with names, translators and Indonesian locale."""
    app = cast("QApplication | None", QApplication.instance())  # this app makes only QApplications
    if app is None:
        app = QApplication(sys.argv[:1])
    if not app.property("ksd_ready"):
        app.setApplicationName(APP_NAME)
        app.setOrganizationName("KSD Desktop")
        app.setApplicationVersion(__version__)
        # keep references alive (a Python attribute on the Qt object; tests/gui/test_i18n.py reads it)
        app._ksd_translators = install_translators(app)  # type: ignore[attr-defined]
        keep_focus_visible(app)
        app.setProperty("ksd_ready", True)
    return app


def open_main_window(db_path: str | Path) -> MainWindow:
    """Open the database and show the main window with its data (raises StorageError, a UserError).

    Synchronous: the window is complete when this returns (the tests use it).
    """
    from ..storage.database import open_database
    from .main_window.window import MainWindow

    ensure_app()
    db = open_database(db_path)
    window = MainWindow(db, str(db_path))
    window.show()
    return window


def show_main_window(db_path: str | Path) -> MainWindow:
    """Show the main window at once (frame and menus), saying "Membuka berkas data…";
    ``open_data_file()`` builds the rest and fills it."""
    from .main_window.window import MainWindow

    ensure_app()
    window = MainWindow(None, str(db_path))
    if window.start_maximized:
        window.showMaximized()
    else:
        window.show()
    return window


def offer_recovery(window: MainWindow) -> None:
    """Offer, explicitly, to continue wizard input that was autosaved but never saved."""
    from .wizards import offer_unfinished

    assert window.db is not None, "called once the data file is open"
    if offer_unfinished(window, window.db):
        window.refresh()


def _install_excepthook() -> None:
    """Programming errors go to the log file; the user sees a calm Indonesian message."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ..paths import log_path

        text = "".join(traceback.format_exception(exc_type, exc, tb))
        _setup_logging()  # an error before the opening set it up (a no-op when it did)
        log.error("Kesalahan tak terduga:\n%s", text)
        if exc_type.__module__ == "sqlite3" and isinstance(
            exc, Exception
        ):  # e.g. a damaged page met while reading: say what it is
            from ..storage.errors import translate_sqlite_error

            exc = translate_sqlite_error(exc)
        if isinstance(exc, UserError):
            QMessageBox.warning(None, APP_NAME, str(exc))
            return
        QMessageBox.critical(
            None,
            APP_NAME,
            QApplication.translate(
                "app",
                "Terjadi kesalahan tak terduga. Data yang sudah tersimpan aman.\n"
                "Rincian dicatat di %1; kirimkan berkas itu kepada petugas TI.",
            ).replace("%1", str(log_path())),
        )

    sys.excepthook = hook


def _setup_logging() -> None:
    from ..logs import setup_logging  # logging.handlers (socket, pickle, …): after the first paint

    if setup_logging() is None:  # the data folder cannot be written: warnings to the console at least
        logging.basicConfig(level=logging.WARNING)


class _Declined(Exception):
    """The user chose not to restore a damaged data file."""


def _open_or_recover(window: MainWindow) -> None:
    """Open the data file; a damaged one: offer its newest valid backup; a read-only one: say so."""
    from PySide6.QtWidgets import QMessageBox

    from ..storage.errors import CorruptDatabaseError

    try:
        window.open_data_file()
    except CorruptDatabaseError as exc:
        from .backup_dialog import offer_restore_at_start

        if not offer_restore_at_start(window, str(window.db_path), exc):
            raise _Declined() from exc
        window.open_data_file()
        QMessageBox.information(
            window,
            APP_NAME,
            QApplication.translate(
                "app",
                "Berkas data dipulihkan dari cadangan. Perubahan sesudah waktu cadangan itu tidak ada; periksa "
                "data terakhir Anda.",
            ),
        )
    from ..services.files import clean_stale_temporaries

    clean_stale_temporaries()  # what an export killed last time left behind
    db = window.db
    if db is not None and getattr(db, "read_only", False):
        QMessageBox.information(
            window,
            APP_NAME,
            QApplication.translate(
                "app",
                "Berkas data dibuka hanya-baca.\n\n%1\n\nAnda tetap dapat melihat data, memeriksa PDF, mengekspor "
                "berkas data dan PDF, dan membuat rekap.",
            ).replace("%1", db.read_only_reason),
        )


def run_gui(db_path: str | Path | None, open_files: Sequence[str | Path] = ()) -> int:
    """Start the application's event loop; returns the exit code.

    ``None``: the data file chosen in the settings dialog, else the user's default file.
    The window shows first ("Membuka berkas data…"); the file is opened right after its
    first paint. A file that cannot be opened: an Indonesian message, exit code 1.
    ``open_files`` (a ``.ksd`` double-clicked in Explorer): their import preview follows.
    ``KSD_DESKTOP_SMOKE=1``: report each step and quit once the data is shown (gui/smoke.py).
    """
    app = ensure_app()
    if db_path is None:
        from ..paths import default_db_path
        from .ui_state import startup_db_path

        db_path = startup_db_path(default_db_path())
    _install_excepthook()
    window = show_main_window(db_path)
    window.raise_()
    smoke = None
    if os.environ.get(SMOKE_ENV) == "1":
        from .smoke import SmokeRun

        smoke = SmokeRun(app, window)
    failure: list[BaseException] = []
    opened = False

    def open_data() -> None:
        nonlocal opened
        if opened:
            return
        opened = True
        try:
            _open_or_recover(window)  # sets up the log file when the usual opening begins (opening_file)
        except UserError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(
                window,
                APP_NAME,
                QApplication.translate("app", "Berkas data tidak dapat dibuka.\n\n%1").replace("%1", str(exc)),
            )
            app.exit(1)
            return
        except _Declined:
            app.exit(1)
            return
        except Exception as exc:  # noqa: BLE001 - a programming error: raised to the caller, as when the file opened first
            failure.append(exc)
            app.exit(1)
            return
        finally:
            _setup_logging()  # whatever happened before the usual opening began (a no-op after it)
        QTimer.singleShot(0, after_open)

    def after_open() -> None:
        offer_recovery(window)
        if open_files:
            window.import_files([str(path) for path in open_files])
        if smoke is not None:
            smoke.finish()

    # first_painted comes while that paint is being drawn: open the file once it is on the
    # screen; a window started minimised is never painted, so PAINT_WAIT_MS at the latest.
    # the log file (logging.handlers imports socket, pickle, queue: some 15 ms) once the data is
    # painted, before the rest of the opening, which may log (migrations, backups)
    window.opening_file.connect(_setup_logging)
    window.first_painted.connect(lambda: QTimer.singleShot(0, open_data))
    QTimer.singleShot(PAINT_WAIT_MS, open_data)
    code = app.exec()
    if failure:
        raise failure[0]
    return code
