import pytest

from bot.question import (
    BIGRAM_WEIGHT,
    COMPOUND_PAIR,
    COMPOUND_SYLLABLE,
    FOLDED_COMPANION,
    STAND_IN_WEIGHT,
    SYNONYM_WEIGHT,
    analyze,
    clean,
    names_of,
)
from bot.text import load_lexicon


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
    ],
)
def test_question_kind(question: str, kind: str):
    assert analyze(question).kind == kind


def test_casual_forms_and_fillers_are_read_as_plain_words():
    lexicon = load_lexicon()
    assert clean("Cho mình hỏi hn có đc tổ chức ko ạ???", lexicon) == "hội nghị có được tổ chức không?"
    assert clean("bn trường vậy", lexicon) == "bao nhiêu trường"
    assert clean("bot ơi ai chủ trì nhé", lexicon) == "ai chủ trì"


def test_needs_pair_only_words_pyvi_joins():
    needs = [term for term, _ in analyze("Buổi hội nghị diễn ra vào hôm nào?").needs]
    assert needs == ["hôi5", "hôi5 nghi5", "nghi5", "diên4"]  # no "nghị diễn"; exact forms
    folded = [term for term, _ in analyze("hoi nghi dien ra hom nao").needs]
    assert "~nghi dien" in folded  # pyvi cannot read folded text: every pair counts, folded


def test_content_words_skip_question_words():
    assert analyze("Ai là người chủ trì hội nghị?").content == ("người", "chủ", "trì", "hội", "nghị")
    assert analyze("ai la nguoi chu tri hoi nghi").content == ("nguoi", "chu", "tri", "hoi", "nghi")


def test_numbers_and_names_the_answer_must_hold():
    query = analyze("Bộ trưởng Bộ Y tế năm 2022 là ai?")
    assert query.numbers == ("2022",)
    assert query.names == ("bo truong", "bo", "y te")  # pyvi joins "Y tế"
    assert analyze("Bộ Quốc phòng có kế hoạch gì?").names == ("bo", "quoc phong")
    assert analyze("Ai là chủ tịch Quốc hội?").names == ("quoc hoi",)
    assert analyze("Tesla thành lập năm nào?").names == ()
    assert names_of("Theo báo cáo, Ai chủ trì?", load_lexicon()) == ()
    assert analyze("Vì sao Canada tham gia chiến tranh Boer?").names == ("canada", "boer")
    assert analyze("Tại sao Gruzia lập ra cơ quan lâm thời?").names == ("gruzia",)
    assert analyze("Giải Nobel hòa bình năm 2021 trao cho ai?").names == ("nobel",)


def test_a_word_pyvi_joins_weighs_as_a_pair_more_than_as_syllables():
    weights = analyze("Hội nghị do cơ quan nào tổ chức?").weights
    assert weights["hôi5"] == COMPOUND_SYLLABLE and weights["tô3"] == COMPOUND_SYLLABLE
    assert weights["hôi5 nghi5"] == pytest.approx(BIGRAM_WEIGHT * COMPOUND_PAIR)
    assert weights["nghi5 do"] == BIGRAM_WEIGHT  # across two words: a plain pair
    plain = analyze("hoi nghi do co quan nao to chuc").weights  # no diacritics: no pyvi
    assert plain["~hoi"] == 1.0 and plain["~hoi nghi"] == BIGRAM_WEIGHT
    # ... but the reports' own pairs ("hội nghị", "tổ chức" written there) stand in for it.
    report = {"~hoi nghi", "~to chuc"}
    folded = analyze("hoi nghi do co quan nao to chuc", known=report.__contains__).weights
    assert folded["~hoi"] == COMPOUND_SYLLABLE and folded["~to"] == COMPOUND_SYLLABLE
    assert folded["~hoi nghi"] == pytest.approx(BIGRAM_WEIGHT * COMPOUND_PAIR)
    assert folded["~co"] == 1.0  # "co quan" is no pair of the reports


def test_nfd_and_old_tone_marks_read_the_same():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Hồ được nạo vét khi nào?")
    assert analyze(nfd).weights == analyze("Hồ được nạo vét khi nào?").weights
    assert analyze("thuỷ lợi hoà bình").weights == analyze("thủy lợi hòa bình").weights


def test_synonyms_join_the_search_as_whole_phrases_at_lower_weight():
    weights = analyze("cuộc họp do ai chủ trì").weights
    assert weights["hôi5 nghi5"] == SYNONYM_WEIGHT and "hôi5" not in weights
    assert weights["cuôc5"] == 1.0 and weights["cuôc5 hop5"] == BIGRAM_WEIGHT
    assert weights["~cuoc"] == FOLDED_COMPANION


def test_synonyms_stand_in_at_more_weight_for_a_phrase_the_reports_never_use():
    report = {"hôi5 nghi5", "tô3 chưc1", "cuôc5", "~cuoc", "~hop"}  # "cuộc sống", "phối hợp"
    weights = analyze("buổi họp diễn ra ở đâu", known=report.__contains__).weights
    assert weights["hôi5 nghi5"] == STAND_IN_WEIGHT and weights["tô3 chưc1"] == STAND_IN_WEIGHT
    assert weights["hop5"] == COMPOUND_SYLLABLE  # its syllables would match other words
    # When the reports do use the question's phrase, synonyms stay in the background.
    weights = analyze("buổi họp diễn ra ở đâu", known=(report | {"buôi3 hop5"}).__contains__).weights
    assert weights["hôi5 nghi5"] == SYNONYM_WEIGHT and weights["hop5"] == 1.0


def test_a_synonym_is_asked_as_written_or_folded_when_it_cannot_be_another_word():
    weights = analyze("Giám đốc công an Hà Nội là ai?").weights
    assert "nhân1 manh5" not in weights  # the "Nội" of "Hà Nội" is no "nói"
    assert analyze("Ông ấy nói gì?").weights["nhân1 manh5"] == SYNONYM_WEIGHT
    assert "~nhan manh" not in analyze("giam doc cong an ha noi la ai").weights
    assert analyze("cuoc hop do ai chu tri").weights["~hoi nghi"] > 0


def test_smalltalk_and_english_are_recognised():
    assert analyze("Xin chào bot").smalltalk == "greeting"
    assert analyze("cảm ơn nhiều nhé").smalltalk == "thanks"
    assert analyze("/help").smalltalk == "help"
    assert analyze("chào, ai chủ trì hội nghị?").smalltalk is None
    assert analyze("Who chaired the conference?").language == "en"
    assert analyze("What is the target?").language == "en"
    assert analyze("cong an can dam bao an ninh kinh te nhu the nao").language == "vi"


def test_document_questions():
    assert analyze("Ai viết bài báo này?").about == "author"
    assert analyze("tác giả là ai").about == "author"
    assert analyze("Bài báo này đăng ngày nào?").about == "date"
    assert analyze("Hội nghị diễn ra ngày nào?").about is None
