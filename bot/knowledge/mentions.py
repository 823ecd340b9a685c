"""Which of the loaded organisations a question names, and with which of its words: a ticker
("TSL", "tsl"), the short name a report gives ("MTBank"), or enough of the name to tell it apart
("Hải Hà", "Nhựa Hải Hà" for "Nhựa Thanh niên Hải Hà", "hoa lam"), typed with or
without diacritics, in any case. A unit or common word that is also a ticker ("tỷ VND"), a
word of a name alone ("Phong", "điện"), and words that fit two organisations alike (a place
both are named after) name no one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge.identity import Identity, Organisation
from bot.knowledge.names import could_be_syllable, folded_words, is_brand, key_of, name_words
from bot.language.lexicon import load_identity_words
from bot.language.text import canonical, fold, has_diacritics

TICKER = "ticker"
SHORT = "short"
NAME = "name"
_TOKEN = re.compile(r"[\w&]+")
CODE_LETTERS = 3  # a ticker or a coined name has three letters or more


@dataclass(frozen=True)
class Mention:
    """An organisation a question names: the words that name it as typed, where they stand
    (character offsets in the question), and how they name it (TICKER, SHORT or NAME)."""

    organisation: Organisation
    words: str
    start: int
    end: int
    by: str


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    folded: str
    marked: bool  # typed with diacritics


NAME_CACHE = 4096  # organisation names whose core words stay known
DISTINCT_CACHE = 8  # sets of reports whose organisations stay known (one a loaded library)


@dataclass(frozen=True)
class _Form:
    organisation: Organisation
    core: tuple[str, ...]  # the name's words without its legal form, as written
    key: frozenset[int]  # the positions of the words that tell it apart
    folded: tuple[str, ...]  # the core's words folded, lower case


def organisations_named(question: str, known: Iterable[Identity | Organisation | None],
                        typed: str | None = None) -> tuple[Mention, ...]:
    """Return the organisations of `known` (the identities of the loaded documents, or
    organisations) the question names, in the order it names them; `typed` is the question
    as typed, when `question` was lowered (a ticker typed in capitals, "VIP", names it)."""
    organisations = distinct(known)
    tokens = [_Token(m.group(0), m.start(), m.end(), fold(m.group(0)).lower(),
                     has_diacritics(m.group(0))) for m in _TOKEN.finditer(question)]
    capitals = frozenset(fold(w).lower() for w in _TOKEN.findall(typed or "") if w.isupper())
    found = _by_code(tokens, organisations, capitals) + _by_name(tokens, organisations)
    chosen: list[tuple[int, int, Organisation, str]] = []
    taken: set[int] = set()
    # The longest mention wins its words; two organisations named alike by the same words
    # (a place both are named after) are both left out.
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    for i, (start, end, organisation, by) in enumerate(found):
        span = set(range(start, end))
        if span & taken:
            continue
        rivals = [f for f in found[i + 1:] if (f[0], f[1]) == (start, end)
                  and not same_organisation(f[2], organisation)]
        taken |= span
        if not rivals:
            chosen.append((start, end, organisation, by))
    mentions = []
    for start, end, organisation, by in sorted(chosen, key=lambda c: c[0]):
        start = _lead_start(tokens, start)
        first, last = tokens[start].start, tokens[end - 1].end
        mentions.append(Mention(organisation, question[first:last], first, last, by))
    return tuple(mentions)


def unknown_names(question: str,
                  known: Iterable[Identity | Organisation | None]) -> tuple[str, ...]:
    """Return the words of a question that look like an organisation's name or ticker but
    name none of `known`: coined words and acronyms typed with a capital ("FPT", "Masan
    MEATLife", "Techcombank"), adjacent ones together; not common abbreviations ("LNST",
    "HĐQT", "VND"). A report may still write such a word (a subsidiary's name): check the
    index before saying no report is about it."""
    named = organisations_named(question, known)
    words = load_identity_words()
    runs: list[list[re.Match[str]]] = []
    for m in _TOKEN.finditer(question):
        word = m.group(0)
        if (any(n.start <= m.start() < n.end for n in named) or not word[:1].isupper()
                or any(c.isdigit() for c in word) or len(word) < CODE_LETTERS
                or fold(word).lower() in words.not_tickers or not is_brand(word)):
            continue
        if runs and question[runs[-1][-1].end():m.start()].strip() == "":
            runs[-1].append(m)
        else:
            runs.append([m])
    return tuple(question[run[0].start():run[-1].end()] for run in runs)


def without_mentions(question: str, mentions: Iterable[Mention]) -> str:
    """The question with the words that named organisations taken out (for its search
    terms)."""
    out, at = [], 0
    for mention in sorted(mentions, key=lambda m: m.start):
        out.append(question[at:mention.start])
        at = mention.end
    out.append(question[at:])
    return re.sub(r"\s{2,}", " ", "".join(out)).strip()


def distinct(known: Iterable[Identity | Organisation | None]) -> list[Organisation]:
    """The organisations of identities (or organisations), each once."""
    return list(_distinct(tuple(item.organisation if isinstance(item, Identity) else item
                                for item in known)))


@lru_cache(maxsize=DISTINCT_CACHE)
def _distinct(organisations: tuple[Organisation | None, ...]) -> tuple[Organisation, ...]:
    """`distinct`, kept: every question of a bot asks it of the same reports, and comparing
    each of a thousand reports' organisations with the others took most of an answer."""
    found: list[Organisation] = []
    for organisation in organisations:
        if organisation is not None and not any(same_organisation(organisation, o)
                                                for o in found):
            found.append(organisation)
    return tuple(found)


def same_organisation(a: Organisation, b: Organisation) -> bool:
    """Tell whether two reports' organisations are one: the same ticker, or the same name
    once its legal form is set aside ("Công ty CP ABC" and "Công ty Cổ phần ABC")."""
    if a.ticker and b.ticker:
        return a.ticker == b.ticker
    return _core_key(a.name) == _core_key(b.name)


def core_words(organisation: Organisation) -> list[str]:
    """The words of an organisation's name without its legal forms (at its start, and one
    closing it: "… – Công ty Cổ phần")."""
    return list(_core(organisation.name))


def core_key(name: str) -> tuple[str, ...]:
    """The folded words of any organisation's name without its legal forms ("Công ty Cổ phần
    Sợi Thái Hòa Miền Trung" -> soi, thai, hoa, mien, trung)."""
    return _core_key(name)


def only_legal_form(name: str) -> bool:
    """Tell whether a name is nothing but legal forms ("Công ty", "Công ty TNHH"): a report's
    way of saying its own company."""
    folded = tuple(folded_words(name_words(name)))
    forms = [tuple(fold(form).split()) for form, _ in load_identity_words().legal_forms]
    while folded:
        form = next((f for f in forms if folded[:len(f)] == f), None)
        if form is None:
            return False
        folded = folded[len(form):]
    return True


@lru_cache(maxsize=NAME_CACHE)
def _core_key(name: str) -> tuple[str, ...]:
    return tuple(folded_words(list(_core(name))))


@lru_cache(maxsize=NAME_CACHE)
def _core(name: str) -> tuple[str, ...]:
    words = name_words(name)
    forms = [tuple(fold(form).split()) for form, _ in load_identity_words().legal_forms]
    changed = True
    while changed:
        changed = False
        folded = tuple(folded_words(words))
        for form in forms:
            if len(words) > len(form) and folded[:len(form)] == form:
                words, changed = words[len(form):], True
                break
            if len(words) > len(form) and folded[-len(form):] == form:
                words, changed = words[:-len(form)], True
                break
    return tuple(words)


def _by_code(tokens: list[_Token], organisations: list[Organisation],
             capitals: frozenset[str] = frozenset()) -> list[tuple[int, int, Organisation, str]]:
    """Mentions by ticker or by a one-word short name ("TSL", "tsl", "MTBANK")."""
    found = []
    for organisation in organisations:
        codes = [(organisation.ticker, TICKER)] if organisation.ticker else []
        if organisation.short and is_brand(organisation.short) and " " not in organisation.short:
            codes.append((organisation.short, SHORT))
        for i, token in enumerate(tokens):
            for code, by in codes:
                if token.folded == fold(code).lower() and _is_code(tokens, i, capitals):
                    found.append((i, i + 1, organisation, by))
    return found


def _is_code(tokens: list[_Token], i: int, capitals: frozenset[str] = frozenset()) -> bool:
    """Tell whether a token that spells a ticker names it: typed in capitals (here or in
    `capitals`, the words the question was typed with in capitals) or unable to be a
    Vietnamese word ("tsl"); a unit or common word ("VND") only after "mã" or "cổ
    phiếu"."""
    words = load_identity_words()
    token = tokens[i]
    if token.folded in words.not_tickers:
        before = tuple(t.folded for t in tokens[max(0, i - 3):i])
        return any(before[-len(cue):] == cue for cue in words.ticker_cues)
    return (token.text.isupper() or token.folded in capitals
            or not could_be_syllable(token.text))


def _by_name(tokens: list[_Token],
             organisations: list[Organisation]) -> list[tuple[int, int, Organisation, str]]:
    """Mentions by name: a run of the question's words found in order in the name, holding
    every word that tells the name apart (or the whole name)."""
    found = []
    for organisation in organisations:
        form = _form(organisation)
        if form is None:
            continue
        for i in range(len(tokens)):
            matched = _run(tokens, i, form)
            if matched and (form.key <= set(matched) or len(matched) == len(form.core)):
                found.append((i, i + len(matched), organisation, NAME))
    return found


@lru_cache(maxsize=NAME_CACHE)
def _form(organisation: Organisation) -> _Form | None:
    """An organisation's name as `_by_name` matches it (None without words), kept."""
    core = core_words(organisation)
    if not core:
        return None
    folded = folded_words(core)
    key = key_of(folded)
    start = max((i for i in range(len(folded) - len(key) + 1)
                 if folded[i:i + len(key)] == key), default=0)
    return _Form(organisation, tuple(core), frozenset(range(start, start + len(key))),
                 tuple(folded))


def _run(tokens: list[_Token], i: int, form: _Form) -> list[int]:
    """The positions in the name of the question's words from `i` on, as long as each is
    found after the one before."""
    positions: list[int] = []
    at = 0
    for token in tokens[i:]:
        k = next((k for k in range(at, len(form.core))
                  if _same(token, form.core[k], form.folded[k])), None)
        if k is None:
            break
        positions.append(k)
        at = k + 1
    return positions


def _same(token: _Token, word: str, folded: str) -> bool:
    """A word of the question is a word of the name (`folded`: fold(word).lower()): the same
    letters, and the same marks when the question has any ("Phong" is not "phòng")."""
    if token.folded != folded:
        return False
    return not token.marked or canonical(token.text) == canonical(word)


def _lead_start(tokens: list[_Token], start: int) -> int:
    """Take in the legal-form words just before a name ("công ty", "tập đoàn")."""
    moved = True
    while moved:
        moved = False
        for lead in load_identity_words().name_leads:
            n = len(lead)
            if start >= n and tuple(t.folded for t in tokens[start - n:start]) == lead:
                start, moved = start - n, True
                break
    return start
