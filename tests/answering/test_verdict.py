"""Answer or decline, as a reader of the reports would expect: periods, structure, yes/no,
what kind of answer a question asks for, and questions the reports do not cover."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.answering.pipeline import QA
from bot.knowledge.folder import load_knowledge

QUARTER_REPORT = """\
---
title: Báo cáo tình hình kinh tế - xã hội quý I năm 2024
date: 2024-03-29
---
Tổng sản phẩm trong nước (GDP) quý I/2024 ước tính tăng 5,66% so với cùng kỳ năm trước, cao hơn tốc độ tăng của quý I các năm 2020-2023.

Khu vực nông, lâm nghiệp và thủy sản quý I năm 2024 tăng 2,98%, đóng góp 6,09% vào mức tăng tổng giá trị tăng thêm; khu vực công nghiệp và xây dựng tăng 6,28%; khu vực dịch vụ tăng 6,12%.

Riêng ngành nông nghiệp quý I năm 2024 tăng 2,81% so với cùng kỳ năm trước.

Chỉ số giá tiêu dùng (CPI) bình quân quý I năm 2024 tăng 3,77% so với cùng kỳ năm trước.
"""

YEAR_NEWS = """\
---
title: Kinh tế năm 2015 tăng trưởng vượt kế hoạch
date: 2015-12-28
---
Tổng sản phẩm trong nước (GDP) năm 2015 ước tính tăng 6,68% so với năm 2014, vượt mục tiêu 6,2% đề ra.

Chỉ số giá tiêu dùng bình quân năm 2015 chỉ tăng 0,63%, mức thấp nhất trong 14 năm qua.

Kim ngạch hàng hóa xuất khẩu năm 2015 ước tính đạt 162,4 tỷ USD, tăng 8,1% so với năm trước.
"""


@pytest.fixture
def economy(tmp_path: Path) -> QA:
    """A quarterly statistics report of 2024 and a news item on 2015, as one folder."""
    (tmp_path / "bao-cao-quy-1-2024.txt").write_text(QUARTER_REPORT, encoding="utf-8")
    (tmp_path / "kinh-te-2015.txt").write_text(YEAR_NEWS, encoding="utf-8")
    return QA(load_knowledge(tmp_path), today=lambda: date(2016, 3, 1))


@pytest.mark.parametrize(("question", "expected", "document"), [
    ("GDP quý I năm 2024 tăng bao nhiêu phần trăm?", "5,66%", "bao-cao-quy-1-2024.txt"),
    ("GDP quý 1/2024 tăng bao nhiêu?", "5,66%", "bao-cao-quy-1-2024.txt"),
    ("gdp quy 1 2024 tang bao nhieu", "5,66%", "bao-cao-quy-1-2024.txt"),
    ("GDP năm 2015 tăng bao nhiêu?", "6,68%", "kinh-te-2015.txt"),
    # "năm ngoái" counts from today (here, early 2016).
    ("GDP năm ngoái tăng bao nhiêu?", "6,68%", "kinh-te-2015.txt"),
    ("Xuất khẩu năm 2015 đạt bao nhiêu?", "162,4 tỷ USD", "kinh-te-2015.txt"),
])
def test_the_report_of_the_period_asked_about_answers(economy: QA, question, expected, document):
    answer = economy.answer(question)
    assert answer.found, answer.text
    assert expected in answer.text
    assert answer.sources[0].document == document


MARCH_REPORT = """\
---
title: Báo cáo kinh tế - xã hội tỉnh Lâm Đồng tháng 3 năm 2024
date: 2024-03-31
---
Tổng sản phẩm trên địa bàn (GRDP) quý I năm 2024 ước tăng 6,8% so với cùng kỳ năm trước, trong đó khu vực nông, lâm nghiệp và thủy sản tăng 5,2%, khu vực dịch vụ tăng 8,3%.

Tổng thu ngân sách nhà nước trên địa bàn quý I ước đạt 2.450 tỷ đồng, bằng 24,5% dự toán năm.

Trong tháng, toàn tỉnh đón khoảng 850.000 lượt khách du lịch, tăng 12% so với tháng trước; trong đó khách quốc tế đạt 45.000 lượt.
"""

FEBRUARY_REPORT = """\
---
title: Báo cáo kinh tế - xã hội tỉnh Lâm Đồng tháng 2 năm 2024
date: 2024-02-29
---
Toàn tỉnh đón khoảng 760.000 lượt khách du lịch trong tháng 2, tăng 25% so với cùng kỳ năm trước.

