"""The second look: the pages as pdfium draws them, compared pixel for pixel.

pages.py reads the file with pyHanko; a file crafted so that two PDF parsers read it
differently (duplicate objects, a damaged cross-reference section that one parser repairs)
could show a viewer something pyHanko never saw. pdfium is the engine of Chrome and Edge:
every page of the file is drawn at low resolution without annotations and compared with the
re-rendered form, which must give exactly the same pixels.

Signature widgets may draw a stamp: a page with a visible one is drawn again with its
annotations, and every changed pixel must lie inside a signature widget that covers only
blank paper, or lies in the signature block's space reserved for a TTE stamp.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .compare import Difference
from .guard import MAX_RENDER_PIXELS

if TYPE_CHECKING:
    from pypdfium2 import PdfPage

    from .layout import TteBox
    from .pages import DocumentView, Widget

#: A page as pdfium draws it: (width, height, stride, grey pixels).
Drawn = tuple[int, int, int, bytes]

#: Resolution of the comparison: enough for any changed glyph to change pixels.
DPI = 40
WHITE = 255


def compare_pixels(data: bytes, expected: bytes, view: DocumentView, tte: TteBox | None) -> list[Difference]:
    """Differences pdfium sees between the file and the re-render (empty when they agree)."""
    import pypdfium2 as pdfium

    out: list[Difference] = []
    mine, theirs = pdfium.PdfDocument(data), pdfium.PdfDocument(expected)
    try:
        if len(mine) != len(theirs) or len(mine) != len(view.pages):
            return [
                Difference(
                    "Pembaca PDF lain (pdfium) melihat jumlah halaman yang berbeda: berkas ini "
                    "disusun agar tampil berbeda di penampil yang berbeda."
                )
            ]
        for index, page_view in enumerate(view.pages):
            a, b = mine[index], theirs[index]
            width, height = b.get_size()
            scale = min(DPI / 72, math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1.0)))
            drawn, wanted = _render(a, scale, False), _render(b, scale, False)
            if drawn != wanted:
                out.append(
                    Difference(
                        f"Halaman {index + 1}: tampak berbeda saat digambar ulang (pemeriksaan kedua dengan pdfium).",
                        index + 1,
                        "pixels",
                    )
                )
                continue
            widgets = [w for w in page_view.signature_widgets if w.visible]
            if widgets:
                box = tte if tte is not None and tte.page == index else None
                out += _widgets(index + 1, _render(a, scale, True), wanted, widgets, box, scale, height)
    finally:
        mine.close()
        theirs.close()
    return out


def _render(page: PdfPage, scale: float, annotations: bool) -> Drawn:
    """(width, height, stride, grey pixels) of a page drawn by pdfium."""
    bitmap = page.render(scale=scale, draw_annots=annotations, may_draw_forms=False, grayscale=True)
    try:
        return bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)[: bitmap.stride * bitmap.height]
    finally:
        bitmap.close()


def _widgets(
    number: int, drawn: Drawn, blank: Drawn, widgets: list[Widget], tte: TteBox | None, scale: float, page_height: float
) -> list[Difference]:
    """Each changed pixel must lie in a widget; a widget outside the TTE space must cover
    only white paper of the form."""
    width, height, stride, data = drawn
    paper = blank[3]
    rects = []
    out: list[Difference] = []
    for widget in widgets:
        x0, y0, x1, y1 = widget.rect
        px = (
            max(0, math.floor(min(x0, x1) * scale) - 1),
            max(0, math.floor((page_height - max(y0, y1)) * scale) - 1),
            min(width, math.ceil(max(x0, x1) * scale) + 1),
            min(height, math.ceil((page_height - min(y0, y1)) * scale) + 1),
        )
        rects.append(px)
        inside_tte = tte is not None and (
            tte.x0 - 1 <= min(x0, x1)
            and max(x1, x0) <= tte.x1 + 1
            and tte.y0 - 1 <= min(y0, y1)
            and max(y0, y1) <= tte.y1 + 1
        )
        if not inside_tte and any(
            paper[row * stride + col] != WHITE for row in range(px[1], px[3]) for col in range(px[0], px[2])
        ):
            out.append(
                Difference(
                    f"Halaman {number}: tanda tangan «{widget.field}» menutupi isi formulir "
                    "(di luar ruang TTE pada blok pengesahan).",
                    number,
                )
            )
    for row in range(height):
        base = row * stride
        if data[base : base + width] == paper[base : base + width]:
            continue
        for col in range(width):
            if data[base + col] != paper[base + col] and not any(
                r[0] <= col < r[2] and r[1] <= row < r[3] for r in rects
            ):
                out.append(Difference(f"Halaman {number}: ada yang tergambar di luar kotak tanda tangan.", number))
                return out
    return out
