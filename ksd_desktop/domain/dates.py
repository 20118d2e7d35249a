"""Indonesian dates written the naskah dinas way, independent of the OS locale."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
    "Agustus", "September", "Oktober", "November", "Desember",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_date_id(value: dt.date | str | None, *, with_day: bool = False) -> str:
    """Return ``8 Agustus 2024`` (or ``Kamis, 8 Agustus 2024``); '' for an empty value."""
    if value in (None, ""):
        return ""
    date = parse_iso_date(value) if isinstance(value, str) else value
    text = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return f"{DAYS[date.weekday()]}, {text}" if with_day else text


def parse_iso_date(value: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; raises ValueError for anything else."""
    return dt.date.fromisoformat(value.strip()[:10])


def format_percent_id(value: float, digits: int = 1) -> str:
    """Return ``46,4 %``: a decimal comma and a space before the sign."""
    return f"{value:.{digits}f}".replace(".", ",") + " %"


def utc_now_iso() -> str:
    """The current time as an ISO 8601 UTC string (the dictionary's timestamp format)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
