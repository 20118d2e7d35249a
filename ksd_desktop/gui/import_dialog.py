"""Import several files at once: a preview first, every conflict decided by the user, then apply.

Nothing is written before "Terapkan Impor"; each file is applied in its own transaction,
after a backup that "Batalkan Impor Terakhir" restores.
"""

from __future__ import annotations

import html
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
    QRadioButton, QSplitter, QTableWidget, QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..errors import UserError
from .worker import database_job, run_with_progress

STATUS_COLOURS = {"new": "#1e8e3e", "newer_revision": "#1e8e3e", "unchanged": "#5f6368",
                  "older_or_same": "#5f6368", "conflict": "#b3261e", "draft_over_signed_refused": "#8a5a00"}
FORM_ROLE = Qt.ItemDataRole.UserRole + 1
#: Background of the two sides of a difference (the same on both: the user decides which is right).
DIFFERENT = "#fff6dc"
#: Keys whose values are enumeration keys, shown by their labels ("Rendah", not "rendah").
ENUM_KEYS = frozenset({"kind", "ksdd_category", "ksdpk_form", "financing", "priority", "stage", "category",
                       "status", "review_status", "review_route"})


def shown_value(key: str, value) -> str:
    """A value of the conflict view as the user knows it: labels, Ya/Tidak, a dash for nothing."""
    from .labels import label
    if value in (None, ""):
        return "–"
    if isinstance(value, bool) or key == "compliance_confirmed":
        return tr("Ya") if value else tr("Tidak")
    if key in ENUM_KEYS:
        return label(str(value))
    return str(value)


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class ImportDialog(QDialog):
    """objectName ``import_dialog``: the preview tree, the conflict view and the decisions."""

    def __init__(self, db_path: str, previews: list, parent: QWidget | None = None):
        super().__init__(parent)
        from ..services.exchange.importer import Decision
        self.Decision = Decision
        self.db_path, self.previews = db_path, previews
        self.result_of_apply = None
        self.decisions: dict[str, object] = {}
        self.setObjectName("import_dialog")
        self.setWindowTitle(tr("Impor Berkas Data"))
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("import_preview")
        self.tree.setHeaderLabels([tr("Berkas / Formulir"), tr("Hasil pratinjau"), tr("Keterangan")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(lambda *_: self._show_conflict())
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        self.details = QLabel(splitter)
        self.details.setObjectName("import_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet("QLabel#import_details { background: white; border: 1px solid #d5dbe1; "
                                   "padding: 6px; }")
        self.details.hide()
        self.conflict_box = QGroupBox(tr("Konflik: data mana yang dipakai?"), splitter)
        box = QVBoxLayout(self.conflict_box)
        self.conflict_note = QLabel(self.conflict_box)
        self.conflict_note.setWordWrap(True)
        box.addWidget(self.conflict_note)
        self.diff = QTableWidget(0, 4, self.conflict_box)
        self.diff.setObjectName("conflict_view")
        self.diff.setHorizontalHeaderLabels([tr("Bagian"), tr("Isian"), tr("Data di laptop ini"), tr("Data dari berkas")])
        self.diff.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.diff.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.diff.verticalHeader().hide()
        self.diff.setWordWrap(True)
        self.diff.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        box.addWidget(self.diff)
        choices = QHBoxLayout()
        self.keep = QRadioButton(tr("&Pertahankan data di laptop ini"), self.conflict_box)
        self.keep.setObjectName("decision_keep_local")
        self.take = QRadioButton(tr("&Ambil data dari berkas"), self.conflict_box)
        self.take.setObjectName("decision_take_incoming")
        self.choice = QButtonGroup(self)
        for button in (self.keep, self.take):
            self.choice.addButton(button)
            choices.addWidget(button)
        choices.addStretch(1)
        box.addLayout(choices)
        self.choice.buttonToggled.connect(lambda *_: self._remember_choice())
        self.conflict_box.hide()
        layout.addWidget(splitter, 1)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("import_outcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.apply_button = self.buttons.addButton(tr("&Terapkan Impor"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("apply_import")
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill()

    # -- preview ----------------------------------------------------------------------------
    def _fill(self) -> None:
        self.tree.clear()
        refused = writes = conflicts = 0
        for file_preview in self.previews:
            top = QTreeWidgetItem([Path(file_preview.path).name, tr("Dapat diimpor") if file_preview.ok
                                   else tr("Ditolak"), file_preview.summary() if file_preview.ok else file_preview.error])
            top.setToolTip(2, top.text(2))
            if not file_preview.ok:
                refused += 1
                for column in range(3):
                    top.setForeground(column, QBrush(QColor("#b3261e")))
            for form in file_preview.forms:
                incoming = form.incoming
                state = tr("ditandatangani") if incoming.is_signed else tr("draf")
                child = QTreeWidgetItem([f"{form.agency_code} {form.year} · {tr('revisi')} {incoming.revision} ({state})",
                                         form.status_label, form.message])
                child.setForeground(1, QBrush(QColor(STATUS_COLOURS.get(form.status.value, "#202124"))))
                child.setData(0, FORM_ROLE, form)
                child.setToolTip(2, form.message)
                top.addChild(child)
                writes += form.writes
                if form.status.value == "conflict":
                    conflicts += 1
                    default = (self.Decision.TAKE_INCOMING if form.local_edited_here is False
                               and self.Decision.TAKE_INCOMING in form.choices else self.Decision.KEEP_LOCAL)
                    self.decisions.setdefault(form.form_uuid, default)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        first = self._first_to_look_at()
        if first is not None:
            self.tree.setCurrentItem(first)
        self.intro.setText(tr(
            "Pratinjau impor %1 berkas: %2 formulir akan ditambahkan atau diperbarui, %3 konflik perlu diputuskan, "
            "%4 berkas ditolak. Belum ada yang ditulis. Pilih baris konflik untuk membandingkan isinya.")
            .replace("%1", str(len(self.previews))).replace("%2", str(writes)).replace("%3", str(conflicts))
            .replace("%4", str(refused)))
        self.apply_button.setEnabled(writes > 0 or conflicts > 0)

    def _first_to_look_at(self):
        """The first conflict (it needs a decision), else the first refused file (it needs reading)."""
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        for item in items:
            for n in range(item.childCount()):
                form = item.child(n).data(0, FORM_ROLE)
                if form is not None and form.status.value == "conflict":
                    return item.child(n)
        return next((item for item in items if item.text(1) == tr("Ditolak")), None)

    def _show_details(self) -> None:
        """The whole of the selected row's explanation (a refused file's reason is often longer than its cell)."""
        item = self.tree.currentItem()
        if item is None or not item.text(2):
            self.details.hide()
            return
        refused = item.parent() is None and item.text(1) == tr("Ditolak")
        colour = "#b3261e" if refused else "#202124"
        self.details.setText(f"<span style='color:{colour}'><b>{html.escape(item.text(0))}</b> — "
                             f"{html.escape(item.text(2))}</span>")
        self.details.show()

    def _selected_form(self):
        item = self.tree.currentItem()
        return item.data(0, FORM_ROLE) if item is not None else None

    def _show_conflict(self) -> None:
        form = self._selected_form()
        if form is None or form.status.value != "conflict":
            self.conflict_box.hide()
            return
        self.conflict_box.show()
        self.conflict_note.setText(html.escape(form.message) + " " + tr(
            "Konflik tidak pernah diselesaikan otomatis; pilihan Anda dicatat di riwayat perubahan."))
        rows = form.differences()
        self.diff.setRowCount(len(rows))
        for row, difference in enumerate(rows):
            values = (difference.where, difference.label, shown_value(difference.key, difference.local),
                      shown_value(difference.key, difference.incoming))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column >= 2:  # both sides alike: neither is "wrong", they only differ
                    item.setBackground(QBrush(QColor(DIFFERENT)))
                self.diff.setItem(row, column, item)
        self.diff.resizeRowsToContents()
        self.take.setEnabled(self.Decision.TAKE_INCOMING in form.choices)
        self.take.setToolTip("" if self.take.isEnabled() else tr(
            "Formulir yang sudah ditandatangani di laptop ini tidak dapat ditimpa."))
        current = self.decisions.get(form.form_uuid, self.Decision.KEEP_LOCAL)
        (self.take if current == self.Decision.TAKE_INCOMING else self.keep).setChecked(True)

    def _remember_choice(self) -> None:
        form = self._selected_form()
        if form is not None and form.status.value == "conflict":
            self.decisions[form.form_uuid] = (self.Decision.TAKE_INCOMING if self.take.isChecked()
                                              else self.Decision.KEEP_LOCAL)

    # -- apply ------------------------------------------------------------------------------
    def apply(self) -> None:
        try:
            from ..services.exchange.importer import apply
            result = run_with_progress(self, tr("Impor"), tr("Menerapkan impor…"), database_job(
                self.db_path, partial(apply, previews=self.previews, decisions=self.decisions), read_only=False))
        except UserError as exc:
            QMessageBox.warning(self, tr("Impor belum diterapkan"), str(exc))
            return
        self.result_of_apply = result
        lines = []
        for outcome in result.files:
            name = Path(outcome.path).name
            if not outcome.ok:
                lines.append(f"✖ {name}: {outcome.error}")
                continue
            done = [o for o in outcome.forms if o.changed]
            lines.append(f"✔ {name}: " + (tr("%1 formulir ditambahkan atau diperbarui").replace("%1", str(len(done)))
                                          if done else tr("tidak ada perubahan")))
        if result.backup:
            lines.append(tr("Cadangan sebelum impor: %1 (Berkas › Batalkan Impor Terakhir)").replace("%1", str(result.backup)))
        self.outcome.setText("<br>".join(html.escape(line) for line in lines))
        self.apply_button.setEnabled(False)


def import_files(parent: QWidget, db_path: str, paths: list[str]) -> bool:
    """Preview ``paths`` (bundles and PDFs), let the user decide, apply; True when data changed."""
    from ..services.exchange.importer import ImportCancelled, preview
    if not paths:
        return False
    try:
        previews = run_with_progress(parent, tr("Impor"), tr("Memeriksa %1 berkas…").replace("%1", str(len(paths))),
                                     database_job(db_path, partial(preview, paths=paths)))
    except ImportCancelled:
        return False
    except UserError as exc:
        QMessageBox.warning(parent, tr("Impor"), str(exc))
        return False
    dialog = ImportDialog(db_path, previews, parent)
    dialog.exec()
    return bool(dialog.result_of_apply and dialog.result_of_apply.changed)
