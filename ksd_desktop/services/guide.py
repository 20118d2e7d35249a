"""The shipped user guide (*Panduan Pengguna*): where it is, its sections, and its pages as pixels.

The guide is a PDF built from ``docs/panduan/`` by ``tools/build_guide.py`` and shipped in
``resources/guide/``. Every section carries a PDF *named destination* (``pemetaan``,
``periksa-arti``…) and an outline entry, so any PDF reader shows its table of contents and
the app's viewer opens a section by name (F1). Pages are drawn with pdfium (already used by
verification), so the guide reads on a laptop without a PDF reader. No Qt here: the GUI
turns the RGB bytes of :meth:`GuideDocument.render` into an image.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import resource
from .errors import ServiceError

#: The guide inside ``resources/``.
GUIDE_PARTS = ("guide", "panduan-pengguna.pdf")


def guide_path() -> Path:
    """The shipped guide; ServiceError (Indonesian) when the installation lacks it."""
    try:
        path = resource(*GUIDE_PARTS)
    except FileNotFoundError as exc:
        raise ServiceError(str(exc)) from exc
    if not path.is_file():
        raise ServiceError(
            f"Panduan Pengguna tidak ditemukan di {path}. Pasang ulang KSD Desktop, atau minta "
            "berkas panduannya kepada petugas TI."
        )
    return path


@dataclass(frozen=True)
class Target:
    """Where a named destination points: a page (0-based) and, when known, its height from the page's
    top as a fraction of the page (0.0 = top edge)."""

    page: int
    top: float | None = None


@dataclass(frozen=True)
class Heading:
    """One outline entry: level (0 = chapter), title and target."""

    level: int
    title: str
    target: Target


@dataclass(frozen=True)
class Pixels:
    """A page drawn by pdfium: ``height`` rows of ``stride`` bytes, RGB, 8 bits per channel."""

    width: int
    height: int
    stride: int
    data: bytes


class GuideDocument:
    """An open guide PDF (pdfium). Use from one thread; ``close()`` when done."""

    def __init__(self, path: str | Path):
        import pypdfium2 as pdfium

        self.path = Path(path)
        try:
            self._pdf: Any = pdfium.PdfDocument(str(self.path))
        except (pdfium.PdfiumError, OSError) as exc:
            raise ServiceError(
                f"Panduan Pengguna ({self.path.name}) tidak dapat dibuka: berkasnya rusak atau "
                "tidak lengkap. Pasang ulang KSD Desktop."
            ) from exc
        self._sizes = [self._pdf.get_page_size(i) for i in range(len(self._pdf))]
        self._texts: dict[int, str] = {}

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def page_size(self, index: int) -> tuple[float, float]:
        """(width, height) of a page in points."""
        width, height = self._sizes[index]
        return float(width), float(height)

    def destination(self, name: str) -> Target | None:
        """The page (and height) of the named destination ``name``, or None when the guide has none."""
        import pypdfium2.raw as raw

        dest = raw.FPDF_GetNamedDestByName(self._pdf.raw, name.encode("utf-8"))
        if not dest:
            return None
        page = raw.FPDFDest_GetDestPageIndex(self._pdf.raw, dest)
        if page < 0 or page >= self.page_count:
            return None
        return Target(page, self._top(dest, page))

    def _top(self, dest: Any, page: int) -> float | None:
        import pypdfium2.raw as raw

        has_x, has_y, has_zoom = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        x, y, zoom = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if not raw.FPDFDest_GetLocationInPage(dest, has_x, has_y, has_zoom, x, y, zoom) or not has_y.value:
            return None
        height = self.page_size(page)[1]
        return min(1.0, max(0.0, (height - y.value) / height)) if height else None

    def outline(self) -> list[Heading]:
        """The table of contents (PDF bookmarks), in order."""
        headings = []
        for item in self._pdf.get_toc(max_depth=4):  # pypdfium2 5: PdfBookmark
            dest = item.get_dest()
            page = dest.get_index() if dest is not None else None
            if page is None or not 0 <= page < self.page_count:
                continue
            _mode, view = dest.get_view()
            top = None
            if len(view) >= 2 and view[1]:  # /XYZ left top zoom
                height = self.page_size(page)[1]
                top = min(1.0, max(0.0, (height - float(view[1])) / height)) if height else None
            headings.append(Heading(item.level, item.get_title() or "", Target(page, top)))
        return headings

    def render(self, index: int, scale: float) -> Pixels:
        """Page ``index`` drawn at ``scale`` pixels per point (1.0 = 72 dpi), RGB."""
        page = self._pdf[index]
        try:
            bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
            try:
                width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                if bitmap.n_channels != 3:  # a format we did not ask for: let pdfium convert
                    image = bitmap.to_pil().convert("RGB")
                    return Pixels(image.width, image.height, image.width * 3, image.tobytes())
                return Pixels(width, height, stride, bytes(bitmap.buffer))
            finally:
                bitmap.close()
        finally:
            page.close()

    def find(self, text: str, start: int = 0) -> int | None:
        """The first page (from ``start``, wrapping around) whose text contains ``text``, case-insensitive."""
        wanted = " ".join(text.split()).casefold()
        if not wanted:
            return None
        for offset in range(self.page_count):
            index = (start + offset) % self.page_count
            if wanted in self.page_text(index):
                return index
        return None

    def page_text(self, index: int) -> str:
        """The text of a page, folded for searching (whitespace collapsed, case-insensitive)."""
        if index not in self._texts:
            self._texts[index] = self._read_text(index)
        return self._texts[index]

    def _read_text(self, index: int) -> str:
        page = self._pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                return " ".join(textpage.get_text_bounded().split()).casefold()
            finally:
                textpage.close()
        finally:
            page.close()

    def close(self) -> None:
        self._pdf.close()
