"""Which organisation a report is of, read from its first pages: every name that opens with
a legal form ("Công ty Cổ phần …", "Ngân hàng TMCP …", "Tổng công ty …"), cut where the
legal name ends (before a label, a report title, an address or a verb), gathered across its
mentions; the auditor apart; the short name and the ticker it gives itself."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.knowledge.names import (
    folded_words,
    is_brand,
    is_capitals,
    is_generic,
    name_words,
    strip_generic,
    titled,
)
from bot.language.lexicon import load_identity_words
from bot.language.text import fold

MAX_NAME_WORDS = 14  # no legal name runs longer after its legal form
CLUSTER_LETTERS = 8  # mentions whose names start with the same letters (spaces dropped:
#                      "vận tảixăng" is "vận tải xăng") are one organisation's
LABEL_WEIGHT = 3  # a name after "Tên tổ chức:", "Ký bởi:" is the organisation itself
START_WEIGHT = 1  # a name that opens a line of the page (a letterhead, a page header)
EARLY_WEIGHT = 1  # a name on the first page
EARLY_CHARS = 3000
CODE_WEIGHT = 2  # a name next to "Mã chứng khoán"
GENERIC_WORDS = 2  # a name of only generic words this short names a kind of firm; a longer
#                   one names a firm ("Đầu tư và Phát triển Việt Nam")
PARENT_WEIGHT = 0.5  # a parent body named above the organisation in a letterhead
CODE_REACH = 300  # characters after a name where its stock code stands
SHORT_REACH = 120  # characters after a name where its short name "(ABC)" stands
LABEL_REACH = 40  # characters before a name where its label stands
# Where a line of a page ends in converted text: markup, table cells, page markers.
_PIECES = re.compile(r"<br\s*/?>|</?[a-zA-Z][^>]*>|\||-{3,}\s*Page\s*\d+|\*\*|\n")
_HARD_STOP = re.compile(r"[(),;:/“”\"«»\[\]!?]|\.(?:\s|$)|\s[-–—]\s|\s[-–—]$")
_SHORT = re.compile(r"\(\s*[“\"']?([A-Z][A-Za-z0-9&.-]{1,14})[”\"']?\s*\)")
_TICKER_FILE = re.compile(r"^([A-Za-z]{3})(?=[_\-. ])")


@dataclass(frozen=True)
class Named:
    """An organisation a report names of itself, as read."""

    name: str  # in full, legal form included
    core: str  # without its legal form ("Tập đoàn Hòa Lâm")
    short: str | None
    ticker: str | None


@dataclass
class _Mention:
    legal: str  # as written
    form: str  # the legal form in full
    lead: list[str]  # group words after it ("Tập đoàn"), as written
    words: list[str]  # the rest of the name, as written
    at: int
    weight: float
    suffix: str = ""  # "– CÔNG TY CỔ PHẦN" after the name
    short: str | None = None


def front_pieces(paragraphs: list[str]) -> list[tuple[int, str]]:
    """The lines of the first pages, each with its position in the joined text."""
    pieces, at = [], 0
    for paragraph in paragraphs:
        start = 0
        for m in [*_PIECES.finditer(paragraph), None]:
            end = m.start() if m else len(paragraph)
            piece = paragraph[start:end].strip(" *#_>")
            if piece:
                pieces.append((at + start, piece))
            start = m.end() if m else end
        at += len(paragraph) + 1
    return pieces


def read_organisation(paragraphs: list[str], path: str) -> tuple[Named | None, str | None]:
    """The organisation the first pages are of, and the auditor they name (or None)."""
    words = load_identity_words()
    pieces = front_pieces(paragraphs)
    mentions = [m for at, piece in pieces for m in _mentions(piece, at)]
    clusters: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        proper = strip_generic(folded_words(mention.words), trailing=False)
        clusters["".join(proper)[:CLUSTER_LETTERS]].append(mention)
    ranked = sorted(clusters.values(), key=lambda ms: (-sum(m.weight for m in ms), ms[0].at))
    subject = auditor = None
    for cluster in ranked:
        name, core = _consensus(cluster)
        folded = fold(name).lower()
        if is_auditor(name):
            auditor = auditor or name
        elif not any(n in folded for n in words.not_subjects) and subject is None:
            subject = (name, core, cluster)
    if subject is None:
        return None, auditor
    name, core, cluster = subject
    shorts = Counter(m.short for m in cluster if m.short)
    short = shorts.most_common(1)[0][0] if shorts else None
    return Named(name, core, short, _ticker(pieces, path)), auditor


def organisation_names(text: str) -> tuple[str, ...]:
    """The organisations' names a sentence writes, in order, each cut where its legal name
    ends ("Công ty Cổ phần ABC được thành lập …" -> "Công ty Cổ phần ABC"); a bare "Công
    ty" names none."""
    names = []
    for at, piece in front_pieces([text]):
        for m in _mentions(piece, at):
            suffix = f" – {m.suffix}" if m.suffix else ""
            names.append(" ".join([m.legal, *m.lead, *m.words]) + suffix)
    return tuple(names)


