import unicodedata

from bot.language.lexicon import load_lexicon
from bot.language.text import (
    canonical,
    fold,
    has_diacritics,
    normalize,
    segment,
    split_sentences,
    word_count,
    words,
)
from bot.search.terms import terms


def test_normalize_makes_nfc_drops_controls_and_collapses_spaces():
    nfd = unicodedata.normalize("NFD", "Hội  nghị\u200b\x07 sơ kết\r\n")
    assert normalize(nfd) == "Hội nghị sơ kết"


def test_fold_removes_every_diacritic_including_d_stroke():
    assert fold("Đường Đại tướng Tô Lâm") == "Duong Dai tuong To Lam"
    assert has_diacritics("hội nghị") and not has_diacritics("hoi nghi")


def test_old_and_new_tone_placement_are_one_term():
    assert canonical("hoà") == canonical("hòa")
    assert canonical("thuỷ") == canonical("thủy")
    assert canonical("khoẻ") == canonical("khỏe")
    assert canonical("đường") != canonical("dương")


def test_terms_hold_exact_and_folded_unigrams_and_bigrams():
    assert terms("Hội nghị") == ["hôi5", "nghi5", "hôi5 nghi5", "~hoi", "~nghi", "~hoi nghi"]
    assert terms("Hoa Kỳ") == terms("Hoa Kì")  # two spellings of the same name


def test_thousands_separators_do_not_make_another_number():
    assert words("10.000 người, 1.234.567 đồng và 100,000 USD") == [
        ["10000", "người"], ["1234567", "đồng", "và", "100000", "usd"]]
    assert words("40,4 độ, 0,1% và 12.5") == [["40,4", "độ"], ["0,1", "%", "và", "12.5"]]


def test_terms_do_not_pair_words_across_punctuation():
    assert "~an ninh" not in terms("công an, ninh bình")


def test_split_sentences_keeps_abbreviations_and_initials():
    text = "Ông đến TP. Hồ Chí Minh ngày 5/3. Sau đó E. O. Wilson phát biểu. Hết!"
    assert split_sentences(text) == [
        "Ông đến TP. Hồ Chí Minh ngày 5/3.",
        "Sau đó E. O. Wilson phát biểu.",
        "Hết!",
    ]


def test_pyvi_segments_compound_words():
    assert segment("Bộ Công an tổ chức hội nghị") == ["Bộ", "Công_an", "tổ_chức", "hội_nghị"]


def test_word_count_counts_syllables_and_numbers():
    assert word_count("Ngày 21/6, hội nghị đạt 5%.") == 7


def test_lexicon_holds_casual_forms_and_question_words_as_stopwords():
    lexicon = load_lexicon()
    assert lexicon.casual["ko"] == "không" and lexicon.casual["đc"] == "được"
    assert {"là", "gì", "ai", "của", "và", "các", "những"} <= lexicon.stopwords
