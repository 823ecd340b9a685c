"""Score question files: report style (expected strings) and passage style (UIT-ViQuAD)."""

from __future__ import annotations

import json
import random
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.answering.answer import Answer
from bot.answering.pipeline import QA
from bot.conversation.chat import ask
from bot.evaluation.rouge import Rouge, rouge
from bot.knowledge.documents import Document, Knowledge
from bot.language.periods import period_of
from bot.language.text import fold, normalize, split_sentences, word_count, words

OUT_OF_KNOWLEDGE = "out-of-knowledge"  # the kind of a question about a document left out
TYPINGS = ("as-written", "unaccented", "mixed")


@dataclass(frozen=True)
class Case:
    """One question to score: what to expect, its kind, and its gold passage if any."""

    question: str
    expect: tuple[str, ...]
    kind: str
    gold: tuple[str, int] | None = None  # (document, paragraph) of the passage
    expect_all: tuple[str, ...] = ()  # strings that must all be in the answer (lists)
    turns: tuple[str, ...] = ()  # earlier turns of the conversation, asked first
    min_sentences: int = 0  # an answer of at least this many sentences (summaries)


@dataclass(frozen=True)
class Outcome:
    """How the bot did on one case."""

    case: Case
    passed: bool
    found: bool
    answer: str
    rank: int | None  # 1-based rank of the gold passage among the hits, None if absent
    short: str | None = None  # the short answer given


@dataclass(frozen=True)
class Report:
    """Totals over a question file."""

    outcomes: tuple[Outcome, ...]

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """Return kind -> (passed, total), kinds in first-seen order."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            counts[o.case.kind][0] += o.passed
            counts[o.case.kind][1] += 1
        return {kind: (p, t) for kind, (p, t) in counts.items()}

    def answerable(self) -> tuple[int, int]:
        """(passed, total) over the cases that have an answer to find."""
        cases = [o for o in self.outcomes if o.case.expect or o.case.expect_all]
        return sum(o.passed for o in cases), len(cases)

    def declined(self) -> tuple[int, int]:
        """(declined, total) over the cases the bot should decline."""
        cases = [o for o in self.outcomes if not (o.case.expect or o.case.expect_all)]
        return sum(not o.found for o in cases), len(cases)

    def hit_at(self, k: int) -> float | None:
        """Share of passage-style cases whose gold passage ranks within the top k."""
        ranked = [o for o in self.outcomes if o.case.gold is not None]
        if not ranked:
            return None
        return sum(1 for o in ranked if o.rank is not None and o.rank <= k) / len(ranked)

    def short_scores(self) -> tuple[float, float, int] | None:
        """SQuAD-style exact match and F1 of the short answers against the gold answers, over
        the passage-style questions of the kinds that have one (who, when, where, how
        many), and how many there are; a missing short answer scores 0."""
        cases = [o for o in self.outcomes if o.case.gold is not None and o.case.expect
                 and o.case.kind in SHORT_KINDS]
        if not cases:
            return None
        exact = sum(max(_squad_exact(o.short, e) for e in o.case.expect) for o in cases)
        f1 = sum(max(_squad_f1(o.short, e) for e in o.case.expect) for o in cases)
        return exact / len(cases), f1 / len(cases), len(cases)

    def median_words(self) -> float:
        """Median length in words of the answers given (found ones)."""
        lengths = [word_count(o.answer) for o in self.outcomes if o.found]
        return statistics.median(lengths) if lengths else 0.0

    def to_dict(self) -> dict:
        answerable, declinable = self.answerable(), self.declined()
        return {
            "passed": self.passed,
            "total": self.total,
            "accuracy": round(self.passed / self.total, 4) if self.total else None,
            "by_kind": {k: {"passed": p, "total": t} for k, (p, t) in self.by_kind().items()},
            "answerable": {"passed": answerable[0], "total": answerable[1]},
            "declined": {"declined": declinable[0], "total": declinable[1]},
            "hit_at_1": _round(self.hit_at(1)),
            "hit_at_5": _round(self.hit_at(5)),
            "median_answer_words": self.median_words(),
            "short": (dict(zip(("exact", "f1", "questions"), self.short_scores()))
                      if self.short_scores() else None),
            "found": sum(o.found for o in self.outcomes),
        }


SHORT_KINDS = ("who", "when", "where", "how_many")


def _squad_tokens(text: str | None) -> list[str]:
    """Lower-case syllables without punctuation, as SQuAD's scorer normalizes answers."""
    return [w for run in words(text or "") for w in run if w != "%"]


def _squad_exact(given: str | None, gold: str) -> float:
    return float(bool(given) and _squad_tokens(given) == _squad_tokens(gold))


