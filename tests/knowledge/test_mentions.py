"""Which loaded organisations a question names, and with which words: tickers, short
names, partial names, with or without diacritics; and what must name no one (common words,
units, a place two companies share, an organisation not loaded)."""

from __future__ import annotations

import pytest

from bot.knowledge.identity import Identity, Organisation
from bot.knowledge.mentions import (
    NAME,
    SHORT,
    TICKER,
    organisations_named,
    same_organisation,
    unknown_names,
    without_mentions,
)

PLASTICS = Organisation("Công ty Cổ phần Nhựa Thanh niên Hải Hà", "Nhựa Thanh niên Hải Hà", "NHH")
STEEL = Organisation("Công ty Cổ phần Tập đoàn Thép Hòa Lâm", "Tập đoàn Thép Hòa Lâm", None)
LOTUS = Organisation("Công ty Cổ phần Tập đoàn Hoa Mai Vàng", "Tập đoàn Hoa Mai Vàng", "HSV")
BANK = Organisation("Ngân hàng Thương mại Cổ phần Đầu tư và Phát triển Miền Tây", "MTBank",
                    "MTB")
BROKER = Organisation("Công ty Cổ phần Chứng khoán VNSMART", "Chứng khoán VNSMART", "VND")
TANKER = Organisation("Công ty Cổ phần Vận tải Xăng dầu PETROSEA", "Vận tải Xăng dầu PETROSEA",
                      "PTS")
ELECTRIC = Organisation("Tổng công ty Thiết bị điện Sóc Sơn – Công ty Cổ phần",
                        "Thiết bị điện Sóc Sơn", None)
WATER = Organisation("Công ty Cổ phần Cấp nước Sóc Sơn", "Cấp nước Sóc Sơn", None)
KNOWN = [Identity(organisation=o) for o in (PLASTICS, STEEL, LOTUS, BANK, BROKER, TANKER,
                                            ELECTRIC, WATER)] + [Identity(), None]


def named(question: str) -> list[tuple[str, str, str]]:
    return [(m.words, m.organisation.name, m.by) for m in organisations_named(question, KNOWN)]


@pytest.mark.parametrize("question, words, organisation, by", [
    ("Nợ phải trả của Nhựa Hồng Hà cuối năm?", None, None, None),  # not loaded
    ("Nợ phải trả của Nhựa Hải Hà cuối năm 2024?", "Nhựa Hải Hà", PLASTICS, NAME),
    ("no phai tra cua nhua hai ha", "nhua hai ha", PLASTICS, NAME),
    ("Hải Hà lãi bao nhiêu?", "Hải Hà", PLASTICS, NAME),
    ("NHH lãi bao nhiêu?", "NHH", PLASTICS, TICKER),
    ("nhh lai bao nhieu", "nhh", PLASTICS, TICKER),  # cannot be a Vietnamese word
    ("Doanh thu của Hòa Lâm năm 2024", "Hòa Lâm", STEEL, NAME),
    ("doanh thu cua hoa lam", "hoa lam", STEEL, NAME),
    ("Doanh thu của Hoà Lâm", "Hoà Lâm", STEEL, NAME),  # the tone mark placed the old way
    ("Tập đoàn Thép Hòa Lâm có bao nhiêu nhân viên?", "Tập đoàn Thép Hòa Lâm", STEEL, NAME),
    ("công ty Hòa Lâm có bao nhiêu nhân viên?", "công ty Hòa Lâm", STEEL, NAME),
    ("Hoa Mai Vàng có những công ty con nào?", "Hoa Mai Vàng", LOTUS, NAME),
    ("Thành viên HĐQT của MTBank là ai?", "MTBank", BANK, SHORT),
    ("Ngân hàng Đầu tư và Phát triển Miền Tây lãi bao nhiêu?",
     "Ngân hàng Đầu tư và Phát triển Miền Tây", BANK, NAME),
    ("Tổng tài sản của VNSmart?", "VNSmart", BROKER, NAME),
    ("mã VND tăng bao nhiêu?", "VND", BROKER, TICKER),
    ("loi nhuan cua PETROSEA quy 2", "PETROSEA", TANKER, NAME),
    ("Doanh thu Thiết bị điện Sóc Sơn quý 4", "Thiết bị điện Sóc Sơn", ELECTRIC, NAME),
    ("hoat dong chinh cua thiet bi dien soc son", "thiet bi dien soc son", ELECTRIC, NAME),
    ("Cấp nước Sóc Sơn cấp bao nhiêu mét khối nước?", "Cấp nước Sóc Sơn", WATER, NAME),
])
def test_a_question_names_an_organisation(question, words, organisation, by):
    expected = [] if words is None else [(words, organisation.name, by)]
    assert named(question) == expected


