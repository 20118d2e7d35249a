"""Search box and filters above the proposals table.

Typing is debounced (SEARCH_DELAY_MS) so one query runs when the user pauses, not one
per keystroke; the combos apply at once. The bar only collects the user's choices: the
window turns them into a ProposalFilter and the model runs the query.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..icons import icon

SEARCH_DELAY_MS = 180

#: Filter key (a ProposalFilter field) → objectName of its combo.
FILTER_COMBOS = {
    "kind": "filter_kind",
    "urusan_code": "filter_urusan",
    "priority": "filter_priority",
    "review_status": "filter_review",
    "form_status": "filter_form_status",
}


class FilterBar(QWidget):
    """``changed`` fires when a filter changes, or after a pause in typing."""

    changed = Signal()
    agency_cleared = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("filter_bar")
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Cari permasalahan, objek, calon mitra, keterangan…"))
        self.search.setToolTip(
            self.tr(
                "Ketik satu kata atau lebih (Ctrl+F); semua kata harus ada. Tiga huruf atau "
                "lebih juga ditemukan di dalam kata, misalnya \u201csampah\u201d untuk "
                "\u201cpersampahan\u201d; dua huruf dicari di awal kata."
            )
        )
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(280)
        self.search_timer = QTimer(self)
        self.search_timer.setObjectName("search_timer")
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self.search_timer.start)
        self.search.returnPressed.connect(self.flush)

        self.agency_label = QLabel(self)
        self.agency_label.setObjectName("agency_filter")
        self.clear_agency = QToolButton(self)
        self.clear_agency.setObjectName("clear_agency")
        self.clear_agency.setText(self.tr("× Tampilkan semua"))
        self.clear_agency.setToolTip(self.tr("Tampilkan usulan semua perangkat daerah"))
        self.clear_agency.setAutoRaise(True)
        self.clear_agency.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_agency.clicked.connect(self.agency_cleared)
        self.set_agency(None)

        self.combos: dict[str, QComboBox] = {}
        everything = {
            "kind": self.tr("Semua jenis"),
            "urusan_code": self.tr("Semua urusan"),
            "priority": self.tr("Semua prioritas"),
            "review_status": self.tr("Semua penilaian"),
            "form_status": self.tr("Semua formulir"),
        }
        for key, name in FILTER_COMBOS.items():
            combo = QComboBox(self)
            combo.setObjectName(name)
            combo.addItem(everything[key], None)  # the choices: set_choices() and set_urusan()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(7)
            combo.setToolTip(
                {
                    "kind": self.tr("Saring menurut jenis kerja sama"),
                    "urusan_code": self.tr("Saring menurut urusan pemerintahan"),
                    "priority": self.tr("Saring menurut prioritas"),
                    "review_status": self.tr("Saring menurut hasil penilaian TKKSD"),
                    "form_status": self.tr("Saring menurut status formulir"),
                }[key]
            )
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self.changed)
            self.combos[key] = combo

        self.reset = QPushButton(self.tr("&Atur Ulang"), self)
        self.reset.setObjectName("reset_filters")
        self.reset.setToolTip(self.tr("Kosongkan pencarian dan semua penyaringan"))
        self.reset.clicked.connect(self.clear)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 3)
        top.addSpacing(8)
        top.addWidget(self.agency_label)
        top.addWidget(self.clear_agency)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        for combo in self.combos.values():
            bottom.addWidget(combo)
        bottom.addWidget(self.reset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(bottom)

    def set_choices(self) -> None:
        """Add the kinds, priorities, assessments and form states to their filters (once).

        They come from the domain, imported with the data file: the bar shows before that.
        """
        from ...domain.models import FormStatus, Kind, Priority, ReviewStatus
        from ..labels import kind_filter, label

        choices = {
            "kind": [(k.value, kind_filter(k.value)) for k in Kind],
            "priority": [(k.value, label(k.value)) for k in Priority],
            "review_status": [(k.value, label(k.value)) for k in ReviewStatus],
            "form_status": [
                (k.value, self.tr("Formulir %1").replace("%1", label(k.value).lower())) for k in FormStatus
            ],
        }
        for key, values in choices.items():
            combo = self.combos[key]
            if combo.count() == 1:
                for value, text in values:
                    combo.addItem(text, value)
                    combo.setItemData(combo.count() - 1, label(value), Qt.ItemDataRole.ToolTipRole)

    def set_urusan(self, urusan: list[tuple[str, str, str]]) -> None:
        """Fill the urusan filter from the reference table (code, name, group)."""
        combo = self.combos["urusan_code"]
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for code, name, _group in urusan:
            combo.addItem(f"{code} {name}", code)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def set_agency(self, name: str | None) -> None:
        """Show which agency the table is limited to (chosen in the agencies list)."""
        self.agency_label.setText(self.tr("Perangkat daerah: <b>%1</b>").replace("%1", name or ""))
        self.agency_label.setVisible(bool(name))
        self.clear_agency.setVisible(bool(name))

    def values(self) -> dict[str, Any]:
        """The user's choices, as ProposalFilter fields."""
        values: dict[str, Any] = {key: combo.currentData() for key, combo in self.combos.items()}
        values["search"] = self.search.text().strip()
        return values

    def is_filtering(self) -> bool:
        return any(v for v in self.values().values())

    def flush(self) -> None:
        """Apply a pending search now (Enter, or a test that does not want to wait)."""
        if self.search_timer.isActive():
            self.search_timer.stop()
            self.changed.emit()

    def clear(self) -> None:
        """Empty the search and set every filter back to "all" (one ``changed``)."""
        self.blockSignals(True)
        self.search.clear()
        self.search_timer.stop()
        for combo in self.combos.values():
            combo.setCurrentIndex(0)
        self.blockSignals(False)
        self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
