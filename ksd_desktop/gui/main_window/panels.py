"""The two halves of the main window: the agencies of the year (left) and the proposals with
their filters and detail pane (right). Widgets only: the window connects them to its data.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import ui_state
from ..models.agencies import AgencyStatusModel, Column
from ..models.agency_view import AgencyListProxy
from ..models.proposals import Column as ProposalColumn
from ..models.proposals import ProposalTableModel
from ..widgets.detail import ProposalDetailView
from ..widgets.filter_bar import FilterBar
from ..widgets.tables import office_table, viewport

#: Widths of the proposals table's columns, in average characters of the table's font
#: (Permasalahan takes the rest): Urusan and Calon Mitra wide enough for the usual names.
COLUMN_CHARS = {
    ProposalColumn.NO: 4,
    ProposalColumn.AGENCY: 13,
    ProposalColumn.URUSAN: 18,
    ProposalColumn.KIND: 7,
    ProposalColumn.PARTNERS: 22,
    ProposalColumn.PRIORITY: 8,
    ProposalColumn.STAGE: 11,
    ProposalColumn.REVIEW: 15,
}


class AgencyPanel(QWidget):
    """Title, year and the agencies with the state of their form."""

    def __init__(self, model: AgencyStatusModel, context_actions: list[QAction], parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        self.title = QLabel(self)
        self.title.setObjectName("agencies_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        header = QHBoxLayout()
        year_label = QLabel(self.tr("&Tahun pemetaan:"), self)
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("year")
        year_label.setBuddy(self.year_combo)
        # The years are listed once the data file is open; until then one item, the year last
        # shown (else a blank), so that the combo has its width from the start.
        wanted = QSettings().value(ui_state.YEAR, None)
        self.year_combo.addItem(str(wanted or dt.date.today().year), int(str(wanted)) if wanted else None)
        self.year_combo.setCurrentIndex(0 if wanted else -1)
        header.addWidget(year_label)
        header.addWidget(self.year_combo)
        header.addStretch(1)
        layout.addLayout(header)

        view = self.view = QTableView(self)
        view.setObjectName("agencies_table")
        view.setModel(AgencyListProxy(model, view))
        office_table(view, context_actions)
        view.setColumnHidden(Column.NO, True)  # the official order is the list's order
        head = view.horizontalHeader()
        head.setSectionResizeMode(Column.AGENCY, QHeaderView.ResizeMode.Stretch)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Widths from the longest texts, not ResizeToContents: that asks every row at each layout.
        metrics = view.fontMetrics()
        head.resizeSection(Column.STATUS, metrics.horizontalAdvance(self.tr("Ditandatangani, rev. 9")) + 30)
        head.resizeSection(Column.PROPOSALS, metrics.horizontalAdvance(self.tr("Usulan")) + 14)
        layout.addWidget(view)


class ProposalsPanel(QWidget):
    """Search and filters, the proposals table (with a note when it is empty), the detail pane."""

    def __init__(self, model: ProposalTableModel, context_actions: list[QAction], parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        self.filter_bar = FilterBar(self)
        self.filter_bar.reset.setDefault(False)
        layout.addWidget(self.filter_bar)

        view = self.view = QTableView(self)
        view.setObjectName("proposals_table")
        view.setModel(model)
        office_table(view, context_actions)
        head = view.horizontalHeader()
        head.setStretchLastSection(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # a narrow column
        char = view.fontMetrics().averageCharWidth()  # shows its start
        for column, chars in COLUMN_CHARS.items():
            head.resizeSection(column, chars * char + 16)
        head.setSectionResizeMode(ProposalColumn.PROBLEM, QHeaderView.ResizeMode.Stretch)
        head.setSortIndicator(ProposalColumn.NO, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        self._build_note(view)

        self.detail = ProposalDetailView(self)
        self.detail_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.detail_splitter.setObjectName("detail_splitter")
        self.detail_splitter.addWidget(view)
        self.detail_splitter.addWidget(self.detail)
        self.detail_splitter.setChildrenCollapsible(False)
        self.detail_splitter.setSizes([420, 280])
        layout.addWidget(self.detail_splitter, 1)

    def _build_note(self, view: QTableView) -> None:
        """In the middle of an empty table: why it is empty, and the first step when there is one."""
        self.note = QWidget(viewport(view))
        self.note.setObjectName("no_results_note")
        column = QVBoxLayout(self.note)
        column.addStretch(1)
        self.no_results = QLabel(self.note)
        self.no_results.setObjectName("no_results")
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_results.setWordWrap(True)
        self.no_results.setEnabled(False)  # the style's muted colour, without a style sheet
        self.no_results.setMaximumWidth(560)
        row = QHBoxLayout()  # centred, as wide as it may be (an aligned word-wrapped label gets squashed)
        row.addStretch(1)
        row.addWidget(self.no_results, 8)
        row.addStretch(1)
        column.addLayout(row)
        self.note_button = QPushButton(self.note)
        self.note_button.setObjectName("no_results_action")
        self.note_button.hide()
        self._note_action: QAction | None = None
        self.note_button.clicked.connect(lambda: self._note_action.trigger() if self._note_action else None)
        column.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self.note.hide()
        QVBoxLayout(viewport(view)).addWidget(self.note)  # follows the viewport's size

    def show_note(self, text: str, action: QAction | None = None, button_text: str = "") -> None:
        """Show ``text`` over the empty table, with a button for ``action`` when given."""
        self.no_results.setText(text)
        self._note_action = action
        if action is not None:
            self.note_button.setText(button_text or action.iconText())
        self.note_button.setVisible(action is not None)
        self.no_results.show()
        self.note.show()

    def hide_note(self) -> None:
        self.note.hide()
        self.no_results.hide()
