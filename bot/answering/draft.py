"""What a strategy proposes (a Draft) and the best sentence it is built on (a Choice): data
the verdict judges and the pipeline turns into an Answer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.kinds import Kind, Talk
from bot.knowledge.documents import Chunk
from bot.search.index import Hit

Sentences = tuple[tuple[str, frozenset[str]], ...]  # a paragraph's sentences and their terms


@dataclass(frozen=True)
class Draft:
    """The answer a strategy proposes; the verdict decides whether it is given."""

    text: str
    kind: Kind | Talk  # the question kind; AUTHOR / DATE for a fact about the document; for
    #                    the bot's own words, what the message was (greeting, help, clarify)
    chunk: Chunk | None = None  # the paragraph it is drawn from and cited (none for a reply)
    score: float = 0.0
    short: str | None = None  # the phrase that answers (a name, a date, a number, "Có"), if any
    talk: bool = False  # the bot's own words (a greeting, the list of reports): nothing to
    #                     check, and nothing found in the reports
    clarify: bool = False  # a question back: the bot cannot tell what is meant
    trusted: bool = False  # nothing to check: the documents' own data (a byline, a date, the list
    #                        of reports) or a summary of the report asked for
    settled: bool = False  # a yes/no answer that compared the question's dates and numbers
    undecided: bool = False  # a yes/no question answered without "Có" or "Không"
    share: float = 1.0  # the share of the question's weight its sentence holds
    margin: float = 1.0  # its sentence's score over the best sentence of another document
    source_text: str | None = None  # what "Xem đoạn gốc" shows, when not the paragraph
    rival: tuple[str, Chunk] | None = None  # the best sentence of the next best document
    also: tuple[str, Chunk] | None = None  # the same fact from a report of another period,
    #                                        given after the answer ("Còn theo «…»: …")
    found: bool = True  # False: nothing to give (a summary of a report with no body text)
    figures: tuple = ()  # the table cells it gives (answering.figures.Cell), for a figure
    chart: tuple[tuple[str, object], ...] = ()  # a series: (period, Decimal figure) in order
    chart_unit: str | None = None  # ... and the unit of its figures
    also_cited: tuple[Chunk, ...] = ()  # other paragraphs the answer draws on (a series)
    from_table: bool = False  # read off a table (a figure, a list of its rows): the row
    #                           matched what was asked; the verdict checks only its names
    no_period: bool = False  # a row names what was asked, but no column the period asked


@dataclass(frozen=True)
class Choice:
    """The best sentence of the best paragraphs, and how clearly it won."""

    hit: Hit
    sentences: Sentences
    index: int  # of the sentence in its paragraph
    share: float  # the share of the question's weight the sentence holds
    margin: float  # its score over the best sentence of any other document (or its score)
    rival: tuple[str, Hit] | None = None  # that other document's best sentence

    @property
    def sentence(self) -> str:
        return self.sentences[self.index][0]
