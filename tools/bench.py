"""Benchmark (`make bench`): build, start-up, memory, cache size and answer latency for
knowledge/ and for archives of 1,000, 10,000 and 100,000 paragraphs of real Vietnamese text.

Archives are written (once) under .bench/ from the shared evaluation passages, sentences
shuffled across paragraphs (tools/archive.py); nothing of them is committed. Whole-process
figures run `python -m bot ask` as a user would, under /usr/bin/time for peak memory;
in-process figures time QA.answer. Medians over runs; no assertions.
Usage: python tools/bench.py [--sizes 1000,10000,100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.search.cache import IndexCache  # noqa: E402
from bot.search.terms import terms  # noqa: E402
from bot.serving.library import load_qa  # noqa: E402
from tools.archive import EVAL, write_archive  # noqa: E402

QUESTION = "Ai chủ trì hội nghị?"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def run(knowledge: Path, data: Path) -> tuple[float, float]:
    """One whole `reportbot ask`: seconds to the answer and peak memory in MB."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "bot", "ask",
                           "--knowledge", str(knowledge), QUESTION], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "BOT_DATA_DIR": str(data)},
                          check=True)
    seconds = time.perf_counter() - start
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def size_of(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def questions(count: int) -> list[str]:
    """Real questions (UIT-ViQuAD and ViNewsQA dev) about the passages the archives use."""
    found = []
    for name in ("viquad", "vinewsqa"):
        with (EVAL / name / "dev_questions.jsonl").open(encoding="utf-8") as rows:
            found += [json.loads(line)["question"] for line in rows]
    return found[::max(1, len(found) // count)][:count]


def latency(qa, asked: list[str]) -> list[float]:
    """Milliseconds per answer, in process, after one answer to warm up."""
    qa.answer(asked[0])
    times = []
    for question in asked:
        start = time.perf_counter()
        qa.answer(question)
        times.append((time.perf_counter() - start) * 1000)
    return times


def against_rank_bm25(qa, asked: list[str]) -> str:
    """Time the same weighted queries through rank-bm25's get_scores and the index."""
    from rank_bm25 import BM25Okapi

    reference = BM25Okapi([terms(f"{c.document.title}\n{c.heading}") + terms(c.text)
                           for c in qa.index.chunks], k1=qa.index.k1, b=qa.index.b)
    ours, theirs = [], []
    for question in asked:
        query = list(dict.fromkeys(terms(question)))
        start = time.perf_counter()
        qa.index.scores(dict.fromkeys(query, 1.0))
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        reference.get_scores(query)
        theirs.append(time.perf_counter() - start)
    return (f"rank-bm25 get_scores {statistics.median(theirs) * 1000:.1f} ms, index "
            f"{statistics.median(ours) * 1000:.2f} ms per query (median of {len(asked)}): "
            f"{statistics.median(theirs) / statistics.median(ours):.0f}x")


def bench_size(folder: Path, data: Path, runs: int, compare: int) -> None:
    label = folder.name
    colds, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(data, ignore_errors=True)
        seconds, peak = run(folder, data)
        colds.append(seconds)
        peaks.append(peak)
    warms, residents = zip(*(run(folder, data) for _ in range(runs)))
    print(f"{label}: first build to first answer {statistics.median(colds):.1f} s "
          f"(peak {statistics.median(peaks):.0f} MB); warm start to first answer "
          f"{statistics.median(warms):.2f} s (peak {statistics.median(residents):.0f} MB); "
          f"cache {size_of(data / 'cache'):.0f} MB", flush=True)
    qa = load_qa(folder, cache=IndexCache(data / "cache"))
    times = latency(qa, questions(300))
    print(f"{label}: 300 questions in process: p50 {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 0.95):.1f} ms, p99 {percentile(times, 0.99):.1f} ms",
          flush=True)
    if compare:
        print(f"{label}: {against_rank_bm25(qa, questions(compare))}", flush=True)


def reload_one_file(folder: Path, data: Path) -> None:
    """Change one file of a large folder and time the live reload."""
    from bot.serving.library import Library

    library = Library(folder, cache=IndexCache(data / "cache"))
    target = sorted(folder.glob("*.txt"))[0]
    original = target.read_text(encoding="utf-8")
    try:
        target.write_text(original + "\nTrạm bơm số 4 khởi công tháng 9 năm nay.\n",
                          encoding="utf-8")
        start = time.perf_counter()
        result = library.reload()
        print(f"{folder.name}: live reload of one changed file: new index serving after "
              f"{result.swap_seconds:.1f} s, cache written after {time.perf_counter() - start:.1f} s"
              f" ({result.message.splitlines()[0]})", flush=True)
    finally:
        target.write_text(original, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bench = ROOT / ".bench"
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        bench_size(ROOT / "knowledge", work / "bundled", args.runs, 0)
        for size in (int(s) for s in args.sizes.split(",")):
            folder = write_archive(bench / f"p{size}", size)
            data = work / f"d{size}"
            bench_size(folder, data, args.runs, compare=20 if size >= 100000 else 100)
            if size >= 10000:
                reload_one_file(folder, data)


if __name__ == "__main__":
    main()
