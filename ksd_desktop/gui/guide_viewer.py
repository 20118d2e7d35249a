"""The user guide inside the app: the shipped PDF's pages, its table of contents, a search box.

Why a viewer of our own and not the laptop's PDF reader: the office laptops are not sure to
have one set up (a fresh Windows asks which app should open a PDF), a reader cannot be told
to open at a section, and the app must work offline. The pages are drawn with pdfium, the
engine verification already ships, only for the pages in view. *Buka di Aplikasi PDF* (to
print) and *Simpan Salinan* (to share the guide) hand the same file to the outside.

``open_guide(topic, parent)`` shows one viewer per window at the named section (F1).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from . import ui_state
from .icons import icon

GAP = 14  # pixels between pages
MARGIN = 16  # around the pages
ZOOM_STEP = 1.2
CACHE_PAGES = 12  # rendered pages kept


def tr(text: str) -> str:
    return QCoreApplication.translate("GuideViewer", text)


class PagesView(QWidget):
    """Every page stacked vertically at one scale; pages are drawn when first seen (pdfium)."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.scale = 1.0  # logical pixels per point
        self._cache: dict[int, QImage] = {}  # page → image at the current scale
        self._tops: list[int] = []
        self.setAutoFillBackground(False)
        self._layout_pages()

    def set_scale(self, scale: float) -> None:
        if abs(scale - self.scale) > 1e-3:
            self.scale = scale
            self._cache.clear()
            self._layout_pages()
            self.update()

    def _layout_pages(self) -> None:
        y, width, self._tops = MARGIN, 0, []
        for index in range(self.document.page_count):
            w, h = self.document.page_size(index)
            self._tops.append(y)
            y += round(h * self.scale) + GAP
            width = max(width, round(w * self.scale))
        self.setFixedSize(QSize(width + 2 * MARGIN, y - GAP + MARGIN))

    def page_rect(self, index: int) -> QRect:
        w, h = self.document.page_size(index)
        width = round(w * self.scale)
        return QRect((self.width() - width) // 2, self._tops[index], width, round(h * self.scale))

    def page_at(self, y: int) -> int:
        """The page under height ``y`` (or the last one above it)."""
        page = 0
        for index, top in enumerate(self._tops):
            if top <= y:
                page = index
        return page

    def y_of(self, page: int, top: float | None) -> int:
        rect = self.page_rect(page)
        return rect.top() + (round(rect.height() * top) - 12 if top else 0)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#8a939c"))
        for index in range(self.document.page_count):
            rect = self.page_rect(index)
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(2, 3), QColor(0, 0, 0, 60))
            painter.drawImage(rect, self._image(index))
        painter.end()

    def _image(self, index: int) -> QImage:
        image = self._cache.get(index)
        if image is None:
            ratio = self.devicePixelRatioF()
            pixels = self.document.render(index, self.scale * ratio)
            image = QImage(pixels.data, pixels.width, pixels.height, pixels.stride, QImage.Format.Format_RGB888).copy()
            image.setDevicePixelRatio(ratio)
            if len(self._cache) >= CACHE_PAGES:
                self._cache.pop(next(iter(self._cache)))
            self._cache[index] = image
        return image


