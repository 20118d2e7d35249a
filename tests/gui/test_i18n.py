from __future__ import annotations


from PySide6.QtCore import QCoreApplication

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


