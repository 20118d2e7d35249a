"""Pieces shared by the wizards: reference context, field rows with messages, help boxes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...domain.models import FIELD_LABELS, Agency, Region
from ...domain.validation import Problem, RuleContext, Severity
from ...storage.repositories import ReferenceRepository, SettingsRepository

if TYPE_CHECKING:
    from sqlite_utils import Database


FieldWidget = TypeVar("FieldWidget", bound=QWidget)
#: What a wizard's pages load and store: the form wizard's a Form, the proposal wizard's a Proposal.
Record = TypeVar("Record")

#: Property of the widget that holds a field with its hint and message (see screen.keep_focus_visible).
FIELD_HOLDER = "ksd_field_holder"


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
    tte_mode: bool = False  # settings "tte_mode": the sign-off preview reserves the TTE BSrE space
    timezone: str = "Asia/Makassar"

    @classmethod
    def load(cls, db: Database) -> WizardContext:
        ref, settings = ReferenceRepository(db), SettingsRepository(db)
        place = settings.get("default_signed_place") or ""
        return cls(
            ref.rule_context(),
            ref.agencies(),
            ref.urusan(),
            ref.regions(),
            ref.ranks(),
            place,
            bool(settings.get("tte_mode")),
            settings.get("timezone") or "Asia/Makassar",
        )

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
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setStyleSheet(
            "QLabel#help_box { background: #eef4fb; border: 1px solid #c9daf0; "
            "border-radius: 4px; padding: 8px; color: #1f3b5a; }"
        )


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
    assert completer is not None, "an editable combo has its completer"
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def settle() -> None:
        index = _matching_index(combo)
        if index >= 0 and combo.currentIndex() != index:
            combo.setCurrentIndex(index)

    combo_edit(combo).editingFinished.connect(settle)
    _ChosenFromList(combo, settle)
    return combo


def combo_edit(combo: QComboBox) -> QLineEdit:
    """The line edit of an editable (e.g. ``searchable``) combo."""
    edit = combo.lineEdit()
    assert edit is not None, "an editable combo has its line edit"
    return edit


class _ChosenFromList(QObject):
    """Enter (or Return) that picks an item in the completer's list only picks it.

    Qt hands that key press on to the line edit after the list closes, and from there it
    reaches the dialog, which pressed its default button (choosing a rank asked
    "Tanda tangani sekarang?"). The press is swallowed here instead.
    """

    KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    #: When Enter last chose an item in a list (time.monotonic()); the wizards ignore an Enter
    #: that arrives within SETTLE seconds of it, whichever widget hands it on.
    last_choice = 0.0
    SETTLE = 0.4

    @classmethod
    def just_chose(cls) -> bool:
        return time.monotonic() - cls.last_choice < cls.SETTLE

    def __init__(self, combo: QComboBox, settle: Callable[[], None]):
        super().__init__(combo)
        self.combo, self.settle, self.from_list = combo, settle, False
        completer = combo.completer()
        assert completer is not None, "searchable() made the combo editable"
        popup = completer.popup()
        assert popup is not None, "a completer always has its list"
        popup.installEventFilter(self)
        combo_edit(combo).installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in self.KEYS:
            completer = self.combo.completer()
            popup = completer.popup() if completer is not None else None
            if popup is not None and watched is popup:
                self.from_list = popup.isVisible()
                if self.from_list:
                    _ChosenFromList.last_choice = time.monotonic()
            elif watched is self.combo.lineEdit() and self.from_list:
                self.from_list = False
                self.settle()
                return True
        return False


def _matching_index(combo: QComboBox) -> int:
    text = combo.currentText().strip()
    if not text:
        return -1
    exact = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if exact >= 0:
        return exact
    matches = [
        i
        for i in range(combo.count())
        if combo.itemData(i) is not None and text.casefold() in combo.itemText(i).casefold()
    ]
    return matches[0] if len(matches) == 1 else -1


def combo_value(combo: QComboBox):
    """The data of the chosen item; None when the typed text matches no single item."""
    if combo.isEditable():
        index = _matching_index(combo)
        return combo.itemData(index) if index >= 0 else None
    return combo.currentData()


def home_cursors(*edits: QLineEdit) -> None:
    """Show the start of loaded text (a long text otherwise shows its end, cut off at the left)."""
    for edit in edits:
        edit.setCursorPosition(0)


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
    """Common set-up of the app's wizards, and moving to a page without validating on the way.

    A wizard sizes itself to its tallest page when first shown, up to the usable area of
    the screen (the pages scroll when the screen is smaller); with ``cover`` set it opens
    exactly over that window instead (the proposal wizard over the form wizard, so that
    one row of buttons is seen, not two).
    """

    #: Tallest a wizard makes itself, even on a large screen.
    MAX_HEIGHT = 860

    def __init__(self, name: str, title: str, finish_text: str, width: int, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, finish_text)
        self.setMinimumSize(600, 420)
        self.preferred_width = width
        self.cover: QWidget | None = None
        self._sized = False
        self._jumping = False

    def showEvent(self, event) -> None:
        if not self._sized:
            self._sized = True
            self.size_to_content()
        super().showEvent(event)

    def size_to_content(self) -> None:
        """As tall as the tallest page wants, as wide as ``preferred_width``; never larger than the screen."""
        from ..screen import fit_to_screen

        if self.cover is not None:
            self.setMinimumSize(self.minimumSize().boundedTo(self.cover.size()))
            self.setGeometry(self.cover.geometry())
            return
        pages = [self.page(i) for i in self.pageIds()]
        content = max((p.content_height() for p in pages if isinstance(p, ValidatingPage)), default=420)
        chrome = self.fontMetrics().lineSpacing() * 6 + 110  # title, subtitle, buttons and margins
        fit_to_screen(self, QSize(self.preferred_width, min(chrome + content, self.MAX_HEIGHT)))

    def keyPressEvent(self, event) -> None:
        """Enter that just chose an item in a completer's list does not press the default button too."""
        if event.key() in _ChosenFromList.KEYS and _ChosenFromList.just_chose():
            event.accept()
            return
        super().keyPressEvent(event)

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


