from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from ksd_desktop.gui import ensure_app
from ksd_desktop.paths import compiled_resource


def test_compiled_catalogue_covers_qt_buttons_and_dialogs():
    path = compiled_resource("i18n", "qt_id.qm")
    assert path is not None, "build/i18n/qt_id.qm belum dikompilasi: jalankan python3 tasks.py test"
    translator = QTranslator()
    assert translator.load(str(path))
    assert translator.translate("QWizard", "&Next >") == "&Lanjut >"
    assert translator.translate("QPlatformTheme", "&Yes") == "&Ya"
    assert translator.translate("QFileDialog", "File &name:") == "&Nama berkas:"
    assert translator.translate("QWizard", "Sudah berbahasa Indonesia") == ""  # unknown: Qt keeps the source


def test_translation_through_qt(qtbot):
    app = ensure_app()
    assert all(type(t) is QTranslator for t in app._ksd_translators)  # plain: no Python override
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    assert QCoreApplication.translate("app", "Teks sudah berbahasa Indonesia") == "Teks sudah berbahasa Indonesia"
