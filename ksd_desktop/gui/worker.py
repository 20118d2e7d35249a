"""Long work off the GUI thread, with a progress dialog that can cancel it.

``run_with_progress`` starts ``job(progress, cancelled)`` in a QThread and keeps the window
responsive behind a modal QProgressDialog. The job must open its own database connection
(SQLite connections belong to the thread that made them) and should call ``progress(done,
total)`` now and then and stop when ``cancelled()`` is true: the protocol of
services/progress.py, which every long service function follows. :func:`database_job` makes
such a job from a service function. The job's result is returned; its exception is
re-raised in the GUI thread, where the caller turns it into a message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Job(QObject):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, job: Callable, cancel: threading.Event):
        super().__init__()
        self.job, self.cancel = job, cancel
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.job(lambda done, total: self.progressed.emit(int(done), int(total)), self.cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self.error = exc
        finally:
            self.finished.emit()


class _DialogUpdater(QObject):
    """Lives in the GUI thread: progress reports cross threads through a queued slot call."""

    def __init__(self, dialog: QProgressDialog):
        super().__init__()
        self.dialog = dialog

    @Slot(int, int)
    def update(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))


def database_job(
    db_path: str, work: Callable[..., Any], *, read_only: bool = True
) -> Callable[[Callable, Callable], Any]:
    """A job that opens its own connection to ``db_path`` and calls
    ``work(db, progress=..., cancelled=...)`` (e.g. ``functools.partial(write_recap, year=2024,
    out=path)``), closing the connection whatever happens."""

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        from ..storage.database import connect

        db = connect(db_path, read_only=read_only)
        try:
            return work(db, progress=progress, cancelled=cancelled)
        finally:
            db.close()

    return job


def run_with_progress(parent: QWidget | None, title: str, label: str, job: Callable[[Callable, Callable], Any]):
    """Run ``job`` in a worker thread behind a cancellable progress dialog; return its result."""
    cancel = threading.Event()
    dialog = QProgressDialog(label, QCoreApplication.translate("QProgressDialog", "Cancel"), 0, 0, parent)
    dialog.setObjectName("progress_dialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = _Job(job, cancel)
    thread = QThread()
    worker.moveToThread(thread)
    loop = QEventLoop()
    updater = _DialogUpdater(dialog)
    worker.progressed.connect(updater.update, Qt.ConnectionType.QueuedConnection)
    worker.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(cancel.set)
    thread.started.connect(worker.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
