"""The verification QR code: reportlab's QrCode flowable, its mask chosen faster.

reportlab's encoder picks the best of the eight masks by building the whole matrix eight
times and scoring each with list-based Python (a tenth of a signed form's time). The choice
here is the same, computed once per mask from one placement of the data: the same matrices
(function patterns, data XOR mask) scored by the same four rules, quirks included (rule 3
is counted along rows only: reportlab compares a column tuple with a list, never equal).
tests/services/test_pdf_qr.py checks every mask's matrix and score against reportlab's on many
texts. Part of form layout 1 (see layouts/__init__.py): the same modules, so the same page.
"""

from __future__ import annotations

import functools
import re
from itertools import zip_longest
from typing import Any

from reportlab.graphics.barcode.qr import QrCode
from reportlab.graphics.barcode.qrencoder import QRUtil

_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = "10111010000"


def qr_code(payload: str, size: float, level: str = "M") -> QrCode:
    """A QR code (quiet zone of two modules), drawn as rectangles straight on the canvas
    (reportlab's QrCode flowable: no fonts), its mask chosen by :func:`best_mask`."""
    code = QrCode(payload, width=size, height=size, qrBorder=2, qrLevel=level)
    encoder = code.qr
    encoder.getBestMaskPattern = lambda: best_mask(encoder)  # make() asks for it
    return code


def masked_rows(encoder: Any) -> list[list[str]]:
    """The eight test matrices reportlab scores (``makeImpl(True, mask)`` for each mask), each
    as its rows of "0"/"1": one placement of the data, each mask applied to a row at once (a
    mask repeats every 12 rows and columns)."""
    if encoder.version is None:  # make() sets it before it asks for the mask
        encoder.version = encoder.calculate_version()
    encoder.makeImpl(True, 0)
    size = encoder.moduleCount
    cells: list[tuple[Any, bool]] = list(
        zip_longest(encoder.dataPosIterator(), encoder.dataBitIterator(encoder.dataCache), fillvalue=False)
    )
    free, data = [0] * size, [0] * size  # per row: the data positions, the data's dark bits
    for (col, row), dark in cells:
        bit = 1 << (size - 1 - col)
        free[row] |= bit
        if dark:
            data[row] |= bit
    fixed = [int("".join("1" if x else "0" for x in row), 2) & ~free[r] for r, row in enumerate(encoder.modules)]
    repeat = size // 12 + 1
    out = []
    for pattern in range(8):
        rows = []
        for r in range(size):
            bits = int((_period(pattern, r % 12) * repeat)[:size], 2)
            rows.append(format(fixed[r] | (data[r] ^ (bits & free[r])), f"0{size}b"))
        out.append(rows)
    return out


@functools.cache
def _period(pattern: int, row: int) -> str:
    """Twelve columns of mask ``pattern`` on a row (every mask repeats every 12 rows and columns)."""
    mask = QRUtil.getMask(pattern)  # type: ignore[no-untyped-call]
    return "".join("1" if mask(row, j) else "0" for j in range(12))


def lost_point(rows: list[str]) -> int:
    """QRUtil.getLostPoint of a matrix (its rows of "0"/"1"), on strings and integers."""
    size = len(rows)
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    score = 0
    for line in (*rows, *columns):  # rule 1: a run of n ≥ 5 alike scores n - 2
        score += sum(m.end() - m.start() - 2 for m in _RUN.finditer(line))
    numbers = [int(row, 2) for row in rows]
    inner = (1 << (size - 1)) - 1
    for upper, lower in zip(numbers, numbers[1:], strict=False):  # rule 2: a 2×2 block alike scores 3
        differ = (upper ^ (upper >> 1)) | (lower ^ (lower >> 1)) | ((upper ^ lower) >> 1)
        score += 3 * (~differ & inner).bit_count()
    last = size - len(_FINDER_LIKE)
    for row in rows:  # rule 3, rows only, a match skipping its length; starts before ``last``
        j = row.find(_FINDER_LIKE)
        while 0 <= j < last:
            score += 40
            j = row.find(_FINDER_LIKE, j + len(_FINDER_LIKE))
    dark = sum(row.count("1") for row in rows)  # rule 4: the share of dark modules
    return score + 10 * (abs(100 * dark // (size * size) - 50) // 5)


def best_mask(encoder: Any) -> int:
    """reportlab's choice (QRCode.getBestMaskPattern): the first mask with the lowest score."""
    scores = [lost_point(rows) for rows in masked_rows(encoder)]
    return scores.index(min(scores))
