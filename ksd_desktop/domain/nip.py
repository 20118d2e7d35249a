"""NIP (Nomor Induk Pegawai): 18 digits, PNS layout ``YYYYMMDD YYYYMM G NNN`` (Perka BKN 22/2007).

PPPK numbers also have 18 digits laid out differently, so a number whose PNS date parts
do not parse is tolerated with a warning, never refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_NON_DIGIT = re.compile(r"[\s.\-]")
_EIGHTEEN_DIGITS = re.compile(r"[0-9]{18}")  # ASCII only: not Arabic-Indic, full-width or superscript digits


@dataclass(frozen=True)
class NipInfo:
    """What an 18-digit NIP says about its holder when it follows the PNS layout."""

    digits: str
    is_pns_layout: bool
    birth_date: dt.date | None = None
    tmt_year: int | None = None
    tmt_month: int | None = None
    sex: int | None = None  # 1 laki-laki, 2 perempuan
    serial: str | None = None


def normalize_nip(text: str | None) -> str:
    """Strip spaces, dots and dashes that people type between the groups."""
    return _NON_DIGIT.sub("", text or "")


def is_nip_digits(digits: str) -> bool:
    """Exactly 18 ASCII digits 0–9."""
    return bool(_EIGHTEEN_DIGITS.fullmatch(digits))


def format_nip(text: str | None) -> str:
    """Display an 18-digit NIP as ``19860926 201505 1 001``; anything else unchanged."""
    digits = normalize_nip(text)
    if not is_nip_digits(digits):
        return (text or "").strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def parse_nip(text: str | None, *, today: dt.date | None = None) -> NipInfo | None:
    """Return the NIP's parts, or None when it is not 18 digits.

    ``is_pns_layout`` is False when the date parts do not make sense (a PPPK number, or a typo).
    """
    digits = normalize_nip(text)
    if not is_nip_digits(digits):
        return None
    today = today or dt.date.today()
    try:
        birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return NipInfo(digits, False)
    tmt_year, tmt_month, sex = int(digits[8:12]), int(digits[12:14]), int(digits[14])
    plausible = (
        1940 <= birth.year <= today.year - 17
        and 1 <= tmt_month <= 12
        and birth.year + 17 <= tmt_year <= today.year + 1
        and sex in (1, 2)
    )
    if not plausible:
        return NipInfo(digits, False)
    return NipInfo(digits, True, birth, tmt_year, tmt_month, sex, digits[15:])
