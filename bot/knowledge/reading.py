"""A parsed file made a Document: its title (the one the file states, else the one its
identity makes, else its first heading or a readable file name), its byline, the role of each
paragraph (heading, caption, byline, boilerplate, body), what it is (its identity) and the
period it is about."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from bot.knowledge.boilerplate import boilerplate_of
from bot.knowledge.documents import Document
from bot.knowledge.formats import BODY, BOILERPLATE, BYLINE, CAPTION, HEADING, Parsed, parse_text
from bot.knowledge.identity import Identity, identity_of
from bot.language.lexicon import load_patterns
from bot.language.periods import period_of
from bot.language.text import fold, fold_word, has_diacritics, split_sentences, word_count

MAX_BYLINE_WORDS = 6  # a byline names one or two people
CAPTION_WORDS = 30  # a photo caption is one sentence of at most this many words
HEADING_WORDS = 15  # a line this short without a full stop, among paragraphs, is a heading
_SENTENCE_STOP = (".", "!", "?", "…", ":", ";", '"', "”", ")")
# A figure written with thousands marks or as a percentage ("8.159", "1,2 triệu", "45%"):
# a heading names a topic, a line that states a figure is a sentence, full stop or not.
_STATED_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?![\d.,]*\d)|\d(?:[.,]\d+)?\s?%")
# "Đơn vị tính: VND", "ĐVT: triệu đồng" closing a paragraph: the unit of the table below.
_UNIT_STATED = re.compile(r"(?i)\b(?:đơn vị tính|đơn vị|đvt)\s*:\s*[\w ]{1,24}$")
CAPTION_TITLE_WORDS = 40  # a statement's title, its period and its form before its unit
_LONGEST_CAPTION = 12 * CAPTION_WORDS  # characters: no 30-word caption is longer
# A title a PDF or Word file states that only names the file it was made from.
_FILE_TITLE = re.compile(r"(?i)^microsoft (word|excel)\b|\.(docx?|xlsx?|pdf)$|^untitled$")

def document_of(relative: str, parsed: Parsed) -> Document:
    """Give a parsed file its path, a title and its byline."""
    paragraphs = list(parsed.paragraphs)
    pages = parsed.pages if any(p is not None for p in parsed.pages) else ()
    identity = identity_of(paragraphs, relative)
    title = _title(parsed.title, identity, paragraphs) or readable_name(relative, paragraphs)
    author = _byline(paragraphs)
    report = identity.kind is not None  # a report that says what it is: its identity dates it
    signed = identity.signed.isoformat() if report and identity.signed else None
    # A PDF's own date is when the file was made; the day the report was signed tells more.
    date = (signed if relative.lower().endswith(".pdf") else None) or parsed.date or signed
    return Document(
        path=relative,
        title=title,
        date=date,
        paragraphs=tuple(paragraphs),
        author=author,
        pages=pages,
        format=Path(relative).suffix.lower().lstrip(".") or "txt",
        roles=roles_of(paragraphs, parsed.roles, author is not None),
        period=identity.period if report and identity.period else period_of(title, date),
        identity=identity,
        tables=parsed.tables,
    )


def _title(stated: str | None, identity: Identity, paragraphs: Sequence[str]) -> str | None:
    """A title the file states apart from its text (front matter, <title>, document
    properties) wins; then the one its identity makes; then its first heading."""
    made = identity.title()
    apart = stated is not None and not any(stated in p for p in paragraphs)
    if stated and (made is None or apart and not _FILE_TITLE.search(stated)):
        return stated
    return made or stated


def roles_of(paragraphs: Sequence[str], given: Sequence[str], byline: bool) -> tuple[str, ...]:
    """Give each paragraph its role: what the format said, else a byline (the last
    paragraph, when it names the author), a photo caption (one short sentence that reads as
    one: "Ảnh: …", "X và các đại biểu dự …") or a heading (a short line without a full stop
    among other paragraphs that states no figure); and boilerplate (signatures, page
    marks, check boxes, contents, running headers) whatever else it was."""
    roles = list(given) or [BODY] * len(paragraphs)
    caption = load_patterns().caption
    for i, text in enumerate(paragraphs):
        if roles[i] != BODY:
            continue
        if byline and i == len(paragraphs) - 1:
            roles[i] = BYLINE
        elif len(text) > _LONGEST_CAPTION:
            continue  # the cheap test first: most paragraphs are long
        elif (caption.search(text) and word_count(text) <= CAPTION_WORDS
              and len(split_sentences(text)) == 1):
            roles[i] = CAPTION
        elif _captions_table(text) or (
                len(paragraphs) > 1 and not text.rstrip().endswith(_SENTENCE_STOP)
                and word_count(text) <= HEADING_WORDS and not _STATED_FIGURE.search(text)):
            roles[i] = HEADING
    for i in boilerplate_of(paragraphs):
        roles[i] = BOILERPLATE
    return tuple(roles)


def _captions_table(text: str) -> bool:
    """A table's title lines ending in the unit its figures are in ("BÁO CÁO KẾT QUẢ HOẠT
    ĐỘNG KINH DOANH / Năm 2024 / Đơn vị tính: VND"): a heading, however long its title, not
    a sentence that answers."""
    stated = _UNIT_STATED.search(text)
    if stated is None:
        return False
    before = text[:stated.start()]
    return (word_count(before) <= CAPTION_TITLE_WORDS and not _STATED_FIGURE.search(before)
            and not any(stop in before for stop in (". ", "? ", "! ")))


def parse_document(path: str, raw: str) -> Document:
    """Turn a text file's content into a Document (front matter, date marker, headings)."""
    return document_of(path, parse_text(raw))


