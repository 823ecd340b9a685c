"""Dates and spans as reports write them, the day a report was signed, and the month its
fiscal year starts in."""

from __future__ import annotations

from datetime import date

from bot.language.spans import dates_in, fiscal_start, signing_dates, spans_in


def test_dates_are_read_in_every_common_writing():
    text = ("Ngày 28 tháng 7 năm 2025; 30/06/2025; 01-10-2024; ngày 5.3.2024; "
            "31/2/2025 is no date; 12/2024 is a month")
    assert [when for _, when in dates_in(text)] == [date(2025, 7, 28), date(2025, 6, 30),
                                                     date(2024, 10, 1), date(2024, 3, 5)]


def test_spans_from_to_and_ending_on_a_day():
    assert [(s.start, s.end) for s in spans_in("Quý I Niên độ 2024 - 2025 Từ 01-10-2024 đến "
                                               "31-12-2024")] == [(date(2024, 10, 1),
                                                                   date(2024, 12, 31))]
    assert [(s.start, s.end) for s in spans_in(
        "cho giai đoạn từ ngày 01/01/2025 đến ngày 30/06/2025")] == [(date(2025, 1, 1),
                                                                      date(2025, 6, 30))]
    (year,) = spans_in("Báo cáo tài chính cho năm tài chính kết thúc ngày 31 tháng 12 năm 2023")
    assert (year.start, year.end) == (date(2023, 1, 1), date(2023, 12, 31))
    (half,) = spans_in("cho kỳ kế toán sáu tháng kết thúc ngày 30/6/2025")
    assert (half.start, half.end) == (date(2025, 1, 1), date(2025, 6, 30))
    (nine,) = spans_in("cho giai đoạn 9 tháng kết thúc vào ngày 30 tháng 9 năm 2025")
    assert (nine.start, nine.end) == (date(2025, 1, 1), date(2025, 9, 30))
    (fiscal,) = spans_in("cho năm kết thúc ngày 30 tháng 9 năm 2025")
    assert (fiscal.start, fiscal.end) == (date(2024, 10, 1), date(2025, 9, 30))
    # A balance-sheet date is no span; a period of unsaid length neither.
    assert spans_in("Tại ngày 31/12/2024") == [] and spans_in("cho kỳ kết thúc ngày 31/3/2025") == []


def test_signing_dates_follow_a_place_or_say_they_are():
    text = ("Hà Nội, ngày 28 tháng 7 năm 2025\nLập ngày 24 tháng 01 năm 2025\n"
            "Hải Phòng, 25-03-2025\nKý ngày: 27/3/2025 14:20:39\n"
            "được thành lập theo Giấy chứng nhận ngày 16 tháng 03 năm 2010")
    assert [when for _, when in signing_dates(text)] == [date(2025, 7, 28), date(2025, 1, 24),
                                                         date(2025, 3, 25), date(2025, 3, 27)]


def test_the_month_a_fiscal_year_starts_in():
    assert fiscal_start("Kỳ kế toán năm của Công ty bắt đầu từ ngày 01/10 và kết thúc vào "
                        "ngày 30/9 hàng năm.") == 10
    assert fiscal_start("Năm tài chính của Công ty bắt đầu từ ngày 1 tháng 4") == 4
    assert fiscal_start("Kỳ kế toán năm bắt đầu từ ngày 01/01 và kết thúc vào ngày 31/12") == 1
    assert fiscal_start("Công ty bắt đầu hoạt động từ ngày 01/10/2020") is None
