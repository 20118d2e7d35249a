"""The proposals of the main window, filtered, sorted and searched in SQLite.

The model holds the ordered row ids of the result (``ProposalQueries.ids``) and fetches
the rows it is asked to show, ``PAGE_SIZE`` at a time, as they scroll into view; a few
recent pages stay cached. The view can therefore show 100,000 proposals with a true
scroll bar while Python holds only the ids and a few hundred rows.

The model can exist before the data layer is imported (the window shows first): the
queries, the filter and the labels come when the data file is open.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from ...storage.errors import StorageError
from ..icons import dot

if TYPE_CHECKING:
    from ...storage.queries import ProposalFilter, ProposalQueries, ProposalRow, Sort

#: Rows fetched with one query (``ProposalQueries.rows``) as they scroll into view.
PAGE_SIZE = 64


class Column(IntEnum):
    NO = 0
    AGENCY = 1
    URUSAN = 2
    PROBLEM = 3
    KIND = 4
    PARTNERS = 5
    PRIORITY = 6
    STAGE = 7
    REVIEW = 8


#: Sort key (storage/queries.py SORT_KEYS) of each column.
SORT_KEY = {
    Column.NO: "default",
    Column.AGENCY: "agency",
    Column.URUSAN: "urusan",
    Column.PROBLEM: "problem",
    Column.KIND: "kind",
    Column.PARTNERS: "partners",
    Column.PRIORITY: "priority",
    Column.STAGE: "stage",
    Column.REVIEW: "review",
}
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
FORM_UUID_ROLE = Qt.ItemDataRole.UserRole + 2
AGENCY_CODE_ROLE = Qt.ItemDataRole.UserRole + 3
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 4
MAX_CACHED_PAGES = 48
CELL_CHARS = 180
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_DECORATION, _ALIGNMENT = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _DECORATION,
        _ALIGNMENT,
        int(UUID_ROLE),
        int(FORM_UUID_ROLE),
        int(AGENCY_CODE_ROLE),
        int(ROW_ID_ROLE),
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: Columns that show the label of an enumeration key (the row field holding the key).
LABELLED: dict[int, str] = {Column.PRIORITY: "priority", Column.STAGE: "stage", Column.REVIEW: "review_status"}


_labels = None


def _label_functions():
    """gui/labels.py's (label, kind_short), imported with the domain once the data file is open."""
    global _labels
    if _labels is None:
        from ..labels import kind_short, label

        _labels = (label, kind_short)
    return _labels


def display_cells(row: ProposalRow) -> tuple[str, ...]:
    """The text of each column of ``row`` (Column order), made once when the row is first
    painted: a repaint asks for every visible cell, and the text is then a tuple look-up."""
    label, kind_short = _label_functions()
    return (
        str(row.seq),  # the proposal's own number in its form, as the PDF prints "Usulan No. n"
        row.agency_short,
        row.urusan_name,
        " ".join(row.problem[:CELL_CHARS].split()),  # one line, no longer than a wide screen shows
        kind_short(row.kind),
        row.partners[:CELL_CHARS],
        label(row.priority),
        label(row.stage),
        label(row.review_status),
    )


def _wrapped(text: str) -> str:
    """Rich text, so Qt wraps a long tooltip instead of drawing one endless line."""
    import html

    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


