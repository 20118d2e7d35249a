"""Indonesian dates written the naskah dinas way, independent of the OS locale."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
    "Agustus", "September", "Oktober", "November", "Desember",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_date_id(value: dt.date | str | None, *, with_day: bool = False) -> str:
    """Return ``8 Agustus 2024`` (or ``Kamis, 8 Agustus 2024``); '' for an empty value."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        value = value.strip()
        # a timestamp (``2024-08-08T02:00:00Z``) shows its date
        date = parse_iso_date(value[:10] if len(value) > 10 and value[10] in "T " else value)
    else:
        date = value
    text = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return f"{DAYS[date.weekday()]}, {text}" if with_day else text


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_iso_date(value: str) -> dt.date:
    """Parse exactly ``YYYY-MM-DD`` (ASCII digits; surrounding spaces ignored); raises ValueError
    for anything else: ``20240808``, ``2024-8-8``, ``2024-08-08T10:00`` and impossible dates."""
    text = value.strip() if isinstance(value, str) else ""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"Tanggal harus berformat TTTT-BB-HH, bukan {value!r}.")
    return dt.date.fromisoformat(text)


def format_percent_id(value: float, digits: int = 1) -> str:
    """Return ``46,4 %``: a decimal comma and a space before the sign."""
    return f"{value:.{digits}f}".replace(".", ",") + " %"


def format_size_id(size: int) -> str:
    """``45 KB``, ``3,9 MB``: a file size the Indonesian way (decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def utc_now_iso() -> str:
    """The current time as an ISO 8601 UTC string (the dictionary's timestamp format)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def format_datetime_id(value: dt.datetime, *, seconds: bool = False) -> str:
    """``Kamis, 8 Agustus 2024 pukul 10.15`` (local time as given; the naskah dinas way)."""
    clock = value.strftime("%H.%M.%S" if seconds else "%H.%M")
    return f"{format_date_id(value.date(), with_day=True)} pukul {clock}"