def is_auditor(name: str) -> bool:
    """Tell whether a name is an audit firm's ("Công ty TNHH Kiểm toán …", "Grant Thornton")."""
    folded = fold(name).lower()
    return any(a in folded for a in load_identity_words().auditors)


def _mentions(piece: str, at: int) -> list[_Mention]:
    """The names opening with a legal form in one line of a page."""
    words = load_identity_words()
    low = piece.lower()
    found = []
    opens = False  # the name follows a parent body's: it opens the letterhead
    taken = 0  # where the last name read ends: a legal form inside it is its suffix
    for m in _legal_forms().finditer(low):
        if m.start() < taken:
            continue
        tail = piece[m.end():]
        stop = _HARD_STOP.search(tail)
        name_text, rest = (tail[:stop.start()], tail[stop.start():]) if stop else (tail, "")
        kept, suffix, parent = _cut(name_words(name_text))
        lead = _lead(kept)
        own = kept[len(lead):]
        if not own or not (kept[0][:1].isupper() or any(w.isupper() and is_brand(w)
                                                        for w in kept)):
            continue  # "công ty con", "công ty thủy lợi lắp đặt …": no name
        if len(own) <= GENERIC_WORDS and is_generic(folded_words(own)):
            continue  # "CÔNG TY CHỨNG KHOÁN": a kind of firm, not one
        form = dict(words.legal_forms)[m.group(0)]
        if not suffix and rest and re.match(r"\s*[-–—]\s*", rest):
            after = rest.lstrip(" -–—")
            legal = _legal_forms().match(after.lower())
            remainder = after[legal.end():].strip(" .,") if legal else ""
            if legal and (not remainder or words.name_stop.match(remainder.lower())
                          or _goes_on(remainder.split()[:1])):
                suffix = dict(words.legal_forms)[legal.group(0)]
        # A name followed at once by another is the parent body of a letterhead ("TCT A
        # / CÔNG TY CP B"): the one below it is the organisation that writes.
        weight = PARENT_WEIGHT if parent else 1.0 + _bonus(piece, low, m.start(),
                                                            at + m.start(), opens)
        opens = parent
        taken = m.end() + len(" ".join(kept)) + (len(suffix) + 2 if suffix else 0)
        found.append(_Mention(piece[m.start():m.end()], form, lead, kept[len(lead):],
                              at + m.start(), weight, suffix, _short_after(rest)))
    return found


def _lead(words: list[str]) -> list[str]:
    """The legal forms a name opens with after its own ("Tập đoàn" of "Công ty Cổ phần
    Tập đoàn Hòa Lâm"): a group word, not what tells the organisation apart."""
    text = " ".join(words).lower()
    legal = _legal_forms().match(text)
    return words[:len(legal.group(0).split())] if legal else []


def _cut(tokens: list[str]) -> tuple[list[str], str, bool]:
    """The words of a name up to where it ends: a stop word, another legal form, or too
    many words; a legal form that closes the name ("… SÓC SƠN CÔNG TY CỔ PHẦN") is kept
    apart as its suffix; the flag says another name follows at once."""
    words = load_identity_words()
    kept: list[str] = []
    for i, token in enumerate(tokens[:MAX_NAME_WORDS]):
        rest = " ".join(tokens[i:]).lower()
        legal = _legal_forms().match(rest)
        if legal and kept and _lead(kept) != kept:
            remainder = rest[legal.end():].strip()
            following = tokens[i + len(legal.group(0).split()):][:1]
            if not remainder or words.name_stop.match(remainder) or _goes_on(following):
                return kept, dict(words.legal_forms)[legal.group(0)], False
            return kept, "", True
        if words.name_stop.match(rest) or token[:1].islower() and words.name_verb.match(rest):
            break
        kept.append(token)
    return _without_trailing_lower(kept), "", False


def _goes_on(following: list[str]) -> bool:
    """Tell whether the word after a legal form that closes a name goes on with the sentence
    (a word in lower case: "… – CÔNG TY CỔ PHẦN ký hợp đồng"), so the form closes it."""
    return bool(following) and following[0][:1].islower()


def _without_trailing_lower(kept: list[str]) -> list[str]:
    """A name ends with a word written with a capital ("… Hải Hà", "… PETROSEA"): lower-case
    words after the last one are the sentence going on ("… Hồng Lam vừa công bố")."""
    last = max((i for i, w in enumerate(kept) if not w[:1].islower()), default=len(kept) - 1)
    return kept[:last + 1]