class GuideViewer(QDialog):
    """objectName ``guide_viewer``: table of contents, pages, search, zoom, open outside, save a copy."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guide_viewer")
        self.setWindowTitle(tr("Panduan Pengguna — KSD Desktop"))
        self.setWindowIcon(icon("guide"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.document = document
        self.fit_width = True
        self.current_section: str | None = None
        self._headings: list[tuple[int, float, QTreeWidgetItem]] = []
        self.contents = QTreeWidget(self)
        self.contents.setObjectName("guide_contents")
        self.contents.setHeaderLabel(tr("Daftar Isi"))
        self.contents.itemActivated.connect(self._go_to_item)
        self.contents.itemClicked.connect(self._go_to_item)
        self.pages = PagesView(document)
        self.page_area = QScrollArea(self)
        self.page_area.setObjectName("guide_pages")
        self.page_area.setWidget(self.pages)
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_area.setStyleSheet("QScrollArea#guide_pages { background: #8a939c; }")
        self.page_area.verticalScrollBar().valueChanged.connect(lambda *_: self._show_position())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.page_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._tool_row())
        layout.addWidget(splitter, 1)
        self._fill_contents()
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self._fit)
        from .screen import fit_to_screen

        fit_to_screen(self, QSize(1200, 860))

    # -- construction ------------------------------------------------------------------
    def _tool_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("guide_search")
        self.search.setPlaceholderText(tr("Cari di panduan, misalnya: revisi"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.search.setMinimumWidth(240)
        self.search.setMaximumWidth(320)
        find = QPushButton(tr("&Cari"), self)
        find.clicked.connect(self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)
        self.position = QLabel(self)
        self.position.setObjectName("guide_position")
        row.addWidget(self.search)
        row.addWidget(find)
        row.addSpacing(12)
        row.addWidget(self.position, 1)
        for text, tip, slot, keys in (
            (tr("−"), tr("Perkecil (Ctrl+−)"), self.zoom_out, QKeySequence.StandardKey.ZoomOut),
            (tr("+"), tr("Perbesar (Ctrl++)"), self.zoom_in, QKeySequence.StandardKey.ZoomIn),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            button.setMinimumWidth(30)
            QShortcut(QKeySequence(keys), self, slot)
            row.addWidget(button)
        fit = QPushButton(tr("Sesuai &Lebar"), self)
        fit.setToolTip(tr("Halaman selebar jendela"))
        fit.clicked.connect(self.fit_to_width)
        outside = QPushButton(tr("Buka di Aplikasi &PDF"), self)
        outside.setObjectName("guide_open_outside")
        outside.setToolTip(tr("Buka panduan dengan aplikasi PDF laptop ini, misalnya untuk mencetaknya"))
        outside.clicked.connect(self.open_outside)
        copy = QPushButton(tr("Simpan &Salinan…"), self)
        copy.setObjectName("guide_save_copy")
        copy.setToolTip(tr("Simpan berkas PDF panduan, misalnya ke flash disk untuk rekan kerja"))
        copy.clicked.connect(self.save_copy)
        close = QPushButton(tr("&Tutup"), self)
        close.clicked.connect(self.close)
        for widget in (fit, outside, copy, close):
            row.addWidget(widget)
        return row

    def _fill_contents(self) -> None:
        parents: list[QTreeWidgetItem] = []
        self._headings = []  # page, top, item, in reading order
        for heading in self.document.outline():
            level = min(heading.level, len(parents))
            parent = parents[level - 1] if level > 0 else None
            item = QTreeWidgetItem([heading.title])
            item.setData(0, Qt.ItemDataRole.UserRole, heading.target)
            item.setToolTip(0, heading.title)
            if parent is None:
                self.contents.addTopLevelItem(item)
            else:
                parent.addChild(item)
            del parents[level:]
            parents.append(item)
            self._headings.append((heading.target.page, heading.target.top or 0.0, item))

    # -- navigation --------------------------------------------------------------------
    def open_section(self, name: str) -> bool:
        """Scroll to the named section; False (and the first page) when the guide has no such section."""
        target = self.document.destination(name)
        self.current_section = name if target is not None else None
        if target is None:
            self.go_to(0, None)
            return False
        self.go_to(target.page, target.top)
        return True

    def go_to(self, page: int, top: float | None = None) -> None:
        self._fit_now()
        self.page_area.verticalScrollBar().setValue(self.pages.y_of(page, top))
        self._show_position()

    def current_page(self) -> int:
        bar = self.page_area.verticalScrollBar()
        return self.pages.page_at(bar.value() + self.page_area.viewport().height() // 3)

    def _go_to_item(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if target is not None:
            self.go_to(target.page, target.top)

    def _show_position(self) -> None:
        self.position.setText(
            tr("Halaman %1 dari %2")
            .replace("%1", str(self.current_page() + 1))
            .replace("%2", str(self.document.page_count))
        )
        self._mark_section()

    def _mark_section(self) -> None:
        """Select, in the table of contents, the section being read (the last heading above the view's top)."""
        y = self.page_area.verticalScrollBar().value() + 40
        current = None
        for page, top, item in self._headings:
            if self.pages.y_of(page, top) > y:
                break
            current = item
        if current is not None and current is not self.contents.currentItem():
            parent = current.parent()
            if parent is not None:
                parent.setExpanded(True)
            self.contents.setCurrentItem(current)
            self.contents.scrollToItem(current)

    def find_next(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        page = self.document.find(text, self.current_page() + 1)
        if page is None:
            self.position.setText(tr("«%1» tidak ditemukan di panduan.").replace("%1", text))
            return
        self.go_to(page)

    # -- zoom --------------------------------------------------------------------------
    def _width_scale(self) -> float:
        width = max(self.document.page_size(p)[0] for p in range(self.document.page_count))
        available = self.page_area.viewport().width() - 2 * MARGIN
        return max(0.3, available / width)

    def _fit_now(self) -> None:
        if self.fit_width:
            self._fit()

    def _fit(self) -> None:
        if self.fit_width:
            self._set_scale(self._width_scale())

    def _set_scale(self, scale: float) -> None:
        bar = self.page_area.verticalScrollBar()
        fraction = bar.value() / max(1, self.pages.height())
        self.pages.set_scale(min(4.0, max(0.3, scale)))
        bar.setValue(round(fraction * self.pages.height()))
        self._show_position()

    def zoom_in(self) -> None:
        self.fit_width = False
        self._set_scale(self.pages.scale * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.fit_width = False
        self._set_scale(self.pages.scale / ZOOM_STEP)

    def fit_to_width(self) -> None:
        self.fit_width = True
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit_width:
            self._resize_timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_now()

    # -- outside -----------------------------------------------------------------------
    def open_outside(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.document.path))):
            QMessageBox.information(
                self,
                tr("Buka di Aplikasi PDF"),
                tr(
                    "Laptop ini belum memiliki aplikasi untuk membuka PDF. Panduan tetap dapat dibaca di jendela ini; "
                    "untuk mencetaknya, simpan salinannya (Simpan Salinan…) dan cetak dari komputer lain."
                ),
            )

    def save_copy(self) -> None:
        default = str(ui_state.last_folder() / "Panduan-Pengguna-KSD-Desktop.pdf")
        path, _ = QFileDialog.getSaveFileName(self, tr("Simpan salinan panduan"), default, tr("Dokumen PDF (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            shutil.copyfile(self.document.path, path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                tr("Salinan belum disimpan"),
                tr("Panduan tidak dapat disimpan ke %1: %2")
                .replace("%1", path)
                .replace("%2", exc.strerror or str(exc)),
            )
            return
        ui_state.remember_folder(Path(path))
        QMessageBox.information(self, tr("Salinan disimpan"), tr("Panduan disimpan di:\n%1").replace("%1", path))

    def closeEvent(self, event) -> None:
        self.document.close()
        super().closeEvent(event)


def viewer_of(window: QWidget | None) -> GuideViewer | None:
    """The guide already open for ``window`` (one per window, so F1 again reuses it)."""
    if isinstance(window, GuideViewer):
        return window
    if window is None:
        return None
    for child in window.findChildren(GuideViewer, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isVisible():
            return child
    return None


def open_guide(topic: str | None, window: QWidget | None) -> GuideViewer | None:
    """Show the guide at ``topic`` over ``window`` (a child of it, so a modal dialog does not block it).

    A missing or damaged guide gives an Indonesian message, never a traceback.
    """
    viewer = viewer_of(window)
    if viewer is None:
        from ..services.guide import GuideDocument, guide_path

        try:
            document = GuideDocument(guide_path())
        except UserError as exc:
            QMessageBox.warning(window, tr("Panduan Pengguna"), str(exc))
            return None
        viewer = GuideViewer(document, window)
    viewer.show()
    viewer.raise_()
    viewer.activateWindow()
    if topic:
        viewer.open_section(topic)
    return viewer
