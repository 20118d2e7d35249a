"""How the agencies list looks in the narrow left pane (the model underneath is unchanged).

The pane shows the short names officials use among themselves (Dinkes, Bappedalitbang)
with the full name and code one tooltip away, and round status markers that match the
proposals table. Every cell is answered here from one tuple per row, prepared when the
rows change: a repaint asks each cell for some ten roles, and the window should not pay
two Python calls for each.
"""

from __future__ import annotations

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPersistentModelIndex, Qt

from ..icons import dot
from .agencies import AGENCY_CODE_ROLE, FORM_UUID_ROLE, AgencyStatusModel, Column

_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_DECORATION, _ALIGNMENT = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.TextAlignmentRole)
_FORM, _CODE = int(FORM_UUID_ROLE), int(AGENCY_CODE_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class AgencyListProxy(QIdentityProxyModel):
    """An identity proxy over AgencyStatusModel: short names, status dots."""

    def __init__(self, source: AgencyStatusModel, parent=None):
        super().__init__(parent)
        self._source = source
        self._cells: list[tuple] = []
        source.modelReset.connect(self._prepare)
        self.setSourceModel(source)
        self._prepare()

    def _prepare(self) -> None:
        self._cells = [
            (
                (str(n), a.short_name or a.name, self._source.status_text(a), a.proposal_count),
                f"{a.name} ({a.code})\n{self._source.status_tip(a)}",
                dot(a.status or "none"),
                a.form_uuid,
                a.code,
            )
            for n, a in enumerate(self._source.rows(), start=1)
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._cells):
            return None
        texts, tooltip, marker, form_uuid, code = self._cells[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return texts[column]
        if role == _TOOLTIP:
            return tooltip
        if role == _DECORATION:
            return marker if column == Column.STATUS else None
        if role == _ALIGNMENT:
            return _RIGHT if column in (Column.NO, Column.PROPOSALS) else None
        return {_FORM: form_uuid, _CODE: code}.get(role)
