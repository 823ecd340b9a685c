"""Benchmark (`make bench`): start-up to the first answer and answer latency, for knowledge/.

Whole-process figures run `python -m bot ask` as a user would; in-process figures time
QA.from_folder and QA.answer. Medians and p95 over repeated runs; no assertions.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


def main() -> None:
    knowledge = ROOT / "knowledge"
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "--knowledge", str(knowledge),
                        "Ai chủ trì hội nghị?"], check=True, capture_output=True, cwd=ROOT)
        runs.append(time.perf_counter() - start)
    print(f"whole process, start-up to first answer: median {statistics.median(runs):.3f} s "
          f"(min {min(runs):.3f}, max {max(runs):.3f}, 5 runs)")

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
