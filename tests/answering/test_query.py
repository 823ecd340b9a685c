"""Reading a question: its kind, cleaned words, names, small talk and document questions."""

import pytest

from bot.answering.query import clean, names_of, read
from bot.language.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Ai chủ trì hội nghị?", "who"),
        ("người nào phát biểu", "who"),
        ("Hội nghị do cơ quan nào tổ chức?", "who"),
        ("don vi nao bao cao", "who"),
        ("Hội nghị diễn ra khi nào?", "when"),
        ("ngay nao to chuc", "when"),
        ("năm nào có luật mới", "when"),
        ("Bệnh viện ở đâu?", "where"),
        ("nơi nào tổ chức", "where"),
        ("Có bao nhiêu trường đạt chuẩn?", "how_many"),
        ("mấy trạm bơm", "how_many"),
        ("tỷ lệ tốt nghiệp", "how_many"),
        ("Vì sao phải kiểm tra bếp ăn?", "why"),
        ("tai sao nao vet ho", "why"),
        ("Hồ được nạo vét thế nào?", "how"),
        ("nhiệm vụ năm tới ra sao", "how"),
        ("Nhiệm vụ năm học tới là gì?", "what"),
        ("Hội nghị có bàn về tiếng Anh không?", "yes_no"),
        ("trường học phải không", "yes_no"),
        # Partly accented: the words typed with marks spelled as the kind's words are.
        ("Tóm tat bài bao giúp minh", "summary"),
        ("Có phai hội nghi diễn ra vào thang 5 khong?", "yes_no"),
        ("Tô Lam có chu trì hoi nghị khong?", "yes_no"),
        ("Bộ máy ngành được sắp xếp thế nao?", "how"),
    ],
)
def test_question_kind(question: str, kind: str):
    assert read(question).kind == kind


def test_casual_forms_and_fillers_are_read_as_plain_words():
    lexicon = load_lexicon()
    assert clean("Cho mình hỏi hn có đc tổ chức ko ạ???", lexicon) == "hội nghị có được tổ chức không?"
    assert clean("bn trường vậy", lexicon) == "bao nhiêu trường"
    assert clean("bot ơi ai chủ trì nhé", lexicon) == "ai chủ trì"
    # A casual form is typed as the rest of the question is.
    assert clean("hoi nghi co dc to chuc ko", lexicon) == "hoi nghi co duoc to chuc khong"


def test_the_frame_of_a_yes_no_question_is_no_part_of_its_claim():
    assert read("co phai to lam chu tri hoi nghi ko").content == ("to", "lam", "chu", "tri", "hoi",
                                                                  "nghi")
    assert read("Có phai Tô Lâm chủ trì khong?").content == ("tô", "lâm", "chủ", "trì")


def test_content_words_skip_question_words():
    assert read("Ai là người chủ trì hội nghị?").content == ("người", "chủ", "trì", "hội", "nghị")
    assert read("ai la nguoi chu tri hoi nghi").content == ("nguoi", "chu", "tri", "hoi", "nghi")


def test_numbers_and_names_the_answer_must_hold():
    query = read("Bộ trưởng Bộ Y tế năm 2022 là ai?")
    assert query.numbers == ("2022",)
    assert query.names == ("bo truong", "bo", "y te")  # pyvi joins "Y tế"
    assert read("Bộ Quốc phòng có kế hoạch gì?").names == ("bo", "quoc phong")
    assert read("Ai là chủ tịch Quốc hội?").names == ("quoc hoi",)
    assert read("Tesla thành lập năm nào?").names == ()
    assert names_of("Theo báo cáo, Ai chủ trì?", load_lexicon()) == ()
    assert read("Vì sao Canada tham gia chiến tranh Boer?").names == ("canada", "boer")
    assert read("Tại sao Gruzia lập ra cơ quan lâm thời?").names == ("gruzia",)
    # Half its words lack diacritics ("Nobel", "trao", "cho", "ai"): pyvi cannot be trusted
    # there, so the capitalized words are the name.
    assert read("Giải Nobel hòa bình năm 2021 trao cho ai?").names == ("giai nobel",)
    assert read("ong To Lam la ai").names == ("to lam",)
    assert read("Bo truong Bo Y te la ai").names == ("bo y",)


def test_smalltalk_and_english_are_recognised():
    assert read("Xin chào bot").smalltalk == "greeting"
    assert read("cảm ơn nhiều nhé").smalltalk == "thanks"
    assert read("/help").smalltalk == "help"
    assert read("chào, ai chủ trì hội nghị?").smalltalk is None
    assert read("Who chaired the conference?").language == "en"
    assert read("What is the target?").language == "en"
    assert read("cong an can dam bao an ninh kinh te nhu the nao").language == "vi"


def test_document_questions():
    assert read("Ai viết bài báo này?").about == "author"
    assert read("tác giả là ai").about == "author"
    assert read("Bài báo này đăng ngày nào?").about == "date"
    assert read("Hội nghị diễn ra ngày nào?").about is None
