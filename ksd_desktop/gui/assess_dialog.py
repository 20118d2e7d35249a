"""TKKSD assessment of one or more proposals: sesuai kriteria, or tidak sesuai with a route.

The dialog names every proposal being assessed (agency, number, problem) and has no
default verdict: the assessor chooses one, so that Enter alone never approves anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import ReviewRoute
from ..errors import UserError
from .labels import label
from .screen import fit_to_screen

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ..storage.queries import ProposalRow


def tr(text: str) -> str:
    return QCoreApplication.translate("AssessDialog", text)


@dataclass(frozen=True)
class Assessed:
    """One proposal as the dialog lists it."""

    agency: str
    seq: int
    problem: str
    status: str = "belum_dinilai"
    route: str | None = None
    note: str | None = None


class AssessDialog(QDialog):
    """objectName ``assess_dialog``; widgets named assessed_proposals, review_status_*, review_route, review_note."""

    def __init__(self, proposals: list[Assessed], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("assess_dialog")
        self.setWindowTitle(tr("Nilai Usulan (TKKSD)"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        count = len(proposals)
        intro = QLabel(
            tr(
                "Penilaian Sekretariat TKKSD untuk <b>%1 usulan</b> berikut. Usulan yang tidak sesuai "
                "kriteria kerja sama daerah diarahkan ke rute lain (kerja sama internal antarperangkat "
                "daerah, pengadaan barang/jasa, atau swakelola)."
            ).replace("%1", str(count)),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget(self)
        self.list.setObjectName("assessed_proposals")
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setHeaderLabels([tr("Perangkat Daerah"), tr("No"), tr("Permasalahan"), tr("Penilaian saat ini")])
        header = self.list.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        for p in proposals:
            problem = " ".join(p.problem.split())
            item = QTreeWidgetItem([p.agency, str(p.seq), problem, label(p.status)])
            item.setToolTip(2, problem)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        rows = min(count, 6)
        self.list.setFixedHeight(self.list.header().sizeHint().height() + rows * (self.fontMetrics().height() + 8) + 6)
        layout.addWidget(self.list)

        choose = QLabel(tr("Hasil penilaian *:"), self)
        layout.addWidget(choose)
        self.group = QButtonGroup(self)
        self.sesuai = QRadioButton(tr("&Sesuai kriteria kerja sama daerah"), self)
        self.sesuai.setObjectName("review_status_sesuai")
        self.tidak = QRadioButton(tr("&Tidak sesuai — arahkan ke rute lain"), self)
        self.tidak.setObjectName("review_status_tidak_sesuai")
        self.belum = QRadioButton(tr("&Belum dinilai (batalkan penilaian)"), self)
        self.belum.setObjectName("review_status_belum_dinilai")
        for button in (self.sesuai, self.tidak, self.belum):
            self.group.addButton(button)
            layout.addWidget(button)
        form = QFormLayout()
        self.route = QComboBox(self)
        self.route.setObjectName("review_route")
        self.route.addItem(tr("— pilih rute —"), None)
        for key in ReviewRoute:
            self.route.addItem(label(key.value), key.value)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("review_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        form.addRow(tr("&Rute alternatif:"), self.route)
        form.addRow(tr("&Catatan penilaian:"), self.note)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("assess_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Simpan Penilaian"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_current(proposals)
        self.group.buttonToggled.connect(lambda *_: self._update())
        self._update()
        fit_to_screen(self, self.sizeHint())

    def _show_current(self, proposals: list[Assessed]) -> None:
        """One proposal already assessed: its verdict is shown. Otherwise nothing is chosen."""
        if len(proposals) != 1 or proposals[0].status not in ("sesuai", "tidak_sesuai"):
            return
        current = proposals[0]
        (self.sesuai if current.status == "sesuai" else self.tidak).setChecked(True)
        self.route.setCurrentIndex(max(self.route.findData(current.route), 0))
        self.note.setPlainText(current.note or "")

    def status(self) -> str | None:
        if self.tidak.isChecked():
            return "tidak_sesuai"
        if self.sesuai.isChecked():
            return "sesuai"
        return "belum_dinilai" if self.belum.isChecked() else None

    def _update(self) -> None:
        self.route.setEnabled(self.tidak.isChecked())
        self.message.clear()

    def accept(self) -> None:
        if self.status() is None:
            self.message.setText(tr("✖ Pilih hasil penilaian: sesuai, tidak sesuai, atau belum dinilai."))
            self.sesuai.setFocus()
            return
        if self.status() == "tidak_sesuai" and self.route.currentData() is None:
            self.message.setText(tr("✖ Pilih rute alternatif untuk usulan yang tidak sesuai."))
            self.route.setFocus()
            return
        super().accept()


def _assessed(db: Database, rows: list[ProposalRow]) -> list[Assessed]:
    from ..storage.queries import ProposalQueries

    queries = ProposalQueries(db)
    listed = []
    for row in rows:
        detail = queries.detail(row.uuid) if len(rows) == 1 else None
        p = detail.proposal if detail is not None else None
        listed.append(
            Assessed(
                row.agency_short or row.agency_name,
                row.seq,
                row.problem,
                row.review_status,
                p.review_route if p else None,
                p.review_note if p else None,
            )
        )
    return listed


def assess_selection(parent: QWidget | None, db: Database, rows: list[ProposalRow]) -> bool:
    """Ask for the assessment of the selected proposals and apply it; True when something was saved."""
    from ..services.assessment import assess

    if not rows:
        return False
    dialog = AssessDialog(_assessed(db, rows), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        assess(
            db,
            [row.uuid for row in rows],
            dialog.status() or "belum_dinilai",
            dialog.route.currentData(),
            dialog.note.toPlainText(),
        )
    except UserError as exc:
        QMessageBox.warning(parent, tr("Penilaian belum tersimpan"), str(exc))
        return False
    return True
