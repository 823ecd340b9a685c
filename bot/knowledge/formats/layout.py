"""A scanned page's layout rebuilt from the word boxes OCR read: the words of each visual line
left to right (across the columns of a table, the page's skew taken out), and the lines
that are not a table's joined into paragraphs."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from bot.knowledge.formats.ocr import PageWords, Word

LINE_TOLERANCE = 0.5  # word heights: pieces of text whose middles are nearer than this stand
#                       on one line (lines of text are at least twice that apart)
MAX_SKEW = 0.05  # a page turned by more than about 3 degrees is not straightened
SKEW_WORDS = 4  # a piece of text with this many words or more shows the page's skew
JUNK_CONFIDENCE = 60.0  # a box of signs only (a table's rules, specks) read with less
#                         confidence than this is not text
PARAGRAPH_GAP = 0.8  # word heights of empty space above a line that starts a paragraph
SHORT_LINE = 0.8  # a line this much shorter than the page's text ends its paragraph (the
#                   last line of a paragraph rarely fills the width)
WIDE_GAP = 3.0  # word heights: a gap this wide inside a line parts blocks side by side
#                 (signatures, a letterhead's two columns), each its own paragraph
CAPITALS = 0.8  # a line with this share of its letters in capitals is a heading (OCR reads
#                 a few capitals small)
_LETTER_OR_DIGIT = re.compile(r"\w")


@dataclass(frozen=True)
class Line:
    """One visual line: its words left to right and its extent (skew taken out)."""

    words: tuple[Word, ...]
    top: float
    bottom: float

    @property
    def left(self) -> int:
        return self.words[0].left

    @property
    def right(self) -> int:
        return max(w.right for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def segments(self, gap: float) -> list[tuple[Word, ...]]:
        """The runs of words parted by empty space wider than `gap` pixels."""
        runs: list[list[Word]] = [[self.words[0]]]
        for word in self.words[1:]:
            if word.left - runs[-1][-1].right > gap:
                runs.append([])
            runs[-1].append(word)
        return [tuple(run) for run in runs]


def word_height(page: PageWords) -> float:
    """The typical height of a word's box on the page (the unit of every gap here)."""
    heights = [w.height for w in page.words if _LETTER_OR_DIGIT.search(w.text)]
    return float(statistics.median(heights)) if heights else 0.0


def visual_lines(page: PageWords) -> list[Line]:
    """The page's lines top to bottom: Tesseract's pieces of text that stand side by side
    (the cells of a table row) joined, left to right."""
    words = [w for w in page.words
             if _LETTER_OR_DIGIT.search(w.text) or w.confidence >= JUNK_CONFIDENCE]
    if not words:
        return []
    height = word_height(page) or 1.0
    pieces: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        pieces.setdefault(word.line, []).append(word)
    slope = _skew(list(pieces.values()))

    def middle(word: Word) -> float:
        return (word.top + word.bottom) / 2 - slope * (word.left + word.right) / 2

    placed = sorted(((statistics.median(middle(w) for w in piece), piece)
                     for piece in pieces.values()), key=lambda item: item[0])
    rows: list[tuple[float, list[Word]]] = []  # (middle of its first piece, its words)
    for centre, piece in placed:
        target = None
        for row_centre, row_words in reversed(rows):
            if centre - row_centre > LINE_TOLERANCE * height:
                break
            if not any(_overlap(w, other) for w in piece for other in row_words):
                target = row_words
                break
        if target is None:
            rows.append((centre, list(piece)))
        else:
            target.extend(piece)
    lines = []
    for _, row_words in rows:
        row_words.sort(key=lambda w: w.left)
        lines.append(Line(tuple(row_words), min(middle(w) - w.height / 2 for w in row_words),
                          max(middle(w) + w.height / 2 for w in row_words)))
    return sorted(lines, key=lambda line: (line.top + line.bottom) / 2)


def _overlap(a: Word, b: Word) -> bool:
    return a.left < b.right and b.left < a.right


def _skew(pieces: list[list[Word]]) -> float:
    """The page's skew (pixels down per pixel right): the median slope of the bottoms of
    long pieces of text; 0 when too few show it or it is too large to be a skew."""
    slopes = []
    for piece in pieces:
        if len(piece) < SKEW_WORDS:
            continue
        xs = [(w.left + w.right) / 2 for w in piece]
        ys = [w.bottom for w in piece]
        mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
        spread = sum((x - mean_x) ** 2 for x in xs)
        if spread:
            slopes.append(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread)
    if len(slopes) < 3:
        return 0.0
    slope = statistics.median(slopes)
    return slope if abs(slope) <= MAX_SKEW else 0.0


def capitals(text: str) -> bool:
    """Whether a line is written in capitals (a heading: "BẢNG CÂN ĐỐI KẾ TOÁN"): most of its
    letters, and three of them at least."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= CAPITALS * len(letters)


def paragraphs(lines: list[Line], height: float) -> list[str]:
    """Join lines into paragraphs: a paragraph ends at empty space above the next line, after
    a line much shorter than the page's text, where a line starts further right (a centred
    title, an indented first line), and around a line in capitals (a heading); blocks side
    by side are paragraphs of their own."""
    if not lines:
        return []
    widths = sorted(line.right - line.left for line in lines)
    text_width = widths[int(0.9 * (len(widths) - 1))]
    found: list[str] = []
    current: list[str] = []
    previous: Line | None = None
    for line in lines:
        parts = line.segments(WIDE_GAP * height)
        if len(parts) > 1:
            found.extend(p for p in [" ".join(current)] if p)
            found.extend(" ".join(w.text for w in part) for part in parts)
            current, previous = [], None
            continue
        if previous is not None and (
                line.top - previous.bottom > PARAGRAPH_GAP * height
                or previous.right - previous.left < SHORT_LINE * text_width
                or line.left - previous.left > height
                or capitals(line.text) != capitals(previous.text)):
            found.append(" ".join(current))
            current = []
        if current and current[-1].endswith("-") and line.text[:1].islower():
            current[-1] = current[-1][:-1] + line.text  # a word hyphenated across lines
        else:
            current.append(line.text)
        previous = line
    if current:
        found.append(" ".join(current))
    return found
