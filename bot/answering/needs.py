"""What a query searches for (weighted index terms) and what an answer must hold (needs)."""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field

from bot.answering import tuning
from bot.answering.query import Pair, Query, Run
from bot.language.lexicon import Lexicon
from bot.language.text import fold, has_diacritics, spelling, words
from bot.search import terms as vocabulary

Known = Callable[[str], bool]  # is this index term used in the reports?


@dataclass(frozen=True)
class Need:
    """A term a paragraph must hold to answer, and the synonym terms that may stand in."""

    term: str
    stand_ins: frozenset[str]


@dataclass(frozen=True)
class Needs:
    """The search terms of a query with their weights, and what an answer must hold."""

    weights: Mapping[str, float] = field(hash=False)
    required: tuple[Need, ...]
    period_terms: frozenset[str] = frozenset()  # search terms that only name a period
    uncounted: frozenset[str] = frozenset()  # terms not counted in the question's weight:
    #            its own words of a phrase the reports never use (a synonym stands in), and
    #            synonyms the reports never use (one of a group is enough)


def share_held(needs: Needs, present: Container[str], rarity: Callable[[str], float],
               most: float, given: frozenset[str] = frozenset()) -> float:
    """Return the share of the needs (each weighted by its rarity, at most `most`) that a
    text's terms hold, directly or through a synonym; needs made only of the `given` words
    (folded) count as held."""
    total = held = 0.0
    for need in needs.required:
        weight = min(rarity(need.term), most)
        total += weight
        if (need.term in present or any(s in present for s in need.stand_ins)
                or (given and vocabulary.syllables(need.term) <= given)):
            held += weight
    return held / total if total else 0.0


def needs_of(query: Query, lexicon: Lexicon, known: Known | None = None) -> Needs:
    """Weigh a query's search terms and list what an answer must hold. `known` tells whether
    an index term is in the reports: it finds the word pairs of a question typed without
    diacritics, and synonyms that must stand in for a phrase the reports never use."""
    weigher = _Weigher(query, lexicon, known)
    weights = weigher.weigh()
    if query.kind == "yes_no":
        # The date or number a yes/no question claims is what the answer checks, not what
        # finds it: "tháng 5" must not find the sentence about "5%".
        claimed = query.period_words | set(query.numbers)
        weights = {t: w for t, w in weights.items() if not vocabulary.syllables(t) <= claimed}
    period_terms = frozenset(t for t in weights if query.period_words
                             and vocabulary.syllables(t) <= query.period_words)
    unused = {t for t in weigher.synonyms if known is not None and not known(t)}
    return Needs(weights, required(query, lexicon, known), period_terms,
                 frozenset(weigher.replaced | unused))


def attested_pairs(query: Query, lexicon: Lexicon, known: Known | None) -> frozenset[Pair]:
    """Return the pairs of neighbouring content words, one of them at least typed without
    diacritics, that the reports use as a pair ("hoi nghi"): the best guess at words where
    pyvi cannot read them."""
    if known is None:
        return frozenset()
    return frozenset(
        (a, b) for run, flags in zip(query.runs, query.exact)
        for (a, b), (fa, fb) in zip(zip(run, run[1:]), zip(flags, flags[1:]))
        if not (fa and fb) and not lexicon.is_stopword(a, False)
        and not lexicon.is_stopword(b, False) and known(vocabulary.folded_pair(a, b)))