Chỉ số giá tiêu dùng (CPI) tháng 2 tăng 1,2% so với tháng trước.
"""


@pytest.fixture
def monthly(tmp_path: Path) -> QA:
    """Two monthly reports of one province: the March one also gives the first quarter's."""
    (tmp_path / "thang-3.txt").write_text(MARCH_REPORT, encoding="utf-8")
    (tmp_path / "thang-2.txt").write_text(FEBRUARY_REPORT, encoding="utf-8")
    return QA(load_knowledge(tmp_path))


@pytest.mark.parametrize(("question", "short", "document"), [
    # A monthly report tells of the quarter that ends with its month ("quý I" is no name).
    ("GRDP quý I năm 2024 tăng bao nhiêu?", "6,8%", "thang-3.txt"),
    ("grdp quy 1 2024 tang bn", "6,8%", "thang-3.txt"),
    ("Thu ngân sách quý I đạt bao nhiêu?", "2.450 tỷ đồng", "thang-3.txt"),
    # The count of what was asked, not the next number of the sentence.
    ("Tháng 3 có bao nhiêu lượt khách du lịch?", "khoảng 850.000 lượt", "thang-3.txt"),
    ("Tháng 2 có bao nhiêu lượt khách du lịch?", "khoảng 760.000 lượt", "thang-2.txt"),
])
def test_monthly_reports_answer_for_their_month_and_the_quarter_it_ends(monthly: QA, question,
                                                                         short, document):
    answer = monthly.answer(question)
    assert answer.found, answer.text
    assert (answer.short, answer.sources[0].document) == (short, document)


def test_a_monthly_report_does_not_answer_for_a_quarter_it_does_not_end(monthly: QA):
    answer = monthly.answer("CPI quý II năm 2024 tăng bao nhiêu?")
    assert (answer.found, answer.reason) == (False, "other_period")


@pytest.mark.parametrize("question", [
    # The 2024 report compares with "quý I các năm 2020-2023": no report is about 2020.
    "GDP quý 1 năm 2020 tăng bao nhiêu?",
    "Doanh thu năm 2023 là bao nhiêu?",
    "CPI năm 2019 tăng bao nhiêu?",
])
def test_a_period_no_report_is_about_is_declined(economy: QA, question):
    answer = economy.answer(question)
    assert (answer.found, answer.reason) == (False, "other_period")


def test_the_words_naming_the_period_do_not_choose_the_sentence(economy: QA):
    # "quý I năm 2024" is in every sentence of the report; "GDP" decides, not the 2,81% of
    # the sentence that repeats "quý I năm 2024" word for word.
    answer = economy.answer("GDP quý I năm 2024 tăng bao nhiêu phần trăm?")
    assert answer.text.startswith("Tổng sản phẩm trong nước (GDP) quý I/2024 ước tính tăng 5,66%")


def test_a_photo_caption_is_context_not_the_answer(bundled_qa: QA):
    answer = bundled_qa.answer("Ai đến dự hội nghị sơ kết công tác Công an?")
    assert "Chủ tịch nước Nguyễn Xuân Phúc đến dự và phát biểu chỉ đạo." in answer.text
    assert answer.sources[0].paragraph == 1  # paragraph 2 is the photo caption
    caption = bundled_qa.knowledge.documents[0].roles[1]
    assert caption == "caption"


@pytest.mark.parametrize(("question", "reason"), [
    # The report names no place; the sentence with the date is no answer to "where".
    ("Hội nghị diễn ra ở đâu?", "no_place"),
    # "6 tháng đầu năm 2021" counts nothing: the report says nothing of how many came.
    ("Có bao nhiêu đại biểu tham dự?", "no_number"),
])
def test_a_sentence_without_what_the_question_asks_for_is_no_answer(bundled_qa: QA, question,
                                                                     reason):
    answer = bundled_qa.answer(question)
    assert (answer.found, answer.reason) == (False, reason)


