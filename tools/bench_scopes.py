"""Benchmark: what scopes cost in memory. One index serves every chat; a scope is a mask over
its rows, so ten scopes should cost about what one does.

Writes a knowledge folder of ten team folders (paragraphs of knowledge/'s report, each team's
with words of its own), loads it once, then answers questions through 1 scope and through 10,
and prints the memory traced (tracemalloc) and the process's resident memory after each. The
answering's bounded caches (sentences_of: 1,024 paragraphs; cells.resolved) fill with
whatever paragraphs the questions touch, scoped or not: they are emptied before each figure,
so that it counts what the scopes themselves hold (the raw figure is printed too).
Usage: python tools/bench_scopes.py [--paragraphs 3000] [--scopes 10]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering import cells, sentences  # noqa: E402
from bot.answering.pipeline import QA  # noqa: E402
from bot.conversation.chat import ask  # noqa: E402
from bot.language.text import split_sentences  # noqa: E402
from bot.serving.scopes import Scope, ScopedQAs  # noqa: E402

QUESTIONS = ("Ai chủ trì hội nghị?", "Có những tài liệu nào?", "tóm tắt giúp mình",
             "Giá xăng tuần này thế nào?", "doi ngu can bo chien si")
DOCUMENTS_PER_TEAM = 10


def write_folder(root: Path, paragraphs: int, teams: int) -> None:
    """`paragraphs` paragraphs in all, in DOCUMENTS_PER_TEAM documents per team folder."""
    text = next((ROOT / "knowledge").glob("*.txt")).read_text(encoding="utf-8")
    sentences = [s for p in text.split("\n\n") for s in split_sentences(p) if len(s) > 30]
    rng = random.Random(7)
    per_document = max(1, paragraphs // (teams * DOCUMENTS_PER_TEAM))
    for team in range(teams):
        folder = root / f"team{team}"
        folder.mkdir(parents=True)
        for number in range(DOCUMENTS_PER_TEAM):
            body = [" ".join(rng.sample(sentences, 3)) + f" Nhóm{team} mã{team}x{number}."
                    for _ in range(per_document)]
            (folder / f"bao-cao-{number}.txt").write_text(
                f"Báo cáo số {number} của nhóm {team}\n\n" + "\n\n".join(body),
                encoding="utf-8")


def resident_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 1e6


def traced_mb(clear: bool) -> float:
    if clear:
        sentences.sentences_of.cache_clear()
        cells.resolved.cache_clear()
    gc.collect()
    return tracemalloc.get_traced_memory()[0] / 1e6


def measure(qa: QA, views: ScopedQAs, teams: int) -> tuple[float, float, float]:
    """Answer every question through `teams` scopes; return (traced MB, traced MB with the
    answering's caches emptied, resident MB)."""
    for team in range(teams):
        scoped = views.qa_for(qa, Scope(f"team{team}", (f"team{team}",)))
        for question in QUESTIONS:
            ask(scoped, question)
    return traced_mb(False), traced_mb(True), resident_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=3000)
    parser.add_argument("--scopes", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "kb"
        write_folder(root, args.paragraphs, args.scopes)
        tracemalloc.start()
        qa = QA.from_folder(root)
        for question in QUESTIONS:  # the whole index's own lazy parts (spelling, caches)
            ask(qa, question)
        base = traced_mb(True)
        one = measure(qa, ScopedQAs(), 1)
        kept = ScopedQAs()  # held while measured
        many = measure(qa, kept, args.scopes)
    print(f"{len(qa.index.chunks)} chunks in {len(qa.knowledge.documents)} documents; MB:")
    print("                 traced   traced, caches emptied   resident")
    print(f"unscoped                  {base:8.1f}")
    for name, (raw, clean, rss) in (("1 scope", one), (f"{args.scopes} scopes", many)):
        print(f"{name:<12} {raw:10.1f} {clean:16.1f} {rss:18.1f}")
    print(f"{args.scopes} scopes / 1 scope: traced {many[0] / one[0]:.3f}, caches emptied "
          f"{many[1] / one[1]:.3f}, resident {many[2] / one[2]:.3f}")


if __name__ == "__main__":
    main()
