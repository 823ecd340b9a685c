"""The one loader of the language data in bot/language/data/: word lists (lexicon.json) and
patterns (patterns.json), read once into a Lexicon and its Patterns and passed to whoever needs
them. People who keep the reports may extend both files (each key is described by the file's
"_about" entries); nothing here is tuned to one report. Over 300 lines because Patterns
lists every kind of pattern the question and sentence readers use, one field each: one
record an editor reads beside patterns.json, not split by reader.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.language.text import DATA, fold, normalize

LEXICON_PATH = DATA / "lexicon.json"
PATTERNS_PATH = DATA / "patterns.json"


@dataclass(frozen=True)
class Patterns:
    """Regular expressions that read questions and sentences (`patterns.json`)."""

    kinds: tuple[tuple[str, str], ...]  # (kind, alternatives), tried in order
    asks_number: str
    smalltalk: tuple[tuple[str, str], ...]
    smalltalk_extras: str
    author: str
    auditor: str  # a question who audited a statement ("Ai kiểm toán báo cáo …?")
    signed: str  # a question when a report was signed ("… được ký ngày nào?")
    auditor_report: str  # words naming the auditor's own report ("báo cáo kiểm toán")
    document_date: str
    this_document: str
    english: frozenset[str]
    evidence: dict[str, re.Pattern[str]]
    byline_prefix: re.Pattern[str]
    page_number: re.Pattern[str]
    caption: re.Pattern[str]
    asks_place: str
    asks_date: str
    asking_nouns: tuple[str, ...]
    referring: re.Pattern[str]
    summary: str
    documents: str
    lists: str
    person_titles: str
    organizations: str
    dates: re.Pattern[str]
    counts: re.Pattern[str]
    place_openers: str
    person_pronouns: str
    thing_pronouns: str
    follow_openers: str
    follow_endings: str
    place: re.Pattern[str]
    period_span: re.Pattern[str]
    asking_words: frozenset[str]  # folded: inside a question kind's phrase they only ask
    reporting_verbs: str  # "đề nghị", "yêu cầu": what follows is what someone said
    yes_no_frame: str  # the words that make a yes/no question: "có phải … không"
    reporting: re.Pattern[str]  # reporting_verbs folded, compiled: "de nghi" asks it too
    negations: frozenset[str]  # how reports write a negation ("không", "chưa", "cấm")
    asked_negations: frozenset[str]  # folded: a negation in a question ("khong", "chua")
    name_particles: tuple[str, ...]  # inside foreign names: "Charles de Gaulle"
    clause_ends: str  # words that end a place phrase ("và", "nhưng", "để")
    not_units: frozenset[str]  # folded little words that never say what a number counts
    scale_words: frozenset[str]  # folded words that cannot open a number ("tỷ lệ")
    positions: tuple[tuple[str, str], ...]  # folded (position, the body it is of), longest first
    bodies: tuple[str, ...]  # folded: the bodies a position may be of ("hội đồng quản trị")
    position_ends: tuple[str, ...]  # folded: a cell saying the position was left
    asked_units: frozenset[str]  # folded: the unit "bao nhiêu" asks the answer in ("bao nhiêu
    #                              tỷ đồng"): the question's frame, not its item
    measure_words: frozenset[str]  # folded words after "bao nhiêu" that ask an amount, not a
    #                               count of things ("bao nhiêu tiền", "bao nhiêu tỷ đồng")
    attribution: re.Pattern[str]  # ", Southfront đưa tin." closing a news sentence
    vocatives: str  # words that call the bot ("ơi"), dropped from questions
    sentence_abbreviations: tuple[str, ...]  # "TP.": no sentence ends after them
    figure_equivalents: tuple[tuple[str, str], ...]  # folded: "lợi nhuận" is "lãi" in a row
    figure_frame_phrases: tuple[str, ...]  # the frame of a figure question ("so với")
    figure_frame: frozenset[str]  # words of that frame ("đạt", "tăng")
    figure_leads: frozenset[str]  # folded words a total row opens with ("tong")
    figure_span_words: frozenset[str]  # folded words tying a period or name to the item ("tai")
    figure_breakdowns: tuple[str, ...]  # folded headings of a total's parts ("phan bo cho")
    figure_headlines: tuple[tuple[str, str], ...]  # folded: the line item a bare word means
    comparisons: str  # "tăng bao nhiêu", "chênh lệch": a change to compute
    comparison_period_words: frozenset[str]  # folded: "cung", "ki", "truoc" of "so với cùng kỳ"
    compared_to: str  # "so với": what it is compared with
    plans: str  # "kế hoạch": the plan of a period, not what it made
    live: str  # "hôm nay", "ngày mai": this very moment or later
    plan_shares: str  # "đạt bao nhiêu % kế hoạch": the share of the plan done
    which: str  # "cao hơn", "nhiều hơn": which of two is higher
    series: str  # "qua các quý", "xu hướng": a figure over periods
    key_figures: tuple[tuple[str, ...], ...]  # what a statement's summary leads with
    list_frame: frozenset[str]  # folded words that ask for a list ("gom", "nhung", "ai")


@dataclass(frozen=True)
class Lexicon:
    """Word lists (`lexicon.json`): casual spellings, fillers, synonyms, stopwords; and the
    patterns."""

    casual: dict[str, str]
    abbreviations: dict[str, str]  # "lnst" -> "lợi nhuận sau thuế", whatever the case
    fillers: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    folded_stopwords: frozenset[str]
    patterns: Patterns

    def is_stopword(self, word: str, typed_diacritics: bool = True) -> bool:
        """Tell whether a lower-case word is too common to rank by."""
        return word in self.stopwords or (not typed_diacritics and word in self.folded_stopwords)


def _either(alternatives: list[str]) -> str:
    return "|".join(alternatives)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_patterns(path: Path = PATTERNS_PATH) -> Patterns:
    """Read and compile the patterns; a broken file is a ValueError naming it."""
    try:
        raw = _read_json(path)
        evidence = {kind: re.compile(_either(alts), re.IGNORECASE)
                    for kind, alts in raw["evidence"].items() if not kind.startswith("_")}
        return Patterns(
            kinds=tuple((kind, _either(alts)) for kind, alts in raw["question_kinds"]),
            asks_number=_either(raw["asks_number"]),
            smalltalk=tuple((kind, _either(alts)) for kind, alts in raw["smalltalk"]),
            smalltalk_extras=_either(raw["smalltalk_extras"]),
            author=_either(raw["author_questions"]),
            auditor=_either(raw["auditor_questions"]),
            signed=_either(raw["signed_questions"]),
            auditor_report=_either(raw["auditor_report_words"]),
            document_date=(f"({_either(raw['document_words'])}).*"
                           f"({_either(raw['date_questions'])})"),
            this_document=_either(raw["this_document"]),
            english=frozenset(raw["english_words"]),
            evidence=evidence,
            byline_prefix=re.compile(rf"^({_either(raw['byline_prefixes'])})\s*:?\s*",
                                     re.IGNORECASE),
            page_number=re.compile(raw["page_number"], re.IGNORECASE),
            caption=re.compile(_either(raw["captions"]), re.IGNORECASE),
            asks_place=_either(raw["asks_place"]),
            asks_date=_either(raw["asks_date"]),
            asking_nouns=tuple(raw["asking_nouns"]),
            summary=_either(raw["summary_questions"]),
            documents=_either(raw["document_questions"]),
            lists=_either(raw["list_questions"]),
            person_titles=_either(raw["person_titles"]),
            organizations=_either(raw["organizations"]),
            dates=re.compile(_either(raw["dates"]), re.IGNORECASE),
            counts=re.compile(_either(raw["counts"]), re.IGNORECASE),
            place_openers=_either(raw["place_openers"]),
            person_pronouns=_either(raw["person_pronouns"]),
            thing_pronouns=_either(raw["thing_pronouns"]),
            follow_openers=_either(raw["follow_openers"]),
            follow_endings=_either(raw["follow_endings"]),
            referring=re.compile(rf"^[\"“(]?(?:{_either(raw['referring_openings'])})"),
            place=re.compile(_either(raw["places"])),
            period_span=re.compile(_either(raw["period_spans"])),
            yes_no_frame=_either(raw["yes_no_frame"]),
            reporting_verbs=_either(raw["reporting_verbs"]),
            reporting=re.compile(fold(_either(raw["reporting_verbs"]))),
            negations=frozenset(raw["negations"]),
            asked_negations=frozenset(raw["asked_negations"]),
            name_particles=tuple(raw["name_particles"]),
            clause_ends=_either(raw["clause_ends"]),
            not_units=frozenset(raw["not_units"]),
            scale_words=frozenset(raw["scale_words"]),
            measure_words=frozenset(raw["measure_words"]),
            asked_units=frozenset(raw["asked_units"]),
            positions=tuple((fold(a).lower(), fold(b).lower()) for a, b in raw["positions"]),
            bodies=tuple(fold(b).lower() for b in raw["bodies"]),
            position_ends=tuple(fold(w).lower() for w in raw["position_ends"]),
            attribution=re.compile(rf",\s+[^,]{{1,40}}?\s+(?:{_either(raw['attribution_verbs'])})"
                                   r"\s*\.$"),
            vocatives=_either(raw["vocatives"]),
            sentence_abbreviations=tuple(raw["sentence_abbreviations"]),
            figure_equivalents=tuple((a, b) for a, b in raw["figure_equivalents"]),
            figure_frame_phrases=tuple(raw["figure_frame_phrases"]),
            figure_frame=frozenset(raw["figure_frame"]),
            figure_leads=frozenset(raw["figure_leads"]),
            figure_span_words=frozenset(raw["figure_span_words"]),
            figure_breakdowns=tuple(raw["figure_breakdowns"]),
            figure_headlines=tuple((a, b) for a, b in raw["figure_headlines"]),
            comparisons=_either(raw["comparison_questions"]),
            comparison_period_words=frozenset(raw["comparison_period_words"]),
            compared_to=_either(raw["compared_to"]),
            plans=_either(raw["plan_questions"]),
            live=_either(raw["live_questions"]),
            plan_shares=_either(raw["plan_share_questions"]),
            which=_either(raw["which_questions"]),
            series=_either(raw["series_questions"]),
            key_figures=tuple(tuple(names) for names in raw["key_figures"]),
            list_frame=frozenset(w for phrase in raw["list_frame"]
                                 for w in fold(phrase).split()),
            asking_words=frozenset(fold(normalize(w).lower()) for w in raw["asking_words"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise ValueError(f"cannot read the patterns in {path}: {exc}; fix the JSON") from exc


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH, patterns: Path = PATTERNS_PATH) -> Lexicon:
    """Read the word lists; a broken file is a clear ValueError naming it."""
    try:
        raw = _read_json(path)
        casual = {normalize(k).lower(): normalize(v).lower() for k, v in raw["casual"].items()}
        fillers = tuple(sorted((normalize(f).lower() for f in raw["fillers"]), key=len)[::-1])
        synonyms = tuple(tuple(normalize(w).lower() for w in group) for group in raw["synonyms"])
        stopwords = frozenset(normalize(w).lower() for w in raw["stopwords"])
        folded_stopwords = frozenset(fold(normalize(w).lower()) for w in raw["folded_stopwords"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"cannot read the word lists in {path}: {exc}; fix the JSON") from exc
    abbreviations = {normalize(k).lower(): normalize(v).lower()
                     for k, v in raw.get("abbreviations", {}).items()}
    return Lexicon(casual, abbreviations, fillers, synonyms, stopwords, folded_stopwords,
                   load_patterns(patterns))


IDENTITY_PATH = DATA / "identity.json"


@dataclass(frozen=True)
class IdentityWords:
    """What a report says about itself (`identity.json`): legal forms, kinds, the words that
    end a name, auditors, and the marks of boilerplate paragraphs. Phrases are lower case with
    their diacritics; `generic`, `not_tickers`, `auditors` and `not_subjects` are folded."""

    legal_forms: tuple[tuple[str, str], ...]  # (phrase, how it is written in full), longest first
    not_subjects: tuple[str, ...]
    auditors: tuple[str, ...]
    name_stop: re.Pattern[str]  # matched at a word of what follows a name (lower case)
    name_verb: re.Pattern[str]  # the same, for a word written in lower case only
    labels: re.Pattern[str]  # a form's label just before the organisation's name
    short_labels: re.Pattern[str]
    stock_code: re.Pattern[str]  # case-sensitive: group 1 is the ticker
    generic: tuple[tuple[str, ...], ...]  # folded word sequences, longest first
    not_tickers: frozenset[str]
    ticker_cues: tuple[tuple[str, ...], ...]  # folded word sequences
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    statement_parts: tuple[str, ...]  # lower case, with diacritics
    statement_titles: tuple[str, ...]  # folded
    scopes: tuple[tuple[str, tuple[str, ...]], ...]  # (scope, its folded spellings)
    name_leads: tuple[tuple[str, ...], ...]  # folded word sequences, longest first
    not_names: frozenset[str]
    audited: re.Pattern[str]  # the auditor's report: the report was audited
    reviewed: re.Pattern[str]
    audited_title: re.Pattern[str]  # what the report's title says of itself
    reviewed_title: re.Pattern[str]
    unaudited: re.Pattern[str]
    signature_marks: re.Pattern[str]
    signature_titles: re.Pattern[str]
    digital_signature: re.Pattern[str]
    check_boxes: re.Pattern[str]
    page_mark: re.Pattern[str]
    page_marker_prefix: re.Pattern[str]
    contents_headings: re.Pattern[str]
    running_marks: re.Pattern[str]


def _phrases(items: list[str]) -> re.Pattern[str]:
    """One pattern for phrases (regular expressions), each standing as whole words."""
    return re.compile(rf"(?<!\w)(?:{_either([normalize(i).lower() for i in items])})(?!\w)")


def _folded_words(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(fold(normalize(i).lower()).split()) for i in items},
                        key=len, reverse=True))


@lru_cache(maxsize=2)
def load_identity_words(path: Path = IDENTITY_PATH) -> IdentityWords:
    """Read what identifies a report; a broken file is a ValueError naming it."""
    try:
        raw = _read_json(path)
        forms = sorted(((normalize(p).lower(), normalize(full)) for p, full in raw["legal_forms"]),
                       key=lambda item: len(item[0]), reverse=True)
        return IdentityWords(
            legal_forms=tuple(forms),
            not_subjects=tuple(fold(normalize(n).lower()) for n in raw["not_subjects"]),
            auditors=tuple(fold(normalize(a).lower()) for a in raw["auditors"]),
            name_stop=re.compile(
                rf"(?:{_either([normalize(s).lower() for s in raw['name_stops']])})(?!\w)"),
            name_verb=re.compile(
                rf"(?:{_either([normalize(s).lower() for s in raw['name_verbs']])})(?!\w)"),
            labels=_phrases(raw["labels"]),
            short_labels=_phrases(raw["short_labels"]),
            stock_code=re.compile(raw["stock_code"], re.IGNORECASE),
            generic=_folded_words(raw["generic_name_words"]),
            not_tickers=frozenset(fold(normalize(w).lower()) for w in raw["not_tickers"]),
            ticker_cues=_folded_words(raw["ticker_cues"]),
            kinds=tuple((normalize(kind), _phrases(alts)) for kind, alts in raw["kinds"]),
            statement_parts=tuple(normalize(p).lower() for p in raw["statement_parts"]),
            statement_titles=tuple(fold(normalize(t).lower()) for t in raw["statement_titles"]),
            scopes=tuple((normalize(scope), tuple(fold(normalize(a).lower()) for a in alts))
                         for scope, alts in raw["scopes"]),
            name_leads=_folded_words(raw["name_leads"]),
            not_names=frozenset(normalize(n).lower() for n in raw["not_names"]),
            audited=_phrases(raw["audited"]),
            reviewed=_phrases(raw["reviewed"]),
            audited_title=_phrases(raw["audited_title"]),
            reviewed_title=_phrases(raw["reviewed_title"]),
            unaudited=_phrases(raw["unaudited"]),
            signature_marks=re.compile(_either(raw["signature_marks"])),
            signature_titles=_phrases(raw["signature_titles"]),
            digital_signature=re.compile(_either(raw["digital_signature"])),
            check_boxes=re.compile(_either(raw["check_boxes"])),
            page_mark=re.compile(raw["page_mark"]),
            page_marker_prefix=re.compile(raw["page_marker_prefix"]),
            contents_headings=_phrases(raw["contents_headings"]),
            running_marks=re.compile(_either(raw["running_marks"])),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise ValueError(f"cannot read the identity words in {path}: {exc}; fix the JSON") \
            from exc
