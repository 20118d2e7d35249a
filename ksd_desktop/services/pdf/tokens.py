"""Content streams compared by their tokens, not their bytes.

Tools that repackage a PDF (qpdf's QDF mode, content normalisation) rewrite the whitespace,
comments and string notation of content streams without changing what is drawn. When the
bytes of a page's content differ from the re-render, the page is compared again as a
sequence of canonical tokens: numbers by value, names with ``#xx`` escapes resolved, literal
and hex strings as their bytes, comments and whitespace dropped, inline image data kept as
it is. Anything that changes a token changes the digest.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal, InvalidOperation

from .guard import PdfLimitError

WHITESPACE = b"\x00\t\n\x0c\r "
_TOKEN = re.compile(
    rb"""
    (?P<ws>[\x00\t\n\x0c\r ]+)
  | (?P<comment>%[^\r\n]*)
  | (?P<dict><<|>>)
  | (?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)
  | (?P<delim>[\[\]{}])
  | (?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+)(?![^\x00\t\n\x0c\r ()<>\[\]{}/%]))
  | (?P<word>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)
  | (?P<lit>\()
""",
    re.X,
)
_ESCAPES = {
    ord("n"): b"\n",
    ord("r"): b"\r",
    ord("t"): b"\t",
    ord("b"): b"\b",
    ord("f"): b"\f",
    ord("("): b"(",
    ord(")"): b")",
    ord("\\"): b"\\",
}
_INLINE_END = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)")


def _literal(data: bytes, at: int) -> tuple[bytes, int]:
    """A literal string starting after its "(" at ``at``: its bytes and the index after ")"."""
    out, depth, i, size = bytearray(), 1, at, len(data)
    while i < size:
        c = data[i]
        if c == 0x5C:  # backslash
            i += 1
            if i >= size:
                break
            e = data[i]
            if e in _ESCAPES:
                out += _ESCAPES[e]
            elif 0x30 <= e <= 0x37:
                j = i
                while j < size and j < i + 3 and 0x30 <= data[j] <= 0x37:
                    j += 1
                out.append(int(data[i:j], 8) & 0xFF)
                i = j - 1
            elif e == 0x0D:  # line continuation
                if i + 1 < size and data[i + 1] == 0x0A:
                    i += 1
            elif e != 0x0A:
                out.append(e)
        elif c == 0x28:
            depth += 1
            out.append(c)
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
            out.append(c)
        elif c == 0x0D:  # an end of line inside a string reads as \n
            out += b"\n"
            if i + 1 < size and data[i + 1] == 0x0A:
                i += 1
        else:
            out.append(c)
        i += 1
    raise PdfLimitError("string")


def _name(raw: bytes) -> bytes:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)


def _number(raw: bytes) -> bytes:
    try:
        value = Decimal(raw.decode("ascii"))
    except (InvalidOperation, UnicodeDecodeError):
        return b"?" + raw
    text = format(value.normalize(), "f")
    return b"#" + (b"0" if text in ("-0", "") else text.encode("ascii"))


def token_digest(data: bytes) -> bytes:
    """SHA-256 of the canonical token sequence of a content stream."""
    digest = hashlib.sha256()
    i, size = 0, len(data)
    while i < size:
        match = _TOKEN.match(data, i)
        if match is None:
            raise PdfLimitError("token")
        kind, raw, i = match.lastgroup, match.group(), match.end()
        if kind in ("ws", "comment"):
            continue
        if kind == "lit":
            value, i = _literal(data, i)
            token = b"s" + value.hex().encode("ascii")
        elif kind == "hex":
            digits = bytes(b for b in raw[1:-1] if b not in WHITESPACE)
            token = b"s" + bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii")).hex().encode("ascii")
        elif kind == "name":
            token = b"/" + _name(raw[1:])
        elif kind == "num":
            token = _number(raw)
        else:
            token = b"k" + raw
            if raw == b"ID":  # inline image data: up to the EI that ends it, byte for byte
                end = _INLINE_END.search(data, i + 1)
                if end is None:
                    raise PdfLimitError("inline image")
                token += b"\0" + data[i + 1 : end.start()]
                i = end.start()
        digest.update(len(token).to_bytes(8, "big"))
        digest.update(token)
    return digest.digest()
