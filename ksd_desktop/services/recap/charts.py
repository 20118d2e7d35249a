"""Charts of the recap report, drawn with reportlab.graphics shapes.

Horizontal bars only: category names sit on the left in their own column (shortened with
"…" if they could not fit), every value is printed just past the end of its bar in a
column reserved for it, and stacked series get a legend above the plot, so no label can
overlap another whatever the data. Muted colours that stay distinct in grey print.

Imports reportlab at module level: only recap/pdf.py imports it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..pdf.kit import FONT, FONT_BOLD, GREY, INK, fit

# types-reportlab 5.0 declares Rect(**kw: _SolidShapeKwArgs) without Unpack[...], so it refuses
# every keyword (fillColor, strokeColor, strokeWidth): the Rect calls below carry an ignore.

KIND_COLOR = colors.HexColor("#1F4E79")
STATUS_COLORS = {
    "sesuai": colors.HexColor("#2E7D4F"),
    "tidak_sesuai": colors.HexColor("#C55A11"),
    "belum_dinilai": colors.HexColor("#BDBDBD"),
}
GRID = colors.HexColor("#D9D9D9")
AXIS = colors.HexColor("#8C8C8C")
LABEL_SIZE, VALUE_SIZE, TICK_SIZE, LEGEND_SIZE = 8.5, 8, 7, 8
BAR_H, BAR_GAP = 12.0, 7.0


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one per series (stacked left to right)
    value_text: str  # printed past the end of the bar


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 5 × 10^k) giving at most ``ticks`` intervals up to ``maximum``."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power: float = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, factor * power)
    return max(1, 10 * power)


def _tick_text(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def hbar_chart(
    bars: list[Bar], series: list[tuple[str, colors.Color]], width: float, *, axis_title: str = ""
) -> Drawing:
    """A horizontal (stacked) bar chart ``width`` points wide; its height follows the bars."""
    legend_h = 16.0 if len(series) > 1 else 0.0
    axis_h = 22.0 if axis_title else 12.0
    label_w = min(max((stringWidth(b.label, FONT, LABEL_SIZE) for b in bars), default=0) + 10, width * 0.36)
    value_w = max((stringWidth(b.value_text, FONT_BOLD, VALUE_SIZE) for b in bars), default=0) + 8
    plot_w = max(40.0, width - label_w - value_w)
    plot_h = len(bars) * (BAR_H + BAR_GAP) + BAR_GAP
    height = legend_h + plot_h + axis_h
    d = Drawing(width, height)
    top = height - legend_h
    x0 = label_w

    maximum = max((sum(b.values) for b in bars), default=0)
    step = nice_step(maximum)
    scale_max = max(step, math.ceil(maximum / step) * step)
    ticks = round(scale_max / step)

    def x_of(value: float) -> float:
        return x0 + plot_w * value / scale_max

    for i in range(ticks + 1):
        x = x_of(i * step)
        d.add(Line(x, axis_h, x, top, strokeColor=GRID if i else AXIS, strokeWidth=0.5))
        d.add(
            String(
                x,
                axis_h - 9,
                _tick_text(i * step),
                fontName=FONT,
                fontSize=TICK_SIZE,
                fillColor=GREY,
                textAnchor="middle",
            )
        )
    d.add(Line(x0, axis_h, x_of(scale_max), axis_h, strokeColor=AXIS, strokeWidth=0.5))
    if axis_title:
        d.add(
            String(
                x0 + plot_w / 2, 2, axis_title, fontName=FONT, fontSize=TICK_SIZE, fillColor=GREY, textAnchor="middle"
            )
        )

    for row, bar in enumerate(bars):
        y = top - (row + 1) * (BAR_H + BAR_GAP)
        d.add(
            String(
                label_w - 6,
                y + BAR_H / 2 - 3,
                fit(bar.label, FONT, LABEL_SIZE, label_w - 8),
                fontName=FONT,
                fontSize=LABEL_SIZE,
                fillColor=INK,
                textAnchor="end",
            )
        )
        start = 0
        for value, (_, colour) in zip(bar.values, series, strict=True):
            if value > 0:
                d.add(
                    Rect(
                        x_of(start),
                        y,
                        x_of(start + value) - x_of(start),
                        BAR_H,
                        fillColor=colour,  # type: ignore[arg-type]
                        strokeColor=colors.white,  # type: ignore[arg-type]
                        strokeWidth=0.4,  # type: ignore[arg-type]
                    )
                )
            start += value
        text_w = stringWidth(bar.value_text, FONT_BOLD, VALUE_SIZE)
        d.add(Rect(x_of(start) + 2, y, text_w + 4, BAR_H, fillColor=colors.white, strokeColor=None))  # type: ignore[arg-type]  # over grid
        d.add(
            String(
                x_of(start) + 4,
                y + BAR_H / 2 - 3,
                bar.value_text,
                fontName=FONT_BOLD,
                fontSize=VALUE_SIZE,
                fillColor=INK,
            )
        )

    if legend_h:
        x = x0
        for name, colour in series:
            d.add(Rect(x, height - 11, 8, 8, fillColor=colour, strokeColor=None))  # type: ignore[arg-type]
            d.add(String(x + 11, height - 10, name, fontName=FONT, fontSize=LEGEND_SIZE, fillColor=INK))
            x += 11 + stringWidth(name, FONT, LEGEND_SIZE) + 14
    return d


def mini_bar(
    values: tuple[int, ...], maximum: int, series: list[colors.Color], width: float, height: float = 7.0
) -> Drawing:
    """A small stacked bar for a table cell, scaled to ``maximum``."""
    d = Drawing(width, height)
    start = 0.0
    for value, colour in zip(values, series, strict=True):
        if value > 0 and maximum > 0:
            w = width * value / maximum
            d.add(Rect(start, 0, w, height, fillColor=colour, strokeColor=colors.white, strokeWidth=0.3))  # type: ignore[arg-type]
            start += w
    return d


def legend(series: list[tuple[str, colors.Color]], width: float) -> Drawing:
    """A one-line legend (for a table of mini bars)."""
    d = Drawing(width, 11)
    x = 0.0
    for name, colour in series:
        d.add(Rect(x, 1.5, 8, 8, fillColor=colour, strokeColor=None))  # type: ignore[arg-type]
        d.add(String(x + 11, 2.5, name, fontName=FONT, fontSize=LEGEND_SIZE, fillColor=INK))
        x += 11 + stringWidth(name, FONT, LEGEND_SIZE) + 14
    return d
