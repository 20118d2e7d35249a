"""The register of agreements: expiry computed from the term, never capped; states; rules."""

from __future__ import annotations

import datetime as dt

from ksd_desktop.domain.agreements import Agreement, State, add_months, compute_expiry, validate_agreement

TODAY = dt.date(2025, 6, 30)


def pks(**overrides) -> Agreement:
    values = dict(
        doc_type="PKS",
        number="180/12/PKS/2024",
        title="PKS TPA Regional Banjarbakula",
        parties=["Pemerintah Kabupaten Banjar", "Pemerintah Kota Banjarbaru"],
        date_signed="2024-03-15",
        term_years=5,
    )
    values.update(overrides)
    return Agreement(**values)


def test_expiry_is_the_day_before_the_anniversary():
    assert compute_expiry(dt.date(2024, 3, 15), 5, None) == dt.date(2029, 3, 14)
    assert compute_expiry(dt.date(2024, 3, 15), 0, 18) == dt.date(2025, 9, 14)
    assert compute_expiry(dt.date(2024, 2, 29), 1, None) == dt.date(2025, 2, 27)  # 28 Feb is the anniversary
    assert compute_expiry(dt.date(2024, 1, 31), None, 1) == dt.date(2024, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert compute_expiry(dt.date(2024, 3, 15), None, None) is None


def test_long_terms_are_never_capped():
    thirty = pks(term_years=30)
    assert thirty.expiry() == dt.date(2054, 3, 14)
    assert validate_agreement(thirty, today=TODAY) == []
    written = pks(term_years=None, expires_on="2124-03-14")  # a century, written in the document
    assert written.expiry() == dt.date(2124, 3, 14) and written.state(TODAY) == State.BERLAKU


def test_state_follows_the_dates_and_the_recorded_end():
    assert pks(date_signed="2021-07-01", term_years=4).state(TODAY) == State.SEGERA_BERAKHIR  # ends 30 Jun 2025
    assert pks(date_signed="2021-07-01", term_years=4).state(dt.date(2025, 7, 1)) == State.BERAKHIR
    assert pks(date_signed="2020-12-01", term_years=5).state(TODAY, months=6) == State.SEGERA_BERAKHIR
    assert pks(date_signed="2020-12-01", term_years=5).state(TODAY, months=3) == State.BERLAKU
    assert pks(effective_from="2025-08-01").state(TODAY) == State.BELUM_BERLAKU
    assert pks(status="diakhiri").state(TODAY) == State.BERAKHIR
    assert pks(term_years=None).state(TODAY) == State.BERLAKU  # no end stated
    assert pks(term_years=None).term_text() == "tanpa batas waktu"
    assert pks(term_years=2, term_months=6).term_text() == "2 tahun 6 bulan"


def test_rules_of_an_agreement():
    keys = {
        p.key
        for p in validate_agreement(pks(number=" ", parties=["Banjar"], date_signed="2025-07-01"), today=TODAY)
        if p.is_error
    }
    assert keys == {"number", "parties", "date_signed"}
    wrong_end = validate_agreement(pks(expires_on="2030-01-01"), today=TODAY)
    assert [p.severity for p in wrong_end] == ["warning"]  # differs from the 5-year term
    before_end = validate_agreement(pks(term_years=None, expires_on="2020-01-01"), today=TODAY)
    assert any(p.key == "expires_on" and p.is_error for p in before_end)
    no_term = validate_agreement(pks(term_years=None), today=TODAY)
    assert [p.key for p in no_term] == ["expires_on"] and not no_term[0].is_error
    ksb = pks(doc_type="KSB", date_signed="2024-06-01")
    early = validate_agreement(pks(parent_uuid=ksb.uuid), today=TODAY, parent=ksb)
    assert any("sebelum dokumen induknya" in p.message and not p.is_error for p in early)
