"""Start-up: the window shows first, saying "Membuka berkas data…", and the data file opens right after.

The real start (``run_gui``) runs in a fresh interpreter, so ``sys.modules`` tells what was
imported before the window's first paint. Nothing here is timed (see
benchmarks/bench_main_window.py for the numbers).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from ksd_desktop.domain.models import Kind
from ksd_desktop.domain.validation import MIN_YEAR
from ksd_desktop.gui import ensure_app, show_main_window
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form

#: Libraries the window must not wait for: the data layer's and the export formats'.
HEAVY = (
    "sqlite_utils",
    "click",
    "dateutil",
    "pluggy",
    "reportlab",
    "pypdf",
    "pyhanko",
    "openpyxl",
    "pypdfium2",
    "zxingcpp",
)
#: Our own data layer, imported with the data file too.
DATA_LAYER = (
    "ksd_desktop.domain",
    "ksd_desktop.storage.database",
    "ksd_desktop.storage.migrations",
    "ksd_desktop.storage.queries",
    "ksd_desktop.storage.repositories",
)

#: run_gui in a fresh interpreter, watched at the first paint and around opening the data file.
CHILD = r"""
import json, logging, sys
import PySide6.QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
import ksd_desktop.gui as gui
from ksd_desktop.gui.main_window.window import MainWindow

HEAVY, DATA_LAYER = (json.loads(arg) for arg in sys.argv[2:4])
report = {"events": []}

def heavy():
    return sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))

def data_layer():
    return sorted(name for name in sys.modules if name.startswith(tuple(DATA_LAYER)))

def state(window):
    built = window._built  # before build() (the first paint): frame, menus, a note and the status message
    note = window.no_results if built else window.findChild(QLabel, "starting_note")
    return {"heavy": heavy(), "data_layer": data_layer(), "visible": window.isVisible(),
            "has_db": window.db is not None, "built": built, "qt_namespace": "Qt" in vars(PySide6.QtCore),
            "log_file": "logging.handlers" in sys.modules, "log_handlers": len(logging.getLogger().handlers),
            "status": window.count_label.text() if built else window.statusBar().currentMessage(),
            "table_note": note.text(), "note_shown": not note.isHidden(),
            "agencies": window.agency_model.rowCount() if built else 0,
            "proposals": window.proposal_model.rowCount() if built else 0,
            "new_mapping": window.act["action_new_mapping"].isEnabled(),
            "settings": window.act["action_settings"].isEnabled(), "about": window.act["action_about"].isEnabled()}

show_main_window = gui.show_main_window
def show(path):
    window = show_main_window(path)
    window.first_painted.connect(lambda: (report["events"].append("painted"), report.setdefault("painted", state(window))))
    return window
gui.show_main_window = show

open_data_file = MainWindow.open_data_file
def open_watched(window):
    report["events"].append("opening")
    report["before"] = state(window)
    window.data_shown.connect(lambda: (report["events"].append("data shown"), report.setdefault("shown", state(window))))
    try:
        open_data_file(window)
    finally:
        report["events"].append("opened")
    report["after"] = state(window)
    report["after"]["names"] = [row.name for row in window.agency_model.rows()]
    report["after"]["year"] = window.year
    QTimer.singleShot(0, lambda: QApplication.instance().exit(0))
MainWindow.open_data_file = open_watched

def critical(parent, title, text, *args, **kwargs):
    report["events"].append("message")
    report["message"] = text
    return QMessageBox.StandardButton.Ok
QMessageBox.critical = critical

