import pytest
from rank_bm25 import BM25Okapi

from bot.answering.needs import needs_of
from bot.answering.query import read
from bot.knowledge.documents import chunks_of
from bot.knowledge.reading import parse_document
from bot.language.lexicon import load_lexicon
from bot.search.index import Index
from bot.search.spelling import edit_distance
from bot.search.terms import terms
from bot.search.tuning import EPSILON


def weights(question: str) -> dict[str, float]:
    return dict(needs_of(read(question), load_lexicon()).weights)

PARAGRAPHS = [
    "Bộ Công an là cơ quan của Chính phủ.",
    "Hội nghị là dịp để các đơn vị báo cáo.",
    "Lực lượng công an là lực lượng vũ trang.",
    "Đường sắt Bắc Nam dài 1.726 km.",
    "Dương Văn Minh là tổng thống cuối cùng.",
]


@pytest.fixture
def index() -> Index:
    return Index(chunks_of([parse_document("a.txt", "\n\n".join(PARAGRAPHS))]))


def test_scores_are_rank_bm25_scores(index: Index):
    # Each paragraph is indexed with its document's title ("A" for a.txt) before its text.
    query = ["~cong an", "công an", "~hoi"]
    reference = BM25Okapi([terms("A") + terms(p) for p in PARAGRAPHS], k1=index.k1, b=index.b,
                          epsilon=EPSILON)
    expected = reference.get_scores(query)
    assert index.scores(dict.fromkeys(query, 1.0)) == pytest.approx(list(expected))


def test_question_words_do_not_drive_the_ranking(index: Index):
    # "là" is in most paragraphs: BM25Okapi would floor its negative idf, and with four
    # "là" a paragraph could win on it. The question drops it, so "đơn vị" decides.
    hits = index.search(weights("đơn vị là gì là là là"), top_k=5)
    assert [h.chunk.paragraph for h in hits] == [2]


def test_exact_diacritics_rank_above_folded_match(index: Index):
    hits = index.search(weights("đường"), top_k=5)
    assert [h.chunk.paragraph for h in hits][:2] == [4, 5]
    folded = index.search(weights("duong"), top_k=5)
    assert {h.chunk.paragraph for h in folded} == {4, 5}


def test_search_validates_top_k(index: Index):
    with pytest.raises(ValueError, match="top_k must be > 0, got 0"):
        index.search({"~cong": 1.0}, top_k=0)


def test_an_empty_index_is_refused():
    with pytest.raises(ValueError, match="at least one chunk"):
        Index([])


def test_spelling_correction_finds_the_known_word(index: Index):
    assert index.correct("chinnh") == "chinh"
    assert index.correct("luc") is None  # too short to guess
    assert edit_distance("fraklin", "franklin", 1) == 1
    assert edit_distance("peurto", "puerto", 1) == 1  # two letters swapped: one slip
    assert edit_distance("peurto", "pureto", 1) == 2


def test_a_single_paragraph_knowledge_still_answers():
    tiny = Index(chunks_of([parse_document("a.txt", "Cầu Rồng dài 666 mét.")]))
    hits = tiny.search(weights("cầu rồng dài bao nhiêu"))
    assert [h.chunk.text for h in hits] == ["Cầu Rồng dài 666 mét."]
