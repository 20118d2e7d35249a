"""Import several files at once: a preview first, every conflict decided by the user, then apply.

Each file shows where it comes from: its sender's *kode perangkat* against the one recorded
for that agency (new: record it on first use; changed: shown loudly and imported only if the
user replaces the recorded one), or *tidak terautentikasi* (an old bundle, a PDF). Nothing is
written before "Terapkan Impor"; each file is applied in its own transaction, after a backup
that "Batalkan Impor Terakhir" restores.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from .worker import database_job, run_with_progress

if TYPE_CHECKING:
    from ..services.exchange.importer import Decision

STATUS_COLOURS = {
    "new": "#1e8e3e",
    "newer_revision": "#1e8e3e",
    "unchanged": "#5f6368",
    "older_or_same": "#5f6368",
    "conflict": "#b3261e",
    "draft_over_signed_refused": "#8a5a00",
}
FORM_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_ROLE = Qt.ItemDataRole.UserRole + 2
#: The sender line's colour per key state: recorded (green), new (amber), changed (red), unauthenticated (grey).
KEY_COLOURS = {
    "own": "#1e8e3e",
    "known": "#1e8e3e",
    "new": "#8a5a00",
    "changed": "#b3261e",
    "unsigned": "#5f6368",
    "pdf": "#5f6368",
    "pdf_trusted": "#1e8e3e",
}
#: Background of the two sides of a difference (the same on both: the user decides which is right).
DIFFERENT = "#fff6dc"
#: Keys whose values are enumeration keys, shown by their labels ("Rendah", not "rendah").
ENUM_KEYS = frozenset(
    {
        "kind",
        "ksdd_category",
        "ksdpk_form",
        "financing",
        "priority",
        "stage",
        "category",
        "status",
        "review_status",
        "review_route",
    }
)


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


def _children(items: list[QTreeWidgetItem | None]) -> list[QTreeWidgetItem]:
    """Items of a tree read by index (Qt's types allow None for an index out of range; ours never are)."""
    return [item for item in items if item is not None]


class SenderPanel(QGroupBox):
    """objectName ``sender_panel``: the sender's kode perangkat and, for a new or changed one, the decision."""

    def __init__(self, parent: QWidget):
        super().__init__(tr("Pengirim berkas"), parent)
        self.setObjectName("sender_panel")
        from ..services.exchange.importer import KeyDecision

        self.KeyDecision = KeyDecision
        self.file_preview = None
        layout = QVBoxLayout(self)
        self.code = QLabel(self)
        self.code.setObjectName("sender_code")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.8 if font.pointSizeF() > 0 else 18)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.code)
        self.note = QLabel(self)
        self.note.setObjectName("sender_note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.record = QRadioButton(self)
        self.record.setObjectName("key_record")
        self.skip = QRadioButton(tr("&Jangan impor berkas ini"), self)
        self.skip.setObjectName("key_skip")
        self.choice = QButtonGroup(self)
        for button in (self.record, self.skip):
            self.choice.addButton(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.choice.buttonClicked.connect(lambda *_: self._remember())
        self.changed_callback: Callable[[], None] | None = None

    def show_file(self, file_preview) -> None:
        self.file_preview = file_preview
        sender = file_preview.sender
        state = sender.state.value
        self.code.setText(sender.device_code or tr("tanpa kode perangkat"))
        self.code.setStyleSheet(f"color: {KEY_COLOURS.get(state, '#202124')};")
        note = html.escape(sender.describe())
        if state == "changed":
            self.note.setStyleSheet(
                "QLabel#sender_note { background: #fdecea; border: 2px solid #b3261e; padding: 6px; color: #5c0f0a; }"
            )
            note = f"<b>{note}</b>"
        elif state == "new":
            self.note.setStyleSheet("QLabel#sender_note { background: #fef7e0; padding: 6px; }")
        else:
            self.note.setStyleSheet("")
        self.note.setText(note)
        decides = sender.needs_decision
        self.record.setVisible(decides)
        self.skip.setVisible(decides)
        if not decides:
            return
        holders = ", ".join(
            "Sekretariat TKKSD" if h == "TKKSD" else h
            for h in (sender.new_holders if state == "new" else sender.changed)
        )
        self.record.setText(
            tr("&Catat kode perangkat %1 untuk %2, lalu impor berkas ini")
            if state == "new"
            else tr("&Ganti kode perangkat yang tercatat untuk %2 dengan %1 (laptop baru), lalu impor")
        )
        self.record.setText(self.record.text().replace("%1", sender.device_code).replace("%2", holders))
        self.choice.setExclusive(False)  # a changed key starts with neither choice ticked
        self.record.setChecked(sender.decision == self.KeyDecision.RECORD)
        self.skip.setChecked(sender.decision == self.KeyDecision.SKIP)
        self.choice.setExclusive(True)

    def _remember(self) -> None:
        if self.file_preview is None:
            return
        self.file_preview.sender.decision = (
            self.KeyDecision.RECORD
            if self.record.isChecked()
            else self.KeyDecision.SKIP
            if self.skip.isChecked()
            else None
        )
        if self.changed_callback:
            self.changed_callback()


class ImportDialog(QDialog):
    """objectName ``import_dialog``: the preview tree, the conflict view and the decisions."""

    def __init__(self, db_path: str, previews: list, parent: QWidget | None = None):
        super().__init__(parent)
        from ..services.exchange.importer import Decision

        self.Decision = Decision
        self.db_path, self.previews = db_path, previews
        self.result_of_apply = None
        self.decisions: dict[str, Decision] = {}
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
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.conflict_box = QGroupBox(tr("Konflik: data mana yang dipakai?"), splitter)
        box = QVBoxLayout(self.conflict_box)
        self.conflict_note = QLabel(self.conflict_box)
        self.conflict_note.setWordWrap(True)
        box.addWidget(self.conflict_note)
        self.diff = QTableWidget(0, 4, self.conflict_box)
        self.diff.setObjectName("conflict_view")
        self.diff.setHorizontalHeaderLabels(
            [tr("Bagian"), tr("Isian"), tr("Data di laptop ini"), tr("Data dari berkas")]
        )
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
        self.sender_panel = SenderPanel(splitter)
        self.sender_panel.changed_callback = self._update_intro
        self.sender_panel.hide()
        self.details = QLabel(splitter)
        self.details.setObjectName("import_details")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet(
            "QLabel#import_details { background: white; border: 1px solid #d5dbe1; padding: 6px; }"
        )
        self.details.hide()
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
        first_decision = None
        for file_preview in self.previews:
            top = QTreeWidgetItem(
                [
                    Path(file_preview.path).name,
                    self._file_state(file_preview),
                    file_preview.summary() if file_preview.ok else file_preview.error,
                ]
            )
            top.setToolTip(2, top.text(2))
            top.setData(0, FILE_ROLE, file_preview)
            if not file_preview.ok:
                for column in range(3):
                    top.setForeground(column, QBrush(QColor("#b3261e")))
            sender = file_preview.sender if file_preview.ok else None
            if sender is not None:
                line = QTreeWidgetItem(
                    [
                        tr("Pengirim: %1").replace("%1", sender.device_code or tr("tanpa kode")),
                        self._key_state(sender),
                        sender.describe(),
                    ]
                )
                line.setData(0, FILE_ROLE, file_preview)
                line.setToolTip(2, sender.describe())
                colour = QBrush(QColor(KEY_COLOURS.get(sender.state.value, "#202124")))
                for column in range(3):
                    line.setForeground(column, colour)
                if sender.state.value == "changed":
                    bold = line.font(1)
                    bold.setBold(True)
                    for column in range(3):
                        line.setFont(column, bold)
                top.addChild(line)
                if sender.needs_decision and first_decision is None:
                    first_decision = line
            for form in file_preview.forms:
                incoming = form.incoming
                state = tr("ditandatangani") if incoming.is_signed else tr("draf")
                message = " ".join(part for part in (form.message, form.review_message()) if part)
                child = QTreeWidgetItem(
                    [
                        f"{form.agency_code} {form.year} · {tr('revisi')} {incoming.revision} ({state})",
                        form.status_label,
                        message,
                    ]
                )
                child.setData(0, FORM_ROLE, form)
                child.setToolTip(2, message)
                top.addChild(child)
                if form.status.value == "conflict":
                    default = (
                        self.Decision.TAKE_INCOMING
                        if form.local_edited_here is False
                        and form.authenticated
                        and self.Decision.TAKE_INCOMING in form.choices
                        else self.Decision.KEEP_LOCAL
                    )
                    self.decisions.setdefault(form.form_uuid, default)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self._update_intro()
        first = first_decision or self._first_to_look_at()
        if first is not None:
            self.tree.setCurrentItem(first)

    def _first_to_look_at(self) -> QTreeWidgetItem | None:
        """The first conflict (it needs a decision), else the first refused file (it needs reading)."""
        items = _children([self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())])
        for item in items:
            for child in _children([item.child(n) for n in range(item.childCount())]):
                form = child.data(0, FORM_ROLE)
                if form is not None and form.status.value == "conflict":
                    return child
        return next((item for item in items if item.text(1) == tr("Ditolak")), None)

    @staticmethod
    def _file_state(file_preview) -> str:
        if not file_preview.ok:
            return tr("Ditolak")
        if file_preview.imports:
            return tr("Dapat diimpor")
        if file_preview.sender.decision is not None:
            return tr("Tidak diimpor")
        return tr("Perlu keputusan")

    @staticmethod
    def _key_state(sender) -> str:
        return {
            "own": tr("berkas sendiri"),
            "known": tr("tercatat"),
            "new": tr("baru: catat?"),
            "changed": tr("BERBEDA dari yang tercatat"),
            "unsigned": tr("tidak terautentikasi"),
            "pdf": tr("tidak terautentikasi"),
            "pdf_trusted": tr("tanda tangan elektronik tepercaya"),
        }[sender.state.value]

    def _update_intro(self) -> None:
        refused = writes = conflicts = new_keys = open_keys = 0
        for index, file_preview in enumerate(self.previews):
            item = self.tree.topLevelItem(index)
            if item is not None:
                item.setText(1, self._file_state(file_preview))
                item.setText(2, file_preview.summary() if file_preview.ok else file_preview.error)
            if not file_preview.ok:
                refused += 1
                continue
            sender = file_preview.sender
            if sender is not None and sender.needs_decision:
                new_keys += file_preview.records_key
                open_keys += sender.decision is None
            grey = QBrush(QColor("#9aa0a6"))
            for child in _children([item.child(row) for row in range(item.childCount())] if item is not None else []):
                form = child.data(0, FORM_ROLE)
                if form is not None:
                    for column in (0, 2):
                        child.setForeground(column, grey if not file_preview.imports else QBrush(QColor("#202124")))
                    child.setForeground(
                        1,
                        grey
                        if not file_preview.imports
                        else QBrush(QColor(STATUS_COLOURS.get(form.status.value, "#202124"))),
                    )
            if not file_preview.imports:
                continue
            writes += sum(1 for form in file_preview.forms if form.writes)
            conflicts += len(file_preview.conflicts)
        text = (
            tr(
                "Pratinjau impor %1 berkas: %2 formulir akan ditambahkan atau diperbarui, %3 konflik perlu "
                "diputuskan, %4 berkas ditolak. Belum ada yang ditulis. Pilih baris konflik untuk membandingkan "
                "isinya."
            )
            .replace("%1", str(len(self.previews)))
            .replace("%2", str(writes))
            .replace("%3", str(conflicts))
            .replace("%4", str(refused))
        )
        if new_keys:
            text += " " + tr("%1 kode perangkat akan dicatat.").replace("%1", str(new_keys))
        if open_keys:
            text += (
                " <b>"
                + tr("%1 berkas dengan kode perangkat yang perlu Anda putuskan.").replace("%1", str(open_keys))
                + "</b>"
            )
        self.intro.setText(text)
        self.apply_button.setEnabled(writes > 0 or conflicts > 0 or new_keys > 0)

    def _selected_form(self):
        item = self.tree.currentItem()
        return item.data(0, FORM_ROLE) if item is not None else None

    def _show_selected(self) -> None:
        item = self.tree.currentItem()
        file_preview = item.data(0, FILE_ROLE) if item is not None else None
        if file_preview is not None and file_preview.ok and file_preview.sender is not None:
            self.conflict_box.hide()
            self.details.hide()
            self.sender_panel.show_file(file_preview)
            self.sender_panel.show()
            return
        self.sender_panel.hide()
        self._show_conflict()
        self._show_details()

    def _show_details(self) -> None:
        """The whole of the selected row's explanation (the tree cuts long text): what importing does with
        a form, with its assessments and its source; why a file was refused."""
        item = self.tree.currentItem()
        form = self._selected_form()
        if item is None or not item.text(2) or (form is not None and form.status.value == "conflict"):
            self.details.hide()
            return
        if form is not None:
            incoming = form.incoming
            title = f"{form.agency_code} {form.year} · {tr('revisi')} {incoming.revision}: {form.status_label}"
            parts = [f"<b>{html.escape(title)}</b>"] + [
                html.escape(text) for text in (form.message, form.review_message()) if text
            ]
            if not form.authenticated:
                parts.append(html.escape(tr("Sumber tidak terautentikasi untuk perangkat daerah ini.")))
            self.details.setText("<br>".join(parts))
        else:
            refused = item.parent() is None and item.text(1) == tr("Ditolak")
            colour = "#b3261e" if refused else "#202124"
            self.details.setText(
                f"<span style='color:{colour}'><b>{html.escape(item.text(0))}</b> — {html.escape(item.text(2))}</span>"
            )
        self.details.show()

    def _show_conflict(self) -> None:
        form = self._selected_form()
        if form is None or form.status.value != "conflict":
            self.conflict_box.hide()
            return
        self.conflict_box.show()
        unauthenticated = form.conflict_kind is not None and form.conflict_kind.value == "unauthenticated"
        self.conflict_note.setText(
            html.escape(form.message)
            + " "
            + (
                tr(
                    "Ambil data dari berkas hanya bila Anda sudah memastikan keasliannya, misalnya dengan menelepon "
                    "perangkat daerah dan mencocokkan isinya."
                )
                if unauthenticated
                else ""
            )
            + " "
            + tr("Konflik tidak pernah diselesaikan otomatis; pilihan Anda dicatat di riwayat perubahan.")
        )
        rows = form.differences()
        self.diff.setRowCount(len(rows))
        for row, difference in enumerate(rows):
            values = (
                difference.where,
                difference.label,
                shown_value(difference.key, difference.local),
                shown_value(difference.key, difference.incoming),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column >= 2:  # both sides alike: neither is "wrong", they only differ
                    item.setBackground(QBrush(QColor(DIFFERENT)))
                self.diff.setItem(row, column, item)
        self.diff.resizeRowsToContents()
        self.take.setEnabled(self.Decision.TAKE_INCOMING in form.choices)
        self.take.setToolTip(
            "" if self.take.isEnabled() else tr("Formulir yang sudah ditandatangani di laptop ini tidak dapat ditimpa.")
        )
        current = self.decisions.get(form.form_uuid, self.Decision.KEEP_LOCAL)
        (self.take if current == self.Decision.TAKE_INCOMING else self.keep).setChecked(True)

    def _remember_choice(self) -> None:
        form = self._selected_form()
        if form is not None and form.status.value == "conflict":
            self.decisions[form.form_uuid] = (
                self.Decision.TAKE_INCOMING if self.take.isChecked() else self.Decision.KEEP_LOCAL
            )

    # -- apply ------------------------------------------------------------------------------
    def apply(self) -> None:
        try:
            from ..services.exchange.importer import apply

            result = run_with_progress(
                self,
                tr("Impor"),
                tr("Menerapkan impor…"),
                database_job(
                    self.db_path, partial(apply, previews=self.previews, decisions=self.decisions), read_only=False
                ),
            )
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
            if outcome.skipped:
                lines.append(f"– {outcome.skipped}")
                continue
            done = [o for o in outcome.forms if o.action in ("added", "replaced")]
            parts = [tr("%1 formulir ditambahkan atau diperbarui").replace("%1", str(len(done)))] if done else []
            reviews = sum(o.reviews_taken for o in outcome.forms)
            if reviews:
                parts.append(tr("penilaian TKKSD diambil untuk %1 usulan").replace("%1", str(reviews)))
            if outcome.keys_recorded:
                parts.append(tr("kode perangkat dicatat untuk %1").replace("%1", ", ".join(outcome.keys_recorded)))
            if not parts and outcome.changed:
                parts.append(tr("rekaman tanda tangan ditambahkan"))
            lines.append(f"✔ {name}: " + ("; ".join(parts) if parts else tr("tidak ada perubahan")))
        if result.backup:
            lines.append(
                tr("Cadangan sebelum impor: %1 (Berkas › Batalkan Impor Terakhir)").replace("%1", str(result.backup))
            )
        self.outcome.setText("<br>".join(html.escape(line) for line in lines))
        self.apply_button.setEnabled(False)


def import_files(parent: QWidget, db_path: str, paths: list[str]) -> bool:
    """Preview ``paths`` (bundles and PDFs), let the user decide, apply; True when data changed."""
    from ..services.exchange.importer import ImportCancelled, preview

    if not paths:
        return False
    try:
        previews = run_with_progress(
            parent,
            tr("Impor"),
            tr("Memeriksa %1 berkas…").replace("%1", str(len(paths))),
            database_job(db_path, partial(preview, paths=paths)),
        )
    except ImportCancelled:
        return False
    except UserError as exc:
        QMessageBox.warning(parent, tr("Impor"), str(exc))
        return False
    dialog = ImportDialog(db_path, previews, parent)
    dialog.exec()
    return bool(dialog.result_of_apply and dialog.result_of_apply.changed)
