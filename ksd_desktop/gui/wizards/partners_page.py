"""Partners page of the proposal wizard: one or more calon mitra, categories following the kind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ...domain.law import kind_citation
from ...domain.models import ALLOWED_CATEGORIES, Kind, Partner, PartnerCategory, Proposal, new_uuid
from ...domain.validation import Problem
from .common import (
    HelpBox,
    ValidatingPage,
    WizardContext,
    combo_edit,
    combo_value,
    enum_label,
    home_cursors,
    searchable,
    tr,
)


class PartnersPage(ValidatingPage[Proposal]):
    KEYS = ("partners", "name", "category", "region_code", "contact")

    def __init__(self, ctx: WizardContext, kind_of, parent=None):
        super().__init__(parent)
        self.ctx, self._kind_of = ctx, kind_of
        self.partners: list[Partner] = []
        self._problems: list[Problem] = []
        layout = self.heading(
            tr("Calon Mitra"), tr("Langkah 3 dari 5: siapa calon mitranya. Satu usulan boleh memiliki beberapa mitra.")
        )
        self.help = HelpBox("", self)
        layout.addWidget(self.help)
        row = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setObjectName("partners")
        self.list.setMaximumHeight(120)
        self.list.setWordWrap(True)  # a long name wraps instead of a sideways scroll bar
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_selected)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(tr("&Tambah Mitra"), self)
        self.add_button.setObjectName("add_partner")
        self.add_button.clicked.connect(self.add_partner)
        self.remove_button = QPushButton(tr("Hapus &Mitra"), self)
        self.remove_button.setObjectName("remove_partner")
        self.remove_button.clicked.connect(self.remove_partner)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)
        self.partners_message = self.add_message(layout, "partners")
        self.messages["partners"] = self.partners_message
        self.fields["partners"] = self.list

        self.editor = QGroupBox(tr("Data mitra terpilih"), self)
        form = QFormLayout(self.editor)
        self.name = self.add_field(form, "name", QLineEdit(self.editor), required=True)
        self.category = self.add_field(form, "category", QComboBox(self.editor), required=True)
        self.region = self.add_field(
            form,
            "region_code",
            searchable(QComboBox(self.editor)),
            label=tr("Daerah mitra"),
            required=True,
            hint=tr("Daerah yang berbatasan ditandai «berbatasan»."),
        )
        self._region_form = form
        self.contact = self.add_field(form, "contact", QLineEdit(self.editor))
        self.contact.setPlaceholderText(tr("Unit kerja, alamat surel, atau nomor telepon"))
        layout.addWidget(self.editor)
        layout.addStretch(1)
        self._fill_regions()
        for widget in (self.name, self.category, self.region, self.contact):
            signal = widget.textChanged if isinstance(widget, QLineEdit) else widget.currentIndexChanged
            signal.connect(self._edited_partner)
        combo_edit(self.region).textEdited.connect(lambda *_: self._edited_partner())
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete), self.list, self.remove_partner, context=Qt.ShortcutContext.WidgetShortcut
        )

    # -- reference lists -------------------------------------------------------------------
    def _fill_regions(self) -> None:
        rules = self.ctx.rules
        home, neighbours = rules.home_region_code, rules.neighbour_codes
        regions = [r for r in self.ctx.regions if r.code != home]
        ordered = (
            [r for r in regions if r.code in neighbours]
            + [r for r in regions if r.code == rules.home_province_code]
            + [r for r in regions if r.code not in neighbours and r.code != rules.home_province_code]
        )
        self.region.addItem("", None)
        for r in ordered:
            mark = tr(" — berbatasan") if r.code in neighbours else ""
            mark = tr(" — provinsi sendiri") if r.code == rules.home_province_code else mark
            self.region.addItem(f"{r.name} ({r.code}){mark}", r.code)

    def _fill_categories(self) -> None:
        kind = self._kind_of()
        allowed = ALLOWED_CATEGORIES.get(Kind(kind), frozenset()) if kind in Kind.__members__ else frozenset()
        keys = [c.value for c in PartnerCategory if c in allowed] or [c.value for c in PartnerCategory]
        self._loading = True
        self.category.clear()
        if len(keys) > 1:
            self.category.addItem(tr("— pilih kategori —"), None)
        for key in keys:
            self.category.addItem(enum_label(key), key)
        self._loading = False
        self.help.setText(
            tr(
                "Kategori mitra yang dapat dipilih mengikuti jenis kerja sama <b>%1</b>: %2 "
                "(%3). Mitra pemerintah daerah dipilih dari daftar seluruh provinsi dan "
                "kabupaten/kota (kode Kemendagri); daerah sendiri tidak dapat menjadi mitra."
            )
            .replace("%3", kind_citation(kind) if kind else "UU 23/2014 Pasal 363 ayat (2)")
            .replace("%1", enum_label(kind) or "–")
            .replace("%2", ", ".join(enum_label(k) for k in keys))
        )

    # -- partner list --------------------------------------------------------------------------
    def initializePage(self) -> None:
        self._fill_categories()
        allowed = {self.category.itemData(i) for i in range(self.category.count())}
        for partner in self.partners:  # the kind may have changed since the last visit
            if partner.category and partner.category not in allowed:
                partner.category = ""
                partner.region_code = None
        if not self.partners:
            self.add_partner(focus=False)
        self._refresh_list(self.list.currentRow() if self.list.currentRow() >= 0 else 0)

    def add_partner(self, *, focus: bool = True) -> None:
        self._store_selected()
        partner = Partner(uuid=new_uuid(), seq=len(self.partners) + 1)
        if self.category.count() == 1:
            partner.category = self.category.itemData(0)
        self.partners.append(partner)
        self._refresh_list(len(self.partners) - 1)
        if focus:
            self.name.setFocus()
        self.completeChanged.emit()
        self.edited.emit()

    def remove_partner(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self.partners[row]
        for i, partner in enumerate(self.partners, start=1):
            partner.seq = i
        self._refresh_list(min(row, len(self.partners) - 1))
        self.completeChanged.emit()
        self.edited.emit()

    def _refresh_list(self, select: int) -> None:
        self._loading = True
        self.list.clear()
        bad = {p.partner_uuid for p in self._problems if p.is_error and p.partner_uuid}
        for partner in self.partners:
            text = f"{partner.seq}. {partner.name or tr('(belum diberi nama)')}"
            if partner.category:
                text += f" — {enum_label(partner.category)}"
            item = QListWidgetItem(("✖ " if partner.uuid in bad else "") + text)
            self.list.addItem(item)
        self._loading = False
        self.editor.setEnabled(bool(self.partners))
        if self.partners:
            self.list.setCurrentRow(max(0, select))
            self._show_selected(self.list.currentRow())

    def _show_selected(self, row: int) -> None:
        if self._loading or not 0 <= row < len(self.partners):
            return
        partner = self.partners[row]
        self._loading = True
        self.name.setText(partner.name)
        index = self.category.findData(partner.category or None)
        self.category.setCurrentIndex(index if index >= 0 else 0)
        index = self.region.findData(partner.region_code)
        self.region.setCurrentIndex(index if index >= 0 else 0)
        self.contact.setText(partner.contact or "")
        home_cursors(self.name, self.contact)
        self._loading = False
        self._update_region_row()
        self._show_partner_problems(partner)

    def _edited_partner(self, *_) -> None:
        if self._loading:
            return
        self._store_selected()
        self._update_region_row()
        row = self.list.currentRow()
        if 0 <= row < len(self.partners):
            partner = self.partners[row]
            item = self.list.item(row)
            item.setText(
                f"{partner.seq}. {partner.name or tr('(belum diberi nama)')}"
                + (f" — {enum_label(partner.category)}" if partner.category else "")
            )

    def _store_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.partners):
            return
        partner = self.partners[row]
        partner.name = self.name.text().strip()
        partner.category = self.category.currentData() or ""
        partner.region_code = combo_value(self.region) if partner.category == PartnerCategory.PEMDA else None
        partner.contact = self.contact.text().strip() or None

    def _update_region_row(self) -> None:
        row = self.region.parentWidget()
        assert row is not None, "the combo sits in its row's widget"
        self._region_form.setRowVisible(row, self.category.currentData() == PartnerCategory.PEMDA)

    # -- the page contract ---------------------------------------------------------------------
    def load(self, p: Proposal) -> None:
        self.partners = [Partner(**vars(pa)) for pa in p.partners]
        if self.isVisible():
            self._refresh_list(0)

    def store(self, p: Proposal) -> None:
        self._store_selected()
        p.partners = [Partner(**vars(pa)) for pa in self.partners]
        for partner in p.partners:
            partner.proposal_uuid = p.uuid

    def show_problems(self, problems: list[Problem]) -> bool:
        self._problems = [p for p in problems if p.key in self.KEYS]
        errors = [p for p in self._problems if p.is_error]
        self.partners_message.show_problem(next((p for p in self._problems if p.key == "partners"), None))
        first_bad = next(
            (i for i, pa in enumerate(self.partners) if any(p.partner_uuid == pa.uuid for p in errors)), None
        )
        self._refresh_list(first_bad if first_bad is not None else max(0, self.list.currentRow()))
        self.show_summary(errors)
        if errors:
            self.focus_key(errors[0].key)
        return bool(errors)

    def _show_partner_problems(self, partner: Partner) -> None:
        mine: dict[str, Problem] = {}
        for problem in self._problems:
            if problem.partner_uuid == partner.uuid:
                mine.setdefault(problem.key, problem)
        for key in ("name", "category", "region_code", "contact"):
            self.messages[key].show_problem(mine.get(key))

    def select_partner(self, partner_uuid: str | None) -> None:
        row = next((i for i, pa in enumerate(self.partners) if pa.uuid == partner_uuid), None)
        if row is not None:
            self.list.setCurrentRow(row)
