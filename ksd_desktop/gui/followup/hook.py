"""The follow-up's place in the main window: two menu entries, a badge, and a table filter.

``FollowupHook(window)`` adds to the window (which keeps only three lines for it):

- **Data › Tindak Lanjut Usulan…** (Ctrl+L; also in the proposals table's context menu): the
  selected proposal's follow-up; **Data › Tindak Lanjut & Register Perjanjian…**: the
  secretariat's one view;
- a **badge** in the status bar: agreements that end within 12 months and proposals assessed
  *sesuai* without a step for 6 months; a click opens the view, its menu opens either list or
  filters the main table;
- the **filter hook**: ``filter_values()`` restricts the main window's proposals to those
  without a step for 6 months while the filter is on (Ctrl+Shift+R clears it with the others).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton

from ...errors import UserError
from ..main_window.actions import set_tip

STALE_MONTHS = 6


def tr(text: str) -> str:
    return QCoreApplication.translate("FollowupHook", text)


class FollowupHook:
    def __init__(self, window: Any):
        """``window``: the MainWindow (not imported here: it imports this module)."""
        self.window = window
        self.stale_filter = False
        self._stale_uuids: tuple[str, ...] = ()
        self.timeline_action = QAction(tr("&Tindak Lanjut Usulan…"), window)
        self.timeline_action.setObjectName("action_followup")
        self.timeline_action.setShortcut(QKeySequence("Ctrl+L"))
        set_tip(
            self.timeline_action,
            tr("Catat langkah tindak lanjut usulan terpilih (penawaran, KSB, PKS, …) dan buat draf dokumen berikutnya"),
        )
        self.timeline_action.triggered.connect(self.open_timeline)
        self.register_action = QAction(tr("Tindak Lanjut && &Register Perjanjian…"), window)
        self.register_action.setObjectName("action_followup_register")
        set_tip(
            self.register_action,
            tr("Apa yang terjadi pada setiap usulan, register perjanjian (KSB, NK, PKS, MoU) dan laporan monev"),
        )
        self.register_action.triggered.connect(lambda: self.open_register())
        for action in (self.timeline_action, self.register_action):
            window.addAction(action)
        self._insert_in_menu()
        window.proposals_view.addAction(self.timeline_action)
        self.badge = QToolButton(window)
        self.badge.setObjectName("followup_badge")
        self.badge.setAutoRaise(True)
        self.badge.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.badge.clicked.connect(lambda: self.open_register())
        menu = QMenu(self.badge)
        self.expiring_item = menu.addAction(tr("Perjanjian yang berakhir dalam 12 bulan…"))
        self.expiring_item.triggered.connect(lambda: self.open_register(tab="register", state="12"))
        self.stale_item = menu.addAction(tr("Usulan tanpa langkah selama %1 bulan…").replace("%1", str(STALE_MONTHS)))
        self.stale_item.triggered.connect(lambda: self.open_register(state="stale"))
        menu.addSeparator()
        self.filter_item = menu.addAction(
            tr("Saring tabel utama: usulan tanpa langkah %1 bulan").replace("%1", str(STALE_MONTHS))
        )
        self.filter_item.setObjectName("followup_filter")
        self.filter_item.setCheckable(True)
        self.filter_item.toggled.connect(self.set_stale_filter)
        self.badge.setMenu(menu)
        self.badge.hide()
        window.statusBar().addPermanentWidget(self.badge)
        window.act["action_reset_filters"].triggered.connect(lambda: self.filter_item.setChecked(False))
        window.proposals_view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.update_actions()

    def _insert_in_menu(self) -> None:
        assess = self.window.act["action_assess"]
        for menu in self.window.menuBar().findChildren(QMenu):
            if assess in menu.actions():
                actions = menu.actions()
                after = actions[actions.index(assess) + 1] if actions.index(assess) + 1 < len(actions) else None
                menu.insertActions(after, [self.timeline_action, self.register_action])
                return
        self.window.menuBar().addAction(self.register_action)

    # -- state ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Count the alerts again (after a change, a year switch, F5)."""
        from ...services.followup.register import alerts, stale_proposal_uuids

        window = self.window
        if window.db is None:
            return
        try:
            found = alerts(window.db, stale_months=STALE_MONTHS, today=self.today())
            self._stale_uuids = tuple(
                stale_proposal_uuids(window.db, window.year, stale_months=STALE_MONTHS, today=self.today())
            )
        except UserError as exc:
            window.show_error(str(exc))
            return
        parts = []
        if found.expiring:
            parts.append(tr("%1 perjanjian segera berakhir").replace("%1", str(found.expiring)))
        if found.stale:
            parts.append(tr("%1 usulan tanpa langkah").replace("%1", str(found.stale)))
        text = " · ".join(parts)
        if self.stale_filter:
            text = tr("Disaring: tanpa langkah %1 bulan").replace("%1", str(STALE_MONTHS)) + (
                f" · {text}" if text else ""
            )
        self.badge.setText(f"⚑ {text}" if text else "")
        self.badge.setToolTip(
            tr(
                "Tindak lanjut hasil pemetaan: %1 perjanjian berakhir dalam 12 bulan; %2 usulan "
                "sesuai kriteria tanpa langkah selama %3 bulan (semua tahun). Klik untuk membuka."
            )
            .replace("%1", str(found.expiring))
            .replace("%2", str(found.stale))
            .replace("%3", str(STALE_MONTHS))
        )
        self.badge.setVisible(bool(text))
        self.expiring_item.setEnabled(bool(found.expiring))
        self.stale_item.setEnabled(bool(found.stale))
        self.update_actions()

    def today(self) -> dt.date:
        return dt.date.today()

    def update_actions(self) -> None:
        self.timeline_action.setEnabled(self.window.db is not None and self.window.selected_proposal() is not None)
        self.register_action.setEnabled(self.window.db is not None)

    def filter_values(self) -> dict[str, Any]:
        """What the main window's ProposalFilter takes from the follow-up."""
        return {"uuids": self._stale_uuids} if self.stale_filter else {}

    def set_stale_filter(self, on: bool) -> None:
        if on == self.stale_filter:
            return
        self.stale_filter = on
        self.refresh()
        self.window._apply_filter()

    # -- actions -------------------------------------------------------------------------
    def open_timeline(self) -> None:
        from .timeline_dialog import open_timeline

        row = self.window.selected_proposal()
        if row is None or self.window.db is None:
            return
        if open_timeline(self.window, self.window.db, str(self.window.db_path), row.uuid):
            self.window.refresh()

    def open_register(self, *, tab: str = "overview", state: str = "") -> None:
        from .window import open_followup

        if self.window.db is None:
            return
        if open_followup(self.window, self.window.db, str(self.window.db_path), self.window.year, tab=tab, state=state):
            self.window.refresh()
        else:
            self.refresh()
