"""The form's Paragraphs, made cheaply: fragments from the parse of their shape, and one plain
line drawn by the table as a string (the same pixels). Part of form layout 1 (see
layouts/__init__.py); imports reportlab, so only the PDF writers import it, inside functions.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

__all__ = ["Para", "string_cell"]

#: A paragraph's markup as reportlab's parser reads it: a tag, an entity, a run of text.
#: Markup made of these alone (escaped text in our tags) takes the parse of its shape.
_TOKEN = re.compile(r"<[^<>]*>|&(?:amp|lt|gt|quot|#39);|[^<&]+")
_SKELETONS = "_ksd_skeletons"  # per style object (styles are made anew for every document)
_SHAPE_LIMIT = 160


def _frags(text: str, style: ParagraphStyle) -> list[Any] | None:
    """The fragments reportlab's parser makes of ``text`` (already cleaned), or None when the
    text is not plain enough to take them from its shape.

    reportlab parses every Paragraph with an HTML parser (a fifth of a form's time). Text
    between tags and entities becomes one fragment each, whatever it says: the fragments of
    ``<b>A</b> &amp; B<br/>C`` are those of ``<b>a</b>a&amp;a<br/>a`` with the texts put
    back. So each shape (the tags and entities as they are, every text run as "a") is parsed
    once per style and copied; the tags are the layout's own (user text is always escaped).
    tests/services/test_pdf_kit.py compares the result with the parser's on many texts.
    """
    tokens = _TOKEN.findall(text)
    if len(tokens) > _SHAPE_LIMIT or sum(map(len, tokens)) != len(text):
        return None
    runs = [t for t in tokens if t[0] not in "<&"]
    shape = "".join(t if t[0] in "<&" else "a" for t in tokens)
    # a style made with parent= copies the parent's __dict__, this cache too: it names its owner
    owner, cache = style.__dict__.get(_SKELETONS, (None, None))
    if owner is not style or cache is None:
        cache = {}
        style.__dict__[_SKELETONS] = (style, cache)
    skeleton = cache.get(shape)
    if skeleton is None:
        from reportlab.platypus.paraparser import ParaParser

        parser = ParaParser()
        parser.caseSensitive = 1
        parsed_style, frags, bullets = parser.parse(shape, style)  # type: ignore[no-untyped-call]
        if frags is None or bullets or parsed_style is not style or sum(1 for f in frags if f.text == "a") != len(runs):
            frags = None
        skeleton = cache[shape] = frags or False
    if not skeleton:
        return None
    out, texts = [], iter(runs)
    for frag in skeleton:
        copied = frag.__class__.__new__(frag.__class__)  # copy.copy, without its generic machinery
        copied.__dict__.update(frag.__dict__)
        if frag.text == "a":
            copied.text = next(texts)
        out.append(copied)
    return out


class Para(Paragraph):
    """A Paragraph that takes its fragments from the parse of its shape (:func:`_frags`) and
    remembers its last line breaking: reportlab wraps every table cell three or four times
    (measure, keep-together, place, draw) at the same width, and the breaking depends on the
    width alone."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle | None = None,
        bulletText: Any = None,  # noqa: N803
        frags: list[Any] | None = None,
        caseSensitive: int = 1,  # noqa: N803
        encoding: str = "utf8",
    ) -> None:
        if (
            frags is None
            and text is not None
            and style is not None
            and bulletText is None
            and not getattr(style, "bulletText", None)
            and not getattr(style, "textTransform", None)
        ):
            cleaned = cleanBlockQuotedText(text)
            frags = _frags(cleaned, style)
            if frags is not None:
                self.caseSensitive, self.encoding = caseSensitive, encoding
                self.text, self.frags, self.style, self.bulletText, self.debug = cleaned, frags, style, None, 0
                # one fragment in the style's own font (no tag): a Grid may draw it as a string
                self._ksd_plain = len(frags) == 1 and "<" not in cleaned
                return
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)  # type: ignore[arg-type]  # split() passes None with frags

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self.__dict__.get("_ksd_wrapped")
        if cached is not None and cached[0] == availWidth:
            self.width, self.height, self.blPara = cached[1], cached[2], cached[3]
            return cached[1], cached[2]
        width, height = super().wrap(availWidth, availHeight)
        self._ksd_wrapped = (availWidth, width, height, self.blPara)
        return width, height


_ODD_SPACE = re.compile(r"[^\S ]")


def string_cell(cell: object, width: float) -> str | None:
    """A plain Para ``width`` wide as the string a table draws in its place: its lines as
    reportlab breaks them, joined by newlines. A table draws a string cell's lines where the
    Paragraph draws them (the first baseline one font size under the padding, one leading
    apart, x at the padding or centred), for a fraction of a Paragraph's cost. None for
    anything else: markup, entities, indents, a line set with its spaces shrunk (a Paragraph
    draws it with a narrower word space), a single line within half a point of the width."""
    if type(cell) is not Para or not cell.__dict__.get("_ksd_plain"):
        return None
    style = cell.style
    if (
        style.alignment not in (TA_LEFT, TA_CENTER)
        or style.firstLineIndent
        or style.leftIndent
        or style.rightIndent
        or getattr(style, "autoLeading", "") not in ("", "off", None)
    ):
        return None
    text = cell.frags[0].text
    if not text or _ODD_SPACE.search(text) or text != " ".join(text.split()):
        return None
    if pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width - 0.5:
        return str(text)
    cell.wrap(width, 1e7)  # reportlab's own line breaking (kept by Para.wrap for the table)
    broken = cell.blPara
    if broken.kind != 0 or any(extra <= -1e-8 for extra, _ in broken.lines):
        return None
    return "\n".join(" ".join(words) for _, words in broken.lines)