report["exit"] = gui.run_gui(sys.argv[1])
print(json.dumps(report), flush=True)
"""


def run_start(path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), json.dumps(HEAVY), json.dumps(DATA_LAYER)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(autouse=True)
def _fresh_ui_state():
    ensure_app()
    QSettings().clear()
    yield
    QSettings().clear()


def test_window_shows_before_the_data_layer_loads_then_shows_the_agencies(db_path):
    db = open_database(db_path)
    FormRepository(db).save(make_form())
    db.close()
    report = run_start(db_path)
    assert report["events"] == ["painted", "opening", "data shown", "opened"]
    for moment in ("painted", "before"):  # the first paint, and just before the file is opened
        seen = report[moment]
        assert seen["heavy"] == [] and seen["data_layer"] == []
        assert not seen["qt_namespace"] and not seen["built"]  # the 93 enumerations of Qt come with build()
        assert seen["visible"] and not seen["has_db"]
        assert seen["status"] == "Membuka berkas data…" and seen["note_shown"]
        assert seen["table_note"] == "Membuka berkas data…"
        assert seen["agencies"] == 0 and seen["proposals"] == 0
        assert not seen["new_mapping"] and not seen["settings"] and seen["about"]
    # the data is painted through the plain read-only connection, before sqlite-utils is imported
    shown = report["shown"]
    assert shown["has_db"] and shown["agencies"] == 27 and shown["proposals"] == 1 and shown["heavy"] == []
    assert not shown["log_file"] and shown["log_handlers"] == 0  # the log file comes after the paint
    after = report["after"]
    assert after["log_file"] and after["log_handlers"] == 1  # and before the rest of the opening
    assert after["has_db"] and "sqlite_utils" in after["heavy"] and "ksd_desktop.storage.queries" in after["data_layer"]
    assert after["agencies"] == 27 and "Dinas Kesehatan" in after["names"]
    assert after["year"] == 2024 and after["proposals"] == 1
    assert after["status"] == "Menampilkan 1 dari 1 usulan tahun 2024" and not after["note_shown"]
    assert after["new_mapping"] and after["settings"]
    assert report["exit"] == 0


def test_a_file_that_cannot_be_opened_still_gives_the_message_and_exit_code_1(tmp_path):
    path = tmp_path / "bukan-data.sqlite3"
    path.write_text("ini bukan basis data", encoding="utf-8")
    report = run_start(path)
    assert report["events"] == ["painted", "opening", "opened", "message"]
    assert report["message"].startswith("Berkas data tidak dapat dibuka.\n\n")
    assert "bukan basis data KSD Desktop" in report["message"]
    assert "after" not in report and report["exit"] == 1


def test_loading_state_in_process_then_open_data_file(qtbot, db_path):
    open_database(db_path).close()
    window = show_main_window(db_path)
    qtbot.addWidget(window)
    assert window.db is None and window.isVisible() and not window._built
    assert window.statusBar().currentMessage() == "Membuka berkas data…"
    assert not window.act["action_new_mapping"].isEnabled() and window.act["action_about"].isEnabled()
    window.build()  # what open_data_file() does first: the panels, still without data
    assert window.statusBar().currentMessage() == "" and window.centralWidget() is window.splitter
    assert window.count_label.text() == "Membuka berkas data…"
    assert window.agencies_title.text() == "Perangkat Daerah"
    assert not window.year_combo.isEnabled() and window.year_combo.currentText() == ""
    assert window.filter_bar.combos["kind"].count() == 1  # "Semua jenis"; the kinds come with the domain
    assert not window.act["action_new_mapping"].isEnabled() and window.act["action_verify_pdf"].isEnabled()
    window.refresh()  # F5 or a year switch before the file is open: nothing to read yet, no error
    assert window.agency_model.rowCount() == 0
    window.open_data_file()
    assert window.db is not None and window.agency_model.rowCount() == 27
    assert window.agencies_title.text().startswith("Perangkat Daerah ") and window.year_combo.isEnabled()
    assert window.year_combo.itemData(window.year_combo.count() - 1) == MIN_YEAR
    assert window.filter_bar.combos["kind"].count() == 1 + len(Kind)
    assert window.act["action_new_mapping"].isEnabled() and window.act["action_settings"].isEnabled()
    assert window.progress_label.isVisible() and window.progress_label.text().startswith("0 dari 27")
    # an empty data file: the centre explains the app, as when it opened before the window showed
    assert window.center.currentWidget() is window.empty_state