def _bonus(piece: str, low: str, start: int, at: int, opens: bool) -> float:
    words = load_identity_words()
    bonus = 0.0
    before = low[max(0, start - LABEL_REACH):start]
    if words.labels.search(before):
        bonus += LABEL_WEIGHT
    if opens or not piece[:start].strip(" -–*#.:0123456789"):
        bonus += START_WEIGHT
    if at < EARLY_CHARS:
        bonus += EARLY_WEIGHT
    if words.stock_code.search(piece[start:start + CODE_REACH]):
        bonus += CODE_WEIGHT
    return bonus


def _short_after(rest: str) -> str | None:
    """The short name a report gives right after the full one: "(MTBank)", "- SSE", "(sau
    đây gọi tắt là “ABC”)"; not a generic word such as "Công ty"."""
    words = load_identity_words()
    window = rest[:SHORT_REACH]
    legal = _legal_forms().search(window.lower())
    m = _SHORT.search(window[:legal.start()] if legal else window)
    if m and is_brand(m.group(1)):
        return m.group(1)
    dash = re.match(r"^\s*[-–—]\s*([A-Z][A-Z0-9&]{1,11})(?!\w)", window)
    if dash and is_brand(dash.group(1)) and fold(dash.group(1)).lower() not in words.not_tickers:
        return dash.group(1)
    label = words.short_labels.search(window.lower())
    if label:
        named = re.match(r"\s*[“\"']?([^”\"')]{2,30})", window[label.end():])
        if named and is_brand(named.group(1).strip()):
            return named.group(1).strip()
    return None


def _consensus(cluster: list[_Mention]) -> tuple[str, str]:
    """The name most mentions agree on, word by word (a mention that runs on into other
    words is outvoted where the others end), spelled as most mentions spell it."""
    alive = list(cluster)
    chosen: list[str] = []
    depth = 0
    while True:
        nexts = Counter(fold(m.words[depth]).lower() for m in alive if len(m.words) > depth)
        if not nexts:
            break
        word, count = nexts.most_common(1)[0]
        if len(alive) > 1 and (count < 2 or 2 * count <= len(alive)):
            break
        alive = [m for m in alive if len(m.words) > depth
                 and fold(m.words[depth]).lower() == word]
        chosen.append(Counter(m.words[depth] for m in alive).most_common(1)[0][0])
        depth += 1
    mixed = [m for m in alive if not is_capitals(" ".join(m.words[:depth]))]
    if mixed:  # spelled as a mention in upper and lower case spells it
        chosen = max(mixed, key=lambda m: m.weight).words[:depth]
    best = max(alive, key=lambda m: (not is_capitals(m.legal), m.weight))
    leads = Counter(tuple(m.lead) for m in cluster if m.lead)
    lead = list(max(leads, key=lambda w: (not is_capitals(" ".join(w)), leads[w]))) if leads \
        else []
    written = lead + chosen
    core = titled(written) if all(is_capitals(w) for w in written) else " ".join(written)
    legal = best.legal if not is_capitals(best.legal) and len(best.legal) > 4 else best.form
    suffixes = [m.suffix for m in alive if m.suffix]
    suffix = f" – {suffixes[0]}" if suffixes else ""
    return f"{legal[:1].upper()}{legal[1:]} {core}{suffix}", core


def _ticker(pieces: list[tuple[int, str]], path: str) -> str | None:
    """The ticker the report states ("Mã chứng khoán: ABC"), else the file name's leading
    token when the report writes it too and it is no unit or common word ("VND")."""
    words = load_identity_words()
    text = "\n".join(piece for _, piece in pieces)
    stated = words.stock_code.search(text)
    if stated:
        return stated.group(1).upper()
    token = _TICKER_FILE.match(Path(path).name)
    if token is None:
        return None
    ticker = token.group(1).upper()
    if fold(ticker).lower() in words.not_tickers or not is_brand(ticker):
        return None
    return ticker if re.search(rf"(?<![\w]){ticker}(?![\w])", text) else None


# How far before "(mã chứng khoán: ABC)" the organisation's name may end: the code follows it.
NAME_BEFORE_CODE = 12


def ticker_stated_of(name: str, paragraphs: Sequence[str]) -> str | None:
    """The ticker a report states anywhere right after its organisation's full name
    ("… Công ty Cổ phần ABC (mã chứng khoán: ABC)", in a note far from the first pages)."""
    words = load_identity_words()
    folded_name = fold(name).lower()
    for paragraph in paragraphs:
        for stated in words.stock_code.finditer(paragraph):
            before = fold(paragraph[:stated.start()]).lower().rstrip(" (,-–:")
            if before.endswith(folded_name) or folded_name in before[-len(folded_name)
                                                                       - NAME_BEFORE_CODE:]:
                return stated.group(1).upper()
    return None


@cache
def _legal_forms() -> re.Pattern[str]:
    """One pattern for every legal form, longest first, as whole words (lower case)."""
    forms = [re.escape(form) for form, _ in load_identity_words().legal_forms]
    return re.compile(rf"(?<![\w.])(?:{'|'.join(forms)})(?![\w])")
