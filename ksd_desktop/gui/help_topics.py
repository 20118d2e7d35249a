"""F1: the section of the user guide for the screen in use, and the key that opens it everywhere.

``topic_for(widget)`` walks from the widget with the focus up to its window and answers the
guide's section (a named destination of resources/guide/panduan-pengguna.pdf) for the first
screen it knows: a wizard by its page, a dialog or window by its objectName, a message box
by the window it belongs to. ``HelpKey`` is installed on the application once (the main
window does it): F1 in any dialog opens the guide there; in the main window F1 is the
shortcut of *Bantuan › Panduan Pengguna*, which asks the same map.
tests/gui/test_help.py checks that every section named here exists in the shipped guide.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard

#: The guide's first chapter: where a screen not listed below leads.
DEFAULT_TOPIC = "pendahuluan"

#: Wizards: (objectName, page id) → section. Page ids: gui/wizards/form_wizard.py FormPage,
#: proposal_wizard.py ProposalPage.
WIZARD_PAGES: dict[tuple[str, int], str] = {
    ("form_wizard", 0): "pemetaan-mulai",
    ("form_wizard", 1): "pemetaan-pic",
    ("form_wizard", 2): "pemetaan-daftar",
    ("form_wizard", 3): "pemetaan-ringkasan",
    ("form_wizard", 4): "pengesahan",
    ("proposal_wizard", 0): "usulan-urusan",
    ("proposal_wizard", 1): "usulan-jenis",
    ("proposal_wizard", 2): "usulan-mitra",
    ("proposal_wizard", 3): "usulan-rincian",
    ("proposal_wizard", 4): "usulan-pernyataan",
}


def _main_window(window: QWidget) -> str:
    """The main window: the first steps while it has no form yet, else the tour of the window."""
    empty = getattr(window, "empty_state", None)
    center = getattr(window, "center", None)
    if empty is not None and center is not None and center.currentWidget() is empty:
        return "mulai"
    return "jendela-utama"


#: Windows and dialogs (and message boxes with a name) by objectName → section, or a function of the widget.
TOPICS: dict[str, str | Callable[[QWidget], str]] = {
    "main_window": _main_window,
    "form_wizard": "pemetaan",
    "proposal_wizard": "usulan-urusan",
    "continue_dialog": "draf",
    "signed_form_view": "pengesahan-kunci",
    "revision_dialog": "revisi",
    "sign_pdf_dialog": "tte-sertifikat",
    "export_scope": "kirim-ekspor",
    "import_dialog": "impor-pratinjau",
    "sender_panel": "impor-kode-perangkat",
    "device_keys": "kode-perangkat",
    "assess_dialog": "nilai",
    "report_settings_dialog": "isi-laporan",
    "verify_dialog": "periksa-arti",
    "settings_dialog": "pengaturan",
    "followup_window": "tindak-lanjut",
    "timeline_dialog": "tindak-lanjut-usulan",
    "step_dialog": "tindak-lanjut-usulan",
    "agreement_dialog": "register",
    "backup_dialog": "cadangan",  # issue 12's Cadangan & Pulihkan
    "damaged_file_box": "cadangan-pulihkan",
    "about_dialog": "tentang",
    "guide_viewer": "bantuan",
}


def topic_for(widget: QWidget | None) -> str:
    """The guide's section for ``widget`` (the focus, or a window): the nearest screen that has one."""
    while widget is not None:
        name = widget.objectName()
        topic: str | Callable[[QWidget], str] | None = None
        if isinstance(widget, QWizard):
            topic = WIZARD_PAGES.get((name, widget.currentId()))
        topic = topic or TOPICS.get(name)
        if callable(topic):
            topic = topic(widget)
        if topic:
            return topic
        widget = widget.parentWidget()
    return DEFAULT_TOPIC


def all_topics() -> set[str]:
    """Every section this map can open (the shipped guide must have each)."""
    found = {DEFAULT_TOPIC, "mulai", "jendela-utama", *WIZARD_PAGES.values()}
    return found | {t for t in TOPICS.values() if isinstance(t, str)}


def current_widget(window: QWidget | None = None) -> QWidget | None:
    """Where the user is: the focus widget of ``window`` (default: the active window), else that window."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    window = window or QApplication.activeModalWidget() or QApplication.activeWindow()
    focus = QApplication.focusWidget()
    if focus is not None and window is not None and focus.window() is window:
        return focus
    return window


def show_help(widget: QWidget | None = None, topic: str | None = None) -> None:
    """Open the guide at ``topic`` (default: the section for ``widget``, or for where the user is)."""
    from .guide_viewer import open_guide

    widget = widget or current_widget()
    open_guide(topic or topic_for(widget), widget.window() if widget is not None else None)


class HelpKey(QObject):
    """Application-wide F1 (where no window's own F1 shortcut took the key first)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F1
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            widget = watched if isinstance(watched, QWidget) else current_widget()
            if widget is not None:
                show_help(widget)
                return True
        return False


def install_help_key() -> None:
    """Install HelpKey on the application, once."""
    app = QApplication.instance()
    if app is None or app.property("ksd_help_key"):
        return
    app._ksd_help_key = HelpKey(app)  # type: ignore[attr-defined]  # keep a reference
    app.installEventFilter(app._ksd_help_key)  # type: ignore[attr-defined]
    app.setProperty("ksd_help_key", True)
