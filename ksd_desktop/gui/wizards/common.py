"""Pieces shared by the wizards: reference context, field rows with messages, help boxes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QCompleter, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QRadioButton,
    QSpinBox, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

from ...domain.models import FIELD_LABELS, Agency, Region
from ...domain.validation import Problem, RuleContext, Severity
from ...storage.repositories import ReferenceRepository, SettingsRepository

if TYPE_CHECKING:
    from sqlite_utils import Database


def tr(text: str) -> str:
    """Translate a wizard string (Bahasa Indonesia is the source language)."""
    return QCoreApplication.translate("Wizard", text)


def field_label(key: str) -> str:
    return QCoreApplication.translate("FieldLabels", FIELD_LABELS.get(key, key))


def enum_label(key: str | None) -> str:
    from ...domain.models import label
    return QCoreApplication.translate("Labels", label(key)) if key else ""


@dataclass
class WizardContext:
    """Reference data loaded once per wizard session (no SQL in the widgets)."""

    rules: RuleContext
    agencies: list[Agency]
    urusan: list[tuple[str, str, str]]
    regions: list[Region]
    ranks: list[str] = field(default_factory=list)
    default_place: str = "Martapura"
    tte_mode: bool = False      # settings "tte_mode": the sign-off preview reserves the TTE BSrE space

    @classmethod
    def load(cls, db: Database) -> "WizardContext":
        ref = ReferenceRepository(db)
        settings = SettingsRepository(db)
        place = settings.get("default_signed_place") or ""
        return cls(ref.rule_context(), ref.agencies(), ref.urusan(), ref.regions(), ref.ranks(), place,
                   bool(settings.get("tte_mode")))

    def agency(self, code: str | None) -> Agency | None:
        return next((a for a in self.agencies if a.code == code), None)

    def urusan_name(self, code: str | None) -> str:
        return next((name for c, name, _ in self.urusan if c == code), code or "")

    def region_name(self, code: str | None) -> str:
        return self.rules.region_name(code or "")


def problem_link(problem: Problem) -> str:
    """The anchor a summary uses to jump to a problem's field (see FormWizard.follow_link)."""
    if problem.proposal_uuid:
        return f"proposal:{problem.proposal_uuid}:{problem.key}:{problem.partner_uuid or ''}"
    return f"form:{problem.key}"


