"""The kop (letterhead) of every document the application prints, in one function: the form
(draft and signed), the Laporan and the monev report.

    [lambang]        PEMERINTAH KABUPATEN BANJAR          [logo]
                           DINAS KESEHATAN
                 Jl. Sukaramai No. 5, Martapura 70614
     Telepon (0511) 4721234, Laman …, Pos-el dinkes@banjarkab.go.id
    ════════════════════════════════════════════════════════════

The region's lambang on the left (Pengaturan › Umum), the agency's own logo on the right when
it has one (Pengaturan › Perangkat Daerah), the text centred on the page. A long agency name
is set smaller over two or three lines. Each line under it (the address, then one contact
line: issue 13) keeps to one line: a long one is set smaller (down to 7.5 pt) and, when even
that does not fit between the logos, across the whole width under them.

PART OF FORM LAYOUT 1. Verification typesets a form's kop again with this code, so once
layout 1 is released a change here that alters how a kop looks needs a new layout version
(freeze a copy into layouts/v<N>/, see layouts/__init__.py), even when the change was meant
for the Laporan. Deterministic: the same letterhead always gives the same drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from .kit import FONT, FONT_BOLD, DoubleRule, Para, Styles, esc, logo, plain, shorten, table_style

#: Width of a logo's column, and the largest logo drawn in it.
SIDE = 25 * mm
LOGO_W, LOGO_H = 23 * mm, 22 * mm
#: Sizes tried, largest first, for a line under the agency's name (between the logos, then
#: across the whole width).
LINE_SIZES = (9.0, 8.5, 8.0, 7.5)
FULL_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)
#: At most this many lines under the agency's name, each at most SHORT characters.
MAX_LINES, SHORT = 4, 150


@dataclass(frozen=True)
class Letterhead:
    """What a kop prints. A logo is a file path or the PNG/JPEG bytes a form's attachment keeps."""

    region_title: str  # "PEMERINTAH KABUPATEN BANJAR"
    agency_name: str  # "Dinas Kesehatan" (printed in capitals)
    lines: tuple[str, ...] = ()  # the address, the contact line
    lambang: str | bytes | None = None  # the region's coat of arms (left)
    agency_logo: str | bytes | None = None  # the agency's own logo (right)


def letterhead(head: Letterhead, width: float, styles: Styles) -> list[Flowable]:
    """The kop as flowables ``width`` wide, ending with the double rule and the space under it."""
    left = logo(head.lambang, LOGO_W, LOGO_H)
    right = logo(head.agency_logo, LOGO_W, LOGO_H)
    side = SIDE if left is not None or right is not None else 0.0
    middle = width - 2 * side
    agency = plain(head.agency_name).upper()[:SHORT]
    stack: list[Flowable] = [
        Para(esc(plain(head.region_title).upper(), SHORT), styles.kop_region),
        Para(esc(agency), _agency_style(agency, middle, styles.kop_agency)),
    ]
    below: list[Flowable] = []
    for line in _lines(head.lines):
        size = _fitting(line, LINE_SIZES, middle)
        if size is not None:
            stack.append(Para(esc(line), _sized(styles.kop_line, size)))
        else:  # too long between the logos: across the whole width, wrapped only as a last resort
            below.append(Para(esc(line), _sized(styles.kop_line, _fitting(line, FULL_SIZES, width) or FULL_SIZES[-1])))
    if side:
        table = Table([[left or "", stack, right or ""]], colWidths=[side, middle, side])
    else:
        table = Table([[stack]], colWidths=[width])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, 0), "LEFT"),
                ("ALIGN", (-1, 0), (-1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [table, *below, Spacer(1, 2.5 * mm), DoubleRule(width), Spacer(1, 6 * mm)]


def _lines(lines: tuple[str, ...]) -> list[str]:
    """The printable lines: control characters and repeated spaces gone, empty ones left out."""
    out = [" ".join(plain(line).split()) for line in lines or ()]
    return [shorten(line, SHORT) for line in out if line][:MAX_LINES]


def _fitting(text: str, sizes: tuple[float, ...], width: float) -> float | None:
    """The largest of ``sizes`` at which ``text`` fits ``width`` on one line, or None."""
    natural = stringWidth(text, FONT, 1.0)
    return next((size for size in sizes if natural * size <= width), None)


def _sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size:g}", parent=style, fontSize=size, leading=round(size * 1.28, 2))


def _agency_style(agency: str, width: float, style: ParagraphStyle) -> ParagraphStyle:
    """The agency's name in its full size, or smaller over two or three lines when it is long."""
    natural = stringWidth(agency, FONT_BOLD, style.fontSize)
    if natural <= width:
        return style
    size = 13 if natural * 13 / style.fontSize <= 2 * width else 11.5
    return ParagraphStyle(f"{style.name}-small", parent=style, fontSize=size, leading=size * 1.2)
