"""Times are shown in the region's local time (WITA for Banjar), written the Indonesian way."""

from __future__ import annotations

import datetime as dt

import ksd_desktop.domain.dates as dates
from ksd_desktop.domain.dates import format_datetime_id, format_local_datetime_id, local_zone, zone_abbreviation


def test_stored_utc_is_shown_in_wita_by_default():
    assert format_datetime_id("2026-12-02T02:15:40Z") == "2 Desember 2026 pukul 10.15 WITA"
    assert format_datetime_id("2024-08-08T16:30:00+00:00", "Asia/Jakarta") == "8 Agustus 2024 pukul 23.30 WIB"
    assert format_datetime_id("2024-08-08T16:30:00Z", "Asia/Jayapura") == "9 Agustus 2024 pukul 01.30 WIT"
    assert format_datetime_id(None) == "" and format_datetime_id("bukan waktu") == "bukan waktu"


def test_without_a_time_zone_database_the_indonesian_offsets_are_used(monkeypatch):
    def missing(name):
        raise dates.ZoneInfoNotFoundError(name)

    monkeypatch.setattr(dates, "ZoneInfo", missing)  # Windows without the tzdata package
    assert local_zone("Asia/Makassar").utcoffset(None) == dt.timedelta(hours=8)
    assert format_datetime_id("2026-12-02T02:15:40Z") == "2 Desember 2026 pukul 10.15 WITA"
    assert zone_abbreviation("Asia/Jayapura") == "WIT"


def test_a_local_moment_without_zone():
    assert format_local_datetime_id(dt.datetime(2026, 12, 2, 2, 15, 40)) == "2 Desember 2026 pukul 02.15"
