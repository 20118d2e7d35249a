from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.i18n import load_ts
from ksd_desktop.paths import resource


def test_catalogue_covers_qt_buttons_and_dialogs():
    catalogue = load_ts(resource("i18n", "qt_id.ts"))
    assert catalogue[("QWizard", "&Next >")] == "&Lanjut >"
    assert catalogue[("QPlatformTheme", "&Yes")] == "&Ya"
    assert catalogue[("QFileDialog", "File &name:")] == "&Nama berkas:"
    assert len(catalogue) > 150


def test_translation_through_qt(qtbot):
    ensure_app()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    assert QCoreApplication.translate("app", "Teks sudah berbahasa Indonesia") == "Teks sudah berbahasa Indonesia"


def test_translator_does_not_leak_none_references(qtbot):
    """Regression: PySide6 loses a reference to None per translate() call (abort at exit on 3.11)."""
    ensure_app()
    before = sys.getrefcount(None)
    for _ in range(500):
        QCoreApplication.translate("ctx", "teks")
        QLabel().tr("teks")
    assert abs(sys.getrefcount(None) - before) < 50
