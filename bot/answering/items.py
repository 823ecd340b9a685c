"""What a figure question asks for (its item: "doanh thu thuần", "lợi nhuận sau thuế", "tổng
tài sản") and which table rows name it. Vietnamese line items are head-first noun phrases:
a row names the item when its label opens with the item's head word and holds all the item's
words ("Doanh thu thuần về bán hàng và cung cấp dịch vụ" for "doanh thu thuần"), and the
fewer other words it has, the closer it is ("Nợ phải trả" before "Nợ phải trả ngắn hạn");
"Chi phí nhân viên" is no count of staff."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.lexicon import Lexicon, Patterns
from bot.language.text import fold, has_diacritics, words

_PARENTHESES = re.compile(r"\([^()]*\)")
_ENUMERATION = re.compile(r"(?:[ivxlc]+|[a-h]|\d{1,3})")  # "A -", "II.", "1." opening a label
Words = tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """The folded words a label must hold (in order of the question, the first its head),
    and words that may belong to it or to the question's frame: typed without diacritics,
    "so" is the "sở" of "chủ sở hữu" or the "so" of "so với", "co" "cổ" or "có"."""

    required: Words
    optional: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.required)

    def __str__(self) -> str:
        return " ".join(self.required)


@dataclass(frozen=True)
class Match:
    """How well a row's label names the item."""

    extra: int  # label words the item does not say
    exact: bool  # the label is the item, word for word
    helped: bool = False  # the label names the item only with words of the table's title


def normalized(text: str, patterns: Patterns) -> Words:
    """The folded words of a label or an item, remarks in parentheses dropped, equivalent
    phrasings made one ("lãi" / "lợi nhuận", "tổng cộng" / "tổng"; patterns.json
    figure_equivalents)."""
    said = " " + " ".join(w for run in words(fold(_PARENTHESES.sub(" ", text)).lower())
                          for w in run) + " "
    for phrase, same in patterns.figure_equivalents:
        said = said.replace(f" {phrase} ", f" {same} " if same else " ")
    return tuple(said.split())


def item_words(text: str, taken: list[tuple[int, int]], lexicon: Lexicon) -> Item:
    """The item a question asks for: what its text says outside the `taken` places (its
    periods, the organisations it names), less its frame ("đạt", "tăng", "so với"). A word
    typed with diacritics is a frame word only as spelled; one typed without them that folds
    to a frame word may be either, so it is optional."""
    patterns = lexicon.patterns
    kept = list(text.lower())
    for start, end in sorted(taken):
        kept[start:end] = " " * (end - start)
        _drop_leading(kept, start, patterns.figure_span_words)
    said = _without_dropped(_without_asked_unit("".join(kept), patterns), patterns)
    # A period left beside another ("cùng kỳ năm trước … quý 3") is no part of the item.
    said = patterns.period_span.sub(lambda m: " " * len(m.group(0)), said)
    for phrase in patterns.figure_frame_phrases:
        said = re.sub(rf"\b{re.escape(phrase)}\b", " ", said)
        folded_phrase = fold(phrase)
        if folded_phrase != phrase:
            said = re.sub(rf"\b{re.escape(folded_phrase)}\b", " ", said)
    frame = patterns.figure_frame
    folded_frame = {fold(w) for w in frame}
    required, optional = [], set()
    for run in words(said):
        for word in run:
            if word in frame or not word[:1].isalpha():
                continue
            if not has_diacritics(word) and word in folded_frame:
                optional.update(normalized(word, patterns))
                continue
            required.append(word)
    return Item(normalized(" ".join(required), patterns), frozenset(optional))


def _drop_leading(kept: list[str], start: int, leading: frozenset[str]) -> None:
    """Blank the little words that tie a period or a name to the item, right before it
    ("tiền gửi của khách hàng | tại | ngân hàng X", "nợ phải trả | tại ngày | 31/3/2025"),
    typed with diacritics or without: before a name or a date they are no part of a line
    item."""
    end = start
    while True:
        text = "".join(kept[:end])
        found = re.search(r"(\w+)\s*$", text)
        if found is None or fold(found.group(1)) not in leading:
            return
        kept[found.start(1):found.end(1)] = " " * (found.end(1) - found.start(1))
        end = found.start(1)


def _without_dropped(said: str, patterns: Patterns) -> str:
    """The question less the phrases a label is matched without ("các khoản" of "tiền và
    các khoản tương đương tiền"), before its frame words ("các") are taken out of them."""
    dropped = [phrase.split() for phrase, same in patterns.figure_equivalents if not same]
    tokens = said.split(" ")
    folded = [fold(t).strip("?.,!") for t in tokens]
    for phrase in dropped:
        for i in range(len(tokens) - len(phrase) + 1):
            if folded[i:i + len(phrase)] == phrase:
                tokens[i:i + len(phrase)] = [" " * len(t) for t in tokens[i:i + len(phrase)]]
    return " ".join(tokens)


