"""What the person on call reads at /metrics: the metric definitions, in a registry of our
own (not prometheus-client's global one), so that each bot, and each test, counts apart.

Counters are counted where things happen (a question answered, a send retried); what the
index and the queue hold is read at each scrape from the live objects, so it cannot drift.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.answering.answer import Answer
from bot.serving.library import Library

# Answers take milliseconds; a summary over many reports or a first answer loading pyvi
# takes seconds; beyond 10 s something is wrong.
ANSWER_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
NO_REASON = "none"  # the reason label of a question that was not declined


class Metrics:
    """The bot's metrics; `watch` says where the index and the queue are read from."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.questions = Counter(
            "reportbot_questions", "Questions asked, by outcome (answered, declined, reply, "
            "clarify) and, for a decline, its reason", ["outcome", "reason"],
            registry=self.registry)
        self.answer_seconds = Histogram(
            "reportbot_answer_seconds", "Seconds from taking a question up to its answer "
            "composed (the wait in the queue and the send not included)",
            buckets=ANSWER_BUCKETS, registry=self.registry)
        self.send_retries = Counter(
            "reportbot_send_retries", "Bot API calls sent again after a network error, a "
            "timeout or a 5xx", registry=self.registry)
        self.send_give_ups = Counter(
            "reportbot_send_give_ups", "Bot API calls given up after TELEGRAM_SEND_DEADLINE",
            registry=self.registry)

    def asked(self, answer: Answer, seconds: float) -> None:
        """Count a question and how long its answer took."""
        reason = answer.reason.value if answer.declined and answer.reason else NO_REASON
        self.questions.labels(answer.outcome.value, reason).inc()
        self.answer_seconds.observe(seconds)

    def watch(self, library: Callable[[], Library | None],
              queue_depth: Callable[[], int]) -> None:
        """Read the index's size from `library()` and the queue's depth at every scrape."""
        self.registry.register(_Live(library, queue_depth))

    def text(self) -> bytes:
        """All metrics in Prometheus's text format."""
        return generate_latest(self.registry)


class _Live(Collector):
    """The gauges read at scrape time: the index served (none while the first is built) and
    the updates waiting."""

    def __init__(self, library: Callable[[], Library | None],
                 queue_depth: Callable[[], int]) -> None:
        self.library, self.queue_depth = library, queue_depth

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily("reportbot_queue_depth", "Updates waiting for their turn",
                                value=self.queue_depth())
        library = self.library()
        yield GaugeMetricFamily("reportbot_index_ready", "1 once the index is loaded",
                                value=int(library is not None))
        if library is None:
            return
        knowledge, build = library.qa.knowledge, library.build
        for name, text, value in (
                ("index_documents", "Documents in the index", len(knowledge.documents)),
                ("index_paragraphs", "Paragraphs in the index", len(knowledge.chunks)),
                ("documents_skipped", "Files of the knowledge folder that could not be used",
                 len(knowledge.skipped)),
                ("index_build_seconds", "Seconds the last build (or load from the cache) of "
                 "the index took", build.seconds),
                ("index_built_timestamp_seconds", "When the index served was built or loaded "
                 "(Unix time)", build.at),
                ("index_age_seconds", "Seconds since the index served was built or loaded",
                 time.time() - build.at)):
            yield GaugeMetricFamily(f"reportbot_{name}", text, value=value)