@pytest.mark.parametrize("question", [
    "Lợi nhuận đạt bao nhiêu tỷ VND?",  # a currency, not the broker's ticker
    "Doanh thu tính bằng vnd",
    "Công ty ở Sóc Sơn có bao nhiêu nhân viên?",  # a place both companies are named after
    "Tiền lãi phòng giao dịch tăng bao nhiêu?",  # "tiền", "phòng": everyday words, no name
    "Giá hoa mai và lá mai năm nay",  # one word of a name, not the name: no "Vàng"
    "Doanh thu vận tải xăng dầu tăng",  # a line of business, not the company
    "Đầu tư và phát triển vùng Miền Tây",  # generic words: the bank only by its full name
    "Hải Phòng có bao nhiêu cảng?",
    "Tình hình thiết bị điện quý 4",
])
def test_words_that_name_no_one(question):
    assert named(question) == []


def test_two_organisations_in_one_question_in_order_and_the_words_left_to_search():
    question = "Năm 2024 Nhựa Hải Hà hay Hoa Mai Vàng có doanh thu thuần cao hơn?"
    mentions = organisations_named(question, KNOWN)
    assert [(m.organisation, m.start, m.end) for m in mentions] == [(PLASTICS, 9, 20),
                                                                   (LOTUS, 25, 37)]
    assert without_mentions(question, mentions) == "Năm 2024 hay có doanh thu thuần cao hơn?"


def test_organisations_of_several_reports_are_one():
    again = Organisation("Công ty CP Nhựa Thanh niên Hải Hà", "Nhựa Thanh niên Hải Hà", None)
    assert same_organisation(PLASTICS, again) and not same_organisation(PLASTICS, STEEL)
    assert len(organisations_named("Nhựa Hải Hà lãi bao nhiêu?",
                                   KNOWN + [Identity(organisation=again)])) == 1


def test_names_of_organisations_that_are_not_loaded():
    assert unknown_names("Doanh thu quý 4/2024 của Masan MEATLife là bao nhiêu?", KNOWN) == (
        "Masan MEATLife",)
    assert unknown_names("Techcombank lãi bao nhiêu trong 6 tháng đầu năm?", KNOWN) == (
        "Techcombank",)
    assert unknown_names("gia co phieu FPT hien tai", KNOWN) == ("FPT",)
    # Loaded ones, common abbreviations and units are no unknown names.
    assert unknown_names("LNST quý 1 của NHH và EPS của MTBank, tính bằng VND", KNOWN) == ()


def test_a_ticker_that_spells_a_word_names_its_company_when_typed_in_capitals():
    sun = Organisation("Công ty Cổ phần Vận tải Biển Mặt Trời", "Vận tải Biển Mặt Trời", "TAN")
    lowered = "loi nhuan truoc thue quy 2 cua tan"  # the question as the pipeline lowers it
    assert organisations_named(lowered, [sun]) == ()  # "tan" is a word ("tan học")
    mentions = organisations_named(lowered, [sun], typed="loi nhuan truoc thue quy 2 cua TAN")
    assert [(m.words, m.organisation, m.by) for m in mentions] == [("tan", sun, TICKER)]
