"""The agencies of the home region and the state of their form for one year."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from ...storage.repositories import AgencyStatus


class Column(IntEnum):
    NO = 0
    AGENCY = 1
    STATUS = 2
    PROPOSALS = 3


STATUS_COLOURS = {None: QColor("#9aa0a6"), "draft": QColor("#e8a317"), "signed": QColor("#1e8e3e")}
FORM_UUID_ROLE = Qt.ItemDataRole.UserRole + 1
AGENCY_CODE_ROLE = Qt.ItemDataRole.UserRole + 2


class AgencyStatusModel(QAbstractTableModel):
    """Rows of AgencyStatus; the view never queries the database itself."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[AgencyStatus] = []

    def set_rows(self, rows: list[AgencyStatus]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AgencyStatus]:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.NO: self.tr("No"),
            Column.AGENCY: self.tr("Perangkat Daerah"),
            Column.STATUS: self.tr("Status Formulir"),
            Column.PROPOSALS: self.tr("Usulan"),
        }[Column(section)]

    def status_text(self, row: AgencyStatus) -> str:
        """Short, for the narrow list (the count has its own column; revision 1 goes without saying)."""
        if row.status is None:
            return self.tr("Belum mulai")
        if row.status == "signed":
            return (
                self.tr("Ditandatangani")
                if (row.revision or 1) == 1
                else self.tr("Ditandatangani, rev. %1").replace("%1", str(row.revision))
            )
        return self.tr("Draf") if (row.revision or 1) == 1 else self.tr("Draf rev. %1").replace("%1", str(row.revision))

    def status_tip(self, row: AgencyStatus) -> str:
        """The whole state, for the tooltip."""
        if row.status is None:
            return self.tr("Belum mulai mengisi formulir tahun ini")
        state = self.tr("ditandatangani") if row.status == "signed" else self.tr("draf")
        return (
            self.tr("Formulir %1, revisi %2, %3 usulan")
            .replace("%1", state)
            .replace("%2", str(row.revision))
            .replace("%3", str(row.proposal_count))
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.NO: index.row() + 1,
                Column.AGENCY: row.name,
                Column.STATUS: self.status_text(row),
                Column.PROPOSALS: row.proposal_count,
            }[column]
        if role == Qt.ItemDataRole.DecorationRole and column == Column.STATUS:
            return STATUS_COLOURS.get(row.status, STATUS_COLOURS[None])
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.AGENCY:
            return f"{row.name} ({row.code})"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.NO, Column.PROPOSALS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == FORM_UUID_ROLE:
            return row.form_uuid
        if role == AGENCY_CODE_ROLE:
            return row.code
        return None

    def progress(self) -> tuple[int, int]:
        """(agencies that have a form, all agencies listed)."""
        return sum(1 for r in self._rows if r.form_uuid), len(self._rows)