def test_a_markdown_heading_is_never_the_answer(tmp_path: Path):
    (tmp_path / "y-te.md").write_text(
        "# Tình hình dịch sốt xuất huyết tại Đà Nẵng\n\n"
        "Tuần qua, Đà Nẵng ghi nhận 120 ca sốt xuất huyết, tăng 30% so với tuần trước.\n\n"
        "## Các biện pháp phòng chống dịch sốt xuất huyết\n\n"
        "Ngành y tế tổ chức phun hóa chất diệt muỗi tại 15 phường có nhiều ca bệnh.\n",
        encoding="utf-8")
    answer = QA.from_folder(tmp_path).answer("Các biện pháp phòng chống dịch sốt xuất huyết?")
    assert answer.text == "Ngành y tế tổ chức phun hóa chất diệt muỗi tại 15 phường có nhiều ca bệnh."


@pytest.mark.parametrize(("question", "expected"), [
    ("Có phải hội nghị diễn ra vào tháng 5 không?",
     "Không. Ngày 21/6, Đảng ủy Công an Trung ương, Bộ Công an tổ chức hội nghị"),
    ("Hội nghị diễn ra ngày 21/6 phải không?", "Có. Ngày 21/6,"),
    ("Tô Lâm có chủ trì hội nghị không?", "Có. Đại tướng Tô Lâm"),
    ("Chủ tịch nước có đến dự hội nghị không?",
     "Có. Chủ tịch nước Nguyễn Xuân Phúc đến dự và phát biểu chỉ đạo."),
    ("Dân có được sợ công an không?", "Không. Công an chính quy cấp xã phải sát dân"),
    # Someone else chaired it.
    ("Có phải Nguyễn Xuân Phúc chủ trì hội nghị không?", "Không. Đại tướng Tô Lâm"),
    # Another number in the same frame.
    ("Có phải công an phải kéo giảm 10% số vụ phạm tội không?", "Không. Lực lượng Công an"),
    ("Có phải công an phải kéo giảm 5% số vụ phạm tội không?", "Có. Lực lượng Công an"),
    # A name opening the question is the whole name, not its tail.
    ("Nguyễn Xuân Phúc có chủ trì hội nghị không?", "Không. Đại tướng Tô Lâm"),
    # The frame typed without its marks is no part of the claim.
    ("co phai hội nghị diễn ra vào tháng 6 không", "Có. Ngày 21/6,"),
    ("dan co duoc so cong an ko", "Không. Công an chính quy cấp xã phải sát dân"),
    # Typed without diacritics: pairs guessed across words need not stand together...
    ("chu tich nuoc co den du hoi nghi khong", "Có. Chủ tịch nước Nguyễn Xuân Phúc đến dự"),
    # ... and a date the best sentence does not give is settled by the dated one.
    ("Co phai hoi nghi dien ra vao thang 5 khong?", "Không. Ngày 21/6,"),
])
def test_yes_no_questions_are_answered_yes_or_no_with_the_sentence(bundled_qa: QA, question,
                                                                   expected):
    answer = bundled_qa.answer(question)
    assert answer.found and answer.kind == "yes_no"
    assert answer.text.startswith(expected)


@pytest.mark.parametrize("question", [
    "Có phải hội nghị có 500 đại biểu không?",  # the report says nothing of how many
    "Hội nghị có bàn về giá vàng không?",
    # The sentence before names Nguyễn Xuân Phúc; the one saying "chủ trì" is about Tô Lâm.
    "nguyen xuan phuc co chu tri hoi nghi ko",
])
def test_a_yes_no_question_the_report_says_nothing_of_is_declined(bundled_qa: QA, question):
    assert not bundled_qa.answer(question).found


HOSPITAL_A = """\
Bệnh viện Bạch Mai vừa cứu sống một bệnh nhân 45 tuổi bị ngộ độc rượu methanol. Bệnh nhân nhập viện trong tình trạng hôn mê sâu sau khi uống rượu tự nấu.

Các bác sĩ đã lọc máu liên tục trong 3 ngày và dùng thuốc giải độc fomepizol. Sau một tuần điều trị, bệnh nhân tỉnh táo và đi lại được.
"""
HOSPITAL_B = """\
Bệnh viện Nhi Trung ương tiếp nhận một bé trai 6 tuổi bị hóc hạt lạc. Bé ho sặc sụa và khó thở khi đang ăn.

Các bác sĩ đã nội soi phế quản để gắp dị vật ra ngoài. Sau hai ngày theo dõi, bé được xuất viện.
"""
HOSPITAL_C = """\
Bệnh viện Chợ Rẫy ghi nhận số ca sốt xuất huyết tăng mạnh trong tháng 7. Nhiều bệnh nhân nhập viện khi tiểu cầu đã giảm sâu.

Bác sĩ khuyến cáo người dân diệt lăng quăng, ngủ màn và đến cơ sở y tế khi sốt cao liên tục.
"""