class ProposalTableModel(QAbstractTableModel):
    """Columns No … Penilaian of the proposals matching a ProposalFilter."""

    #: A StorageError while fetching rows for the view (shown by the window, not here).
    failed = Signal(str)

    def __init__(self, queries: ProposalQueries | None = None, parent=None):
        super().__init__(parent)
        self._queries = queries
        self._filter: ProposalFilter | None = None  # set_filter() starts the queries
        self._sort_by: tuple[str, bool] = ("default", False)  # Sort(key, descending)
        self._ids = array("q")
        #: page → {row id: the row}; display_cells of the rows painted, by row id
        self._pages: OrderedDict[int, dict[int, ProposalRow]] = OrderedDict()
        self._cells: dict[int, tuple[str, ...]] = {}
        self._error_pending = False
        self._active = False  # no query before the first filter (a sort set at start-up waits)
        self._titles: list[str] | None = None

    # -- what is shown ------------------------------------------------------------------
    @property
    def filter(self) -> ProposalFilter | None:
        """The filter shown (None before the first ``set_filter``)."""
        return self._filter

    @property
    def current_sort(self) -> Sort:
        from ...storage.queries import Sort

        return Sort(*self._sort_by)

    def set_queries(self, queries: ProposalQueries) -> None:
        """The queries to read from (a window built before its data file was open gets them later)."""
        self._queries = queries
        if self._active:
            self.reload()

    def set_filter(self, flt: ProposalFilter) -> None:
        """Show the proposals matching ``flt`` (raises StorageError if the query fails)."""
        self._filter = flt
        self._active = True
        self.reload()

    def reload(self) -> None:
        """Query the ids again (after a change in the data or in the filter)."""
        ids = (
            self._queries.ids(self._filter, self.current_sort)
            if self._queries and self._active and self._filter is not None
            else array("q")
        )
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._cells.clear()
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort_by = (SORT_KEY[Column(column)], order == Qt.SortOrder.DescendingOrder)
        if not self._active:
            return
        try:
            self.reload()
        except StorageError as exc:
            self._report(str(exc))

    def row_of(self, row_id: int | None) -> int | None:
        """The row showing the proposal with this row id, or None when it is filtered out."""
        if row_id is None:
            return None
        try:
            return self._ids.index(row_id)
        except ValueError:
            return None

    def proposal(self, row: int) -> ProposalRow | None:
        """The row's data, fetched with its page when not cached."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    def _fetch(self, page: int) -> dict[int, ProposalRow]:
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        try:
            rows = {r.id: r for r in self._queries.rows(ids)} if self._queries else {}
        except StorageError as exc:
            self._report(str(exc))
            return {}
        self._pages[page] = rows
        while len(self._pages) > MAX_CACHED_PAGES:
            for gone in self._pages.popitem(last=False)[1]:
                self._cells.pop(gone, None)
        return rows

    def _report(self, message: str) -> None:
        # data() runs while the view paints: report once, after the paint is over.
        if not self._error_pending:
            self._error_pending = True

            def report() -> None:
                self._error_pending = False
                self.failed.emit(message)

            QTimer.singleShot(0, report)

    def cached_rows(self) -> int:
        """How many rows the model holds in memory now (for tests and benchmarks)."""
        return sum(len(p) for p in self._pages.values())

    # -- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if self._titles is None:
                self._titles = [
                    self.tr("No"),
                    self.tr("Perangkat Daerah"),
                    self.tr("Urusan"),
                    self.tr("Permasalahan"),
                    self.tr("Jenis"),
                    self.tr("Calon Mitra"),
                    self.tr("Prioritas"),
                    self.tr("Tahapan"),
                    self.tr("Penilaian"),
                ]
            return self._titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Klik untuk mengurutkan menurut kolom ini; klik lagi untuk membalik urutan.")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # A repaint asks every visible cell for some ten roles: answer the unused ones first.
        if role not in _ROLES or not index.isValid():
            return None
        column = index.column()
        if role == _DECORATION and column not in (Column.AGENCY, Column.REVIEW):
            return None
        if role == _ALIGNMENT:
            return _RIGHT if column == Column.NO else None
        row = self.proposal(index.row())
        if row is None:
            return None
        if role == _DISPLAY:
            cells = self._cells.get(row.id)
            if cells is None:
                cells = self._cells[row.id] = display_cells(row)
            return cells[column]
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _DECORATION:
            return dot(row.form_status if column == Column.AGENCY else row.review_status)
        return {
            UUID_ROLE: row.uuid,
            FORM_UUID_ROLE: row.form_uuid,
            AGENCY_CODE_ROLE: row.agency_code,
            ROW_ID_ROLE: row.id,
        }[role]

    def _tooltip(self, row: ProposalRow, column: int) -> str | None:
        label = _label_functions()[0]
        if column in LABELLED or column == Column.KIND:  # short text in the cell, the full label here
            return label(getattr(row, LABELLED.get(column, "kind")))
        if column == Column.NO:
            return self.tr("Usulan No. %1 pada formulir %2").replace("%1", str(row.seq)).replace("%2", row.agency_name)
        if column == Column.AGENCY:
            status = label(row.form_status)
            return self.tr("%1\nFormulir: %2").replace("%1", row.agency_name).replace("%2", status)
        if column == Column.URUSAN:
            return f"{row.urusan_code or ''} {row.urusan_name}".strip()
        if column in (Column.PROBLEM, Column.PARTNERS):
            return _wrapped(row.problem if column == Column.PROBLEM else row.partners)
        return None
