"""What a question searches for (weighted terms) and what an answer must hold (needs)."""

import pytest

from bot.answering.needs import needs_of
from bot.answering.query import read
from bot.answering.tuning import (
    BIGRAM_WEIGHT,
    COMPOUND_PAIR,
    COMPOUND_SYLLABLE,
    FOLDED_COMPANION,
    STAND_IN_WEIGHT,
    SYNONYM_WEIGHT,
)
from bot.language.lexicon import load_lexicon


def weights_of(question: str, known=None) -> dict[str, float]:
    return dict(needs_of(read(question), load_lexicon(), known).weights)


def needs_in(question: str) -> list[str]:
    return [need.term for need in needs_of(read(question), load_lexicon()).required]


def test_needs_pair_only_words_pyvi_joins():
    found = needs_in("Buổi hội nghị diễn ra vào hôm nào?")
    assert found == ["hôi5", "hôi5 nghi5", "nghi5", "diên4"]  # no "nghị diễn"; exact forms
    folded = needs_in("hoi nghi dien ra hom nao")
    assert "~nghi dien" in folded  # pyvi cannot read folded text: every pair counts, folded


def test_a_word_pyvi_joins_weighs_as_a_pair_more_than_as_syllables():
    weights = weights_of("Hội nghị do cơ quan nào tổ chức?")
    assert weights["hôi5"] == COMPOUND_SYLLABLE and weights["tô3"] == COMPOUND_SYLLABLE
    assert weights["hôi5 nghi5"] == pytest.approx(BIGRAM_WEIGHT * COMPOUND_PAIR)
    assert weights["nghi5 do"] == BIGRAM_WEIGHT  # across two words: a plain pair
    plain = weights_of("hoi nghi do co quan nao to chuc")  # no diacritics: no pyvi
    assert plain["~hoi"] == 1.0 and plain["~hoi nghi"] == BIGRAM_WEIGHT
    # ... but the reports' own pairs ("hội nghị", "tổ chức" written there) stand in for it.
    report = {"~hoi nghi", "~to chuc"}
    folded = weights_of("hoi nghi do co quan nao to chuc", report.__contains__)
    assert folded["~hoi"] == COMPOUND_SYLLABLE and folded["~to"] == COMPOUND_SYLLABLE
    assert folded["~hoi nghi"] == pytest.approx(BIGRAM_WEIGHT * COMPOUND_PAIR)
    assert folded["~co"] == 1.0  # "co quan" is no pair of the reports


def test_nfd_and_old_tone_marks_read_the_same():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Hồ được nạo vét khi nào?")
    assert weights_of(nfd) == weights_of("Hồ được nạo vét khi nào?")
    assert weights_of("thuỷ lợi hoà bình") == weights_of("thủy lợi hòa bình")


def test_synonyms_join_the_search_as_whole_phrases_at_lower_weight():
    weights = weights_of("cuộc họp do ai chủ trì")
    assert weights["hôi5 nghi5"] == SYNONYM_WEIGHT and "hôi5" not in weights
    assert weights["cuôc5"] == 1.0 and weights["cuôc5 hop5"] == BIGRAM_WEIGHT
    assert weights["~cuoc"] == FOLDED_COMPANION


def test_synonyms_stand_in_at_more_weight_for_a_phrase_the_reports_never_use():
    report = {"hôi5 nghi5", "tô3 chưc1", "cuôc5", "~cuoc", "~hop"}  # "cuộc sống", "phối hợp"
    weights = weights_of("buổi họp diễn ra ở đâu", report.__contains__)
    assert weights["hôi5 nghi5"] == STAND_IN_WEIGHT and weights["tô3 chưc1"] == STAND_IN_WEIGHT
    assert weights["hop5"] == COMPOUND_SYLLABLE  # its syllables would match other words
    # When the reports do use the question's phrase, synonyms stay in the background.
    weights = weights_of("buổi họp diễn ra ở đâu", (report | {"buôi3 hop5"}).__contains__)
    assert weights["hôi5 nghi5"] == SYNONYM_WEIGHT and weights["hop5"] == 1.0


def test_a_synonym_is_asked_as_written_or_folded_when_it_cannot_be_another_word():
    weights = weights_of("Giám đốc công an Hà Nội là ai?")
    assert "nhân1 manh5" not in weights  # the "Nội" of "Hà Nội" is no "nói"
    assert weights_of("Ông ấy nói gì?")["nhân1 manh5"] == SYNONYM_WEIGHT
    assert "~nhan manh" not in weights_of("giam doc cong an ha noi la ai")
    assert weights_of("cuoc hop do ai chu tri")["~hoi nghi"] > 0
