"""Indonesian dates written the naskah dinas way, independent of the OS locale, and moments
(stored in UTC) shown in the local time of the region: ``8 Agustus 2024 pukul 10.15 WITA``.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
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
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


#: Time zone of Kabupaten Banjar (Kalimantan Selatan): Waktu Indonesia Tengah.
DEFAULT_TIMEZONE = "Asia/Makassar"
#: The three Indonesian time zones (UU/Keppres 41/1987): name, abbreviation, hours ahead of UTC.
INDONESIAN_ZONES = {
    "Asia/Jakarta": ("WIB", 7),
    "Asia/Pontianak": ("WIB", 7),
    "Asia/Makassar": ("WITA", 8),
    "Asia/Jayapura": ("WIT", 9),
}


def local_zone(name: str | None = None) -> dt.tzinfo:
    """The zone ``name`` (default Asia/Makassar).

    Windows has no time zone database of its own: without the ``tzdata`` package the
    Indonesian zones fall back to their fixed offsets, which are exact (no daylight saving).
    """
    name = name or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        abbreviation, hours = INDONESIAN_ZONES.get(name, INDONESIAN_ZONES[DEFAULT_TIMEZONE])
        return dt.timezone(dt.timedelta(hours=hours), abbreviation)


def zone_abbreviation(name: str | None = None) -> str:
    """WIB, WITA or WIT; for a zone outside Indonesia its UTC offset (``UTC+09.30``)."""
    name = name or DEFAULT_TIMEZONE
    if name in INDONESIAN_ZONES:
        return INDONESIAN_ZONES[name][0]
    offset = dt.datetime.now(local_zone(name)).utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}.{abs(minutes) % 60:02d}"


def to_local(value: dt.datetime | str, zone: str | None = None) -> dt.datetime:
    """A moment (an ISO 8601 string or a datetime; without an offset it is taken as UTC) in local time."""
    moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(local_zone(zone))


def format_time_id(moment: dt.datetime) -> str:
    """``10.15``: hours and minutes with a full stop, as Indonesian texts write the time."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def format_datetime_id(value: dt.datetime | str | None, zone: str | None = None) -> str:
    """``8 Agustus 2024 pukul 10.15 WITA`` for a stored UTC moment; '' for none, the text itself if unreadable."""
    if value in (None, ""):
        return ""
    try:
        local = to_local(value, zone)
    except ValueError:
        return str(value)
    return f"{format_date_id(local.date())} pukul {format_time_id(local)} {zone_abbreviation(zone)}"


def format_local_datetime_id(moment: dt.datetime, *, with_day: bool = False, seconds: bool = False) -> str:
    """``8 Agustus 2024 pukul 10.15`` for a moment already in local time (no zone known);
    ``Kamis, 8 Agustus 2024 pukul 10.15.30`` with the day and the seconds."""
    clock = format_time_id(moment) + (f".{moment.second:02d}" if seconds else "")
    return f"{format_date_id(moment.date(), with_day=with_day)} pukul {clock}"
