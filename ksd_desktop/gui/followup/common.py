"""Small helpers shared by the follow-up screens (and the main window's recap: ``offer_open``)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Followup", text)


def e(text: object) -> str:
    """Text for a rich-text label (user text never becomes markup)."""
    return html.escape(str(text or ""))


def offer_open(parent: QWidget, path: Path, text: str) -> None:
    """Say where the file was written and offer to open it with its program (Word, a PDF reader)."""
    answer = QMessageBox.question(
        parent,
        tr("Berkas dibuat"),
        tr("%1\n\n%2\n\nBuka berkasnya sekarang?").replace("%1", text).replace("%2", str(path)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