@pytest.fixture
def hospital_news(tmp_path: Path) -> QA:
    """Three short health news items of the same kind."""
    for name, text in (("ngo-doc.txt", HOSPITAL_A), ("hoc-hat-lac.txt", HOSPITAL_B),
                       ("sot-xuat-huyet.txt", HOSPITAL_C)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return QA.from_folder(tmp_path)


@pytest.mark.parametrize(("question", "expected"), [
    ("Bệnh nhân ngộ độc methanol được lọc máu trong bao lâu?", "lọc máu liên tục trong 3 ngày"),
    ("Bé trai bị hóc hạt lạc bao nhiêu tuổi?", "6 tuổi"),
    ("Bác sĩ khuyến cáo gì về sốt xuất huyết?", "diệt lăng quăng"),
])
def test_news_of_one_kind_answer_what_they_say(hospital_news: QA, question, expected):
    answer = hospital_news.answer(question)
    assert answer.found and expected in answer.text


@pytest.mark.parametrize("question", [
    # About other news of the same kind: the reports share its words, not its facts.
    "Bệnh nhân bị đột quỵ được phẫu thuật ở bệnh viện nào?",
    "Sản phụ sinh ba được các bác sĩ xử lý ra sao?",
    "Bệnh nhân ung thư phổi được điều trị bằng thuốc gì?",
])
def test_questions_about_news_that_is_not_there_are_declined(hospital_news: QA, question):
    answer = hospital_news.answer(question)
    assert not answer.found, answer.text


def test_words_that_only_ask_are_no_content_however_typed(tmp_path: Path):
    cpi = ("\nChỉ số giá tiêu dùng (CPI) tháng 3 giảm 0,3% so với tháng trước và tăng 3,1% so "
           "với cùng kỳ năm 2023. Nguyên nhân chủ yếu do giá xăng dầu giảm.\n")
    (tmp_path / "thang-3.txt").write_text(MARCH_REPORT + cpi, encoding="utf-8")
    (tmp_path / "thang-2.txt").write_text(FEBRUARY_REPORT, encoding="utf-8")
    qa = QA(load_knowledge(tmp_path))
    for question in ("Giá vàng tháng 3 thế nào?", "gia vang thang 3 the nao"):
        assert not qa.answer(question).found, question  # no report speaks of gold
    assert qa.answer("cpi thang 3 giam bao nhieu").short == "0,3%"


REVIEW_2022 = """\
date 2022-07

Ngày 14/7, Đảng ủy Công an Trung ương, Bộ Công an tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2022. Thủ tướng Phạm Minh Chính dự và chỉ đạo hội nghị.
"""


def test_a_fact_two_reports_of_a_series_give_is_given_from_both(tmp_path: Path):
    from tests.conftest import BUNDLED

    for report in BUNDLED.iterdir():
        (tmp_path / report.name).write_bytes(report.read_bytes())
    (tmp_path / "hoi-nghi-so-ket-cong-an-6-thang-dau-nam-2022.txt").write_text(
        REVIEW_2022, encoding="utf-8")
    qa = QA(load_knowledge(tmp_path))
    answer = qa.answer("Hội nghị sơ kết diễn ra ngày nào?")  # which year's, it does not say
    assert answer.text.startswith("Ngày 14/7, Đảng ủy Công an Trung ương")
    assert "\nCòn theo «Hội nghị sơ kết công an 6 tháng đầu năm 2021» (2021-06): Ngày 21/6," \
        in answer.text
    assert [s.date for s in answer.sources] == ["2022-07", "2021-06"]
    named = qa.answer("Hội nghị sơ kết năm 2021 diễn ra ngày nào?")
    assert named.text.startswith("Ngày 21/6,") and len(named.sources) == 1
