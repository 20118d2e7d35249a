"""Pages of the proposal wizard: urusan and problem, kind, details, compliance."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.models import Financing, Kind, KsddCategory, KsdpkForm, Priority, Proposal, Stage
from ...domain.validation import MIN_PROBLEM_LENGTH, validate_proposal
from .common import (
    ValidatingPage,
    WizardContext,
    combo_edit,
    combo_value,
    enum_combo,
    enum_label,
    field_label,
    home_cursors,
    make_text_edit,
    plain_text,
    radio_choices,
    searchable,
    set_combo_data,
    tr,
)
from .texts import COMPLIANCE_POINTS, kind_html, ksdd_html


class UrusanPage(ValidatingPage[Proposal]):
    KEYS = ("urusan_code", "program", "problem", "potential")

    def __init__(self, ctx: WizardContext, own_urusan: tuple[str, ...], parent=None):
        super().__init__(parent)
        layout = self.heading(
            tr("Urusan dan Permasalahan"),
            tr("Langkah 1 dari 5: urusan pemerintahan yang dikerjasamakan dan kebutuhannya."),
            tr(
                "Objek kerja sama daerah adalah <b>urusan pemerintahan</b> yang menjadi kewenangan daerah "
                "(UU 23/2014 Pasal 12). Urusan perangkat daerah Anda tampil paling atas; ketik untuk mencari. "
                "Uraikan permasalahan atau kebutuhan secara konkret, sebaiknya dengan data, agar TKKSD dapat "
                "menilainya (pemetaan berdasarkan potensi dan karakteristik daerah). Urusan kehutanan (3.28) dan "
                "energi dan sumber daya mineral (3.29) sebagian besar menjadi kewenangan provinsi."
            ),
        )
        form = QFormLayout()
        layout.addLayout(form)
        self.urusan = searchable(QComboBox(self))
        own = [u for u in ctx.urusan if u[0] in own_urusan]
        others = [u for u in ctx.urusan if u[0] not in own_urusan]
        self.urusan.addItem("", None)
        for code, name, _group in own + others:
            self.urusan.addItem(f"{code} {name}", code)
        if own:
            self.urusan.insertSeparator(len(own) + 1)
        combo_edit(self.urusan).setPlaceholderText(tr("Ketik kode atau nama urusan, misalnya Kesehatan"))
        self.add_field(form, "urusan_code", self.urusan, required=True)
        self.program = self.add_field(form, "program", QLineEdit(self))
        self.program.setPlaceholderText(tr("Contoh: Program Pemenuhan Upaya Kesehatan Perorangan"))
        self.problem = make_text_edit(
            self,
            lines=4,
            placeholder=tr(
                "Contoh: Cakupan layanan dokter spesialis anak di RSUD Ratu Zalecha baru 40 persen dari kebutuhan ..."
            ),
        )
        self.add_field(form, "problem", self.problem, required=True, hint=" ")
        self.counter = self.hints["problem"]  # the hint line shows the count as one types
        self.problem.textChanged.connect(self._count)
        self.potential = self.add_field(
            form,
            "potential",
            make_text_edit(
                self,
                lines=3,
                placeholder=tr("Sumber daya, aset, atau keunggulan daerah yang mendukung kerja sama ini."),
            ),
        )
        layout.addStretch(1)
        self._count()

    def _count(self) -> None:
        n = len(plain_text(self.problem))
        colour = "#1e8e3e" if n >= MIN_PROBLEM_LENGTH else "#5f6368"
        text = tr("%1 karakter (sekurang-kurangnya %2)").replace("%1", str(n)).replace("%2", str(MIN_PROBLEM_LENGTH))
        self.counter.setText(f"<span style='color:{colour}'>{text}</span>")

    def load(self, p: Proposal) -> None:
        self._loading = True
        set_combo_data(self.urusan, p.urusan_code or None)
        if not p.urusan_code:
            self.urusan.setCurrentIndex(0)
        self.program.setText(p.program or "")
        self.problem.setPlainText(p.problem or "")
        self.potential.setPlainText(p.potential or "")
        home_cursors(self.program)
        self._loading = False
        self._count()

    def store(self, p: Proposal) -> None:
        p.urusan_code = combo_value(self.urusan) or ""
        p.program = self.program.text().strip() or None
        p.problem = plain_text(self.problem)
        p.potential = plain_text(self.potential) or None


class KindPage(ValidatingPage[Proposal]):
    KEYS = ("kind", "ksdd_category", "externality", "ksdpk_form")

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = self.heading(
            tr("Jenis Kerja Sama"),
            tr("Langkah 2 dari 5: dengan siapa kerja sama ini dilakukan menentukan jenisnya."),
            tr(
                "Pilih satu dari lima jenis kerja sama yang dipakai dalam praktik. UU 23/2014 Pasal 363 ayat (2) mengenal "
                "tiga golongan mitra (daerah lain, pihak ketiga, lembaga atau pemerintah daerah di luar negeri); setiap "
                "jenis di bawah ini mengikuti ketentuannya sendiri. Gunakan tombol panah untuk berpindah pilihan."
            ),
        )
        body = self.body
        self.labels.update(kind=tr("Jenis kerja sama *"), ksdd_category=tr("Kategori KSDD *"))
        kind_title = QLabel(f"<b>{self.labels['kind']}</b>", body)
        layout.addWidget(kind_title)
        kind_message = self.add_message(layout, "kind")
        self.kind_box = QWidget(body)
        kind_layout = QVBoxLayout(self.kind_box)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons = radio_choices(
            self.kind_box,
            kind_layout,
            self.kind_group,
            "kind",
            [(k.value, f"&{i + 1}  {k.value} — {enum_label(k.value)}", kind_html(k.value)) for i, k in enumerate(Kind)],
        )
        layout.addWidget(self.kind_box)
        self.register("kind", self.kind_box, kind_message)
        self.kind_group.idToggled.connect(lambda *_: self._kind_changed())
        self._mouse_down = False  # the last choice came from the mouse: the revealed field gets the focus

        self.ksdd_box = QGroupBox(self.labels["ksdd_category"], body)
        self.ksdd_box.setObjectName("ksdd_category")
        ksdd_layout = QVBoxLayout(self.ksdd_box)
        self.ksdd_group = QButtonGroup(self)
        self.ksdd_buttons = radio_choices(
            self.ksdd_box,
            ksdd_layout,
            self.ksdd_group,
            "ksdd_category",
            [
                (c.value, tr("&Wajib") if c == KsddCategory.WAJIB else tr("S&ukarela"), ksdd_html(c.value))
                for c in KsddCategory
            ],
            indent_bottom=4,
        )
        self.register("ksdd_category", self.ksdd_box, self.add_message(ksdd_layout, "ksdd_category"))
        self.ksdd_group.idToggled.connect(lambda *_: self._kind_changed())
        for button in (*self.kind_buttons.values(), *self.ksdd_buttons.values()):
            button.installEventFilter(self)
        extra = QFormLayout()
        self._externality_form = extra
        ksdd_layout.addLayout(extra)
        self.externality = make_text_edit(
            self.ksdd_box,
            lines=3,
            placeholder=tr(
                "Contoh: sampah dari Kota Banjarbaru dan Kabupaten Banjar dibuang ke TPA Regional yang sama ..."
            ),
        )
        self.add_field(extra, "externality", self.externality, required=True)
        self._place_under(kind_layout, Kind.KSDD, self.ksdd_box)

        self.ksdpk_box = QGroupBox(tr("Kerja sama dengan pihak ketiga"), body)
        ksdpk_layout = QFormLayout(self.ksdpk_box)
        self.ksdpk_form = enum_combo(list(KsdpkForm), self.ksdpk_box, placeholder=tr("— pilih bentuk —"))
        self.add_field(
            ksdpk_layout,
            "ksdpk_form",
            self.ksdpk_form,
            required=True,
            hint=tr(
                "Bentuk menurut Permendagri 22/2020. Pemanfaatan BMD: Permendagri 19/2016; KPBU: Perpres 38/2015. "
                "Pengadaan barang/jasa bukan bentuk KSDPK (ditempuh di luar KSD). KSDPK memerlukan studi kelayakan "
                "sebelum KSB/PKS."
            ),
        )
        self._place_under(kind_layout, Kind.KSDPK, self.ksdpk_box)
        layout.addStretch(1)
        self.legend.setText(self.required_note())
        self.legend.show()
        self._kind_changed()

    def _place_under(self, kind_layout: QVBoxLayout, kind: Kind, box: QGroupBox) -> None:
        """A kind's own fields appear right under its explanation, where the eye already is."""
        description = kind_layout.indexOf(self.kind_buttons[kind.value]) + 1
        box.setParent(self.kind_box)
        wrapper = QHBoxLayout()
        wrapper.setContentsMargins(24, 0, 0, 8)
        wrapper.addWidget(box)
        kind_layout.insertLayout(description + 1, wrapper)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._mouse_down = True
        elif kind == QEvent.Type.KeyPress:
            self._mouse_down = False
        return False

    def kind(self) -> str:
        button = self.kind_group.checkedButton()
        return next((k for k, b in self.kind_buttons.items() if b is button), "")

    def ksdd_category(self) -> str:
        button = self.ksdd_group.checkedButton()
        return next((k for k, b in self.ksdd_buttons.items() if b is button), "")

    def _kind_changed(self) -> None:
        kind = self.kind()
        was = (self.ksdd_box.isVisibleTo(self), self.ksdpk_box.isVisibleTo(self), self.externality.isVisibleTo(self))
        self.ksdd_box.setVisible(kind == Kind.KSDD)
        self.ksdpk_box.setVisible(kind == Kind.KSDPK)
        wajib = kind == Kind.KSDD and self.ksdd_category() == KsddCategory.WAJIB
        row = self.externality.parentWidget()
        assert row is not None, "the field sits in its row's widget"
        self._externality_form.setRowVisible(row, wajib)
        if self._loading:
            return
        revealed = [
            w
            for w, before in zip((self.ksdd_box, self.ksdpk_box, self.externality), was, strict=True)
            if w.isVisibleTo(self) and not before
        ]
        if revealed:  # once the layout has made room for it
            QTimer.singleShot(0, lambda: self.reveal(revealed[-1]))
        self.completeChanged.emit()
        self.edited.emit()

    def initializePage(self) -> None:
        chosen = self.kind_group.checkedButton()
        box = {Kind.KSDD.value: self.ksdd_box, Kind.KSDPK.value: self.ksdpk_box}.get(self.kind())
        if chosen is not None:
            QTimer.singleShot(0, lambda: self._bring_into_view(chosen, box))

    def _bring_into_view(self, chosen: QWidget, box: QWidget | None) -> None:
        from ..screen import show_in_scroll_area

        show_in_scroll_area(chosen)
        if box is not None:
            show_in_scroll_area(box)

    def reveal(self, widget: QWidget) -> None:
        """Scroll a field that has just appeared into view; after a mouse choice it gets the focus too
        (with the arrow keys the focus stays on the choices, so that the next arrow still moves there)."""
        from ..screen import scroll_into_view_soon

        holder = self.externality.parentWidget() if widget is self.externality else None
        scroll_into_view_soon(holder or widget)
        if self._mouse_down:
            chosen = self.ksdd_group.checkedButton()
            targets: dict[QWidget, QWidget] = {
                self.ksdd_box: chosen or self.ksdd_buttons[KsddCategory.WAJIB.value],
                self.ksdpk_box: self.ksdpk_form,
            }
            target = targets.get(widget, widget)
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def load(self, p: Proposal) -> None:
        self._loading = True
        for group, buttons, value in (
            (self.kind_group, self.kind_buttons, p.kind),
            (self.ksdd_group, self.ksdd_buttons, p.ksdd_category),
        ):
            group.setExclusive(False)
            for key, button in buttons.items():
                button.setChecked(key == value)
            group.setExclusive(True)
        self.externality.setPlainText(p.externality or "")
        set_combo_data(self.ksdpk_form, p.ksdpk_form)
        self._loading = False
        self._kind_changed()

    def store(self, p: Proposal) -> None:
        p.kind = self.kind()
        is_ksdd, is_ksdpk = p.kind == Kind.KSDD, p.kind == Kind.KSDPK
        p.ksdd_category = self.ksdd_category() or None if is_ksdd else None
        p.externality = (plain_text(self.externality) or None) if is_ksdd and p.ksdd_category == "wajib" else None
        p.ksdpk_form = self.ksdpk_form.currentData() if is_ksdpk else None


