""" "Menunggu berkas data…": shown when a write waits more than a second for another program.

Every write transaction starts with ``BEGIN IMMEDIATE`` and waits up to five seconds for
another writer (storage/database.py), calling the registered hook about ten times a second.
On the GUI thread the hook shows a small busy dialog after a second and lets it paint; from
a worker thread (an import) it asks the GUI thread to show it. Nothing here touches the data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

#: Seconds a write waits before the user is told.
SHOW_AFTER = 1.0


def tr(text: str) -> str:
    return QCoreApplication.translate("LockWait", text)


class LockWaitNotice(QObject):
    """Owns the busy dialog; ``waiting(seconds)`` / ``waiting(None)`` may come from any thread."""

    changed = Signal(float)  # seconds, or -1 when the wait is over

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.dialog: QProgressDialog | None = None
        self.changed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def waiting(self, seconds: float | None) -> None:
        value = -1.0 if seconds is None else float(seconds)
        if QThread.currentThread() is self.thread():
            self._show(value)
            if value >= SHOW_AFTER:
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        elif value < 0 or value >= SHOW_AFTER:
            self.changed.emit(value)

    @Slot(float)
    def _show(self, seconds: float) -> None:
        if seconds < 0:
            if self.dialog is not None:
                self.dialog.hide()
            return
        if seconds < SHOW_AFTER:
            return
        if self.dialog is None:
            self.dialog = QProgressDialog()  # no parent: a window closed meanwhile cannot take it along
            self.dialog.setObjectName("lock_wait_dialog")
            self.dialog.setWindowTitle(tr("Menunggu berkas data"))
            self.dialog.setCancelButton(None)
            self.dialog.setRange(0, 0)
            self.dialog.setMinimumDuration(0)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.setLabelText(
            tr(
                "Menunggu berkas data yang sedang dipakai proses lain… (%1 detik)\n"
                "Tutup aplikasi KSD Desktop lain bila ada. Bila tetap terkunci, tidak ada yang "
                "diubah."
            ).replace("%1", str(int(seconds)))
        )
        if not self.dialog.isVisible():
            self.dialog.show()


_notice: LockWaitNotice | None = None


def install() -> LockWaitNotice:
    """Register the notice with the storage layer once (call when the data file is opened)."""
    global _notice
    from ..storage.database import add_lock_wait_hook  # the data layer is loaded by then

    if _notice is None:
        app = QCoreApplication.instance()
        _notice = LockWaitNotice(app)
        add_lock_wait_hook(_notice.waiting)
    return _notice