class _Weigher:
    """Collects weighted terms: exact forms for words meant as typed, folded forms for the
    rest, pairs of neighbouring words, and synonyms at low weight. Within a word pyvi joins
    (or, typed without diacritics, a pair the reports use), the pair counts more and each
    syllable less, so "hội nghị" is not matched by the "hội" of "xã hội"."""

    def __init__(self, query: Query, lexicon: Lexicon, known: Known | None) -> None:
        self.query, self.lexicon, self.known = query, lexicon, known
        self.pairs = query.compounds | attested_pairs(query, lexicon, known)
        self.inside = {s for pair in self.pairs for s in pair}
        self.weights: dict[str, float] = {}
        self.replaced: set[str] = set()  # the question's words a synonym stands in for
        self.synonyms: set[str] = set()  # the terms synonyms added

    def weigh(self) -> dict[str, float]:
        for run, exact, stop in zip(self.query.runs, self.query.exact, self.query.stop):
            self.add_run(run, exact, stop, 1.0)
        for group, asked in self.query.synonyms:
            self.add_synonyms(group, asked)
        return self.weights

    def add(self, term: str, weight: float) -> None:
        self.weights[term] = max(self.weights.get(term, 0.0), weight)

    def add_run(self, run: Run | list[str], exact: Sequence[bool], stop: Sequence[bool],
                scale: float, pair_weight: float = tuning.BIGRAM_WEIGHT,
                single: bool = True) -> None:
        """Add the words of a run (or, with `single` False, only a one-word run) and the
        pairs of neighbouring words that are not both stopwords. `exact` says which words are
        meant as typed, `stop` which are stopwords."""
        for i, word in enumerate(run):
            if not stop[i] and (single or len(run) == 1):
                self.add_word(word, exact[i], scale)
            if i + 1 < len(run) and not (stop[i] and stop[i + 1]):
                self.add_pair(word, run[i + 1], exact[i] and exact[i + 1], scale * pair_weight)

    def add_word(self, word: str, accented: bool, scale: float) -> None:
        part = scale * (tuning.COMPOUND_SYLLABLE if spelling(word) in self.inside else 1.0)
        if fold(word) in self.query.asking_nouns:
            part *= tuning.ASKING_WEIGHT
        self.add(vocabulary.exact(word), part * (1.0 if accented else tuning.UNACCENTED_EXACT))
        self.add(vocabulary.folded(word),
                 part * (tuning.FOLDED_COMPANION if accented else 1.0))

    def add_pair(self, word: str, nxt: str, accented: bool, weight: float) -> None:
        if (spelling(word), spelling(nxt)) in self.pairs:
            weight *= tuning.COMPOUND_PAIR
        if fold(word) in self.query.asking_nouns and fold(nxt) in self.query.asking_nouns:
            weight *= tuning.ASKING_WEIGHT
        self.add(vocabulary.exact_pair(word, nxt),
                 weight * (1.0 if accented else tuning.UNACCENTED_EXACT))
        self.add(vocabulary.folded_pair(word, nxt),
                 weight * (tuning.FOLDED_COMPANION if accented else 1.0))

    def add_synonyms(self, group: Run, asked: Run) -> None:
        """Add the other phrases of a synonym group as whole phrases (their pairs, never their
        single words: the "người" of "người đứng đầu" is no synonym). When the reports never
        use the question's own phrase, they stand in for it at more weight, and its own
        syllables count less ("cuộc" of "cuộc sống" would match)."""
        exact_forms = self.query.written_out
        unused = self.known is not None and not any(
            _used(p, self.known, exact_forms) for p in asked)
        if unused:
            for phrase in asked:
                self.replaced.update(vocabulary.terms(phrase))
            for run in words(" ".join(p for p in asked if " " in p)):
                for word in run:
                    for term in (vocabulary.exact(word), vocabulary.folded(word)):
                        if term in self.weights:
                            self.weights[term] *= tuning.COMPOUND_SYLLABLE
        scale = tuning.STAND_IN_WEIGHT if unused else tuning.SYNONYM_WEIGHT
        before = set(self.weights)
        for phrase in group:
            if phrase not in asked:
                for run in words(phrase):
                    exact = [exact_forms or has_diacritics(w) for w in run]
                    stop = [self.lexicon.is_stopword(w, self.query.typed) for w in run]
                    self.add_run(run, exact, stop, scale, tuning.SYNONYM_PAIR_WEIGHT,
                                 single=False)
        self.synonyms.update(set(self.weights) - before)


def _whole(forms: list[str]) -> list[str]:
    """The terms that stand for a phrase as a whole: its pairs, or its one word."""
    return [t for t in forms if vocabulary.is_pair(t)] or forms


def _used(phrase: str, known: Known, exact_forms: bool) -> bool:
    """Tell whether the reports use a phrase: its word pairs, or its one word; as written
    when the question has diacritics ("họp" is not the "hợp" of "phối hợp"), else folded."""
    return all(known(t) for t in _whole(vocabulary.phrase_terms(phrase, exact_forms)))


def required(query: Query, lexicon: Lexicon, known: Known | None = None) -> tuple[Need, ...]:
    """Return the content words and content-word pairs a paragraph must hold, each with its
    synonyms' terms as stand-ins: exact forms for words meant as typed, else folded. Of two
    words meant as typed, only a pair pyvi joins into one word is a need ("hội nghị", not
    "nghị diễn"); typed without diacritics, every pair is (pyvi cannot tell); of mixed typing,
    a pair pyvi joins or the reports use."""
    stand_ins = _stand_ins(query)
    guessed = attested_pairs(query, lexicon, known)
    needs: dict[str, frozenset[str]] = {}
    for run, flags, stop in zip(query.runs, query.exact, query.stop):
        keep = [not s and fold(w) not in query.asking_nouns for w, s in zip(run, stop)]
        for i, word in enumerate(run):
            if keep[i]:
                term = vocabulary.exact(word) if flags[i] else vocabulary.folded(word)
                needs[term] = frozenset(stand_ins.get(term, ()))
            if not (i + 1 < len(run) and keep[i] and keep[i + 1]):
                continue
            pair = (word, run[i + 1])
            if flags[i] and flags[i + 1]:
                if pair not in query.compounds:
                    continue
                term = vocabulary.exact_pair(*pair)
            elif flags[i] or flags[i + 1]:
                if pair not in query.compounds and pair not in guessed:
                    continue
                term = vocabulary.folded_pair(*pair)
            else:
                term = vocabulary.folded_pair(*pair)
            needs[term] = frozenset(stand_ins.get(term, ()))
    return tuple(Need(term, found) for term, found in needs.items())


def _stand_ins(query: Query) -> dict[str, set[str]]:
    """Map each term of a synonym phrase the question says to its group's other phrases as
    wholes (their pairs; the one word of a one-word phrase: the "chủ" of "chủ tọa" is no
    stand-in for "chủ trì"), exact to exact and folded to folded."""
    stand_ins: dict[str, set[str]] = {}
    for exact_forms in (True, False):
        for group, present in query.synonyms:
            others = {t for p in group if p not in present
                      for t in _whole(vocabulary.phrase_terms(p, exact_forms))}
            for phrase in present:
                for term in vocabulary.phrase_terms(phrase, exact_forms):
                    stand_ins.setdefault(term, set()).update(others)
    return stand_ins
