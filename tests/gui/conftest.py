"""GUI tests never block on a modal message box: every one is recorded and answered."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """Record message boxes; static ones answer No/Ok, exec()'d ones answer Discard (or a set answer)."""
    shown: list[tuple[str, str]] = []

    def static(kind, answer):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, f"{title}: {text}"))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "question", static("question", QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "warning", static("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", static("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", static("critical", QMessageBox.StandardButton.Ok))

    def exec_(box):
        shown.append(("exec", f"{box.windowTitle()}: {box.text()}"))
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown
