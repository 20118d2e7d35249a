"""Plain text broken into lines here, as reportlab's Paragraph breaks it, for the Laporan's long
lists (recap/pdf.py): a bare string cell, or :class:`TextLines` of several fonts, costs a fraction
of a Paragraph and draws the same pixels (tests/services/test_recap.py compares them). Imports
reportlab: only recap/pdf.py imports it.
"""

from __future__ import annotations

import re

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

CELL_PAD = 3.0  # pdf.kit.Grid's default horizontal padding
STRING_LINES = 12  # a wrapped text cell of more lines is a Paragraph (pdf/kit.py Grid cuts those)


def wrap_lines(text: str, font: str, size: float, room: float, *, strict: bool = False) -> list[str] | None:
    """``text`` broken into lines of at most ``room`` points at its spaces, first fit, as reportlab's
    Paragraph breaks a left-aligned text (a line may take what its spaces could shrink:
    ``rl_config.spaceShrinkage``); None when a word alone is wider (a Paragraph splits it) or,
    ``strict``, when a line takes some of that shrinking (a Paragraph draws it with narrower spaces)."""
    space = stringWidth(" ", font, size)
    shrink = rl_config.spaceShrinkage * space
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            width = stringWidth(word, font, size)
            if width > room:
                return None
            if line and used + space + width > room + shrink * len(line):
                if strict and used > room:
                    return None
                lines.append(" ".join(line))
                line, used = [word], width
            else:
                used += (space if line else 0) + width
                line.append(word)
        if strict and used > room:
            return None
        lines.append(" ".join(line))
    return lines


_ODD_SPACE = re.compile(r"[^\S \n]")  # a tab, a no-break space …: a Paragraph treats them otherwise


class TextLines(Flowable):
    """Lines already broken, each in its font (one size, leading and colour), drawn where a
    Paragraph of the same lines draws them: the first baseline one font size under its top,
    one leading apart (reportlab's drawPara, no autoLeading). A fraction of a Paragraph's cost."""

    def __init__(self, lines: list[tuple[str, str]], style: ParagraphStyle):
        super().__init__()
        self.lines, self.size, self.leading, self.color = lines, style.fontSize, style.leading, style.textColor
        self.height = len(lines) * style.leading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.color)
        y = self.height - self.size
        for font, text in self.lines:
            if text:
                c.setFont(font, self.size)
                c.drawString(0, y, text)
            y -= self.leading
        c.restoreState()


def text_lines(parts: list[tuple[str, str]], style: ParagraphStyle, width: float) -> TextLines | None:
    """Plain texts, each in its font, one after the other on new lines (as ``<br/>`` between
    them in a Paragraph: an empty text is left out), broken as a Paragraph breaks them
    (:func:`wrap_lines`); None when one cannot be (a word wider than the column, an unusual
    space) or the cell would be taller than STRING_LINES lines (pdf/kit.py Grid cuts those)."""
    lines: list[tuple[str, str]] = []
    for font, text in parts:
        if not text:
            continue
        if _ODD_SPACE.search(text):
            return None
        broken = wrap_lines(text, font, style.fontSize, width - 2 * CELL_PAD, strict=True)
        if broken is None:
            return None
        lines += [(font, line) for line in broken]
    if (
        not lines
        or len(lines) > STRING_LINES
        or style.alignment != TA_LEFT
        or style.leftIndent
        or style.firstLineIndent
    ):
        return None
    return TextLines(lines, style)
