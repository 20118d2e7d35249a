"""Indonesian dates written the naskah dinas way, independent of the OS locale, and moments
(stored in UTC) shown in the local time of the region: ``8 Agustus 2024 pukul 10.15 WITA``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


#: Time zone of Kabupaten Banjar (Kalimantan Selatan): Waktu Indonesia Tengah.
DEFAULT_TIMEZONE = "Asia/Makassar"
#: The three Indonesian time zones (UU/Keppres 41/1987): name, abbreviation, hours ahead of UTC.
INDONESIAN_ZONES = {
    "Asia/Jakarta": ("WIB", 7), "Asia/Pontianak": ("WIB", 7),
    "Asia/Makassar": ("WITA", 8), "Asia/Jayapura": ("WIT", 9),
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
        local = to_local(value, zone)  # type: ignore[arg-type]
    except ValueError:
        return str(value)
    return f"{format_date_id(local.date())} pukul {format_time_id(local)} {zone_abbreviation(zone)}"


def format_local_datetime_id(moment: dt.datetime) -> str:
    """``8 Agustus 2024 pukul 10.15`` for a moment already in local time (no zone known)."""
    return f"{format_date_id(moment.date())} pukul {format_time_id(moment)}"
