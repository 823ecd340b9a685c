"""Which document it is, read from its own first pages and file name: the organisation (its
legal name where it ends, never the auditor nor a parent body, its short name and ticker),
the kind of report, the period it covers (fiscal years too), the day it was signed; and the
title, period and date a document takes from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from bot.knowledge.folder import load_knowledge
from bot.knowledge.identity import Identity, Organisation, identity_data, identity_from
from bot.language.periods import Period, periods_in
from tests.knowledge import statements


def load(folder: Path, files: dict[str, str]):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {d.path: d for d in load_knowledge(folder).documents}


def test_a_quarterly_statement_knows_its_company_ticker_kind_quarter_and_signing_day(
        tmp_path: Path):
    doc = load(tmp_path / "kb", {"bao-cao-quy-2.md": statements.QUARTERLY})["bao-cao-quy-2.md"]
    assert doc.identity == Identity(
        organisation=Organisation("Công ty Cổ phần Cơ khí Tân Lạc Việt", "Cơ khí Tân Lạc Việt",
                                  "TLV"),
        kind="báo cáo tài chính", consolidated=True, audit=None,
        period_start=date(2025, 4, 1), period_end=date(2025, 6, 30), signed=date(2025, 7, 28),
        scope="hợp nhất")
    assert doc.title == ("Báo cáo tài chính hợp nhất quý 2/2025 — Công ty Cổ phần Cơ khí Tân Lạc "
                         "Việt (TLV)")
    assert doc.period == Period(2025, quarter=2, start=date(2025, 4, 1), end=date(2025, 6, 30))
    assert doc.date == "2025-07-28"


def test_an_audited_statement_is_of_the_audited_company_whose_name_ends_before_its_verbs(
        tmp_path: Path):
    doc = load(tmp_path / "kb", {"bctc-2023.md": statements.ANNUAL})["bctc-2023.md"]
    identity = doc.identity
    assert identity.organisation.name == "Công ty Cổ phần Dệt may Minh Khuê"
    assert identity.auditor == "Công ty TNHH Kiểm toán Sao Việt"
    assert (identity.kind, identity.scope, identity.consolidated, identity.audit) == (
        "báo cáo tài chính", "riêng", False, "kiểm toán")
    assert (identity.period_start, identity.period_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert identity.signed == date(2024, 3, 25)  # the auditor's report, the last to sign
    assert doc.title == ("Báo cáo tài chính riêng năm 2023 (đã kiểm toán) — Công ty Cổ phần Dệt "
                         "may Minh Khuê")


def test_a_fiscal_year_starting_in_october_makes_the_first_quarter_october_to_december(
        tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    document = docx.Document()
    for line in statements.FISCAL_COVER:
        document.add_paragraph(line)
    document.save(folder / "HLT_BCTC_Q1_2025.docx")
    (doc,) = load_knowledge(folder).documents
    assert (doc.identity.period_start, doc.identity.period_end) == (date(2024, 10, 1),
                                                                    date(2024, 12, 31))
    assert doc.identity.fiscal_start == 10 and doc.identity.organisation.ticker == "HLT"
    assert doc.title == ("Báo cáo tài chính hợp nhất quý 1 niên độ 2024-2025 — Công ty Cổ phần "
                         "Thép Hồng Lam (HLT)")
    (asked,) = periods_in("quý 1 niên độ 2024-2025")
    assert doc.period.covers(asked) and doc.period.covers(Period(2024, quarter=4))
    assert not doc.period.covers(Period(2025, quarter=2))


def test_a_fiscal_year_the_notes_say_starts_in_october_is_named_by_its_two_years(
        tmp_path: Path):
    doc = load(tmp_path / "kb", {"nam-khe.md": statements.FISCAL_YEAR})["nam-khe.md"]
    assert (doc.identity.period_start, doc.identity.period_end) == (date(2023, 10, 1),
                                                                    date(2024, 9, 30))
    assert doc.identity.fiscal_start == 10
    assert doc.title == ("Báo cáo tài chính niên độ 2023-2024 — Công ty Cổ phần Mía Đường Nam "
                         "Khê")


def test_a_reviewed_half_year_of_a_bank_with_its_short_name(tmp_path: Path):
    doc = load(tmp_path / "kb", {"ksb.txt": statements.HALF_YEAR})["ksb.txt"]
    organisation = doc.identity.organisation
    assert organisation == Organisation("Ngân hàng Thương mại Cổ phần Kim Sơn Đông Hải",
                                        "KSBank", None)  # not "Ngân hàng Nhà nước"
    assert doc.identity.audit == "soát xét" and doc.identity.signed == date(2024, 8, 14)
    assert doc.title == ("Báo cáo tài chính hợp nhất 6 tháng đầu năm 2024 (đã soát xét) — Ngân "
                         "hàng Thương mại Cổ phần Kim Sơn Đông Hải (KSBank)")
    assert doc.period == Period(2024, half=1, start=date(2024, 1, 1), end=date(2024, 6, 30))


def test_the_company_under_a_parent_body_in_a_letterhead_is_the_one_that_writes(
        tmp_path: Path):
    doc = load(tmp_path / "kb", {"hong-lam.txt": statements.LETTERHEAD})["hong-lam.txt"]
    assert doc.identity.organisation.name == "Công ty Cổ phần Vận tải Biển Hồng Lam"
    assert doc.title == "Báo cáo tài chính quý 3/2025 — Công ty Cổ phần Vận tải Biển Hồng Lam"
    assert doc.identity.signed == date(2025, 10, 20)


def test_a_file_name_ticker_counts_only_when_the_text_writes_it_and_it_is_no_unit(
        tmp_path: Path):
    body = statements.QUARTERLY.replace("- Mã chứng khoán: TLV\n", "")
    docs = load(tmp_path / "kb", {
        "TLV_BCTC_Q2_2025.md": body,  # "Số: 15/2025/CBTT-TLV" writes it
        "ABC_BCTC_Q2_2025.md": body,  # the text never writes ABC
        "VND_BCTC_Q2_2025.md": body.replace("CBTT-TLV", "CBTT-VND"),  # a currency as well
    })
    assert docs["TLV_BCTC_Q2_2025.md"].identity.organisation.ticker == "TLV"
    assert docs["ABC_BCTC_Q2_2025.md"].identity.organisation.ticker is None
    assert docs["VND_BCTC_Q2_2025.md"].identity.organisation.ticker is None
    assert docs["VND_BCTC_Q2_2025.md"].title == ("Báo cáo tài chính hợp nhất quý 2/2025 — Công "
                                                 "ty Cổ phần Cơ khí Tân Lạc Việt")


def test_other_kinds_of_report(tmp_path: Path):
    docs = load(tmp_path / "kb", {"thong-ke.md": statements.STATISTICS,
                                  "tong-ket.md": statements.YEARLY_REVIEW})
    statistics, review = docs["thong-ke.md"], docs["tong-ket.md"]
    assert statistics.identity.kind == "báo cáo thống kê"
    assert (statistics.identity.period_start, statistics.identity.period_end) == (
        date(2024, 3, 1), date(2024, 3, 31))
    # No organisation of a legal form: the report's own heading stays its title.
    assert statistics.title == "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 3 NĂM 2024"
    assert statistics.period == Period(2024, month=3, start=date(2024, 3, 1),
                                       end=date(2024, 3, 31))
    # Spelled as the mention in upper and lower case spells it.
    assert review.title == "Báo cáo tổng kết năm 2024 — Công ty Cổ phần Cấp nước Đồi Thông"


def test_an_article_about_a_statement_keeps_its_title_and_period(tmp_path: Path):
    doc = load(tmp_path / "kb", {"tin.md": statements.NEWS})["tin.md"]
    assert doc.identity.kind is None
    assert doc.identity.organisation.name == "Công ty Cổ phần Thép Hồng Lam"
    assert doc.title == "Doanh nghiệp thép báo lãi"
    assert doc.period is None and doc.date is None


def test_a_title_the_file_states_still_wins(tmp_path: Path):
    text = f"---\ntitle: BCTC quý 2 của TLV\ndate: 2025-07-30\n---\n{statements.QUARTERLY}"
    doc = load(tmp_path / "kb", {"tlv.md": text})["tlv.md"]
    assert doc.title == "BCTC quý 2 của TLV" and doc.date == "2025-07-30"
    assert doc.identity.organisation.ticker == "TLV"
    assert doc.period == Period(2025, quarter=2, start=date(2025, 4, 1), end=date(2025, 6, 30))


def test_the_bundled_report_has_a_period_but_no_organisation_nor_kind():
    from tests.conftest import BUNDLED

    (doc,) = load_knowledge(BUNDLED).documents
    assert doc.identity == Identity(period_start=date(2021, 1, 1), period_end=date(2021, 6, 30))
    assert doc.title == "Hội nghị sơ kết công an 6 tháng đầu năm 2021"
    assert doc.period == Period(2021, half=1)  # as before: the title's


def test_an_identity_is_kept_as_plain_data(tmp_path: Path):
    doc = load(tmp_path / "kb", {"hlt.txt": statements.HALF_YEAR})["hlt.txt"]
    assert identity_from(identity_data(doc.identity)) == doc.identity
    assert identity_data(doc.identity)["signed"] == "2024-08-14"
    assert identity_from(None) is None


def test_names_in_a_sentence_end_where_the_legal_name_ends():
    from bot.knowledge.organisations import is_auditor, organisation_names

    assert organisation_names("Công ty Cổ phần Dệt may Minh Khuê được thành lập năm 2008.") == (
        "Công ty Cổ phần Dệt may Minh Khuê",)
    assert organisation_names("Đơn vị kiểm toán của Công ty là Công ty TNHH Kiểm toán Sao "
                              "Việt.") == ("Công ty TNHH Kiểm toán Sao Việt",)
    assert organisation_names("TỔNG CÔNG TY THIẾT BỊ LÂM TIÊN – CÔNG TY CỔ PHẦN ký hợp đồng với "
                              "Công ty TNHH MTV Lưới điện Miền Bắc vừa qua") == (
        "TỔNG CÔNG TY THIẾT BỊ LÂM TIÊN – Công ty Cổ phần", "Công ty TNHH MTV Lưới điện Miền Bắc")
    assert organisation_names("Công ty có 12 công ty con.") == ()
    # Words of a line of business that are verbs elsewhere ("nhận", "ký") stay in the name.
    assert organisation_names("Công ty Cổ phần Giao nhận Kho vận Sông Hàn nhận giải thưởng; "
                              "Tổng công ty Lưu ký Hàng hóa Bến Nghé Được Vinh ký kết.") == (
        "Công ty Cổ phần Giao nhận Kho vận Sông Hàn",
        "Tổng công ty Lưu ký Hàng hóa Bến Nghé Được Vinh")
    assert is_auditor("Công ty TNHH Kiểm toán Sao Việt") and is_auditor("Công ty TNHH Mazars Việt Nam")
    assert not is_auditor("Công ty Cổ phần Dệt may Minh Khuê")


def test_the_ticker_stated_after_the_company_name_in_a_note_far_from_the_cover(tmp_path: Path):
    cover = statements.QUARTERLY.replace("- Mã chứng khoán: TLV\n", "").replace(
        "Số: 15/2025/CBTT-TLV", "Số: 15/2025/CBTT")
    note = ("\n1. ĐẶC ĐIỂM HOẠT ĐỘNG\n\nCông ty Cổ phần Cơ khí Tân Lạc Việt (mã chứng khoán: TLV) "
            "được thành lập theo Giấy chứng nhận đăng ký doanh nghiệp số 0101234567.\n")
    doc = load(tmp_path / "kb", {"q2.md": cover + "\n" * 3 + "Thuyết minh.\n" * 400 + note})["q2.md"]
    assert doc.identity.organisation == Organisation("Công ty Cổ phần Cơ khí Tân Lạc Việt",
                                                     "Cơ khí Tân Lạc Việt", "TLV")
    without = load(tmp_path / "kb2", {"q2.md": cover})["q2.md"]
    assert without.identity.organisation.ticker is None
