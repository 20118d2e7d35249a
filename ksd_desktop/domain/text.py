"""Text as people type and paste it: one normal form, and the characters no field may hold.

Every text is compared, validated and hashed in its *normal form*: Unicode NFC (``e`` +
combining acute and ``é`` are the same letter), line breaks as ``\\n``, and no whitespace
or invisible characters at either end. Inside a text, three kinds of character are refused
because nobody can see them and they make equal-looking texts differ (or, for the bidi
controls, make a text *look* different from what it says):

- control characters (Unicode category Cc) other than the line break and the tab of
  multi-line fields;
- format characters (category Cf): zero-width space and joiners, word joiner, byte-order
  mark, soft hyphen, and the bidirectional controls (U+202A–U+202E, U+2066–U+2069);
- lone surrogates (category Cs), which are not characters at all and cannot be written as
  UTF-8.

Line and paragraph separators (U+2028, U+2029) count as line breaks.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

#: Fields typed in a multi-line box: a line break (and a tab) is allowed inside them.
MULTILINE_FIELDS = frozenset(
    {
        "problem",
        "potential",
        "externality",
        "benefits",
        "notes",
        "review_note",
        "revision_reason",
    }
)

_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
_STRIP = None  # str.strip() default: every Unicode whitespace


class TextIssue(StrEnum):
    """Why a text is refused (``None`` from :func:`text_issue`: it is fine)."""

    SURROGATE = "surrogate"
    CONTROL = "control"
    INVISIBLE = "invisible"
    LINE_BREAK = "line_break"


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def normalize_text(value: str) -> str:
    """NFC, ``\\n`` line breaks, and no whitespace or invisible characters at either end."""
    if value.isascii():  # the common case, 20 times faster
        text = value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
        return text.strip()
    text = value
    for old, new in _LINE_BREAKS.items():
        if old in text:
            text = text.replace(old, new)
    try:
        text = unicodedata.normalize("NFC", text)
    except UnicodeError:  # pragma: no cover - NFC never fails on str, surrogates included
        pass
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or _is_invisible(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or _is_invisible(text[end - 1])):
        end -= 1
    return text[start:end]


def normalize_optional(value: str | None) -> str | None:
    """The normal form of an optional text; an empty one becomes None."""
    if value is None:
        return None
    text = normalize_text(value)
    return text or None


_ASCII_CONTROL = re.compile("[\x00-\x1f\x7f]")
_ASCII_RUNS = re.compile("[\x00-\x7f]+")


def text_issue(value: str, *, multiline: bool = False) -> TextIssue | None:
    """Why ``value`` (already normalised) may not be stored, or None."""
    # str.isprintable is False for every character of the categories Cc, Cf, Cs (and Zl, Zp):
    # a printable text (line breaks and tabs aside, where allowed) holds nothing refused below
    if value.isprintable() or (multiline and value.replace("\n", "").replace("\t", "").isprintable()):
        return None
    if value.isascii():  # the control characters found by a regular expression, in order (not char by char)
        for found in _ASCII_CONTROL.finditer(value):
            ch = found.group()
            if ch == "\t" and multiline:
                continue
            if ch == "\n":
                if not multiline:
                    return TextIssue.LINE_BREAK
                continue
            return TextIssue.CONTROL
        return None
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":
            return TextIssue.SURROGATE
        if category == "Cf":
            return TextIssue.INVISIBLE
        if category == "Cc":
            if ch == "\t" and multiline:
                continue
            if ch in "\n\x85":
                if not multiline:
                    return TextIssue.LINE_BREAK
                continue
            return TextIssue.CONTROL
        if ch in "\u2028\u2029" and not multiline:
            return TextIssue.LINE_BREAK
    return None


def is_blank(value: object) -> bool:
    """None, or a text with nothing visible once normalised (spaces or zero-width characters only)."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    # normalize_text strips spaces and invisible characters from both ends: what is left, if
    # anything, begins with a visible character
    return not normalize_text(value)


def visible_length(value: str) -> int:
    """How many characters a reader sees: combining marks and invisible characters do not count."""
    text = normalize_text(value)
    if text.isascii():
        return len(text)
    # only the characters beyond ASCII can be marks or invisible: look those up
    others = _ASCII_RUNS.sub("", text)
    return len(text) - sum(1 for ch in others if unicodedata.category(ch)[0] == "M" or _is_invisible(ch))


def has_surrogates(value: str) -> bool:
    """Whether a text holds lone surrogates (JSON can carry them; UTF-8 cannot)."""
    if value.isascii():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
