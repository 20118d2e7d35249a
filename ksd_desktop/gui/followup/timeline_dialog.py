"""A proposal's follow-up: its procedure, the steps recorded, its agreements, and the drafts.

Left, the procedure of the proposal's kind: each step marked done (with its date), expected
next, or still ahead, optional steps said so, each with its provision in the tooltip. Right,
the steps recorded (date, document number, responsible person, where the document is kept),
the problems of the timeline, and the agreements linked to the proposal. Buttons record,
change or delete a step, and make a draft of the next document (KAK, studi kelayakan,
surat penawaran) to finish in Word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date_id
from ...domain.followup import CHECK_LEVEL_LABELS
from ...domain.models import label
from ...errors import UserError
from .. import ui_state
from ..icons import dot
from ..widgets.tables import office_table
from ..worker import run_with_progress
from .common import e as _e
from .common import offer_open
from .models import steps_model

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ...services.followup.steps import Timeline

DRAFT_ITEMS = (
    ("kak", "Kerangka Acuan &Kerja (KAK)…"),
    ("studi_kelayakan", "Kerangka &Studi Kelayakan (KSDPK)…"),
    ("surat_penawaran", "Surat &Penawaran kepada Calon Mitra…"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("TimelineDialog", text)


class TimelineDialog(QDialog):
    """objectName ``timeline_dialog``: the follow-up of one proposal."""

    def __init__(self, db: Database, db_path: str, proposal_uuid: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.db_path, self.proposal_uuid = db, str(db_path), proposal_uuid
        self.changed = False
        self.setObjectName("timeline_dialog")
        self.setWindowTitle(tr("Tindak Lanjut Usulan"))
        self.resize(1180, 640)
        layout = QVBoxLayout(self)
        self.header = QLabel(self)
        self.header.setObjectName("timeline_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.header)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        self.procedure_title = QLabel(left)
        self.procedure_title.setWordWrap(True)
        left_layout.addWidget(self.procedure_title)
        self.procedure_list = QListWidget(left)
        self.procedure_list.setObjectName("procedure_steps")
        self.procedure_list.setWordWrap(True)
        self.procedure_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.procedure_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: no current-item frame
        left_layout.addWidget(self.procedure_list, 1)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(QLabel(tr("<b>Langkah yang sudah dicatat</b>"), right))
        self.steps = steps_model(self)
        self.table = QTableView(right)
        self.table.setObjectName("steps_table")
        self.table.setModel(self.steps)
        office_table(self.table, [])
        head = self.table.horizontalHeader()
        for column, width in enumerate((134, 250, 130, 120, 100, 110)):
            head.resizeSection(column, width)
        head.setStretchLastSection(False)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the step's full name
        self.table.doubleClicked.connect(lambda *_: self.edit_step())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        right_layout.addWidget(self.table, 2)
        self.problems = QLabel(right)
        self.problems.setObjectName("timeline_problems")
        self.problems.setWordWrap(True)
        right_layout.addWidget(self.problems)
        right_layout.addWidget(QLabel(tr("<b>Perjanjian terkait</b>"), right))
        self.agreements = QLabel(right)
        self.agreements.setObjectName("timeline_agreements")
        self.agreements.setWordWrap(True)
        self.agreements.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right_layout.addWidget(self.agreements)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 880])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._buttons())
        self.reload()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("&Catat Langkah…"), self)
        self.add_button.setObjectName("add_step")
        self.add_button.clicked.connect(self.add_step)
        self.edit_button = QPushButton(tr("&Ubah…"), self)
        self.edit_button.setObjectName("edit_step")
        self.edit_button.clicked.connect(self.edit_step)
        self.delete_button = QPushButton(tr("&Hapus…"), self)
        self.delete_button.setObjectName("delete_step")
        self.delete_button.clicked.connect(self.delete_step)
        self.draft_button = QPushButton(tr("Buat &Draf Dokumen"), self)
        self.draft_button.setObjectName("make_draft")
        menu = QMenu(self.draft_button)
        self.draft_actions: dict[str, QAction] = {}
        for key, text in DRAFT_ITEMS:
            action = menu.addAction(tr(text))
            action.setObjectName(f"draft_{key}")
            action.triggered.connect(lambda _=False, k=key: self.make_draft(k))
            self.draft_actions[key] = action
        self.draft_button.setMenu(menu)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("&Tutup"))
        close.rejected.connect(self.reject)
        for widget in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(widget)
        row.addSpacing(16)
        row.addWidget(self.draft_button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        from ...services.followup.procedures import procedure
        from ...services.followup.steps import timeline

        try:
            self.line: Timeline | None = timeline(self.db, self.proposal_uuid, today=self.today())
        except UserError as exc:
            QMessageBox.warning(self, tr("Tindak lanjut"), str(exc))
            self.line = None
            return
        self.procedure = procedure(self.line.proposal.kind)
        ref = self.line.proposal
        self.header.setText(
            tr(
                "<b>Usulan No. %1 · %2 · Pemetaan %3</b><br/>%4<br/><span style='color:#555'>%5 · "
                "Penilaian: %6 · Calon mitra: %7</span>"
            )
            .replace("%1", str(ref.seq))
            .replace("%2", _e(ref.agency_name))
            .replace("%3", str(ref.year))
            .replace("%4", _e(ref.object))
            .replace("%5", _e(label(ref.kind)))
            .replace("%6", _e(label(ref.review_status)))
            .replace("%7", _e(ref.partners or "–"))
        )
        self.steps.set_rows(self.line.steps)
        self._fill_procedure()
        errors = [p for p in self.line.problems if p.is_error]
        warnings = [p for p in self.line.problems if not p.is_error]
        text = "".join(f"<div style='color:#b3261e'>✖ {_e(p.message)}</div>" for p in errors)
        text += "".join(f"<div style='color:#8a5a00'>⚠ {_e(p.message)}</div>" for p in warnings)
        self.problems.setText(text)
        self.problems.setVisible(bool(text))
        if self.line.agreements:
            self.agreements.setText(
                "<br/>".join(
                    f"<b>{_e(a.doc_type)} {_e(a.number)}</b> · {_e(format_date_id(a.date_signed))} · {_e(a.term_text())}"
                    f" · {_e(tr('berakhir %1').replace('%1', format_date_id(a.expiry())) if a.expiry() else '')}"
                    for a in self.line.agreements
                )
            )
        else:
            self.agreements.setText(tr("Belum ada perjanjian yang ditautkan ke usulan ini."))
        self.draft_actions["studi_kelayakan"].setEnabled(ref.kind == "KSDPK")
        self.draft_actions["studi_kelayakan"].setToolTip(
            "" if ref.kind == "KSDPK" else tr("Studi kelayakan disusun untuk kerja sama dengan pihak ketiga (KSDPK).")
        )
        self._enable()

    def _fill_procedure(self) -> None:
        self.procedure_list.clear()
        if self.procedure is None:
            self.procedure_title.setText(tr("Jenis kerja sama usulan ini belum diisi; lengkapi formulirnya."))
            return
        self.procedure_title.setText(
            tr("<b>Prosedur %1</b><br/><small>%2</small>")
            .replace("%1", _e(self.procedure.title))
            .replace("%2", _e(self.procedure.basis))
        )
        assert self.line is not None, "reload() read the timeline before"
        done: dict[str, str] = {}
        for step in self.line.steps:
            done.setdefault(step.step, step.date)
        for definition in self.procedure.steps:
            if definition.key in done:
                marker, state = "signed", tr("selesai %1").replace("%1", format_date_id(done[definition.key]))
            elif definition.key in self.line.standing.next_steps:
                marker, state = "draft", tr("langkah berikutnya")
            else:
                marker, state = "none", tr("pilihan") if definition.optional else ""
            text = definition.label + (f"\n    {state}" if state else "")
            item = QListWidgetItem(dot(marker), text)
            cite = definition.cite
            item.setToolTip(
                tr("%1\n\nDasar: %2 — %3.\nKepastian rujukan: %4.\nSumber: %5")
                .replace("%1", definition.help)
                .replace("%2", cite.short())
                .replace("%3", cite.about)
                .replace("%4", tr(CHECK_LEVEL_LABELS[cite.checked]))
                .replace("%5", cite.source)
            )
            item.setData(Qt.ItemDataRole.UserRole, definition.key)
            self.procedure_list.addItem(item)
        self.procedure_list.setCurrentRow(-1)

    def today(self) -> dt.date:
        return dt.date.today()

    def selected_step(self):
        rows = self.table.selectionModel().selectedRows()
        return self.steps.row(rows[0].row()) if rows else None

    def _enable(self) -> None:
        ok = self.line is not None and self.procedure is not None
        self.add_button.setEnabled(ok)
        self.edit_button.setEnabled(ok and self.selected_step() is not None)
        self.delete_button.setEnabled(ok and self.selected_step() is not None)

    # -- actions -------------------------------------------------------------------------
    def _open_step_dialog(self, step=None) -> None:
        from ...storage.repositories import ReferenceRepository, SettingsRepository
        from .step_dialog import StepDialog

        settings = SettingsRepository(self.db)
        home = settings.get("home_region_code")
        region = next((r.name for r in ReferenceRepository(self.db).regions() if r.code == home), "")
        assert self.line is not None and self.procedure is not None, "the buttons are enabled only then"
        dialog = StepDialog(
            self.db,
            self.line,
            self.procedure,
            self,
            step=step,
            region_government=f"Pemerintah {region}" if region else "",
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            if dialog.warnings:
                QMessageBox.information(
                    self,
                    tr("Langkah dicatat"),
                    tr("Langkah dicatat, dengan catatan:\n%1").replace(
                        "%1", "\n".join(f"- {w.message}" for w in dialog.warnings)
                    ),
                )
        self.reload()

    def add_step(self) -> None:
        self._open_step_dialog()

    def edit_step(self) -> None:
        step = self.selected_step()
        if step is not None:
            self._open_step_dialog(step)

    def delete_step(self) -> None:
        from ...services.followup.procedures import step_label
        from ...services.followup.steps import delete_step

        step = self.selected_step()
        if step is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Hapus langkah"),
            tr("Hapus langkah «%1» tanggal %2? Catatannya tetap tersimpan di riwayat perubahan.")
            .replace("%1", step_label(step.step))
            .replace("%2", format_date_id(step.date)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_step(self.db, step.uuid, today=self.today())
        except UserError as exc:
            QMessageBox.warning(self, tr("Langkah belum dihapus"), str(exc))
            return
        self.changed = True
        self.reload()

    def make_draft(self, kind: str) -> Path | None:
        from ...services.followup.drafts import DRAFTS, default_name, draft_facts

        try:
            facts = draft_facts(self.db, self.proposal_uuid)
        except UserError as exc:
            QMessageBox.warning(self, tr("Draf belum dibuat"), str(exc))
            return None
        assert self.line is not None, "the draft buttons are enabled once the timeline is read"
        default = str(ui_state.last_folder() / default_name(facts, kind, self.line.proposal.agency_code))
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan draf %1").replace("%1", DRAFTS[kind]), default, tr("Dokumen Word (*.docx)")
        )
        if not path:
            return None
        if not path.lower().endswith(".docx"):
            path += ".docx"
        try:
            written = run_with_progress(
                self, tr("Draf dokumen"), tr("Menyusun draf…"), _draft_job(self.db_path, self.proposal_uuid, kind, path)
            )
        except UserError as exc:
            QMessageBox.warning(self, tr("Draf belum dibuat"), str(exc))
            return None
        ui_state.remember_folder(written)
        offer_open(
            self,
            written,
            tr("Draf %1 disimpan. Lengkapi bagian yang ditandai kuning di Word.").replace("%1", DRAFTS[kind]),
        )
        return written


def _draft_job(db_path: str, proposal_uuid: str, kind: str, out: str):
    def job(progress, cancelled):
        from ...services.followup.drafts import write_draft
        from ...storage.database import connect

        db = connect(db_path, read_only=True)
        try:
            return write_draft(db, proposal_uuid, kind, out)
        finally:
            db.close()

    return job


def open_timeline(parent: QWidget, db: Database, db_path: str, proposal_uuid: str) -> bool:
    """Show the follow-up of one proposal; True when something was changed."""
    dialog = TimelineDialog(db, db_path, proposal_uuid, parent)
    dialog.exec()
    return dialog.changed
