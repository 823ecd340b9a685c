"""Benchmark (`make bench`): start-up to the first answer and answer latency, for knowledge/.

Whole-process figures run `python -m bot ask` as a user would; in-process figures time
QA.from_folder and QA.answer. Medians and p95 over repeated runs; no assertions.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.cache import IndexCache  # noqa: E402
from bot.composer import sentences_of  # noqa: E402
from bot.qa import QA  # noqa: E402
from bot.text import split_sentences, words  # noqa: E402

FIXED = ["Ai chủ trì hội nghị?", "ai chu tri hoi nghi", "Giá xăng tuần này thế nào?",
         "kéo giảm bao nhiêu % tội phạm", "Ai viết bài báo này?", "xin chào"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def questions(qa: QA, count: int) -> list[str]:
    """Questions made from the report's own sentences: random word windows, some folded."""
    rng = random.Random(7)
    sentences = [s for d in qa.knowledge.documents for p in d.paragraphs for s in split_sentences(p)]
    out = list(FIXED)
    while len(out) < count:
        tokens = [w for run in words(rng.choice(sentences)) for w in run]
        start = rng.randrange(max(1, len(tokens) - 6))
        out.append(" ".join(tokens[start:start + rng.randint(3, 8)]) + rng.choice(["?", " là gì", " ko"]))
    return out


def start_up(knowledge: Path, data: Path, warm: bool, runs: int = 3) -> list[float]:
    """Whole-process start-up to the first answer; cold runs start with an empty cache."""
    times = []
    for _ in range(runs):
        if not warm:
            shutil.rmtree(data, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "--knowledge", str(knowledge),
                        "Ai chủ trì hội nghị?"], check=True, capture_output=True, cwd=ROOT,
                       env={**os.environ, "BOT_DATA_DIR": str(data)})
        times.append(time.perf_counter() - start)
    return times


def large_folder(folder: Path, files: int = 100, paragraphs: int = 100) -> Path:
    """Write files x paragraphs of report-like text made from the bundled report's sentences."""
    report = (ROOT / "knowledge").glob("*.txt")
    sentences = [s for path in report for p in path.read_text(encoding="utf-8").split("\n\n")
                 for s in split_sentences(p)]
    rng = random.Random(1)
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        text = "\n\n".join(" ".join(rng.sample(sentences, 3)) for _ in range(paragraphs))
        (folder / f"bao-cao-{f:03}.txt").write_text(text, encoding="utf-8")
    return folder


def report(label: str, times: list[float]) -> None:
    print(f"{label}: median {statistics.median(times):.2f} s (min {min(times):.2f}, "
          f"max {max(times):.2f}, {len(times)} runs)")


def main() -> None:
    knowledge = ROOT / "knowledge"
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import pyvi.ViTokenizer"], check=True)
        print(f"importing pyvi alone: {time.perf_counter() - start:.2f} s")
        report("bundled report, cold start to first answer", start_up(knowledge, work / "d1", False))
        report("bundled report, warm start to first answer", start_up(knowledge, work / "d1", True))
        big = large_folder(work / "big")
        report("10,000 paragraphs, cold start to first answer",
               start_up(big, work / "d2", False, runs=2))
        report("10,000 paragraphs, warm start to first answer",
               start_up(big, work / "d2", True, runs=3))
        large = QA.from_folder(big, cache=IndexCache(work / "d2" / "cache"))
        asked = questions(large, 300)
        for label, forget in (("each question new", True), ("as asked", False)):
            latencies = []
            for question in asked:
                if forget:
                    sentences_of.cache_clear()  # no paragraph read before
                start = time.perf_counter()
                large.answer(question)
                latencies.append((time.perf_counter() - start) * 1000)
            print(f"10,000 paragraphs, {len(asked)} questions ({label}): p50 "
                  f"{statistics.median(latencies):.2f} ms, p95 {percentile(latencies, 0.95):.2f} ms")

    start = time.perf_counter()
    qa = QA.from_folder(knowledge)
    built = time.perf_counter() - start
    start = time.perf_counter()
    qa.answer(FIXED[0])
    first = time.perf_counter() - start
    print(f"in process: load + index {built * 1000:.1f} ms, first answer {first * 1000:.1f} ms")

    asked = questions(qa, 300)
    latencies = []
    for question in asked:
        start = time.perf_counter()
        qa.answer(question)
        latencies.append((time.perf_counter() - start) * 1000)
    print(f"in process, {len(asked)} questions: p50 {statistics.median(latencies):.2f} ms, "
          f"p95 {percentile(latencies, 0.95):.2f} ms")

    piped = "\n".join(asked) + "\n"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot", "ask", "--knowledge", str(knowledge), "--json", "-"],
                   input=piped, text=True, check=True, capture_output=True, cwd=ROOT)
    whole = time.perf_counter() - start
    print(f"whole process, {len(asked)} questions through `ask --json -`: {whole:.2f} s "
          f"({whole / len(asked) * 1000:.2f} ms per question including start-up)")


if __name__ == "__main__":
    main()