class HelpBox(QLabel):
    """Guidance at the top of a page: what to fill in and which rule it comes from."""

    def __init__(self, html: str, parent=None):
        super().__init__(html, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setObjectName("help_box")
        self.setStyleSheet("QLabel#help_box { background: #eef4fb; border: 1px solid #c9daf0; "
                           "border-radius: 4px; padding: 8px; color: #1f3b5a; }")


class MessageLabel(QLabel):
    """The message shown beside (under) a field when a rule is broken."""

    STYLES = {Severity.ERROR: "color: #b3261e;", Severity.WARNING: "color: #8a5a00;"}

    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.setObjectName(f"{key}_message")
        self.setWordWrap(True)
        self.hide()

    def show_problem(self, problem: Problem | None) -> None:
        if problem is None:
            self.clear()
            self.hide()
            return
        icon = "✖" if problem.is_error else "⚠"
        self.setStyleSheet(self.STYLES[problem.severity])
        self.setText(f"{icon} {problem.message}")
        self.show()


def changed_signal(widget: QWidget):
    """The signal a widget emits when the user changes its value."""
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return None


def enum_combo(keys, parent=None, *, placeholder: str | None = None) -> QComboBox:
    combo = QComboBox(parent)
    if placeholder is not None:
        combo.addItem(placeholder, None)
    for key in keys:
        combo.addItem(enum_label(str(key)), str(key))
    return combo


def set_combo_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def searchable(combo: QComboBox) -> QComboBox:
    """An editable combo whose typed text filters the list (contains, case-insensitive).

    Leaving the field with text that matches exactly one item selects that item.
    """
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def settle() -> None:
        index = _matching_index(combo)
        if index >= 0 and combo.currentIndex() != index:
            combo.setCurrentIndex(index)
    combo.lineEdit().editingFinished.connect(settle)
    return combo


def _matching_index(combo: QComboBox) -> int:
    text = combo.currentText().strip()
    if not text:
        return -1
    exact = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if exact >= 0:
        return exact
    matches = [i for i in range(combo.count()) if combo.itemData(i) is not None
               and text.casefold() in combo.itemText(i).casefold()]
    return matches[0] if len(matches) == 1 else -1


def combo_value(combo: QComboBox):
    """The data of the chosen item; None when the typed text matches no single item."""
    if combo.isEditable():
        index = _matching_index(combo)
        return combo.itemData(index) if index >= 0 else None
    return combo.currentData()


def plain_text(widget: QPlainTextEdit) -> str:
    return widget.toPlainText().strip()


def make_text_edit(parent=None, *, lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setPlaceholderText(placeholder)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height + edit.fontMetrics().lineSpacing() * 3)
    return edit


class KsdWizard(QWizard):
    """Common set-up of the app's wizards, and moving to a page without validating on the way."""

    def __init__(self, name: str, title: str, finish_text: str, min_width: int, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, finish_text)
        self.setMinimumSize(min_width, 640)
        self._jumping = False

    def go_to_page(self, target: int) -> None:
        """Move to a page through the normal history (so Back still works), skipping validation."""
        self._jumping = True
        try:
            while self.currentId() > target:
                self.back()
            while -1 < self.currentId() < target:
                self.next()
        finally:
            self._jumping = False


def radio_choices(box: QWidget, layout: QVBoxLayout, group: QButtonGroup, name_prefix: str,
                  options: list[tuple[str, str, str]], indent_bottom: int = 6) -> dict[str, QRadioButton]:
    """Radio buttons, each followed by its explanation; returns them by key."""
    buttons: dict[str, QRadioButton] = {}
    for i, (key, text, explanation) in enumerate(options):
        button = QRadioButton(text, box)
        button.setObjectName(f"{name_prefix}_{key}")
        group.addButton(button, i)
        buttons[key] = button
        description = QLabel(explanation, box)
        description.setWordWrap(True)
        description.setContentsMargins(24, 0, 0, indent_bottom)
        layout.addWidget(button)
        layout.addWidget(description)
    return buttons


class ValidatingPage(QWizardPage):
    """A page whose fields carry data-dictionary keys and show the domain's messages."""

    edited = Signal()
    #: keys whose problems this page shows (problems of other keys belong to other pages)
    KEYS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.messages: dict[str, MessageLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.hints: dict[str, QLabel] = {}
        self._loading = False

    def heading(self, title: str, subtitle: str, help_html: str | None = None) -> QVBoxLayout:
        """Title, subtitle and guidance box; returns the page's layout for the fields."""
        self.setTitle(title)
        self.setSubTitle(subtitle)
        layout = QVBoxLayout(self)
        if help_html:
            layout.addWidget(HelpBox(help_html, self))
        return layout

    def add_message(self, layout, key: str) -> "MessageLabel":
        """A message label for a key whose widget is not a single field (a group of choices)."""
        label = MessageLabel(key, self)
        layout.addWidget(label)
        return label

    def add_field(self, form: QFormLayout, key: str, widget: QWidget, *, label: str | None = None,
                  hint: str | None = None, required: bool = False) -> QWidget:
        """Add a labelled field with its message label underneath; the widget is named after its key."""
        widget.setObjectName(key)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            hint_label = QLabel(hint, holder)
            hint_label.setWordWrap(True)
            hint_label.setStyleSheet("color: #5f6368;")
            column.addWidget(hint_label)
            self.hints[key] = hint_label
        message = MessageLabel(key, holder)
        column.addWidget(message)
        text = (label or field_label(key)) + (" *" if required else "")
        row_label = QLabel(text + ":", self)
        row_label.setBuddy(widget)
        form.addRow(row_label, holder)
        self.register(key, widget, message)
        return widget

    def register(self, key: str, widget: QWidget, message: MessageLabel | None = None) -> None:
        self.fields[key] = widget
        if message is not None:
            self.messages[key] = message
        signal = changed_signal(widget)
        if signal is not None:
            signal.connect(lambda *_, k=key: self._on_edit(k))
        if isinstance(widget, QComboBox) and widget.isEditable():  # typing, before an item is chosen
            widget.lineEdit().textEdited.connect(lambda *_, k=key: self._on_edit(k))

    def _on_edit(self, key: str) -> None:
        if self._loading:
            return
        message = self.messages.get(key)
        if message is not None and message.isVisible():
            message.show_problem(None)
        self.completeChanged.emit()
        self.edited.emit()

    def show_problems(self, problems: list[Problem]) -> bool:
        """Show each problem beside its field; True when any error is on this page."""
        mine = [p for p in problems if p.key in self.KEYS]
        first: dict[str, Problem] = {}
        for problem in sorted(mine, key=lambda p: not p.is_error):
            first.setdefault(problem.key, problem)
        for key, label in self.messages.items():
            label.show_problem(first.get(key))
        errors = [p for p in mine if p.is_error]
        if errors:
            self.focus_key(errors[0].key)
        return bool(errors)

    def focus_key(self, key: str) -> None:
        widget = self.fields.get(key)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def cleanupPage(self) -> None:  # noqa: N802 - going Back never loses input
        pass
