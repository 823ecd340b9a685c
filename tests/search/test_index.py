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


def test_the_top_ten_is_rank_bm25s_with_ties_at_the_tenth_in_document_order():
    # Twelve paragraphs score the same: the 10th best score is shared by eight of them, of
    # which the first six in document order make the top ten, as a full sort by rank-bm25's
    # scores (stable, so document order among equals) gives them.
    paragraphs = (["Nhà máy thủy điện Sơn La phát điện năm 2012."] * 2
                  + ["Nhà máy điện mặt trời ở Ninh Thuận."] * 2
                  + ["Nhà máy nhiệt điện than đã đóng cửa."] * 12
                  + [f"Cánh đồng lúa số {i} ở đồng bằng." for i in range(10)])
    index = Index(chunks_of([parse_document("a.txt", "\n\n".join(paragraphs))]))
    query = list(dict.fromkeys(terms("nhà máy thủy điện Sơn La mặt trời nhiệt điện")))
    reference = BM25Okapi([terms("A") + terms(p) for p in paragraphs], k1=index.k1,
                          b=index.b, epsilon=EPSILON).get_scores(query)
    expected = sorted(range(len(paragraphs)), key=lambda i: -reference[i])[:10]
    hits = index.search(dict.fromkeys(query, 1.0), top_k=10)
    assert [h.chunk.paragraph - 1 for h in hits] == expected
    assert len({reference[i] for i in expected[4:]}) == 1  # the tie runs past the 10th
    assert reference[expected[-1]] == reference[16 - 1]  # ... to a paragraph left out
    assert [h.score for h in hits] == [float(index.scores(dict.fromkeys(query, 1.0))[i])
                                       for i in expected]


def test_a_search_finds_what_the_exact_scores_of_every_chunk_rank_first():
    # The float32 filter keeps every chunk that may be of the best: its top ten, ties and
    # scores are those of sorting every chunk's exact score, with any weights.
    sentences = ["Bộ Công an", "lực lượng vũ trang", "hội nghị tổng kết", "đường sắt Bắc Nam",
                 "công an nhân dân", "báo cáo năm", "đơn vị", "tổng thống"]
    paragraphs = [" ".join(sentences[(i * j) % len(sentences)] for j in range(1, 2 + i % 5))
                  for i in range(200)]
    index = Index(chunks_of([parse_document("a.txt", "\n\n".join(paragraphs))]))
    for question in ("công an nhân dân", "đường sắt và hội nghị", "tổng thống của đơn vị"):
        for weights_of in (lambda t: 1.0, lambda t: 0.5 if " " in t else 2.0,
                           lambda t: -1.0 if t.startswith("~") else 1.0):
            query = {t: weights_of(t) for t in dict.fromkeys(terms(question))}
            scores = index.scores(query)
            positive = [i for i in range(len(paragraphs)) if scores[i] > 0]
            expected = sorted(positive, key=lambda i: (-scores[i], i))[:10]
            hits = index.search(query, top_k=10)
            assert [(h.chunk.paragraph - 1, h.score) for h in hits] == [
                (i, float(scores[i])) for i in expected]