class DetailsPage(ValidatingPage[Proposal]):
    KEYS = (
        "object",
        "benefits",
        "rpjmd_alignment",
        "legal_basis",
        "financing",
        "priority",
        "stage",
        "existing_documents",
        "notes",
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = self.heading(
            tr("Objek, Manfaat dan Rencana"),
            tr("Langkah 4 dari 5: apa yang dikerjasamakan, hasil yang diharapkan, dan pembiayaannya."),
            tr(
                "Kerja sama daerah harus untuk kesejahteraan masyarakat dan percepatan pemenuhan pelayanan publik "
                "(PP 28/2018). Tuliskan target yang dapat diukur. Persetujuan DPRD diperlukan bila kerja sama "
                "membebani masyarakat dan daerah atau belum dianggarkan dalam APBD."
            ),
        )
        form = QFormLayout()
        layout.addLayout(form)
        self.object = self.add_field(form, "object", QLineEdit(self), required=True)
        self.object.setPlaceholderText(tr("Contoh: Pendayagunaan dokter spesialis anak"))
        self.benefits = self.add_field(
            form,
            "benefits",
            make_text_edit(
                self,
                lines=2,
                placeholder=tr("Contoh: waktu tunggu layanan spesialis anak turun menjadi 7 hari pada 2026."),
            ),
            required=True,
        )
        self.financing = self.add_field(
            form, "financing", enum_combo(list(Financing), self, placeholder=tr("— pilih sumber —")), required=True
        )
        self.priority = self.add_field(
            form, "priority", enum_combo(list(Priority), self, placeholder=tr("— pilih prioritas —")), required=True
        )
        self.stage = self.add_field(
            form,
            "stage",
            enum_combo(list(Stage), self),
            hint=tr(
                "KSDD/KSDPK yang membebani masyarakat dan daerah atau belum teranggarkan dalam APBD memerlukan "
                "persetujuan DPRD sebelum PKS; Sinergi dituangkan dalam Nota Kesepakatan (NK)."
            ),
        )
        self.rpjmd = self.add_field(form, "rpjmd_alignment", QLineEdit(self))
        self.rpjmd.setPlaceholderText(tr("Contoh: Misi 2 RPJMD: meningkatkan kualitas sumber daya manusia"))
        self.legal = self.add_field(form, "legal_basis", QLineEdit(self))
        self.documents = self.add_field(
            form,
            "existing_documents",
            QLineEdit(self),
            label=tr("Dokumen yang sudah ada"),
            hint=tr("KSB/NK/PKS yang sudah ada: nomor dan masa berlaku."),
        )
        self.notes = self.add_field(form, "notes", make_text_edit(self, lines=2))
        layout.addStretch(1)

    def load(self, p: Proposal) -> None:
        self._loading = True
        self.object.setText(p.object or "")
        self.benefits.setPlainText(p.benefits or "")
        set_combo_data(self.financing, p.financing or None)
        set_combo_data(self.priority, p.priority or None)
        set_combo_data(self.stage, p.stage or "usulan")
        self.rpjmd.setText(p.rpjmd_alignment or "")
        self.legal.setText(p.legal_basis or "")
        self.documents.setText(p.existing_documents or "")
        self.notes.setPlainText(p.notes or "")
        home_cursors(self.object, self.rpjmd, self.legal, self.documents)
        self._loading = False

    def store(self, p: Proposal) -> None:
        p.object = self.object.text().strip()
        p.benefits = plain_text(self.benefits)
        p.financing = self.financing.currentData() or ""
        p.priority = self.priority.currentData() or ""
        p.stage = self.stage.currentData() or "usulan"
        p.rpjmd_alignment = self.rpjmd.text().strip() or None
        p.legal_basis = self.legal.text().strip() or None
        p.existing_documents = self.documents.text().strip() or None
        p.notes = plain_text(self.notes) or None


class CompliancePage(ValidatingPage[Proposal]):
    KEYS = ("compliance_confirmed",)

    def __init__(self, ctx: WizardContext, current, parent=None):
        super().__init__(parent)
        self.ctx, self._current = ctx, current
        layout = self.heading(
            tr("Pernyataan dan Ringkasan"),
            tr("Langkah 5 dari 5: konfirmasi kesesuaian, lalu periksa ringkasan usulan."),
        )
        self.labels["compliance_confirmed"] = tr("Pernyataan kesesuaian *")
        box = QGroupBox(tr("Pernyataan kesesuaian *: usulan kerja sama ini"), self)
        box.setObjectName("compliance_confirmed")
        box_layout = QVBoxLayout(box)
        self.checks: list[QCheckBox] = []
        for key, text in COMPLIANCE_POINTS:
            check = QCheckBox(tr(text), box)
            check.setObjectName(f"compliance_{key}")
            check.toggled.connect(lambda *_: self._on_edit("compliance_confirmed"))
            check.toggled.connect(lambda *_: self.refresh_summary())
            box_layout.addWidget(check)
            self.checks.append(check)
        note = QLabel(
            tr(
                "Keempat pernyataan wajib dicentang sebelum formulir dapat ditandatangani "
                "(PP 28/2018, ketentuan objek kerja sama)."
            ),
            box,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")
        box_layout.addWidget(note)
        self.register("compliance_confirmed", box, self.add_message(box_layout, "compliance_confirmed"))
        layout.addWidget(box)
        self.summary = QTextBrowser(self)
        self.summary.setObjectName("proposal_summary")
        self.summary.setOpenLinks(False)
        layout.addWidget(self.summary, 1)
        self.show_summary([])

    def initializePage(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        p = self._current()
        problems = validate_proposal(p, self.ctx.rules)
        rows = [
            (field_label("urusan_code"), f"{p.urusan_code} {self.ctx.urusan_name(p.urusan_code)}"),
            (field_label("problem"), p.problem),
            (field_label("kind"), enum_label(p.kind)),
            (field_label("ksdd_category"), enum_label(p.ksdd_category)),
            (field_label("externality"), p.externality),
            (field_label("ksdpk_form"), enum_label(p.ksdpk_form)),
            (
                field_label("partners"),
                "; ".join(
                    pa.name + (f" ({self.ctx.region_name(pa.region_code)})" if pa.region_code else "")
                    for pa in p.partners
                ),
            ),
            (field_label("object"), p.object),
            (field_label("benefits"), p.benefits),
            (field_label("financing"), enum_label(p.financing)),
            (field_label("priority"), enum_label(p.priority)),
            (field_label("stage"), enum_label(p.stage)),
        ]
        body = "".join(
            f"<tr><td style='color:#5f6368;padding-right:12px' valign='top'>{html.escape(k)}</td>"
            f"<td>{html.escape(v or '–')}</td></tr>"
            for k, v in rows
            if v
        )
        notes = "".join(
            f"<li style='color:{'#b3261e' if pr.is_error else '#8a5a00'}'>{html.escape(pr.message)}</li>"
            for pr in problems
        )
        status = (
            f"<p><b>{tr('Masih perlu diperbaiki:')}</b></p><ul>{notes}</ul>"
            if notes
            else f"<p style='color:#1e8e3e'><b>{tr('Usulan lengkap dan memenuhi aturan.')}</b></p>"
        )
        self.summary.setHtml(f"<h3>{tr('Ringkasan Usulan')}</h3><table>{body}</table>{status}")

    def load(self, p: Proposal) -> None:
        self._loading = True
        for check in self.checks:
            check.setChecked(bool(p.compliance_confirmed))
        self._loading = False

    def store(self, p: Proposal) -> None:
        p.compliance_confirmed = all(check.isChecked() for check in self.checks)
