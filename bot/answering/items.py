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
Words = tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """How well a row's label names the item."""

    extra: int  # label words the item does not say
    exact: bool  # the label is the item, word for word


def normalized(text: str, patterns: Patterns) -> Words:
    """The folded words of a label or an item, remarks in parentheses dropped, equivalent
    phrasings made one ("lãi" / "lợi nhuận", "tổng cộng" / "tổng"; patterns.json
    figure_equivalents)."""
    said = " " + " ".join(w for run in words(fold(_PARENTHESES.sub(" ", text)).lower())
                          for w in run) + " "
    for phrase, same in patterns.figure_equivalents:
        said = said.replace(f" {phrase} ", f" {same} " if same else " ")
    return tuple(said.split())


def item_words(text: str, taken: list[tuple[int, int]], lexicon: Lexicon) -> Words:
    """The words of the item a question asks for: what its text says outside the `taken`
    places (its periods, the organisations it names), less its frame ("đạt", "tăng", "so
    với"). A word typed with diacritics is a frame word only as spelled; one
    typed without them, folded ("tai" may be "tài" of "tài sản" as well as "tại")."""
    patterns = lexicon.patterns
    kept = list(text.lower())
    for start, end in taken:
        kept[start:end] = " " * (end - start)
    said = "".join(kept)
    for phrase in patterns.figure_frame_phrases:
        said = re.sub(rf"\b{re.escape(phrase)}\b", " ", said)
        folded_phrase = fold(phrase)
        if folded_phrase != phrase:
            said = re.sub(rf"\b{re.escape(folded_phrase)}\b", " ", said)
    frame = patterns.figure_frame
    folded_frame = {fold(w) for w in frame}
    item = []
    for run in words(said):
        for word in run:
            plain_typed = not has_diacritics(word)
            if (word in frame or (plain_typed and word in folded_frame)
                    or word[:1].isdigit()):
                continue
            item.append(word)
    return normalized(" ".join(item), patterns)


def match(item: Words, label: Words, patterns: Patterns) -> Match | None:
    """How the label names the item; None when it names another thing."""
    if not item or not label:
        return None
    lead = 0
    while (lead < len(label) - 1 and label[lead] != item[0]
           and label[lead] in patterns.figure_leads):
        lead += 1  # "tổng nợ phải trả", "cộng": a total of the item
    if label[lead] != item[0] or not set(item) <= set(label):
        return None
    extra = len(set(label[lead:]) - set(item))
    return Match(extra, label[lead:] == item)
