"""Paragraphs that are never content: signature blocks ("Người lập biểu", "Kế toán trưởng"
with names under them), digital-signature stamps ("Signature Not Verified", "Ký bởi: …"),
check boxes ("[x] định kỳ"), page marks ("Trang 5", "5/36"), tables of contents, and the
running headers and footers repeated on every page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from bot.language.lexicon import load_identity_words

SIGNATURE_WORDS = 80  # a signature block (titles, "(Ký, họ tên)", names) is no longer
DIGITAL_WORDS = 40  # a digital-signature stamp: who signed, when
NAME_WORDS = (2, 5)  # a person's name under a title has two to five syllables
TITLE_WORDS = 4  # a title alone under a signature ("Phó Tổng Giám đốc")
BOXES = 2  # check boxes: a line of at least two is a form's options
BOX_WORDS = 6  # one box with this few words beside it is an option too
CONTENTS_ROWS = 0.6  # a table whose rows end with page numbers this often is a contents
CONTENTS_LINES = 3  # page numbers in a paragraph under "MỤC LỤC" that make it a contents
CONTENTS_LINE_WORDS = 15  # one line of a contents: a part's name and its page
RUNNING_REPEATS = 3  # a short line on this many pages is a running header or footer
RUNNING_WORDS = 25
_PAGE_NUMBER = re.compile(r"(?<![\d.,/])\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*$")
_PAGE_NUMBERS = re.compile(r"(?<![\d.,/])\d{1,3}(?:\s*[-–]\s*\d{1,3})?(?=\s+[^\W\d]|\s*$)")
_ROW = re.compile(r"\|([^|]*)\|\s*$")
_NAME = re.compile(r"[^\W\d_][^\W_]*")
_LONGEST = 12 * SIGNATURE_WORDS  # characters: no boilerplate paragraph but a contents is longer


def word_count(text: str) -> int:
    """Words as spaces part them: enough to tell a short line from a long one, and cheap on
    the long tables most paragraphs of a statement are."""
    return len(text.split())


_CONTINUED = re.compile(r"\s*\(tiếp theo\)\s*$", re.IGNORECASE)


def boilerplate_of(paragraphs: Sequence[str]) -> set[int]:
    """The indexes (0-based) of the paragraphs that are boilerplate."""
    words = load_identity_words()
    found = {i for i, text in enumerate(paragraphs) if _is_boilerplate(text, words)}
    found |= _contents(paragraphs, words)
    found |= _running(paragraphs, words)
    return found


def _is_boilerplate(text: str, words) -> bool:
    if len(text) > _LONGEST:
        return False
    low = words.page_marker_prefix.sub("", text.strip().lower()).strip()
    if not low or words.page_mark.match(low):
        return True  # "-----------Page 3", "Trang 5", "5/36", "- 12 -"
    count = word_count(low)
    if words.digital_signature.search(low) and count <= DIGITAL_WORDS:
        return True
    boxes = len(words.check_boxes.findall(low))
    if boxes >= BOXES or (boxes and count <= BOX_WORDS):
        return True
    if words.signature_marks.search(low) and count <= SIGNATURE_WORDS:
        return True
    return _signature_line(text, words)


def _signature_line(text: str, words) -> bool:
    """A title alone or a name and a title: "Tổng Giám đốc", "Chu Văn Phương Tổng Giám
    đốc" (a section "BAN TỔNG GIÁM ĐỐC" is not one)."""
    stripped = text.strip().rstrip(",.:")
    titles = list(words.signature_titles.finditer(stripped.lower()))
    if not titles or word_count(stripped) > NAME_WORDS[1] + 6:
        return False
    rest = stripped
    for m in reversed(titles):
        rest = rest[:m.start()] + " " + rest[m.end():]
    names = rest.split()
    if not names:
        return word_count(stripped) <= TITLE_WORDS
    return (NAME_WORDS[0] <= len(names) <= NAME_WORDS[1]
            and all(_NAME.fullmatch(n) and n[:1].isupper() for n in names)
            and not any(n.lower() in words.not_names for n in names))


def _contents(paragraphs: Sequence[str], words) -> set[int]:
    """A table of contents: a table whose rows end with page numbers ("| Nội dung | Trang
    |"), or the lines under a "MỤC LỤC" heading that end with them, and that heading."""
    found = set()
    for i, text in enumerate(paragraphs):
        if "|" in text and _is_contents_table(text):
            found.add(i)
            if i and _is_contents_heading(paragraphs[i - 1], words):
                found.add(i - 1)
        elif _is_contents_heading(text, words):
            j = i + 1
            while j < len(paragraphs) and _is_contents_lines(paragraphs[j]):
                found.update((i, j))
                j += 1
    return found


def _is_contents_lines(text: str) -> bool:
    """A line of a contents ("Báo cáo của Ban Giám đốc 1 - 2"), or many run together."""
    numbers = len(_PAGE_NUMBERS.findall(text))
    return numbers >= CONTENTS_LINES or (numbers >= 1 and bool(_PAGE_NUMBER.search(text))
                                         and word_count(text) <= CONTENTS_LINE_WORDS)


def _is_contents_heading(text: str, words) -> bool:
    low = words.page_marker_prefix.sub("", text.strip().lower()).strip(" #*:")
    return bool(words.contents_headings.fullmatch(low))


def _is_contents_table(text: str) -> bool:
    rows = [r for r in re.split(r"\|\s*\|", text) if r.strip(" |-")]
    header = rows[0].lower() if rows else ""
    if "trang" not in header and "page" not in header:
        return False
    body = rows[1:]
    ended = sum(bool(_PAGE_NUMBER.search(r.strip(" |"))) for r in body)
    return bool(body) and ended >= CONTENTS_ROWS * len(body)


def _running(paragraphs: Sequence[str], words) -> set[int]:
    """Short lines repeated on many pages that name the organisation, the statement form
    or say "(tiếp theo)": running headers and footers."""
    keys = [_CONTINUED.sub("", words.page_marker_prefix.sub("", p.strip().lower())).strip()
            if len(p) < _LONGEST else "" for p in paragraphs]
    counts = Counter(k for k in keys if k and word_count(k) <= RUNNING_WORDS)
    seen: set[str] = set()
    found = set()
    for i, k in enumerate(keys):
        if counts.get(k, 0) >= RUNNING_REPEATS and (_legal_form().search(k)
                                                     or words.running_marks.search(k)):
            if k in seen:  # the first one is the cover's or the section's own heading
                found.add(i)
            seen.add(k)
    return found


@cache
def _legal_form() -> re.Pattern[str]:
    """A legal form anywhere in a lower-case line: the organisation's running header."""
    forms = [re.escape(form) for form, _ in load_identity_words().legal_forms]
    return re.compile(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)")
