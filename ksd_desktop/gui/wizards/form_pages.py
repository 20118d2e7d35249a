"""Pages of the form wizard: agency and year, PIC, the list of proposals, summary."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
)

from ...domain.models import Form, Proposal
from ...domain.validation import MIN_YEAR, Problem, validate_form_header, validate_proposal
from ..labels import kind_short
from .common import (
    ValidatingPage,
    WizardContext,
    combo_edit,
    combo_value,
    enum_label,
    field_label,
    home_cursors,
    problem_link,
    searchable,
    tr,
)


class AgencyPage(ValidatingPage[Form]):
    KEYS = ("agency_code", "year")

    def __init__(self, ctx: WizardContext, parent=None):
        super().__init__(parent)
        layout = self.heading(
            tr("Perangkat Daerah dan Tahun"),
            tr("Langkah 1: perangkat daerah yang memetakan kebutuhan kerja samanya."),
            tr(
                "Daerah wajib melakukan identifikasi dan pemetaan urusan pemerintahan yang akan dikerjasamakan "
                "berdasarkan potensi dan karakteristik daerah (PP 28/2018 Pasal 5 ayat 1; Permendagri 22/2020 "
                "Pasal 5 ayat 1). Setiap perangkat daerah mengisi <b>satu formulir per tahun</b>; bila formulirnya "
                "sudah ada, formulir itu yang dibuka."
            ),
        )
        form = QFormLayout()
        layout.addLayout(form)
        self.agency = searchable(QComboBox(self))
        self.agency.addItem("", None)
        for agency in ctx.agencies:
            if agency.active:
                self.agency.addItem(agency.name, agency.code)
        combo_edit(self.agency).setPlaceholderText(tr("Ketik untuk mencari, misalnya Kesehatan"))
        self.add_field(form, "agency_code", self.agency, required=True)
        self.year = QSpinBox(self)
        self.year.setRange(MIN_YEAR, dt.date.today().year + 1)
        self.year.setValue(dt.date.today().year)
        self.add_field(form, "year", self.year, required=True)
        self.existing_note = QLabel(self)
        self.existing_note.setObjectName("existing_note")
        self.existing_note.setWordWrap(True)
        layout.addWidget(self.existing_note)
        layout.addStretch(1)

    def load(self, form: Form) -> None:
        self._loading = True
        index = self.agency.findData(form.agency_code or None)
        self.agency.setCurrentIndex(index if index >= 0 else 0)
        if form.year:
            self.year.setValue(form.year)
        self._loading = False

    def chosen_code(self) -> str:
        """The agency chosen now ('' for none)."""
        return combo_value(self.agency) or ""

    def store(self, form: Form) -> None:
        form.agency_code = self.chosen_code()
        form.year = self.year.value()

    def lock(self, locked: bool) -> None:
        self.agency.setEnabled(not locked)
        self.year.setEnabled(not locked)

    def set_note(self, text: str, *, warning: bool = False) -> None:
        self.existing_note.setStyleSheet("color: #b3261e;" if warning else "color: #1f3b5a;")
        self.existing_note.setText(text)


class PicPage(ValidatingPage[Form]):
    KEYS = ("pic_name", "pic_position", "pic_phone", "pic_email")

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = self.heading(
            tr("Narahubung Formulir"),
            tr("Langkah 2: siapa yang mengisi dan dapat dihubungi oleh Sekretariat TKKSD."),
            tr(
                "Narahubung (PIC) sebaiknya berasal dari bidang yang menangani urusan yang diusulkan dan memahami "
                "kebutuhan perangkat daerah. Sekretariat TKKSD (Bagian Pemerintahan Setda) akan menghubungi "
                "narahubung bila usulan perlu dilengkapi."
            ),
        )
        form = QFormLayout()
        layout.addLayout(form)
        self.name = self.add_field(form, "pic_name", QLineEdit(self), required=True)
        self.position = self.add_field(form, "pic_position", QLineEdit(self), required=True)
        self.position.setPlaceholderText(tr("Contoh: Kepala Subbagian Perencanaan dan Keuangan"))
        self.phone = self.add_field(form, "pic_phone", QLineEdit(self), hint=tr("Contoh: 0812-5123-4567"))
        self.email = self.add_field(form, "pic_email", QLineEdit(self), hint=tr("Contoh: dinkes@banjarkab.go.id"))
        layout.addStretch(1)

    def load(self, form: Form) -> None:
        self._loading = True
        self.name.setText(form.pic_name or "")
        self.position.setText(form.pic_position or "")
        self.phone.setText(form.pic_phone or "")
        self.email.setText(form.pic_email or "")
        home_cursors(self.name, self.position, self.phone, self.email)
        self._loading = False

    def store(self, form: Form) -> None:
        form.pic_name = self.name.text().strip()
        form.pic_position = self.position.text().strip()
        form.pic_phone = self.phone.text().strip() or None
        form.pic_email = self.email.text().strip() or None


def short(text: str | None, limit: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ProposalsPage(ValidatingPage[Form]):
    """The agency's needs: add, edit, duplicate, delete and reorder proposals."""

    KEYS = ("proposals",)
    COLUMNS = ("No", "Status", "Urusan", "Permasalahan / Kebutuhan", "Jenis", "Calon Mitra")
    add_requested = Signal()
    edit_requested = Signal(int)
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    move_requested = Signal(int, int)

    def __init__(self, ctx: WizardContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = self.heading(
            tr("Daftar Kebutuhan Kerja Sama"),
            tr("Langkah 3: satu usulan untuk setiap kebutuhan yang akan dikerjasamakan."),
            tr(
                "Tambahkan setiap kebutuhan sebagai satu usulan. Status ✔ berarti usulan lengkap, ⚠ berarti ada "
                "catatan yang perlu diselesaikan sebelum ditandatangani (arahkan penunjuk ke baris untuk melihatnya). "
                "Enter membuka usulan terpilih, Delete menghapusnya, Alt+Atas/Bawah mengubah urutan."
            ),
        )
        grid = QGridLayout()
        self.table = QTreeWidget(self)
        self.table.setObjectName("proposals")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([tr(c) for c in self.COLUMNS])
        header = self.table.header()
        header.setStretchLastSection(False)
        fixed, interactive = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Interactive
        for column, mode in enumerate((fixed, fixed, interactive, QHeaderView.ResizeMode.Stretch, fixed, interactive)):
            header.setSectionResizeMode(column, mode)
        metrics = self.table.fontMetrics()
        header.resizeSection(2, metrics.horizontalAdvance("Pemberdayaan Masyarakat dan D"))  # long urusan: a tooltip
        header.resizeSection(5, metrics.horizontalAdvance("Universitas Lambung Mangkurat") + 12)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemActivated.connect(lambda *_: self._emit_row(self.edit_requested))
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        grid.addWidget(self.table, 0, 0, 7, 1)
        self.buttons: dict[str, QPushButton] = {}
        for row, (name, text, slot) in enumerate(
            (
                ("add_proposal", tr("&Tambah Usulan…"), self.add_requested.emit),
                ("edit_proposal", tr("&Ubah…"), lambda: self._emit_row(self.edit_requested)),
                ("duplicate_proposal", tr("&Duplikat"), lambda: self._emit_row(self.duplicate_requested)),
                ("delete_proposal", tr("&Hapus…"), lambda: self._emit_row(self.delete_requested)),
                ("move_up", tr("N&aik"), lambda: self._move(-1)),
                ("move_down", tr("T&urun"), lambda: self._move(1)),
            )
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            grid.addWidget(button, row, 1)
            self.buttons[name] = button
        grid.setRowStretch(6, 1)
        layout.addLayout(grid, 1)
        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Delete), lambda: self._emit_row(self.delete_requested)),
            (QKeySequence("Alt+Up"), lambda: self._move(-1)),
            (QKeySequence("Alt+Down"), lambda: self._move(1)),
        ):
            QShortcut(keys, self.table, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self._update_buttons()

    def count(self) -> int:
        return self.table.topLevelItemCount()

    def current_row(self) -> int:
        item = self.table.currentItem()
        return self.table.indexOfTopLevelItem(item) if item is not None else -1

    def select_row(self, row: int) -> None:
        item = self.table.topLevelItem(row) if 0 <= row < self.count() else None
        if item is not None:
            self.table.setCurrentItem(item)

    def _emit_row(self, signal) -> None:
        row = self.current_row()
        if row >= 0:
            signal.emit(row)

    def _move(self, step: int) -> None:
        row = self.current_row()
        if row >= 0 and 0 <= row + step < self.count():
            self.move_requested.emit(row, row + step)

    def _update_buttons(self) -> None:
        row, count = self.current_row(), self.count()
        for name in ("edit_proposal", "duplicate_proposal", "delete_proposal"):
            self.buttons[name].setEnabled(row >= 0)
        self.buttons["move_up"].setEnabled(row > 0)
        self.buttons["move_down"].setEnabled(0 <= row < count - 1)

    def show_proposals(self, proposals: list[Proposal], select: int | None = None) -> None:
        current = self.current_row() if select is None else select
        self.table.clear()
        for p in proposals:
            problems = validate_proposal(p, self.ctx.rules, for_signing=True)
            errors = [x for x in problems if x.is_error and x.key != "compliance_confirmed"]
            status = ("✖ " + str(len(problems))) if errors else (("⚠ " + str(len(problems))) if problems else "✔")
            partners = "; ".join(pa.name for pa in p.partners)
            item = QTreeWidgetItem(
                [
                    str(p.seq),
                    status,
                    self.ctx.urusan_name(p.urusan_code),
                    short(p.problem),
                    kind_short(p.kind) or "–",
                    short(partners, 60),
                ]
            )
            note = tr("%1 catatan:").replace("%1", str(len(problems))) if problems else tr("Usulan lengkap.")
            tip = note + "".join(f"\n• {x.message}" for x in problems)
            for column in range(len(self.COLUMNS)):
                item.setToolTip(column, tip)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(2, self.ctx.urusan_name(p.urusan_code))
            item.setToolTip(4, enum_label(p.kind))
            item.setToolTip(5, partners)
            self.table.addTopLevelItem(item)
        if proposals:
            self.select_row(min(max(current, 0), len(proposals) - 1))
        self.count_label.setText(tr("%1 usulan").replace("%1", str(len(proposals))))
        self._update_buttons()

    def load(self, form: Form) -> None:
        self.show_proposals(form.proposals)

    def store(self, form: Form) -> None:
        pass  # the wizard owns the list; this page only shows it

    def focus_key(self, key: str) -> None:
        self.table.setFocus()


class SummaryPage(ValidatingPage[Form]):
    """Every problem across the whole form, each a link that jumps to its field."""

    link_activated = Signal(str)

    def __init__(self, ctx: WizardContext, current, parent=None):
        super().__init__(parent)
        self.ctx, self._current = ctx, current
        layout = self.heading(
            tr("Ringkasan Formulir"), tr("Langkah terakhir: periksa semua catatan, lalu simpan sebagai draf.")
        )
        self.view = QTextBrowser(self)
        self.view.setObjectName("form_summary")
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(lambda url: self.link_activated.emit(url.toString()))
        layout.addWidget(self.view)

    def initializePage(self) -> None:
        self.refresh()

    def problems(self) -> list[Problem]:
        form = self._current()
        problems = validate_form_header(form, self.ctx.rules)
        for p in form.proposals:
            problems += validate_proposal(p, self.ctx.rules, for_signing=True)
        if not form.proposals:
            problems.append(
                Problem(
                    "proposals",
                    tr(
                        "Formulir belum berisi usulan; tambahkan sekurang-kurangnya satu usulan sebelum ditandatangani."
                    ),
                )
            )
        return problems

    def refresh(self) -> None:
        form = self._current()
        problems = self.problems()
        agency = self.ctx.agency(form.agency_code)
        head = (
            f"<h3>{html.escape(agency.name if agency else form.agency_code)} — "
            f"{tr('Tahun')} {form.year}</h3><p>{tr('Narahubung')}: {html.escape(form.pic_name)}, "
            f"{html.escape(form.pic_position)} · {tr('%1 usulan').replace('%1', str(len(form.proposals)))}</p>"
        )
        if not problems:
            body = f"<p style='color:#1e8e3e'><b>{tr('Tidak ada catatan. Formulir siap ditandatangani.')}</b></p>"
        else:
            items = []
            for pr in problems:
                target = problem_link(pr)
                colour = "#b3261e" if pr.is_error else "#8a5a00"
                items.append(
                    f"<li><a href='{target}'>{html.escape(pr.location)} · {html.escape(field_label(pr.key))}"
                    f"</a><br><span style='color:{colour}'>{html.escape(pr.message)}</span></li>"
                )
            body = (
                f"<p>{tr('Catatan yang perlu diselesaikan sebelum formulir ditandatangani')} "
                f"({len(problems)}). {tr('Klik catatan untuk menuju isiannya.')}</p><ol>{''.join(items)}</ol>"
            )
        rows = "".join(
            f"<tr><td align='right'>{p.seq}</td><td>{html.escape(self.ctx.urusan_name(p.urusan_code))}</td>"
            f"<td>{html.escape(kind_short(p.kind) or '–')}</td><td>{html.escape(short('; '.join(pa.name for pa in p.partners), 60))}"
            f"</td><td>{html.escape(enum_label(p.priority))}</td></tr>"
            for p in form.proposals
        )
        table = ""
        if rows:
            heads = "".join(
                f"<th align='left' style='padding-right:10px'>{tr(h)}</th>"
                for h in ("No", "Urusan", "Jenis", "Calon Mitra", "Prioritas")
            )
            table = (
                f"<h4>{tr('Daftar usulan')}</h4><table cellspacing='0' cellpadding='3' "
                f"style='border-collapse:collapse'><tr style='background:#eef4fb'>{heads}</tr>{rows}</table>"
            )
        self.view.setHtml(
            head
            + body
            + table
            + "<p style='color:#5f6368'>"
            + tr(
                "Menyimpan sebagai draf tidak memerlukan semua catatan selesai. Penandatanganan oleh kepala "
                "perangkat daerah memerlukan formulir tanpa catatan merah."
            )
            + "</p>"
        )

    def load(self, form: Form) -> None:
        pass

    def store(self, form: Form) -> None:
        pass
