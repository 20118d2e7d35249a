"""Table models of the follow-up screens: a proposal's steps, the year's overview, the register.

One small generic model (``RowsModel``): rows are plain objects, each column a header and a
function from row to text; a column may also give a tooltip, a colour dot or a sort key.
The data is read by services (no SQL here); the models only present it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from ...domain.agreements import STATE_LABELS, TYPE_LABELS, Agreement
from ...domain.dates import format_date_id
from ...domain.followup import FollowupStep
from ...domain.models import label
from ...services.followup.procedures import step_label, step_short
from ...services.followup.register import OverviewRow
from ..icons import dot

STATE_COLOURS = {"berlaku": "sesuai", "segera_berakhir": "draft", "berakhir": "none", "belum_berlaku": "none"}


def tr(text: str) -> str:
    return QCoreApplication.translate("FollowupModels", text)


@dataclass(frozen=True)
class ColumnSpec:
    header: str
    text: Callable[[Any], str]
    tip: Callable[[Any], str] | None = None
    dot: Callable[[Any], str | None] | None = None
    sort: Callable[[Any], Any] | None = None
    center: bool = False


class RowsModel(QAbstractTableModel):
    """Read-only rows with the given columns."""

    def __init__(self, columns: Sequence[ColumnSpec], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return self._rows

    def row(self, index: int) -> Any:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) if column.tip else column.text(row)
        if role == Qt.ItemDataRole.DecorationRole and column.dot:
            key = column.dot(row)
            return dot(key) if key else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.center:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return column.sort(row) if column.sort else column.text(row)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        spec = self.columns[column]
        key = spec.sort or spec.text
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(
            key=lambda r: (key(r) is None, key(r) if key(r) is not None else 0),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()


def _date(value: str | None) -> str:
    return format_date_id(value) if value else "–"


def steps_model(parent=None) -> RowsModel:
    """The recorded steps of one proposal."""
    return RowsModel(
        [
            ColumnSpec(tr("Tanggal"), lambda s: _date(s.date), sort=lambda s: s.date),
            ColumnSpec(
                tr("Langkah"),
                lambda s: step_label(s.step),
                dot=lambda s: "signed" if not s.exception_reason else "draft",
                tip=lambda s: (
                    step_label(s.step)
                    + (
                        tr("\nDicatat sebagai pengecualian: %1").replace("%1", s.exception_reason)
                        if s.exception_reason
                        else ""
                    )
                ),
            ),
            ColumnSpec(tr("Nomor Dokumen"), lambda s: s.document_number or "–"),
            ColumnSpec(tr("Penanggung Jawab"), lambda s: s.responsible or "–"),
            ColumnSpec(tr("Lampiran/Arsip"), lambda s: s.attachment or "–"),
            ColumnSpec(tr("Catatan"), lambda s: (s.note or "").replace("\n", " ") or "–"),
        ],
        parent,
    )


def overview_model(parent=None) -> RowsModel:
    """Every proposal of a year with where its follow-up stands."""

    def current(r: OverviewRow) -> str:
        return step_label(r.standing.current) if r.standing.current else tr("Belum ada langkah")

    def current_dot(r: OverviewRow) -> str:
        if r.standing.ended:
            return "none"
        if r.stale:
            return "tidak_sesuai"
        return "signed" if r.standing.current else "belum_dinilai"

    def current_tip(r: OverviewRow) -> str:
        text = current(r)
        if r.stale:
            text += tr("\nTidak ada langkah baru sejak %1.").replace(
                "%1", format_date_id(r.standing.last_date or r.proposal.mapped_on)
            )
        if r.standing.next_steps:
            text += tr("\nLangkah berikutnya menurut prosedur: %1").replace(
                "%1", ", ".join(step_label(k) for k in r.standing.next_steps)
            )
        return text

    return RowsModel(
        [
            ColumnSpec(tr("Perangkat Daerah"), lambda r: r.proposal.agency_name),
            ColumnSpec(tr("No."), lambda r: str(r.proposal.seq), sort=lambda r: r.proposal.seq, center=True),
            ColumnSpec(tr("Jenis"), lambda r: r.proposal.kind or "–", tip=lambda r: label(r.proposal.kind)),
            ColumnSpec(
                tr("Objek Kerja Sama"),
                lambda r: r.proposal.object,
                tip=lambda r: (
                    f"{r.proposal.object}\n\n{r.proposal.problem}\n\n"
                    + tr("Calon mitra: %1").replace("%1", r.proposal.partners or "–")
                ),
            ),
            ColumnSpec(
                tr("Penilaian"), lambda r: label(r.proposal.review_status), dot=lambda r: r.proposal.review_status
            ),
            ColumnSpec(tr("Tahap Terakhir"), current, dot=current_dot, tip=current_tip),
            ColumnSpec(tr("Tanggal"), lambda r: _date(r.standing.last_date), sort=lambda r: r.standing.last_date or ""),
            ColumnSpec(tr("Perjanjian"), lambda r: "; ".join(f"{a.doc_type} {a.number}" for a in r.agreements) or "–"),
        ],
        parent,
    )


def agreements_model(today: Callable[[], dt.date], parent=None) -> RowsModel:
    """The register of agreements."""

    def end(a: Agreement) -> str:
        value = a.expiry()
        return format_date_id(value) if value else tr("tanpa batas")

    def left(a: Agreement) -> str:
        value = a.expiry()
        if value is None:
            return "–"
        days = (value - today()).days
        if days < 0:
            return tr("lewat")
        if days <= 90:
            return tr("%1 hari").replace("%1", str(days))
        if days <= 730:
            return tr("%1 bulan").replace("%1", str(days // 30))
        return tr("%1 tahun").replace("%1", str(days // 365))

    return RowsModel(
        [
            ColumnSpec(
                tr("Jenis"),
                lambda a: "MoU" if a.doc_type == "MOU" else a.doc_type,
                tip=lambda a: TYPE_LABELS.get(a.doc_type, a.doc_type),
            ),
            ColumnSpec(tr("Nomor"), lambda a: a.number),
            ColumnSpec(tr("Judul/Objek"), lambda a: a.title or a.object),
            ColumnSpec(tr("Para Pihak"), lambda a: "; ".join(a.parties), tip=lambda a: "\n".join(a.parties)),
            ColumnSpec(tr("Ditandatangani"), lambda a: _date(a.date_signed), sort=lambda a: a.date_signed),
            ColumnSpec(tr("Jangka Waktu"), lambda a: a.term_text()),
            ColumnSpec(tr("Berakhir"), end, sort=lambda a: a.expiry() or dt.date.max),
            ColumnSpec(tr("Sisa"), left, sort=lambda a: a.expiry() or dt.date.max, center=True),
            ColumnSpec(
                tr("Keadaan"),
                lambda a: STATE_LABELS[a.state(today()).value],
                dot=lambda a: STATE_COLOURS[a.state(today()).value],
            ),
            ColumnSpec(tr("Usulan"), lambda a: str(len(a.proposal_uuids)), center=True),
        ],
        parent,
    )


def step_text(step: FollowupStep) -> str:
    return f"{step_short(step.step)} {format_date_id(step.date)}"
