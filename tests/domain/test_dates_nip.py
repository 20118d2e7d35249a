import datetime as dt

import pytest

from ksd_desktop.domain.dates import format_date_id, format_percent_id, parse_iso_date
from ksd_desktop.domain.nip import format_nip, normalize_nip, parse_nip


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.date(2024, 8, 8), "8 Agustus 2024"),
        ("2024-02-20", "20 Februari 2024"),
        ("2024-12-01", "1 Desember 2024"),
        (dt.date(2026, 5, 31), "31 Mei 2026"),
        (None, ""),
        ("", ""),
    ],
)
def test_format_date_id_uses_indonesian_months_without_locale(value, expected):
    assert format_date_id(value) == expected


def test_format_date_with_day_name():
    assert format_date_id(dt.date(2024, 8, 8), with_day=True) == "Kamis, 8 Agustus 2024"


def test_parse_iso_date_rejects_garbage():
    with pytest.raises(ValueError):
        parse_iso_date("8 Agustus 2024")


def test_percent_uses_decimal_comma():
    assert format_percent_id(46.4) == "46,4 %"
    assert format_percent_id(100) == "100,0 %"


def test_nip_formats_with_spaces():
    assert format_nip("198609262015051001") == "19860926 201505 1 001"
    assert format_nip("19860926 201505 1 001") == "19860926 201505 1 001"
    assert format_nip("12345") == "12345"


def test_nip_normalize_strips_separators():
    assert normalize_nip("19860926.201505-1 001") == "198609262015051001"


def test_nip_pns_parts_parsed():
    info = parse_nip("198609262015051001", today=dt.date(2024, 8, 8))
    assert info.is_pns_layout
    assert info.birth_date == dt.date(1986, 9, 26)
    assert (info.tmt_year, info.tmt_month, info.sex, info.serial) == (2015, 5, 1, "001")


@pytest.mark.parametrize(
    "nip",
    [
        "198613262015051001",  # month 13
        "198609262015131001",  # TMT month 13
        "198609262015053001",  # sex digit 3
        "198609262000051001",  # CPNS at 13 years old
    ],
)
def test_nip_with_bad_date_parts_is_not_pns_layout(nip):
    info = parse_nip(nip, today=dt.date(2024, 8, 8))
    assert info is not None and not info.is_pns_layout


@pytest.mark.parametrize("nip", ["", "1986092620150510", "19860926201505100A", "1986092620150510011"])
def test_nip_not_18_digits_is_none(nip):
    assert parse_nip(nip) is None
