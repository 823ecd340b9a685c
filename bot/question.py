"""Read a question as people type it: clean it, find its kind, and weigh its search terms."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .text import (
    Lexicon,
    canonical,
    fold,
    has_diacritics,
    load_lexicon,
    normalize,
    segment,
    spelling,
    terms,
    words,
)

MAX_QUESTION_CHARS = 1000
# Weights tuned on UIT-ViQuAD dev (hit@1): a pair of neighbouring words counts about a third of
# a word; a word typed with diacritics also matches its folded form at a quarter weight, so an
# exact match ranks first but a report written without diacritics is still found.
BIGRAM_WEIGHT = 0.35
FOLDED_COMPANION = 0.25
COMPOUND_SYLLABLE = 0.4  # a syllable of a word pyvi joins, e.g. "hội" of "hội nghị" ...
COMPOUND_PAIR = 2.0  # ... and that word's pair, against a plain pair of neighbouring words
SYNONYM_WEIGHT = 0.15  # a synonym phrase from lexicon.json, against 1 for a word of the question
STAND_IN_WEIGHT = 0.5  # a synonym standing in for a phrase the reports never use

# Question kinds, tried in this order; patterns are written with diacritics and also matched
# against the folded question, so "ai chu tri" is a who-question too.
KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    ("why", r"tại sao|vì sao|lý do|lí do|nguyên nhân|vì đâu|để làm gì|mục đích|nhằm"),
    ("when", r"khi nào|ngày nào|hôm nào|bao giờ|lúc nào|năm nào|tháng nào|thời gian nào|"
             r"thời điểm nào|năm bao nhiêu|thế kỷ nào|thế kỉ nào|giai đoạn nào|ngày mấy|"
             r"hôm nào|thời gian|bao lâu|niên đại"),
    ("how_many", r"bao nhiêu|mấy|tỷ lệ|tỉ lệ|số lượng|phần trăm|bao xa|bao nhiêu phần trăm"),
    ("who", r"\bai\b|người nào|nhân vật nào|vị nào|ông nào|bà nào|những ai|tác giả|"
            r"người viết|người đứng đầu|cơ quan nào|đơn vị nào|tổ chức nào"),
    ("where", r"ở đâu|nơi nào|chỗ nào|đâu|địa điểm nào|tỉnh nào|thành phố nào|nước nào|"
              r"quốc gia nào|vùng nào|khu vực nào"),
    ("how", r"thế nào|ra sao|bằng cách nào|cách nào|làm sao|như nào"),
    ("yes_no", r"\bcó\b.*\bkhông\s*$|phải không|đúng không|hay không|\bkhông\s*$|chưa\s*$"),
    ("what", r"tên (là )?gì|\bgì\b|\bnào\b|là sao"),
)
SMALLTALK: tuple[tuple[str, str], ...] = (
    ("help", r"/?help|/?start|trợ giúp|giúp( mình| tôi| em)?( với)?|hướng dẫn|"
             r"(bạn|bot|mày) (biết|làm được|làm) (gì|những gì)|bạn là ai|menu"),
    ("thanks", r"cảm ơn|cám ơn|thanks?( you)?|tks|thx|cảm ơn (bạn|nhiều|nhé)"),
    ("greeting", r"xin chào|chào|hello|hi|hey|alo|chào bạn|chào bot|good (morning|evening)"),
)
DOCUMENT_WORDS = r"bài báo|bài viết|bài này|báo cáo này|tài liệu|văn bản|bản tin|bài"
_AUTHOR = r"tác giả|ai viết|người viết|viết bởi|ai là người viết|bút danh"
_DOC_DATE = rf"({DOCUMENT_WORDS}).*(ngày nào|khi nào|bao giờ|lúc nào|năm nào|đăng|ngày)"


_MARKUP = re.compile(r"<[^>]{0,200}>|[*_`#~|]+")  # HTML tags and Markdown emphasis in questions


@dataclass(frozen=True)
class Query:
    """A question read for searching: its kind, what it names, and weighted index terms."""

    text: str  # the question as normalized (NFC, spaces), for display
    cleaned: str  # lower case, casual forms expanded, fillers dropped
    kind: str  # why, when, how_many, who, where, how, yes_no, what, other
    smalltalk: str | None  # help, thanks, greeting, or None for a real question
    about: str | None  # "author" or "date" when the question is about the document itself
    content: tuple[str, ...]  # the meaningful syllables, in order
    numbers: tuple[str, ...]  # numbers the answer must contain
    names: tuple[str, ...]  # capitalized names the answer must contain (folded, lower case)
    weights: dict[str, float] = field(hash=False, compare=False)
    # What a paragraph must hold to answer: folded content words and pairs of them, each
    # with the folded forms of its synonyms that may stand in for it.
    needs: tuple[tuple[str, frozenset[str]], ...] = ()
    language: str = "vi"  # "en" when the question reads as English
    # The folded words that ask ("muc", "dich" of "nhằm mục đích gì"): a report need not use
    # them, since its answer says "nhằm thống nhất", not "mục đích".
    asking: frozenset[str] = frozenset()


def _found(pattern: str, cleaned: str) -> list[str]:
    """Return what a pattern written with diacritics matches in the question; a question typed
    mostly without diacritics is matched folded too ("ai chu tri" asks who), one written out
    is not (its "máy" is no "mấy")."""
    found = [m.group(0) for m in re.finditer(pattern, cleaned)]
    if found or written_out(cleaned):
        return found
    return [m.group(0) for m in re.finditer(fold(pattern), fold(cleaned))]


def _match(pattern: str, cleaned: str) -> bool:
    return bool(_found(pattern, cleaned))


def asks_number(cleaned: str) -> bool:
    """Tell whether the question asks how many ("bao nhiêu", "mấy")."""
    return _match(r"\bbao nhiêu\b|\bmấy\b", cleaned)


def clean(question: str, lexicon: Lexicon) -> str:
    """Lower-case, expand casual spellings ('ko' -> 'không'), drop fillers at either end."""
    text = normalize(question).lower().replace("\n", " ")
    text = _MARKUP.sub(" ", text)
    text = re.sub(r"([?!.,…])\1+", r"\1", text)
    tokens = [lexicon.casual.get(t, t)
              for t in re.findall(r"\d+(?:[.,]\d+)*%?|[\w%]+|[^\w\s]", text)]
    text = " ".join(tokens)
    text = re.sub(r"\s+([?!.,;:…])", r"\1", text)
    changed = True
    while changed:
        changed = False
        for filler in lexicon.fillers:
            stripped = re.sub(rf"^{re.escape(filler)}\b[\s,]*|[\s,]*\b{re.escape(filler)}([?!.]*)$",
                              r"\1", text).strip()
            if stripped and stripped != text:
                text, changed = stripped, True
    return re.sub(r"\s*\bơi\b", "", text).strip()


def asking_words(cleaned: str) -> str:
    """Return the words that make the question's kind ("mục đích" of "nhằm mục đích gì")."""
    cleaned = cleaned.rstrip("?!.… ")
    for _, pattern in KIND_PATTERNS:
        found = _found(pattern, cleaned)
        if found:
            return " ".join(found)
    return ""