def readable_name(path: str, paragraphs: Sequence[str] = ()) -> str:
    """Turn 'reports/hoi-nghi_2021.txt' into 'Hoi nghi 2021', or into 'Hội nghị 2021' when
    the document's own words give every word of the name its diacritics."""
    stem = Path(path).stem
    name = re.sub(r"[-_.]+", " ", stem).strip() or stem
    if not has_diacritics(name):
        name = _with_diacritics(name, paragraphs) or name
    return name[:1].upper() + name[1:]


def _with_diacritics(name: str, paragraphs: Sequence[str]) -> str | None:
    """Spell a name typed without diacritics as the document spells its words: each word
    takes the form that best joins its neighbours there ('so ket' -> 'sơ kết', not 'số
    kết'); None when some word of the name (other than a number) is not in the document."""
    wanted = set(name.lower().split())
    text = " ".join(paragraphs).lower()
    tokens = re.findall(r"\w+", text)
    folded = re.findall(r"\w+", fold(text))  # folding keeps every letter a letter
    if len(folded) != len(tokens):
        folded = [fold_word(token) for token in tokens]
    hits = [i for i, word in enumerate(folded) if word in wanted]
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for i in hits:
        forms[folded[i]][tokens[i]] += 1
    near = set(hits)
    pairs = Counter((tokens[i], tokens[i + 1]) for i in hits if i + 1 in near)
    best: dict[str, tuple[int, int, list[str]]] = {"": (0, 0, [])}  # last form -> score, words
    for word in name.lower().split():
        options = Counter({word: 1}) if word.isdigit() else forms.get(word)
        if not options:
            return None
        step: dict[str, tuple[int, int, list[str]]] = {}
        for form, seen in options.items():
            step[form] = max((joined + pairs[(last, form)], count + seen, spelled + [form])
                             for last, (joined, count, spelled) in best.items())
        best = step
    return " ".join(max(best.values())[2])


def _byline(paragraphs: list[str]) -> str | None:
    """Return the last paragraph when it reads as an author's name ('XUÂN TÙNG')."""
    if len(paragraphs) < 2:
        return None
    last = paragraphs[-1].strip()
    names = load_patterns().byline_prefix.sub("", last)
    tokens = names.replace(",", " ").split()
    if not 1 <= word_count(names) <= MAX_BYLINE_WORDS or last.endswith((".", "?", "!", ":")):
        return None
    if all(t[:1].isupper() for t in tokens):
        return last
    return None
