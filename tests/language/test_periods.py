"""Periods with exact spans and fiscal years: how a report's own period is named, what it
covers and tells of, and the periods questions name; calendar periods keep their rules."""

from __future__ import annotations

from datetime import date

from bot.language.periods import (
    Period,
    find_periods,
    period_data,
    period_from,
    period_of_span,
    periods_in,
)


def test_a_span_is_named_as_the_report_names_it():
    assert period_of_span(date(2025, 7, 1), date(2025, 9, 30)).label() == "quý 3/2025"
    assert period_of_span(date(2024, 1, 1), date(2024, 6, 30)).label() == "6 tháng đầu năm 2024"
    assert period_of_span(date(2023, 1, 1), date(2023, 12, 31)).label() == "năm 2023"
    assert period_of_span(date(2025, 1, 1), date(2025, 9, 30)).label() == "9 tháng đầu năm 2025"
    assert period_of_span(date(2025, 3, 1), date(2025, 3, 31)).label() == "tháng 3/2025"
    assert (period_of_span(date(2025, 2, 10), date(2025, 4, 30)).label()
            == "từ 10/02/2025 đến 30/04/2025")


def test_a_fiscal_year_starting_in_october_names_its_quarters_and_year():
    first = period_of_span(date(2024, 10, 1), date(2024, 12, 31), first_month=10)
    assert first == Period(2025, quarter=1, start=date(2024, 10, 1), end=date(2024, 12, 31),
                           fiscal=True)
    assert first.label() == "quý 1 niên độ 2024-2025"
    whole = period_of_span(date(2024, 10, 1), date(2025, 9, 30), first_month=10)
    assert whole.label() == "niên độ 2024-2025"
    second_half = period_of_span(date(2025, 4, 1), date(2025, 9, 30), first_month=10)
    assert (second_half.half, second_half.label()) == (2, "6 tháng cuối niên độ 2024-2025")


def test_a_fiscal_quarter_covers_what_falls_in_its_days_and_its_own_name():
    first = period_of_span(date(2024, 10, 1), date(2024, 12, 31), first_month=10)
    (asked,) = periods_in("quý 1 niên độ 2024-2025")
    assert first.covers(asked)
    assert first.covers(Period(2024, quarter=4))  # the same days, named by the calendar
    assert first.covers(Period(quarter=1))
    assert not first.covers(Period(2025, quarter=2)) and not first.tells_of(Period(2025,
                                                                                  quarter=2))
    assert first.tells_of(Period(2024))  # the calendar year 2024 ends within it


def test_a_quarter_report_tells_of_the_nine_months_that_end_with_it():
    third = period_of_span(date(2025, 7, 1), date(2025, 9, 30))
    (nine,) = periods_in("lũy kế 9 tháng đầu năm 2025")
    assert nine == Period(2025, start=date(2025, 1, 1), end=date(2025, 9, 30))
    assert not third.covers(nine) and third.tells_of(nine)
    assert third.covers(Period(2025, quarter=3)) and third.covers(Period(2025))
    assert not third.covers(Period(2024, quarter=3))
    half = period_of_span(date(2025, 1, 1), date(2025, 6, 30))
    assert not half.tells_of(nine)


def test_calendar_periods_keep_their_rules():
    # A report titled "quý I năm 2024" and one whose span is that quarter read alike.
    named, spanned = Period(2024, quarter=1), period_of_span(date(2024, 1, 1), date(2024, 3, 31))
    for other in (Period(2024), Period(2024, month=2), Period(quarter=1), Period(2023),
                  Period(2024, half=1), Period(2024, quarter=2)):
        assert named.covers(other) == spanned.covers(other)
        assert named.tells_of(other) == spanned.tells_of(other)
    assert Period(2024, month=3).tells_of(Period(2024, quarter=1))
    assert not Period(2024, month=2).tells_of(Period(2024, quarter=1))


def test_questions_name_fiscal_quarters_and_nine_months():
    found = find_periods("LNST quý 1 niên độ 2024-2025 so với 9 tháng đầu năm 2024")
    assert found == ((Period(2025, quarter=1, fiscal=True), "quy 1 nien do 2024-2025"),
                     (Period(2024, start=date(2024, 1, 1), end=date(2024, 9, 30)),
                      "9 thang dau nam 2024"))
    assert periods_in("Quý I niên độ 2024 - 2025") == (Period(2025, quarter=1, fiscal=True),)
    assert periods_in("quý 2/2025 và năm 2024") == (Period(2025, quarter=2), Period(2024))


def test_a_period_is_kept_as_plain_data():
    fiscal = period_of_span(date(2024, 10, 1), date(2024, 12, 31), first_month=10)
    for period in (fiscal, Period(2021, half=1), None):
        assert period_from(period_data(period)) == period
    assert period_data(fiscal)["start"] == "2024-10-01"
