"""The QR code's mask is reportlab's choice, found faster (services/pdf/qr.py)."""

from __future__ import annotations

import random

import pytest

from ksd_desktop.services.pdf import qr


def example() -> str:
    from ksd_desktop.services.pdf.layout import qr_text

    return qr_text("5d1c2a9e-7f3b-4c61-9a0e-2b8f6d4e1a07", 2, "074832ed917c4fa6c4d3f0581f37d9fc")


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_every_mask_is_built_and_scored_as_reportlab_does(level):
    from reportlab.graphics.barcode.qrencoder import QRUtil

    rnd = random.Random(level)
    texts = [example(), "A", "x" * 300, "Formulir ü – 1"]  # every mask wins on some of these
    texts += ["".join(rnd.choice("abcXYZ019 .,-é") for _ in range(rnd.randint(1, 160))) for _ in range(6)]
    for text in texts:
        mine = qr.qr_code(text, 50, level).qr
        theirs = qr.qr_code(text, 50, level).qr
        theirs.version = theirs.calculate_version()
        for pattern, rows in enumerate(qr.masked_rows(mine)):
            theirs.makeImpl(True, pattern)
            assert rows == ["".join("1" if x else "0" for x in row) for row in theirs.modules], (text, pattern)
            assert qr.lost_point(rows) == QRUtil.getLostPoint(theirs), (text, pattern)


def test_the_code_drawn_is_reportlabs():
    from reportlab.graphics.barcode.qr import QrCode

    text = example()
    mine = qr.qr_code(text, 50, "L")
    mine.qr.make()
    theirs = QrCode(text, width=50, height=50, qrBorder=2, qrLevel="L")
    theirs.qr.make()
    assert mine.qr.modules == theirs.qr.modules
