"""Summaries asked of news articles with a human summary (VNDS), scored by ROUGE beside the
articles' lead sentences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.answering.pipeline import QA
from bot.evaluation.cases import jsonl
from bot.evaluation.rouge import Rouge, rouge
from bot.knowledge.documents import Document, Knowledge
from bot.language.periods import period_of
from bot.language.text import normalize


@dataclass(frozen=True)
class Article:
    """A news article with its human-written summary (VNDS)."""

    path: str
    title: str
    summary: str
    body: tuple[str, ...]


@dataclass(frozen=True)
class SummaryReport:
    """Summaries asked of every article, against its human summary and its lead sentences."""

    asked: int
    right_article: int  # answers citing the article asked about
    title_only: int  # answers that are the title and nothing else
    bot: Rouge  # mean F-scores of the bot's answers
    leads: tuple[Rouge, ...]  # mean F-scores of the first 1, 2, 3 sentences of the body

    def to_dict(self) -> dict:
        def scores(r: Rouge) -> dict:
            return {"rouge1": round(r.one, 4), "rouge2": round(r.two, 4),
                    "rougeL": round(r.longest, 4)}
        return {"asked": self.asked, "right_article": self.right_article,
                "title_only": self.title_only, "bot": scores(self.bot),
                **{f"lead{n}": scores(r) for n, r in enumerate(self.leads, start=1)}}


SUMMARY_QUESTIONS = ("Tóm tắt bài «{title}»", "Bài «{title}» nói về gì?")


def load_articles(path: str | Path) -> tuple[Knowledge, list[Article]]:
    """Read VNDS-style articles ({id, title, summary, body: [sentences]}) into one document
    per article: its title, its body a paragraph per sentence."""
    articles = []
    for number, row in jsonl(Path(path)):
        if not {"id", "title", "summary", "body"} <= row.keys():
            raise ValueError(f"{path}:{number}: an article needs id, title, summary and body")
        body = tuple(normalize(s) for s in row["body"] if normalize(s))
        articles.append(Article(f"{row['id']}.txt", normalize(row["title"]),
                                normalize(row["summary"]), body))
    documents = tuple(Document(a.path, a.title, None, a.body, period=period_of(a.title, None))
                      for a in articles if a.body)
    return Knowledge(str(path), documents, ()), articles


def evaluate_summaries(qa: QA, articles: Iterable[Article]) -> SummaryReport:
    """Ask for a summary of every article, both ways, and score the answers."""
    asked = right = title_only = 0
    bot: list[Rouge] = []
    leads: list[list[Rouge]] = [[], [], []]
    for article in articles:
        for n in range(3):
            leads[n].append(rouge(" ".join(article.body[:n + 1]), article.summary))
        for template in SUMMARY_QUESTIONS:
            answer = qa.answer(template.format(title=article.title))
            asked += 1
            right += bool(answer.sources) and answer.sources[0].document == article.path
            title_only += normalize(answer.text).rstrip(".") == article.title.rstrip(".")
            bot.append(rouge(answer.text if answer.found else "", article.summary))
    return SummaryReport(asked, right, title_only, _mean(bot), tuple(_mean(r) for r in leads))


def _mean(scores: list[Rouge]) -> Rouge:
    n = max(1, len(scores))
    return Rouge(sum(s.one for s in scores) / n, sum(s.two for s in scores) / n,
                 sum(s.longest for s in scores) / n)