def _without_asked_unit(said: str, patterns: Patterns) -> str:
    """The question less the unit it asks the answer in, right after "bao nhiêu" or "mấy"
    ("là bao nhiêu tỷ đồng?")."""
    tokens = said.split(" ")
    folded = [fold(t).strip("?.,!") for t in tokens]
    for i, word in enumerate(folded):
        if word == "nhieu" and folded[i - 1:i] == ["bao"] or word == "may":
            j = i + 1
            while j < len(tokens):
                pair = " ".join(folded[j:j + 2])
                step = 2 if pair in patterns.asked_units else 1 if (
                    folded[j] in patterns.asked_units) else 0
                if not step:
                    break
                tokens[j:j + step] = [" " * len(t) for t in tokens[j:j + step]]
                j += step
    return " ".join(tokens)


def match(item: Item, label: Words, patterns: Patterns, context: Words = ()) -> Match | None:
    """How the label names the item; None when it names another thing. Words the item opens
    with that the table's title says ("chỉ số giá" of "Chỉ số giá tiêu dùng …") are the
    table's, not the row's: "chỉ số giá hàng ăn" is the row "Hàng ăn và dịch vụ ăn uống" — but
a row that names the item in its own words comes first (the "doanh" of "kinh doanh" in a
title does not make "Thu nhập khác" a "doanh thu")."""
    found = _match(item.required, item.optional, label, patterns)
    lead = 0
    while found is None and lead < len(item.required) - 1 and item.required[lead] in context:
        lead += 1
        found = _match(item.required[lead:], item.optional, label, patterns)
    if found is not None and lead:
        skipped = item.required[:lead]
        if not _says(context, skipped) or (lead == 1 and context[:1] != skipped):
            return None  # the title says those words together, as it opens, or not at all
        if _cuts(item.required[lead - 1:lead + 1], context):
            return None  # "hoạt động kinh | doanh chính" of "Kết quả hoạt động kinh doanh"
        return Match(found.extra, found.exact, helped=True)
    total = item.required[0] in patterns.figure_leads and len(item.required) > 1
    if total and (found is None or not found.exact):
        # "Tổng nợ phải trả" is the row "C. NỢ PHẢI TRẢ" of form B01, which totals it without
        # saying "tổng", before "Tổng cộng nợ phải trả và vốn chủ sở hữu".
        bare = _match(item.required[1:], item.optional | {item.required[0]}, label, patterns)
        if bare is not None and (found is None or bare.extra < found.extra):
            return bare
    return found


def _says(title: Words, phrase: Words) -> bool:
    """Tell whether the title holds the phrase, its words side by side."""
    return any(title[i:i + len(phrase)] == phrase for i in range(len(title) - len(phrase) + 1))


# A title this short that ends with the words cut ("Giá vàng", "Bảng giá vàng") names what
# every row is a kind of: "giá vàng miếng" is its row "Vàng miếng".
SHORT_TITLE = 4


def _cuts(pair: Words, title: Words) -> bool:
    """Whether the item's words the title holds end inside one of the title's phrases: the
    last word left to the table and the first left to the row stand side by side in it
    ("hoạt động kinh | doanh chính" of "Kết quả hoạt động kinh doanh")."""
    if len(title) <= SHORT_TITLE and title[-2:] == pair:
        return False
    return any(title[i:i + 2] == pair for i in range(len(title) - 1))


def said_of(item: Item, patterns: Patterns) -> frozenset[str]:
    """The words a row must say to name the item: all of it but a total's "tổng"."""
    required = item.required
    if len(required) > 1 and required[0] in patterns.figure_leads:
        required = required[1:]
    return frozenset(required)


def _match(required: Words, optional: frozenset[str], label: Words,
           patterns: Patterns) -> Match | None:
    if not required or not label:
        return None
    lead = 0
    while lead < len(label) - 1 and label[lead] != required[0] and (
            label[lead] in patterns.figure_leads or _ENUMERATION.fullmatch(label[lead])):
        lead += 1  # "tổng nợ phải trả", "B - Vốn chủ sở hữu": a total, a numbered item
    named = label[lead:]
    if named[0] != required[0] or not set(required) <= set(named):
        return None
    extra = len(set(named) - set(required) - optional)
    return Match(extra, extra == 0)