def kind_of(cleaned: str) -> str:
    """Return the question kind, or 'other'."""
    cleaned = cleaned.rstrip("?!.… ")
    for kind, pattern in KIND_PATTERNS:
        if _match(pattern, cleaned):
            return kind
    return "other"


def smalltalk_of(cleaned: str) -> str | None:
    """Return help, thanks or greeting when that is all the message says."""
    bare = re.sub(r"[^\w\s]", " ", cleaned).strip()
    for kind, pattern in SMALLTALK:
        rest = re.sub(rf"\b(?:{pattern})\b", " ", bare)
        rest = re.sub(rf"\b(?:{fold(pattern)})\b", " ", fold(rest)) if rest == bare else rest
        if rest != bare and not re.sub(r"\b(bạn|bot|nhé|nha|nhiều|ạ|với|bạn nhé|ad)\b", "",
                                       rest).strip():
            return kind
    return None


def about_of(cleaned: str) -> str | None:
    """Tell whether the question asks who wrote the document or when it is dated."""
    if _match(_AUTHOR, cleaned):
        return "author"
    if _match(_DOC_DATE, cleaned) and _match(r"\bnày\b|bài báo|bài viết|tài liệu", cleaned):
        return "date"
    return None


def names_of(question: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Return the capitalized words of the question as pyvi segments them, folded
    ('y te' in 'Bộ trưởng Bộ Y tế là ai?', 'quoc hoi' in 'Chủ tịch Quốc hội'); the question's
    first word counts only when the next word is capitalized too, else only its capitalized
    tail ('nobel' in 'Giải Nobel hòa bình...')."""
    tokens = segment(normalize(question))
    found: list[str] = []
    for position, token in enumerate(tokens):
        syllables = token.split("_")
        if not token[:1].isupper() or all(lexicon.is_stopword(s.lower()) for s in syllables):
            continue  # "Vì_sao" and "Tại_sao" open a question; they name nothing
        if position == 0 and not (len(tokens) > 1 and tokens[1][:1].isupper()):
            tail = [i for i, s in enumerate(syllables) if i and s[:1].isupper()]
            if not tail:
                continue
            syllables = syllables[tail[0]:]
        found.append(" ".join(syllables))
    return tuple(fold(name).lower() for name in found)


_ENGLISH = frozenset({
    "the", "a", "an", "is", "are", "was", "were", "what", "who", "whom", "whose", "when",
    "where", "why", "how", "which", "do", "does", "did", "of", "in", "on", "to", "for", "with",
    "about", "please", "can", "could", "would", "you", "your", "i", "me", "my", "this", "that",
    "it",
})
# A syllable Vietnamese spelling allows, diacritics folded: onset, vowels, final consonant.
_SYLLABLE = re.compile(r"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                       r"(ch|ng|nh|[cmnpt])?")


def language_of(cleaned: str) -> str:
    """Return 'en' when an English question word is there and most words cannot be Vietnamese
    syllables ("chaired", "what"); "can", "the", "an" typed without diacritics are Vietnamese
    too ("cần", "thế", "an")."""
    tokens = [w for run in words(cleaned) for w in run if not w[:1].isdigit()]
    foreign = sum(1 for w in tokens if not _SYLLABLE.fullmatch(fold(w)))
    english = any(w in _ENGLISH for w in tokens)
    return "en" if english and foreign >= 2 and foreign * 2 >= len(tokens) else "vi"


def analyze(question: str, lexicon: Lexicon | None = None,
            known: Callable[[str], bool] | None = None) -> Query:
    """Read a question into a Query; long questions are cut to MAX_QUESTION_CHARS. `known`
    tells whether an index term is in the reports (for synonyms standing in)."""
    lexicon = lexicon or load_lexicon()
    text = normalize(question)[:MAX_QUESTION_CHARS]
    cleaned = clean(text, lexicon)
    typed = has_diacritics(cleaned)
    content = tuple(w for run in words(cleaned) for w in run if not lexicon.is_stopword(w, typed))
    numbers = tuple(w for w in content if w[:1].isdigit())
    # With diacritics, pyvi says which neighbouring syllables form one word ("hội nghị");
    # without, pyvi cannot tell, and the reports' own word pairs stand in for it.
    compounds = compound_pairs(cleaned) if typed else None
    ranked = compounds if typed else attested_pairs(cleaned, lexicon, known)
    return Query(
        text=text,
        cleaned=cleaned,
        kind=kind_of(cleaned),
        smalltalk=smalltalk_of(cleaned),
        about=about_of(cleaned),
        content=content,
        numbers=numbers,
        names=names_of(_MARKUP.sub(" ", text), lexicon),
        weights=weigh(cleaned, lexicon, ranked, known),
        needs=needs_of(cleaned, lexicon, compounds),
        language="vi" if typed else language_of(cleaned),
        asking=frozenset(fold(asking_words(cleaned)).split()),
    )


def written_out(cleaned: str) -> bool:
    """Tell whether the question is written with diacritics: at least half its words have
    them; then a word without any (quan, an, trong) is meant as it stands, not folded."""
    letters = [w for run in words(cleaned) for w in run if not w[:1].isdigit()]
    return sum(map(has_diacritics, letters)) * 2 >= len(letters) > 0


def needs_of(cleaned: str, lexicon: Lexicon, compounds: set[tuple[str, str]] | None = None
             ) -> tuple[tuple[str, frozenset[str]], ...]:
    """Return the content words and content-word pairs a paragraph must hold, each with its
    synonyms' terms as stand-ins; exact forms when the question has diacritics, else folded."""
    typed = has_diacritics(cleaned)
    exact = written_out(cleaned)

    def form(*run: str) -> str:
        return " ".join(canonical(w) for w in run) if exact else "~" + " ".join(map(fold, run))

    stand_ins: dict[str, set[str]] = {}
    for group in lexicon.synonyms:
        present = [p for p in group if _asked(p, cleaned)]
        if not present:
            continue
        others = {t for p in group if p not in present
                  for t in terms(p, exact=exact, folded=not exact)}
        for phrase in present:
            for term in terms(phrase, exact=exact, folded=not exact):
                stand_ins.setdefault(term, set()).update(others)
    # With diacritics only the pairs pyvi joins into one word are needs ("hội nghị", not
    # "nghị diễn"); without diacritics (compounds None) every pair of content words is.
    needs: dict[str, frozenset[str]] = {}
    for run in words(cleaned):
        keep = [not lexicon.is_stopword(w, typed) for w in run]
        for i, word in enumerate(run):
            if keep[i]:
                term = form(word)
                needs[term] = frozenset(stand_ins.get(term, ()))
            if (i + 1 < len(run) and keep[i] and keep[i + 1]
                    and (compounds is None or (word, run[i + 1]) in compounds)):
                term = form(word, run[i + 1])
                needs[term] = frozenset(stand_ins.get(term, ()))
    return tuple(needs.items())


def attested_pairs(cleaned: str, lexicon: Lexicon,
                   known: Callable[[str], bool] | None) -> set[tuple[str, str]]:
    """Return the pairs of neighbouring content words (typed without diacritics) that the
    reports use as a pair ("hoi nghi"): the best guess at words without pyvi."""
    if known is None:
        return set()
    pairs: set[tuple[str, str]] = set()
    for run in words(cleaned):
        for a, b in zip(run, run[1:]):
            if (not lexicon.is_stopword(a, False) and not lexicon.is_stopword(b, False)
                    and known(f"~{fold(a)} {fold(b)}")):
                pairs.add((a, b))
    return pairs


def compound_pairs(cleaned: str) -> set[tuple[str, str]]:
    """Return the pairs of neighbouring syllables that pyvi joins into one word."""
    pairs: set[tuple[str, str]] = set()
    for token in segment(cleaned):
        syllables = [spelling(s) for s in token.lower().split("_")]
        pairs.update(zip(syllables, syllables[1:]))
    return pairs


def weigh(cleaned: str, lexicon: Lexicon, compounds: set[tuple[str, str]] | None = None,
          known: Callable[[str], bool] | None = None) -> dict[str, float]:
    """Return index terms with weights: exact forms for what was typed with diacritics,
    folded forms for the rest, bigrams of neighbouring words, and synonyms at low weight.
    Within a word pyvi joins (`compounds`), the pair counts more and each syllable less, so
    "hội nghị" is not matched by the "hội" of "xã hội" and the "nghị" of "nghị quyết".
    When `known` (is this term in the reports?) says the question's own phrase is never
    used, its synonyms stand in at full weight ("cuộc họp" asked, "hội nghị" written)."""
    weights: dict[str, float] = {}
    compounds = compounds or set()
    inside = {s for pair in compounds for s in pair}
    typed = has_diacritics(cleaned)
    exact = written_out(cleaned)

    def add(term: str, weight: float) -> None:
        weights[term] = max(weights.get(term, 0.0), weight)

    def is_stop(word: str) -> bool:
        return lexicon.is_stopword(word, typed)

    def add_text(text: str, scale: float, pair_weight: float = BIGRAM_WEIGHT,
                 single: bool = True) -> None:
        for run in words(text):
            for i, word in enumerate(run):
                accented = exact or has_diacritics(word)
                if not is_stop(word) and (single or len(run) == 1):
                    part = scale * (COMPOUND_SYLLABLE if spelling(word) in inside else 1.0)
                    add(canonical(word), part * (1.0 if accented else 0.5))
                    add("~" + fold(word), part * (FOLDED_COMPANION if accented else 1.0))
                if i + 1 < len(run):
                    nxt = run[i + 1]
                    if is_stop(word) and is_stop(nxt):
                        continue
                    accented = accented or exact or has_diacritics(nxt)
                    pair = scale * pair_weight
                    if (spelling(word), spelling(nxt)) in compounds:
                        pair *= COMPOUND_PAIR
                    add(f"{canonical(word)} {canonical(nxt)}", pair * (1.0 if accented else 0.5))
                    folded_pair = pair * (FOLDED_COMPANION if accented else 1.0)
                    add(f"~{fold(word)} {fold(nxt)}", folded_pair)

    add_text(cleaned, 1.0)
    for group in lexicon.synonyms:
        asked = [phrase for phrase in group if _asked(phrase, cleaned)]
        if not asked:
            continue
        unused = known is not None and not any(_used(p, known, exact) for p in asked)
        if unused:
            # Its syllables match other words there ("cuộc" of "cuộc sống"): count them less.
            for run in words(" ".join(p for p in asked if " " in p)):
                for word in run:
                    for term in (canonical(word), "~" + fold(word)):
                        if term in weights:
                            weights[term] *= COMPOUND_SYLLABLE
        for phrase in group:
            if phrase not in asked:
                # A synonym phrase counts as a whole: its pairs, never its single words
                # ("người" of "người đứng đầu" is no synonym).
                add_text(phrase, STAND_IN_WEIGHT if unused else SYNONYM_WEIGHT,
                         pair_weight=1.0, single=False)
    return weights


def _asked(phrase: str, cleaned: str) -> bool:
    """Tell whether the question says a synonym phrase: as written, or folded when typed
    without diacritics, then only a phrase of two or more words ("noi" may be the "Nội" of
    "Hà Nội" as well as "nói")."""
    said, asked = _plain(phrase), _plain(cleaned)
    if f" {said} " in f" {asked} ":
        return True
    return (not has_diacritics(cleaned) and " " in said
            and f" {fold(said)} " in f" {fold(asked)} ")


def _plain(text: str) -> str:
    return " ".join(w for run in words(text) for w in run)


def _used(phrase: str, known: Callable[[str], bool], exact: bool) -> bool:
    """Tell whether the reports use a phrase: its word pairs, or its one word; as written
    when the question has diacritics ("họp" is not the "hợp" of "phối hợp"), else folded."""
    forms = terms(phrase, exact=exact, folded=not exact)
    pairs = [t for t in forms if " " in t]
    return all(known(t) for t in (pairs or forms))
