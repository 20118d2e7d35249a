"""Read-only view of one proposal: every field with its label, the partners, the form's state.

The text is written by ``detail_text.render_detail``; it can be selected and copied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QTextBrowser

if TYPE_CHECKING:
    from ...storage.queries import ProposalDetail


class ProposalDetailView(QStackedWidget):
    """The detail pane under the proposals table.

    Until the first proposal is chosen it is a plain hint; the rich-text browser is built
    then, so the window does not pay for it before it is needed.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("proposal_detail")
        self.hint = QLabel(self.tr("Pilih satu usulan pada tabel di atas untuk melihat rinciannya."), self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setFrameShape(QFrame.Shape.StyledPanel)
        palette = self.hint.palette()  # muted text on white, like the text it stands for
        palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.PlaceholderText))
        self.hint.setPalette(palette)
        self.hint.setBackgroundRole(QPalette.ColorRole.Base)
        self.hint.setAutoFillBackground(True)
        self.addWidget(self.hint)
        self.browser: QTextBrowser | None = None
        self.zone: str | None = None  # the time zone times are shown in (the window sets it from the settings)

    def show_detail(self, detail: ProposalDetail | None) -> None:
        if detail is None:
            self.setCurrentWidget(self.hint)
            return
        from .detail_text import render_detail  # with the domain's labels, for the first proposal shown

        if self.browser is None:
            self.browser = QTextBrowser(self)
            self.browser.setObjectName("proposal_detail_text")
            self.browser.setOpenLinks(False)
            self.browser.setFrameShape(QFrame.Shape.StyledPanel)
            self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the text wraps
            self.browser.document().setDocumentMargin(10)
            self.addWidget(self.browser)
        self.browser.setHtml(render_detail(detail, self.zone))
        self.setCurrentWidget(self.browser)

    def toPlainText(self) -> str:
        """The text the pane shows now."""
        browser = self.browser
        return browser.toPlainText() if browser is not None and self.currentWidget() is browser else self.hint.text()