def _squad_f1(given: str | None, gold: str) -> float:
    got, want = Counter(_squad_tokens(given)), Counter(_squad_tokens(gold))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _fold_case(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def passes(case: Case, found: bool, answer: str) -> bool:
    """A pass: the answer holds an expected string (all of `expect_all`, and at least
    `min_sentences` sentences); no expected string at all means declining."""
    if not case.expect and not case.expect_all:
        return not found
    said = _fold_case(answer)
    return (found
            and (not case.expect or any(_fold_case(e) in said for e in case.expect))
            and all(_fold_case(e) in said for e in case.expect_all)
            and len(split_sentences(answer)) >= case.min_sentences)


def _jsonl(path: Path) -> Iterable[tuple[int, dict]]:
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON object ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            yield number, row


def load_passages(path: str | Path) -> tuple[Knowledge, dict[str, tuple[str, int]]]:
    """Build one document per passage title; return it and passage id -> (document, paragraph)."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for number, row in _jsonl(Path(path)):
        if not {"id", "title", "text"} <= row.keys():
            raise ValueError(f"{path}:{number}: a passage needs id, title and text")
        grouped.setdefault(row["title"], []).append((row["id"], normalize(row["text"])))
    documents, where = [], {}
    for title, passages in grouped.items():
        for paragraph, (pid, _) in enumerate(passages, start=1):
            where[pid] = (title, paragraph)
        documents.append(Document(title, title, None, tuple(text for _, text in passages),
                                  period=period_of(title, None)))
    return Knowledge(str(path), tuple(documents), ()), where


def load_cases(path: str | Path, where: dict[str, tuple[str, int]] | None = None) -> list[Case]:
    """Read a question file of either shape."""
    cases = []
    for number, row in _jsonl(Path(path)):
        if "q" in row or "turns" in row:
            turns = tuple(row.get("turns") or ())
            question = row.get("q") or (turns[-1] if turns else "")
            cases.append(Case(question, tuple(row.get("expect") or ()), row.get("kind", "all"),
                              expect_all=tuple(row.get("expect_all") or ()),
                              turns=turns[:-1] if "q" not in row else turns,
                              min_sentences=int(row.get("min_sentences") or 0)))
        elif "question" in row:
            gold = (where or {}).get(row.get("passage_id", ""))
            cases.append(Case(row["question"], tuple(row.get("answers") or ()), "", gold))
        else:
            raise ValueError(f"{path}:{number}: a question needs 'q' or 'turns' (report "
                             "style) or 'question' (passage style)")
    return cases


def hold_out(knowledge: Knowledge, cases: list[Case],
             seed: int) -> tuple[Knowledge, list[Case]]:
    """Leave half of the documents out (a seeded shuffle picks them): questions about them
    must now be declined. Returns the knowledge kept and the cases re-labelled."""
    documents = list(knowledge.documents)
    random.Random(seed).shuffle(documents)
    kept = documents[:(len(documents) + 1) // 2]
    kept_paths = {d.path for d in kept}
    relabelled = [case if case.gold is None or case.gold[0] in kept_paths
                  else replace(case, expect=(), kind=OUT_OF_KNOWLEDGE, gold=None)
                  for case in cases]
    order = {d.path: i for i, d in enumerate(knowledge.documents)}
    kept.sort(key=lambda d: order[d.path])
    return replace(knowledge, documents=tuple(kept)), relabelled


def retype(question: str, typing: str) -> str:
    """Type a question as people often do: as written, without any diacritics, or with every
    other word without them ("Ai chủ trì hoi nghị?")."""
    if typing == "unaccented":
        return fold(question)
    if typing == "mixed":
        parts = question.split(" ")
        return " ".join(fold(p) if i % 2 else p for i, p in enumerate(parts))
    return question


def evaluate(qa: QA, cases: Iterable[Case],
             answered: Callable[[Answer], None] | None = None) -> Report:
    """Ask every question and score the answers; `answered` sees each scored answer."""
    outcomes = []
    for case in cases:
        turn = None
        for earlier in case.turns:  # a conversation: its last turn is scored
            turn = ask(qa, earlier, turn).turn
        traced = ask(qa, case.question, turn).trace
        answer, hits = traced.answer, traced.hits
        if answered is not None:
            answered(answer)
        kind = case.kind or (traced.query.kind if traced.query else "other")
        rank = None
        if case.gold is not None:
            spots = [(h.chunk.document.path, h.chunk.paragraph) for h in hits]
            rank = spots.index(case.gold) + 1 if case.gold in spots else None
        outcomes.append(Outcome(replace(case, kind=kind), passes(case, answer.found, answer.text),
                                answer.found, answer.text, rank,
                                answer.short if answer.found else None))
    return Report(tuple(outcomes))


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
    for number, row in _jsonl(Path(path)):
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
