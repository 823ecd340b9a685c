"""Figures as Vietnamese reports write them, their units, roundings and changes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.language.dates import Span, dates_in, span_in
from bot.language.numbers import (
    convert,
    figures_in,
    format_number,
    format_percent,
    parse_figure,
    parse_number,
    parse_unit,
    percent_change,
    readable,
)


@pytest.mark.parametrize("written, value", [
    ("1.234.567", "1234567"), ("1,234,567", "1234567"), ("1 234 567", "1234567"),
    ("1\u00a0234\u202f567", "1234567"), ("1\u2009234\u2009567", "1234567"),
    ("(1.234.567)", "-1234567"), ("( 5820460000)", "-5820460000"), ("-1.234.567", "-1234567"),
    ("−5", "-5"), ("12,5", "12.5"), ("12.5", "12.5"), ("0,125", "0.125"),
    ("1.234.567,89", "1234567.89"), ("1,234,567.89", "1234567.89"), ("**7,412,358**", "7412358"),
    ("41276839520", "41276839520"), ("68231 904 513", "68231904513"),
])
def test_figures_are_read_as_reports_write_them(written: str, value: str):
    assert parse_number(written) == Decimal(value)


@pytest.mark.parametrize("written", ["", "-", "–", "x", "Tiền", "1.5.6", "12,34,567", "(12"])
def test_no_figure_is_none(written: str):
    assert parse_number(written) is None


def test_a_percentage_keeps_its_number_and_says_so():
    assert parse_figure("12,5%") == parse_figure("12,5 %")
    assert parse_figure("12,5%").value == Decimal("12.5") and parse_figure("12,5%").percent


def test_figures_in_text_that_pdf_ran_together():
    text = "Quý02năm2025 lãi 2024VND (1.234) và 12,5%"
    found = [(text[start:end], figure.value) for start, end, figure in figures_in(text)]
    assert found == [("02", 2), ("2025", 2025), ("2024", 2024), ("(1.234)", -1234),
                     ("12,5%", Decimal("12.5"))]


def test_figures_are_written_the_vietnamese_way():
    assert format_number(Decimal("1234567.5")) == "1.234.567,5"
    assert format_number(Decimal("-1234567")) == "-1.234.567"
    assert format_number(Decimal("12.345"), 1) == "12,3"
    assert format_percent(Decimal("16.7345")) == "16,7%"


def test_units_scale_in_dong_and_convert():
    million = parse_unit("Triệu VND")
    assert (million.scale, million.base, million.money, million.name) == (
        Decimal(10) ** 6, "đồng", True, "triệu đồng")
    assert parse_unit("VNĐ").scale == 1 and parse_unit("đồng").base == "đồng"
    assert parse_unit("nghìn tấn").scale == 1000 and not parse_unit("nghìn tấn").money
    assert convert(Decimal("7412358"), million, parse_unit("tỷ đồng")) == Decimal("7412.358")
    with pytest.raises(ValueError, match="different things"):
        convert(Decimal(1), million, parse_unit("tấn"))


def test_a_readable_rounding_beside_the_figure():
    assert readable(Decimal("12345678901234"), parse_unit("đồng")) == \
        "12.345.678.901.234 đồng ≈ 12.346 tỷ đồng"
    assert readable(Decimal("7412358"), parse_unit("triệu đồng")) == \
        "7.412.358 triệu đồng ≈ 7.412 tỷ đồng"
    assert readable(Decimal("41276839520"), parse_unit("VND")) == \
        "41.276.839.520 đồng ≈ 41,28 tỷ đồng"
    assert readable(Decimal("1751"), parse_unit("VND")) == "1.751 đồng"
    assert readable(Decimal("108.9"), parse_unit("%")) == "108,9%"


def test_percentage_change_is_exact_and_none_across_a_change_of_sign():
    change = percent_change(Decimal("100000000000"), Decimal("116730000000"))
    assert format_percent(change) == "16,7%"
    assert format_percent(percent_change(Decimal("500000000000"), Decimal("310000000000"))) == \
        "-38,0%"
    assert percent_change(Decimal("-5"), Decimal("3")) is None
    assert percent_change(Decimal(0), Decimal(3)) is None


@pytest.mark.parametrize("header, span", [
    ("31/12/2024", (None, "2024-12-31")), ("30-09-2025", (None, "2025-09-30")),
    ("TạiNgày30tháng06năm2025", (None, "2025-06-30")),
    ("Trong kỳ / Từ 01/04/2025 đến 30/6/2025", ("2025-04-01", "2025-06-30")),
    ("Quý02năm2025", ("2025-04-01", "2025-06-30")), ("Quý IV năm 2024", ("2024-10-01", "2024-12-31")),
    ("6 tháng đầu năm 2025", ("2025-01-01", "2025-06-30")),
    ("Cho kỳ kế toán ba tháng kết thúc ngày 31 tháng 3 năm 2025", ("2025-01-01", "2025-03-31")),
    ("Năm 2024 / Tháng 10", ("2024-10-01", "2024-10-31")), ("2023VND", ("2023-01-01", "2023-12-31")),
])
def test_header_spans(header: str, span: tuple[str | None, str]):
    found = span_in(header)
    assert isinstance(found, Span)
    assert (found.start and found.start.isoformat(), found.end.isoformat()) == span


def test_relative_headers_name_no_span_and_dates_are_found_in_text():
    assert span_in("Năm nay") is None and span_in("Quý 1 / Năm nay") is None
    assert [d.isoformat() for d in dates_in("từ ngày 01/01/2025 đến ngày 31 tháng 3 năm 2025")] \
        == ["2025-01-01", "2025-03-31"]
