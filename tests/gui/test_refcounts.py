"""Regression guard for binding bugs: Python overrides must not cost singletons references.

PySide6 6.12.0 released the result of ``isComplete()`` and the ``None`` passed to
``QTranslator.translate`` once too often; on Python 3.11 that aborts the process at exit
("deallocating None/True"). The app no longer overrides ``translate`` (the catalogue is a
compiled .qm), but every wizard page overrides ``isComplete``: pyproject.toml pins below 6.12,
and these tests catch a regression when the pin is raised.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWizard, QWizardPage

from ksd_desktop.gui import ensure_app


class _Page(QWizardPage):
    def isComplete(self) -> bool:
        return True


def test_is_complete_override_keeps_true_alive(qtbot):
    ensure_app()
    wizard, page = QWizard(), _Page()
    qtbot.addWidget(wizard)
    wizard.addPage(page)
    wizard.show()
    before = sys.getrefcount(True)
    for _ in range(300):
        page.completeChanged.emit()
    assert abs(sys.getrefcount(True) - before) < 100


def test_translator_keeps_none_alive(qtbot):
    ensure_app()
    before = sys.getrefcount(None)
    for _ in range(300):
        QCoreApplication.translate("ctx", "teks")
    assert abs(sys.getrefcount(None) - before) < 100