def radio_choices(
    box: QWidget,
    layout: QVBoxLayout,
    group: QButtonGroup,
    name_prefix: str,
    options: list[tuple[str, str, str]],
    indent_bottom: int = 6,
) -> dict[str, QRadioButton]:
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


class ValidatingPage(QWizardPage, Generic[Record]):
    """A page whose fields carry data-dictionary keys and show the domain's messages.

    The fields sit in a scroll area (``body``), so that no field is ever squashed on a small
    screen; under it, outside the scroll area, a line explains the ``*`` of required fields
    and, after *Lanjut* found something missing, says what (each field shows its message).
    """

    edited = Signal()
    #: keys whose problems this page shows (problems of other keys belong to other pages)
    KEYS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.messages: dict[str, MessageLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.hints: dict[str, QLabel] = {}
        self.labels: dict[str, str] = {}
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("page_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body = QWidget(self.scroll_area)
        self.body.setObjectName("page_body")
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        self.legend = QLabel(self)
        self.legend.setObjectName("required_legend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #5f6368;")
        self.legend.hide()
        outer.addWidget(self.legend)

    def heading(self, title: str, subtitle: str, help_html: str | None = None) -> QVBoxLayout:
        """Title, subtitle and guidance box; returns the layout for the fields (inside the scroll area)."""
        self.setTitle(title)
        self.setSubTitle(subtitle)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 6, 0)
        if help_html:
            layout.addWidget(HelpBox(help_html, self.body))
        return layout

    def load(self, record: Record) -> None:
        """Show ``record``'s fields of this page (every page does)."""
        raise NotImplementedError

    def store(self, record: Record) -> None:
        """Write this page's fields into ``record`` (every page does)."""
        raise NotImplementedError

    def content_height(self) -> int:
        """The height the page's content would like (the wizard sizes itself to its tallest page)."""
        legend = self.legend.sizeHint().height() + 6 if self.legend.text() else 0
        return self.body.sizeHint().height() + legend

    def required_note(self) -> str:
        return tr("Isian bertanda * wajib diisi.")

    def add_message(self, layout, key: str) -> MessageLabel:
        """A message label for a key whose widget is not a single field (a group of choices)."""
        label = MessageLabel(key, self)
        layout.addWidget(label)
        return label

    def add_field(
        self,
        form: QFormLayout,
        key: str,
        widget: FieldWidget,
        *,
        label: str | None = None,
        hint: str | None = None,
        required: bool = False,
    ) -> FieldWidget:
        """Add a labelled field with its message label underneath; the widget is named after its key."""
        widget.setObjectName(key)
        holder = QWidget(self)
        holder.setObjectName(f"{key}_field")
        holder.setProperty(FIELD_HOLDER, True)  # the focus follower shows field, hint and message together
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
        column.addStretch(1)  # extra height goes below the message, never between field, hint and message
        text = (label or field_label(key)) + (" *" if required else "")
        row_label = QLabel(text + ":", self)
        row_label.setBuddy(widget)
        if isinstance(widget, (QSpinBox, QAbstractSpinBox)):  # a year or a date: as wide as its text
            widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            column.setAlignment(widget, Qt.AlignmentFlag.AlignLeft)
        # The label stands level with its field's first line, not in the middle of field, hint and message.
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if not isinstance(widget, QPlainTextEdit):
            row_label.setContentsMargins(
                0, max(0, (widget.sizeHint().height() - row_label.sizeHint().height()) // 2), 0, 0
            )
        else:
            row_label.setContentsMargins(0, 4, 0, 0)
        form.addRow(row_label, holder)
        self.register(key, widget, message)
        self.labels[key] = text
        if required and not self.legend.text():
            self.legend.setText(self.required_note())
            self.legend.show()
        return widget

    def register(self, key: str, widget: QWidget, message: MessageLabel | None = None) -> None:
        self.fields[key] = widget
        if message is not None:
            self.messages[key] = message
        signal = changed_signal(widget)
        if signal is not None:
            signal.connect(lambda *_, k=key: self._on_edit(k))
        if isinstance(widget, QComboBox) and widget.isEditable():  # typing, before an item is chosen
            combo_edit(widget).textEdited.connect(lambda *_, k=key: self._on_edit(k))

    def _on_edit(self, key: str) -> None:
        if self._loading:
            return
        message = self.messages.get(key)
        if message is not None and message.isVisible():
            message.show_problem(None)
        self.completeChanged.emit()
        self.edited.emit()

    def show_problems(self, problems: list[Problem]) -> bool:
        """Show each problem beside its field, and under the page what is still missing;
        True when any error is on this page (its first field gets the focus)."""
        mine = [p for p in problems if p.key in self.KEYS]
        first: dict[str, Problem] = {}
        for problem in sorted(mine, key=lambda p: not p.is_error):
            first.setdefault(problem.key, problem)
        for key, label in self.messages.items():
            label.show_problem(first.get(key))
        errors = [p for p in mine if p.is_error]
        self.show_summary(errors)
        if errors:
            self.focus_key(errors[0].key)
        return bool(errors)

    def show_summary(self, errors: list[Problem]) -> None:
        """Under the page: which fields still need something (or the legend when none do)."""
        names: list[str] = []
        for problem in errors:
            name = self.labels.get(problem.key, field_label(problem.key)).rstrip(" *")
            if problem.partner_seq is not None:
                name = tr("%1 (mitra %2)").replace("%1", name).replace("%2", str(problem.partner_seq))
            if name not in names:
                names.append(name)
        if names:
            self.legend.setText(
                "<span style='color:#b3261e'>✖ "
                + tr(
                    "Belum dapat dilanjutkan. Lengkapi: %1. Pesan di samping setiap isian menjelaskan apa yang "
                    "diperlukan."
                ).replace("%1", ", ".join(names))
                + "</span>"
            )
            self.legend.show()
        else:
            note = self.required_note() if any(t.endswith("*") for t in self.labels.values()) else ""
            self.legend.setText(note)
            self.legend.setVisible(bool(note))

    def focus_key(self, key: str) -> None:
        widget = self.fields.get(key)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def cleanupPage(self) -> None:
        pass
