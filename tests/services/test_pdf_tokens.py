"""Content streams compared by tokens: notation does not matter, any drawn change does."""

from __future__ import annotations

import pytest

from ksd_desktop.services.pdf.guard import PdfLimitError
from ksd_desktop.services.pdf.tokens import token_digest

BASE = b"BT /F1+0 10 Tf 1 0 0 1 72.5 700 Tm (Prioritas: Tinggi) Tj ET q 1 g 0 0 10 10 re f Q"


@pytest.mark.parametrize(
    "same",
    [
        b"BT\n/F1+0   10 Tf\r\n1 0 0 1 72.50 700.0 Tm\n(Prioritas: Tinggi)Tj ET q 1 g 0 0 10 10 re f Q",
        b"BT /F1+0 10 Tf 1 0 0 1 72.5 700 Tm <5072696f7269746173 3a2054696e676769> Tj ET q 1 g 0 0 10 10 re f Q",
        b"% komentar\nBT /F#31+0 10 Tf 1 0 0 1 72.5 700 Tm (Prioritas: \\124inggi) Tj ET q 1 g 0 0 10 10 re f Q",
    ],
)
def test_notation_does_not_matter(same):
    assert token_digest(same) == token_digest(BASE)


@pytest.mark.parametrize(
    "different",
    [
        BASE.replace(b"Tinggi", b"Rendah"),
        BASE.replace(b"72.5", b"72.6"),
        BASE.replace(b"1 g", b"0 g"),
        BASE.replace(b"(Prioritas: Tinggi) Tj", b"(Prioritas:) Tj (Tinggi) Tj"),
        BASE + b" q 1 g 0 0 500 500 re f Q",
    ],
)
def test_any_drawn_change_does(different):
    assert token_digest(different) != token_digest(BASE)


def test_inline_images_are_kept_byte_for_byte_and_broken_streams_refused():
    image = b"q BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\xff EI Q"
    assert token_digest(image) != token_digest(image.replace(b"\x00\xff", b"\xff\x00"))
    with pytest.raises(PdfLimitError):
        token_digest(b"BT (tidak ditutup Tj ET")
    with pytest.raises(PdfLimitError):
        token_digest(b"q BI /W 1 ID \x00")
