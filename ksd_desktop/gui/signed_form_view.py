"""A signed form, read-only: the whole document as it was signed, with *Ekspor PDF* and
*Buka untuk Revisi* beside it ("Buka" on a signed form opens this, never a dead end).

The document is the one *Periksa Keaslian PDF* shows (``widgets.form_document``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.dates import format_date_id, format_datetime_id
from ..domain.models import Form
from ..storage.repositories import FormRepository, ReferenceRepository, SettingsRepository
from .screen import fit_to_screen
from .widgets.form_document import FormDocumentView

if TYPE_CHECKING:
    from sqlite_utils import Database


def tr(text: str) -> str:
    return QCoreApplication.translate("SignedFormView", text)


@dataclass(frozen=True)
class FormNames:
    """The reference names the document shows besides the form."""

    agency_name: str
    urusan_names: dict[str, str] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)


def form_names(db: Database, form: Form) -> FormNames:
    """The reference names the document shows (agency, urusan, partner regions)."""
    ref = ReferenceRepository(db)
    agency = next((a for a in ref.agencies() if a.code == form.agency_code), None)
    return FormNames(
        agency.name if agency else form.agency_code,
        {code: name for code, name, _ in ref.urusan()},
        {r.code: r.name for r in ref.regions()},
    )


class SignedFormView(QDialog):
    """objectName ``signed_form_view``: the document (``form_document``) and its two actions.

    ``chosen`` is "export" or "reopen" when the dialog closed through one of them.
    """

    def __init__(self, form: Form, names: FormNames, signed_at: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.form, self.chosen = form, ""
        self.setObjectName("signed_form_view")
        self.setWindowTitle(
            tr("Formulir %1 Tahun %2 (ditandatangani)").replace("%1", names.agency_name).replace("%2", str(form.year))
        )
        layout = QVBoxLayout(self)
        when = format_date_id(form.signed_date)
        locked = tr(" Dikunci %1.").replace("%1", signed_at) if signed_at else ""
        note = QLabel(
            tr(
                "<b>Formulir ini sudah ditandatangani</b> oleh %1 pada %2 (revisi %3) dan terkunci: isinya tidak "
                "dapat diubah.%4 Untuk mengubahnya, pilih <b>Buka untuk Revisi</b>; rekaman yang ditandatangani tetap "
                "tersimpan dan revisi baru harus ditandatangani kembali."
            )
            .replace("%1", form.signer_name or "–")
            .replace("%2", when or "–")
            .replace("%3", str(form.revision))
            .replace("%4", locked),
            self,
        )
        note.setObjectName("signed_note")
        note.setWordWrap(True)
        note.setStyleSheet(
            "QLabel#signed_note { background: #e6f4ea; border: 1px solid #b7dfc3; "
            "border-radius: 4px; padding: 8px; color: #1e4620; }"
        )
        layout.addWidget(note)
        self.document = FormDocumentView(self)
        self.document.document().setDocumentMargin(14)
        self.document.set_form(
            form, agency_name=names.agency_name, urusan_names=names.urusan_names, region_names=names.region_names
        )
        layout.addWidget(self.document, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("&Tutup"))
        self.export_button = self._button(buttons, "export_signed_pdf", tr("Ekspor &PDF…"), "export")
        self.reopen_button = self._button(buttons, "reopen_signed_form", tr("Buka untuk &Revisi…"), "reopen")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(900, 820))

    def _button(self, box: QDialogButtonBox, name: str, text: str, choice: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.chosen = choice
        self.accept()


def open_signed_view(parent: QWidget | None, db: Database, form_uuid: str) -> SignedFormView | None:
    """Build the view of a signed form (None when the form is gone or not signed)."""
    forms = FormRepository(db)
    form = forms.get(form_uuid)
    if form is None or not form.is_signed:
        return None
    snapshot = next((s for s in forms.snapshots(form_uuid) if s.get("revision") == form.revision), None)
    zone = SettingsRepository(db).get("timezone")
    signed_at = format_datetime_id(snapshot.get("signed_at"), zone) if snapshot else None
    return SignedFormView(form, form_names(db, form), signed_at, parent)
