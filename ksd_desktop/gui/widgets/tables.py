"""How the window's tables look and behave: one line per row, whole rows selected."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QFrame, QHeaderView, QTableView, QWidget


def office_table(view: QTableView, context_actions: list[QAction]) -> None:
    """Single row selection, alternating rows, no row numbers, compact one-line rows, a
    context menu of ``context_actions``."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.addActions(context_actions)


def viewport(view: QAbstractScrollArea) -> QWidget:
    """``view.viewport()``, found by its Qt object name first.

    The same widget; but the first ``viewport()`` call makes PySide match the plain QWidget
    it returns against every widget class (some 50 enum types built, 10–20 ms) before the
    window could show. A child looked up with its type skips that search.
    """
    found = view.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else view.viewport()


def separator(parent: QWidget) -> QFrame:
    """A thin vertical line between status-bar items."""
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def number(value: int) -> str:
    """A count with the Indonesian thousands separator (11.711)."""
    return QLocale().toString(value)
